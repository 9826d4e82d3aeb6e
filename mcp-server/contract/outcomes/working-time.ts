// The words of working time's findings (docs/working-time.md): each finding said with the law it is
// measured against, for the `working_time` tool's sentence and the `working_time` notice that reports,
// prompts and writes carry. The numbers are the finding's facts; only the law's name is said here.
import type { RuleSetName, WorkingTimeFinding, WorkingTimeFindingCode } from '../working-time.ts';
import { durationText } from '../durations.ts';
import { day, moment, outside, type Sentence, say } from './sentence.ts';
import { noticeFamily, refusalFamily } from './wording.ts';

/** Where each rule stands in each set's law, as a citation a person can look up (the tray's warnings cite it too). */
export const LAW: Readonly<Record<RuleSetName, Partial<Record<WorkingTimeFindingCode, string>>>> = {
  de: {
    wt_day_over_max: 'section 3 ArbZG',
    wt_average_over: 'section 3 ArbZG',
    wt_break_short: 'section 4 ArbZG',
    wt_stretch_over_max: 'section 4 ArbZG',
    wt_rest_short: 'section 5 ArbZG',
    wt_weekly_rest_short: 'sections 9 and 11(4) ArbZG',
    wt_sunday_or_holiday: 'section 9 ArbZG',
  },
  eu: {
    wt_average_over: 'Article 6 of the Working Time Directive',
    wt_break_short: "Article 4 of the Working Time Directive (its length is Punchcard's default)",
    wt_rest_short: 'Article 3 of the Working Time Directive',
    wt_weekly_rest_short: 'Article 5 of the Working Time Directive',
  },
  at: {
    wt_day_over_max: 'AZG section 9',
    wt_average_over: 'AZG section 9(4)',
    wt_week_over_max: 'AZG section 9',
    wt_break_short: 'AZG section 11',
    wt_rest_short: 'AZG section 12',
    wt_weekly_rest_short: 'ARG section 3',
    wt_sunday_or_holiday: 'the ARG',
  },
};

/** Each set's law as a sentence names it: "under the ArbZG". */
export const RULE_SET_NAMES: Readonly<Record<RuleSetName, string>> = { eu: 'the Working Time Directive', de: 'the ArbZG', at: 'the AZG and ARG' };

const time = (minutes: number) => durationText(minutes, 'units');

/** One finding in words, with its law: "On 2026-11-10 the day's work was 10 h 30 min, more than the 10 h a day section 3 ArbZG allows." */
export function findingSentence(rules: RuleSetName, finding: WorkingTimeFinding): Sentence {
  const law = LAW[rules][finding.code] ?? 'the rules';
  const on = day(finding.date);
  switch (finding.code) {
    case 'wt_day_over_max':
      return say`On ${on} the day's work was ${time(finding.worked_minutes)}, more than the ${time(finding.max_minutes)} a day ${law} allows.`;
    case 'wt_week_over_max':
      return say`The week of ${on} held ${time(finding.worked_minutes)} of work, more than the ${time(finding.max_minutes)} a week ${law} allows.`;
    case 'wt_average_over':
      return say`From ${day(finding.from)} to ${day(finding.to)} work averaged ${time(finding.average_minutes)} a ${finding.per === 'week' ? 'week' : 'working day'}, more than the ${time(finding.limit_minutes)} ${law} allows.`;
    case 'wt_break_short':
      return say`On ${on} ${time(finding.worked_minutes)} of work had ${time(finding.break_minutes)} of breaks; ${law} asks for ${time(finding.required_minutes)}.`;
    case 'wt_stretch_over_max':
      return say`On ${on} work ran ${time(finding.minutes)} in a row without a break (${moment(finding.start)} to ${moment(finding.end)}), more than ${law} allows.`;
    case 'wt_rest_short':
      return say`The rest before ${moment(finding.next_start)} was ${time(finding.rest_minutes)}, shorter than the ${time(finding.required_minutes)} ${law} asks for.`;
    case 'wt_weekly_rest_short':
      return say`The week of ${on} had no rest longer than ${time(finding.longest_rest_minutes)}; ${law} asks for ${time(finding.required_minutes)}.`;
    case 'wt_sunday_or_holiday':
      // A holiday's name may be a back end's (its own calendar): said quoted, as every text from outside.
      return say`On ${on}${finding.holiday === undefined ? ', a Sunday,' : say`, ${outside(finding.holiday)},`} ${time(finding.worked_minutes)} were worked, which ${law} allows only by an exception.`;
  }
}

/** What each code counts, one and several: a lead's count of a person's findings (team_report). */
const COUNTED: Readonly<Record<WorkingTimeFindingCode, readonly [string, string]>> = {
  wt_rest_short: ['rest too short', 'rests too short'],
  wt_day_over_max: ['day over the maximum', 'days over the maximum'],
  wt_break_short: ['day with too little break', 'days with too little break'],
  wt_stretch_over_max: ['stretch of work too long without a break', 'stretches of work too long without a break'],
  wt_sunday_or_holiday: ['day of work on a Sunday or public holiday', 'days of work on a Sunday or public holiday'],
  wt_week_over_max: ['week over the maximum', 'weeks over the maximum'],
  wt_weekly_rest_short: ['weekly rest too short', 'weekly rests too short'],
  wt_average_over: ['average over the limit', 'averages over the limit'],
};

/** A person's findings counted by code, in the codes' order: "2 days over the maximum, 1 rest too short under the ArbZG"; "nothing found under the ArbZG". */
export function findingCountsText(rules: RuleSetName, counts: Partial<Record<WorkingTimeFindingCode, number>>): string {
  const said = (Object.keys(COUNTED) as WorkingTimeFindingCode[]).flatMap((code) => {
    const count = counts[code] ?? 0;
    const [one, several] = COUNTED[code];
    return count > 0 ? [`${count} ${count === 1 ? one : several}`] : [];
  });
  return `${said.length === 0 ? 'nothing found' : said.join(', ')} under ${RULE_SET_NAMES[rules]}`;
}

/** Each finding's words in turn, with the connections it counts where it names them. */
export function findingsSentence(rules: RuleSetName, findings: readonly WorkingTimeFinding[]): Sentence {
  return findings.flatMap((finding, index) => [
    ...(index > 0 ? [' '] : []),
    ...findingSentence(rules, finding),
    ...(finding.trackers && finding.trackers.length > 1 ? [` (${finding.trackers.join(' and ')} together)`] : []),
  ]);
}

export const workingTimeRefusals = refusalFamily({
  /** working_time was given a month and a day of a range as well: which range is meant cannot be said. */
  working_time_month_and_days: {
    kind: 'input',
    say: (facts: { month: string }) => say`Give either month (${facts.month}) or from and to, not both.`,
    example: { month: '2026-11' },
  },
});

export const workingTimeNotices = noticeFamily({
  /** The working-time rules found something in the answer's range, or a write created it; nothing was refused or changed for it. */
  working_time: {
    say: (facts: { rules: RuleSetName; findings: readonly WorkingTimeFinding[]; created?: true }) =>
      say`${facts.created ? 'This created a working-time finding, recorded as asked: ' : 'Working time: '}${findingsSentence(facts.rules, facts.findings)}`,
    example: {
      rules: 'de',
      findings: [{ code: 'wt_day_over_max', date: '2026-11-10', worked_minutes: 630, max_minutes: 600 }],
    },
  },
});
