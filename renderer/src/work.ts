// Starting work from the window: clocking in (now or at a start the person forgot), continuing an
// entry or recent work (project, activity and note together) and switching while a timer runs. Every
// one is the engine's clock_in (main passes switch: true, so a running timer stops where the new one
// starts); here only what the window sends and what it says afterwards.
import type { PunchcardApi } from '../../window-contract/index.ts';
import type { EntryFieldValues } from '../../window-contract/request-parts.ts';
import type { EntryView, StatusView } from '../../window-contract/status.ts';
import { api } from './bridge.ts';
import { mondayOf } from './format.ts';
import { stores } from './store.ts';

/** What an entry was about: enough to start it again. */
export interface Work {
  project: string | null;
  activity: string | null;
  description: string;
  /** The connection it is in, with several trackers (issue 86): starting it again clocks in there. */
  tracker?: string | undefined;
}

/** "Acme Website · Development", or "No project". */
export function workLabel(work: Pick<Work, 'project' | 'activity'>): string {
  return [work.project, work.activity].filter(Boolean).join(' · ') || 'No project';
}

type ClockInRequest = NonNullable<Parameters<PunchcardApi['clockIn']>[0]>;

/** The request for `work`, started at `start` ("HH:MM" on `today`) or now, with the tracker's custom fields filled in; empty parts are left out. */
export function clockInRequest(work: Work, start?: { today: string; time: string }, fields?: EntryFieldValues): ClockInRequest {
  return {
    ...(work.project?.trim() ? { project: work.project.trim() } : {}),
    ...(work.activity?.trim() ? { activity: work.activity.trim() } : {}),
    ...(work.description.trim() ? { description: work.description.trim() } : {}),
    ...(start?.time ? { start: `${start.today}T${start.time}` } : {}),
    ...(fields ? { fields } : {}),
    ...(work.tracker ? { tracker: work.tracker } : {}),
  };
}

/** What happened, in words: "Clocked in: X." or "Switched from Y to X." */
export function startedText(before: EntryView | null, after: EntryView | null): string {
  const now = after ? workLabel(after) : 'the new work';
  return before ? `Switched from ${workLabel(before)} to ${now}.` : `Clocked in: ${now}.`;
}

/**
 * Starts `work` (switching from a running timer) and puts the fresh status where every screen reads
 * it. Rejects with the engine's refusal in words; nothing changed then.
 */
export async function startWork(
  work: Work,
  start?: { today: string; time: string },
  fields?: EntryFieldValues,
): Promise<{ status: StatusView; message: string }> {
  const before = stores.status.get().data?.running ?? null;
  const status = await api.clockIn(clockInRequest(work, start, fields));
  stores.status.set(status);
  // The week shown on the Timesheet gains the new entry (and the stopped one its end).
  const week = mondayOf(status.today);
  if (stores.timesheet.get(week).data) void stores.timesheet.of(week).load();
  return { status, message: startedText(before, status.running) };
}

/** Whether two pieces of work are the same (what runs is not offered to continue). */
export function sameWork(a: Work, b: Work): boolean {
  return a.project === b.project && a.activity === b.activity && a.description.trim() === b.description.trim() && a.tracker === b.tracker;
}
