// Sending one kept write, after looking at what happened at the back end meanwhile (docs/decisions.md,
// "The outbox"). Nothing there is overwritten: a write that is already there (an earlier send whose
// answer was lost, a crash between sending and recording) is recognised and not sent again; a timer
// started elsewhere, an entry that overlaps, a timer stopped elsewhere leave the kept write for the
// person to decide, in words that say what was found and what they can do; a clock-in followed by a
// timer started later on the web is recorded up to where that one began, and said so (adjusted).
import { formatDuration, formatLocalTime } from '../../domain/time.ts';
import type { TimeEntry } from '../time-tracker.ts';
import type { OutboxRow } from './outbox-store.ts';
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
  /** One sentence for the person: what was sent, adjusted, or needs them, and what they can do. */
  words: string;
}

export interface DeliveryContext {
  tracker: DeliveryTracker;
  service: string;
  timezone: string;
  now: () => number;
  /** Another kept row, for a clock-out whose timer a kept clock-in started. */
  row: (seq: number) => Promise<OutboxRow | undefined>;
}

/** Sends `row` after looking; throws what the back end threw (out of reach: the caller keeps the row). */
export async function deliver(row: OutboxRow, context: DeliveryContext): Promise<Settlement> {
  switch (row.kind) {
    case 'clock_in':
      return deliverClockIn(row.payload as ClockInPayload, context);
    case 'clock_out':
      return deliverClockOut(row.payload as ClockOutPayload, context);
    case 'log_time':
      return deliverEntry(row.payload as LogTimePayload, context);
    default:
      // Never kept by this Punchcard, but the shared file's schema allows more kinds (the break tools):
      // a row of one is left for the person rather than stopping the queue.
      return {
        state: 'needs_decision',
        remoteId: null,
        words: `A kept ${String(row.kind).replace('_', ' ')} cannot be sent by this Punchcard; do it again in ${context.service}.`,
      };
  }
}

async function deliverClockIn(payload: ClockInPayload, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const at = time(payload.start, context);
  const what = label(payload);
  const running = await tracker.runningEntry();
  if (running && sameStart(running, payload)) {
    return { state: 'sent', remoteId: running.id, words: `Clocked in at ${at} on ${what} (${service} already had it).` };
  }
  if (running) {
    const switchFrom = payload.switchFrom && (await resolvedTimer(payload.switchFrom, context));
    if (switchFrom !== null && switchFrom !== undefined && switchFrom === running.id && running.start <= payload.start) {
      const { started } = await tracker.startTimer(fields(payload), true);
      return { state: 'sent', remoteId: started.id, words: `Stopped ${label(running)} and clocked in on ${what} at ${at}.` };
    }
    if (running.start > payload.start + SAME_MOMENT_MS) {
      // The person clocked in here, and later someone (they, on the web) started a timer there: both
      // happened. Theirs ran until the other began; the other keeps running.
      const entry = await tracker.createEntry({ ...fields(payload), start: payload.start, end: running.start });
      return {
        state: 'adjusted',
        remoteId: entry.id,
        words:
          `Recorded ${what} from ${at} to ${time(running.start, context)} (${formatDuration(running.start - payload.start)}), not as a running timer: ` +
          `a timer on ${label(running)} was started at ${time(running.start, context)} (on the web or another device) and keeps running.`,
      };
    }
    return {
      state: 'needs_decision',
      remoteId: null,
      words:
        `Your clock-in at ${at} on ${what} was not sent: a timer on ${label(running)} has been running in ${service} since ${time(running.start, context)} (started on the web or another device). ` +
        `To keep both, log ${what} with log_time; to replace it, clock in with switch: true.`,
    };
  }
  const overlapping = await overlaps(payload.start, Math.max(context.now(), payload.start + 1), context);
  const same = overlapping.find((entry) => sameStart(entry, payload));
  if (same) return { state: 'sent', remoteId: same.id, words: `Clocked in at ${at} on ${what} (${service} already had it).` };
  const other = overlapping[0];
  if (other) {
    return {
      state: 'needs_decision',
      remoteId: null,
      words: `Your clock-in at ${at} on ${what} was not sent: ${service} has ${describe(other, context)}, added while it was out of reach, which covers that time. Log the time that is missing with log_time.`,
    };
  }
  const { started } = await tracker.startTimer(fields(payload), false);
  return { state: 'sent', remoteId: started.id, words: `Clocked in at ${time(started.start, context)} on ${what}.` };
}

async function deliverClockOut(payload: ClockOutPayload, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const at = time(payload.end, context);
  const what = label(payload.entry);
  const expected = await resolvedTimer(payload.timer, context);
  if (expected === undefined) {
    return {
      state: 'needs_decision',
      remoteId: null,
      words: `Your clock-out at ${at} of ${what} was not sent, because the clock-in it ends was not (see above).`,
    };
  }
  const running = await tracker.runningEntry();
  if (running && running.id === expected) {
    if (payload.end < running.start) {
      return {
        state: 'needs_decision',
        remoteId: null,
        words: `Your clock-out at ${at} of ${what} was not sent: the timer in ${service} starts later, at ${time(running.start, context)}. Clock out again with the time you stopped.`,
      };
    }
    const stopped = await tracker.stopTimer(payload.end, payload.note ?? undefined);
    return { state: 'sent', remoteId: stopped.id, words: `Clocked out of ${what} at ${time(stopped.end ?? payload.end, context)}.` };
  }
  const start = 'seq' in payload.timer ? payload.entry.start : payload.timer.start;
  const listed = await tracker.listEntries({ from: start - SAME_MOMENT_MS, to: start + SAME_MOMENT_MS, limit: LOOK_LIMIT, offset: 0 });
  const ended = listed.entries.find((entry) => entry.id === expected && entry.end !== null);
  if (ended && Math.abs((ended.end as number) - payload.end) <= SAME_MOMENT_MS) {
    return { state: 'sent', remoteId: ended.id, words: `Clocked out of ${what} at ${at} (${service} already had it).` };
  }
  const elsewhere = ended ? `it was stopped at ${time(ended.end as number, context)} on the web or another device` : `${service} no longer lists it running`;
  const other = running ? `; a timer on ${label(running)} runs since ${time(running.start, context)} and was left alone` : '';
  return {
    state: 'needs_decision',
    remoteId: ended?.id ?? null,
    words: `Your clock-out at ${at} of ${what} was not sent: ${elsewhere}${other}. If it should end at ${at}, change the entry with update_time_entry.`,
  };
}

async function deliverEntry(payload: LogTimePayload, context: DeliveryContext): Promise<Settlement> {
  const { tracker, service } = context;
  const span = `${time(payload.start, context)}–${time(payload.end, context)}`;
  const what = label(payload);
  const overlapping = await overlaps(payload.start, payload.end, context);
  const same = overlapping.find((entry) => sameStart(entry, payload) && entry.end !== null && Math.abs(entry.end - payload.end) <= SAME_MOMENT_MS);
  if (same) return { state: 'sent', remoteId: same.id, words: `Logged ${what}, ${span} (${service} already had it, #${same.id}).` };
  const other = payload.overlapAccepted ? undefined : overlapping[0];
  if (other) {
    return {
      state: 'needs_decision',
      remoteId: null,
      words: `Your entry ${what}, ${span}, was not sent: ${service} has ${describe(other, context)}, which overlaps it. Log it again with log_time if both are right.`,
    };
  }
  const entry = await tracker.createEntry({ ...fields(payload), start: payload.start, end: payload.end, ...(payload.agent ? { agent: payload.agent } : {}) });
  return { state: 'sent', remoteId: entry.id, words: `Logged ${formatDuration(payload.end - payload.start)} on ${what}, ${span} (#${entry.id}).` };
}

/** A kept write in a few words: "clock-in at 09:02 on Website · Design", "entry Website, 07:00–08:00". */
export function keptWrite(row: OutboxRow, timezone: string): string {
  const at = (epochMs: number) => formatLocalTime(epochMs, timezone);
  switch (row.kind) {
    case 'clock_in': {
      const payload = row.payload as ClockInPayload;
      return `clock-in at ${at(payload.start)} on ${label(payload)}`;
    }
    case 'clock_out': {
      const payload = row.payload as ClockOutPayload;
      return `clock-out at ${at(payload.end)} of ${label(payload.entry)}`;
    }
    case 'log_time': {
      const payload = row.payload as LogTimePayload;
      return `entry ${label(payload)}, ${at(payload.start)}–${at(payload.end)}`;
    }
    default:
      // A kind the file allows and this Punchcard never keeps (see deliver).
      return `${String(row.kind).replace('_', ' ')} at ${at(row.happenedAt)}`;
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

function label(entry: Pick<TimeEntry, 'project' | 'activity' | 'description'>): string {
  return [entry.project?.name, entry.activity?.name].filter(Boolean).join(' · ') || 'no project';
}

function describe(entry: TimeEntry, context: DeliveryContext): string {
  const until = entry.end === null ? 'running' : `to ${time(entry.end, context)}`;
  return `${label(entry)} from ${time(entry.start, context)} ${until}`;
}

function time(epochMs: number, context: DeliveryContext): string {
  return formatLocalTime(epochMs, context.timezone);
}
