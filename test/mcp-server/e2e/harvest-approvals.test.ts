// Timesheet approvals on Harvest, through the engine in process against the fake Harvest (test/support/harvest-roles.ts):
// Harvest's API has no route to submit, withdraw or decide, so only the list is offered, to those who lead (Lea, a
// manager with teammates, and Bob the administrator), read from each person's entries by user_id: a week whose entries
// are all submitted is pending, all approved approved; the workflow's tools are withheld with why back_end, nothing sent.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../support/engine.ts';
import { ADA, BOB, harvestRoles, LEA, MAX, requestsOf } from '../../support/harvest-roles.ts';
import { addEntry } from '../providers/harvest/fake-harvest.ts';

const APPROVAL_TOOLS = ['decide_timesheet', 'list_timesheet_approvals', 'submit_timesheet', 'withdraw_timesheet'];
const { company, connect } = harvestRoles({ approvals: true });
const at = (iso: string) => Date.parse(iso);

type Listed = {
  whose: string;
  submissions: Array<{ id: string; person: string; first_day: string; status: string; hours: number | null }>;
  rejection_note_kept: boolean;
};

describe('timesheet approvals on Harvest', () => {
  it("lists the weeks of a manager's people as their entries' approval status shows them, each read by user_id", async () => {
    const { fake, website, development } = await company();
    const entry = (userId: number, start: string, approval: 'submitted' | 'approved' | 'unsubmitted') =>
      addEntry(fake, { userId, projectId: website, taskId: development, start: at(start), end: at(start) + 2 * 3_600_000, approval });
    entry(ADA, '2026-11-02T09:00:00+01:00', 'approved');
    entry(ADA, '2026-11-03T09:00:00+01:00', 'approved');
    entry(ADA, '2026-11-09T09:00:00+01:00', 'submitted');
    entry(ADA, '2026-11-10T09:00:00+01:00', 'approved');
    entry(MAX, '2026-11-09T09:00:00+01:00', 'submitted');
    entry(MAX, '2026-11-10T09:00:00+01:00', 'unsubmitted');
    const lea = await connect(fake, LEA, { tools: APPROVAL_TOOLS, offered: ['list_timesheet_approvals'] });
    const listed = (await lea.call('list_timesheet_approvals', { person: '*', from: '2026-11-02', to: '2026-11-15' })).structuredContent as Listed;
    expect(listed.whose).toBe('to_decide');
    expect(listed.rejection_note_kept).toBe(false);
    // Max's week holds an unsubmitted entry: not a submission.
    expect(listed.submissions.map((row) => [row.id, row.person, row.status, row.hours])).toEqual([
      [`${ADA}:2026-11-02`, 'Ada Lovelace', 'approved', 4],
      [`${ADA}:2026-11-09`, 'Ada Lovelace', 'pending', 4],
    ]);
    const entries = requestsOf(fake, LEA).filter((request) => request.path === '/v2/time_entries');
    expect(entries.length).toBeGreaterThan(0);
    for (const request of entries) expect(new URLSearchParams(request.query).get('user_id')).toMatch(/^\d+$/);
    expect(fake.requests.filter((request) => request.status === 403)).toEqual([]);
  });

  it('withholds submitting and deciding, which Harvest has no route for, and sends nothing', async () => {
    const { fake } = await company();
    const bob = await connect(fake, BOB, { tools: APPROVAL_TOOLS, offered: ['list_timesheet_approvals'] });
    const sent = requestsOf(fake, BOB).length;
    for (const [tool, args] of [
      ['submit_timesheet', { week: 'this week' }],
      ['decide_timesheet', { id: `${ADA}:2026-11-09`, decision: 'approve' }],
    ] as const) {
      expect(refusalOf(await bob.call(tool, args))).toMatchObject({ code: 'tool_withheld', facts: { tool, why: 'back_end' } });
    }
    expect(requestsOf(fake, BOB).slice(sent)).toEqual([]);
  });

  it('offers a member no approvals: her entries keep their status in list_time_entries', async () => {
    const { fake } = await company();
    const ada = await connect(fake, ADA);
    await expect.poll(() => requestsOf(fake, ADA).some((request) => request.path === '/v2/users/me/project_assignments')).toBe(true);
    expect((await ada.client.listTools()).tools.map((tool) => tool.name).filter((name) => APPROVAL_TOOLS.includes(name))).toEqual([]);
  });
});
