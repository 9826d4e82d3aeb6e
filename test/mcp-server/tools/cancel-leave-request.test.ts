// cancel_leave_request's handler on the real local timesheet, at a clock that stands still: the
// request named is cancelled and the others kept; an unknown or already cancelled request is refused
// in words; where the client can ask (mcp-server/tools/asking.ts), only a yes cancels.
import { describe, expect, it } from 'vitest';
import { createAsker, InputNeeded } from '../../../mcp-server/tools/asking.ts';
import cancelLeaveRequest from '../../../mcp-server/tools/cancel-leave-request.ts';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import { type LocalToolContext, useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const NEXT_YEAR = { from: '2027-01-01', to: '2027-12-31' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** Vacation from Friday 5 to Tuesday 9 March 2027 (3 working days), and a personal day on 1 April. */
async function timesheetWithLeave() {
  const local = await openTimesheet();
  const march = await local.run(requestLeave, { type: 'vacation', first_day: '2027-03-05', last_day: '2027-03-09' });
  const april = await local.run(requestLeave, { type: 'personal', first_day: '2027-04-01', last_day: '2027-04-01' });
  return { ...local, id: march.data.request.id, other: april.data.request.id };
}

async function statuses(tracker: LocalToolContext['tracker']) {
  return (await tracker.leave.listLeave(NEXT_YEAR)).map((request) => [request.id, request.status]);
}

describe('cancel_leave_request', () => {
  it('cancels the request named and keeps the others', async () => {
    const { run, tracker, id, other } = await timesheetWithLeave();
    const { text, data } = await run(cancelLeaveRequest, { id });
    expect(text).toBe(`Cancelled #${id} vacation 2027-03-05 to 2027-03-09 (3 days, cancelled).`);
    expect(data.request).toMatchObject({ id, status: 'cancelled' });
    expect(await statuses(tracker)).toEqual([
      [id, 'cancelled'],
      [other, 'approved'],
    ]);
  });

  it('refuses a request the timesheet does not have, and cancels nothing', async () => {
    const { run, tracker, id, other } = await timesheetWithLeave();
    await expect(run(cancelLeaveRequest, { id: other + 41 })).rejects.toThrow(`There is no leave request #${other + 41}.`);
    expect(await statuses(tracker)).toEqual([
      [id, 'approved'],
      [other, 'approved'],
    ]);
  });

  it('refuses to cancel a request twice', async () => {
    const { run, id } = await timesheetWithLeave();
    await run(cancelLeaveRequest, { id });
    await expect(run(cancelLeaveRequest, { id })).rejects.toThrow(`Leave request #${id} is already cancelled.`);
  });

  it('where the client can ask, names the request first and cancels only on a yes', async () => {
    const { tracker, id, other, context } = await timesheetWithLeave();
    const args = { id };
    const question = await cancelLeaveRequest
      .handler(args, { ...context, ask: createAsker({ tool: 'cancel_leave_request', args, state: undefined, responses: undefined }) })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(question).toBeInstanceOf(InputNeeded);
    const asked = question as InputNeeded;
    expect(asked.params.message).toBe(`Cancel leave request #${id} vacation 2027-03-05 to 2027-03-09 (3 days, approved)?`);
    expect(await statuses(tracker)).toEqual([
      [id, 'approved'],
      [other, 'approved'],
    ]);

    const declined = createAsker({ tool: 'cancel_leave_request', args, state: asked.state, responses: { cancel: { action: 'decline' } } });
    await expect(cancelLeaveRequest.handler(args, { ...context, ask: declined })).rejects.toThrow(
      `Leave request #${id} was not cancelled: you said no when asked. Nothing was changed.`,
    );
    const accepted = createAsker({ tool: 'cancel_leave_request', args, state: asked.state, responses: { cancel: { action: 'accept', content: {} } } });
    await cancelLeaveRequest.handler(args, { ...context, ask: accepted });
    expect(await statuses(tracker)).toEqual([
      [id, 'cancelled'],
      [other, 'approved'],
    ]);
  });
});
