// The tool contracts as a client sees them, through the engine in process
// (test/support/engine.ts, startInProcessEngine) in both protocol eras: unknown argument keys are refused and
// change nothing; every advertised input schema is closed and its limits are exactly the ones the
// server enforces (one step past a limit is refused for that field, the limit itself is not); every
// refusal carries its words, its code and facts in _meta, and no structured content (which clients
// check against the output schema); and
// every result a real session produces validates against the advertised output schema (Ajv, JSON
// Schema 2020-12), on the local timesheet, Kimai, Clockodo, Calamari, Clockify, Toggl Track, Harvest and Tempo
// Timesheets.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Era, type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { refusalShapeProblem } from '../../support/refusal-shape.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { clockodoFacts, clockodoFactsKey } from '../../../mcp-server/providers/clockodo/facts.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, type FakeClockodo, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import {
  DEFAULT_KEY as CALAMARI_KEY,
  type FakeCalamari,
  SEED as CALAMARI_SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../providers/calamari/fake-calamari.ts';
import { ADA as CLOCKIFY_ADA, type FakeClockify, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { ACME as HARVEST_ACME, ADA_TOKEN as HARVEST_TOKEN, type FakeHarvest, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../providers/harvest/request-scenario.ts';
import {
  ADA_TOKEN as TOGGL_TOKEN,
  type FakeToggl,
  seedCatalog as seedTogglCatalog,
  seedWorld as seedTogglWorld,
  startFakeToggl,
} from '../providers/toggl/fake-toggl.ts';
import { type FakeTempo, startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import { ADA_TOKENS as TEMPO_TOKENS, seedAcme as seedTempo, tempoProvider } from '../providers/tempo/request-scenario.ts';

const NOW = '2026-11-18T15:00:00+01:00';
const CHANGE_TOOLS_ON = {
  groups: { agents: true },
  enabled: { update_time_entry: true, delete_time_entry: true, archive_catalog_item: true, cancel_leave_request: true },
};
const EVERY_TOOL = { timezone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BY' }, tools: CHANGE_TOOLS_ON };

interface PropertySchema {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface ListedTool {
  name: string;
  inputSchema: { properties?: Record<string, PropertySchema>; additionalProperties?: unknown };
  outputSchema: object;
}

/** What later steps read of the result before them (a created item, an entry, a listing). */
interface StructuredResult {
  id: number;
  entry: { id: number };
  requests: Array<{ id: number }>;
}
/** A step of a session: a tool and its arguments, which may depend on the result of the step before. */
type Step = [string, Record<string, unknown> | ((previous: StructuredResult) => Record<string, unknown>)];

/** A session on the local timesheet that calls every tool, with the arguments that reach every branch of the results. */
const LOCAL_SESSION: Step[] = [
  ['whoami', {}],
  ['create_catalog_item', { kind: 'customer', name: 'Acme' }],
  ['create_catalog_item', { kind: 'project', name: 'Website', parent: 'Acme' }],
  ['create_catalog_item', { kind: 'activity', name: 'Design', parent: 'Website' }],
  ['list_catalog', {}],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Design', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'website', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website' }],
  ['log_time', { start: '08:00', end: '09:15' }],
  ['list_time_entries', { limit: 2 }],
  ['update_time_entry', { id: 1, description: 'changed' }],
  ['delete_time_entry', { id: 2 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'project' }],
  ['time_report', { group_by: 'activity', project: 'Website' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-28', last_day: '2027-01-05', first_day_part: 'afternoon' }],
  ['request_leave', { type: 'sick', first_day: 'today' }],
  ['request_leave', { type: 'personal', first_day: '2027-01-14', last_day: '2027-01-15', last_day_part: 'morning' }],
  ['list_leave_requests', {}],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-12-21', to: '2027-01-08' }],
  ['cancel_leave_request', { id: 2 }],
  ['list_leave_requests', { include_cancelled: true }],
  ['archive_catalog_item', { kind: 'activity', id: 1 }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website' }],
];

/**
 * The same on Kimai, whose results differ where a back end can: a connection line in whoami, pending
 * leave, a request over New Year filed as parts. Ids come from Kimai, so later steps read them.
 */
const KIMAI_SESSION: Step[] = [
  ['whoami', {}],
  ['create_catalog_item', { kind: 'customer', name: 'Globex' }],
  ['create_catalog_item', { kind: 'project', name: 'Intranet', parent: 'Globex' }],
  ['create_catalog_item', { kind: 'activity', name: 'Support', parent: 'Intranet' }],
  ['archive_catalog_item', (created) => ({ kind: 'activity', id: created.id })],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Design', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'website', activity: 'Meeting', switch: true }],
  ['clock_out', { note: 'standup' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website', activity: 'Meeting' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (updated) => ({ id: updated.entry.id })],
  ['list_time_entries', { limit: 1 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'week' }],
  ['time_report', { group_by: 'activity', project: 'Website' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08' }],
  ['request_leave', { type: 'sick', first_day: 'today' }],
  ['list_leave_requests', {}],
  ['cancel_leave_request', (listed) => ({ id: listed.requests[0]?.id })],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-12-21', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website', activity: 'Meeting' }],
];

/**
 * On Clockodo, as its manager (who may add to the catalog): lump sums and entries of a customer, Clockodo's
 * own type names, a colleague whose absence's kind is hidden, a back end's balance and time account.
 */
const CLOCKODO_SESSION: Step[] = [
  ['whoami', {}],
  ['create_catalog_item', { kind: 'customer', name: 'Initech' }],
  ['create_catalog_item', { kind: 'project', name: 'Portal', parent: 'Initech' }],
  ['create_catalog_item', { kind: 'activity', name: 'Support' }],
  ['archive_catalog_item', (created) => ({ kind: 'activity', id: created.id })],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Development', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Meeting', switch: true }],
  ['clock_out', { note: 'standup' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website', activity: 'Meeting' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (updated) => ({ id: updated.entry.id })],
  ['list_time_entries', {}],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'activity', project: 'Website' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08' }],
  ['request_leave', { type: 'Home office', first_day: '2026-11-27' }],
  ['list_leave_requests', {}],
  ['cancel_leave_request', (listed) => ({ id: listed.requests[0]?.id })],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-11-16', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website', activity: 'Meeting' }],
];

/** On Calamari: a shift with breaks, the person's projects, leave without an entitlement, the team. */
const CALAMARI_SESSION: Step[] = [
  ['whoami', {}],
  ['list_catalog', {}],
  ['timer_status', {}],
  ['clock_in', { project: 'General', start: '13:00' }],
  ['start_break', {}],
  ['timer_status', {}],
  ['end_break', {}],
  ['clock_out', {}],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'General' }],
  ['list_time_entries', {}],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'project' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08' }],
  ['request_leave', { type: 'Remote work', first_day: '2026-11-27' }],
  ['list_leave_requests', {}],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-11-16', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the test suite', project: 'General' }],
];

/** On Clockify: a project's task, a switch, entries by number, time off with a half day and a withdrawal. */
const CLOCKIFY_SESSION: Step[] = [
  ['whoami', {}],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Design', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'Internal', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (changed) => ({ id: changed.entry.id })],
  ['list_time_entries', { limit: 2 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'activity' }],
  ['request_leave', { type: 'vacation', first_day: '2026-12-21', last_day: '2027-01-08', last_day_part: 'morning' }],
  ['list_leave_requests', {}],
  ['cancel_leave_request', (listed) => ({ id: listed.requests.at(-1)?.id })],
  ['leave_balance', {}],
  ['absence_calendar', { from: '2026-11-16', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website' }],
];

/** On Harvest: a project's task, a switch, entries by number (no leave: Harvest's API keeps none). */
const HARVEST_SESSION: Step[] = [
  ['whoami', {}],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Design', start: '07:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'Internal', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website', activity: 'Development' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (changed) => ({ id: changed.entry.id })],
  ['list_time_entries', { limit: 2 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'activity' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website', activity: 'Development' }],
];

/** On Toggl Track: a project's task, a switch, entries by number, an agent's tag; no leave (withheld), the settings' holidays. */
const TOGGL_SESSION: Step[] = [
  ['whoami', {}],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'Website', activity: 'Development', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'Internal', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'Website' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (changed) => ({ id: changed.entry.id })],
  ['list_time_entries', { limit: 2 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'activity' }],
  ['absence_calendar', { from: '2026-11-16', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'Website' }],
];

/**
 * On Tempo Timesheets: issues by key and by summary, Punchcard's own timer and a switch, worklogs by number, an agent's
 * prefix; no leave (withheld), the schedule's targets.
 */
const TEMPO_SESSION: Step[] = [
  ['whoami', {}],
  ['list_catalog', { include_archived: true }],
  ['timer_status', {}],
  ['clock_in', { project: 'WEB-1', start: '13:00' }],
  ['timer_status', {}],
  ['clock_in', { project: 'Internal', description: 'review', switch: true }],
  ['clock_out', { note: 'done' }],
  ['log_time', { date: 'yesterday', duration: '1h30m', project: 'web-1' }],
  ['update_time_entry', (logged) => ({ id: logged.entry.id, description: 'changed' })],
  ['delete_time_entry', (changed) => ({ id: changed.entry.id })],
  ['list_time_entries', { limit: 2 }],
  ['time_report', {}],
  ['working_time', {}],
  ['time_report', { group_by: 'project' }],
  ['absence_calendar', { from: '2026-11-16', to: '2027-01-08' }],
  ['record_agent_time', { start: 'yesterday 09:00', end: 'yesterday 09:30', description: 'Ran the test suite', project: 'WEB-1' }],
];

/** Runs the session, checks every result against its tool's advertised output schema, and returns the tools it called. */
async function runValidated(engine: InProcessEngineHandle, tools: ListedTool[], session: Step[]): Promise<string[]> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validators = new Map<string, ValidateFunction>(tools.map((tool) => [tool.name, ajv.compile(tool.outputSchema)]));
  let previous = {} as StructuredResult;
  const called = new Set<string>();
  for (const [name, argsOrFromPrevious] of session) {
    const args = typeof argsOrFromPrevious === 'function' ? argsOrFromPrevious(previous) : argsOrFromPrevious;
    const result = await engine.call(name, args);
    expect(result.isError, `${name} ${JSON.stringify(args)}: ${textOf(result)}`).toBeFalsy();
    const validate = validators.get(name);
    expect(validate?.(result.structuredContent), `${name}: ${JSON.stringify(validate?.errors)}`).toBe(true);
    previous = result.structuredContent as unknown as StructuredResult;
    called.add(name);
  }
  return [...called].sort();
}

function propertiesOf(tool: ListedTool): Array<[string, PropertySchema]> {
  return Object.entries(tool.inputSchema.properties ?? {});
}

/** Values one step past each limit the schema states, with the message zod gives for it. */
function pastTheLimits(schema: PropertySchema): Array<{ value: unknown; says: string }> {
  const past: Array<{ value: unknown; says: string }> = [];
  if (schema.maxLength !== undefined) past.push({ value: 'x'.repeat(schema.maxLength + 1), says: 'Too big' });
  if (schema.minLength !== undefined) past.push({ value: 'x'.repeat(schema.minLength - 1), says: 'Too small' });
  if (schema.maximum !== undefined) past.push({ value: schema.maximum + 1, says: 'Too big' });
  if (schema.minimum !== undefined) past.push({ value: schema.minimum - 1, says: 'Too small' });
  if (schema.type === 'integer') past.push({ value: (schema.minimum ?? 0) + 1.5, says: 'Invalid input: expected int' });
  return past;
}

/** Values right at each limit the schema states: the server must not refuse them for that field. */
function atTheLimits(schema: PropertySchema): unknown[] {
  const at: unknown[] = [];
  if (schema.maxLength !== undefined) at.push('x'.repeat(schema.maxLength));
  if (schema.minLength !== undefined) at.push('x'.repeat(schema.minLength));
  if (schema.maximum !== undefined) at.push(schema.maximum);
  if (schema.minimum !== undefined) at.push(schema.minimum);
  return at;
}

describe.each<Era>(['legacy', 'modern'])('tool contracts on the local timesheet, %s era', (era) => {
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    engine = await startInProcessEngine({ era, userDataDir: makeUserDataDir(EVERY_TOOL), env: { PUNCHCARD_NOW: NOW } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => engine?.close());

  it('refuses unknown argument keys, names the accepted ones, and records nothing', async () => {
    const typo = await engine.call('clock_in', { projct: 'Website', strat: '08:00' });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toContain(
      'Unknown arguments "projct", "strat": clock_in takes project, activity, description, start, switch, fields. Nothing was done.',
    );
    expect((await engine.call('timer_status')).structuredContent).toMatchObject({ running: null });
    const none = await engine.call('whoami', { verbose: true });
    expect(textOf(none)).toContain('Unknown argument "verbose": whoami takes no arguments.');
  });

  it('refuses in the shape every client reads, for every tool: words, the code and facts in _meta, no structured content', async () => {
    for (const tool of tools) {
      const refused = await engine.call(tool.name, { not_an_argument: true });
      expect(refused.isError, tool.name).toBe(true);
      expect(refusalShapeProblem(refused), tool.name).toBeUndefined();
      expect(refusalOf(refused)?.code, tool.name).toBe('invalid_arguments');
    }
  });

  it('advertises closed input schemas that bound every string', () => {
    expect(tools).toHaveLength(19);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      for (const [field, schema] of propertiesOf(tool)) {
        if (schema.type === 'string' && !schema.enum) expect(schema.maxLength, `${tool.name}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it('enforces the advertised limits: one step past any of them is refused for that field', async () => {
    let probes = 0;
    for (const tool of tools) {
      for (const [field, schema] of propertiesOf(tool)) {
        for (const { value, says } of pastTheLimits(schema)) {
          const result = await engine.call(tool.name, { [field]: value });
          expect(result.isError, `${tool.name}.${field} = ${JSON.stringify(value).slice(0, 20)}`).toBe(true);
          expect(refusalShapeProblem(result), `${tool.name}.${field}`).toBeUndefined();
          expect(textOf(result), `${tool.name}.${field}`).toMatch(new RegExp(`\\b${field}: ${says}`));
          probes++;
        }
      }
    }
    // Strings, ids, the page size, the year: the probes reached every kind of limit.
    expect(probes).toBeGreaterThan(50);
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, LOCAL_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });

  it('lists this year’s and upcoming leave by default: in November, January is there', async () => {
    const listed = (await engine.call('list_leave_requests')).structuredContent as { requests: Array<{ first_day: string }> };
    expect(listed.requests.map((request) => request.first_day)).toContain('2027-01-14');
  });
});

// Validation does not depend on the protocol era; one era is enough here.
describe('tool contracts at the limits', () => {
  let engine: InProcessEngineHandle;
  beforeAll(async () => {
    engine = await startInProcessEngine({ userDataDir: makeUserDataDir(EVERY_TOOL), env: { PUNCHCARD_NOW: NOW } });
  });
  afterAll(async () => engine?.close());

  // A limit advertised tighter than the server's would refuse what the server takes; the value at
  // each limit may still fail for other reasons (a missing id, an unreadable time), never for this one.
  it('takes a value right at each advertised limit', async () => {
    const tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
    let probes = 0;
    for (const tool of tools) {
      for (const [field, schema] of propertiesOf(tool)) {
        for (const value of atTheLimits(schema)) {
          const result = await engine.call(tool.name, { [field]: value });
          expect(textOf(result), `${tool.name}.${field}`).not.toMatch(new RegExp(`\\b${field}: (Too big|Too small)`));
          probes++;
        }
      }
    }
    expect(probes).toBeGreaterThan(40);
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Kimai, %s era', (era) => {
  const ROOT = DEFAULT_USERS[2] as FakeUser;
  let fake: FakeKimai;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } });
    seedCatalog(fake);
    const userDataDir = makeUserDataDir({ ...EVERY_TOOL, provider: { type: 'kimai', url: `${fake.url}/` } });
    rememberPlugin(userDataDir, fake.url, true);
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ROOT.token } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, KIMAI_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });

  it('lists this year’s and upcoming leave by default: January’s part is there', async () => {
    const listed = (await engine.call('list_leave_requests')).structuredContent as { requests: Array<{ first_day: string }> };
    expect(listed.requests.map((request) => request.first_day)).toContain('2027-01-01');
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Clockodo, %s era', (era) => {
  const MIA = CLOCKODO_USERS[2] as (typeof CLOCKODO_USERS)[number];
  let fake: FakeClockodo;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeClockodo({ now: clockStartingAt(NOW) });
    seedCompany(fake);
    fake.addAbsence({
      usersId: (CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number]).id,
      dateSince: '2026-11-19',
      dateUntil: '2026-11-19',
      type: 4,
      status: 1,
    });
    const userDataDir = makeUserDataDir({ tools: CHANGE_TOOLS_ON, provider: { type: 'clockodo', email: MIA.email, url: fake.url } });
    // What the connection test learned: a manager, who may add to the catalog.
    clockodoFacts.write(
      userDataDir,
      clockodoFactsKey({ email: MIA.email, url: fake.url }),
      { userId: MIA.id, role: 'manager', absences: true, checkedAt: NOW },
      () => {},
    );
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: MIA.apiKey } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, CLOCKODO_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Calamari, %s era', (era) => {
  let fake: FakeCalamari;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeCalamari({ now: clockStartingAt(NOW) });
    seedOrganisation(fake);
    fake.state.requests.push({
      id: 960,
      employeeId: 2,
      absenceTypeId: CALAMARI_SEED.absenceTypes.annualLeave,
      from: '2026-11-19',
      to: '2026-11-19',
      fromPart: 'MORNING',
      toPart: 'AFTERNOON',
      status: 'ACCEPTED',
      reason: null,
      comment: null,
      amount: 0.5,
    });
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' }, tools: { groups: { agents: true } } });
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, CALAMARI_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Clockify, %s era', (era) => {
  let fake: FakeClockify;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeClockify({ now: clockStartingAt(NOW), teamTimeOffForEveryone: true });
    seedWorkspace(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'clockify', url: fake.url }, ...EVERY_TOOL });
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, CLOCKIFY_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Harvest, %s era', (era) => {
  let fake: FakeHarvest;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeHarvest({ now: clockStartingAt(NOW) });
    seedHarvest(fake, 'timestamps');
    const userDataDir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) }, ...EVERY_TOOL });
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, HARVEST_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Toggl Track, %s era', (era) => {
  let fake: FakeToggl;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 1_000, organisation: 1_000 } });
    seedTogglWorld(fake);
    seedTogglCatalog(fake, { customer: 'Acme', projects: [{ name: 'Website' }, { name: 'Internal' }, { name: 'Old', active: false }], task: 'Development' });
    const userDataDir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, ...EVERY_TOOL });
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: TOGGL_TOKEN } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, TOGGL_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});

describe.each<Era>(['legacy', 'modern'])('tool contracts on Tempo Timesheets, %s era', (era) => {
  let fake: FakeTempo;
  let engine: InProcessEngineHandle;
  let tools: ListedTool[];
  beforeAll(async () => {
    fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
    seedTempo(fake);
    const userDataDir = makeUserDataDir({ provider: tempoProvider(fake), ...EVERY_TOOL });
    engine = await startInProcessEngine({ era, userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TEMPO_PER_SECOND: '1000', ...TEMPO_TOKENS } });
    tools = (await engine.client.listTools()).tools as unknown as ListedTool[];
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('returns results that validate against the advertised output schemas, for every tool', async () => {
    expect(await runValidated(engine, tools, TEMPO_SESSION)).toEqual(tools.map((tool) => tool.name).sort());
  });
});
