// Timesheet approvals on Clockify, through the engine in process against the fake Clockify and its
// approval-requests API (fake-clockify-approvals.ts): Ada, a worker her team manager Mia manages; Bob, an
// administrator; Wes, in no team of Mia's. Every tool ('submit_timesheet', 'withdraw_timesheet',
// 'list_timesheet_approvals', 'decide_timesheet') and the window's 'submission_entries'; each refusal,
// with no POST or PATCH sent; the question before each change in both protocol eras; the rejection's
// note kept on the approver's side while the person's side says Clockify e-mailed it; the group offered
// only where the plan has approvals, and withdrawn by Clockify's 403; the period learned from Clockify's
// refusals.
import { describe, expect, it } from 'vitest';
import { ADMIN_NOW, type Answer, appEngineOptions, offers, type SessionOptions } from '../../support/admin-engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type Era, type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, type ToolResult, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { approvalRequestsOf, setApprovalSettings } from '../providers/clockify/fake-clockify-approvals.ts';
import {
  ADA_KEY,
  addEntry,
  at,
  BOB_KEY,
  type FakeClockify,
  MIA_KEY,
  SEED,
  seedTeam,
  seedWorkspace,
  startFakeClockify,
  TEAM,
  WES_KEY,
} from '../providers/clockify/fake-clockify.ts';

const opened = closeAfterEach();
const TOOLS = ['submit_timesheet', 'withdraw_timesheet', 'list_timesheet_approvals', 'decide_timesheet'];
/** Last week, as ADMIN_NOW (Thursday 19 November 2026) sees it. */
const LAST_WEEK = { first: '2026-11-09', last: '2026-11-15' };
const ERAS: Era[] = ['legacy', 'modern'];

/** Acme with its team; Ada worked 8 h last week (Website: Design 3 h, Development 5 h), Wes 4 h. */
async function acme(): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(ADMIN_NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  const { website } = SEED.projects;
  addEntry(fake, {
    userId: SEED.users.ada,
    start: at('2026-11-09', '09:00'),
    end: at('2026-11-09', '12:00'),
    projectId: website,
    taskId: SEED.tasks.design,
    description: 'Mock-ups',
  });
  addEntry(fake, {
    userId: SEED.users.ada,
    start: at('2026-11-10', '10:00'),
    end: at('2026-11-10', '15:00'),
    projectId: website,
    taskId: SEED.tasks.development,
    description: 'Build',
  });
  addEntry(fake, { userId: TEAM.users.wes, start: at('2026-11-11', '08:00'), end: at('2026-11-11', '12:00'), projectId: website, description: 'Ops' });
  addEntry(fake, { userId: TEAM.users.mia, start: at('2026-11-12', '08:00'), end: at('2026-11-12', '10:00'), projectId: website, description: 'Plans' });
  return fake;
}

/** The engine of the person whose key it is, with the approvals group on, after its first call (whoami); offered the group unless `offered` is false. */
async function session(
  fake: FakeClockify,
  key: string,
  options: SessionOptions & { workspace?: string; offered?: boolean } = {},
): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({
    provider: { type: 'clockify', url: fake.url, ...(options.workspace ? { workspace: options.workspace } : {}) },
    timezone: 'Europe/Berlin',
    tools: { groups: { approvals: true } },
  });
  const engine = opened(
    await startInProcessEngine({
      era: options.era ?? 'legacy',
      userDataDir,
      env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKIFY_TOKEN: key },
      ...(options.elicitation ? { elicitation: options.elicitation } : {}),
      ...appEngineOptions(options),
    }),
  );
  await engine.call('whoami');
  if (options.offered !== false) await expect.poll(() => offers(engine, 'submit_timesheet')).toBe(true);
  return engine;
}

/** Answers every question with yes, and keeps what was asked. */
function asking(answer: 'accept' | 'decline' = 'accept'): { asked: string[]; elicitation: Answer } {
  const asked: string[] = [];
  return { asked, elicitation: (params) => (asked.push(params.message), answer === 'accept' ? { action: 'accept', content: {} } : { action: 'decline' }) };
}

/** The approval changes sent to Clockify (POST and PATCH of approval requests), answered or not. */
const changesSent = (fake: FakeClockify) =>
  fake.requests
    .filter((request) => (request.method === 'POST' || request.method === 'PATCH') && request.path.includes('/approval-requests'))
    .map((request) => `${request.method} ${JSON.parse(request.body || 'null')?.state ?? JSON.parse(request.body || 'null')?.period ?? ''}`);

type Submission = {
  id: string;
  person: string;
  first_day: string;
  last_day: string;
  status: string;
  hours: number | null;
  note: string | null;
  decided_by: string | null;
};
const submissionsOf = (result: ToolResult) => (result.structuredContent as { submissions: Submission[] }).submissions;
const submissionOf = (result: ToolResult) => (result.structuredContent as { submission: Submission }).submission;

/** Ada's last week, submitted through her own session (the question answered yes): its id. */
async function adaSubmits(fake: FakeClockify): Promise<{ ada: InProcessEngineHandle; id: string }> {
  const ada = await session(fake, ADA_KEY, { elicitation: asking().elicitation });
  const submitted = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
  expect(submitted.isError, textOf(submitted)).toBeFalsy();
  return { ada, id: submissionOf(submitted).id };
}

describe('the approvals group on Clockify', () => {
  it("is offered where the workspace's plan has approvals, and never on the free plan", async () => {
    const fake = await acme();
    const ada = await session(fake, ADA_KEY);
    expect((await ada.client.listTools()).tools.map((tool) => tool.name).filter((name) => TOOLS.includes(name))).toEqual(TOOLS);
    // Ada's "Side project" is on the free plan: its feature list has no APPROVAL.
    const side = await session(fake, ADA_KEY, { workspace: 'Side project', offered: false });
    await new Promise((done) => setTimeout(done, 300));
    expect((await side.client.listTools()).tools.map((tool) => tool.name).filter((name) => TOOLS.includes(name))).toEqual([]);
    expect(refusalOf(await side.call('submit_timesheet', {}))).toMatchObject({ code: 'tool_withheld', facts: { tool: 'submit_timesheet', why: 'back_end' } });
    expect(fake.requests.filter((request) => request.path.includes('/approval-requests'))).toEqual([]);
  });

  it("is withdrawn at once by Clockify's 403 (a plan without approvals), in words", async () => {
    const fake = await acme();
    const ada = await session(fake, ADA_KEY);
    // The workspace is downgraded after Punchcard learned its plan.
    const workspace = fake.state.workspaces.find((item) => item.id === SEED.workspaces.acme);
    if (workspace) workspace.features = workspace.features.filter((feature) => feature !== 'APPROVAL');
    const listed = await ada.call('list_timesheet_approvals', {});
    expect(listed.isError).toBe(true);
    expect(refusalOf(listed)).toEqual({ code: 'timesheet_approvals_unavailable', facts: { back_end: 'Clockify' } });
    expect(textOf(listed)).toBe(
      'Clockify refused timesheet approvals for this account (its plan has none, or the account may not use them), so the approvals tools are switched off until it allows them.',
    );
    await expect.poll(() => offers(ada, 'list_timesheet_approvals')).toBe(false);
    expect(await offers(ada, 'submit_timesheet')).toBe(false);
  });
  it('keeps the group where Clockify refuses one decision to this person (its 403 without words of the plan), and says so', async () => {
    const fake = await acme();
    const { id } = await adaSubmits(fake);
    const mia = await session(fake, MIA_KEY);
    // As where the workspace has project managers approve and Mia's say no longer counts.
    fake.failNext({ method: 'PATCH', path: /\/approval-requests\// }, { status: 403, body: { message: 'Access Denied', code: 403 } });
    const refused = await mia.call('decide_timesheet', { id, decision: 'approve' });
    expect(refusalOf(refused)).toEqual({ code: 'timesheet_not_your_decision', facts: { person: 'Ada Lovelace', back_end: 'Clockify' } });
    expect(textOf(refused)).toBe('You are not "Ada Lovelace"\'s approver in Clockify, so their timesheets are not yours to decide. Nothing was sent.');
    expect(await offers(mia, 'decide_timesheet')).toBe(true);
    expect(approvalRequestsOf(fake.state)[0]?.state).toBe('PENDING');
  });
});

describe('a worker submits her week', () => {
  it.each(ERAS)('after the question naming the week and its hours (%s era); a declined question sends nothing', async (era) => {
    const fake = await acme();
    const no = asking('decline');
    const declining = await session(fake, ADA_KEY, { era, elicitation: no.elicitation });
    const declined = await declining.call('submit_timesheet', { period_start: '2026-11-11' });
    expect(declined.isError).toBe(true);
    expect(refusalOf(declined)?.code).toBe('question_declined');
    expect(no.asked).toEqual([
      expect.stringMatching(
        /^Submit your timesheet for the week 2026-11-09 to 2026-11-15 \(8 h\) for approval\? Clockify \(.+\) may lock its time until it is decided\.$/,
      ),
    ]);
    expect(changesSent(fake)).toEqual([]);

    const yes = asking();
    const ada = await session(fake, ADA_KEY, { era, elicitation: yes.elicitation });
    const submitted = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();
    expect(yes.asked).toHaveLength(1);
    const [request] = approvalRequestsOf(fake.state);
    expect(request).toMatchObject({ ownerId: SEED.users.ada, start: LAST_WEEK.first, end: LAST_WEEK.last, state: 'PENDING' });
    expect(textOf(submitted)).toBe(`Submitted your timesheet for the week 2026-11-09 to 2026-11-15 (8 h) for approval: it is pending (id ${request?.id}).`);
    expect(submissionOf(submitted)).toMatchObject({ id: request?.id, person: 'Ada Lovelace', status: 'pending', first_day: LAST_WEEK.first });
    const bodies = fake.requests.filter((item) => item.method === 'POST' && item.path.endsWith('/approval-requests')).map((item) => JSON.parse(item.body));
    expect(bodies).toEqual([{ periodStart: '2026-11-09T00:00:00Z', period: 'WEEKLY' }]);
    // Her own list shows it pending, with its hours.
    const listed = await ada.call('list_timesheet_approvals', {});
    expect(submissionsOf(listed)).toEqual([expect.objectContaining({ id: request?.id, status: 'pending', hours: 8, note: null })]);
  });

  it('is refused before anything is sent: a period not begun, another period kind, a week submitted already, a withdrawal both ways', async () => {
    const fake = await acme();
    const { ada, id } = await adaSubmits(fake);
    const sent = changesSent(fake).length;
    const cases: Array<[string, Record<string, unknown>, string, Record<string, unknown>]> = [
      ['submit_timesheet', { period_start: '2026-11-30' }, 'timesheet_period_future', { first_day: '2026-11-30', last_day: '2026-12-06' }],
      ['submit_timesheet', { period: 'month' }, 'timesheet_period_kind', { period: 'month', back_end_period: 'week' }],
      ['submit_timesheet', { period_start: '2026-11-13' }, 'timesheet_already_submitted', { status: 'pending', id }],
      ['withdraw_timesheet', { period_start: LAST_WEEK.first, id }, 'timesheet_withdraw_both', {}],
      ['withdraw_timesheet', { period_start: '2026-11-16' }, 'timesheet_nothing_to_withdraw', { status: null }],
      ['decide_timesheet', { id, decision: 'approve' }, 'timesheet_own_submission', {}],
      ['withdraw_timesheet', { id }, 'timesheet_own_submission', {}],
    ];
    for (const [tool, args, code, facts] of cases) {
      const result = await ada.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}: ${textOf(result)}`).toBe(true);
      expect(refusalOf(result)).toMatchObject({ code, facts });
    }
    expect(changesSent(fake)).toHaveLength(sent);
  });

  it('withdraws her pending week after the question; her list then says withdrawn, not rejected', async () => {
    const fake = await acme();
    const { ada, id } = await adaSubmits(fake);
    const withdrawn = await ada.call('withdraw_timesheet', { period_start: LAST_WEEK.first });
    expect(textOf(withdrawn)).toBe('Withdrew your timesheet for the week 2026-11-09 to 2026-11-15; you can change its time and submit it again.');
    expect(changesSent(fake)).toEqual(['POST WEEKLY', 'PATCH WITHDRAWN_SUBMISSION']);
    expect(approvalRequestsOf(fake.state)).toEqual([]);
    const listed = await ada.call('list_timesheet_approvals', {});
    expect(submissionsOf(listed)).toEqual([expect.objectContaining({ id, status: 'withdrawn' })]);
    // Submitted anew, the new request stands for the week alone.
    const again = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
    expect(again.isError, textOf(again)).toBeFalsy();
    expect(submissionsOf(await ada.call('list_timesheet_approvals', {})).map((item) => [item.id, item.status])).toEqual([[submissionOf(again).id, 'pending']]);
  });

  it("learns the workspace's period from Clockify's refusals when none is listed, one refused submission a period", async () => {
    const fake = await acme();
    setApprovalSettings(fake.state, SEED.workspaces.acme, { period: 'MONTHLY' });
    const ada = await session(fake, ADA_KEY, { elicitation: asking().elicitation });
    const weekly = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
    expect(refusalOf(weekly)).toEqual({ code: 'timesheet_period_relearned', facts: { back_end: 'Clockify', tried: 'week', next: 'semi_month' } });
    const half = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
    expect(refusalOf(half)).toEqual({ code: 'timesheet_period_relearned', facts: { back_end: 'Clockify', tried: 'semi_month', next: 'month' } });
    const month = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
    expect(month.isError, textOf(month)).toBeFalsy();
    expect(submissionOf(month)).toMatchObject({ first_day: '2026-11-01', last_day: '2026-11-30', status: 'pending' });
    expect(changesSent(fake)).toEqual(['POST WEEKLY', 'POST SEMI_MONTHLY', 'POST MONTHLY']);
    // Learned: a fourth call asks for the month at once.
    const kind = await ada.call('submit_timesheet', { period: 'week' });
    expect(refusalOf(kind)).toMatchObject({ code: 'timesheet_period_kind', facts: { back_end_period: 'month' } });
  });
});

describe('her team manager decides', () => {
  it.each(ERAS)(
    "rejects it with a note after the question (%s era): the note is kept on her side, and Ada's list shows the rejection, saying Clockify e-mailed the note",
    async (era) => {
      const fake = await acme();
      const { ada, id } = await adaSubmits(fake);
      const mia = await session(fake, MIA_KEY, { era, elicitation: asking().elicitation });
      const pending = await mia.call('list_timesheet_approvals', { person: '*', status: 'pending' });
      expect(submissionsOf(pending)).toEqual([expect.objectContaining({ id, person: 'Ada Lovelace', status: 'pending', hours: 8 })]);
      expect(textOf(pending)).toContain(`- "Ada Lovelace": 2026-11-09 to 2026-11-15 pending, 8 h (id ${id})`);
      // A rejection needs a note: refused before anything is sent.
      const bare = await mia.call('decide_timesheet', { id, decision: 'reject' });
      expect(refusalOf(bare)?.code).toBe('timesheet_rejection_needs_note');
      expect(changesSent(fake)).toEqual(['POST WEEKLY']);

      const questions = asking();
      const asked = await session(fake, MIA_KEY, { era, elicitation: questions.elicitation });
      const rejected = await asked.call('decide_timesheet', { id, decision: 'reject', note: 'Tuesday is missing the client call' });
      expect(rejected.isError, textOf(rejected)).toBeFalsy();
      expect(questions.asked).toEqual([
        'Reject "Ada Lovelace"\'s timesheet for the week 2026-11-09 to 2026-11-15 (8 h)? Note: Tuesday is missing the client call',
      ]);
      expect(textOf(rejected)).toBe('Rejected "Ada Lovelace"\'s timesheet for the week 2026-11-09 to 2026-11-15 (8 h). The note was kept with it.');
      expect(changesSent(fake)).toEqual(['POST WEEKLY', 'PATCH REJECTED']);
      // Clockify lists a rejected request no more; Mia's side keeps it with the note and who decided.
      expect(approvalRequestsOf(fake.state)).toEqual([]);
      const mine = await asked.call('list_timesheet_approvals', { person: 'ada', status: 'rejected' });
      expect(submissionsOf(mine)).toEqual([
        expect.objectContaining({ id, status: 'rejected', note: 'Tuesday is missing the client call', decided_by: 'Mia Manager' }),
      ]);
      // Ada's side: the rejection, from what Punchcard saw pending, without the note Clockify e-mailed.
      const hers = await ada.call('list_timesheet_approvals', {});
      expect(submissionsOf(hers)).toEqual([expect.objectContaining({ id, status: 'rejected', note: null })]);
      expect((hers.structuredContent as { rejection_note_kept: boolean }).rejection_note_kept).toBe(false);
      expect(textOf(hers)).toMatch(/\nClockify \(.+\) keeps no rejection note for you to read here: it sent the note by e-mail\.$/);
      // A rejected week is submitted again.
      const again = await ada.call('submit_timesheet', { period_start: LAST_WEEK.first });
      expect(again.isError, textOf(again)).toBeFalsy();
    },
  );

  it("approves; a decided one, another team's and her own are refused before anything is sent; the window's engine reads its entries", async () => {
    const fake = await acme();
    const { id } = await adaSubmits(fake);
    const wes = await session(fake, WES_KEY, { elicitation: asking().elicitation });
    const wesWeek = submissionOf(await wes.call('submit_timesheet', { period_start: LAST_WEEK.first })).id;
    const mia = await session(fake, MIA_KEY, { elicitation: asking().elicitation, app: true });
    const miaWeek = submissionOf(await mia.call('submit_timesheet', { period_start: LAST_WEEK.first })).id;
    // Only Ada is Mia's to decide: Wes's and her own are not listed to decide.
    const listed = await mia.call('list_timesheet_approvals', { person: '*' });
    expect(submissionsOf(listed).map((item) => item.person)).toEqual(['Ada Lovelace']);

    const entries = await mia.call('submission_entries', { id });
    expect(entries.isError, textOf(entries)).toBeFalsy();
    expect((entries.structuredContent as { entries: Array<{ project: string; activity: string; description: string; minutes: number }> }).entries).toEqual([
      expect.objectContaining({ project: 'Website', activity: 'Design', description: 'Mock-ups', minutes: 180 }),
      expect.objectContaining({ project: 'Website', activity: 'Development', description: 'Build', minutes: 300 }),
    ]);

    const sent = changesSent(fake).length;
    const refusals: Array<[InProcessEngineHandle, Record<string, unknown>, string]> = [
      [mia, { id: wesWeek, decision: 'approve' }, 'timesheet_submission_not_found'],
      [mia, { id: miaWeek, decision: 'approve' }, 'timesheet_own_submission'],
      [mia, { id: 'not-an-id', decision: 'approve' }, 'timesheet_submission_not_found'],
      [wes, { id, decision: 'approve' }, 'timesheet_not_your_decision'],
    ];
    for (const [engine, args, code] of refusals) {
      const result = await engine.call('decide_timesheet', args);
      expect(refusalOf(result)?.code, textOf(result)).toBe(code);
    }
    expect(textOf(await wes.call('decide_timesheet', { id, decision: 'approve' }))).toBe("You approve nobody's timesheets in Clockify. Nothing was sent.");
    await expect(wes.call('submission_entries', { id })).rejects.toThrow();
    expect(changesSent(fake)).toHaveLength(sent);

    const approved = await mia.call('decide_timesheet', { id, decision: 'approve' });
    expect(submissionOf(approved)).toMatchObject({ id, status: 'approved', decided_by: 'Mia Manager' });
    const twice = await mia.call('decide_timesheet', { id, decision: 'reject', note: 'Too late' });
    expect(refusalOf(twice)).toMatchObject({ code: 'timesheet_already_decided', facts: { status: 'approved', person: 'Ada Lovelace' } });
    expect(changesSent(fake).slice(sent)).toEqual(['PATCH APPROVED']);
  });
});

describe('an administrator', () => {
  it.each(ERAS)("approves and withdraws the approval by the submission's id after the question (%s era); the person cannot withdraw it", async (era) => {
    const fake = await acme();
    const { ada, id } = await adaSubmits(fake);
    const questions = asking();
    const bob = await session(fake, BOB_KEY, { era, elicitation: questions.elicitation });
    // Not approved yet: nothing to withdraw.
    const early = await bob.call('withdraw_timesheet', { id });
    expect(refusalOf(early)).toMatchObject({ code: 'timesheet_not_approved', facts: { status: 'pending' } });
    const approved = await bob.call('decide_timesheet', { id, decision: 'approve' });
    expect(approved.isError, textOf(approved)).toBeFalsy();
    expect(questions.asked.at(-1)).toBe('Approve "Ada Lovelace"\'s timesheet for the week 2026-11-09 to 2026-11-15 (8 h)?');
    expect(approvalRequestsOf(fake.state)[0]?.state).toBe('APPROVED');
    // Ada's side: approved, and only an approver withdraws it.
    expect(submissionsOf(await ada.call('list_timesheet_approvals', { status: 'approved' }))).toEqual([
      expect.objectContaining({ id, status: 'approved', decided_by: 'Bob Builder' }),
    ]);
    const hers = await ada.call('withdraw_timesheet', { period_start: LAST_WEEK.first });
    expect(refusalOf(hers)).toMatchObject({ code: 'timesheet_nothing_to_withdraw', facts: { status: 'approved' } });
    expect(changesSent(fake)).toEqual(['POST WEEKLY', 'PATCH APPROVED']);

    const withdrawn = await bob.call('withdraw_timesheet', { id });
    expect(withdrawn.isError, textOf(withdrawn)).toBeFalsy();
    expect(questions.asked.at(-1)).toBe(
      'Withdraw the approval of "Ada Lovelace"\'s approved timesheet for the week 2026-11-09 to 2026-11-15? Its time can be changed again.',
    );
    expect(changesSent(fake)).toEqual(['POST WEEKLY', 'PATCH APPROVED', 'PATCH WITHDRAWN_APPROVAL']);
    expect(submissionsOf(await ada.call('list_timesheet_approvals', {}))).toEqual([expect.objectContaining({ id, status: 'withdrawn' })]);
  });
});

describe('requests per call (docs/back-ends/clockify.md, "Timesheet approvals")', () => {
  it('are a few each, warm, for a client that is not asked first', async () => {
    const fake = await acme();
    const cost = async (engine: InProcessEngineHandle, tool: string, args: Record<string, unknown>) => {
      const before = fake.requests.length;
      const result = await engine.call(tool, args);
      expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
      return { result, requests: fake.requests.length - before };
    };
    const ada = await session(fake, ADA_KEY);
    await new Promise((done) => setTimeout(done, 500));
    expect((await cost(ada, 'list_timesheet_approvals', {})).requests).toBe(3);
    const submitted = await cost(ada, 'submit_timesheet', { period_start: LAST_WEEK.first });
    expect(submitted.requests).toBe(5);
    expect((await cost(ada, 'withdraw_timesheet', { period_start: LAST_WEEK.first })).requests).toBe(4);
    const again = await cost(ada, 'submit_timesheet', { period_start: LAST_WEEK.first });
    // The week's entries may still be cached from the first.
    expect(again.requests).toBeLessThanOrEqual(5);
    const id = submissionOf(again.result).id;

    const mia = await session(fake, MIA_KEY, { app: true });
    await new Promise((done) => setTimeout(done, 500));
    expect((await cost(mia, 'list_timesheet_approvals', { person: '*', status: 'pending' })).requests).toBe(1);
    expect((await cost(mia, 'submission_entries', { id })).requests).toBeLessThanOrEqual(3);
    expect((await cost(mia, 'decide_timesheet', { id, decision: 'approve' })).requests).toBe(2);
    expect((await cost(mia, 'withdraw_timesheet', { id })).requests).toBe(3);
  });
});
