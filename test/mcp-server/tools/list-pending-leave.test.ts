// list_pending_leave's handler over the local timesheet plus a hand-written team-leave part
// (team-leave-part.ts in this folder): the waiting requests in words, who else stands away then
// (each once, the requester and refused absences not), a comment quoted on one line, and paging.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import listPendingLeave from '../../../mcp-server/tools/list-pending-leave.ts';
import { teamLeave } from './team-leave-part.ts';
import { said } from '../../support/said-outcome.ts';

const opened = closeAfterEach();

async function pending() {
  const team = opened(await teamLeave());
  return { ...team, run: (args: Record<string, unknown>) => said(listPendingLeave.handler(listPendingLeave.input.parse(args), team.context)) };
}

describe('list_pending_leave', () => {
  it('lists the waiting requests, with who else is away and the comment on one line', async () => {
    const { run } = await pending();
    const { text, data } = await run({});
    expect(text).toBe(
      [
        '3 requests wait for your decision (people 1–3 in the teams you lead).',
        '#11 "Bea": vacation 2026-12-21 to 2026-12-23 (3 days) "family\\nvisit"; also away: "Eli"',
        '#12 "Cem": "Training" 2026-12-22 (1 day); also away: "Bea", "Eli"',
        '#13 "Dana": vacation 2027-01-11 to 2027-01-15 (5 days)',
      ].join('\n'),
    );
    expect(data.requests[1]).toEqual({
      id: 12,
      person: 'Cem',
      type: 'other',
      kind: 'Training',
      first_day: '2026-12-22',
      last_day: '2026-12-22',
      first_day_part: 'full',
      last_day_part: 'full',
      days: 1,
      comment: '',
      also_away: ['Bea', 'Eli'],
    });
    expect(data.next_offset).toBeNull();
  });

  it('pages with a limit and says where the next window starts', async () => {
    const { run } = await pending();
    const first = await run({ limit: 1 });
    expect(first.text.split('\n')[0]).toBe('1 request waits for your decision (people 1–3 in the teams you lead). More with offset 1.');
    expect(first.data.next_offset).toBe(1);
    const last = await run({ offset: 2, limit: 5 });
    expect(last.data.requests.map((request) => request.id)).toEqual([13]);
    expect(last.data.next_offset).toBeNull();
  });

  it('says in words when nothing waits', async () => {
    const { run } = await pending();
    const { text, data } = await run({ offset: 3 });
    expect(text).toBe('No requests wait for your decision (people 1–3 in the teams you lead).');
    expect(data.requests).toEqual([]);
  });
});
