import { workingTimeContract } from '../contract/tools/working-time.ts';
import { findingsSentence, RULE_SET_NAMES } from '../contract/outcomes/working-time.ts';
import { joined, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { noticeOf } from '../contract/outcomes/notices.ts';
import { durationText } from '../contract/durations.ts';
import type { WorkingTimeBalance } from '../contract/working-time.ts';
import { addDays, localDate } from '../domain/time.ts';
import type { CountedSpan } from '../domain/working-time/index.ts';
import { defineTool } from './define-tool.ts';
import type { ToolContext } from './context.ts';
import { readDate, readDayRange } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { balanceOf, checkRange, spansOf } from './working-time-reads.ts';
import { type TargetGroup, targetGroups } from '../domain/shared-week.ts';
import { namesTogether } from '../contract/connections.ts';

/** A quarter at most a call: a month's sheet, or the weeks behind it. */
const MAX_DAYS = 92;

export default defineTool({
  ...workingTimeContract,
  handler: (args, context) => answerWorkingTime(args, context, null),
});

/** Another connection whose hours count with the call's (several trackers: the law adds up every employer's hours). */
export interface CountedConnection {
  name: string;
  context: () => Promise<ToolContext>;
  /** Its targets are the settings' week, shared with the others that have it (domain/shared-week.ts). */
  sharesSettingsWeek: boolean;
}

type Balance = WorkingTimeBalance & { back_end_minutes?: number };

/**
 * The range's working time on the call's connection, or (`across`) on every connection together: the
 * spans of all count as one person's work; the days' targets and the balance are the call's connection's
 * (the default's, whose employer's plan it is), and each other connection's balance is listed beside it,
 * never added; connections that share the settings' week share one balance, listed once with their names
 * (the default's `balance` where it is one of them). A connection that does not answer is said
 * (`tracker_missing`): its findings may be missing.
 */
export async function answerWorkingTime(
  args: { month?: string | undefined; from?: string | undefined; to?: string | undefined },
  context: ToolContext,
  across: { own: string; ownSharesWeek: boolean; others: readonly CountedConnection[] } | null,
) {
  const { from, to } = rangeOf(args, context);
  const { opened: others, unopened } = across ? await openedOthers(across.others) : { opened: [], unopened: [] };
  // Each connection that did not answer is said once, however many of the reads it failed; where it shares a balance,
  // the notice says the balance goes on without it (`shares_balance_with`: the connections it still counts).
  const missing = new Map<string, { reason: string; shares_balance_with?: string[] }>();
  const unanswered = (tracker: string, reason: string, sharesWith?: string[]) => {
    const known = missing.get(tracker);
    missing.set(tracker, { reason: known?.reason ?? reason, ...(sharesWith ? { shares_balance_with: sharesWith } : known) });
  };
  const spans = async (range: { start: number; end: number }): Promise<CountedSpan[]> => {
    const own = spansOf(context, range, across?.own);
    const theirs = others.map(({ name, context: other }) =>
      spansOf(other, range, name).catch((error: unknown) => {
        unanswered(name, (error as Error).message);
        return [];
      }),
    );
    return (await Promise.all([own, ...theirs])).flat();
  };
  // The balances by target group: the call's connection's group first (its opening is the settings'), then the others'.
  const connections = [{ name: across?.own ?? '', context, sharesSettingsWeek: across?.ownSharesWeek ?? false }, ...others];
  const groups = targetGroups(connections);
  const membersOf = (group: TargetGroup) =>
    connections
      .filter(({ name }) => group.trackers.includes(name))
      .map(({ name, context: member }) => ({ context: member, ...(across ? { tracker: name } : {}) }));
  const [answer, ownBalance, ...otherBalances] = await Promise.all([
    checkRange(context, from, to, spans),
    balanceOf(membersOf(groups[0] as TargetGroup)),
    ...groups.slice(1).map((group) =>
      balanceOf(membersOf(group), false).catch((error: unknown) => {
        for (const tracker of group.trackers) unanswered(tracker, (error as Error).message);
        return null;
      }),
    ),
  ]);
  let settingsWeek: string[] | undefined;
  const rows = [ownBalance, ...otherBalances].flatMap((theirs, index) => {
    if (!theirs) return [];
    const { counted, unanswered: gone, ...balance } = theirs;
    if (connections.find(({ name }) => name === counted[0])?.sharesSettingsWeek) settingsWeek = counted;
    // A partner of a shared week that did not answer: the balance is of those that did, and says so.
    for (const { tracker, reason } of gone) unanswered(tracker, reason, counted);
    const shared = (groups[index] as TargetGroup).shared && counted.length > 1;
    return [{ ...balance, tracker: counted[0] as string, ...(shared ? { trackers: counted } : {}) }];
  });
  // One that could not even open, whose week is the settings': the balance of that week goes on without it.
  for (const { name, reason, sharesSettingsWeek } of unopened) unanswered(name, reason, sharesSettingsWeek ? settingsWeek : undefined);
  for (const [tracker, facts] of missing) context.notes.push(noticeOf('tracker_missing', { tracker, ...facts }));
  for (const { context: other } of others) context.notes.push(...other.notes);
  const { tracker: _default, trackers: _together, ...balance } = rows[0] as BalanceRow;
  const balances: BalanceRow[] | undefined = across ? rows : undefined;
  const { totals, findings, rules } = answer;
  const worked = `${from} to ${to}: worked ${time(totals.worked_minutes)} of ${time(totals.target_minutes)}`;
  const head: Sentence =
    rules === 'off'
      ? say`${worked}. No working-time rules are set; the settings' workingTime.rules ("eu", "de" or "at") checks them.`
      : findings.length === 0
        ? say`${worked}; under ${RULE_SET_NAMES[rules]} nothing was found.`
        : say`${worked}; under ${RULE_SET_NAMES[rules]} ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'}: ${findingsSentence(rules, findings)}`;
  const balanceLines = (balances ?? [{ ...balance, tracker: '' }]).map(balanceLine);
  return {
    data: { ...answer, balance, ...(balances ? { balances } : {}) },
    text: joined([head, ...balanceLines], '\n'),
  };
}

type BalanceRow = Balance & { tracker: string; trackers?: string[] };

function balanceLine(balance: BalanceRow): string {
  const whose =
    balance.trackers !== undefined
      ? `${namesTogether(balance.trackers)} share the settings' week, and one balance`
      : balance.tracker === ''
        ? 'Balance'
        : `${balance.tracker}'s balance`;
  const ours = `${whose} ${sinceWords(balance)}: ${signed(balance.minutes)}.`;
  return balance.back_end_minutes === undefined ? ours : `${ours} The back end's own account, the employer's figure: ${signed(balance.back_end_minutes)}.`;
}

/** Where a balance starts, and why where the settings did not say. */
function sinceWords(balance: Pick<Balance, 'since' | 'since_reason'>): string {
  const another = "(the settings' workingTime.balance.since sets another start)";
  if (balance.since_reason === 'first_work') return `since ${balance.since}, the first day with work recorded this year ${another}`;
  if (balance.since_reason === 'no_work') return `starts today, ${balance.since}, no work being recorded this year yet ${another}`;
  return `since ${balance.since}`;
}

/** The other connections' contexts; one that cannot give one is left out, with why. */
async function openedOthers(others: readonly CountedConnection[]): Promise<{
  opened: Array<{ name: string; context: ToolContext; sharesSettingsWeek: boolean }>;
  unopened: Array<{ name: string; reason: string; sharesSettingsWeek: boolean }>;
}> {
  const tried = await Promise.all(
    others.map(async ({ name, context: open, sharesSettingsWeek }) => {
      try {
        return { name, context: await open(), sharesSettingsWeek };
      } catch (error) {
        return { name, reason: (error as Error).message, sharesSettingsWeek };
      }
    }),
  );
  return {
    opened: tried.flatMap(({ name, context, sharesSettingsWeek }) => (context ? [{ name, context, sharesSettingsWeek }] : [])),
    unopened: tried.flatMap(({ name, reason, sharesSettingsWeek }) => (reason === undefined ? [] : [{ name, reason, sharesSettingsWeek }])),
  };
}

/** The month asked, or from/to; without either, this month up to today. */
function rangeOf(args: { month?: string | undefined; from?: string | undefined; to?: string | undefined }, context: ToolContext): { from: string; to: string } {
  const today = localDate(context.now(), context.timezone);
  if (args.month !== undefined) {
    if (args.from !== undefined || args.to !== undefined) throw new ToolInputError('working_time_month_and_days', { month: args.month });
    // "2026-11", or any day of the month ("2026-11-05", "today").
    const first = /^\d{4}-(0[1-9]|1[0-2])$/.test(args.month) ? `${args.month}-01` : `${readDate(args.month, context, 'month').slice(0, 7)}-01`;
    readDate(first, context, 'month');
    return { from: first, to: addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1) };
  }
  return readDayRange(args, context, { from: `${today.slice(0, 7)}-01`, to: (from) => (from <= today ? today : from) }, { days: MAX_DAYS });
}

function time(minutes: number): string {
  return durationText(minutes, 'units');
}

function signed(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${time(minutes)}`;
}
