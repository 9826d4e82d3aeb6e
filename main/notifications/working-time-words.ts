// The words of the tray's working-time warnings (docs/working-time.md, "Before it happens"): each names
// the rule and cites its law as the engine's findings do (contract/outcomes/working-time.ts, LAW), so a
// person reads the same "section 4 ArbZG" in the notification, the menu and the working_time answer.
// Pure: a limit ahead and the minutes left in, a title and a body out.
import { durationText } from '../../mcp-server/contract/durations.ts';
import { LAW } from '../../mcp-server/contract/outcomes/working-time.ts';
import type { RuleSetName, WorkingTimeFindingCode } from '../../mcp-server/contract/working-time.ts';
import { formatLocalTime, type LimitAhead } from '../../mcp-server/for-the-app.ts';

const time = (minutes: number) => durationText(minutes, 'units');

function law(rules: RuleSetName, code: WorkingTimeFindingCode): string {
  return LAW[rules][code] ?? 'the working-time rules';
}

/** "In 15 minutes", "In 1 minute": how soon, in whole minutes (never "in 0 minutes"). */
function inMinutes(minutes: number): string {
  const whole = Math.max(1, minutes);
  return `In ${whole} ${whole === 1 ? 'minute' : 'minutes'}`;
}

/** The notification for a limit the running timer reaches in `minutesLeft` minutes. */
export function limitWarning(rules: RuleSetName, limit: LimitAhead, minutesLeft: number): { title: string; body: string } {
  const soon = inMinutes(minutesLeft);
  const cited = law(rules, limit.code);
  switch (limit.code) {
    case 'wt_stretch_over_max':
      return {
        title: `${time(limit.max_minutes)} without a break`,
        body: `${soon} you will have worked ${time(limit.max_minutes)} in a row without a break, the most ${cited} allows.`,
      };
    case 'wt_day_over_max':
      return {
        title: `Your day reaches ${time(limit.max_minutes)}`,
        body: `${soon} your day's work reaches ${time(limit.max_minutes)}, the most ${cited} allows.`,
      };
    case 'wt_break_short':
      return {
        title: `A break of ${time(limit.required_minutes)} is due`,
        body: `${soon} your day's work passes ${time(limit.worked_minutes)} with ${time(limit.break_minutes)} of breaks; ${cited} asks for ${time(limit.required_minutes)}.`,
      };
  }
}

/** The Clock in item while clocking in would start work inside the rest: "Clock in — rest until 07:15 (section 5 ArbZG)". */
export function clockInInsideRestLabel(rules: RuleSetName, until: number, zone: string): string {
  return `Clock in — rest until ${formatLocalTime(until, zone)} (${law(rules, 'wt_rest_short')})`;
}
