// How time_report says its figures, in one place: the tool's own answer, and the answer across connections where
// connections share the settings' week (engine/connections/spanning-reads.ts) say them alike.
import { quotedLine } from '../contract/outcomes/quoted-line.ts';
import { formatDuration } from '../domain/time.ts';

const MINUTE_MS = 60_000;

export function duration(minutes: number): string {
  return formatDuration(minutes * MINUTE_MS);
}

/** "Total 5 h from 2026-11-02 to 2026-11-08", with agents' time said where it is counted. */
export function totalWords(minutes: number, from: string, to: string, includeAgents: boolean): string {
  return `Total ${duration(minutes)} from ${from} to ${to}${includeAgents ? ", AI agents' own time included" : ''}`;
}

/** "40 h", or with days still ahead "40 h, 24 h of it up to today (2026-11-04)". */
export function targetWords(target: number, soFar: number, to: string, today: string): string {
  return to <= today ? duration(target) : `${duration(target)}, ${duration(soFar)} of it up to today (${today})`;
}

/** "overtime 1 h", "shortfall 2 h 30 min". */
export function balanceWords(balance: number): string {
  return `${balance >= 0 ? 'overtime' : 'shortfall'} ${duration(Math.abs(balance))}`;
}

/** One group's line: "2026-11-02: 6 h of 8 h", or without a target "Website: 3 h". */
export function groupLine(key: string, minutes: number, target?: number): string {
  return target === undefined ? `${key}: ${duration(minutes)}` : `${key}: ${duration(minutes)} of ${duration(target)}`;
}

/**
 * A group's key as a line says it: a day or a week as written, a project's or an activity's name as the
 * tracker's words, quoted (contract/outcomes/quoted-line.ts); the group of time on none is the report's own.
 */
export function groupKeyWords(key: string, groupBy: string | undefined): string {
  if (groupBy !== 'project' && groupBy !== 'activity') return key;
  return key === `(no ${groupBy})` ? key : quotedLine(key);
}
