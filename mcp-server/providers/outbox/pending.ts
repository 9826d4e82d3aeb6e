// What a kept write is, and how the timesheet looks with the writes still waiting laid over what the
// back end last said: a clock-in kept offline is the running timer (marked as waiting to be sent), a
// clock-out kept offline ends it, a logged entry kept offline is listed. Pure.
import type { Ref, TimeEntry, WorkSpan } from '../time-tracker.ts';
import type { OutboxRow } from './outbox-store.ts';

/** The timer a kept clock-out stops: one a kept clock-in started (by its row), or one the back end ran (by its id). */
export type TimerRef = { seq: number } | { id: number; start: number };

export interface ClockInPayload {
  start: number;
  projectId: number | null;
  activityId: number | null;
  description: string;
  project: Ref | null;
  activity: Ref | null;
  /** With switch: the timer it stops where it starts (null: it was not switching). */
  switchFrom: TimerRef | null;
}

export interface ClockOutPayload {
  end: number;
  note: string | null;
  timer: TimerRef;
  /** The timer as it was known when the clock-out was kept, to say what it was for. */
  entry: TimeEntry;
}

export interface LogTimePayload {
  start: number;
  end: number;
  projectId: number | null;
  activityId: number | null;
  description: string;
  project: Ref | null;
  activity: Ref | null;
  /** The person chose to send it although it overlaps an entry the back end has (the window's decision). */
  overlapAccepted?: boolean;
  /** An AI agent's own time (record_agent_time): sent with its label. */
  agent?: string;
}

/** Why a write was kept rather than sent: the back end is out of reach, or earlier kept writes have not gone out yet. */
export type WaitReason = 'out_of_reach' | 'behind';

/** The entry a kept clock-in or logged entry stands for until it is sent: its number is the row's, negative. */
export function pendingEntry(row: OutboxRow, service: string, reason: WaitReason): TimeEntry {
  const payload = row.payload as ClockInPayload | LogTimePayload;
  return {
    id: -row.seq,
    start: payload.start,
    end: row.kind === 'log_time' ? (payload as LogTimePayload).end : null,
    project: payload.project,
    activity: payload.activity,
    description: payload.description,
    waiting: { service, reason },
    ...('agent' in payload && payload.agent ? { agent: payload.agent } : {}),
  };
}

/** The seq a pending entry's number stands for, or undefined for a back end's own entry. */
export function pendingSeq(id: number): number | undefined {
  return id < 0 ? -id : undefined;
}

/**
 * The running timer once the open rows (in order) are applied to what the back end said runs:
 * kept clock-ins start one, kept clock-outs end it.
 */
export function runningAfter(base: TimeEntry | null, open: readonly OutboxRow[], service: string): TimeEntry | null {
  let running = base;
  for (const row of open) {
    if (row.kind === 'clock_in') running = pendingEntry(row, service, 'out_of_reach');
    if (row.kind === 'clock_out') running = null;
  }
  return running;
}

/** The entries the open rows add in [from, to): kept clock-ins (ended by a kept clock-out where one follows) and logged entries. */
export function pendingEntries(open: readonly OutboxRow[], service: string, from: number, to: number): TimeEntry[] {
  const entries: TimeEntry[] = [];
  for (const row of open) {
    if (row.kind === 'clock_in' || row.kind === 'log_time') entries.push(pendingEntry(row, service, 'out_of_reach'));
    if (row.kind === 'clock_out') {
      const timer = (row.payload as ClockOutPayload).timer;
      const ended = 'seq' in timer ? entries.find((entry) => entry.id === -timer.seq) : undefined;
      if (ended) ended.end = (row.payload as ClockOutPayload).end;
    }
  }
  return entries.filter((entry) => entry.start >= from && entry.start < to);
}

/** The worked spans of pending entries overlapping [from, to), clipped to it. */
export function pendingSpans(open: readonly OutboxRow[], service: string, from: number, to: number, now: number): WorkSpan[] {
  const spans: WorkSpan[] = [];
  for (const entry of pendingEntries(open, service, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) {
    const start = Math.max(entry.start, from);
    const end = Math.min(entry.end ?? Math.max(now, entry.start), to);
    if (end > start) spans.push({ start, end, project: entry.project, activity: entry.activity, ...(entry.agent ? { agent: entry.agent } : {}) });
  }
  return spans;
}

/**
 * A clock-out of a timer the back end ran ends it in what was last known: the spans of that known
 * timer stop at the kept end (they ran on to now otherwise).
 */
export function endedByPending(entry: TimeEntry, open: readonly OutboxRow[]): number | null {
  for (const row of open) {
    if (row.kind !== 'clock_out') continue;
    const timer = (row.payload as ClockOutPayload).timer;
    if ('id' in timer && timer.id === entry.id) return (row.payload as ClockOutPayload).end;
  }
  return null;
}
