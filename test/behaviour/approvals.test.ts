// Timesheet approvals (submit_timesheet, list_timesheet_approvals, decide_timesheet, withdraw_timesheet),
// the same on every back end that has them, in the team's world (harness.ts, TeamWorld): Ada submits
// the week of 9 November, where she logged two hours; Lea, who leads her, sees it waiting and decides
// it, never her own; and a week that is kept as submitted or approved refuses a write of time in it.
// One story: each test goes on from where the one before left the weeks.
import { beforeAll, describe, expect, it } from 'vitest';
import { refusalOf, textOf, type ToolResult } from '../support/engine.ts';
import { at, type BehaviourBackEnd, booking, type TeamWorld, utc, WORLD } from './harness.ts';
import { BACK_ENDS, describeLacking, useTeamWorld } from './suite.ts';

/** The week Ada submits: Monday 9 to Sunday 15 November 2026, with her two hours on the Tuesday. */
const WEEK = { first_day: '2026-11-09', last_day: '2026-11-15' };
/** This week, which Lea submits for herself, and Ada too where she takes hers back. */
const THIS_WEEK = { first_day: '2026-11-16', last_day: '2026-11-22' };

type Submission = { id: string; person: string; period: string; first_day: string; last_day: string; status: string };
type Listed = { whose: string; submissions: Submission[]; locks?: Array<{ first_day: string; last_day: string; status: string }> };
const submissionOf = (result: ToolResult) => (result.structuredContent as { submission: Submission }).submission;
const listOf = (result: ToolResult) => result.structuredContent as Listed;
const shown = (submission: Submission) => [submission.person, submission.period, submission.first_day, submission.last_day, submission.status];

/**
 * Documented differences (README.md, "What differs, and stays with each back end"): Kimai's ApprovalBundle has no route to approve,
 * deny or take back a week, so decide_timesheet and withdraw_timesheet are refused there naming the page
 * that does it (docs/back-ends/kimai.md, "Timesheet approvals"); and it locks a week once it is
 * submitted, where Clockify locks one once it is approved.
 */
const DECIDED_IN_PAGES = new Set(['Kimai']);

function deciding(backEnd: BehaviourBackEnd, world: () => TeamWorld, adas: () => Submission): void {
  const names = backEnd.team?.names as NonNullable<BehaviourBackEnd['team']>['names'];

  if (DECIDED_IN_PAGES.has(backEnd.name)) {
    it(`${backEnd.name} decides and takes back weeks in its own pages: decide_timesheet and withdraw_timesheet refused naming them, with nothing written`, async () => {
      const mark = world().mark();
      const decided = await world().lead.call('decide_timesheet', { id: adas().id, decision: 'approve' });
      expect(refusalOf(decided)).toMatchObject({ code: 'timesheet_decided_in_pages', facts: { page: expect.stringMatching(/^http/) } });
      const withdrawn = await world().call('withdraw_timesheet', { period_start: WEEK.first_day });
      expect(refusalOf(withdrawn)).toMatchObject({ code: 'timesheet_withdrawn_in_pages', facts: { page: expect.stringMatching(/^http/) } });
      expect(mark.writes()).toEqual([]);
      expect(listOf(await world().call('list_timesheet_approvals', { from: WEEK.first_day, to: WEEK.last_day })).submissions.map(shown)).toEqual([
        shown(adas()),
      ]);
    });
    return;
  }

  it("decide_timesheet: Lea approves Ada's week, and Ada's list shows it approved, by Lea", async () => {
    const listed = listOf(await world().lead.call('list_timesheet_approvals', { person: '*' }));
    const waiting = listed.submissions.find((submission) => submission.person === names.person && submission.first_day === WEEK.first_day) as Submission;
    const mark = world().mark();
    const decided = await world().lead.call('decide_timesheet', { id: waiting.id, decision: 'approve' });
    expect(decided.isError, textOf(decided)).toBeFalsy();
    expect(decided.structuredContent).toMatchObject({ submission: { person: names.person, ...WEEK, status: 'approved' }, status_before: 'pending' });
    expect(mark.writes()).not.toEqual([]);
    const hers = listOf(await world().call('list_timesheet_approvals', { from: WEEK.first_day, to: WEEK.last_day }));
    expect(hers.submissions).toEqual([expect.objectContaining({ id: adas().id, ...WEEK, status: 'approved', decided_by: names.lead })]);
  });

  it('withdraw_timesheet takes back a pending week of hers: withdrawn, and no longer listed as pending', async () => {
    const submitted = submissionOf(await world().call('submit_timesheet', { period_start: THIS_WEEK.first_day }));
    expect(submitted).toMatchObject({ ...THIS_WEEK, status: 'pending' });
    const withdrawn = await world().call('withdraw_timesheet', { period_start: THIS_WEEK.first_day });
    expect(withdrawn.structuredContent).toMatchObject({ submission: { id: submitted.id, ...THIS_WEEK, status: 'withdrawn' }, status_before: 'pending' });
    const pending = listOf(await world().call('list_timesheet_approvals', { status: 'pending' }));
    expect(pending.submissions.filter((submission) => submission.first_day === THIS_WEEK.first_day)).toEqual([]);
  });
}

const WITH_APPROVALS = BACK_ENDS.filter((backEnd) => backEnd.team?.capabilities.has('approvals'));

describe.each(WITH_APPROVALS)('timesheet approvals on $name', (backEnd) => {
  const world = useTeamWorld(backEnd);
  const names = backEnd.team?.names as NonNullable<BehaviourBackEnd['team']>['names'];
  let adas: Submission;

  beforeAll(async () => {
    const logged = await world().call('log_time', { ...booking(backEnd, WORLD.website), start: at('2026-11-10', '09:00'), end: at('2026-11-10', '11:00') });
    if (logged.isError) throw new Error(`Ada's week could not be logged on ${backEnd.name}: ${textOf(logged)}`);
  });

  it('submit_timesheet submits a past week as pending, and list_timesheet_approvals shows it among hers', async () => {
    const mark = world().mark();
    adas = submissionOf(await world().call('submit_timesheet', { period_start: WEEK.first_day }));
    expect(shown(adas)).toEqual([names.person, 'week', WEEK.first_day, WEEK.last_day, 'pending']);
    // A write the fake's log shows: what the refusals must not leave.
    expect(mark.writes()).not.toEqual([]);
    const mine = listOf(await world().call('list_timesheet_approvals', { from: WEEK.first_day, to: WEEK.last_day }));
    expect(mine.whose).toBe('mine');
    expect(mine.submissions.map((submission) => [submission.id, ...shown(submission)])).toEqual([[adas.id, ...shown(adas)]]);
  });

  it("Lea sees Ada's week waiting among those she decides, and Ada sees nobody's", async () => {
    const toDecide = listOf(await world().lead.call('list_timesheet_approvals', { person: '*' }));
    expect(toDecide.whose).toBe('to_decide');
    expect(toDecide.submissions.map(shown)).toEqual([shown(adas)]);
    // Her own pending week is not hers to decide, and she leads nobody.
    expect(listOf(await world().call('list_timesheet_approvals', { person: '*' }))).toMatchObject({ whose: 'to_decide', submissions: [] });
  });

  it('decide_timesheet on her own week is refused, with nothing written', async () => {
    const own = submissionOf(await world().lead.call('submit_timesheet', { period_start: THIS_WEEK.first_day }));
    expect(shown(own)).toEqual([names.lead, 'week', THIS_WEEK.first_day, THIS_WEEK.last_day, 'pending']);
    const mark = world().mark();
    const refused = await world().lead.call('decide_timesheet', { id: own.id, decision: 'approve' });
    expect(refused.isError).toBe(true);
    // Refused as hers, or as Kimai's pages' business (DECIDED_IN_PAGES): either way before anything is sent.
    expect(refusalOf(refused)?.code).toBe(DECIDED_IN_PAGES.has(backEnd.name) ? 'timesheet_decided_in_pages' : 'timesheet_own_submission');
    expect(mark.writes()).toEqual([]);
  });

  deciding(backEnd, world, () => adas);

  it('a write of time into the week, now kept as it was submitted or approved, is refused naming the week, with nothing written', async () => {
    const locks = listOf(await world().call('list_timesheet_approvals', { from: WEEK.first_day, to: WEEK.last_day })).locks ?? [];
    const lock = locks.find((item) => item.first_day === WEEK.first_day);
    // Kimai keeps a submitted week, Clockify an approved one (DECIDED_IN_PAGES: Kimai's stays submitted).
    expect(lock).toEqual(expect.objectContaining({ ...WEEK, status: DECIDED_IN_PAGES.has(backEnd.name) ? 'pending' : 'approved' }));
    const before = world().entries();
    const mark = world().mark();
    const refused = await world().call('log_time', { ...booking(backEnd, WORLD.website), date: '2026-11-11', duration: '1h' });
    expect(refused.isError).toBe(true);
    expect(refusalOf(refused)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...WEEK, status: lock?.status } });
    expect(mark.writes()).toEqual([]);
    expect(world().entries()).toEqual(before);
    expect(before.filter((entry) => entry.start.startsWith('2026-11-1'))).toEqual([
      { start: utc(at('2026-11-10', '09:00')), end: utc(at('2026-11-10', '11:00')), project: WORLD.website, description: '' },
    ]);
  });
});

/**
 * Where the back end lists approvals but has no route to submit or decide (Harvest: docs/back-ends/harvest.md,
 * "Timesheet approvals"), the one who leads has the list alone: it answers the weeks she may decide, the workflow's
 * tools are withheld as the back end's, and Ada, who leads nobody, is offered neither, as her role's where it is named.
 */
const LIST_ONLY = BACK_ENDS.filter(
  (backEnd) => backEnd.team?.leadCapabilities.has('approvals') === true && !backEnd.team.leadCapabilities.has('approvals_workflow'),
);

describe.each(LIST_ONLY)('timesheet approvals listed only on $name', (backEnd) => {
  const world = useTeamWorld(backEnd);
  const workflow = ['submit_timesheet', 'withdraw_timesheet', 'decide_timesheet'];

  it("Lea's list answers the weeks she may decide, each week hers or her people's, with nothing written", async () => {
    const mark = world().mark();
    const listed = await world().lead.call('list_timesheet_approvals', { person: '*', from: WEEK.first_day, to: THIS_WEEK.last_day });
    expect(listed.isError).toBeFalsy();
    const toDecide = listOf(listed);
    expect(toDecide.whose).toBe('to_decide');
    const names = backEnd.team?.names as NonNullable<BehaviourBackEnd['team']>['names'];
    for (const submission of toDecide.submissions) expect([names.person, names.colleague, names.lead]).toContain(submission.person);
    expect(mark.writes()).toEqual([]);
  });

  it(`Lea is not offered ${workflow.join(', ')}: refused as the back end's, with nothing written`, async () => {
    const tools = (await world().lead.engine.client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('list_timesheet_approvals');
    for (const tool of workflow) {
      expect(tools).not.toContain(tool);
      const mark = world().mark();
      const result = await world().lead.call(tool, tool === 'submit_timesheet' ? { period_start: WEEK.first_day } : {});
      expect(refusalOf(result)).toMatchObject({ code: 'tool_withheld', facts: { tool, why: 'back_end' } });
      expect(mark.writes()).toEqual([]);
    }
  });

  it('Ada, who leads nobody, is offered no list: refused as her role where the back end names it, with nothing written', async () => {
    const role = backEnd.team?.personRole;
    const mark = world().mark();
    const result = await world().call('list_timesheet_approvals', { person: '*' });
    expect(refusalOf(result)).toMatchObject({
      code: 'tool_withheld',
      facts: { tool: 'list_timesheet_approvals', ...(role?.decides.includes('approvals') ? { why: 'role', role: role.role } : { why: 'back_end' }) },
    });
    expect(mark.writes()).toEqual([]);
  });
});

describeLacking(
  'approvals',
  BACK_ENDS.filter((backEnd) => !WITH_APPROVALS.includes(backEnd)),
);
describeLacking(
  'approvals_workflow',
  BACK_ENDS.filter((backEnd) => !WITH_APPROVALS.includes(backEnd)),
);
