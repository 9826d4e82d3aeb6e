// Sending one kept write, after looking at what happened at the back end meanwhile (docs/decisions.md,
// "The outbox"). Nothing there is overwritten: a write that is already there (an earlier send whose
// answer was lost, a crash between sending and recording) is recognised and not sent again; a timer
// started elsewhere, an entry that overlaps, a timer stopped elsewhere leave the kept write for the
// person to decide, with what was found and what they can do; a clock-in followed by a timer started
// later on the web is recorded up to where that one began, and said so (adjusted). A write into a period
// locked meanwhile (approved, or submitted where that locks it) is left for the person too, as the tool
// would have refused it had the back end answered (tools/approval-lock.ts). What came of it is a notice
// of its own, as data (contract/outcomes/outbox.ts), stored with the row.
import type { KeptWriteFacts } from '../../contract/outcomes/outbox.ts';
import { noticeOf } from '../../contract/outcomes/notices.ts';
import type { PeriodLock, TimeSpan } from '../../domain/approvals.ts';
import { formatInstant } from '../../domain/time.ts';
import type { TimeEntry } from '../time-tracker.ts';
import type { KeptOutcome, OutboxRow } from './outbox-store.ts';
import type { ClockInPayload, ClockOutPayload, LogTimePayload, TimerRef } from './pending.ts';
import type { DeliveryTracker } from './send-attempts.ts';

/** Two starts this close are one: back ends round to the minute, Calamari drops the seconds. */
export const SAME_MOMENT_MS = 90_000;
/** The longest entry there is (log_time's own limit): an entry starting earlier cannot overlap. */
const LONGEST_ENTRY_MS = 24 * 3_600_000;
/** Entries looked at for an overlap: one page. */
const LOOK_LIMIT = 200;

export interface Settlement {
  state: 'sent' | 'adjusted' | 'needs_decision';
  /** The back end's entry, where one was written or found. */
  remoteId: number | null;
  /** What was sent, adjusted, or needs the person, and what they can do. */
  outcome: KeptOutcome;
}

export interface DeliveryContext {
  tracker: DeliveryTracker;
  service: string;
  timezone: string;
  now: () => number;
  /** Another kept row, for a clock-out whose timer a kept clock-in started. */
  row: (seq: number) => Promise<OutboxRow | undefined>;
  /** The first locked period these spans touch, as the back end says now; undefined where none (or the back end has no approvals). */
  lockOf: (spans: readonly TimeSpan[]) => Promise<PeriodLock | undefined>;
}

/** Sends `row` after looking; throws what the back end threw (out of reach: the caller keeps the row). */
export async function deliver(row: OutboxRow, context: DeliveryContext): Promise<Settlement> {
  const { service, timezone } = context;
  const write = keptWriteFacts(row, timezone);
  switch (write.kind) {
    case 'clock_in':
      return deliverClockIn(row.payload as ClockInPayload, write, context);
    case 'clock_out':
      return deliverClockOut(row.payload as ClockOutPayload, write, context);
    case 'log_time':
      return deliverEntry(row.payload as LogTimePayload, write, context);
    default:
      // Never kept by this Punchcard, but the shared file's schema allows more kinds (the break tools):
      // a row of one is left for the person rather than stopping the queue.
      return { state: 'needs_decision', remoteId: null, outcome: said(noticeOf('kept_write_unsendable', { service, write })) };
  }
}

/** A notice of what came of a kept write, as the row keeps it. */
function said(notice: ReturnType<typeof noticeOf>): KeptOutcome {
  return notice as KeptOutcome;
}

type Kept<K extends KeptWriteFacts['kind']> = Extract<KeptWriteFacts, { kind: K }>;

/**
 * Where the write would put time into a locked period: not sent, and left for the person with the period,
 * to try again once it is reopened. Asked right before the write, after the looks that find it already there.
 */
async function heldByLock(spans: readonly TimeSpan[], write: KeptWriteFacts, context: DeliveryContext): Promise<Settlement | undefined> {
  const lock = await context.lockOf(spans);
  if (!lock) return undefined;
  return {
    state: 'needs_decision',
    remoteId: null,
    outcome: said(
      noticeOf('kept_write_period_locked', {
        service: context.service,
        write,
        first_day: lock.firstDay,
        last_day: lock.lastDay,
        status: lock.status,
        reopened_by: lock.reopenedBy,
      }),
    ),
  };
}

async function deliverClockIn(payload: ClockInPayload, write: Kept<'clock_in'>, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const running = await tracker.runningEntry();
  if (running && sameStart(running, payload)) {
    return {
      state: 'sent',
      remoteId: running.id,
      outcome: said(noticeOf('kept_clock_in_sent', { service, write, started: instant(running.start, context), already: true })),
    };
  }
  if (running) {
    const switchFrom = payload.switchFrom && (await resolvedTimer(payload.switchFrom, context));
    if (switchFrom !== null && switchFrom !== undefined && switchFrom === running.id && running.start <= payload.start) {
      const held = await heldByLock([timerSpan(payload.start, context), { start: running.start, end: payload.start }], write, context);
      if (held) return held;
      const { started } = await tracker.startTimer(fields(payload), true);
      return { state: 'sent', remoteId: started.id, outcome: said(noticeOf('kept_switch_sent', { service, write, stopped: booked(running) })) };
    }
    if (running.start > payload.start + SAME_MOMENT_MS) {
      // The person clocked in here, and later someone (they, on the web) started a timer there: both
      // happened. Theirs ran until the other began; the other keeps running.
      const held = await heldByLock([{ start: payload.start, end: running.start }], write, context);
      if (held) return held;
      const entry = await tracker.createEntry({ ...fields(payload), start: payload.start, end: running.start });
      return {
        state: 'adjusted',
        remoteId: entry.id,
        outcome: said(
          noticeOf('kept_clock_in_adjusted', {
            service,
            write,
            until: instant(running.start, context),
            minutes: minutesBetween(payload.start, running.start),
            running: booked(running),
          }),
        ),
      };
    }
    return {
      state: 'needs_decision',
      remoteId: null,
      outcome: said(noticeOf('kept_clock_in_timer_running', { service, write, running: { ...booked(running), start: instant(running.start, context) } })),
    };
  }
  const overlapping = await overlaps(payload.start, Math.max(context.now(), payload.start + 1), context);
  const same = overlapping.find((entry) => sameStart(entry, payload));
  if (same) {
    return {
      state: 'sent',
      remoteId: same.id,
      outcome: said(noticeOf('kept_clock_in_sent', { service, write, started: instant(same.start, context), already: true })),
    };
  }
  // A locked period holds the write whatever else is there: said first, so trying again after clearing an overlap is not in vain.
  const held = await heldByLock([timerSpan(payload.start, context)], write, context);
  if (held) return held;
  const other = overlapping[0];
  if (other) {
    return { state: 'needs_decision', remoteId: null, outcome: said(noticeOf('kept_clock_in_overlaps', { service, write, other: seen(other, context) })) };
  }
  const { started } = await tracker.startTimer(fields(payload), false);
  return {
    state: 'sent',
    remoteId: started.id,
    outcome: said(noticeOf('kept_clock_in_sent', { service, write, started: instant(started.start, context), already: false })),
  };
}

async function deliverClockOut(payload: ClockOutPayload, write: Kept<'clock_out'>, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const expected = await resolvedTimer(payload.timer, context);
  if (expected === undefined) return { state: 'needs_decision', remoteId: null, outcome: said(noticeOf('kept_clock_out_orphaned', { service, write })) };
  const running = await tracker.runningEntry();
  if (running && running.id === expected) {
    if (payload.end < running.start) {
      return {
        state: 'needs_decision',
        remoteId: null,
        outcome: said(noticeOf('kept_clock_out_before_start', { service, write, timer_start: instant(running.start, context) })),
      };
    }
    const held = await heldByLock([{ start: running.start, end: payload.end }], write, context);
    if (held) return held;
    const stopped = await tracker.stopTimer(payload.end, payload.note ?? undefined);
    return {
      state: 'sent',
      remoteId: stopped.id,
      outcome: said(noticeOf('kept_clock_out_sent', { service, write, stopped: instant(stopped.end ?? payload.end, context), already: false })),
    };
  }
  const start = 'seq' in payload.timer ? payload.entry.start : payload.timer.start;
  const listed = await tracker.listEntries({ from: start - SAME_MOMENT_MS, to: start + SAME_MOMENT_MS, limit: LOOK_LIMIT, offset: 0 });
  const ended = listed.entries.find((entry) => entry.id === expected && entry.end !== null);
  if (ended && Math.abs((ended.end as number) - payload.end) <= SAME_MOMENT_MS) {
    return {
      state: 'sent',
      remoteId: ended.id,
      outcome: said(noticeOf('kept_clock_out_sent', { service, write, stopped: instant(ended.end as number, context), already: true })),
    };
  }
  return {
    state: 'needs_decision',
    remoteId: ended?.id ?? null,
    outcome: said(
      noticeOf('kept_clock_out_elsewhere', {
        service,
        write,
        stopped_at: ended ? instant(ended.end as number, context) : null,
        running: running ? { ...booked(running), start: instant(running.start, context) } : null,
      }),
    ),
  };
}

async function deliverEntry(payload: LogTimePayload, write: Kept<'log_time'>, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const minutes = minutesBetween(payload.start, payload.end);
  const overlapping = await overlaps(payload.start, payload.end, context);
  const same = overlapping.find((entry) => sameStart(entry, payload) && entry.end !== null && Math.abs(entry.end - payload.end) <= SAME_MOMENT_MS);
  if (same) return { state: 'sent', remoteId: same.id, outcome: said(noticeOf('kept_entry_sent', { service, write, entry: same.id, minutes, already: true })) };
  const held = await heldByLock([{ start: payload.start, end: payload.end }], write, context);
  if (held) return held;
  const other = payload.overlapAccepted ? undefined : overlapping[0];
  if (other)
    return { state: 'needs_decision', remoteId: null, outcome: said(noticeOf('kept_entry_overlaps', { service, write, other: seen(other, context) })) };
  const entry = await tracker.createEntry({ ...fields(payload), start: payload.start, end: payload.end, ...(payload.agent ? { agent: payload.agent } : {}) });
  return { state: 'sent', remoteId: entry.id, outcome: said(noticeOf('kept_entry_sent', { service, write, entry: entry.id, minutes, already: false })) };
}

/** A kept write as data: the tool, what it was on, and its times in `timezone` (the words say it: "clock-in at 09:02 on Website · Design"). */
export function keptWriteFacts(row: OutboxRow, timezone: string): KeptWriteFacts {
  const at = (epochMs: number) => formatInstant(epochMs, timezone);
  switch (row.kind) {
    case 'clock_in': {
      const payload = row.payload as ClockInPayload;
      return { kind: 'clock_in', ...booked(payload), start: at(payload.start) };
    }
    case 'clock_out': {
      const payload = row.payload as ClockOutPayload;
      return { kind: 'clock_out', ...booked(payload.entry), end: at(payload.end) };
    }
    case 'log_time': {
      const payload = row.payload as LogTimePayload;
      return { kind: 'log_time', ...booked(payload), start: at(payload.start), end: at(payload.end) };
    }
    default:
      // A kind the file allows and this Punchcard never keeps (see deliver).
      return { kind: row.kind as 'start_break' | 'end_break', at: at(row.happenedAt) };
  }
}

/** The back end's id of the timer a clock-out or a switch refers to; undefined where its clock-in was never sent. */
async function resolvedTimer(timer: TimerRef, context: DeliveryContext): Promise<number | undefined> {
  if ('id' in timer) return timer.id;
  const row = await context.row(timer.seq);
  return row?.state === 'sent' && row.remoteId !== null ? row.remoteId : undefined;
}

/** The back end's entries that overlap [from, to). */
async function overlaps(from: number, to: number, context: DeliveryContext): Promise<TimeEntry[]> {
  const { entries } = await context.tracker.listEntries({ from: from - LONGEST_ENTRY_MS, to, limit: LOOK_LIMIT, offset: 0 });
  const now = context.now();
  return entries.filter((entry) => entry.start < to && (entry.end ?? now) > from);
}

function sameStart(entry: TimeEntry, payload: { start: number; projectId: number | null }): boolean {
  return Math.abs(entry.start - payload.start) <= SAME_MOMENT_MS && (payload.projectId === null || entry.project?.id === payload.projectId);
}

function fields(payload: ClockInPayload | LogTimePayload) {
  return { projectId: payload.projectId, activityId: payload.activityId, description: payload.description, start: payload.start };
}

/** What an entry is on, by the names it carries. */
function booked(entry: Pick<TimeEntry, 'project' | 'activity'>): { project: string | null; activity: string | null } {
  return { project: entry.project?.name ?? null, activity: entry.activity?.name ?? null };
}

/** An entry of the back end's, as the words name it beside a kept write. */
function seen(entry: TimeEntry, context: DeliveryContext) {
  return { ...booked(entry), start: instant(entry.start, context), end: entry.end === null ? null : instant(entry.end, context) };
}

/** Where a timer started at `start` runs: up to now. */
function timerSpan(start: number, context: DeliveryContext): TimeSpan {
  return { start, end: Math.max(start, context.now()) };
}

function instant(epochMs: number, context: DeliveryContext): string {
  return formatInstant(epochMs, context.timezone);
}

/** Whole minutes from one instant to another, as a duration is said (domain/time.ts, formatDuration). */
function minutesBetween(from: number, to: number): number {
  return Math.floor((to - from) / 60_000);
}
