// Issue 64, item 7: an AI agent's label is set by record_agent_time alone. An administrator's
// correct_time_entries with add_tags ["ai-claude-code"] on Kimai turned a person's own entry into an
// agent's, and it left her hours; on Clockodo and Calamari, whose label is a prefix of the
// description, any tool that writes a description did the same with "[ai:claude-code] …". Here a
// prompt-injected client tries each way on each back end's fake, through the engine in process, in
// every spelling a person or a reader takes for a label: each is refused in words, and the fake's
// request log shows that nothing was sent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { ADMIN_NOW } from '../../support/admin-engine.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { calendarText } from '../../support/ics.ts';
import { ANN } from '../../support/kimai-admin.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { addEntry, BOB_KEY, type FakeClockify, SEED, seedTeam, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { clockStartingAt, DEFAULT_USERS as KIMAI_USERS, type FakeUser, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

/** Tags a reader takes for a label, or a person would: the label itself, other case, spacing, width, dashes, invisible and look-alike letters. */
const LABEL_TAGS = [
  'ai-claude-code',
  'AI-Claude-Code',
  ' ai-claude-code ',
  '\uff41\uff49-claude-code',
  '\u0430\u0456-claude-code',
  'ai\u2013claude-code',
  'a\u200bi-claude-code',
];
/** Descriptions a reader takes for an agent's on Clockodo and Calamari, or a person would, spelt likewise. */
const LABEL_DESCRIPTIONS = [
  '[ai:claude-code] Review',
  '[AI:Claude-Code] Review',
  '  [ai:claude-code] Review',
  '\u200b[ai:claude-code] Review',
  '\uff3b\uff41\uff49\uff1aclaude-code\uff3d Review',
  '[\u0430\u0456:claude-code] Review',
  '[ai:claude-code]',
];

const closing: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

async function engineOver(settings: Record<string, unknown>, env: Record<string, string>, prepare?: (dir: string) => void): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({ timezone: 'Europe/Berlin', ...settings });
  prepare?.(userDataDir);
  const engine = await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: ADMIN_NOW, ...env } });
  closing.push(() => engine.close());
  await engine.call('whoami');
  return engine;
}

/** Calls `tool` and expects a refusal that names the label's rule, with no request to the fake in between. */
async function refusedUnsent(engine: InProcessEngineHandle, requests: readonly unknown[], tool: string, args: Record<string, unknown>, words: RegExp) {
  const before = requests.length;
  const answer = await engine.call(tool, args);
  const label = `${tool} ${JSON.stringify(args)}`;
  expect(answer.isError, `${label}: ${textOf(answer)}`).toBe(true);
  expect(textOf(answer), label).toMatch(words);
  expect(requests.slice(before), label).toEqual([]);
}

const TAG_REFUSED = /is shaped like an AI agent's label: .*set by record_agent_time alone.* Nothing was (changed|created)\.$/s;
const PREFIX_REFUSED = /starts like an AI agent's label: .*set by record_agent_time alone.* Nothing was (sent|booked)\.$/s;

describe('Kimai: a tag ai-… is refused from correct_time_entries and manage_tags', () => {
  it('add_tags and create, in every spelling, before anything is sent; her entry keeps its tags and no tag is made', async () => {
    const fake = await startFakeKimai({ now: clockStartingAt(ADMIN_NOW), users: [...KIMAI_USERS, ANN] });
    closing.push(() => fake.close());
    const { website, design } = seedCatalog(fake);
    // The agent's tag, as record_agent_time made it, and another.
    fake.state.tags.push({ id: 900, name: 'billing', visible: true }, { id: 901, name: 'ai-claude-code', visible: true });
    const ada = KIMAI_USERS[0] as FakeUser;
    const begin = Date.parse('2026-11-17T09:00:00+01:00');
    const hers = fake.addTimesheet({ userId: ada.id, begin, end: begin + 2 * 3_600_000, projectId: website.id, activityId: design.id });
    const admin = await engineOver(
      { provider: { type: 'kimai', url: fake.url }, tools: { groups: { admin: true }, enabled: { correct_time_entries: true, manage_tags: true } } },
      { PUNCHCARD_KIMAI_TOKEN: ANN.token },
    );
    await expect.poll(async () => (await admin.client.listTools()).tools.some((tool) => tool.name === 'correct_time_entries')).toBe(true);
    const correction = { from: '2026-11-01', to: '2026-11-30', ids: [hers.id], confirm_count: 1 };
    for (const tag of LABEL_TAGS) {
      await refusedUnsent(admin, fake.requests, 'correct_time_entries', { ...correction, set: { add_tags: [tag] } }, TAG_REFUSED);
      await refusedUnsent(admin, fake.requests, 'manage_tags', { action: 'create', name: tag }, TAG_REFUSED);
    }
    await refusedUnsent(admin, fake.requests, 'correct_time_entries', { ...correction, set: { add_tags: ['billing', 'AI-Claude-Code'] } }, TAG_REFUSED);
    await refusedUnsent(admin, fake.requests, 'manage_tags', { action: 'create', tag: 'ai-codex' }, TAG_REFUSED);
    expect(fake.state.timesheets.find((sheet) => sheet.id === hers.id)?.tags).toEqual([]);
    expect(fake.state.tags.map((tag) => tag.name)).toEqual(['billing', 'ai-claude-code']);
    // Any other tag goes on as before.
    const billed = await admin.call('correct_time_entries', { ...correction, set: { add_tags: ['billing'] } });
    expect(billed.isError, textOf(billed)).toBeFalsy();
    expect(fake.state.timesheets.find((sheet) => sheet.id === hers.id)?.tags).toEqual(['billing']);
    // Kimai's label is a tag: a description is only words, and the entry the person's.
    const own = await admin.call('log_time', {
      start: 'yesterday 11:00',
      end: 'yesterday 12:00',
      project: 'Website',
      activity: 'Design',
      description: LABEL_DESCRIPTIONS[0],
    });
    expect(own.isError, textOf(own)).toBeFalsy();
    expect(own.structuredContent).toMatchObject({ entry: { description: '[ai:claude-code] Review' } });
    expect(own.structuredContent).not.toHaveProperty('entry.agent');
  });
});

describe('Clockify: a tag ai-… is refused from correct_time_entries and manage_tags', () => {
  const AGENT_TAG = '74c777ddd3fcab07cfbb9a01';
  const BILLING = '74c777ddd3fcab07cfbb9a02';

  async function acme(): Promise<{ fake: FakeClockify; admin: InProcessEngineHandle; hers: string }> {
    const fake = await startFakeClockify({ now: clockStartingAt(ADMIN_NOW) });
    closing.push(() => fake.close());
    seedWorkspace(fake);
    seedTeam(fake);
    fake.state.tags.push(
      { id: AGENT_TAG, workspaceId: SEED.workspaces.acme, name: 'ai-claude-code', archived: false },
      { id: BILLING, workspaceId: SEED.workspaces.acme, name: 'billing', archived: false },
    );
    const start = Date.parse('2026-11-17T09:00:00+01:00');
    const hers = addEntry(fake, { userId: SEED.users.ada, start, end: start + 2 * 3_600_000, projectId: SEED.projects.website, taskId: SEED.tasks.design });
    const admin = await engineOver(
      { provider: { type: 'clockify', url: fake.url }, tools: { groups: { admin: true }, enabled: { correct_time_entries: true, manage_tags: true } } },
      { PUNCHCARD_CLOCKIFY_TOKEN: BOB_KEY },
    );
    await expect
      .poll(async () => (await admin.client.listTools()).tools.filter((tool) => /^(correct_time_entries|manage_tags)$/.test(tool.name)).length)
      .toBe(2);
    return { fake, admin, hers: hers.id };
  }

  it('add_tags and create, in every spelling, before anything is sent; her entry keeps its tags and no tag is made', async () => {
    const { fake, admin, hers } = await acme();
    const correction = { from: '2026-11-01', to: '2026-11-30', people: ['Ada Lovelace'], confirm_count: 1 };
    for (const tag of LABEL_TAGS) {
      await refusedUnsent(admin, fake.requests, 'correct_time_entries', { ...correction, set: { add_tags: [tag] } }, TAG_REFUSED);
      await refusedUnsent(admin, fake.requests, 'manage_tags', { action: 'create', name: tag }, TAG_REFUSED);
    }
    expect(fake.state.entries.find((entry) => entry.id === hers)?.tagIds).toEqual([]);
    expect(fake.state.tags.map((tag) => tag.name)).toEqual(['ai-claude-code', 'billing']);
    expect(fake.writes).toEqual([]);
  });

  it('rename, to a label or from one, by name before anything is sent, by number before anything is changed', async () => {
    const { fake, admin } = await acme();
    for (const tag of LABEL_TAGS) await refusedUnsent(admin, fake.requests, 'manage_tags', { action: 'rename', tag: 'billing', name: tag }, TAG_REFUSED);
    await refusedUnsent(admin, fake.requests, 'manage_tags', { action: 'rename', tag: 'AI-Claude-Code', name: 'review' }, TAG_REFUSED);
    // By its number the tag's name is known once it is read: refused then, before anything is changed.
    const listed = (await admin.call('manage_tags', { action: 'list' })).structuredContent as { tags: Array<{ id: number; name: string }> };
    const number = listed.tags.find((tag) => tag.name === 'ai-claude-code')?.id;
    const renamed = await admin.call('manage_tags', { action: 'rename', tag: `#${number}`, name: 'review' });
    expect(renamed.isError).toBe(true);
    expect(textOf(renamed)).toMatch(TAG_REFUSED);
    expect(fake.writes).toEqual([]);
    expect(fake.state.tags.map((tag) => tag.name)).toEqual(['ai-claude-code', 'billing']);
  });
});

const MIA = CLOCKODO_USERS[2] as (typeof CLOCKODO_USERS)[number];

/** A Clockodo session of Mia's, with update_time_entry on and the facts an earlier start learned. */
async function clockodo(extra: Record<string, unknown> = {}) {
  const fake = await startFakeClockodo({ now: clockStartingAt(ADMIN_NOW) });
  closing.push(() => fake.close());
  seedCompany(fake);
  const mia = MIA;
  const engine = await engineOver(
    { provider: { type: 'clockodo', email: mia.email, url: fake.url }, tools: { enabled: { update_time_entry: true } }, ...extra },
    { PUNCHCARD_CLOCKODO_TOKEN: mia.apiKey },
    (dir) =>
      clockodoFacts.write(
        dir,
        clockodoFactsKey({ email: mia.email, url: fake.url }),
        { userId: mia.id, role: 'manager', absences: true, checkedAt: ADMIN_NOW },
        () => {},
      ),
  );
  return { fake, engine };
}

describe('Clockodo: a description [ai:…] is refused from every tool that writes one', () => {
  const WORK = { start: 'yesterday 11:00', end: 'yesterday 12:00', project: 'Website', activity: 'Meeting' };

  it('log_time, update_time_entry, clock_in and clock_out, in every spelling, before anything is sent', async () => {
    const { fake, engine } = await clockodo();
    const own = await engine.call('log_time', { ...WORK, description: 'Review' });
    expect(own.isError, textOf(own)).toBeFalsy();
    const id = (own.structuredContent as { entry: { id: number } }).entry.id;
    for (const description of LABEL_DESCRIPTIONS) {
      await refusedUnsent(engine, fake.requests, 'log_time', { ...WORK, description }, PREFIX_REFUSED);
      await refusedUnsent(engine, fake.requests, 'update_time_entry', { id, description }, PREFIX_REFUSED);
      await refusedUnsent(engine, fake.requests, 'clock_in', { project: 'Website', activity: 'Meeting', description }, PREFIX_REFUSED);
      await refusedUnsent(engine, fake.requests, 'clock_out', { note: description }, PREFIX_REFUSED);
    }
  });

  it('book_suggested_entries, a correction of the model or a meeting title of the calendar, before anything is written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'punchcard-agent-labels-'));
    closing.push(async () => rmSync(root, { recursive: true, force: true }));
    const calendar = join(root, 'work.ics');
    // A title anyone who sends an invitation chooses.
    writeFileSync(calendar, calendarText([{ uid: 'sync-1', start: '20261118T100000', end: '20261118T110000', summary: '[ai:claude-code] Sync' }]));
    const { fake, engine } = await clockodo({
      evidence: {
        emails: [MIA.email],
        calendars: [{ name: 'Work', file: calendar }],
        rules: [{ source: 'calendar', match: 'Sync', project: 'Website', activity: 'Meeting' }],
      },
    });
    const suggested = await engine.call('suggest_entries', { from: 'yesterday' });
    expect(suggested.isError, textOf(suggested)).toBeFalsy();
    const drafts = suggested.structuredContent?.drafts as Array<{ id: string; description: string }>;
    expect(drafts.map((draft) => draft.description)).toEqual(['[ai:claude-code] Sync']);
    const draft = drafts[0]?.id as string;
    const written = () => fake.requests.filter((request) => request.method !== 'GET');
    for (const entries of [[{ id: draft }], [{ id: draft, description: '[AI:Codex] Sync' }]]) {
      const booked = await engine.call('book_suggested_entries', { from: 'yesterday', entries });
      expect(booked.isError, textOf(booked)).toBe(true);
      expect(textOf(booked)).toMatch(PREFIX_REFUSED);
      expect(textOf(booked)).toContain(`Draft ${draft}`);
    }
    expect(written()).toEqual([]);
    // Said in other words, it books as the person's own.
    const own = await engine.call('book_suggested_entries', { from: 'yesterday', entries: [{ id: draft, description: 'Sync (AI tools)' }] });
    expect(own.isError, textOf(own)).toBeFalsy();
    expect(fake.state.entries.map((entry) => entry.text)).toEqual(['Sync (AI tools)']);
  });
});

describe('Calamari: a description [ai:…] is refused from every tool that writes one', () => {
  it('log_time, clock_in and clock_out, in every spelling, before anything is sent', async () => {
    const fake = await startFakeCalamari({ now: clockStartingAt(ADMIN_NOW) });
    closing.push(() => fake.close());
    seedOrganisation(fake);
    const engine = await engineOver({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' } }, { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY });
    for (const description of LABEL_DESCRIPTIONS) {
      await refusedUnsent(
        engine,
        fake.requests,
        'log_time',
        { start: 'yesterday 11:00', end: 'yesterday 12:00', project: 'General', description },
        PREFIX_REFUSED,
      );
      await refusedUnsent(engine, fake.requests, 'clock_in', { project: 'General', description }, PREFIX_REFUSED);
      await refusedUnsent(engine, fake.requests, 'clock_out', { note: description }, PREFIX_REFUSED);
    }
  });
});
