// decide_leave_request's handler over the local timesheet plus a hand-written team-leave part
// (team-leave-part.ts in this folder): the decision sent is the one asked for, the words name who,
// what and when and whether the reason was kept; an unknown request and a "no" decide nothing.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { createAsker, InputNeeded } from '../../../mcp-server/tools/asking.ts';
import decideLeaveRequest from '../../../mcp-server/tools/decide-leave-request.ts';
import { teamLeave } from './team-leave-part.ts';
import { said } from '../../support/said-outcome.ts';

const opened = closeAfterEach();

async function deciding(options?: { reasonKept?: boolean }) {
  const team = opened(await teamLeave(options));
  return { ...team, run: (args: Record<string, unknown>) => said(decideLeaveRequest.handler(decideLeaveRequest.input.parse(args), team.context)) };
}

describe('decide_leave_request', () => {
  it('approves the request named, and only that one', async () => {
    const { run, decisions, waiting } = await deciding();
    const { text, data } = await run({ id: 11, decision: 'approve' });
    expect(text).toBe('Approved "Bea"\'s vacation 2026-12-21 to 2026-12-23 (3 working days).');
    expect(decisions).toEqual([{ id: 11, decision: 'approve', reason: undefined }]);
    expect(waiting.map((request) => request.id)).toEqual([12, 13]);
    expect(data).toMatchObject({ request: { id: 11, status: 'approved' }, reason_kept: false });
  });

  it('rejects with a trimmed reason, and says the back end keeps none where it does not', async () => {
    const { run, decisions, label } = await deciding({ reasonKept: false });
    const { text } = await run({ id: 12, decision: 'reject', reason: '  team at the fair  ' });
    expect(text).toBe(`Rejected "Cem"'s "Training" 2026-12-22 (1 working day). ${label} keeps no reason with a decision; tell "Cem" yourself.`);
    expect(decisions).toEqual([{ id: 12, decision: 'reject', reason: 'team at the fair' }]);
  });

  it('says the reason was kept where the back end keeps it', async () => {
    const { run } = await deciding({ reasonKept: true });
    const { text, data } = await run({ id: 13, decision: 'reject', reason: 'year-end close' });
    expect(text).toBe('Rejected "Dana"\'s vacation 2027-01-11 to 2027-01-15 (5 working days). The reason was kept with it.');
    expect(data.reason_kept).toBe(true);
  });

  it('refuses a request that does not wait for the person, and decides nothing', async () => {
    const { run, decisions, waiting } = await deciding();
    await expect(run({ id: 99, decision: 'approve' })).rejects.toMatchObject({
      message: expect.stringMatching(/^Leave request #99 is not among the requests Punchcard listed as waiting for your decision;/),
      refusal: { code: 'kimai_leave_request_not_listed', facts: { request: 99 } },
    });
    expect(decisions).toEqual([]);
    expect(waiting).toHaveLength(3);
  });

  it('where the client can ask, shows who, what and the reason first, and a "no" decides nothing', async () => {
    const { context, decisions } = await deciding();
    const args = { id: 11, decision: 'reject' as const, reason: 'cover missing' };
    const question = await decideLeaveRequest
      .handler(args, { ...context, ask: createAsker({ tool: 'decide_leave_request', args, state: undefined, responses: undefined }) })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(question).toBeInstanceOf(InputNeeded);
    const asked = question as InputNeeded;
    expect(asked.params.message).toBe('Reject "Bea"\'s vacation 2026-12-21 to 2026-12-23 (3 working days)? Reason: cover missing');
    expect(decisions).toEqual([]);
    const declined = createAsker({ tool: 'decide_leave_request', args, state: asked.state, responses: { decide: { action: 'decline' } } });
    await expect(decideLeaveRequest.handler(args, { ...context, ask: declined })).rejects.toThrow(
      'Leave request #11 was not rejected: you said no when asked. Nothing was changed.',
    );
    expect(decisions).toEqual([]);
  });
});
