// Refusals of a leave request as the person asked for it, before anything is filed: days that cannot be
// counted (domain/leave-days.ts finds them, and the window asks the same before it sends one), a range
// with no working day, no type, and leave beyond the vacation balance (tools/leave-beyond-balance.ts).
import { BEYOND_BALANCE_SWITCH } from '../beyond-balance.ts';
import { day, either, forModelOnly, outside, outsideOr, say, type Sentence } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** What a request leaves of one balance (domain/leave-allowance.ts): of a year (null for a balance across years), what was left, what it costs, what remains. */
export type BalanceLeft = { year: number | null; before: number; cost: number; after: number };

/** "-41 days of 2026 (25 left)", "2 days of 2026 (5 left) and -3 of 2027 (1 left)", "-5 days (25 left)". */
export function leftWords(left: readonly BalanceLeft[]): string {
  return left
    .map(
      (item, index) =>
        `${number(item.after)}${index === 0 ? (Math.abs(item.after) === 1 ? ' day' : ' days') : ''}${item.year === null ? '' : ` of ${item.year}`} (${number(item.before)} left)`,
    )
    .join(' and ');
}

/** Days as people write them: 6.5, -41; a back end's own fraction ("1.333") to its thousandths. */
function number(days: number): string {
  return String(Math.round(days * 1_000) / 1_000);
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/** The request beyond the balance, as its refusals say it. */
type Beyond = {
  /** Punchcard's type, and the back end's own name for it where the person gave one ("special leave"). */
  type: string;
  kind: string | null;
  first_day: string;
  last_day: string;
  /** The working days it costs. */
  days: number;
  left: readonly BalanceLeft[];
};

/** "That goes beyond your vacation balance: vacation from … to … costs 12 days and would leave -2 days of 2026 (10 left)." */
function beyondWords(facts: Beyond): Sentence {
  const when = facts.first_day === facts.last_day ? say`on ${day(facts.first_day)}` : say`from ${day(facts.first_day)} to ${day(facts.last_day)}`;
  return say`That goes beyond your vacation balance: ${facts.kind === null ? facts.type : outside(facts.kind)} ${when} costs ${days(facts.days)} and would leave ${leftWords(facts.left)}.`;
}

const BEYOND_EXAMPLE = {
  type: 'vacation',
  kind: null,
  first_day: '2026-08-03',
  last_day: '2026-08-28',
  days: 20,
  left: [{ year: 2026, before: 12, cost: 20, after: -8 }],
} as const;

export const leaveRefusals = refusalFamily({
  /** A first or last day that is not a day of the calendar. */
  leave_day_not_real: {
    kind: 'input',
    say: (facts: { which: 'first' | 'last'; date: string }) =>
      say`${either(`The ${facts.which} day "${facts.date}" is not a real date; write it as YYYY-MM-DD, such as 2026-11-23.`, `The ${facts.which} day is not a real date.`)}`,
    example: { which: 'first', date: '2026-02-30' },
  },
  /** The last day before the first. */
  leave_days_reversed: {
    kind: 'input',
    say: (facts: { first_day: string; last_day: string }) =>
      say`The last day (${day(facts.last_day)}) is before the first day (${day(facts.first_day)}). Swap them or correct one of them.`,
    example: { first_day: '2026-12-31', last_day: '2026-12-01' },
  },
  /** More calendar days than one request may cover (domain/call-limits.ts). */
  leave_range_too_long: {
    kind: 'input',
    say: (facts: { days: number; limit: number }) =>
      say`That range covers ${facts.days} calendar days; one request can cover at most ${facts.limit}. Split it into several requests.`,
    example: { days: 36_890, limit: 366 },
  },
  /** One day that starts in the afternoon and ends in the morning. */
  leave_half_day_both_parts: {
    kind: 'input',
    say: () =>
      say`A single day cannot start in the afternoon and also end in the morning. For half a day, mark only the afternoon (first day part) or only the morning (last day part); for the whole day, leave both 'full'.`,
    example: {},
  },
  /** A range whose every day is a day off or a public holiday: nothing to request. */
  leave_no_working_days: {
    kind: 'input',
    say: (facts: { days: readonly { date: string; reason: 'day_off' | 'holiday' /** The holiday's name, where it has one. */; holiday: string | null }[] }) => {
      const listed: Sentence[] = facts.days.map(
        (item, index) => say`${index === 0 ? '' : ', '}${day(item.date)} (${item.reason === 'holiday' ? outsideOr(item.holiday, 'holiday') : 'day off'})`,
      );
      return say`No working days in that range: ${listed}. Nothing to request.`;
    },
    example: {
      days: [
        { date: '2026-12-26', reason: 'day_off', holiday: null },
        { date: '2026-12-27', reason: 'day_off', holiday: null },
      ],
    },
  },
  /** request_leave with an empty type; the types Punchcard knows as examples. */
  leave_type_missing: {
    kind: 'input',
    say: (facts: { types: readonly string[] }) => say`${either('type: ', 'Type: ')}name one, such as ${facts.types.join(', ')}.`,
    example: { types: ['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other'] },
  },
  /** Leave beyond the vacation balance, where the person cannot be asked and the call did not say it means it. */
  leave_beyond_balance: {
    kind: 'input',
    say: (facts: Beyond) =>
      say`${beyondWords(facts)} Nothing was filed.${forModelOnly(' Ask the person first; if they mean it, call request_leave again with beyond_balance: true.')}`,
    example: BEYOND_EXAMPLE,
  },
  /** Leave beyond the balance on a back end that approves it as it is filed, where the person's Preferences allow none. */
  leave_beyond_balance_not_allowed: {
    kind: 'input',
    say: (facts: Beyond) =>
      say`${beyondWords(facts)} The local timesheet approves leave as it is filed, and your Preferences do not allow leave beyond your balance, so nothing was filed. Ask for fewer days, or turn on ${outside(BEYOND_BALANCE_SWITCH)} in Punchcard's Preferences (Leave).`,
    example: BEYOND_EXAMPLE,
  },
});

type LeaveCode = keyof typeof leaveRefusals;

/** A refusal of this family as the domain finds it (domain/leave-days.ts): its code and its facts. */
export type LeaveProblem<C extends LeaveCode> = { [K in C]: { readonly code: K; readonly facts: LeaveFacts<K> } }[C];
type LeaveFacts<C extends LeaveCode> = Parameters<(typeof leaveRefusals)[C]['say']> extends [infer F, ...unknown[]] ? F : Record<string, never>;
/** What keeps a request's days from being counted at all. */
export type LeaveRangeProblem = LeaveProblem<'leave_day_not_real' | 'leave_days_reversed' | 'leave_range_too_long' | 'leave_half_day_both_parts'>;
