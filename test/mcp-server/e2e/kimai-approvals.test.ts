// Timesheet approvals on Kimai with the ApprovalBundle plugin, through the engine in process with the
// approvals group on, against the fake Kimai (fake-kimai-approvals.ts), on the admin tests' clock
// (Thursday 19 November 2026): Ada, a worker with time in the weeks of 2, 9 and 16 November; Tom, who
// leads the team Web with Ada; Cleo, who leads Ops with Bea, another team; and root, the super
// administrator. Every tool, the order the plugin takes weeks in, the lock its per-user lockdown
// makes, the window's read of a week's entries, every refusal with nothing sent (the fake's request
// log), deciding and taking back refused in words naming Kimai's pages, questions in both eras, and the
// group not offered where the plugin is not there.
import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { readDetection } from '../../../mcp-server/providers/kimai/facts.ts';
import { accept, offeredOf } from '../../support/admin-engine.ts';
import { type Era, type InProcessEngineHandle, refusalOf, type ToolResult, textOf } from '../../support/engine.ts';
import { ADA, kimaiAdmin, ROOT, TOM } from '../../support/kimai-admin.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog } from '../providers/kimai/fake-kimai.ts';

const CLEO: FakeUser = { id: 4, username: 'cleo', alias: 'Cleo Ops', timezone: 'Europe/Berlin', role: 'ROLE_TEAMLEAD', token: 'token-cleo-0123456789' };
const BEA: FakeUser = { id: 5, username: 'bea', alias: 'Bea Private', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-bea-0123456789' };
const TOOLS = ['submit_timesheet', 'withdraw_timesheet', 'list_timesheet_approvals', 'decide_timesheet'];
const SETTINGS = { groups: { approvals: true }, enabled: Object.fromEntries(TOOLS.map((tool) => [tool, true])) };
const at = (iso: string) => Date.parse(iso);
const { startKimai, connect } = kimaiAdmin('submit_timesheet', { group: 'approvals', approvalPlugin: true });
const unknownPlugin = kimaiAdmin('submit_timesheet', { group: 'approvals' });

async function kimaiWithWeeks(approvalPlugin = true, start = startKimai): Promise<FakeKimai> {
  const fake = await start({ config: { approvalPlugin }, users: [...DEFAULT_USERS, CLEO, BEA] });
  const { website, design } = seedCatalog(fake);
  fake.addTeam('Web', [{ userId: TOM.id, teamlead: true }, { userId: ADA.id }]);
  fake.addTeam('Ops', [{ userId: CLEO.id, teamlead: true }, { userId: BEA.id }]);
  const work = (user: FakeUser, start: string, hours: number, description = '') =>
    fake.addTimesheet({ userId: user.id, begin: at(start), end: at(start) + hours * 3_600_000, projectId: website.id, activityId: design.id, description });
  work(ADA, '2026-11-03T09:00:00+01:00', 8, 'Wireframes');
  work(ADA, '2026-11-04T09:00:00+01:00', 4, 'Review');
  work(ADA, '2026-11-10T09:00:00+01:00', 6);
  work(ADA, '2026-11-17T09:00:00+01:00', 5);
  work(BEA, '2026-11-03T09:00:00+01:00', 3);
  // Recent time of each member: a lead without view_team knows their people from the time Kimai shows them (roster.ts).
  work(BEA, '2026-11-17T09:00:00+01:00', 2);
  return fake;
}

const open = (fake: FakeKimai, user: FakeUser, options: Parameters<typeof connect>[2] = {}) => connect(fake, user, { tools: SETTINGS, ...options });
/** The requests `run` made of the fake, as 'METHOD /path?query' without /api. */
async function sentDuring(fake: FakeKimai, run: () => Promise<unknown>): Promise<string[]> {
  const before = fake.requests.length;
  await run();
  return fake.requests.slice(before).map((request) => `${request.method} ${request.path.replace(/^\/api/, '')}`);
}
const writes = (sent: string[]) => sent.filter((line) => !line.startsWith('GET '));

describe('timesheet approvals on Kimai with the ApprovalBundle plugin', () => {
  it('submits weeks in order: a later week is refused naming the open one before anything is sent, the open one goes in, a second time is refused', async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    let answer: ToolResult | undefined;
    const early = await sentDuring(fake, async () => (answer = await ada.call('submit_timesheet', { period_start: '2026-11-16' })));
    expect(refusalOf(answer as ToolResult)).toEqual({
      code: 'timesheet_earlier_period_open',
      facts: { first_day: '2026-11-02', last_day: '2026-11-08', back_end: 'Kimai' },
    });
    expect(textOf(answer as ToolResult)).toMatch(/Kimai takes weeks in order: submit the week of 2026-11-02 to 2026-11-08 first\. Nothing was sent\./);
    expect(writes(early)).toEqual([]);
    expect(fake.approvals.status(ADA.id, '2026-11-16')).toBe('not_submitted');

    const sent = await sentDuring(fake, async () => (answer = await ada.call('submit_timesheet', { period_start: '2026-11-04' })));
    expect((answer as ToolResult).structuredContent).toMatchObject({
      submission: {
        id: `user-${ADA.id}-week-2026-11-02`,
        person: 'Ada Lovelace',
        period: 'week',
        first_day: '2026-11-02',
        last_day: '2026-11-08',
        status: 'pending',
      },
    });
    expect(writes(sent)).toEqual(['POST /approval-bundle/add_to_approve']);
    // For herself: the week's Monday, and no user named (the plugin checks the right to act for others whenever one is).
    expect(fake.requests.at(-1)?.query).toBe('?date=2026-11-02');
    expect(fake.approvals.status(ADA.id, '2026-11-02')).toBe('submitted');
    expect(sent.length).toBeLessThanOrEqual(8);

    const again = await sentDuring(fake, async () => (answer = await ada.call('submit_timesheet', { period_start: '2026-11-02' })));
    expect(refusalOf(answer as ToolResult)).toMatchObject({
      code: 'timesheet_already_submitted',
      facts: { status: 'pending', id: `user-${ADA.id}-week-2026-11-02` },
    });
    expect(writes(again)).toEqual([]);
    // A week not begun, and a period Kimai's plugin does not approve by: refused, nothing sent.
    const other = await sentDuring(fake, async () => {
      expect(refusalOf(await ada.call('submit_timesheet', { period_start: '2026-11-30' }))?.code).toBe('timesheet_period_future');
      expect(refusalOf(await ada.call('submit_timesheet', { period: 'month' }))).toMatchObject({
        code: 'timesheet_period_kind',
        facts: { back_end_period: 'week' },
      });
    });
    expect(writes(other)).toEqual([]);
  });

  it("lists a worker's own weeks with their status, and an approval made in Kimai's pages shows", async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-09' })).isError).toBeFalsy();
    fake.approvals.decide(ADA.id, '2026-11-02', 'approved');
    const listed = await ada.call('list_timesheet_approvals', { from: '2026-10-26', to: '2026-11-22' });
    expect(listed.structuredContent).toMatchObject({ whose: 'mine', rejection_note_kept: false, more: false });
    expect((listed.structuredContent?.submissions as Array<{ id: string; status: string }>).map((row) => [row.id, row.status])).toEqual([
      [`user-${ADA.id}-week-2026-11-02`, 'approved'],
      [`user-${ADA.id}-week-2026-11-09`, 'pending'],
    ]);
    // A denial in Kimai's pages reopens the week: the plugin's API reads it as not submitted, so it is listed no more.
    fake.approvals.decide(ADA.id, '2026-11-09', 'denied');
    const after = await ada.call('list_timesheet_approvals', { status: 'pending' });
    expect(after.structuredContent?.submissions).toEqual([]);
  });

  it('keeps a submitted or approved week as it is: a write into it is refused naming the week and who reopens it, before any write', async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA, { tools: { ...SETTINGS, enabled: { ...SETTINGS.enabled, log_time: true } } });
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    let answer: ToolResult | undefined;
    const sent = await sentDuring(
      fake,
      async () =>
        (answer = await ada.call('log_time', {
          start: '2026-11-05T09:00',
          end: '2026-11-05T10:00',
          project: 'Website',
          activity: 'Design',
          description: 'late',
        })),
    );
    expect(refusalOf(answer as ToolResult)).toMatchObject({
      code: 'timesheet_period_locked',
      facts: { first_day: '2026-11-02', last_day: '2026-11-08', status: 'pending', reopened_by: 'an_administrator' },
    });
    expect(textOf(answer as ToolResult)).toMatch(
      /submitted for approval, so its time is kept as submitted: to change it, ask an administrator to reopen it in Kimai/,
    );
    expect(writes(sent)).toEqual([]);
    fake.approvals.decide(ADA.id, '2026-11-02', 'approved');
    const approved = await ada.call('log_time', { start: '2026-11-05T09:00', end: '2026-11-05T10:00', project: 'Website', activity: 'Design' });
    expect(refusalOf(approved)?.facts).toMatchObject({ status: 'approved', reopened_by: 'an_administrator' });
    // An open week is written as before.
    const unlocked = await ada.call('log_time', { start: '2026-11-12T09:00', end: '2026-11-12T10:00', project: 'Website', activity: 'Design' });
    expect(unlocked.isError, textOf(unlocked)).toBeFalsy();
  });

  it('gives each locked week its own status: the approved week approved, the weeks before the first one submitted locked but not submitted', async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA, { tools: { ...SETTINGS, enabled: { ...SETTINGS.enabled, log_time: true } } });
    // Ada's first record is in the week of 2 November: she submits it, and her lead approves it in Kimai's pages.
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    fake.approvals.decide(ADA.id, '2026-11-02', 'approved');
    let listed: ToolResult | undefined;
    const sent = await sentDuring(fake, async () => (listed = await ada.call('list_timesheet_approvals')));
    const answer = (listed as ToolResult).structuredContent as {
      submissions: Array<{ first_day: string; status: string }>;
      locks: Array<{ first_day: string; last_day: string; status: string; reopened_by: string }>;
    };
    expect(answer.submissions.map((row) => [row.first_day, row.status])).toEqual([['2026-11-02', 'approved']]);
    // The default eight weeks reach back to 21 September. The plugin takes 9 November next, so its lockdown
    // holds every week before it: the six Ada never submitted say so, and the approved one says approved,
    // as its submission does.
    const never = ['2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
    expect(answer.locks.map((lock) => [lock.first_day, lock.status])).toEqual([
      ...never.map((monday) => [monday, 'not_submitted']),
      ['2026-11-02', 'approved'],
    ]);
    expect(answer.locks.every((lock) => lock.reopened_by === 'an_administrator')).toBe(true);
    // The next week, the week before it (approved), then three more weeks back at once (of which 26 October
    // reads not submitted, so the weeks before it are not either); the locks read nothing more.
    expect(sent.filter((line) => line.includes('approval-bundle'))).toHaveLength(5);

    // A write into a week never submitted is refused for what that week is.
    let refused: ToolResult | undefined;
    const write = await sentDuring(
      fake,
      async () => (refused = await ada.call('log_time', { start: '2026-10-14T09:00', end: '2026-10-14T10:00', project: 'Website', activity: 'Design' })),
    );
    expect(refusalOf(refused as ToolResult)).toMatchObject({
      code: 'timesheet_period_locked',
      facts: { first_day: '2026-10-12', last_day: '2026-10-18', status: 'not_submitted', reopened_by: 'an_administrator' },
    });
    expect(textOf(refused as ToolResult)).toMatch(
      /^Your timesheet for 2026-10-12 to 2026-10-18 was not submitted, but Kimai .* keeps its time as it is, as it keeps every week before your next one to submit: to change it, ask an administrator to reopen it in Kimai/,
    );
    expect(writes(write)).toEqual([]);
  });

  it('holds clock_in with a past start in a submitted week, and clock_out of a timer begun in an approved one, before any write', async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    const week = { first_day: '2026-11-02', last_day: '2026-11-08', reopened_by: 'an_administrator' };
    let answer: ToolResult | undefined;
    const clockedIn = await sentDuring(
      fake,
      async () => (answer = await ada.call('clock_in', { start: '2026-11-06T16:00', project: 'Website', activity: 'Design' })),
    );
    expect(refusalOf(answer as ToolResult)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...week, status: 'pending' } });
    expect(writes(clockedIn)).toEqual([]);
    // A timer she forgot on the Friday of the week, which is approved since.
    fake.approvals.decide(ADA.id, '2026-11-02', 'approved');
    const named = (list: ReadonlyArray<{ id: number; name: string }>, name: string) => list.find((item) => item.name === name)?.id as number;
    const forgotten = fake.addTimesheet({
      userId: ADA.id,
      begin: at('2026-11-06T16:00:00+01:00'),
      end: null,
      projectId: named(fake.state.projects, 'Website'),
      activityId: named(fake.state.activities, 'Design'),
    });
    const clockedOut = await sentDuring(fake, async () => (answer = await ada.call('clock_out')));
    expect(refusalOf(answer as ToolResult)).toMatchObject({ code: 'timesheet_period_locked', facts: { ...week, status: 'approved' } });
    expect(writes(clockedOut)).toEqual([]);
    expect(forgotten.end).toBeNull();
  });

  it("refuses taking a submission back, and deciding one, in words naming Kimai's page, before any request", async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    let answer: ToolResult | undefined;
    expect(await sentDuring(fake, async () => (answer = await ada.call('withdraw_timesheet', { period_start: '2026-11-02' })))).toEqual([]);
    expect(refusalOf(answer as ToolResult)).toEqual({
      code: 'timesheet_withdrawn_in_pages',
      facts: { back_end: `Kimai (${fake.url})`, page: `${fake.url}/en/approval/week_by_user` },
    });
    expect(textOf(answer as ToolResult)).toMatch(/only in its own pages, where an administrator resets it/);
    const tom = await open(fake, TOM);
    const id = `user-${ADA.id}-week-2026-11-02`;
    expect(await sentDuring(fake, async () => (answer = await tom.call('decide_timesheet', { id, decision: 'approve' })))).toEqual([]);
    expect(refusalOf(answer as ToolResult)).toEqual({
      code: 'timesheet_decided_in_pages',
      facts: { back_end: `Kimai (${fake.url})`, page: `${fake.url}/en/approval/to_approve` },
    });
    expect(await sentDuring(fake, async () => (answer = await tom.call('withdraw_timesheet', { id })))).toEqual([]);
    expect(refusalOf(answer as ToolResult)?.code).toBe('timesheet_withdrawn_in_pages');
    // A rejection without a note is the tool's own refusal, said first.
    expect(refusalOf(await tom.call('decide_timesheet', { id, decision: 'reject' }))?.code).toBe('timesheet_rejection_needs_note');
    expect(fake.approvals.status(ADA.id, '2026-11-02')).toBe('submitted');
  });

  it("shows a lead their team's weeks only, and an administrator everyone's", async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    const bea = await open(fake, BEA);
    expect((await bea.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    const ids = (result: ToolResult) =>
      (result.structuredContent?.submissions as Array<{ id: string; person: string; status: string }>).map((row) => [row.person, row.id, row.status]);

    const tom = await open(fake, TOM);
    const tomList = await tom.call('list_timesheet_approvals', { person: '*' });
    expect(ids(tomList)).toEqual([['Ada Lovelace', `user-${ADA.id}-week-2026-11-02`, 'pending']]);
    const cleo = await open(fake, CLEO);
    expect(ids(await cleo.call('list_timesheet_approvals', { person: '*' }))).toEqual([['Bea Private', `user-${BEA.id}-week-2026-11-02`, 'pending']]);
    const root = await open(fake, ROOT);
    const rootList = await root.call('list_timesheet_approvals', { person: '*', status: 'pending' });
    expect(ids(rootList).map(([person]) => person)).toEqual(['Ada Lovelace', 'Bea Private']);
    expect(ids(await root.call('list_timesheet_approvals', { person: 'bea' })).map(([person]) => person)).toEqual(['Bea Private']);
    // Kimai's API shows no rejection: asking for rejected weeks reads nothing.
    const rejected = await sentDuring(fake, async () =>
      expect(ids(await tom.call('list_timesheet_approvals', { person: '*', status: 'rejected' }))).toEqual([]),
    );
    expect(rejected.filter((line) => line.includes('approval-bundle'))).toEqual([]);
  });

  it("opens a week's entries for its lead in the window, and refuses one's own, another team's and a made-up id before reading any week", async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA);
    expect((await ada.call('submit_timesheet', { period_start: '2026-11-02' })).isError).toBeFalsy();
    const tom = await open(fake, TOM, { app: true });
    const id = `user-${ADA.id}-week-2026-11-02`;
    const entries = await tom.call('submission_entries', { id });
    expect(entries.isError, textOf(entries)).toBeFalsy();
    expect(entries.structuredContent).toMatchObject({ submission: { id, person: 'Ada Lovelace', status: 'pending' }, more: false });
    expect(entries.structuredContent?.entries).toEqual([
      expect.objectContaining({ start: '2026-11-03T09:00:00+01:00', minutes: 480, project: 'Website', activity: 'Design', description: 'Wireframes' }),
      expect.objectContaining({ start: '2026-11-04T09:00:00+01:00', minutes: 240, description: 'Review' }),
    ]);
    const cleo = await open(fake, CLEO, { app: true });
    let answer: ToolResult | undefined;
    const other = await sentDuring(fake, async () => (answer = await cleo.call('submission_entries', { id })));
    expect(refusalOf(answer as ToolResult)).toEqual({ code: 'timesheet_submission_not_found', facts: { id } });
    expect(other.filter((line) => line.includes('approval-bundle'))).toEqual([]);
    expect(refusalOf(await tom.call('submission_entries', { id: `user-${TOM.id}-week-2026-11-02` }))?.code).toBe('timesheet_own_submission');
    for (const made of ['user-1-week-2026-11-03', 'user-1-week-2026-02-30', '1@2026-11-02', 'user-01-week-2026-11-02', 'user-1-week-1899-01-02']) {
      const sent = await sentDuring(fake, async () => (answer = await tom.call('submission_entries', { id: made })));
      expect(refusalOf(answer as ToolResult), made).toEqual({ code: 'timesheet_submission_not_found', facts: { id: made } });
      expect(sent, made).toEqual([]);
    }
  });

  it('refuses a list that would take more reads of the plugin than one call sends, before the reads that would pass them', async () => {
    const fake = await kimaiWithWeeks();
    // Ada's first record a year back, and every week since submitted (straight to the plugin, as Kimai's pages would).
    fake.state.timesheets.push({
      ...(fake.state.timesheets[0] as (typeof fake.state.timesheets)[number]),
      id: 999,
      begin: at('2025-12-02T09:00:00+01:00'),
      end: at('2025-12-02T10:00:00+01:00'),
    });
    for (let week = '2025-12-01'; week <= '2026-11-09'; week = new Date(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)) {
      const response = await fetch(`${fake.url}/api/approval-bundle/add_to_approve?date=${week}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADA.token}` },
      });
      expect(response.status, week).toBe(200);
    }
    const ada = await open(fake, ADA);
    let answer: ToolResult | undefined;
    const sent = await sentDuring(fake, async () => (answer = await ada.call('list_timesheet_approvals', { from: '2025-12-01', to: '2026-11-19' })));
    // 51 reads: the next week and 50 submitted weeks; 36 at most.
    expect(refusalOf(answer as ToolResult)).toEqual({ code: 'timesheet_weeks_too_many', facts: { reads: 51, limit: 36, back_end: 'Kimai' } });
    expect(textOf(answer as ToolResult)).toMatch(
      /Kimai tells the status of one person's week per request: this would take 51, more than the 36 one call reads/,
    );
    expect(sent.filter((line) => line.includes('approval-bundle')).length).toBeLessThanOrEqual(36);
    // Eight weeks, the list's default, read within the budget: the next week and one status a week.
    const recent = await sentDuring(fake, async () => (answer = await ada.call('list_timesheet_approvals')));
    expect((answer as ToolResult).isError, textOf(answer as ToolResult)).toBeFalsy();
    expect(((answer as ToolResult).structuredContent?.submissions as unknown[]).length).toBe(8);
    // Nine for the submissions; the range's locks (which the window reads with them) cost nothing more.
    expect(recent.filter((line) => line.includes('approval-bundle'))).toHaveLength(9);
  });
});

describe.each<Era>(['legacy', 'modern'])('submitting on Kimai, asked first (%s era)', (era) => {
  it('names the week and its hours, and submits once confirmed; a no sends nothing', async () => {
    const fake = await kimaiWithWeeks();
    const asked: ElicitRequestFormParams[] = [];
    const ada = await open(fake, ADA, { era, elicitation: (params) => (asked.push(params), accept(params)) });
    // A week the plugin would refuse (an earlier one is open) is refused before the question: nobody confirms a refusal.
    const early = await sentDuring(fake, async () =>
      expect(refusalOf(await ada.call('submit_timesheet', { period_start: '2026-11-09' }))?.code).toBe('timesheet_earlier_period_open'),
    );
    expect(asked).toEqual([]);
    expect(writes(early)).toEqual([]);
    const submitted = await ada.call('submit_timesheet', { period_start: '2026-11-02' });
    expect(submitted.isError, textOf(submitted)).toBeFalsy();
    expect(asked.map((question) => question.message)).toEqual([
      'Submit your timesheet for the week 2026-11-02 to 2026-11-08 (12 h) for approval? Kimai (' + fake.url + ') may lock its time until it is decided.',
    ]);
    const declining = await open(fake, ADA, { era, elicitation: () => ({ action: 'decline' }) });
    let answer: ToolResult | undefined;
    const sent = await sentDuring(fake, async () => (answer = await declining.call('submit_timesheet', { period_start: '2026-11-09' })));
    expect((answer as ToolResult).isError).toBe(true);
    expect(textOf(answer as ToolResult)).toMatch(/Your timesheet was not submitted/);
    expect(writes(sent)).toEqual([]);
    expect(fake.approvals.status(ADA.id, '2026-11-09')).toBe('not_submitted');
  });
});

describe('the approvals group on Kimai without the plugin', () => {
  it('is not offered, is learned in the background where the plugin answers, and leaves writes as they were', async () => {
    const bare = await kimaiWithWeeks(false, unknownPlugin.startKimai);
    const worker = await unknownPlugin.connect(bare, ADA, { tools: { ...SETTINGS, enabled: { ...SETTINGS.enabled, log_time: true } } });
    await expect.poll(() => readDetection(worker.userDataDir, bare.url)?.approvals).toBe(false);
    expect(await offeredOf(worker, TOOLS)).toEqual([]);
    // A write asks no plugin for locks.
    const sent = await sentDuring(bare, () =>
      worker.call('log_time', { start: '2026-11-05T09:00', end: '2026-11-05T10:00', project: 'Website', activity: 'Design' }),
    );
    expect(sent.filter((line) => line.includes('approval'))).toEqual([]);
    expect(writes(sent)).toEqual(['POST /timesheets']);

    const withPlugin = await kimaiWithWeeks(true, unknownPlugin.startKimai);
    const learning = await unknownPlugin.connect(withPlugin, ADA, { tools: SETTINGS });
    await expect.poll(() => offeredOf(learning, TOOLS)).toEqual(TOOLS);
    expect(readDetection(learning.userDataDir, withPlugin.url)?.approvals).toBe(true);
  });

  it('withdraws the tools when the plugin is gone: its 404 says so in words', async () => {
    const fake = await kimaiWithWeeks();
    const ada: InProcessEngineHandle = await open(fake, ADA);
    expect(await offeredOf(ada, TOOLS)).toEqual(TOOLS);
    fake.config.approvalPlugin = false;
    const gone = await ada.call('list_timesheet_approvals');
    expect(refusalOf(gone)).toEqual({ code: 'timesheet_approvals_unavailable', facts: { back_end: 'Kimai' } });
    await expect.poll(() => offeredOf(ada, TOOLS)).toEqual([]);
  });

  it('lets a write go on where its check of the locks finds the plugin gone: the tools withdrawn, the entry written', async () => {
    const fake = await kimaiWithWeeks();
    const ada = await open(fake, ADA, { tools: { ...SETTINGS, enabled: { ...SETTINGS.enabled, log_time: true } } });
    expect(await offeredOf(ada, TOOLS)).toEqual(TOOLS);
    fake.config.approvalPlugin = false;
    // The check asks the plugin for the week's lock, which answers 404 (docs/internals/back-ends.md, "Optional reads").
    const sent = await sentDuring(fake, async () => {
      const logged = await ada.call('log_time', { start: '2026-11-17T09:00', end: '2026-11-17T10:00', project: 'Website', activity: 'Design' });
      expect(logged.isError, textOf(logged)).toBeFalsy();
    });
    expect(sent.filter((line) => line.includes('approval-bundle'))).not.toEqual([]);
    expect(writes(sent)).toEqual(['POST /timesheets']);
    await expect.poll(() => offeredOf(ada, TOOLS)).toEqual([]);
  });
});
