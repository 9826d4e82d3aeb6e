// The timer (capability `timer`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { FieldWrite } from '../../domain/entry-fields.ts';
import type { TimeEntry } from '../../domain/records.ts';
import type { EntryFields } from './entries.ts';

/** The timer: every back end has one (capability `timer`). */
export interface TimerPart {
  runningEntry(): Promise<TimeEntry | null>;
  /**
   * Starts a timer at `start`, or at the moment the back end commits when it is left out (so a
   * request that waited for another process never starts before what that process did). With
   * `switchRunning`, a running timer is stopped where the new one starts; without it, a running
   * timer is refused with TimerRunningError.
   */
  startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }>;
  /**
   * Stops the running timer at `end`, or at the moment the back end commits when it is left out;
   * `fields`: custom field values set on the entry as it stops (its other values stay).
   */
  stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry>;
}
