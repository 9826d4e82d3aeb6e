// The outbox's refusals and notices (providers/outbox/; docs/decisions.md, "The outbox"): a write kept
// while the back end is out of reach, what came of each kept write once it was sent (sent, adjusted,
// or left for the person's decision: stored in the outbox file as code and facts, so the window reads
// them as data), the news of them in the next answer, what was last known shown instead of a back end
// that does not answer, and the file itself when it cannot be opened.
//
// Times in the facts are instants as the engine writes them, in the person's zone with its offset
// (`2026-05-04T09:02:00+02:00`); the words say their wall time ("09:02"), as the person lived it.
import { TOOL_CONTRACTS } from '../tools/index.ts';
import { type PeriodLockFacts, periodLockedSaid } from './approvals.ts';
import { quotedLine } from './quoted-line.ts';
import { either, forModelOnly, say, type Sentence } from './sentence.ts';
import type { Facts, Nested, NestedRefusal } from './wording.ts';
import { noticeFamily, refusalFamily } from './wording.ts';

/** What an entry was booked on, as the back end or the person named it (null where none). A type, not an interface: facts are JSON objects (wording.ts, `Facts`). */
type Booked = { project: string | null; activity: string | null };
/** An entry of the back end the words name beside a kept write: what it is on, and when it ran. */
type Seen = Booked & { start: string; end: string | null };

/** A kept write as the person made it: the tool, what it was on, and its times. */
export type KeptWriteFacts =
  | { kind: 'clock_in'; project: string | null; activity: string | null; start: string }
  | { kind: 'clock_out'; project: string | null; activity: string | null; end: string }
  | { kind: 'log_time'; project: string | null; activity: string | null; start: string; end: string }
  /** A kind the outbox file allows and this Punchcard never keeps (the break tools): when it happened. */
  | { kind: 'start_break' | 'end_break'; at: string };

/** The tools whose writes the outbox keeps. */
type KeptTool = 'clock_in' | 'clock_out' | 'log_time';
/** The tool of any write the outbox file may hold. */
type WriteTool = KeptWriteFacts['kind'];

/** "09:02": the wall time of an instant the engine wrote (its zone's, already). */
function clock(instant: string): string {
  return instant.slice(11, 16);
}

/** `"Website" · "Design"`, or `no project`: the names the back end's words, quoted (quoted-line.ts). */
function label(booked: Booked): string {
  const names = [booked.project, booked.activity].filter((name): name is string => Boolean(name));
  return names.length > 0 ? names.map(quotedLine).join(' · ') : 'no project';
}

/** "1 h 30 min", "45 min": as long as the person reads durations elsewhere (domain/time.ts, formatDuration). */
function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Website · Design from 07:15 to 08:15", "… from 08:45 running". */
function seen(entry: Seen): string {
  return `${label(entry)} from ${clock(entry.start)} ${entry.end === null ? 'running' : `to ${clock(entry.end)}`}`;
}

function span(write: { start: string; end: string }): string {
  return `${clock(write.start)}–${clock(write.end)}`;
}

/** A kept write in a few words: "clock-in at 09:02 on Website · Design", "entry Website, 07:00–08:00". */
export function keptWriteWords(write: KeptWriteFacts): string {
  switch (write.kind) {
    case 'clock_in':
      return `clock-in at ${clock(write.start)} on ${label(write)}`;
    case 'clock_out':
      return `clock-out at ${clock(write.end)} of ${label(write)}`;
    case 'log_time':
      return `entry ${label(write)}, ${span(write)}`;
    default:
      return `${write.kind.replace('_', ' ')} at ${clock(write.at)}`;
  }
}

/** "log_time is switched off now (…)." — why a kept write may not go out now (providers/outbox/may-send.ts); a person reads what the tool does, as its contract names it. */
export function switchedOff(tool: WriteTool): Sentence {
  return say`${either(tool, TOOL_CONTRACTS[tool].doing ?? tool)} is switched off now (the read-only switch, the tool switches or your organisation's policy).`;
}

/** Why the outbox file cannot be used: said in the engine's log, and to the person once (providers/outbox/outbox-store.ts, OutboxUnusable). */
export type OutboxProblem =
  /** The data folder cannot be made; the system's reason as it came. */
  | { problem: 'cannot_create'; path: string; reason: string }
  | { problem: 'not_writable'; path: string }
  /** A newer Punchcard migrated it. */
  | { problem: 'newer'; path: string; version: number; supported: number }
  /** SQLite cannot open it (damaged, not a database); its reason as it came. */
  | { problem: 'cannot_open'; path: string; reason: string };

export function outboxProblemSentence(facts: OutboxProblem): Sentence {
  switch (facts.problem) {
    case 'cannot_create':
      return say`Punchcard's outbox ${facts.path} cannot be created (${facts.reason}). Give your user write access to the data folder.`;
    case 'not_writable':
      return say`Punchcard's outbox ${facts.path} cannot be written. Give your user write access to the data folder and the file.`;
    case 'newer':
      return newerOutbox(facts);
    case 'cannot_open':
      return say`Punchcard's outbox ${facts.path} cannot be opened (${facts.reason}). If the file is damaged, move it out of the data folder and Punchcard starts a new one; what was kept in it is then not sent.`;
  }
}

function newerOutbox(facts: { path: string; version: number; supported: number }): Sentence {
  return say`${facts.path} was written by a newer Punchcard (outbox schema ${facts.version}; this one reads up to ${facts.supported}). Punchcard has not changed it. Update Punchcard to use it.`;
}

/** Why a back end that did not answer did not: the failure, short, for the sentence about what was last known. */
export type ReachProblem = 'no_answer_in_time' | 'gateway' | 'connection_refused' | 'host_not_found' | 'connection_failed';

/** "connection refused", "it answered 503 (down or being updated)": why, in a few words. */
export function reachWords(problem: ReachProblem, status: number | null): string {
  switch (problem) {
    case 'no_answer_in_time':
      return 'it did not answer in time';
    case 'gateway':
      return `it answered ${status ?? 'an error'} (down or being updated)`;
    case 'connection_refused':
      return 'connection refused';
    case 'host_not_found':
      return 'its host name could not be found';
    case 'connection_failed':
      return 'the connection failed';
  }
}

export const outboxRefusals = refusalFamily({
  /** The back end is out of reach and its catalog was never read: no list to show, no name to find. */
  outbox_catalog_unknown: {
    kind: 'unavailable',
    say: (facts: { service: string }) =>
      say`${facts.service} is out of reach, and Punchcard has not read its projects and activities before, so it can neither show them nor find one by name. A clock-in or entry with no project is kept; try again with names once ${facts.service} answers.`,
    example: { service: 'Kimai' },
  },
  /** An entry placed after the day's last one, while the back end is out of reach and that day was never read. */
  outbox_day_end_unknown: {
    kind: 'unavailable',
    say: (facts: { service: string }) =>
      say`${facts.service} is out of reach, so Punchcard cannot see where that day's work ended. ${either('Give log_time a start', 'Give a start')} (or a start and an end), and it is kept until ${facts.service} answers.`,
    example: { service: 'Kimai' },
  },
  /** As many writes as the outbox keeps already wait: a client calling in a loop cannot grow the file without end. */
  outbox_full: {
    kind: 'unavailable',
    say: (facts: { service: string; limit: number }) =>
      say`${facts.service} is out of reach, and ${facts.limit} changes already wait to be sent to it; nothing more is kept until it answers. Nothing was changed.`,
    example: { service: 'Kimai', limit: 200 },
  },
  /** A write that would not be sent later (its tool is switched off for whoever made it) is not kept either. */
  outbox_write_switched_off: {
    kind: 'unavailable',
    say: (facts: { service: string; tool: KeptTool }) =>
      say`${facts.service} is out of reach, and this change cannot be kept to send later: ${switchedOff(facts.tool)} Nothing was changed.`,
    example: { service: 'Kimai', tool: 'log_time' },
  },
  /** An entry still waiting in the outbox (a negative number) cannot be read, changed or deleted at the back end yet. */
  outbox_entry_waiting: {
    kind: 'conflict',
    say: (facts: { service: string; entry: number; action: 'read' | 'changed' | 'deleted' }) =>
      say`That entry is waiting to be sent to ${facts.service}, so it cannot be ${facts.action} yet; it gets its own number once ${facts.service} answers.`,
    example: { service: 'Kimai', entry: -3, action: 'changed' },
  },
  /** An outbox file a newer Punchcard migrated: left as it is (the engine then works without it). */
  outbox_newer: {
    kind: 'unavailable',
    say: (facts: { path: string; version: number; supported: number }) => newerOutbox(facts),
    example: { path: '/home/ada/.config/Punchcard/outbox.db', version: 3, supported: 2 },
  },
  /** The person decided a kept write that no longer waits for them (sent, or decided in another window meanwhile). */
  kept_write_gone: {
    kind: 'not_found',
    say: (_facts: { write: number }) =>
      say`That write no longer waits for your decision: it was sent or decided meanwhile (in another window or by an AI client).`,
    example: { write: 7 },
  },
  /** The window asked to decide a kept write where the back end keeps none (the local timesheet). */
  kept_writes_none: {
    kind: 'input',
    say: (facts: { back_end: string }) => say`${facts.back_end} keeps no writes to send later, so there is nothing to decide.`,
    example: { back_end: 'Local timesheet' },
  },
});

/** A kept write's outcome inside the news of several (`kept_writes_sent`, …): a notice of this family. */
export type NestedNotice = { readonly code: string; readonly facts: Facts };

const KEPT_CLOCK_IN = { kind: 'clock_in', project: 'Website', activity: 'Design', start: '2026-05-04T09:02:00+02:00' } as const;
const KEPT_CLOCK_OUT = { kind: 'clock_out', project: 'Website', activity: 'Design', end: '2026-05-04T12:30:00+02:00' } as const;
const KEPT_ENTRY = { kind: 'log_time', project: 'Website', activity: 'Design', start: '2026-05-04T07:00:00+02:00', end: '2026-05-04T08:00:00+02:00' } as const;

/**
 * What came of one kept write, stored with its row (providers/outbox/outbox-store.ts): the back end
 * took it (`…_sent`), took it changed (`kept_clock_in_adjusted`), or it waits for the person's
 * decision (the rest), with what was found there and what they can do.
 */
export const keptOutcomeNotices = noticeFamily({
  /** A kept clock-in started the timer; `already`: the back end had it (an earlier send whose answer was lost). */
  kept_clock_in_sent: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_in' }>; started: string; already: boolean }) =>
      facts.already
        ? say`Clocked in at ${clock(facts.write.start)} on ${label(facts.write)} (${facts.service} already had it).`
        : say`Clocked in at ${clock(facts.started)} on ${label(facts.write)}.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_IN, started: '2026-05-04T09:02:00+02:00', already: false },
  },
  /** A kept clock-in with switch stopped the timer it found running and started its own. */
  kept_switch_sent: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_in' }>; stopped: Booked }) =>
      say`Stopped ${label(facts.stopped)} and clocked in on ${label(facts.write)} at ${clock(facts.write.start)}.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_IN, stopped: { project: 'Support', activity: null } },
  },
  /** A kept clock-in, with a timer started later elsewhere: recorded as an entry up to where that one began, which keeps running. */
  kept_clock_in_adjusted: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_in' }>; until: string; minutes: number; running: Booked }) =>
      say`Recorded ${label(facts.write)} from ${clock(facts.write.start)} to ${clock(facts.until)} (${duration(facts.minutes)}), not as a running timer: a timer on ${label(facts.running)} was started at ${clock(facts.until)} (on the web or another device) and keeps running.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_IN, until: '2026-05-04T09:20:00+02:00', minutes: 18, running: { project: 'Support', activity: null } },
  },
  /** A kept clock-in, with a timer that started earlier elsewhere still running: not sent. */
  kept_clock_in_timer_running: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_in' }>; running: Booked & { start: string } }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: a timer on ${label(facts.running)} has been running in ${facts.service} since ${clock(facts.running.start)} (started on the web or another device). To keep both, log ${label(facts.write)}${either(' with log_time', ' as an entry')}; to replace it, ${either('clock in with switch: true', 'clock in again and switch to it')}.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_IN, running: { project: 'Support', activity: null, start: '2026-05-04T08:45:00+02:00' } },
  },
  /** A kept clock-in over time an entry added elsewhere covers: not sent. */
  kept_clock_in_overlaps: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_in' }>; other: Seen }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: ${facts.service} has ${seen(facts.other)}, added while it was out of reach, which covers that time.${forModelOnly(' Log the time that is missing with log_time.')}`,
    example: {
      service: 'Kimai',
      write: KEPT_CLOCK_IN,
      other: { project: 'Support', activity: null, start: '2026-05-04T09:00:00+02:00', end: '2026-05-04T10:00:00+02:00' },
    },
  },
  /** A kept clock-out whose kept clock-in was not sent. */
  kept_clock_out_orphaned: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_out' }> }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent, because the clock-in it ends was not${either(' (see above)', '')}.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_OUT },
  },
  /** A kept clock-out before the start of the timer it would stop. */
  kept_clock_out_before_start: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_out' }>; timer_start: string }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: the timer in ${facts.service} starts later, at ${clock(facts.timer_start)}. Clock out again with the time you stopped.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_OUT, timer_start: '2026-05-04T12:45:00+02:00' },
  },
  /** A kept clock-out stopped the timer; `already`: the back end had it stopped then. */
  kept_clock_out_sent: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'clock_out' }>; stopped: string; already: boolean }) =>
      facts.already
        ? say`Clocked out of ${label(facts.write)} at ${clock(facts.write.end)} (${facts.service} already had it).`
        : say`Clocked out of ${label(facts.write)} at ${clock(facts.stopped)}.`,
    example: { service: 'Kimai', write: KEPT_CLOCK_OUT, stopped: '2026-05-04T12:30:00+02:00', already: false },
  },
  /** A kept clock-out of a timer stopped elsewhere meanwhile (or no longer listed): not sent. */
  kept_clock_out_elsewhere: {
    say: (facts: {
      service: string;
      write: Extract<KeptWriteFacts, { kind: 'clock_out' }>;
      /** Where it was stopped elsewhere, when; null where the back end no longer lists it running. */
      stopped_at: string | null;
      /** The timer running there now, left alone. */
      running: (Booked & { start: string }) | null;
    }) => {
      const elsewhere =
        facts.stopped_at === null ? `${facts.service} no longer lists it running` : `it was stopped at ${clock(facts.stopped_at)} on the web or another device`;
      const other = facts.running === null ? '' : `; a timer on ${label(facts.running)} runs since ${clock(facts.running.start)} and was left alone`;
      return say`Your ${keptWriteWords(facts.write)} was not sent: ${elsewhere}${other}.${forModelOnly(` If it should end at ${clock(facts.write.end)}, change the entry with update_time_entry.`)}`;
    },
    example: { service: 'Kimai', write: KEPT_CLOCK_OUT, stopped_at: '2026-05-04T12:00:00+02:00', running: null },
  },
  /** A kept entry was written (`entry`: the back end's number); `already`: the back end had it. */
  kept_entry_sent: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'log_time' }>; entry: number; minutes: number; already: boolean }) =>
      facts.already
        ? say`Logged ${label(facts.write)}, ${span(facts.write)} (${facts.service} already had it${forModelOnly(`, #${facts.entry}`)}).`
        : say`Logged ${duration(facts.minutes)} on ${label(facts.write)}, ${span(facts.write)}${forModelOnly(` (#${facts.entry})`)}.`,
    example: { service: 'Kimai', write: KEPT_ENTRY, entry: 318, minutes: 60, already: false },
  },
  /** A kept entry over one added elsewhere: not sent (the person may send it anyway). */
  kept_entry_overlaps: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'log_time' }>; other: Seen }) =>
      say`Your ${keptWriteWords(facts.write)}, was not sent: ${facts.service} has ${seen(facts.other)}, which overlaps it.${forModelOnly(' Log it again with log_time if both are right.')}`,
    example: {
      service: 'Kimai',
      write: KEPT_ENTRY,
      other: { project: 'Website', activity: 'Design', start: '2026-05-04T07:15:00+02:00', end: '2026-05-04T08:15:00+02:00' },
    },
  },
  /** A kept write of a kind this Punchcard never keeps (another version's, in the shared file). */
  kept_write_unsendable: {
    say: (facts: { service: string; write: Extract<KeptWriteFacts, { kind: 'start_break' | 'end_break' }> }) =>
      say`A kept ${facts.write.kind.replace('_', ' ')} cannot be sent by this Punchcard; do it again in ${facts.service}.`,
    example: { service: 'Kimai', write: { kind: 'start_break', at: '2026-05-04T12:00:00+02:00' } },
  },
  /**
   * A kept write into a period that is approved (or submitted, where that locks it) when it would go out: not
   * sent, as the write would have been refused had the back end answered (tools/approval-lock.ts). It waits for
   * the person, to be tried again once the period is reopened, or dismissed.
   */
  kept_write_period_locked: {
    say: (facts: { service: string; write: KeptWriteFacts } & Omit<PeriodLockFacts, 'back_end'>) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: ${periodLockedSaid({ ...facts, back_end: facts.service })} ${either(
        "It waits in Punchcard's window, to be tried again once the period is reopened; to book the time now, log it in an open period.",
        `It waits here: try it again once the period is reopened, or keep ${facts.service} as it is and book the time in an open period.`,
      )}`,
    example: { service: 'Clockify', write: KEPT_ENTRY, first_day: '2026-05-04', last_day: '2026-05-10', status: 'approved', reopened_by: 'an_approver' },
  },
  /**
   * A kept write made before Punchcard knew which login its tracker had, where another tracker is at the same address
   * (docs/several-trackers.md, "Whose a connection is"): which secret it was meant for cannot be told, so it waits
   * for the person. Sent again, it goes with the login of the tracker it waits in.
   */
  kept_write_login_unknown: {
    say: (facts: { service: string; write: KeptWriteFacts }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: it was kept before Punchcard knew which of your ${facts.service} logins it was for (two trackers are at this address). ${either(
        "It waits in Punchcard's window, where the person can send it with this tracker's login or dismiss it.",
        `Send it again to send it with this tracker's login, or keep ${facts.service} as it is.`,
      )}`,
    example: { service: 'Kimai', write: KEPT_ENTRY },
  },
  /** A kept write whose tool is switched off for whoever made it, now that it would go out. */
  kept_write_switched_off: {
    say: (facts: { service: string; write: KeptWriteFacts }) => say`Your ${keptWriteWords(facts.write)} was not sent: ${switchedOff(facts.write.kind)}`,
    example: { service: 'Kimai', write: KEPT_ENTRY },
  },
  /**
   * A kept write given up on after as many tries as one gets (providers/outbox/send-attempts.ts), so
   * the writes after it go out; `last`: the first sentence of what the last try met, or null where
   * each ended without an answer (an engine stopped while it sent).
   */
  kept_write_given_up: {
    say: (facts: { service: string; write: KeptWriteFacts; tries: number; last: string | null }) =>
      say`Your ${keptWriteWords(facts.write)} was not sent: ${facts.tries} tries to send it to ${facts.service} failed (${facts.last === null ? 'each ended without an answer' : `the last: ${facts.last}`}), so Punchcard stopped trying and sent the writes after it. It may or may not have reached ${facts.service}: look there, and ${either(`use ${facts.write.kind} again`, 'make it again')} if it is missing.`,
    example: { service: 'Kimai', write: KEPT_ENTRY, tries: 5, last: 'Kimai, or a proxy in front of it, is unavailable (502)' },
  },
  /** The back end refused a kept write (a validation, an archived project, a permission): its refusal as `cause`. */
  kept_write_refused: {
    say: (facts: { service: string; write: KeptWriteFacts; cause: NestedRefusal }, nested: Nested) =>
      say`${facts.service} refused your ${keptWriteWords(facts.write)}: ${nested(facts.cause)}`,
    example: {
      service: 'Kimai',
      write: KEPT_ENTRY,
      cause: { code: 'failure_said', facts: { message: 'Kimai refused the entry: the project Website is archived.' } },
    },
  },
  /** Sent, where no other outcome was recorded (the window's decision to send it again). */
  kept_write_sent: {
    say: (facts: { service: string; write: KeptWriteFacts }) => say`Your ${keptWriteWords(facts.write)} was sent to ${facts.service}.`,
    example: { service: 'Kimai', write: KEPT_ENTRY },
  },
  /** A row waiting for a decision that holds no outcome at all (never written so; said rather than nothing). */
  kept_write_not_sent: {
    say: (facts: { service: string }) => say`This write was not sent to ${facts.service}.`,
    example: { service: 'Kimai' },
  },
  /** The person dismissed a kept write: the back end stays as it is. */
  kept_write_dismissed: {
    say: (facts: { service: string; write: KeptWriteFacts }) => say`Dismissed your ${keptWriteWords(facts.write)}: ${facts.service} stays as it is.`,
    example: { service: 'Kimai', write: KEPT_ENTRY },
  },
  /** The person sent a kept write again, and the back end is out of reach once more: it waits in the queue. */
  kept_write_requeued: {
    say: (facts: { service: string; write: KeptWriteFacts }) =>
      say`Your ${keptWriteWords(facts.write)} waits to be sent again; it goes as soon as ${facts.service} answers.`,
    example: { service: 'Kimai', write: KEPT_ENTRY },
  },
  /**
   * An outcome an earlier Punchcard stored as words alone (before outcomes were code and facts): the
   * words as they were stored, written for a model (they may name a tool or a record's number).
   */
  kept_write_said: {
    say: (facts: { words: string }) => say`${facts.words}`,
    example: { words: 'Clocked in at 09:02 on Website · Design.' },
  },
  /** An outcome a newer Punchcard stored in the shared file, by a code this one does not know. */
  kept_outcome_unknown: {
    say: (_facts: { code: string }) => say`A newer Punchcard recorded what came of this write; update Punchcard to read it.`,
    example: { code: 'kept_entry_merged' },
  },
});

export type KeptOutcomeCode = keyof typeof keptOutcomeNotices;

/** A code of what came of a kept write, as the outbox file may hold it. */
export function isKeptOutcomeCode(code: unknown): code is KeptOutcomeCode {
  return typeof code === 'string' && Object.hasOwn(keptOutcomeNotices, code);
}

/** One kept write's outcome in its own words (the outbox reads a code it does not know as `kept_outcome_unknown`). */
function outcomeSentence(outcome: NestedNotice, nested: Nested): Sentence {
  const code = isKeptOutcomeCode(outcome.code) ? outcome.code : 'kept_outcome_unknown';
  const wording = keptOutcomeNotices[code] as unknown as { say: (facts: Facts, nested: Nested) => Sentence };
  return wording.say(outcome.facts, nested);
}

/** Several outcomes, one after another. */
function outcomesSaid(outcomes: readonly NestedNotice[], nested: Nested): Sentence {
  return outcomes.flatMap((outcome, index) => [index === 0 ? '' : ' ', outcomeSentence(outcome, nested)]);
}

const SENT_EXAMPLE = { code: 'kept_entry_sent', facts: keptOutcomeNotices.kept_entry_sent.example } as const;

/** The outbox's news, and what it says of itself in an answer. */
export const outboxNotices = noticeFamily({
  /**
   * What a call kept instead of sending (the back end is out of reach, or earlier kept writes wait
   * before it): said as the answer of clock_in, clock_out, log_time and record_agent_time (tools/kept-words.ts).
   * `done`: what the tool did, in its own words ("clocked in at 09:02 on Website · Design").
   */
  write_kept: {
    say: (facts: { service: string; reason: 'out_of_reach' | 'behind'; done: string }) =>
      facts.reason === 'out_of_reach'
        ? say`${facts.service} is out of reach; ${facts.done} here, sent as soon as ${facts.service} answers.`
        : say`${facts.service} has not yet taken what was kept while it was out of reach; ${facts.done} here, sent right after that.`,
    example: { service: 'Kimai', reason: 'out_of_reach', done: 'clocked in at 09:02 on Website · Design' },
  },
  /** Kept writes the back end took since the person last heard. */
  kept_writes_sent: {
    say: (facts: { service: string; writes: readonly NestedNotice[] }, nested: Nested) =>
      say`Sent to ${facts.service} from the outbox (kept while it was out of reach): ${outcomesSaid(facts.writes, nested)}`,
    example: { service: 'Kimai', writes: [SENT_EXAMPLE] },
  },
  /** Kept writes the back end took changed. */
  kept_writes_adjusted: {
    say: (facts: { service: string; writes: readonly NestedNotice[] }, nested: Nested) =>
      say`Adjusted when sent to ${facts.service}: ${outcomesSaid(facts.writes, nested)}`,
    example: { service: 'Kimai', writes: [{ code: 'kept_clock_in_adjusted', facts: keptOutcomeNotices.kept_clock_in_adjusted.example }] },
  },
  /** Kept writes not sent, which wait for the person's decision. */
  kept_writes_to_decide: {
    say: (facts: { service: string; writes: readonly NestedNotice[] }, nested: Nested) =>
      say`Needs your decision (kept while ${facts.service} was out of reach, and not sent): ${outcomesSaid(facts.writes, nested)}`,
    example: { service: 'Kimai', writes: [{ code: 'kept_entry_overlaps', facts: keptOutcomeNotices.kept_entry_overlaps.example }] },
  },
  /**
   * A read answered with what was last known, the back end being out of reach: said once a call.
   * `problem`: why it did not answer (null where no request of this call found out); `minutes_ago`:
   * how old what is shown is, in whole minutes.
   */
  outbox_stale: {
    say: (facts: { service: string; problem: ReachProblem | null; status: number | null; minutes_ago: number }) =>
      say`${facts.service} is out of reach${facts.problem === null ? '' : ` (${reachWords(facts.problem, facts.status)})`}: this is what Punchcard last knew of it, ${facts.minutes_ago === 0 ? 'less than a minute' : duration(facts.minutes_ago)} ago, with what is waiting to be sent.`,
    example: { service: 'Kimai', problem: 'connection_refused', status: null, minutes_ago: 38 },
  },
  /** The outbox file cannot be used: the call goes straight to the back end, and writes fail while it is out of reach. */
  outbox_unusable: {
    say: (facts: { service: string; file: OutboxProblem }) =>
      say`${outboxProblemSentence(facts.file)} Until then, changes go straight to ${facts.service}: while it is out of reach they fail instead of being kept to send later.`,
    example: { service: 'Kimai', file: { problem: 'cannot_open', path: '/home/ada/.config/Punchcard/outbox.db', reason: 'file is not a database' } },
  },
});
