// Requests per tool call on Tempo Timesheets, to Tempo and the Jira site together: a scripted session of every
// everyday tool through the built server over stdio, the fake counting what arrives at both at Tempo's own pace of 5
// requests a second; a warm timer at most one request a call (clock_in none: the timer is Punchcard's own), no warm
// everyday call past three; the approvals after them; what a fresh process pays for its first call; that an idle
// server asks nothing; a lead's team report, the first call and the same again, request by request. And what
// every request carries: the Tempo token as a bearer to Tempo alone, the e-mail and Jira token (HTTP Basic) to the site
// alone, neither in an address; every worklog read names the person, never the general list a lead's token would
// widen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { measureSteps } from '../../support/request-counting.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { ADA, BOB, TOKENS } from '../providers/tempo/fake-tempo.ts';
import { COLD_STEPS, type CountingSession, startCountingSession, STEPS } from '../providers/tempo/request-scenario.ts';

/** What a person books with every day: the timer, the worklogs, the reports, the catalog, whoami, an agent's time and the day from evidence. */
const EVERYDAY_CAPABILITIES = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog']);
const EVERYDAY: readonly string[] = TOOL_LIST.filter((tool) => EVERYDAY_CAPABILITIES.has(tool.capability)).map((tool) => tool.name);
/** And the approvals, their group switched on: the person's own periods, and a colleague's to decide. */
const SESSION_CAPABILITIES = new Set([...EVERYDAY_CAPABILITIES, 'approvals', 'approvals_workflow']);
const SESSION_TOOLS = TOOL_LIST.filter((tool) => SESSION_CAPABILITIES.has(tool.capability)).map((tool) => tool.name);

/** Each member's worklogs and schedule: two requests a person. */
const PER_PERSON = [ADA, BOB].flatMap((id) => [`GET /4/worklogs/user/${encodeURIComponent(id)} 200`, `GET /4/user-schedule/${encodeURIComponent(id)} 200`]);
/**
 * What a lead's team_report of a week sends for a team of two (docs/back-ends/tempo.md, "Requests per call"): the first
 * call the teams, the team's memberships, the members' names, their worklogs' issues named and her own schedule (the
 * report's plan) beside each one's two; the same call again, the two a person alone.
 */
const TEAM_REPORT_FIRST = [
  'GET /4/teams 200',
  'GET /4/team-memberships/team/{id} 200',
  'GET /rest/api/3/user/bulk 200',
  'POST /rest/api/3/search/jql 200',
  'GET /4/user-schedule 200',
  ...PER_PERSON,
];
const TEAM_REPORT_AGAIN = PER_PERSON;

describeRequestsPerCall({
  backEnd: 'Tempo Timesheets',
  start: (options) => startCountingSession({ ...options, where: 'in process' }),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: { tools: SESSION_TOOLS, who: 'a person books and submits with on Tempo Timesheets' },
  warmTools: ['timer_status', 'clock_in', 'clock_out'],
});

describe('a warm everyday call on Tempo Timesheets', () => {
  it('costs at most three requests, and a warm timer at most one', () => {
    for (const step of STEPS.slice(1).filter((item) => EVERYDAY.includes(item.tool))) expect(step.expected, step.label).toBeLessThanOrEqual(3);
    for (const step of STEPS.filter((item) => /\(warm/.test(item.label))) expect(step.expected, step.label).toBeLessThanOrEqual(1);
  });
});

describe("what every request to Tempo and to the Jira site carries, and what a lead's team report costs", () => {
  // One session for both: Ada leads a team of two (herself and Bob), the team tools on. Whom she leads is read in the
  // background once the engine opens; the team report is counted once that read is done, each test minding its own
  // requests.
  let session: CountingSession;
  beforeAll(async () => {
    session = await startCountingSession({ lead: true, where: 'in process' });
  });
  afterAll(async () => session?.close());

  it("team_report: the team, its names, the issues' names and your own schedule on the first call, then two requests a person", async () => {
    // Whom Ada leads is learnt once the engine has read Tempo's teams.
    await expect.poll(async () => (await session.engine.client.listTools()).tools.map((tool) => tool.name)).toContain('team_report');
    const week = { from: '2026-11-16', to: '2026-11-22' };
    const [first, again] = await measureSteps(session.engine, session.fake.requests, [
      { label: 'team_report, first', tool: 'team_report', args: week, expected: 0 },
      { label: 'team_report, again', tool: 'team_report', args: week, expected: 0 },
    ]);
    for (const step of [first, again]) expect(step?.isError, step?.text).toBe(false);
    const shown = (requests: string[] | undefined) => (requests ?? []).map((request) => request.replace(/\/\d+(?= |$)/, '/{id}'));
    expect(shown(first?.requests).sort()).toEqual(TEAM_REPORT_FIRST.slice().sort());
    expect(shown(again?.requests).sort()).toEqual(TEAM_REPORT_AGAIN.slice().sort());
    // A colleague's worklogs are read by their accountId (with the lead's own token: the next test reads every request).
    const bobs = session.fake.requests.filter((request) => request.path === `/4/worklogs/user/${encodeURIComponent(BOB)}`);
    expect(bobs).toHaveLength(2);
  });

  it('each secret to its own host alone and never in an address; every worklog read names the person', async () => {
    const steps = [
      { label: 'timer_status', tool: 'timer_status', expected: 3 },
      { label: 'list_catalog', tool: 'list_catalog', expected: 2 },
      { label: 'clock_in', tool: 'clock_in', args: { project: 'web-1' }, expected: 2 },
      { label: 'clock_out', tool: 'clock_out', expected: 1 },
      { label: 'list_time_entries', tool: 'list_time_entries', expected: 1 },
      { label: 'time_report', tool: 'time_report', expected: 3 },
    ];
    const before = session.fake.requests.length;
    for (const step of await measureSteps(session.engine, session.fake.requests, steps)) expect(step.isError, step.text).toBe(false);
    // Every request of the session carries its secret to its host alone, the team report's too.
    const tempo = session.fake.requests.filter((request) => request.service === 'tempo');
    const jira = session.fake.requests.filter((request) => request.service === 'jira');
    expect(tempo.length).toBeGreaterThan(3);
    expect(jira.length).toBeGreaterThan(1);
    const basic = `Basic ${Buffer.from(`ada@example.com:${TOKENS.ada.jira}`).toString('base64')}`;
    for (const request of tempo) expect(request.headers.authorization).toBe(`Bearer ${TOKENS.ada.tempo}`);
    for (const request of jira) expect(request.headers.authorization).toBe(basic);
    for (const request of session.fake.requests) {
      const carried = `${request.path}${request.query}${request.body}`;
      for (const secret of [TOKENS.ada.tempo, TOKENS.ada.jira]) expect(carried).not.toContain(secret);
      expect(request.headers.authorization ?? '').not.toContain(request.service === 'tempo' ? TOKENS.ada.jira : TOKENS.ada.tempo);
    }
    // These steps' worklog reads (the team report's name each member) name the person.
    const reads = session.fake.requests
      .slice(before)
      .filter((request) => request.service === 'tempo' && request.method === 'GET' && request.path.startsWith('/4/worklogs'));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.path).toBe(`/4/worklogs/user/${encodeURIComponent(ADA)}`);
    // The old search is gone (410): only search/jql is asked.
    expect(jira.filter((request) => request.path === '/rest/api/3/search')).toEqual([]);
  });
});
