// decide_timesheet's handler over the local timesheet plus a hand-written approvals part
// (approvals-part.ts in this folder): the decision sent is the one asked for, on the submission named,
// with the note trimmed; the words name whose week, its hours and what became of the note. A rejection
// without a note, one's own submission, one decided already and a back end that decides in its own
// pages only are refused in words, deciding nothing; where the client can ask, only a yes decides.
import { describe, expect, it } from 'vitest';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import decideTimesheet from '../../../mcp-server/tools/decide-timesheet.ts';
import { approvalsTool, weekOf } from './approvals-part.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { said } from '../../support/said-outcome.ts';

/** Bea's week of 9 November waiting (40 h), Cem's approved; Ada's own waiting. */
const SUBMISSIONS = [weekOf('bea', '2026-11-09'), weekOf('cem', '2026-11-09', { status: 'approved', decidedBy: 'Tom' }), weekOf('ada', '2026-11-09')];

const deciding = approvalsTool(decideTimesheet, SUBMISSIONS);

describe('decide_timesheet', () => {
  it('approves the submission named, and only that one, naming whose week and its hours', async () => {
    const { run, named, statusOf } = await deciding();
    const { text, data } = await run({ id: '2-2026-11-09', decision: 'approve' });
    expect(named('decide')).toEqual([['2-2026-11-09', 'approve', undefined]]);
    expect([statusOf('2-2026-11-09'), statusOf('3-2026-11-09'), statusOf('1-2026-11-09')]).toEqual(['approved', 'approved', 'pending']);
    expect(text).toBe('Approved "Bea"\'s timesheet for the week 2026-11-09 to 2026-11-15 (40 h).');
    expect(data).toMatchObject({ status_before: 'pending', note_kept: false, submission: { status: 'approved', decided_by: 'Ada' } });
    expect(decideTimesheet.output.parse(data).submission.status).toBe('approved');
  });

  it('rejects with the note trimmed, and says whether the back end kept it', async () => {
    const kept = await deciding({ noteKept: true });
    const rejected = await kept.run({ id: '2-2026-11-09', decision: 'reject', note: '  Friday is missing  ' });
    expect(kept.named('decide')).toEqual([['2-2026-11-09', 'reject', 'Friday is missing']]);
    expect(rejected.text).toBe('Rejected "Bea"\'s timesheet for the week 2026-11-09 to 2026-11-15 (40 h). The note was kept with it.');
    expect(rejected.data).toMatchObject({ note_kept: true, submission: { status: 'rejected', note: 'Friday is missing' } });
    const lost = await deciding({ noteKept: false });
    const { text, data } = await lost.run({ id: '2-2026-11-09', decision: 'reject', note: 'Friday is missing' });
    expect(text).toBe(`Rejected "Bea"'s timesheet for the week 2026-11-09 to 2026-11-15 (40 h). ${lost.label} kept no note; tell "Bea" yourself.`);
    expect(data.note_kept).toBe(false);
  });

  it('refuses a rejection without a note before reading anything', async () => {
    const { run, calls } = await deciding();
    for (const note of [undefined, '   ']) {
      await expect(run({ id: '2-2026-11-09', decision: 'reject', ...(note === undefined ? {} : { note }) })).rejects.toMatchObject({
        refusal: { code: 'timesheet_rejection_needs_note' },
      });
    }
    expect(calls).toEqual([]);
  });

  it("refuses one decided already, one's own and one not there, deciding nothing", async () => {
    const { run, named, statusOf } = await deciding();
    await expect(run({ id: '3-2026-11-09', decision: 'reject', note: 'late' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_already_decided', facts: { first_day: '2026-11-09', last_day: '2026-11-15', person: 'Cem', status: 'approved' } },
    });
    await expect(run({ id: '1-2026-11-09', decision: 'approve' })).rejects.toMatchObject({ refusal: { code: 'timesheet_own_submission' } });
    await expect(run({ id: 'x9', decision: 'approve' })).rejects.toMatchObject({ refusal: { code: 'timesheet_submission_not_found', facts: { id: 'x9' } } });
    expect(named('decide')).toEqual([]);
    expect(statusOf('3-2026-11-09')).toBe('approved');
  });

  it('refuses where the back end decides in its own pages only, naming the page, before reading anything', async () => {
    const pages = { decide: 'https://kimai.example.com/en/approval/to_approve', withdraw: 'https://kimai.example.com/en/approval/week_by_user' };
    const { run, calls, label } = await deciding({ inPagesOnly: pages });
    await expect(run({ id: '2-2026-11-09', decision: 'approve' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_decided_in_pages', facts: { back_end: label, page: pages.decide } },
    });
    expect(calls).toEqual([]);
  });

  it('where the client can ask, shows whose week, its hours and the note first, and a "no" decides nothing', async () => {
    const { context, named, statusOf } = await deciding();
    const args = { id: '2-2026-11-09', decision: 'reject' as const, note: 'Friday is missing' };
    const run = (ask: Asker) => said(decideTimesheet.handler(args, { ...context, ask }));
    const question = await questionOf('decide_timesheet', args, run);
    expect(question.params.message).toBe('Reject "Bea"\'s timesheet for the week 2026-11-09 to 2026-11-15 (40 h)? Note: Friday is missing');
    await expect(run(answering('decide_timesheet', args, question, 'decline'))).rejects.toThrow(/^The timesheet was not rejected: you said no when asked\./);
    expect(named('decide')).toEqual([]);
    expect(statusOf('2-2026-11-09')).toBe('pending');
  });
});
