// Kimai's meta fields of timesheets (the custom-fields plugin), through the engine in process against the
// fake Kimai (issue 78; docs/back-ends/kimai.md, "Meta fields"). ACME's rules: a mandatory `ticket` on every
// timesheet, a mandatory choice list `costcentre` on Website only (its leading comma: no choice until one
// is made), and an optional invisible `note` (written, never shown). Kimai's API takes an entry without its
// mandatory fields, so Punchcard holds them; the values go after the entry, one PATCH …/meta each, never in
// the timesheet's body (which Kimai would refuse as extra fields); one that does not land is said with the
// entry and the fields that did. Without the plugin there are no fields, and no error.
import { describe, expect, it } from 'vitest';
import { makeUserDataDir, refusalOf, startEngine, textOf } from '../../support/engine.ts';
import { ADMIN_NOW } from '../../support/admin-engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { ADA, kimaiAdmin } from '../../support/kimai-admin.ts';
import { type FakeKimai, type FakeMetaRule, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const { startKimai, connect } = kimaiAdmin('log_time', { group: 'entries' });
const TOOLS = { tools: { enabled: { update_time_entry: true } } };

async function acme(): Promise<{ fake: FakeKimai; website: number; internal: number }> {
  const fake = await startKimai();
  const { acme: customer, website } = seedCatalog(fake);
  const internal = fake.addProject('Internal', customer.id);
  fake.addActivity('Support', internal.id);
  return { fake, website: website.id, internal: internal.id };
}

function rules(website: number): FakeMetaRule[] {
  return [
    { name: 'ticket', label: 'Ticket', type: 'string', required: true },
    { name: 'costcentre', label: 'Cost centre', type: 'choice-list', value: ',sales|Sales,rd|R&D', required: true, projectId: website },
    { name: 'note', type: 'string', visible: false },
  ];
}

/** The requests `run` made of the fake, as 'METHOD /path' without /api, with their bodies. */
async function sentDuring(fake: FakeKimai, run: () => Promise<unknown>): Promise<Array<{ line: string; body: string; status: number }>> {
  const before = fake.requests.length;
  await run();
  return fake.requests
    .slice(before)
    .map((request) => ({ line: `${request.method} ${request.path.replace(/^\/api/, '')}`, body: request.body, status: request.status }));
}
const writes = <Sent extends { line: string }>(sent: Sent[]) => sent.filter((request) => !request.line.startsWith('GET '));

const SPAN = { start: '2026-11-18T09:00', end: '2026-11-18T10:00' };

describe('meta fields on Kimai', () => {
  it('holds the mandatory fields itself: refused before anything is sent, though Kimai would take the entry', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const ada = await connect(fake, ADA, TOOLS);
    let answer = await ada.call('whoami');
    const sent = await sentDuring(fake, async () => (answer = await ada.call('log_time', { ...SPAN, project: 'Website', activity: 'Design' })));
    expect(refusalOf(answer)).toEqual({
      code: 'fields_required',
      facts: { back_end: expect.stringMatching(/^Kimai/), missing: ['ticket', 'costcentre'], choices: { costcentre: ['sales', 'rd'] } },
    });
    expect(sent.map((request) => request.line)).toContain('GET /metafields');
  });

  it('writes the timesheet without meta fields, then one meta request per field, and reads back the visible ones', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const ada = await connect(fake, ADA, TOOLS);
    let answer = await ada.call('whoami');
    const sent = await sentDuring(
      fake,
      async () =>
        (answer = await ada.call('log_time', {
          ...SPAN,
          project: 'Website',
          activity: 'Design',
          fields: { Ticket: 'T-1', 'cost centre': 'R&D', note: 'for payroll' },
        })),
    );
    expect(answer.isError, textOf(answer)).toBeFalsy();
    const sentWrites = writes(sent);
    expect(sentWrites.map((request) => request.line)).toEqual([
      'POST /timesheets',
      expect.stringMatching(/^PATCH \/timesheets\/\d+\/meta$/),
      expect.stringMatching(/^PATCH \/timesheets\/\d+\/meta$/),
      expect.stringMatching(/^PATCH \/timesheets\/\d+\/meta$/),
    ]);
    expect(JSON.parse(sentWrites[0]?.body ?? '{}')).not.toHaveProperty('metaFields');
    expect(sentWrites.slice(1).map((request) => JSON.parse(request.body))).toEqual([
      { name: 'ticket', value: 'T-1' },
      { name: 'costcentre', value: 'rd' },
      { name: 'note', value: 'for payroll' },
    ]);
    const sheet = fake.state.timesheets.at(-1);
    expect(sheet?.meta).toEqual({ ticket: 'T-1', costcentre: 'rd', note: 'for payroll' });
    const listed = await ada.call('list_time_entries', { from: '2026-11-18', to: '2026-11-18' });
    const entries = (listed.structuredContent as { entries: Array<{ fields?: Record<string, unknown> }> }).entries;
    expect(entries.map((entry) => entry.fields)).toEqual([{ ticket: 'T-1', costcentre: 'rd' }]);
  });

  it('holds them at clock-in too, as Kimai would not at the stop', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const ada = await connect(fake, ADA, TOOLS);
    let answer = await ada.call('whoami');
    const sent = await sentDuring(fake, async () => (answer = await ada.call('clock_in', { project: 'Website', activity: 'Design' })));
    expect(refusalOf(answer)).toMatchObject({ code: 'fields_required', facts: { missing: ['ticket', 'costcentre'], timer: 'not_started' } });
    expect(writes(sent)).toEqual([]);
    const started = await ada.call('clock_in', { project: 'Website', activity: 'Design', fields: { ticket: 'T-3', costcentre: 'Sales' } });
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(fake.state.timesheets.at(-1)?.meta).toEqual({ ticket: 'T-3', costcentre: 'sales' });
    const stopped = await ada.call('clock_out', { fields: { note: 'late' } });
    expect(stopped.isError, textOf(stopped)).toBeFalsy();
    expect(fake.state.timesheets.at(-1)?.meta).toEqual({ ticket: 'T-3', costcentre: 'sales', note: 'late' });
    expect(fake.state.timesheets.at(-1)?.end).not.toBeNull();
  });

  it('says which entry and which fields did not land when Kimai refuses one halfway, and loses nothing else', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const ada = await connect(fake, ADA, TOOLS);
    // The engine has read the rules; then an administrator removes the invisible one.
    expect((await ada.call('list_catalog', {})).isError).toBeFalsy();
    fake.config.metaRules = fake.config.metaRules.filter((rule) => rule.name !== 'note');
    const answer = await ada.call('log_time', { ...SPAN, project: 'Website', activity: 'Design', fields: { ticket: 'T-1', costcentre: 'rd', note: 'x' } });
    const sheet = fake.state.timesheets.at(-1);
    expect(refusalOf(answer)).toEqual({
      code: 'fields_partly_written',
      facts: {
        back_end: 'Kimai',
        entry: sheet?.id,
        written: ['ticket', 'costcentre'],
        not_written: ['note'],
        cause: expect.objectContaining({ code: expect.any(String) }),
      },
    });
    expect(textOf(answer)).toMatch(new RegExp(`#${sheet?.id}.*was saved in Kimai with "ticket", "costcentre", but "note" did not land`));
    expect(fake.requests.some((request) => request.path.endsWith('/meta') && request.status === 404)).toBe(true);
    expect(sheet?.meta).toEqual({ ticket: 'T-1', costcentre: 'rd' });
  });

  it('says in list_catalog which fields each project requires', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const ada = await connect(fake, ADA, TOOLS);
    const listed = await ada.call('list_catalog', {});
    const data = listed.structuredContent as { projects: Array<{ name: string; required_fields?: string[] }>; fields?: unknown[] };
    expect(data.projects.find((project) => project.name === 'Website')?.required_fields).toEqual(['ticket', 'costcentre']);
    expect(data.projects.find((project) => project.name === 'Internal')?.required_fields).toEqual(['ticket']);
    expect(data.fields).toEqual([
      { name: 'ticket', type: 'text', required: true },
      { name: 'costcentre', type: 'choice', required: true, choices: ['sales', 'rd'] },
      { name: 'note', type: 'text', required: false },
    ]);
  });

  it('without the plugin: no fields, no error, and a field given is one Kimai does not know', async () => {
    const { fake } = await acme();
    const ada = await connect(fake, ADA, TOOLS);
    const logged = await ada.call('log_time', { ...SPAN, project: 'Website', activity: 'Design' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(fake.requests.some((request) => request.path === '/api/metafields' && request.status === 404)).toBe(true);
    let answer = logged;
    const sent = await sentDuring(
      fake,
      async () => (answer = await ada.call('log_time', { ...SPAN, project: 'Website', activity: 'Design', fields: { ticket: 'T' } })),
    );
    expect(refusalOf(answer)).toMatchObject({ code: 'field_value_invalid', facts: { field: 'ticket', problem: 'unknown', known: [] } });
    expect(writes(sent)).toEqual([]);
  });
});

describe('meta fields on Kimai through the built engine over stdio', () => {
  const closing = closeAfterEach();

  it('holds the mandatory fields, then writes them one meta request each after the timesheet', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url }, timezone: 'Europe/Berlin' });
    const engine = closing(await startEngine({ userDataDir, env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_KIMAI_TOKEN: ADA.token } }));
    const refused = await engine.call('log_time', { ...SPAN, project: 'Website', activity: 'Design' });
    expect(refusalOf(refused)).toMatchObject({ code: 'fields_required', facts: { missing: ['ticket', 'costcentre'] } });
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    const logged = await engine.call('log_time', { ...SPAN, project: 'Website', activity: 'Design', fields: { ticket: 'T-1', costcentre: 'rd' } });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(
      fake.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path.replace(/\/\d+\//, '/{id}/')}`),
    ).toEqual(['POST /api/timesheets', 'PATCH /api/timesheets/{id}/meta', 'PATCH /api/timesheets/{id}/meta']);
    expect(fake.state.timesheets.at(-1)?.meta).toEqual({ ticket: 'T-1', costcentre: 'rd' });
  });
});

describe('the fake Kimai keeps to what the reference says of meta fields', () => {
  const ask = (fake: FakeKimai, method: string, path: string, body?: unknown) =>
    fetch(`${fake.url}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADA.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('refuses metaFields in a timesheet body as extra fields, takes one without its mandatory field, and 404s an unknown name', async () => {
    const seeded = await acme();
    const { fake } = seeded;
    fake.config.metaFieldsPlugin = true;
    fake.config.metaRules = rules(seeded.website);
    const design = fake.state.activities.find((activity) => activity.name === 'Design')?.id;
    const base = { project: seeded.website, activity: design, begin: '2026-11-18T09:00:00', end: '2026-11-18T10:00:00' };
    const extra = await ask(fake, 'POST', '/timesheets', { ...base, metaFields: [{ name: 'ticket', value: 'T' }] });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ code: 400, message: 'Validation Failed', errors: { errors: ['This form should not contain extra fields.'] } });
    const taken = await ask(fake, 'POST', '/timesheets', base);
    expect(taken.status).toBe(200);
    const { id } = (await taken.json()) as { id: number };
    const unknown = await ask(fake, 'PATCH', `/timesheets/${id}/meta`, { name: 'nosuch', value: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 404, message: 'Not Found' });
    const nameless = await ask(fake, 'PATCH', `/timesheets/${id}/meta`, { value: 'x' });
    expect(nameless.status).toBe(400);
    expect(await nameless.json()).toEqual({ code: 400, message: 'Bad Request' });
  });

  it('has no metafields route without the plugin', async () => {
    const { fake } = await acme();
    const answer = await ask(fake, 'GET', '/metafields?entity=timesheet');
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ code: 404, message: 'Not Found' });
  });
});
