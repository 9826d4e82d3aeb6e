// A hand-written approvals part (ApprovalsPart in mcp-server/providers/time-tracker.ts) over the local
// timesheet, which has no approvals, for the tests of the four approvals tools. It approves weeks from
// Monday and keeps its submissions as Clockify's approval requests behave (docs/back-ends/clockify.md,
// "Timesheet approvals"): a submission waits (pending) until an approver decides it, the person withdraws
// their own pending one, an approver withdraws an approval, and an approved week is locked. Ada (1) is the
// person; Bea (2) and Cem (3) are the people she decides for. Every call that reads or writes is recorded.
import type * as z from 'zod/v4';
import type { ToolName } from '../../../mcp-server/contract/tool-catalog.ts';
import type { ApprovalStatus, DaySpan, TimesheetSubmission } from '../../../mcp-server/domain/approvals.ts';
import { addDays } from '../../../mcp-server/domain/time.ts';
import { type ApprovalsPart, BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import type { ToolDefinition } from '../../../mcp-server/tools/define-tool.ts';
import { said } from '../../support/said-outcome.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { localToolContext } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';

// Wednesday 18 November 2026, 15:00 in Berlin: the week of 16 to 22 November is the current one.
export const NOW = Date.parse('2026-11-18T14:00:00Z');

export const PEOPLE = { ada: { id: '1', name: 'Ada' }, bea: { id: '2', name: 'Bea' }, cem: { id: '3', name: 'Cem' } } as const;

export interface ApprovalsOptions {
  /** The submissions the back end holds at the start. */
  submissions?: TimesheetSubmission[];
  /** Whether an approver's note is kept with a decision. */
  noteKept?: boolean;
  /** Whether the person can read a rejection's note (Clockify e-mails it: false). */
  rejectionNoteKept?: boolean;
  /** A back end that decides and takes back in its own pages only, as Kimai's plugin does. */
  inPagesOnly?: { decide: string; withdraw: string };
  /** A back end that takes periods in order refuses one while an earlier one is open (Kimai's plugin). */
  earlierOpen?: DaySpan;
}

/** A submission of someone's week from `monday`, pending unless said. */
export function weekOf(person: keyof typeof PEOPLE, monday: string, fields: Partial<TimesheetSubmission> = {}): TimesheetSubmission {
  return {
    id: `${PEOPLE[person].id}-${monday}`,
    person: PEOPLE[person].name,
    personId: PEOPLE[person].id,
    period: 'week',
    firstDay: monday,
    lastDay: addDays(monday, 6),
    status: 'pending',
    trackedSeconds: 144_000,
    note: null,
    decidedBy: null,
    ...fields,
  };
}

const touches = (item: DaySpan, span: DaySpan) => item.firstDay <= span.lastDay && item.lastDay >= span.firstDay;

export async function approvalsContext(options: ApprovalsOptions = {}) {
  const local = await localToolContext({ now: NOW, timezone: 'Europe/Berlin' });
  const held: TimesheetSubmission[] = [...(options.submissions ?? [])];
  /** What the tools asked of the part, in order: `own`, `toDecide`, `find`, `submit`, `withdraw`, `decide`, `locks`. */
  const calls: Array<{ call: string; args: unknown[] }> = [];
  const record = (call: string, ...args: unknown[]) => void calls.push({ call, args });
  const replace = (submission: TimesheetSubmission, fields: Partial<TimesheetSubmission>): TimesheetSubmission => {
    const changed = { ...submission, ...fields };
    held.splice(held.indexOf(held.find((item) => item.id === submission.id) as TimesheetSubmission), 1, changed);
    return changed;
  };
  const part: ApprovalsPart = {
    rejectionNoteKept: options.rejectionNoteKept ?? false,
    ...(options.inPagesOnly ? { inPagesOnly: options.inPagesOnly } : {}),
    rule: async () => ({ period: 'week', weekStart: 1 }),
    async checkSubmittable(span) {
      record('checkSubmittable', span);
      const open = options.earlierOpen;
      if (open && open.firstDay < span.firstDay) {
        throw new BackEndError('timesheet_earlier_period_open', { first_day: open.firstDay, last_day: open.lastDay, back_end: 'the back end' });
      }
    },
    async submit(span, period) {
      record('submit', span, period);
      const submission = weekOf('ada', span.firstDay, { id: `1-${span.firstDay}-${held.length + 1}`, period, trackedSeconds: null });
      held.push(submission);
      return submission;
    },
    async own(span) {
      record('own', span);
      return held.filter((item) => item.personId === PEOPLE.ada.id && touches(item, span)).sort((a, b) => a.firstDay.localeCompare(b.firstDay));
    },
    async toDecide(query) {
      record('toDecide', query);
      const wanted = query.person?.toLowerCase();
      return held
        .filter((item) => item.personId !== PEOPLE.ada.id && touches(item, query.span))
        .filter((item) => query.status === undefined || item.status === query.status)
        .filter((item) => wanted === undefined || item.person.toLowerCase().includes(wanted))
        .slice(0, query.limit);
    },
    async findForDecision(id) {
      record('find', id);
      const found = held.find((item) => item.id === id);
      if (!found) throw new BackEndError('timesheet_submission_not_found', { id });
      if (found.personId === PEOPLE.ada.id) throw new BackEndError('timesheet_own_submission');
      return found;
    },
    async withdraw(submission, as) {
      record('withdraw', submission.id, as);
      return replace(submission, { status: 'withdrawn', decidedBy: as === 'approver' ? PEOPLE.ada.name : null });
    },
    async decide(submission, decision, note) {
      record('decide', submission.id, decision, note);
      const status: ApprovalStatus = decision === 'approve' ? 'approved' : 'rejected';
      const kept = options.noteKept ?? true;
      return { submission: replace(submission, { status, note: kept ? (note ?? null) : null, decidedBy: PEOPLE.ada.name }), noteKept: kept };
    },
    async locks(span, personId) {
      record('locks', span, personId);
      return held
        .filter((item) => item.personId === (personId ?? PEOPLE.ada.id) && item.status === 'approved' && touches(item, span))
        .map((item) => ({ firstDay: item.firstDay, lastDay: item.lastDay, status: 'approved' as const, reopenedBy: 'an_approver' as const }));
    },
    entriesOf: async () => [],
  };
  const listing = trackerWithPart(local.tracker, 'approvals', part);
  // A back end whose API drives the workflow offers both: the list, and submitting, withdrawing and deciding.
  const context = { ...local.context, tracker: { ...listing, capabilities: new Set([...listing.capabilities, 'approvals_workflow' as const]) } };
  const named = (call: string) => calls.filter((made) => made.call === call).map((made) => made.args);
  const statusOf = (id: string) => held.find((submission) => submission.id === id)?.status;
  return { context, local, calls, named, held, statusOf, label: local.tracker.label, close: local.close };
}

/**
 * A test file's opener of `tool` over a fresh approvals part holding `submissions` (an opening may add
 * options), closed after each test: `run` parses the arguments as the server does, then calls the handler.
 */
export function approvalsTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: ToolDefinition<Input, Output, ToolName, 'approvals' | 'approvals_workflow'>,
  submissions: readonly TimesheetSubmission[] = [],
) {
  const opened = closeAfterEach();
  return async (options: ApprovalsOptions = {}) => {
    const approvals = opened(await approvalsContext({ submissions: [...submissions], ...options }));
    return { ...approvals, run: (args: Record<string, unknown>) => said(tool.handler(tool.input.parse(args), approvals.context)) };
  };
}
