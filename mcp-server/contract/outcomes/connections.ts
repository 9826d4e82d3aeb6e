// Refusals and notices of several trackers at once (docs/several-trackers.md): a call that names a
// connection there is none of, a write that could go to more than one and was not guessed, and what a
// read across connections says beside its rows: a connection that did not answer, and the same hours
// booked to two of them.
import { durationText } from '../durations.ts';
import { day, either, recordNamed, say } from './sentence.ts';
import { noticeFamily, refusalFamily } from './wording.ts';

/** Names as a sentence lists them: "acme", "acme or beta", "acme, beta or gamma". */
function listed(names: readonly string[], last: 'or' | 'and'): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} ${last} ${quoted.at(-1)}`;
}

/** Every connection's name, the default (the first) marked: "acme (default), beta and gamma". */
function everyName(names: readonly string[]): string {
  const marked = names.map((name, index) => (index === 0 ? `${name} (default)` : name));
  return marked.length <= 1 ? (marked[0] ?? '') : `${marked.slice(0, -1).join(', ')} and ${marked.at(-1)}`;
}

/** Why a write needs its connection named. */
export type TrackerRequiredWhy = 'ambiguous_project' | 'ambiguous_id' | 'id_elsewhere' | 'several_timers' | 'default_lacks_tool';

const WHY_WORDS: Record<TrackerRequiredWhy, (trackers: readonly string[]) => string> = {
  ambiguous_project: (trackers) => `what it names is in ${listed(trackers, 'and')}`,
  ambiguous_id: (trackers) => `that number was given out by ${listed(trackers, 'and')}`,
  id_elsewhere: () => 'that number was given out by a tracker that is not among these now (another address, login or workspace)',
  several_timers: (trackers) => `timers run in ${listed(trackers, 'and')}`,
  default_lacks_tool: (trackers) => `the default tracker does not offer it, and ${listed(trackers, 'and')} ${trackers.length === 1 ? 'does' : 'do'}`,
};

export const connectionsRefusals = refusalFamily({
  /** A write that more than one connection could take: which, and how to name one. Nothing was sent anywhere. */
  tracker_required: {
    kind: 'input',
    say: (facts: {
      tool: string;
      why: TrackerRequiredWhy;
      /** The connections that could take it, in the settings' order. */
      trackers: readonly string[];
    }) =>
      say`${WHY_WORDS[facts.why](facts.trackers)}, so Punchcard did not guess where ${either(facts.tool, 'it')} should go: ${either(
        `call ${facts.tool} again with tracker: ${listed(facts.trackers, 'or')}`,
        `choose ${listed(facts.trackers, 'or')}`,
      )}. Nothing was sent.`,
    example: { tool: 'log_time', why: 'ambiguous_project', trackers: ['acme', 'beta', 'gamma'] },
  },
  /** `tracker` names no configured connection: every one there is, the default first. Nothing was sent. */
  tracker_unknown: {
    kind: 'input',
    say: (facts: {
      tracker: string;
      /** Every connection's name, the default first. */
      trackers: readonly string[];
    }) => say`There is no tracker "${facts.tracker.slice(0, 40)}". The trackers are ${everyName(facts.trackers)}. Nothing was sent.`,
    example: { tracker: 'zeta', trackers: ['acme', 'beta', 'gamma', 'home'] },
  },
});

/** One entry of two connections that cover the same wall-clock time. */
export type OverlappingEntry = {
  tracker: string;
  id: number;
  start: string;
  end: string;
};

export const connectionsNotices = noticeFamily({
  /**
   * A connection whose secret answers for another login than the folder its name gave it (trackers renamed, a secret
   * moved): it now keeps its files apart, and the writes kept in that folder wait for their own login's connection,
   * `belongs_to` (null where no connection has that login now). Nothing was sent with this connection's secret.
   */
  tracker_writes_of_another_login: {
    say: (facts: { tracker: string; service: string; writes: number; belongs_to: string | null }) => {
      const one = facts.writes === 1;
      const where =
        facts.belongs_to === null
          ? `${one ? 'waits' : 'wait'} until a tracker with that login is set up again`
          : `${one ? 'waits' : 'wait'} for ${facts.belongs_to}, whose login it is, and ${one ? 'goes' : 'go'} out from there`;
      return say`${facts.tracker}'s secret is another ${facts.service} login than the one whose files it had, so it keeps its own apart. ${one ? 'The write' : `The ${facts.writes} writes`} kept there ${where}; nothing of ${one ? 'it' : 'them'} was sent with ${facts.tracker}'s secret.`;
    },
    example: { tracker: 'acme', service: 'Kimai', writes: 1, belongs_to: 'acme2' },
  },
  /**
   * A read across connections where one did not answer: its rows are left out, and the totals exclude it. Where it
   * shares the settings' week, and so one working-time balance, with others, `shares_balance_with` names those the
   * balance still counts: it is theirs alone, and incomplete.
   */
  tracker_missing: {
    say: (facts: { tracker: string; reason: string; shares_balance_with?: readonly string[] }) => {
      const gone = say`${facts.tracker} did not answer (${facts.reason.replace(/[.\s]+$/, '')}); its rows are left out and the totals exclude it.`;
      if (facts.shares_balance_with === undefined) return gone;
      const names = facts.shares_balance_with;
      const theirs = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      return say`${gone} The working-time balance it shares with ${theirs} counts only the hours of ${theirs}, and is incomplete without it.`;
    },
    example: { tracker: 'beta', reason: 'Clockify answered 500' },
  },
  /** Entries of two connections covering the same wall-clock time: the same hours booked to two employers. */
  trackers_overlap: {
    say: (facts: { entries: readonly [OverlappingEntry, OverlappingEntry]; minutes: number }) => {
      const [a, b] = facts.entries;
      const span = (entry: OverlappingEntry) => `${entry.start.slice(11, 16)}–${entry.end.slice(11, 16)}`;
      return say`${a.tracker}'s ${recordNamed('entry', a.id, 'plain')} ${span(a)} and ${b.tracker}'s ${recordNamed('entry', b.id, 'plain')} ${span(b)} on ${day(a.start.slice(0, 10))} cover the same ${durationText(facts.minutes, 'units')}.`;
    },
    example: {
      entries: [
        { tracker: 'acme', id: 12, start: '2026-11-02T09:00:00+01:00', end: '2026-11-02T12:30:00+01:00' },
        { tracker: 'beta', id: 3, start: '2026-11-02T09:00:00+01:00', end: '2026-11-02T12:30:00+01:00' },
      ],
      minutes: 210,
    },
  },
});
