// list_leave_requests's handler on the real local timesheet, at a clock that stands still: this
// year's requests and those planned ahead by default, one line each; a range narrows the list,
// cancelled requests show only where asked, and an empty range says so in words.
import { describe, expect, it } from 'vitest';
import cancelLeaveRequest from '../../../mcp-server/tools/cancel-leave-request.ts';
import listLeaveRequests from '../../../mcp-server/tools/list-leave-requests.ts';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** A sick day last year, vacation in December, a personal day next March (cancelled), vacation next May. */
async function timesheetWithLeave() {
  const local = await openTimesheet();
  const { run } = local;
  const old = await run(requestLeave, { type: 'sick', first_day: '2025-06-02', last_day: '2025-06-02' });
  const december = await run(requestLeave, { type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-23' });
  const march = await run(requestLeave, { type: 'personal', first_day: '2027-03-01', last_day: '2027-03-01' });
  const may = await run(requestLeave, { type: 'vacation', first_day: '2027-05-03', last_day: '2027-05-07' });
  await run(cancelLeaveRequest, { id: march.data.request.id });
  return { ...local, ids: { old: old.data.request.id, december: december.data.request.id, march: march.data.request.id, may: may.data.request.id } };
}

describe('list_leave_requests', () => {
  it("lists this year's and next year's active requests by default, one line each", async () => {
    const { run, ids } = await timesheetWithLeave();
    const { text, data } = await run(listLeaveRequests, {});
    expect(text).toBe(
      [`#${ids.december} vacation 2026-12-21 to 2026-12-23 (3 days, approved)`, `#${ids.may} vacation 2027-05-03 to 2027-05-07 (5 days, approved)`].join('\n'),
    );
    expect(data.requests.map((request) => request.id)).toEqual([ids.december, ids.may]);
  });

  it('shows cancelled requests where asked', async () => {
    const { run, ids } = await timesheetWithLeave();
    const { data } = await run(listLeaveRequests, { include_cancelled: true });
    expect(data.requests.map((request) => [request.id, request.status])).toEqual([
      [ids.december, 'approved'],
      [ids.march, 'cancelled'],
      [ids.may, 'approved'],
    ]);
  });

  it("lists a range given, with only a start running to that year's end", async () => {
    const { run, ids } = await timesheetWithLeave();
    const last = await run(listLeaveRequests, { from: '2025-01-01' });
    expect(last.text).toBe(`#${ids.old} sick 2025-06-02 (1 day, approved)`);
  });

  it('says in words when a range holds no requests', async () => {
    const { run } = await timesheetWithLeave();
    const { text, data } = await run(listLeaveRequests, { from: '2027-06-01', to: '2027-08-31' });
    expect(text).toBe('No leave requests from 2027-06-01 to 2027-08-31.');
    expect(data.requests).toEqual([]);
  });
});
