// The shapes several tools answer with: a time entry and a leave request, as a result shows them.
// The window's contract (window-contract/) hands entries on as they are, so its types are these.
import * as z from 'zod/v4';
import { APPROVAL_PERIODS, APPROVAL_STATUSES, LEAVE_STATUSES, LEAVE_TYPES } from '../vocabulary.ts';

/** A row's connection, where several trackers answer one read (docs/several-trackers.md); absent with one. */
export const trackerLabel = z.string().optional();

/** A break inside an entry; the one without an end is the break running now (contract/worked-time.ts, runningBreak). */
export const breakOutput = z.object({
  /** The break type's name in the back end ("Lunch"). */
  type: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  minutes: z.int(),
});

export const entryOutput = z.object({
  id: z.int(),
  /** ISO 8601 with the UTC offset of the person's zone. */
  start: z.string(),
  end: z.string().nullable(),
  /** Worked minutes: breaks inside the entry are not counted. */
  minutes: z.int(),
  /**
   * 'day' where the back end keeps the entry's day and minutes only (a stopped entry on a Harvest account that tracks
   * durations): `start` is then the start of its day and `end` that plus its minutes, neither a time it happened.
   * Absent where the times are the entry's own.
   */
  span: z.literal('day').optional(),
  project: z.string().nullable(),
  activity: z.string().nullable(),
  description: z.string(),
  /** Breaks inside the entry (a shift with breaks; back ends with the breaks capability); absent elsewhere. */
  breaks: z.array(breakOutput).optional(),
  /** Why the person may not change or delete this entry (exported, a lump sum), where the back end says so. */
  locked: z.string().optional(),
  /** Kept in the outbox while the back end was out of reach, not yet sent (its id is then the outbox's, negative). */
  waiting_to_send: z.boolean().optional(),
  /** An AI agent's own time: the agent (the MCP client's name as a label carries it); absent on the person's own entries. */
  agent: z.string().optional(),
  /**
   * The custom fields the entry carries, by the tracker's names (Clockify's custom fields, Kimai's visible meta
   * fields): text, a number, true or false, or a list of texts; absent where none. A free-form object: each
   * tool's output schema carries it, and a typed one would cost the tool list about 130 characters a tool.
   */
  fields: z.looseObject({}).optional(),
  /** The connection this row is from, with several trackers (docs/several-trackers.md); absent with one. */
  tracker: trackerLabel,
});
export type EntryOutput = z.infer<typeof entryOutput>;
export type BreakOutput = z.infer<typeof breakOutput>;

export const leaveOutput = z.object({
  id: z.int(),
  type: z.enum(LEAVE_TYPES),
  /** The back end's own name of the type, where it says more than `type`. */
  kind: z.string().optional(),
  /** Work somewhere else (a home-office day): the day keeps its target hours and costs no leave. */
  working_elsewhere: z.boolean().optional(),
  first_day: z.string(),
  last_day: z.string(),
  first_day_part: z.enum(['full', 'afternoon']),
  last_day_part: z.enum(['full', 'morning']),
  days: z.number(),
  status: z.enum(LEAVE_STATUSES),
  comment: z.string(),
  /** The connection this row is from, with several trackers (docs/several-trackers.md); absent with one. */
  tracker: trackerLabel,
});
export type LeaveOutput = z.infer<typeof leaveOutput>;

/** A submitted timesheet period, as the approvals tools answer it (submit_timesheet and the rest). */
export const submissionOutput = z.object({
  /** The back end's id: decide_timesheet and withdraw_timesheet take it. */
  id: z.string(),
  person: z.string(),
  period: z.enum(APPROVAL_PERIODS),
  first_day: z.string(),
  last_day: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  /** Hours tracked in the period, where the back end counts them. */
  hours: z.number().nullable(),
  /** The approver's note, where the back end shows it to this reader. */
  note: z.string().nullable(),
  decided_by: z.string().nullable(),
  /** The connection this row is from, with several trackers (docs/several-trackers.md); absent with one. */
  tracker: trackerLabel,
});
