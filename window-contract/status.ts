// The window's contract for the status: the running timer, today and the week, breaks, the writes
// kept offline that wait for a decision, and the tray's question about time away. The status is
// what main pushes on every change (index.ts, `events`) and what the tray draws from.
import * as z from 'zod/v4';
import type { TimerMode } from '../mcp-server/contract/connections.ts';
import type { KeptWriteChoice } from '../mcp-server/contract/app-tools/kept-write-decisions.ts';
import type { BreakOutput, EntryOutput } from '../mcp-server/contract/tools/outputs.ts';
import type { AdminSection } from './admin-sections.ts';
import type { LeaveTypeName } from './leave.ts';
import { entryFieldValues, none, shortText, time } from './request-parts.ts';
import { trackerName, type TrackerTag } from './tracker-tags.ts';

/** A time entry as the engine's tools answer with it (mcp-server/contract/tools/outputs.ts), handed on as it is. */
export type EntryView = EntryOutput;
export type BreakView = BreakOutput;

/** Why a day asks for less than its weekday does, as time_report names it. */
export interface DayReason {
  /** The public holiday on the day, by name ("Ascension Day"), or null. */
  holiday: string | null;
  /** The kind of leave the day takes (approved or pending), or null. */
  leave: LeaveTypeName | null;
}

export interface DayTotal extends DayReason {
  /** YYYY-MM-DD in the person's zone. */
  date: string;
  minutes: number;
  /**
   * The day's target. With several connections the targets are each employer's own and never added
   * up: this is then 0 and `byTracker` has each connection's.
   */
  targetMinutes: number;
  /** With two or more connections: each connection's time and own target on the day, in the settings' order. */
  byTracker?: TrackerDay[];
  /**
   * Connections that share the settings' week (no week of their own, a back end that keeps no targets): their time
   * together against the one target they share. Their parts in `byTracker` then have no target of their own (0).
   */
  together?: SharedDay[];
}

/** Connections that share the settings' week, on a day: their time together and the day's one target. */
export interface SharedDay {
  /** Their names, in the settings' order. */
  trackers: string[];
  minutes: number;
  targetMinutes: number;
}

/** One connection's part of a day (several trackers). */
export interface TrackerDay extends DayReason {
  tracker: string;
  minutes: number;
  targetMinutes: number;
}

/** One connection's part of the status (several trackers): its time today and this week. */
export interface TrackerStatusView extends TrackerTag {
  todayMinutes: number;
  weekMinutes: number;
}

export interface StatusView {
  /** The person's date (YYYY-MM-DD in the engine's zone): which day of `week` is today. */
  today: string;
  /** The running timer; with several connections running at once (`timers: per_tracker`), the latest started. */
  running: EntryView | null;
  /**
   * With two or more connections: every running timer, each with its `tracker`, oldest started first
   * (one at most unless the settings say `timers: per_tracker`). Absent with one connection.
   */
  timers?: EntryView[];
  /** With two or more connections: each connection in the settings' order (the default first), with its own totals. */
  trackers?: TrackerStatusView[];
  /** With two or more connections: one timer over all of them, or one in each (the settings' `timers`). */
  timerMode?: TimerMode;
  /** Summed over the connections where there are several. */
  todayMinutes: number;
  weekMinutes: number;
  /** Today's entries, oldest first, the running one included. */
  todayEntries: EntryView[];
  /** Monday to Sunday of the current week. */
  week: DayTotal[];
  /** Project names of recent entries, most recent first, for quick clock-in. */
  recentProjects: string[];
  /**
   * Recent project and activity pairs, most recent first, each with the note of its latest entry: what
   * the tray offers to switch to, and what the window continues (project, activity and note together).
   */
  recentWork: Array<{ project: string; activity: string | null; description: string; tracker?: string }>;
  /** Whether the back end takes breaks (the engine offers start_break and end_break): only then are they offered. */
  breaksSupported: boolean;
  /** When the engine answered (epoch ms): the window and tray tick elapsed time from here. */
  asOf: number;
  /**
   * Writes kept while the back end was out of reach that were not sent and wait for the person's
   * decision, oldest first (the engine's outbox); empty on the local timesheet.
   */
  keptWrites: KeptWriteView[];
  /** Whether the back end offers this person the team tools (the window then shows its Team screen). */
  teamAvailable: boolean;
  /**
   * The Administration screen's sections the engine offers this person, in order (main/ipc/admin-sections.ts);
   * empty for anyone the back end does not say administers something, and then the screen is not offered.
   */
  adminSections: AdminSection[];
  /** Whether the engine offers this person the decision of others' timesheets (the window then shows Approvals). */
  decidesTimesheets: boolean;
  /**
   * Counts the statuses main reads, from when it began reading each: of two, the higher was read
   * later. Statuses arrive out of order (an announcement read before a load the window started
   * may land after it), and the older one must not replace the newer.
   */
  sequence: number;
}

export type { KeptWriteChoice };

export interface KeptWriteView {
  id: number;
  kind: 'clock_in' | 'clock_out' | 'log_time';
  /** When the person made the write, ISO 8601 with its offset. */
  happenedAt: string;
  /** Why it was not sent, and what can be done, in the engine's sentence for people. */
  words: string;
  choices: Array<{ choice: KeptWriteChoice; label: string }>;
}

export type IdleAnswer = 'keep' | 'keep-stop' | 'discard-stop' | 'discard-restart';

/** The tray noticed the person was away while a timer ran, and asks what that time was. */
export interface IdleQuestion {
  /** Identifies this question: an answer to an older one is refused. */
  id: number;
  /** When the idleness began and when the person came back (ISO 8601 with the person's offset). */
  since: string;
  until: string;
  minutes: number;
  /** Why the tray noticed: the computer was idle, asleep or locked. */
  cause: 'idle' | 'sleep' | 'lock';
  /** The running entry it is about (with several connections, the latest started; its `tracker` names its connection). */
  entry: EntryView;
  /** With several timers running at once (`timers: per_tracker`): every one the person was away from; each answer acts on each. */
  timers?: EntryView[];
}

export const statusChannels = {
  getStatus: { request: none, response: {} as StatusView },
  /**
   * Starts the timer, now or at `start` (a time the person forgot to clock in at); a timer that runs
   * is stopped where the new one starts (the engine's switch).
   */
  clockIn: {
    request: z
      .object({
        project: shortText.optional(),
        activity: shortText.optional(),
        description: z.string().max(5000).optional(),
        start: time.optional(),
        fields: entryFieldValues.optional(),
        /** The connection to clock in on (several trackers); the default's when not given. */
        tracker: trackerName.optional(),
      })
      .strict()
      .optional(),
    response: {} as StatusView,
  },
  clockOut: {
    request: z
      .object({ description: z.string().max(5000).optional(), tracker: trackerName.optional() })
      .strict()
      .optional(),
    response: {} as StatusView,
  },
  /** A break in the running shift, of the type named (the back end's first when none is). */
  startBreak: { request: z.object({ type: shortText.optional(), tracker: trackerName.optional() }).strict().optional(), response: {} as StatusView },
  endBreak: { request: z.object({ tracker: trackerName.optional() }).strict().optional(), response: {} as StatusView },
  /** The person's choice for a kept write that was not sent: what came of it, and the status after. */
  decideKeptWrite: {
    request: z.object({ id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), choice: z.enum(['dismiss', 'send_again']) }).strict(),
    response: {} as { outcome: string; status: StatusView },
  },

  /** The question the tray asks after the person was away while a timer ran, or null. */
  getIdleQuestion: { request: none, response: null as IdleQuestion | null },
  answerIdle: {
    request: z.object({ id: z.number().int().min(0), answer: z.enum(['keep', 'keep-stop', 'discard-stop', 'discard-restart']) }).strict(),
    response: {} as StatusView,
  },
} as const;
