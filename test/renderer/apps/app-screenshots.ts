// The MCP Apps as pictures, light and dark, for the screenshots script (screenshots.ts): each app
// drawn by the SDK's AppBridge in Chromium over the built engine on a seeded local timesheet, the
// way the tests drive it, so a picture shows what a chat client shows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { type EngineHandle, makeUserDataDir, startEngine, textOf, type ToolResult, writeSettings } from '../../support/engine.ts';
import { calendarText } from '../../support/ics.ts';
import { drawn, launchChromium } from '../harness.ts';
import { type AppHost, buildHostScript, type OpenAppOptions, openApp, type Theme } from './app-host.ts';

// Wednesday 18 November 2026, Buß- und Bettag in Saxony.
const NOW = '2026-11-18T10:00:00+01:00';

interface AppState {
  name: string;
  what: string;
  tool: string;
  args?: Record<string, unknown>;
  act?: (host: AppHost) => Promise<void>;
  /** Puts the seeded timesheet back as it was, where opening the app changed it. */
  after?: (engine: EngineHandle) => Promise<void>;
  /** Tools the host answers itself (app-host.ts, hostAnswers). */
  hostAnswers?: OpenAppOptions['hostAnswers'];
}

/** The timer the seeded timesheet runs (seededEngine); app-timer-stopped stops it and starts it again. */
const RUNNING = { project: 'Okapi Support', description: 'Planning the release', start: '2026-11-18T07:55' };

export const APP_STATES: AppState[] = [
  {
    name: 'app-timer-running',
    what: 'the Timer app: the running timer with Clock out and Switch task',
    tool: 'timer_status',
    act: (host) => host.app.getByRole('button', { name: 'Clock out' }).waitFor(),
  },
  {
    name: 'app-timer-stopped',
    what: "the Timer app opened by the model's clock_out: what was stopped and for how long, with Continue",
    tool: 'clock_out',
    args: { end: '2026-11-18T10:00' },
    act: (host) => host.app.getByRole('button', { name: /^Continue / }).waitFor(),
    after: async (engine) => {
      const { entries } = (await seed(engine, 'list_time_entries', { from: '2026-11-18', to: '2026-11-18' })).structuredContent as {
        entries: Array<{ id: number }>;
      };
      for (const { id } of entries) await seed(engine, 'delete_time_entry', { id });
      await seed(engine, 'clock_in', RUNNING);
    },
  },
  {
    name: 'app-week',
    what: 'the Week app: days against their targets, what is missing, the holiday',
    tool: 'list_time_entries',
    act: (host) => host.app.getByText('Fill the gap').first().waitFor(),
  },
  {
    name: 'app-week-delete',
    what: 'the Week app asking before it deletes an entry',
    tool: 'list_time_entries',
    act: async (host) => {
      await host.app.getByRole('button', { name: /^Delete 09:00–17:00/ }).click();
      await host.app.getByRole('button', { name: 'Delete for good' }).waitFor();
    },
  },
  {
    name: 'app-week-approved',
    what: 'the Week app on an approved week: who approved it, its entries kept as approved, and why',
    tool: 'time_report',
    args: { from: '2026-11-16', to: '2026-11-22' },
    // The local timesheet has no approvals: the host answers list_timesheet_approvals as the engine
    // does where the back end has them (mcp-server/contract/tools/list-timesheet-approvals.ts).
    hostAnswers: {
      list_timesheet_approvals: () => ({
        content: [{ type: 'text', text: 'Timesheet submissions of yours, 2026-11-16 to 2026-11-22.' }],
        structuredContent: {
          whose: 'mine',
          submissions: [
            {
              id: '65f0c1a2b3',
              person: 'Ada Lovelace',
              period: 'week',
              first_day: '2026-11-16',
              last_day: '2026-11-22',
              status: 'approved',
              hours: 14,
              note: null,
              decided_by: 'Bea Lead',
            },
          ],
          more: false,
          from: '2026-11-16',
          to: '2026-11-22',
          rejection_note_kept: true,
        },
      }),
    },
    act: (host) => host.app.getByText('Kept as approved').first().waitFor(),
  },
  {
    name: 'app-leave',
    what: 'the Leave planner: a week chosen, its cost and the balance after it',
    tool: 'absence_calendar',
    act: async (host) => {
      await host.app.getByRole('button', { name: /^Monday, November 23/ }).click();
      await host.app.getByRole('button', { name: /^Friday, November 27/ }).click();
      await host.app.getByRole('button', { name: 'Request leave' }).waitFor();
    },
  },
  {
    name: 'app-suggested-day',
    what: "the suggested day: the calendar's drafts beside what is booked, one accepted, one without a project",
    tool: 'suggest_entries',
    args: { from: '2026-11-16' },
    act: async (host) => {
      await host.app.getByRole('button', { name: /^Accept 16:00–17:00 Okapi Support/ }).click();
      await host.app.getByRole('button', { name: 'Book 1 entry' }).waitFor();
    },
  },
];

/** The seeded person's calendar: meetings around what the timesheet holds on Monday. */
const CALENDAR = calendarText([
  { uid: 'inbox-1', start: '20261116T080000', end: '20261116T083000', summary: 'Inbox and planning' },
  { uid: 'lunch-1', start: '20261116T120000', end: '20261116T130000', summary: 'Lunch with the design team' },
  { uid: 'release-1', start: '20261116T160000', end: '20261116T170000', summary: 'Okapi release planning' },
]);

/** A call that sets up a picture; a refusal stops the run rather than drawing the wrong state. */
async function seed(engine: EngineHandle, tool: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = await engine.call(tool, args);
  if (result.isError) throw new Error(`${tool} was refused while setting up the app pictures: ${textOf(result)}`);
  return result;
}

async function seededEngine(): Promise<EngineHandle> {
  const userDataDir = makeUserDataDir();
  const calendar = join(userDataDir, 'work.ics');
  writeFileSync(calendar, CALENDAR);
  writeSettings(userDataDir, {
    holidays: { country: 'DE', state: 'SN' },
    tools: { enabled: { update_time_entry: true, delete_time_entry: true } },
    evidence: { emails: ['ada@example.com'], calendars: [{ name: 'Work', file: calendar }], rules: [{ match: 'okapi', project: RUNNING.project }] },
  });
  const engine = await startEngine({ era: 'modern', apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
  for (const [start, end, description] of [
    ['2026-11-16T09:00', '2026-11-16T12:00', 'Quarterly report'],
    ['2026-11-16T13:00', '2026-11-16T16:00', 'Code review'],
    ['2026-11-17T09:00', '2026-11-17T17:00', 'Workshop'],
  ] as const) {
    await seed(engine, 'log_time', { start, end, description });
  }
  await seed(engine, 'create_catalog_item', { kind: 'project', name: RUNNING.project });
  await seed(engine, 'clock_in', RUNNING);
  return engine;
}

export async function renderAppScreenshots(options: {
  out: string;
  themes?: readonly Theme[];
  /** Only the states of these names (all where absent). */
  only?: readonly string[];
  log?: (line: string) => void;
}): Promise<string[]> {
  mkdirSync(options.out, { recursive: true });
  const browser: Browser = await launchChromium();
  const engine = await seededEngine();
  const written: string[] = [];
  try {
    await buildHostScript();
    for (const theme of options.themes ?? ['light', 'dark']) {
      for (const state of APP_STATES.filter((candidate) => options.only === undefined || options.only.includes(candidate.name))) {
        const file = resolve(options.out, `${state.name}-${theme}.png`);
        const host = await openApp(browser, {
          client: engine.client,
          tool: state.tool,
          ...(state.args ? { args: state.args } : {}),
          ...(state.hostAnswers ? { hostAnswers: state.hostAnswers } : {}),
          theme,
          width: 720,
          fixedTime: Date.parse(NOW),
        });
        try {
          await state.act?.(host);
          await drawn(host.page);
          await host.page.locator('iframe').screenshot({ path: file });
          if (host.problems.length > 0) throw new Error(`${state.name} (${theme}) reported problems: ${host.problems.join('; ')}`);
        } finally {
          await host.close();
          await state.after?.(engine);
        }
        written.push(file);
        options.log?.(`${file}: ${state.what}`);
      }
    }
  } finally {
    await engine.close();
    await browser.close();
  }
  return written;
}
