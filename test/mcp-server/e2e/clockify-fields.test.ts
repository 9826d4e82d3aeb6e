// Clockify's custom fields of time entries, through the engine in process against the fake Clockify
// (issue 78; docs/back-ends/clockify.md, "Custom fields"). Acme requires a Ticket on every entry but on
// Internal (which switches it off) and a Cost centre, a choice, on Website only (invisible in the
// workspace, shown there); Hours billed is a number anyone may give; Approved is required but only admins
// set it. Every refusal is made before anything is sent, as the fake's request log shows; what is sent
// carries the write key `customFields`, never the read key `customFieldValues`, which the fake (like
// Clockify) takes and drops.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_NOW } from '../../support/admin-engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startEngine, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_KEY, addEntry, at, BOB_KEY, type FakeClockify, SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import type { FakeCustomField } from '../providers/clockify/fake-clockify-fields.ts';

const opened = closeAfterEach();

const FIELD = {
  ticket: '6a2f00000000000000000001',
  cost: '6a2f00000000000000000002',
  hours: '6a2f00000000000000000003',
  approved: '6a2f00000000000000000004',
} as const;

const FIELDS: FakeCustomField[] = [
  {
    id: FIELD.ticket,
    workspaceId: SEED.workspaces.acme,
    name: 'Ticket',
    type: 'TXT',
    required: true,
    status: 'VISIBLE',
    projectSettings: [{ projectId: SEED.projects.internal, status: 'INACTIVE' }],
  },
  {
    id: FIELD.cost,
    workspaceId: SEED.workspaces.acme,
    name: 'Cost centre',
    type: 'DROPDOWN_SINGLE',
    allowedValues: ['Sales', 'R&D'],
    required: true,
    status: 'INVISIBLE',
    projectSettings: [{ projectId: SEED.projects.website, status: 'VISIBLE' }],
  },
  { id: FIELD.hours, workspaceId: SEED.workspaces.acme, name: 'Hours billed', type: 'NUMBER', required: false, status: 'VISIBLE' },
  { id: FIELD.approved, workspaceId: SEED.workspaces.acme, name: 'Approved', type: 'CHECKBOX', required: true, status: 'VISIBLE', onlyAdminCanEdit: true },
];

async function acme(fields: FakeCustomField[] = FIELDS): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(ADMIN_NOW) }));
  seedWorkspace(fake);
  fake.state.customFields.push(...fields.map((field) => structuredClone(field)));
  return fake;
}

async function session(fake: FakeClockify, key = ADA_KEY): Promise<InProcessEngineHandle> {
  const tools = { enabled: { update_time_entry: true } };
  const userDataDir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, timezone: 'Europe/Berlin', tools });
  const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKIFY_TOKEN: key } }));
  await engine.call('whoami');
  return engine;
}

/** The writes of time entries sent to Clockify, answered or not. */
const entryWrites = (fake: FakeClockify) => fake.requests.filter((request) => request.method !== 'GET' && request.path.includes('/time-entries'));
const bodyOf = (request: { body: string }) => JSON.parse(request.body) as Record<string, unknown>;
const valuesOf = (fake: FakeClockify, entryId: string) => fake.state.entries.find((entry) => entry.id === entryId)?.customFieldValues ?? {};

const WEBSITE_DESIGN = { project: 'Website', activity: 'Design' };

describe('custom fields on Clockify', () => {
  it('refuses log_time without the required fields of the project, naming them and the choices, before anything is sent', async () => {
    const fake = await acme();
    const ada = await session(fake);
    const refused = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', ...WEBSITE_DESIGN });
    expect(refusalOf(refused)).toEqual({
      code: 'fields_required',
      facts: { back_end: expect.stringMatching(/^Clockify/), missing: ['Ticket', 'Cost centre'], choices: { 'Cost centre': ['Sales', 'R&D'] } },
    });
    expect(textOf(refused)).toMatch(/requires "Ticket", "Cost centre".*"Cost centre" is one of "Sales", "R&D".*Ask the person.*Nothing was sent/);
  });

  it('logs with the fields in the create body, typed, under the write key; reads them back', async () => {
    const fake = await acme();
    const ada = await session(fake);
    const logged = await ada.call('log_time', {
      start: '2026-11-18T09:00',
      end: '2026-11-18T10:00',
      ...WEBSITE_DESIGN,
      fields: { ticket: 'T-1', 'COST CENTRE': 'r&d', 'Hours billed': '2.5' },
    });
    const [create] = entryWrites(fake);
    expect(create?.method).toBe('POST');
    const body = bodyOf(create as { body: string });
    expect(body.customFieldValues).toBeUndefined();
    expect(body.customFields).toEqual([
      { customFieldId: FIELD.ticket, sourceType: 'WORKSPACE', value: 'T-1' },
      { customFieldId: FIELD.cost, sourceType: 'WORKSPACE', value: 'R&D' },
      { customFieldId: FIELD.hours, sourceType: 'WORKSPACE', value: 2.5 },
    ]);
    const entry = (logged.structuredContent as { entry: { fields?: Record<string, unknown> } }).entry;
    expect(entry.fields).toEqual({ Ticket: 'T-1', 'Cost centre': 'R&D', 'Hours billed': 2.5 });
    const listed = await ada.call('list_time_entries', { from: '2026-11-18', to: '2026-11-18' });
    const entries = (listed.structuredContent as { entries: Array<{ fields?: Record<string, unknown> }> }).entries;
    expect(entries.map((item) => item.fields)).toEqual([{ Ticket: 'T-1', 'Cost centre': 'R&D', 'Hours billed': 2.5 }]);
  });

  it('asks nothing on a project that switches the field off, and refuses a field that is not there', async () => {
    const fake = await acme();
    const ada = await session(fake);
    const internal = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Internal', activity: 'Meeting' });
    expect(internal.isError, textOf(internal)).toBeFalsy();
    const stray = await ada.call('log_time', {
      start: '2026-11-18T11:00',
      end: '2026-11-18T12:00',
      project: 'Internal',
      activity: 'Meeting',
      fields: { ticket: 'T-9' },
    });
    expect(refusalOf(stray)).toMatchObject({ code: 'field_value_invalid', facts: { field: 'Ticket', problem: 'not_here' } });
    expect(entryWrites(fake)).toHaveLength(1);
  });

  it.each([
    [
      'a value of the wrong type',
      { Ticket: 'T-1', 'Cost centre': 'Sales', 'Hours billed': 'two' },
      { field: 'Hours billed', problem: 'type', expected: 'number' },
    ],
    ['a field only admins set', { Ticket: 'T-1', 'Cost centre': 'Sales', Approved: true }, { field: 'Approved', problem: 'admin_only' }],
  ])('refuses %s before anything is sent', async (_what, fields, facts) => {
    const fake = await acme();
    const ada = await session(fake);
    const refused = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', ...WEBSITE_DESIGN, fields });
    expect(refusalOf(refused)).toMatchObject({ code: 'field_value_invalid', facts });
    expect(entryWrites(fake)).toEqual([]);
  });

  it.each([
    [
      'more fields than any entry takes',
      Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`Field ${index}`, 'x'])),
      { field: 'fields', problem: 'too_many' },
    ],
    ['a text past 5,000 characters', { Ticket: 'T'.repeat(5001) }, { field: 'Ticket', problem: 'too_long' }],
  ])('refuses %s before anything is read or sent', async (_what, fields, facts) => {
    const fake = await acme();
    const ada = await session(fake);
    const before = fake.requests.length;
    const refused = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', ...WEBSITE_DESIGN, fields });
    expect(refusalOf(refused)).toMatchObject({ code: 'field_value_invalid', facts });
    expect(fake.requests.slice(before).filter((request) => request.path.includes('custom-fields'))).toEqual([]);
    expect(entryWrites(fake)).toEqual([]);
  });

  it('asks an admin for the field only admins set too', async () => {
    const fake = await acme();
    const bob = await session(fake, BOB_KEY);
    const refused = await bob.call('log_time', {
      start: '2026-11-18T09:00',
      end: '2026-11-18T10:00',
      ...WEBSITE_DESIGN,
      fields: { Ticket: 'T', 'Cost centre': 'Sales' },
    });
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['Approved'] } });
    const logged = await bob.call('log_time', {
      start: '2026-11-18T09:00',
      end: '2026-11-18T10:00',
      ...WEBSITE_DESIGN,
      fields: { Ticket: 'T', 'Cost centre': 'Sales', approved: true },
    });
    expect(logged.isError, textOf(logged)).toBeFalsy();
  });

  it('starts a timer without the fields, refuses clock_out without them with the timer kept running, and stops with them keeping the rest', async () => {
    const fake = await acme();
    const ada = await session(fake);
    const started = await ada.call('clock_in', { ...WEBSITE_DESIGN, description: 'Header', fields: { 'hours billed': 1 } });
    expect(started.isError, textOf(started)).toBeFalsy();
    const running = fake.state.entries.find((entry) => entry.end === null && entry.userId === SEED.users.ada);
    expect(running && valuesOf(fake, running.id)).toEqual({ [FIELD.hours]: 1 });
    const writesBefore = entryWrites(fake).length;

    const refused = await ada.call('clock_out', {});
    expect(refusalOf(refused)).toEqual({
      code: 'fields_required',
      facts: {
        back_end: expect.stringMatching(/^Clockify/),
        missing: ['Ticket', 'Cost centre'],
        choices: { 'Cost centre': ['Sales', 'R&D'] },
        timer: 'keeps_running',
      },
    });
    expect(textOf(refused)).toMatch(/The timer keeps running as it was/);
    expect(entryWrites(fake)).toHaveLength(writesBefore);
    expect(running?.end).toBeNull();

    const stopped = await ada.call('clock_out', { fields: { Ticket: 'T-7', 'Cost centre': 'Sales' } });
    expect(stopped.isError, textOf(stopped)).toBeFalsy();
    const put = entryWrites(fake).at(-1);
    expect(put?.method).toBe('PUT');
    expect(bodyOf(put as { body: string })).toMatchObject({ description: 'Header', projectId: SEED.projects.website, taskId: SEED.tasks.design });
    expect(running?.end).not.toBeNull();
    expect(running?.description).toBe('Header');
    expect(running && valuesOf(fake, running.id)).toEqual({ [FIELD.hours]: 1, [FIELD.ticket]: 'T-7', [FIELD.cost]: 'Sales' });
  });

  it('says a stop Clockify refused over its fields in the same words, the timer kept running', async () => {
    // A timer started elsewhere, and the field made required after the engine read the fields: Clockify's 400 at the stop.
    const fake = await acme([{ ...(FIELDS[2] as FakeCustomField) }]);
    addEntry(fake, { userId: SEED.users.ada, start: at('2026-11-19', '13:00'), projectId: SEED.projects.website, taskId: SEED.tasks.design });
    const ada = await session(fake);
    expect((await ada.call('list_catalog', {})).isError).toBeFalsy();
    const hours = fake.state.customFields[0] as FakeCustomField;
    hours.required = true;
    const refused = await ada.call('clock_out', {});
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['Hours billed'], timer: 'keeps_running' } });
    expect(fake.requests.some((request) => request.method === 'PATCH' && request.status === 400)).toBe(true);
    expect(fake.state.entries.find((entry) => entry.userId === SEED.users.ada)?.end).toBeNull();
  });

  it('keeps the values a change does not name: a PUT replaces the entry, so it sends them again', async () => {
    const fake = await acme();
    const entry = addEntry(fake, {
      userId: SEED.users.ada,
      start: at('2026-11-18', '09:00'),
      end: at('2026-11-18', '10:00'),
      projectId: SEED.projects.website,
      taskId: SEED.tasks.design,
      customFieldValues: { [FIELD.ticket]: 'T-1', [FIELD.cost]: 'Sales' },
    });
    const ada = await session(fake);
    const listed = await ada.call('list_time_entries', { from: '2026-11-18', to: '2026-11-18' });
    const [shown] = (listed.structuredContent as { entries: Array<{ id: number }> }).entries;

    await ada.call('update_time_entry', { id: shown?.id, description: 'Mock-ups' });
    expect(valuesOf(fake, entry.id)).toEqual({ [FIELD.ticket]: 'T-1', [FIELD.cost]: 'Sales' });

    await ada.call('update_time_entry', { id: shown?.id, fields: { ticket: 'T-2' } });
    expect(valuesOf(fake, entry.id)).toEqual({ [FIELD.ticket]: 'T-2', [FIELD.cost]: 'Sales' });
    for (const put of entryWrites(fake)) expect(bodyOf(put).customFieldValues).toBeUndefined();
    expect(entryWrites(fake)).toHaveLength(2);
  });

  it('maps a create Clockify refused over a required field it had not yet shown to the same refusal', async () => {
    const fake = await acme([{ ...(FIELDS[2] as FakeCustomField) }]);
    const ada = await session(fake);
    expect((await ada.call('list_catalog', {})).isError).toBeFalsy();
    (fake.state.customFields[0] as FakeCustomField).required = true;
    const before = fake.state.entries.length;
    const refused = await ada.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', ...WEBSITE_DESIGN });
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['Hours billed'] } });
    expect(fake.requests.some((request) => request.method === 'POST' && request.status === 400)).toBe(true);
    expect(fake.state.entries).toHaveLength(before);
  });

  it('says in list_catalog which fields each project requires, and their kinds', async () => {
    const fake = await acme();
    const ada = await session(fake);
    const listed = await ada.call('list_catalog', {});
    const data = listed.structuredContent as {
      projects: Array<{ name: string; required_fields?: string[] }>;
      fields?: Array<{ name: string; type: string; required: boolean; choices?: string[] }>;
    };
    expect(data.projects.find((project) => project.name === 'Website')?.required_fields).toEqual(['Ticket', 'Cost centre']);
    expect(data.projects.find((project) => project.name === 'Internal')?.required_fields).toBeUndefined();
    expect(data.fields).toEqual([
      { name: 'Ticket', type: 'text', required: true },
      { name: 'Cost centre', type: 'choice', required: true, choices: ['Sales', 'R&D'] },
      { name: 'Hours billed', type: 'number', required: false },
    ]);
    expect(textOf(listed)).toMatch(/Required: "Website": "Ticket", "Cost centre"/);
  });
});

describe('custom fields on Clockify through the built engine over stdio', () => {
  it('refuses the entry without them before anything is sent, and writes it with them', async () => {
    const fake = await acme();
    const userDataDir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, timezone: 'Europe/Berlin' });
    const engine = opened(await startEngine({ userDataDir, env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKIFY_TOKEN: ADA_KEY } }));
    const refused = await engine.call('log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', ...WEBSITE_DESIGN });
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['Ticket', 'Cost centre'] } });
    expect(entryWrites(fake)).toEqual([]);
    const logged = await engine.call('log_time', {
      start: '2026-11-18T09:00',
      end: '2026-11-18T10:00',
      ...WEBSITE_DESIGN,
      fields: { Ticket: 'T-1', 'Cost centre': 'Sales' },
    });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect((logged.structuredContent as { entry: { fields?: unknown } }).entry.fields).toEqual({ Ticket: 'T-1', 'Cost centre': 'Sales' });
  });
});

describe('custom fields of drafts booked from evidence on Clockify', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'punchcard-clockify-fields-'));
    const shop = join(root, 'shop');
    execFileSync('git', ['init', '-q', '-b', 'main', shop]);
    const when = '2026-11-17T09:40:00+01:00';
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'Ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
    };
    execFileSync('git', ['-C', shop, 'commit', '--allow-empty', '-q', '-m', 'Basket totals'], {
      env: { ...env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('asks for each draft its own fields, naming the draft, and books with them', async () => {
    const fake = await acme([{ ...(FIELDS[0] as FakeCustomField) }]);
    const userDataDir = makeUserDataDir({
      timezone: 'Europe/Berlin',
      provider: { type: 'clockify', url: fake.url },
      evidence: { emails: ['ada@example.com'], git: { folders: [root] }, rules: [{ source: 'git', match: 'shop', project: 'Website', activity: 'Design' }] },
    });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: '2026-11-18T15:00:00+01:00', PUNCHCARD_CLOCKIFY_TOKEN: ADA_KEY } }));
    const suggested = await engine.call('suggest_entries', { from: '2026-11-17' });
    expect(suggested.isError, textOf(suggested)).toBeFalsy();
    const [draft] = suggested.structuredContent?.drafts as Array<{ id: string }>;
    const refused = await engine.call('book_suggested_entries', { from: '2026-11-17', entries: [{ id: draft?.id }] });
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['Ticket'], draft: draft?.id } });
    expect(entryWrites(fake)).toEqual([]);
    const booked = await engine.call('book_suggested_entries', { from: '2026-11-17', entries: [{ id: draft?.id, fields: { ticket: 'T-5' } }] });
    expect(booked.isError, textOf(booked)).toBeFalsy();
    expect(bodyOf(entryWrites(fake)[0] as { body: string }).customFields).toEqual([{ customFieldId: FIELD.ticket, sourceType: 'WORKSPACE', value: 'T-5' }]);
  });
});

describe('the fake Clockify keeps to what the reference says of custom fields', () => {
  const ask = (fake: FakeClockify, method: string, path: string, body?: unknown) =>
    fetch(`${fake.url}/api/v1${path}`, {
      method,
      headers: { 'X-Api-Key': ADA_KEY, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const ws = `/workspaces/${SEED.workspaces.acme}`;

  it('lists every field whatever page-size says, with no Last-Page header; a field by id is 405', async () => {
    const fake = await acme();
    const listed = await ask(fake, 'GET', `${ws}/custom-fields?entity-type=TIMEENTRY&page-size=1`);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('Last-Page')).toBeNull();
    expect(((await listed.json()) as unknown[]).length).toBe(4);
    const one = await ask(fake, 'GET', `${ws}/custom-fields/${FIELD.ticket}`);
    expect(one.status).toBe(405);
    expect(await one.json()).toMatchObject({ message: "Request method 'GET' is not supported" });
  });

  it('takes a create with the read key and drops its values (201); refuses a finished entry without a required field (400)', async () => {
    const fake = await acme([{ ...(FIELDS[2] as FakeCustomField) }]);
    const base = { start: '2026-11-18T08:00:00Z', end: '2026-11-18T09:00:00Z', projectId: SEED.projects.internal };
    const readKey = await ask(fake, 'POST', `${ws}/time-entries`, { ...base, customFieldValues: [{ customFieldId: FIELD.hours, value: 3 }] });
    expect(readKey.status).toBe(201);
    const made = (await readKey.json()) as { customFieldValues: Array<{ value: unknown }> };
    expect(made.customFieldValues).toEqual([expect.objectContaining({ customFieldId: FIELD.hours, value: null })]);
    (fake.state.customFields[0] as FakeCustomField).required = true;
    const missing = await ask(fake, 'POST', `${ws}/time-entries`, base);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 501, message: expect.stringMatching(/custom field/) });
    const timer = await ask(fake, 'POST', `${ws}/time-entries`, { start: base.start, projectId: SEED.projects.internal });
    expect(timer.status).toBe(201);
    const stop = await ask(fake, 'PATCH', `${ws}/user/${SEED.users.ada}/time-entries`, { end: '2026-11-18T10:00:00Z' });
    expect(stop.status).toBe(400);
  });

  it("answers a project's own settings with only the fields it changed", async () => {
    const fake = await acme();
    const own = (await (await ask(fake, 'GET', `${ws}/projects/${SEED.projects.website}/custom-fields`)).json()) as Array<{ id: string; status: string }>;
    expect(own.map((field) => [field.id, field.status])).toEqual([[FIELD.cost, 'VISIBLE']]);
  });
});
