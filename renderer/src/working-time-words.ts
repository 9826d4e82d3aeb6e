// The window's words for working time (docs/working-time.md), made from each finding's code and facts
// (window-contract/working-time.ts), never from the engine's sentences: what a rule found, said short
// for a day's line and whole for the Status screen and the printed sheet, and each rule set's name.
import type { WorkingTimeFinding, WorkingTimeRules } from '../../window-contract/working-time.ts';
import { dayShort, wallClock } from './format.ts';

type Duration = (minutes: number) => string;

/** Each rule set as Preferences offers it. */
export const RULE_SET_NAMES: Readonly<Record<WorkingTimeRules, string>> = {
  off: 'Off',
  eu: 'EU Working Time Directive',
  de: 'Germany (ArbZG)',
  at: 'Austria (AZG and ARG)',
};

/** What the rule set's law is called in a sentence: "the ArbZG". */
const LAW: Readonly<Record<Exclude<WorkingTimeRules, 'off'>, string>> = {
  eu: 'the Working Time Directive',
  de: 'the ArbZG',
  at: 'the AZG and ARG',
};

export function lawOf(rules: WorkingTimeRules): string {
  return rules === 'off' ? 'no rules' : LAW[rules];
}

/** A finding in a few words, for its day's line: "Rest 9 h 30 min, 11 h required". */
export function findingShort(finding: WorkingTimeFinding, duration: Duration): string {
  switch (finding.code) {
    case 'wt_day_over_max':
      return `Day over the maximum: ${duration(finding.worked_minutes)} of ${duration(finding.max_minutes)}`;
    case 'wt_week_over_max':
      return `Week over the maximum: ${duration(finding.worked_minutes)} of ${duration(finding.max_minutes)}`;
    case 'wt_average_over':
      return `Average over the limit: ${duration(finding.average_minutes)} a ${finding.per === 'week' ? 'week' : 'working day'}, ${duration(finding.limit_minutes)} allowed`;
    case 'wt_break_short':
      return `Breaks too short: ${duration(finding.break_minutes)}, ${duration(finding.required_minutes)} required`;
    case 'wt_stretch_over_max':
      return `${duration(finding.minutes)} without a break (${wallClock(finding.start)}–${wallClock(finding.end)})`;
    case 'wt_rest_short':
      return `Rest too short: ${duration(finding.rest_minutes)}, ${duration(finding.required_minutes)} required`;
    case 'wt_weekly_rest_short':
      return `Weekly rest too short: ${duration(finding.longest_rest_minutes)} at most, ${duration(finding.required_minutes)} required`;
    case 'wt_sunday_or_holiday':
      return finding.holiday === undefined
        ? `Work on a Sunday: ${duration(finding.worked_minutes)}`
        : `Work on ${finding.holiday}: ${duration(finding.worked_minutes)}`;
  }
}

/** A finding as a sentence with its law, for the Status screen and the sheet's list; `today`'s says "today". */
export function findingSentence(finding: WorkingTimeFinding, rules: WorkingTimeRules, duration: Duration, today?: string): string {
  const law = lawOf(rules);
  const isToday = finding.date === today;
  const On = isToday ? 'Today' : `On ${dayShort(finding.date)},`;
  const on = isToday ? 'today' : `on ${dayShort(finding.date)}`;
  const week = `The week of ${dayShort(finding.date)}`;
  const together = finding.trackers && finding.trackers.length > 1 ? ` (${finding.trackers.join(' and ')} together)` : '';
  const said = (() => {
    switch (finding.code) {
      case 'wt_day_over_max':
        return `${On} you worked ${duration(finding.worked_minutes)}, more than the ${duration(finding.max_minutes)} a day ${law} allows.`;
      case 'wt_week_over_max':
        return `${week} held ${duration(finding.worked_minutes)} of work, more than the ${duration(finding.max_minutes)} a week ${law} allows.`;
      case 'wt_average_over':
        return `From ${dayShort(finding.from)} to ${dayShort(finding.to)} your work averaged ${duration(finding.average_minutes)} a ${finding.per === 'week' ? 'week' : 'working day'}, more than the ${duration(finding.limit_minutes)} ${law} allows.`;
      case 'wt_break_short':
        return `${On} ${duration(finding.worked_minutes)} of work had ${duration(finding.break_minutes)} of breaks; ${law} asks for ${duration(finding.required_minutes)}.`;
      case 'wt_stretch_over_max':
        return `${On} you worked ${duration(finding.minutes)} in a row without a break (${wallClock(finding.start)} to ${wallClock(finding.end)}), longer than ${law} allows.`;
      case 'wt_rest_short':
        return `Your rest before ${wallClock(finding.next_start)} ${on} was ${duration(finding.rest_minutes)}, shorter than the ${duration(finding.required_minutes)} ${law} asks for.`;
      case 'wt_weekly_rest_short':
        return `${week} had no rest longer than ${duration(finding.longest_rest_minutes)}; ${law} asks for ${duration(finding.required_minutes)}.`;
      case 'wt_sunday_or_holiday':
        return `${isToday ? 'Today' : `On ${dayShort(finding.date)}`}${finding.holiday === undefined ? ', a Sunday,' : `, ${finding.holiday},`} you worked ${duration(finding.worked_minutes)}, which ${law} allows only by an exception.`;
    }
  })();
  return `${said}${together}`;
}

/** "3 findings"; "No findings". */
export function findingsCount(count: number): string {
  return count === 0 ? 'No findings' : `${count} ${count === 1 ? 'finding' : 'findings'}`;
}
