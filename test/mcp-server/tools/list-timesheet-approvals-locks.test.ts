// list_timesheet_approvals' `locks` (the window keeps a locked period's entries as they are): the person's own
// list carries the locks the approvals part reads for the range, with who can reopen each; a lead's list
// (with person) reads none. Over the local timesheet plus a hand-written approvals part.
import { describe, expect, it } from 'vitest';
import type { ApprovalsPart } from '../../../mcp-server/providers/time-tracker.ts';
import type { DaySpan, PeriodLock, TimesheetSubmission } from '../../../mcp-server/domain/approvals.ts';
import listTimesheetApprovals from '../../../mcp-server/tools/list-timesheet-approvals.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { localToolContext } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const opened = closeAfterEach();

const submission = (fields: Partial<TimesheetSubmission>): TimesheetSubmission => ({
  id: 'a1',
  person: 'Ada',
  personId: '1',
  period: 'week',
  firstDay: '2026-11-09',
  lastDay: '2026-11-15',
  status: 'approved',
  trackedSeconds: 144_000,
  note: null,
  decidedBy: 'Bea',
  ...fields,
});

async function approvalsContext() {
  const local = opened(await localToolContext({ now: NOW, timezone: 'Europe/Berlin' }));
  const lockReads: Array<{ span: DaySpan; personId: string | undefined }> = [];
  const locks: PeriodLock[] = [{ firstDay: '2026-11-09', lastDay: '2026-11-15', status: 'approved', reopenedBy: 'an_approver' }];
  const part: ApprovalsPart = {
    rule: async () => ({ period: 'week', weekStart: 1 }),
    submit: async () => submission({ status: 'pending' }),
    own: async () => [submission({})],
    toDecide: async () => [submission({ id: 'c3', person: 'Cem', personId: '3', status: 'pending' })],
    findForDecision: async () => submission({}),
    withdraw: async (found) => found,
    decide: async (found) => ({ submission: found, noteKept: true }),
    async locks(span, personId) {
      lockReads.push({ span, personId });
      return locks;
    },
    entriesOf: async () => [],
    rejectionNoteKept: false,
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'approvals', part) };
  const run = (args: Record<string, unknown>) => listTimesheetApprovals.handler(listTimesheetApprovals.input.parse(args), context as never);
  return { run, lockReads };
}

describe('list_timesheet_approvals locks', () => {
  it("answers the person's own locks of the range with who can reopen each", async () => {
    const { run, lockReads } = await approvalsContext();
    const { data } = await run({ from: '2026-11-09', to: '2026-11-22' });
    expect(data.locks).toEqual([{ first_day: '2026-11-09', last_day: '2026-11-15', status: 'approved', reopened_by: 'an_approver' }]);
    expect(lockReads).toEqual([{ span: { firstDay: '2026-11-09', lastDay: '2026-11-22' }, personId: undefined }]);
    expect(listTimesheetApprovals.output.parse(data).locks).toHaveLength(1);
  });

  it("reads no locks for a lead's list of others' submissions", async () => {
    const { run, lockReads } = await approvalsContext();
    const { data } = await run({ person: '*' });
    expect(data.whose).toBe('to_decide');
    expect(data.locks).toBeUndefined();
    expect(lockReads).toEqual([]);
  });
});
