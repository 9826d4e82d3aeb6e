// How many HTTP requests each tool call costs on Tempo Timesheets, to Tempo and to the Jira site together: one scripted
// session through the engine (in the test's process for the tests, the built server over stdio for the bench), the fake counting what arrives at both, at Tempo's own pace of 5
// requests a second. The request test asserts the numbers; `npm run bench` prints them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceSteps, oneCommitEvidence } from '../../../support/evidence-fixture.ts';
import { type AnyEngineHandle, type EngineWhere, makeUserDataDir, openEngine, writeSettings } from '../../../support/engine.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import type { Step } from '../../../support/request-counting.ts';
import { ADA, addIssues, addWorklog, BOB, type FakeTempo, LEA, startFakeTempo, TOKENS } from './fake-tempo.ts';

export const NOW = '2026-11-18T08:00:00+01:00';
/** A commit of the person's the day before NOW, for the evidence steps. */
const YESTERDAYS_COMMIT = '2026-11-17T06:00:00+01:00';
/** An issue by its key, as a person names it. */
const BOOKING = { project: 'WEB-1' };

/** Bob's week before this one, submitted to Ada: hers to decide. */
const BOBS_WEEK = { from: '2026-11-09', to: '2026-11-15' };

/**
 * The approvals, after the everyday tools (a submitted week takes no worklogs): the person's own periods read as they
 * are now, a week submitted and withdrawn, and a colleague's decided.
 */
const APPROVAL_STEPS: Step[] = [
  { label: "list_timesheet_approvals (each of the eight weeks' approval, as it is now)", tool: 'list_timesheet_approvals', expected: 9 },
  {
    label: "submit_timesheet (the week's approval, its worklogs for its hours, its reviewers, the submission)",
    tool: 'submit_timesheet',
    args: { period_start: '2026-11-09' },
    expected: 4,
  },
  { label: "withdraw_timesheet (the week's approval, the reopening)", tool: 'withdraw_timesheet', args: { period_start: '2026-11-09' }, expected: 2 },
  {
    label: "list_timesheet_approvals with person (what waits for you, its people's names)",
    tool: 'list_timesheet_approvals',
    args: { person: '*' },
    expected: 2,
  },
  {
    label: "decide_timesheet (the period's approval, the decision)",
    tool: 'decide_timesheet',
    args: { id: `${BOBS_WEEK.from}~${BOBS_WEEK.to}~${BOB}`, decision: 'approve' },
    expected: 2,
  },
];

/**
 * Every everyday tool, in a person's order. The first call pays for the person (Jira's /myself: their accountId, which
 * every worklog request names, and their zone); the site's name, the schedule, the open issues and the work attributes
 * are read once and kept; the site's approval period on the first write, and each period's approval a minute for a
 * write's lock (a report says the period's status as it is now). A warm clock_in sends nothing: the timer is Punchcard's.
 * Then the approvals.
 */
export const STEPS: Step[] = [
  { label: 'timer_status (first call: the person, the recent worklogs, their issues named)', tool: 'timer_status', expected: 3 },
  { label: 'timer_status (warm: the recent worklogs)', tool: 'timer_status', expected: 1 },
  { label: "whoami (the site's name, the schedule's weeks)", tool: 'whoami', expected: 2 },
  { label: 'list_catalog (the open issues assigned to you, the work attributes)', tool: 'list_catalog', expected: 2 },
  { label: "clock_in by key, first write (the site's period, this week's approval)", tool: 'clock_in', args: BOOKING, expected: 2 },
  { label: 'timer_status (warm)', tool: 'timer_status', expected: 1 },
  { label: 'clock_out (warm: the worklog booked)', tool: 'clock_out', expected: 1 },
  { label: 'clock_in by key (warm)', tool: 'clock_in', args: BOOKING, expected: 0 },
  { label: 'clock_in switch by summary (the old timer booked)', tool: 'clock_in', args: { project: 'Internal', switch: true }, expected: 1 },
  { label: 'clock_out (warm)', tool: 'clock_out', expected: 1 },
  {
    label: "log_time date + duration (the day's worklogs, to start after the last; the worklog)",
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', ...BOOKING },
    expected: 2,
  },
  {
    label: 'record_agent_time (a prefix in the description: no request of its own)',
    tool: 'record_agent_time',
    args: { start: 'yesterday 07:00', end: 'yesterday 07:30', description: 'Ran the tests', ...BOOKING },
    expected: 1,
  },
  ...evidenceSteps(BOOKING, 1),
  { label: 'list_time_entries (the recent days)', tool: 'list_time_entries', expected: 1 },
  {
    label: 'update_time_entry (the worklog, the whole of it sent again)',
    tool: 'update_time_entry',
    args: { id: '{last}', description: 'Renamed' },
    expected: 2,
  },
  { label: 'delete_time_entry (the worklog, the deletion)', tool: 'delete_time_entry', args: { id: '{last}' }, expected: 2 },
  { label: "time_report (the range's worklogs, the schedule, the week's approval as it is now)", tool: 'time_report', expected: 3 },
  { label: "working_time (the worklogs, the schedule of the month and of the balance's days; rules off)", tool: 'working_time', expected: 3 },
  ...APPROVAL_STEPS,
];

/** A fresh process's first calls, one session each: the person comes first. */
export const COLD_STEPS: Step[] = [
  // The running timer's issue is kept with it in the data folder: the worklogs on that issue need no search to be named.
  { label: "timer_status, cold (the person, the recent worklogs; their issue the timer's)", tool: 'timer_status', expected: 2 },
  {
    label: "clock_in by key, cold (the open issues, the work attributes, the person, the site's period, this week's approval)",
    tool: 'clock_in',
    args: BOOKING,
    expected: 5,
  },
  { label: "clock_out, cold (the person, the site's period, this week's approval, the work attributes, the worklog)", tool: 'clock_out', expected: 5 },
  {
    label:
      "log_time date + duration, cold (the open issues, the work attributes, the person, the day's worklogs, the site's period, the approval, the worklog)",
    tool: 'log_time',
    args: { date: 'yesterday', duration: '1h', ...BOOKING },
    expected: 7,
  },
  { label: "whoami, cold (the person, the site's name, the schedule)", tool: 'whoami', expected: 3 },
];

export interface CountingSession {
  fake: FakeTempo;
  engine: AnyEngineHandle;
  userDataDir: string;
  /** Fills a step's '{last}' with the number of the person's latest worklog. */
  resolve: (value: unknown) => unknown;
  close: () => Promise<void>;
}

/** Ada's world: the Jira project Acme with Website (WEB-1) and Internal (WEB-2) assigned to her; an hour of hers two days ago, one of Bob's. */
export function seedAcme(fake: FakeTempo): { website: number; internal: number } {
  const [website, internal] = addIssues(fake, { key: 'WEB', name: 'Acme' }, [
    { summary: 'Website', assignee: ADA },
    { summary: 'Internal', assignee: ADA },
  ]);
  const ids = { website: website?.id ?? 0, internal: internal?.id ?? 0 };
  addWorklog(fake, { author: ADA, issueId: ids.website, start: Date.parse('2026-11-16T09:00:00+01:00'), end: Date.parse('2026-11-16T10:00:00+01:00') });
  addWorklog(fake, { author: BOB, issueId: ids.website, start: Date.parse('2026-11-16T09:00:00+01:00'), end: Date.parse('2026-11-16T10:00:00+01:00') });
  return ids;
}

/** The settings of a session over the fake: the site, Ada's login and Tempo's host. */
export function tempoProvider(fake: FakeTempo): Record<string, unknown> {
  return { type: 'tempo', url: fake.siteUrl, email: 'ada@example.com', tempoUrl: fake.tempoUrl };
}

/** Both of Ada's tokens, as their variables. */
export const ADA_TOKENS = { PUNCHCARD_TEMPO_TOKEN: TOKENS.ada.tempo, PUNCHCARD_JIRA_TOKEN: TOKENS.ada.jira };

/** A timer of Ada's on Website since 07:00, as Punchcard keeps it in the data folder (an earlier process's clock_in). */
export function keepRunningTimer(userDataDir: string, fake: FakeTempo, website: number): void {
  const start = Date.parse('2026-11-18T07:00:00+01:00');
  const timer = {
    number: 2 ** 32 + Math.floor(start / 1000),
    start,
    issueId: website,
    issueKey: 'WEB-1',
    summary: 'Website',
    project: { id: fake.state.projects[0]?.id ?? 0, name: 'Acme' },
    description: '',
    attributes: [],
  };
  writeFileSync(join(userDataDir, 'tempo-timers.json'), JSON.stringify({ [`ada@example.com at ${fake.siteUrl}`]: timer }));
}

/**
 * `lead`: Ada leads a Tempo team of herself and Bob, and the team tools are on (whom she leads is then read in the
 * background as the engine opens).
 */
export async function startCountingSession(options: { running?: boolean; lead?: boolean; where?: EngineWhere } = {}): Promise<CountingSession> {
  // No limit at the fake: its five a second are counted on the wall clock, where a loaded machine bunches the engine's
  // paced requests into one second and a 429's second try would count as the engine's own (the pace: pacing.test.ts).
  const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
  const { website } = seedAcme(fake);
  const userDataDir = makeUserDataDir();
  writeSettings(userDataDir, {
    provider: tempoProvider(fake),
    tools: {
      groups: { agents: true, approvals: true, ...(options.lead ? { team: true } : {}) },
      enabled: { update_time_entry: true, delete_time_entry: true },
    },
    evidence: oneCommitEvidence(userDataDir, YESTERDAYS_COMMIT),
  });
  fake.state.approvals.push({ accountId: BOB, ...BOBS_WEEK, status: 'IN_REVIEW', comment: null, actor: BOB, reviewer: ADA });
  fake.state.reviewers[ADA] = [LEA];
  if (options.lead) fake.state.teams.push({ id: 7, name: 'Acme', lead: ADA, members: [ADA, BOB] });
  if (options.running) keepRunningTimer(userDataDir, fake, website);
  const engine = await openEngine(options.where ?? 'bundle', { userDataDir, env: { PUNCHCARD_NOW: NOW, ...ADA_TOKENS } });
  const latest = () =>
    fake.state.worklogs.filter((worklog) => worklog.authorAccountId === ADA).sort((a, b) => b.tempoWorklogId - a.tempoWorklogId)[0]?.tempoWorklogId;
  return {
    fake,
    engine,
    userDataDir,
    resolve: (value) => (value === '{last}' ? latest() : value),
    close: async () => {
      await engine.close();
      await fake.close();
    },
  };
}
