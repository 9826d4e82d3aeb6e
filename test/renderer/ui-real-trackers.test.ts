// Several trackers at once (issue 86) in the REAL app: the built window in headless Chromium, main's
// real handlers behind the loopback bridge, and the real engine over stdio reading a config.json with
// two connections, "acme" (the default) and "beta", both local timesheets (real-app.ts). What the
// window shows is the engine's own spanning answers (timer_status, list_time_entries, time_report)
// as main shapes them; what the window does is checked where it lands, in each connection's own
// timesheet, through a second engine asked with `tracker`. Both timesheets hand out entry #1, so every
// change of an existing entry must name its connection or the engine refuses it (tracker_required).
//
// The Status and Timesheet screens go to test-output/screenshots/real-trackers-<screen>.png and through
// axe-core. Needs the built window and engine (dist/), Chromium and the keyring tools; fails, never skips.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADA as CLOCKIFY_ADA, seedWorkspace, startFakeClockify, type FakeClockify } from '../mcp-server/providers/clockify/fake-clockify.ts';
import { trayModel, type MenuItemSpec } from '../../main/tray/tray-model.ts';
import type { StatusView } from '../../window-contract/status.ts';
import { axeViolations } from '../support/axe.ts';
import { startEngine, textOf } from '../support/engine.ts';
import { screenOf } from './harness.ts';
import { TOKEN_HEADER } from './bridge-server.ts';
import { closeSession, endTest, open, openSession, requireBuilds, SCREENSHOTS, startRealApp, TEST_ZONE, type RealApp, type Session } from './real-app.ts';

// Each test drives the whole app and several engine processes on a shared machine: generous, never a timing assertion.
vi.setConfig({ testTimeout: 90_000 });

const PATIENCE = { timeout: 15_000 };
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', ...PATIENCE });
const hidden = (locator: Locator) => locator.waitFor({ state: 'hidden', ...PATIENCE });
const text = (locator: Locator) => expect.poll(() => locator.innerText(), PATIENCE);
/** The words of an element as a screen reader reads them (a connection's label has a hidden "in"). */
const words = (locator: Locator) => expect.poll(() => locator.textContent(), PATIENCE);

const ACME_PROJECT = 'Website relaunch';
const BETA_PROJECT = 'Beta Corp';
const NEW_PROJECT = 'Garden shed';

type Entry = { id: number; project: string | null; description: string | null; start: string; end: string | null; tracker?: string };

/** The day in `zone` now, YYYY-MM-DD. */
function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A day as the timesheet names its section: "Monday, November 23". */
function dayName(date: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${date}T12:00:00Z`));
}

interface Paths {
  home: string;
  userData: string;
  zone: string;
}

/** A second engine on the app's data, as an AI client starts it: each call's structured answer, which must not be a refusal. */
async function withEngine<T>(
  paths: Paths,
  use: (call: (tool: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>) => Promise<T>,
): Promise<T> {
  const engine = await startEngine({ userDataDir: paths.userData, args: ['--all-tools'], env: { HOME: paths.home, TZ: paths.zone } });
  try {
    return await use(async (tool, args) => {
      const result = await engine.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}: ${textOf(result)}`).toBeFalsy();
      return result.structuredContent as Record<string, unknown>;
    });
  } finally {
    await engine.close();
  }
}

/** One connection's entries of today, asked of that connection alone. */
async function entriesIn(app: RealApp, tracker: string): Promise<Entry[]> {
  return withEngine(app, async (call) => {
    const listed = await call('list_time_entries', { from: 'today', to: 'today', tracker });
    expect(listed.tracker).toBe(tracker);
    return listed.entries as Entry[];
  });
}

/** The running timers, each with its connection, as the engine's spanning timer_status has them. */
async function timersOf(app: RealApp): Promise<Array<{ tracker: string; project: string | null }>> {
  return withEngine(app, async (call) => {
    const status = await call('timer_status', {});
    return ((status.timers ?? []) as Entry[]).map((timer) => ({ tracker: String(timer.tracker), project: timer.project }));
  });
}

/**
 * config.json with two local connections, each with a project of its own and one entry this morning:
 * both timesheets give out #1. Seeded through the engine itself, as a person or an AI client would have.
 */
function twoLocalTrackers(timers?: 'per_tracker') {
  return async (paths: Paths) => {
    writeFileSync(
      join(paths.userData, 'config.json'),
      JSON.stringify({
        schemaVersion: 1,
        provider: { name: 'acme', type: 'local' },
        trackers: [{ name: 'beta', type: 'local' }],
        ...(timers ? { timers } : {}),
      }),
    );
    const today = todayIn(paths.zone);
    await withEngine(paths, async (call) => {
      for (const [tracker, project, start, end, note] of [
        ['acme', ACME_PROJECT, '08:00', '09:00', 'Acme stand-up'],
        ['beta', BETA_PROJECT, '09:00', '10:30', 'Beta review'],
      ] as const) {
        await call('create_catalog_item', { kind: 'project', name: project, tracker });
        const logged = await call('log_time', { project, start: `${today}T${start}`, end: `${today}T${end}`, description: note, tracker });
        expect(logged.tracker).toBe(tracker);
      }
    });
  };
}

/** The real app on two local connections, for one describe block. */
function twoConnections(timers?: 'per_tracker'): () => { app: RealApp; session: Session } {
  let app: RealApp | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    requireBuilds();
    app = await startRealApp({ prepare: twoLocalTrackers(timers) });
    session = await openSession(app);
  });
  afterEach(() => endTest(session));
  afterAll(() => closeSession(session, app));
  return () => {
    if (!app || !session) throw new Error('The real app did not start (see the beforeAll failure).');
    return { app, session };
  };
}

/** Main's status as the window and the tray get it, through the bridge (the real handlers). */
async function statusOf(app: RealApp): Promise<StatusView> {
  const response = await fetch(`${app.url}/ipc/getStatus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: app.token },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: StatusView }).result;
}

const labelsOf = (items: readonly MenuItemSpec[]): string[] => items.flatMap((item) => ('label' in item ? [item.label] : []));

async function showOnly(page: Page, screenName: 'status' | 'timesheet' | 'reports', tracker: string | null): Promise<void> {
  await screenOf(page, screenName)
    .getByRole('combobox', { name: 'Show' })
    .selectOption(tracker ?? '');
}

describe('the real app with two local connections, one timer overall', () => {
  const the = twoConnections();

  it('labels today’s entries by connection from the engine’s spanning answers, and clocks in on beta into beta’s timesheet', async () => {
    const { app, session } = the();
    const page = await open(session, 'status');
    const status = screenOf(page, 'status');
    await visible(status.getByText('Not running'));
    const today = status.getByRole('region', { name: 'Today' });
    const entries = today.getByRole('list', { name: 'Today’s entries' });
    await expect.poll(() => entries.locator('.tracker-tag').allTextContents(), PATIENCE).toEqual(['in acme', 'in beta']);
    await text(today.locator('.total')).toBe('2 h 30 min');
    await text(today.getByRole('list', { name: 'Today per connection' })).toMatch(
      // The two share the settings' week: its target is said once, for both together.
      /^acme 1 h(?: of .*)?\nbeta 1 h 30 min(?: of .*)?\nacme and beta together 2 h 30 min(?: of .*)?$/,
    );

    // beta alone, then typed work starts there.
    await showOnly(page, 'status', 'beta');
    await expect.poll(() => entries.getByRole('listitem').count(), PATIENCE).toBe(1);
    await status.getByLabel('Project', { exact: true }).fill(BETA_PROJECT);
    await status.getByLabel('Note').fill('Beta backlog');
    await status.getByRole('button', { name: 'Clock in' }).click();
    await words(status.locator('.timer .what')).toBe(`${BETA_PROJECT}in beta`);
    expect(await status.getByRole('alert').count()).toBe(0);
    expect(await timersOf(app)).toEqual([{ tracker: 'beta', project: BETA_PROJECT }]);

    // Seen with every connection: the timer named with beta, the running entry labelled.
    await showOnly(page, 'status', null);
    await words(status.locator('.timer .what')).toBe(`${BETA_PROJECT}in beta`);
    await expect.poll(() => entries.locator('li.running .tracker-tag').allTextContents(), PATIENCE).toEqual(['in beta']);

    // The tray's model, from main's real status: the timer's line names its connection.
    const tray = trayModel({ status: await statusOf(app), now: Date.now(), platform: 'linux', clients: [], timeZone: app.zone });
    expect(tray.icon).toBe('running');
    expect(labelsOf(tray.menu).some((label) => label.startsWith(`beta: ${BETA_PROJECT}`))).toBe(true);

    await page.screenshot({ path: resolve(SCREENSHOTS, 'real-trackers-status.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await status.getByRole('button', { name: 'Clock out' }).click();
    await visible(status.getByText('Not running'));
    expect(await timersOf(app)).toEqual([]);
    const beta = await entriesIn(app, 'beta');
    expect(beta.map((entry) => [entry.project, entry.description, entry.end !== null])).toEqual([
      [BETA_PROJECT, 'Beta review', true],
      [BETA_PROJECT, 'Beta backlog', true],
    ]);
    expect((await entriesIn(app, 'acme')).map((entry) => entry.description)).toEqual(['Acme stand-up']);
  });

  it('starts a project nobody created in the local connection shown, beta or acme, even where the other has one of that name', async () => {
    const { app, session } = the();
    const page = await open(session, 'status');
    const status = screenOf(page, 'status');
    await visible(status.getByText('Not running'));
    // beta is a local timesheet too: typing a new name there is how one starts it, as on the default.
    await showOnly(page, 'status', 'beta');
    await status.getByLabel('Project', { exact: true }).fill(NEW_PROJECT);
    await status.getByRole('button', { name: 'Clock in' }).click();
    await words(status.locator('.timer .what')).toBe(`${NEW_PROJECT}in beta`);
    expect(await status.getByRole('alert').allInnerTexts()).toEqual([]);
    // acme, shown alone, starts its own "Beta Corp", though beta has one of that name (one timer overall: beta's stops).
    await showOnly(page, 'status', 'acme');
    await status.getByLabel('Project', { exact: true }).fill(BETA_PROJECT);
    await status.getByRole('button', { name: 'Clock in' }).click();
    await words(status.locator('.timer .what')).toBe(`${BETA_PROJECT}in acme`);
    expect(await status.getByRole('alert').allInnerTexts()).toEqual([]);
    expect(await timersOf(app)).toEqual([{ tracker: 'acme', project: BETA_PROJECT }]);
    await status.getByRole('button', { name: 'Clock out' }).click();
    await visible(status.getByText('Not running'));
    const projects = await withEngine(app, async (call) => ({
      acme: ((await call('list_catalog', { tracker: 'acme' })).projects as Array<{ name: string }>).map((project) => project.name).sort(),
      beta: ((await call('list_catalog', { tracker: 'beta' })).projects as Array<{ name: string }>).map((project) => project.name).sort(),
    }));
    expect(projects).toEqual({ acme: [BETA_PROJECT, ACME_PROJECT], beta: [BETA_PROJECT, NEW_PROJECT] });
  });

  it('logs a new entry in the connection chosen, and changes and deletes beta’s #1 in beta alone, acme’s #1 untouched', async () => {
    const { app, session } = the();
    const page = await open(session, 'timesheet');
    const sheet = screenOf(page, 'timesheet');
    const day = sheet.getByRole('region', { name: dayName(todayIn(app.zone)) });
    await expect.poll(() => day.locator('.tracker-tag').allTextContents(), PATIENCE).toContain('in beta');

    await sheet.getByRole('button', { name: `Add entry on ${dayName(todayIn(app.zone))}` }).click();
    const form = sheet.getByRole('form', { name: 'New entry' });
    const connection = form.getByRole('combobox', { name: 'Connection' });
    expect(await connection.inputValue()).toBe('acme');
    await connection.selectOption('beta');
    await form.getByLabel('Start').fill('06:00');
    await form.getByLabel('End').fill('06:45');
    await form.getByLabel('Project').fill(BETA_PROJECT);
    await form.getByLabel('Note').fill('Early beta call');
    await form.getByRole('button', { name: 'Save' }).click();
    await hidden(form);
    expect(await sheet.getByRole('alert').count()).toBe(0);
    await expect.poll(async () => (await entriesIn(app, 'beta')).map((entry) => entry.description), PATIENCE).toContain('Early beta call');
    expect((await entriesIn(app, 'acme')).map((entry) => entry.description)).not.toContain('Early beta call');

    await page.screenshot({ path: resolve(SCREENSHOTS, 'real-trackers-timesheet.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // beta's "Beta review" is #1 in beta, as acme's stand-up is #1 in acme.
    const betaReview = (await entriesIn(app, 'beta')).find((entry) => entry.description === 'Beta review');
    const acmeBefore = await entriesIn(app, 'acme');
    const acmeStandUp = acmeBefore.find((entry) => entry.description === 'Acme stand-up');
    expect(betaReview?.id).toBe(acmeStandUp?.id);

    await day.getByRole('button', { name: `Edit ${BETA_PROJECT}, 9:00 AM` }).click();
    const editor = day.getByRole('form', { name: 'Change the entry' });
    await editor.getByLabel('Note').fill('Beta review, with notes');
    await editor.getByLabel('Note').press('Enter');
    await hidden(editor);
    expect(await sheet.getByRole('alert').count()).toBe(0);
    await expect
      .poll(async () => (await entriesIn(app, 'beta')).find((entry) => entry.id === betaReview?.id)?.description, PATIENCE)
      .toBe('Beta review, with notes');
    expect((await entriesIn(app, 'acme')).find((entry) => entry.id === acmeStandUp?.id)?.description).toBe('Acme stand-up');

    await day.getByRole('button', { name: `Delete ${BETA_PROJECT}, 9:00 AM` }).click();
    await day.getByRole('group', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await entriesIn(app, 'beta')).some((entry) => entry.id === betaReview?.id), PATIENCE).toBe(false);
    expect(await sheet.getByRole('alert').count()).toBe(0);
    expect(await entriesIn(app, 'acme')).toEqual(acmeBefore);
  });

  it('reports each connection in a section of its own, and its projects labelled', async () => {
    const { session } = the();
    const page = await open(session, 'reports');
    const reports = screenOf(page, 'reports');
    await visible(reports.getByRole('region', { name: 'Connection acme (default)' }));
    await visible(reports.getByRole('region', { name: 'Connection beta' }));
    const byProject = reports.getByRole('region', { name: 'Hours by project' });
    await expect.poll(async () => (await byProject.locator('.tracker-tag').allTextContents()).sort(), PATIENCE).toEqual(['in acme', 'in beta']);
    await text(byProject).toContain(ACME_PROJECT);
    await text(byProject).toContain(BETA_PROJECT);
    await showOnly(page, 'reports', 'beta');
    await hidden(reports.getByRole('region', { name: 'Connection acme (default)' }));
    await text(reports.locator('.summary-cards .figure').first()).toContain('Worked');
  });
});

describe('the real app with two local connections, a timer in each', () => {
  const the = twoConnections('per_tracker');

  it('runs a timer on acme and one on beta, names both in the tray, and clocks each out in its own connection', async () => {
    const { app, session } = the();
    const page = await open(session, 'status');
    const status = screenOf(page, 'status');
    await visible(status.getByText('Not running'));
    for (const [tracker, project] of [
      ['acme', ACME_PROJECT],
      ['beta', BETA_PROJECT],
    ] as const) {
      await showOnly(page, 'status', tracker);
      await status.getByLabel('Project', { exact: true }).fill(project);
      await status.getByRole('button', { name: 'Clock in' }).click();
      await words(status.locator('.timer .what')).toBe(`${project}in ${tracker}`);
      expect(await status.getByRole('alert').count()).toBe(0);
    }
    expect((await timersOf(app)).sort((a, b) => a.tracker.localeCompare(b.tracker))).toEqual([
      { tracker: 'acme', project: ACME_PROJECT },
      { tracker: 'beta', project: BETA_PROJECT },
    ]);

    // Both running entries labelled with every connection shown; the tray names each timer and offers each a Clock out.
    await showOnly(page, 'status', null);
    const running = status.getByRole('list', { name: 'Today’s entries' }).locator('li.running .tracker-tag');
    await expect.poll(() => running.allTextContents(), PATIENCE).toEqual(['in acme', 'in beta']);
    const real = await statusOf(app);
    expect(real.timerMode).toBe('per_tracker');
    expect(real.timers?.map((timer) => timer.tracker)).toEqual(['acme', 'beta']);
    const labels = labelsOf(trayModel({ status: real, now: Date.now(), platform: 'linux', clients: [], timeZone: app.zone }).menu);
    expect(labels.some((label) => label.startsWith(`acme: ${ACME_PROJECT}`))).toBe(true);
    expect(labels.some((label) => label.startsWith(`beta: ${BETA_PROJECT}`))).toBe(true);
    expect(labels.filter((label) => label.startsWith('Clock out'))).toHaveLength(2);

    // Each clocked out from its own connection's view: the other keeps running.
    await showOnly(page, 'status', 'acme');
    await status.getByRole('button', { name: 'Clock out' }).click();
    await visible(status.getByText('Not running'));
    expect(await status.getByRole('alert').count()).toBe(0);
    expect(await timersOf(app)).toEqual([{ tracker: 'beta', project: BETA_PROJECT }]);
    await showOnly(page, 'status', 'beta');
    await words(status.locator('.timer .what')).toBe(`${BETA_PROJECT}in beta`);
    await status.getByRole('button', { name: 'Clock out' }).click();
    await visible(status.getByText('Not running'));
    expect(await status.getByRole('alert').count()).toBe(0);
    expect(await timersOf(app)).toEqual([]);
  });

  it('asks once about time away while both timers ran, naming each, and clocks each out in its own connection when the absence began', async () => {
    const { app, session } = the();
    const now = Date.now();
    const began = new Date(now - 30 * 60_000).toISOString();
    // Two timers an AI client started half an hour ago, one in each connection.
    await withEngine(app, async (call) => {
      await call('clock_in', { project: ACME_PROJECT, start: began, tracker: 'acme' });
      await call('clock_in', { project: BETA_PROJECT, start: began, tracker: 'beta' });
    });
    const page = await open(session, 'status');
    const status = screenOf(page, 'status');
    await expect.poll(() => status.getByRole('list', { name: 'Today’s entries' }).locator('li.running').count(), PATIENCE).toBe(2);
    app.send({ idle: { kind: 'suspend', at: now - 20 * 60_000, idleSeconds: 0 } });
    app.send({ idle: { kind: 'resume', at: now } });
    const dialog = page.getByRole('dialog', { name: 'You were away for 20 minutes' });
    await visible(dialog);
    await text(dialog).toContain(`while the timer ran on acme: ${ACME_PROJECT} and beta: ${BETA_PROJECT}.`);
    await dialog.getByRole('button', { name: /^Clock out at / }).click();
    await hidden(dialog);
    await visible(status.getByText('Not running'));
    expect(await timersOf(app)).toEqual([]);
    // Each ended when the absence began, not when the person answered (the engine keeps whole seconds).
    const second = (ms: number) => Math.floor(ms / 1000) * 1000;
    for (const tracker of ['acme', 'beta']) {
      const timer = (await entriesIn(app, tracker)).find((entry) => Date.parse(entry.start) === second(Date.parse(began)));
      expect(timer?.end && Date.parse(timer.end), tracker).toBe(second(now - 20 * 60_000));
    }
  });
});

describe('the real app with the local timesheet and a Clockify workspace beside it', () => {
  const KEY = `clockify-key-${randomBytes(16).toString('hex')}`;
  let clockify: FakeClockify | undefined;
  let app: RealApp | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    requireBuilds();
    clockify = await startFakeClockify();
    seedWorkspace(clockify);
    // Ada's Clockify profile has the app's zone, where it is about noon: her day is the app's.
    for (const user of clockify.state.users) if (user.id === CLOCKIFY_ADA.id) Object.assign(user, { key: KEY, timeZone: TEST_ZONE });
    app = await startRealApp({
      prepare: async (paths) => {
        // One connection to begin with: beta is added from the Account screen, its key kept in the keychain.
        writeFileSync(join(paths.userData, 'config.json'), JSON.stringify({ schemaVersion: 1, provider: { name: 'acme', type: 'local' } }));
        await withEngine(paths, async (call) => {
          await call('create_catalog_item', { kind: 'project', name: ACME_PROJECT });
          const today = todayIn(paths.zone);
          await call('log_time', { project: ACME_PROJECT, start: `${today}T08:00`, end: `${today}T09:00`, description: 'Acme stand-up' });
        });
      },
    });
    session = await openSession(app);
  });
  afterEach(() => endTest(session));
  afterAll(async () => {
    try {
      await closeSession(session, app);
    } finally {
      await clockify?.close();
    }
  });

  it('adds the Clockify workspace as beta from the Account screen, its key in the keychain only', async () => {
    if (!app || !session || !clockify) throw new Error('The real app or the fake Clockify did not start (see the beforeAll failure).');
    const page = await open(session, 'account');
    const account = screenOf(page, 'account');
    await account.getByRole('button', { name: 'Add connection' }).click();
    const form = account.getByRole('form', { name: 'Add connection' });
    await form.getByRole('radio', { name: /Clockify/ }).check();
    // The fake stands in for Clockify: its address goes in the section for a region's address.
    await form.locator('details.advanced summary').filter({ hasText: 'Address' }).click();
    await form.getByLabel('Clockify address (optional)').fill(clockify.url);
    await form.getByLabel('API key', { exact: true }).fill(KEY);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const picker = form.getByRole('group', { name: 'Workspaces this key sees' });
    await picker.getByRole('checkbox', { name: 'Acme' }).check();
    await picker.getByLabel('Name for Acme').fill('beta');
    await form.getByRole('button', { name: 'Add the ticked workspaces' }).click();
    await visible(account.getByRole('heading', { name: 'Connections' }));
    await expect.poll(() => account.locator('.connection h3').allInnerTexts(), PATIENCE).toEqual(['acme', 'beta']);
    const config = JSON.parse(readFileSync(app.configFile, 'utf8')) as { provider: unknown; trackers: unknown };
    expect(config.provider).toEqual({ name: 'acme', type: 'local' });
    expect(config.trackers).toEqual([expect.objectContaining({ name: 'beta', type: 'clockify', url: clockify.url })]);
    expect(readFileSync(app.configFile, 'utf8')).not.toContain(KEY);
  });

  it('clocks in on Clockify’s project from Status with beta shown, labels it, and changes the entry in Clockify from the Timesheet', async () => {
    if (!app || !session || !clockify) throw new Error('The real app or the fake Clockify did not start (see the beforeAll failure).');
    const fake = clockify;
    const page = await open(session, 'status');
    const status = screenOf(page, 'status');
    await visible(status.getByText('Not running'));
    await showOnly(page, 'status', 'beta');
    await status.getByLabel('Project', { exact: true }).fill('Website');
    await status.getByLabel('Activity').fill('Design');
    await status.getByLabel('Note').fill('Landing page');
    await status.getByRole('button', { name: 'Clock in' }).click();
    await words(status.locator('.timer .what')).toBe('Website · Designin beta');
    expect(await status.getByRole('alert').allInnerTexts()).toEqual([]);
    const ada = () => fake.state.entries.filter((entry) => entry.userId === CLOCKIFY_ADA.id);
    expect(ada().filter((entry) => entry.end === null)).toEqual([expect.objectContaining({ description: 'Landing page' })]);
    await status.getByRole('button', { name: 'Clock out' }).click();
    await visible(status.getByText('Not running'));
    expect(ada().filter((entry) => entry.end === null)).toEqual([]);
    // Both connections' entries of today, each labelled.
    await showOnly(page, 'status', null);
    await expect
      .poll(() => status.getByRole('list', { name: 'Today’s entries' }).locator('.tracker-tag').allTextContents(), PATIENCE)
      .toEqual(['in acme', 'in beta']);

    const sheet = screenOf(await open(session, 'timesheet'), 'timesheet');
    const day = sheet.getByRole('region', { name: dayName(todayIn(app.zone)) });
    await day.getByRole('button', { name: /^Edit Website · Design,/ }).click();
    const editor = day.getByRole('form', { name: 'Change the entry' });
    await editor.getByLabel('Note').fill('Landing page, reviewed');
    await editor.getByLabel('Note').press('Enter');
    // Where it stays open, what it says is why.
    await hidden(editor).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nThe editor says: ${await editor.innerText()}`);
    });
    expect(await sheet.getByRole('alert').allInnerTexts()).toEqual([]);
    await expect.poll(() => ada().map((entry) => entry.description), PATIENCE).toContain('Landing page, reviewed');
    expect((await entriesIn(app, 'acme')).map((entry) => entry.description)).toEqual(['Acme stand-up']);
  });
});
