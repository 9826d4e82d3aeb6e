// A Clockify workspace without custom fields (issue 83; docs/back-ends/clockify.md, "Custom fields"): custom fields
// come with Clockify's paid plans, and a workspace without them may refuse their list (404 in JSON, 403, 402) or say
// in its `features` that its plan has none. Every write goes through all the same, with the person's own key and with
// the organisation's on the team server: a list refused is no custom fields, said once in the log and asked again an
// hour later (the tracker's clock, moved here); a plan without the feature is never asked. Clockify's own 400 over a
// required field still reads the list afresh and says fields_required; a refusal that is not "unavailable" (the key,
// Clockify's trouble, no answer, a web page) still fails the write in words, nothing sent.
import { describe, expect, it } from 'vitest';
import clockIn from '../../../../mcp-server/tools/clock-in.ts';
import clockOut from '../../../../mcp-server/tools/clock-out.ts';
import logTime from '../../../../mcp-server/tools/log-time.ts';
import recordAgentTime from '../../../../mcp-server/tools/record-agent-time.ts';
import updateTimeEntry from '../../../../mcp-server/tools/update-time-entry.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { movableClockStartingAt } from '../../../support/fake-clock.ts';
import type { Failure } from '../../../support/fake-server.ts';
import { actingToolRunner } from '../acting-tool-context.ts';
import { actingTracker, line } from './acting-support.ts';
import { ADA_KEY, addEntry, type FakeClockify, type FakeClockifyOptions, SEED, seedTeam, seedWorkspace, startFakeClockify } from './fake-clockify.ts';
import type { FakeCustomField } from './fake-clockify-fields.ts';

const NOW = '2026-11-18T09:00:00+01:00';
const WS = SEED.workspaces.acme;
const { ada } = SEED.users;
const HOUR_MS = 3_600_000;
const opened = closeAfterEach();
const day = (time: string) => Date.parse(`2026-11-17T${time}:00+01:00`);

const TICKET: FakeCustomField = { id: 'f-ticket', workspaceId: WS, name: 'Ticket', type: 'TXT', required: true, status: 'VISIBLE' };

/** With her own key, and with Bob's (an admin's) through the team server's narrowing, acting for her. */
const ACCESS = [
  ['her own key', { actingFor: null, key: ADA_KEY }],
  ["the organisation's key", { actingFor: ada }],
] as const;

interface Workspace {
  label: string;
  /** How the lists answer where the plan lacks custom fields. */
  offPlan: NonNullable<FakeClockifyOptions['customFieldsOffPlan']>;
  /** Whether the workspace's answers say its features (then lacking CUSTOM_FIELDS, nothing is asked). */
  shown: boolean;
}

const WITHOUT_FIELDS: Workspace[] = [
  { label: 'a list that answers 404', offPlan: 404, shown: false },
  { label: 'a list that answers 403', offPlan: 403, shown: false },
  { label: 'a list that answers 402', offPlan: 402, shown: false },
  { label: 'a plan whose features lack custom fields', offPlan: 404, shown: true },
];

type Access = (typeof ACCESS)[number][1];

async function setUp(access: Access, workspace?: Workspace, options: { timeoutMs?: number } = {}) {
  const clock = movableClockStartingAt(NOW);
  const fake = opened(await startFakeClockify({ now: clock, ...(workspace ? { customFieldsOffPlan: workspace.offPlan } : {}) }));
  seedWorkspace(fake);
  seedTeam(fake);
  const acme = acmeOf(fake);
  if (workspace) {
    acme.features = acme.features.filter((feature) => feature !== 'CUSTOM_FIELDS');
    acme.featuresShown = workspace.shown;
  }
  const logs: string[] = [];
  // The fake counts no requests a second: nothing need wait for Clockify's pace.
  const tracked = { ...access, log: (said: string) => logs.push(said), perSecond: 1_000, ...options };
  const { tracker, aliases } = await actingTracker(opened, fake, clock, 'clockify-fields-unavailable', tracked);
  const runner = actingToolRunner(tracker, clock, 'Europe/Berlin');
  Object.assign(runner.context, { client: { name: 'Claude Code', slug: 'claude-code' } });
  return { fake, clock, tracker, aliases, logs, run: runner.run };
}

const acmeOf = (fake: FakeClockify) => fake.state.workspaces.find((workspace) => workspace.id === WS) as FakeClockify['state']['workspaces'][number];
/** The reads of the workspace's custom fields Clockify was sent. */
const fieldReads = (fake: FakeClockify) => fake.requests.filter((request) => line(request) === `GET /workspaces/${WS}/custom-fields`).length;
/** The writes of time entries sent, answered or not. */
const entryWrites = (fake: FakeClockify) => fake.requests.filter((request) => request.method !== 'GET' && request.path.includes('/time-entries')).map(line);
const fieldsLogged = (logs: readonly string[]) => logs.filter((said) => /custom fields/i.test(said));

/** The refusal `promise` ends in (the tools' own or the back end's), as its code and facts; anything else fails the test. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; facts: Record<string, unknown> }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error) || !('refusal' in error)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error.refusal as { code: string; facts: Record<string, unknown> };
}

describe.each(ACCESS)('Clockify without custom fields, through %s', (_access, access) => {
  it.each(WITHOUT_FIELDS)('$label: clock_in, clock_out, log_time, update_time_entry and record_agent_time all write', async (workspace) => {
    const { fake, clock, aliases, logs, run } = await setUp(access, workspace);
    const hers = addEntry(fake, { userId: ada, start: day('08:00'), end: day('09:00'), projectId: SEED.projects.website, description: 'Review' });
    const number = await aliases.number('entry', hers.id);
    await run(clockIn, { project: 'Website', activity: 'Development' });
    await run(clockOut, {});
    await run(logTime, { start: '2026-11-17T10:00', end: '2026-11-17T11:00', project: 'Website', activity: 'Design' });
    await run(updateTimeEntry, { id: number, description: 'Reviewed' });
    await run(recordAgentTime, { start: '2026-11-17T11:00', end: '2026-11-17T11:30', project: 'Website', description: 'Ran the tests' });
    expect(entryWrites(fake).map((said) => said.split(' ')[0])).toEqual(['POST', 'PATCH', 'POST', 'PUT', 'POST']);
    expect(hers.description).toBe('Reviewed');
    // A refused list was asked once for all five; a plan without the feature was never asked.
    const asked = workspace.shown ? 0 : 1;
    expect(fieldReads(fake)).toBe(asked);
    expect(fieldsLogged(logs)).toHaveLength(1);

    // Within the hour nothing is asked again; after it, a refused list is asked again (and still refused: no new line).
    clock.advance(HOUR_MS - 60_000);
    await run(logTime, { start: '2026-11-17T12:00', end: '2026-11-17T13:00', project: 'Website' });
    expect(fieldReads(fake)).toBe(asked);
    clock.advance(2 * 60_000);
    await run(logTime, { start: '2026-11-17T13:00', end: '2026-11-17T14:00', project: 'Website' });
    expect(fieldReads(fake)).toBe(2 * asked);
    expect(fieldsLogged(logs)).toHaveLength(1);
    expect(entryWrites(fake)).toHaveLength(7);
  });

  it.each(WITHOUT_FIELDS.filter((workspace) => workspace.offPlan === 404))(
    "$label, then a required field: Clockify's 400 reads the list at once and is said as fields_required",
    async (workspace) => {
      const { fake, run } = await setUp(access, workspace);
      await run(logTime, { start: '2026-11-17T10:00', end: '2026-11-17T11:00', project: 'Website' });
      // The workspace's plan changes and an admin requires a Ticket, within the hour Punchcard would not ask.
      acmeOf(fake).features.push('CUSTOM_FIELDS');
      fake.state.customFields.push({ ...TICKET });
      const before = entryWrites(fake).length;
      const refused = await refusal(run(logTime, { start: '2026-11-17T11:00', end: '2026-11-17T12:00', project: 'Website' }));
      expect(refused).toEqual({ code: 'fields_required', facts: { back_end: 'Clockify', missing: ['Ticket'], choices: {} } });
      // The one write Clockify refused; nothing was kept.
      expect(entryWrites(fake).slice(before)).toEqual([expect.stringMatching(/^POST /)]);
      expect(fake.state.entries.filter((entry) => entry.userId === ada && entry.start === day('11:00'))).toEqual([]);
      // Known now: the next write asks for it before anything is sent.
      const asked = await refusal(run(logTime, { start: '2026-11-17T11:00', end: '2026-11-17T12:00', project: 'Website' }));
      expect(asked.code).toBe('fields_required');
      expect(entryWrites(fake)).toHaveLength(before + 1);
      await run(logTime, { start: '2026-11-17T11:00', end: '2026-11-17T12:00', project: 'Website', fields: { Ticket: 'T-1' } });
      expect(entryWrites(fake)).toHaveLength(before + 2);
    },
  );

  it.each<[string, Failure, RegExp]>([
    [
      'a key Clockify refuses (401)',
      { status: 401, body: { message: 'Full authentication is required to access this resource', code: 1000 }, times: 5 },
      /key/i,
    ],
    [
      "Clockify's own trouble (500)",
      { status: 500, body: { message: 'Internal server error', code: 500 }, times: 5 },
      /internal error \(500\) trying to read the custom fields of time entries/,
    ],
    ['a web page where the API should be (404)', { status: 404, raw: '<html><body>Not Found</body></html>', times: 5 }, /web page/],
    ['no answer in time', { status: 200, body: [], delayMs: 1_000, times: 5 }, /did not answer within 100 ms trying to read the custom fields of time entries/],
  ])('a list refused for another reason, %s, still fails the write in words, nothing sent', async (_label, failure, words) => {
    const { fake, run, logs } = await setUp(access, undefined, { timeoutMs: 100 });
    const before = entryWrites(fake).length;
    fake.failNext({ method: 'GET', path: `/api/v1/workspaces/${WS}/custom-fields` }, failure);
    const error = await run(logTime, { start: '2026-11-17T10:00', end: '2026-11-17T11:00', project: 'Website' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(words);
    expect(entryWrites(fake)).toHaveLength(before);
    expect(fieldsLogged(logs)).toEqual([]);
  });
});
