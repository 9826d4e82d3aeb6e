// The day from evidence on each remote back end's fake, through the engine in process: commits made
// with git here map to the back end's own project by a rule, an entry already booked there cuts the
// draft in two, and booking the pieces by their ids writes them to the back end through its ordinary
// path, after which nothing is left to draft.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { ADA as CLOCKIFY_ADA, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { clockStartingAt, type FakeUser, DEFAULT_USERS as KIMAI_USERS, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T15:00:00+01:00';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'punchcard-evidence-back-ends-'));
  const shop = join(root, 'shop');
  execFileSync('git', ['init', '-q', '-b', 'main', shop]);
  for (const [when, message] of [
    ['2026-11-17T09:00:00+01:00', 'Basket totals'],
    ['2026-11-17T09:40:00+01:00', 'Fix rounding'],
  ] as const) {
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
    };
    execFileSync('git', ['-C', shop, 'commit', '--allow-empty', '-q', '-m', message], { env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } });
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const closing: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

async function engineOver(
  provider: Record<string, unknown>,
  rule: { project: string; activity?: string },
  env: Record<string, string>,
  prepare?: (dir: string) => void,
) {
  const userDataDir = makeUserDataDir({
    timezone: 'Europe/Berlin',
    provider,
    evidence: { emails: ['ada@example.com'], git: { folders: [root] }, rules: [{ source: 'git', match: 'shop', ...rule }] },
  });
  prepare?.(userDataDir);
  const engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, ...env } });
  closing.push(() => engine.close());
  return engine;
}

type Draft = { id: string; start: string; end: string; project: { id: number; name: string } | null };

/** Books 09:00–09:20 by hand, drafts the commits' 08:30–09:40 around it, books both pieces, and answers the booked entries' ids. */
async function draftAroundAndBook(engine: InProcessEngineHandle, booking: Record<string, unknown>, project: string): Promise<number[]> {
  await engine.call('log_time', { start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T09:20:00+01:00', description: 'Review', ...booking });
  const suggested = await engine.call('suggest_entries', { from: '2026-11-17' });
  const drafts = suggested.structuredContent?.drafts as Draft[];
  expect(drafts.map((draft) => [draft.start, draft.end, draft.project?.name])).toEqual([
    ['2026-11-17T08:30:00+01:00', '2026-11-17T09:00:00+01:00', project],
    ['2026-11-17T09:20:00+01:00', '2026-11-17T09:40:00+01:00', project],
  ]);
  expect(suggested.structuredContent?.booked).toEqual([expect.objectContaining({ start: '2026-11-17T09:00:00+01:00' })]);
  const booked = await engine.call('book_suggested_entries', { from: '2026-11-17', entries: drafts.map((draft) => ({ id: draft.id })) });
  const entries = (booked.structuredContent as { booked: Array<{ id: number; start: string; end: string; project: string }> }).booked;
  expect(entries.map((entry) => [entry.start, entry.end, entry.project])).toEqual([
    ['2026-11-17T08:30:00+01:00', '2026-11-17T09:00:00+01:00', project],
    ['2026-11-17T09:20:00+01:00', '2026-11-17T09:40:00+01:00', project],
  ]);
  expect((await engine.call('suggest_entries', { from: '2026-11-17' })).structuredContent?.drafts).toEqual([]);
  return entries.map((entry) => entry.id);
}

describe('the day from evidence on each back end', () => {
  it('Kimai: the drafts become timesheets on the rule’s project', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedCatalog(fake);
    const ada = KIMAI_USERS[0] as FakeUser;
    const engine = await engineOver({ type: 'kimai', url: `${fake.url}/` }, { project: 'Website', activity: 'Meeting' }, { PUNCHCARD_KIMAI_TOKEN: ada.token });
    const ids = await draftAroundAndBook(engine, { project: 'Website', activity: 'Meeting' }, 'Website');
    const sheets = fake.state.timesheets.filter((sheet) => ids.includes(sheet.id));
    expect(sheets.map((sheet) => sheet.description)).toEqual(['shop: Basket totals; Fix rounding', 'shop: Basket totals; Fix rounding']);
  });

  it('Clockodo: the drafts become entries on the rule’s project', async () => {
    const fake = await startFakeClockodo({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedCompany(fake);
    const mia = CLOCKODO_USERS[2] as (typeof CLOCKODO_USERS)[number];
    const engine = await engineOver(
      { type: 'clockodo', email: mia.email, url: fake.url },
      { project: 'Website', activity: 'Meeting' },
      { PUNCHCARD_CLOCKODO_TOKEN: mia.apiKey },
      (dir) =>
        clockodoFacts.write(
          dir,
          clockodoFactsKey({ email: mia.email, url: fake.url }),
          { userId: mia.id, role: 'manager', absences: true, checkedAt: NOW },
          () => {},
        ),
    );
    await draftAroundAndBook(engine, { project: 'Website', activity: 'Meeting' }, 'Website');
  });

  it('Clockify: the drafts become time entries on the rule’s project', async () => {
    const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedWorkspace(fake);
    const engine = await engineOver({ type: 'clockify', url: fake.url }, { project: 'Website' }, { PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key });
    await draftAroundAndBook(engine, { project: 'Website' }, 'Website');
    expect(fake.state.entries.filter((entry) => entry.description === 'shop: Basket totals; Fix rounding')).toHaveLength(2);
  });

  it('Calamari: the drafts become shifts on the rule’s project', async () => {
    const fake = await startFakeCalamari({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedOrganisation(fake);
    const engine = await engineOver(
      { type: 'calamari', url: fake.url, email: 'ada@acme.example' },
      { project: 'General' },
      { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY },
    );
    await draftAroundAndBook(engine, { project: 'General' }, 'General');
  });

  it('Kimai: a correction that moves a draft to another day is refused in words, before anything is sent', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedCatalog(fake);
    const ada = KIMAI_USERS[0] as FakeUser;
    const engine = await engineOver({ type: 'kimai', url: `${fake.url}/` }, { project: 'Website', activity: 'Meeting' }, { PUNCHCARD_KIMAI_TOKEN: ada.token });
    const drafts = (await engine.call('suggest_entries', { from: '2026-11-17' })).structuredContent?.drafts as Draft[];
    expect(drafts.map((draft) => draft.start)).toEqual(['2026-11-17T08:30:00+01:00']);
    const before = { requests: fake.requests.length, timesheets: fake.state.timesheets.length };
    const refused = await engine.call('book_suggested_entries', {
      from: '2026-11-17',
      entries: [{ id: drafts[0]?.id ?? 'none', start: '2026-11-10T08:30', end: '2026-11-10T09:40' }],
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      `Draft ${drafts[0]?.id} is a draft of 2026-11-17: a correction keeps it on that day, and its start 2026-11-10T08:30 is not. ` +
        'Log other time with log_time. Nothing was booked.',
    );
    // The drafts were worked out again (reads); nothing was written.
    expect(fake.requests.slice(before.requests).filter((request) => request.method !== 'GET')).toEqual([]);
    expect(fake.state.timesheets).toHaveLength(before.timesheets);
  });

  it('Kimai: a draft without the activity Kimai needs is refused before anything is sent, and nothing is booked', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    closing.push(() => fake.close());
    seedCatalog(fake);
    const ada = KIMAI_USERS[0] as FakeUser;
    const engine = await engineOver({ type: 'kimai', url: `${fake.url}/` }, { project: 'Website' }, { PUNCHCARD_KIMAI_TOKEN: ada.token });
    const drafts = (await engine.call('suggest_entries', { from: '2026-11-17' })).structuredContent?.drafts as Draft[];
    const before = fake.state.timesheets.length;
    const refused = await engine.call('book_suggested_entries', {
      from: '2026-11-17',
      entries: [{ id: drafts[0]?.id, activity: 'Meeting' }, { id: drafts[0]?.id === undefined ? 'none' : drafts[0].id }],
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/is named twice/);
    const noActivity = await engine.call('book_suggested_entries', { from: '2026-11-17', entries: [{ id: drafts[0]?.id }] });
    expect(noActivity.isError).toBe(true);
    expect(textOf(noActivity)).toMatch(
      /has no activity, and Kimai \(http:[^)]*\) books every entry on one: give one \(list_catalog names them\)\. Nothing was booked\.$/,
    );
    expect(fake.state.timesheets).toHaveLength(before);
  });
});
