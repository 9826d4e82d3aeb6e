// withdraw_timesheet's handler over the local timesheet plus a hand-written approvals part
// (approvals-part.ts in this folder): by period, the person's own pending submission is withdrawn;
// by id, an approver withdraws an approval; nothing to withdraw, a submission that is not approved,
// both arguments at once, and a back end that takes submissions back in its own pages only are refused
// in words with nothing changed; where the client can ask, only a yes withdraws.
import { describe, expect, it } from 'vitest';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import withdrawTimesheet from '../../../mcp-server/tools/withdraw-timesheet.ts';
import { approvalsTool, weekOf } from './approvals-part.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { said } from '../../support/said-outcome.ts';

/** Ada's week of 16 November waiting, her week of 9 November approved; Bea's week of 9 November approved, Cem's waiting. */
const SUBMISSIONS = [
  weekOf('ada', '2026-11-16'),
  weekOf('ada', '2026-11-09', { status: 'approved', decidedBy: 'Tom' }),
  weekOf('bea', '2026-11-09', { status: 'approved', decidedBy: 'Ada' }),
  weekOf('cem', '2026-11-09'),
];

const withdrawing = approvalsTool(withdrawTimesheet, SUBMISSIONS);

describe('withdraw_timesheet', () => {
  it("withdraws the person's own pending submission by any day of its period, and says its time is open again", async () => {
    const { run, named, statusOf } = await withdrawing();
    const { text, data } = await run({ period_start: '2026-11-18' });
    expect(named('withdraw')).toEqual([['1-2026-11-16', 'owner']]);
    expect(statusOf('1-2026-11-16')).toBe('withdrawn');
    expect(data).toMatchObject({ status_before: 'pending', submission: { id: '1-2026-11-16', status: 'withdrawn' } });
    expect(text).toBe('Withdrew your timesheet for the week 2026-11-16 to 2026-11-22; you can change its time and submit it again.');
    expect(withdrawTimesheet.output.parse(data).status_before).toBe('pending');
  });

  it('refuses where nothing waits for approval, saying so of an approved week, and withdraws nothing', async () => {
    const { run, named } = await withdrawing();
    await expect(run({ period_start: '2026-11-02' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_nothing_to_withdraw', facts: { first_day: '2026-11-02', last_day: '2026-11-08', status: null } },
    });
    await expect(run({ period_start: '2026-11-09' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_nothing_to_withdraw', facts: { first_day: '2026-11-09', last_day: '2026-11-15', status: 'approved' } },
    });
    expect(named('withdraw')).toEqual([]);
  });

  it('withdraws an approval by its id as the approver, naming whose and which week', async () => {
    const { run, named, statusOf } = await withdrawing();
    const { text, data } = await run({ id: '2-2026-11-09' });
    expect(named('withdraw')).toEqual([['2-2026-11-09', 'approver']]);
    expect(statusOf('2-2026-11-09')).toBe('withdrawn');
    expect(data).toMatchObject({ status_before: 'approved', submission: { person: 'Bea', status: 'withdrawn' } });
    expect(text).toBe('Withdrew the approval of "Bea"\'s approved timesheet for the week 2026-11-09 to 2026-11-15; its time is open again.');
  });

  it("refuses by id a submission that is not approved, one of the person's own, and one that is not there", async () => {
    const { run, named, statusOf } = await withdrawing();
    await expect(run({ id: '3-2026-11-09' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_not_approved', facts: { first_day: '2026-11-09', last_day: '2026-11-15', person: 'Cem', status: 'pending' } },
    });
    await expect(run({ id: '1-2026-11-09' })).rejects.toMatchObject({ refusal: { code: 'timesheet_own_submission' } });
    await expect(run({ id: 'nope' })).rejects.toMatchObject({ refusal: { code: 'timesheet_submission_not_found', facts: { id: 'nope' } } });
    expect(named('withdraw')).toEqual([]);
    expect(statusOf('3-2026-11-09')).toBe('pending');
  });

  it('refuses a period and an id at once, and a back end that takes submissions back in its own pages only, before reading anything', async () => {
    const both = await withdrawing();
    await expect(both.run({ id: '2-2026-11-09', period_start: '2026-11-16' })).rejects.toMatchObject({ refusal: { code: 'timesheet_withdraw_both' } });
    expect(both.calls).toEqual([]);
    const pages = { decide: 'https://kimai.example.com/en/approval/to_approve', withdraw: 'https://kimai.example.com/en/approval/week_by_user' };
    const inPages = await withdrawing({ inPagesOnly: pages });
    await expect(inPages.run({ period_start: '2026-11-16' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_withdrawn_in_pages', facts: { back_end: inPages.label, page: pages.withdraw } },
    });
    expect(inPages.calls).toEqual([]);
  });

  it('where the client can ask, names the submission first, and a "no" withdraws nothing', async () => {
    const { context, named, statusOf } = await withdrawing();
    const args = { id: '2-2026-11-09' };
    const run = (ask: Asker) => said(withdrawTimesheet.handler(args, { ...context, ask }));
    const question = await questionOf('withdraw_timesheet', args, run);
    expect(question.params.message).toBe(
      'Withdraw the approval of "Bea"\'s approved timesheet for the week 2026-11-09 to 2026-11-15? Its time can be changed again.',
    );
    await expect(run(answering('withdraw_timesheet', args, question, 'decline'))).rejects.toThrow(/^The approval was not withdrawn: you said no when asked\./);
    expect(named('withdraw')).toEqual([]);
    expect(statusOf('2-2026-11-09')).toBe('approved');
  });
});
