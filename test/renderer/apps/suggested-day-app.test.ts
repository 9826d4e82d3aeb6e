// The suggested-day app in Chromium inside the SDK's AppBridge, over stdio to the built engine with
// the official MCP client in both protocol eras, on the local timesheet with a real iCalendar file as the evidence: the
// day drawn from suggest_entries' answer, a draft changed and one dropped, then booked through
// book_suggested_entries, checked in the timesheet itself; nothing is booked without the person's click.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, type Era, makeUserDataDir, startEngine } from '../../support/engine.ts';
import { calendarText } from '../../support/ics.ts';
import type { AppHost } from './app-host.ts';
import { appsInChromium } from './apps-in-chromium.ts';
import { PATIENCE_MS } from '../../support/patience.ts';

// Tuesday 17 November 2026, 18:00 in Berlin.
const NOW = '2026-11-17T18:00:00+01:00';

/** An event title as someone who invites the person may write it: markup, and characters that hide or turn text around. */
const HOSTILE_TITLE = `<img src=x onerror="document.title='pwned'">Plan <b>this</b> \u202Eexe.txt\u202C \u200B& "more"`;
/** The same title as the app must show it: the characters, as text; only the hidden ones gone. */
const HOSTILE_SHOWN = `<img src=x onerror="document.title='pwned'">Plan <b>this</b> exe.txt & "more"`;

const CALENDAR = calendarText([
  { uid: 'review-1', start: '20261117T100000', end: '20261117T110000', summary: 'Sprint review' },
  { uid: 'pairing-1', start: '20261117T140000', end: '20261117T153000', summary: 'Pairing on the importer' },
  { uid: 'lunch-1', start: '20261117T120000', end: '20261117T123000', summary: 'Team lunch' },
  // The day before: a title written as markup, with a right-to-left override and a zero-width space in it.
  { uid: 'hostile-1', start: '20261116T100000', end: '20261116T110000', summary: HOSTILE_TITLE },
]);

const chromium = appsInChromium();

type Listed = { start: string; end: string; project: string | null; description: string };

describe.each<Era>(['legacy', 'modern'])('the suggested-day app (%s era)', (era) => {
  let engine: EngineHandle;
  let host: AppHost | undefined;

  beforeAll(async () => {
    const userDataDir = makeUserDataDir({ timezone: 'Europe/Berlin' });
    const file = join(userDataDir, 'work.ics');
    writeFileSync(file, CALENDAR);
    writeFileSync(
      join(userDataDir, 'config.json'),
      JSON.stringify({
        schemaVersion: 1,
        timezone: 'Europe/Berlin',
        evidence: {
          emails: ['ada@example.com'],
          calendars: [{ name: 'Work', file }],
          git: { folders: [] },
          activity: { enabled: false },
          aiSessions: { enabled: false },
          rules: [{ source: 'calendar', match: 'review', project: 'Internal' }],
        },
      }),
    );
    engine = await startEngine({ era, apps: true, userDataDir, env: { PUNCHCARD_NOW: NOW } });
    for (const name of ['Internal', 'Importer']) {
      const made = await engine.call('create_catalog_item', { kind: 'project', name });
      expect(made.isError, JSON.stringify(made.content)).toBeFalsy();
    }
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    await engine?.close();
  });

  it('shows an event title as text: its markup is characters, never elements, and what would hide or turn it around is gone', async () => {
    host = await chromium.open({ client: engine.client, tool: 'suggest_entries', args: { from: '2026-11-16' }, theme: 'light' });
    const { app } = host;
    const day = app.getByRole('listitem', { name: 'Monday, November 16' });
    const evidence = day.locator('.evidence li');
    await evidence.first().waitFor();
    expect(await evidence.allInnerTexts()).toEqual([`Calendar 10:00: ${HOSTILE_SHOWN}`]);
    expect(await app.locator('img, .evidence b, .what b').count()).toBe(0);
    await day.getByRole('button', { name: `Accept 10:00–11:00 No project yet — ${HOSTILE_SHOWN}` }).waitFor();
    expect(await host.page.title()).not.toBe('pwned');
    expect(host.problems).toEqual([]);
  }, 60_000);

  it('draws the day, and books exactly the drafts the person accepted, with their changes', async () => {
    host = await chromium.open({ client: engine.client, tool: 'suggest_entries', args: { from: '2026-11-17' }, theme: 'light' });
    const { app } = host;
    await app.getByRole('heading', { name: /^Suggested entries, / }).waitFor();
    const day = app.getByRole('listitem', { name: 'Tuesday, November 17' });
    await day.getByRole('button', { name: /^Accept 10:00–11:00 Internal — Sprint review/ }).waitFor();
    expect(await host.axe()).toEqual([]);
    // Nothing was written to show the day.
    expect(host.calls.map((call) => call.name).filter((name) => name === 'book_suggested_entries')).toEqual([]);

    await day.getByRole('button', { name: /^Accept 10:00–11:00 Internal/ }).click();
    await day.getByRole('button', { name: /^Change 14:00–15:30 No project yet/ }).click();
    const form = app.getByRole('form', { name: /^Change 14:00–15:30/ });
    await form.getByLabel('Project').fill('Importer');
    await form.getByLabel('To').fill('15:15');
    await form.getByRole('button', { name: 'Accept changed' }).click();
    await day.getByRole('button', { name: /^Drop 12:00–12:30/ }).click();
    expect(await host.axe()).toEqual([]);

    await app.getByRole('button', { name: 'Book 2 entries' }).click();
    await app
      .getByRole('status')
      .filter({ hasText: /Booked|booked/ })
      .waitFor({ timeout: PATIENCE_MS });
    const booked = host.calls.filter((call) => call.name === 'book_suggested_entries');
    expect(booked.map((call) => call.arguments ?? {})).toEqual([
      {
        from: '2026-11-17',
        to: '2026-11-17',
        entries: [expect.objectContaining({ id: expect.any(String) }), expect.objectContaining({ project: 'Importer', end: '2026-11-17T15:15' })],
      },
    ]);
    expect(Object.keys((booked[0]?.arguments?.entries as Array<Record<string, unknown>>)[0] ?? {})).toEqual(['id']);
    const listed = await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    const entries = (listed.structuredContent?.entries as Listed[]).map((entry) => [entry.start, entry.end, entry.project, entry.description]);
    expect(entries).toEqual([
      ['2026-11-17T10:00:00+01:00', '2026-11-17T11:00:00+01:00', 'Internal', 'Sprint review'],
      ['2026-11-17T14:00:00+01:00', '2026-11-17T15:15:00+01:00', 'Importer', 'Pairing on the importer'],
    ]);
    // The day is drawn again: what was booked stands in the booked row; the dropped lunch is still a draft, and so
    // is the quarter of the pairing the person's change left out, with the same id (it comes from the evidence)…
    await expect.poll(async () => (await day.getByRole('button', { name: /^Accept / }).all()).length).toBe(2);
    await day.getByRole('button', { name: /^Accept 12:00–12:30 No project yet — Team lunch/ }).waitFor();
    // …open again, not accepted with the booked part's times; the booking just made now names its project.
    const rest = day.getByRole('button', { name: /^Accept 15:15–15:30 Importer — Pairing on the importer/ });
    await rest.waitFor();
    expect(await rest.getAttribute('aria-pressed')).toBe('false');
    expect(await day.locator('.entries').first().innerText()).toContain('10:00–11:00');
  }, 90_000);
});
