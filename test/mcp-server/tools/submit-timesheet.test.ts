// submit_timesheet's handler over the local timesheet plus a hand-written approvals part
// (approvals-part.ts in this folder): the period submitted is the back end's week holding the day
// asked for (today's by default), the words name it with the hours the timesheet holds; a period not
// begun, one already waiting or approved, a kind the back end does not approve by and one the back end
// takes out of order are refused before anything is sent; where the client can ask, only a yes submits.
import { describe, expect, it } from 'vitest';
import { type Asker, createAsker } from '../../../mcp-server/tools/asking.ts';
import logTime from '../../../mcp-server/tools/log-time.ts';
import submitTimesheet from '../../../mcp-server/tools/submit-timesheet.ts';
import { type ApprovalsOptions, approvalsTool, weekOf } from './approvals-part.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { said } from '../../support/said-outcome.ts';

const opening = approvalsTool(submitTimesheet);

/** The week of 16 November with 10.5 hours on Monday and Tuesday, and a day of the week before. */
async function submitting(options: ApprovalsOptions = {}) {
  const approvals = await opening(options);
  for (const [start, end] of [
    ['2026-11-16T09:00', '2026-11-16T15:00'],
    ['2026-11-17T08:30', '2026-11-17T13:00'],
    ['2026-11-10T09:00', '2026-11-10T17:00'],
  ] as const) {
    await approvals.local.run(logTime, { start, end });
  }
  return approvals;
}

describe('submit_timesheet', () => {
  it('submits the current week by default, naming it with the hours the timesheet holds', async () => {
    const { run, named } = await submitting();
    const { text, data } = await run({});
    expect(named('submit')).toEqual([[{ firstDay: '2026-11-16', lastDay: '2026-11-22', period: 'week' }, 'week']]);
    expect(data.submission).toMatchObject({ person: 'Ada', period: 'week', first_day: '2026-11-16', last_day: '2026-11-22', status: 'pending' });
    expect(text).toBe(`Submitted your timesheet for the week 2026-11-16 to 2026-11-22 (10.5 h) for approval: it is pending (id ${data.submission.id}).`);
    expect(submitTimesheet.output.parse(data).submission.status).toBe('pending');
  });

  it('submits the week holding any day of it', async () => {
    const { run, named } = await submitting();
    const { text } = await run({ period_start: '2026-11-12', period: 'week' });
    expect(named('submit')).toEqual([[{ firstDay: '2026-11-09', lastDay: '2026-11-15', period: 'week' }, 'week']]);
    expect(text).toMatch(/^Submitted your timesheet for the week 2026-11-09 to 2026-11-15 \(8 h\) for approval/);
  });

  it('refuses a week not begun, and a kind of period the back end does not approve by, sending nothing', async () => {
    const { run, calls } = await submitting();
    await expect(run({ period_start: '2026-11-23' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_period_future', facts: { first_day: '2026-11-23', last_day: '2026-11-29' } },
    });
    await expect(run({ period: 'month' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_period_kind', facts: { period: 'month', back_end_period: 'week' } },
    });
    expect(calls).toEqual([]);
  });

  it('refuses a week already waiting or approved, naming it and its id; a rejected week is submitted again', async () => {
    const { run, named } = await submitting({
      submissions: [weekOf('ada', '2026-11-16'), weekOf('ada', '2026-11-09', { status: 'approved' }), weekOf('ada', '2026-11-02', { status: 'rejected' })],
    });
    await expect(run({})).rejects.toMatchObject({
      refusal: { code: 'timesheet_already_submitted', facts: { first_day: '2026-11-16', last_day: '2026-11-22', status: 'pending', id: '1-2026-11-16' } },
    });
    await expect(run({ period_start: '2026-11-09' })).rejects.toMatchObject({
      refusal: { code: 'timesheet_already_submitted', facts: { status: 'approved', id: '1-2026-11-09' } },
    });
    expect(named('submit')).toEqual([]);
    const again = await run({ period_start: '2026-11-02' });
    expect(again.data.submission).toMatchObject({ first_day: '2026-11-02', status: 'pending' });
    expect(named('submit')).toHaveLength(1);
  });

  it('refuses a week the back end takes only after an earlier open one, before asking and before sending', async () => {
    const { context, named } = await submitting({ earlierOpen: { firstDay: '2026-11-09', lastDay: '2026-11-15' } });
    const args = {};
    const asking = { ...context, ask: createAsker({ tool: 'submit_timesheet', args, state: undefined, responses: undefined }) };
    await expect(submitTimesheet.handler(args, asking)).rejects.toMatchObject({
      refusal: { code: 'timesheet_earlier_period_open', facts: { first_day: '2026-11-09', last_day: '2026-11-15' } },
    });
    expect(named('submit')).toEqual([]);
  });

  it('where the client can ask, names the week and its hours first, and a "no" submits nothing', async () => {
    const { context, named } = await submitting();
    const args = {};
    const run = (ask: Asker) => said(submitTimesheet.handler(args, { ...context, ask }));
    const question = await questionOf('submit_timesheet', args, run);
    expect(question.params.message).toBe(
      `Submit your timesheet for the week 2026-11-16 to 2026-11-22 (10.5 h) for approval? ${context.tracker.label} may lock its time until it is decided.`,
    );
    expect(named('submit')).toEqual([]);
    await expect(run(answering('submit_timesheet', args, question, 'decline'))).rejects.toThrow(/^Your timesheet was not submitted: you said no when asked\./);
    expect(named('submit')).toEqual([]);
    const { data } = await run(answering('submit_timesheet', args, question, 'accept'));
    expect(data.submission.first_day).toBe('2026-11-16');
    expect(named('submit')).toHaveLength(1);
  });
});
