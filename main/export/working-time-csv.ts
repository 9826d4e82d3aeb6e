// A month's working time as a CSV file a spreadsheet opens as it is (the same quoting, formula guard,
// byte-order mark and line ends as entries-csv.ts): a row a day with its start, end, breaks, worked
// time, target, the difference, leave or holiday, and what the rules found that day, named. Pure.
import type { WorkingTimeFindingCode } from '../../mcp-server/contract/working-time.ts';
import type { WorkingTimeView } from '../../window-contract/working-time.ts';
import { csvCell } from './entries-csv.ts';

export const WORKING_TIME_COLUMNS = [
  'Date',
  'Start',
  'End',
  'Break minutes',
  'Worked minutes',
  'Target minutes',
  'Difference minutes',
  'Leave or holiday',
  'Findings',
] as const;

/** What each finding is called in the file's Findings column; the window says each in a whole sentence. */
const FINDING_NAMES: Readonly<Record<WorkingTimeFindingCode, string>> = {
  wt_rest_short: 'rest too short',
  wt_day_over_max: 'day over the maximum',
  wt_break_short: 'breaks too short',
  wt_stretch_over_max: 'too long without a break',
  wt_sunday_or_holiday: 'work on a Sunday or holiday',
  wt_week_over_max: 'week over the maximum',
  wt_weekly_rest_short: 'weekly rest too short',
  wt_average_over: 'average over the limit',
};

const LEAVE_NAMES: Readonly<Record<string, string>> = {
  vacation: 'vacation',
  sick: 'sick leave',
  personal: 'personal leave',
  parental: 'parental leave',
  unpaid: 'unpaid leave',
  other: 'other leave',
};

/** "09:00" from the person's local ISO time, with its day where it is not `date` (work past midnight). */
function clock(iso: string | null, date: string): string {
  if (iso === null) return '';
  // The tool's local ISO time with its offset ("2026-05-05T20:30:00+02:00"): its wall clock as written.
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  return day === date ? time : `${day} ${time}`;
}

export function workingTimeCsv(view: WorkingTimeView): string {
  const rows: Array<ReadonlyArray<string | number>> = [WORKING_TIME_COLUMNS];
  for (const day of view.days) {
    const away = [...(day.holiday ? [day.holiday] : []), ...(day.leave ? [LEAVE_NAMES[day.leave] ?? day.leave] : [])].join('; ');
    rows.push([
      day.date,
      clock(day.start, day.date),
      clock(day.end, day.date),
      day.break_minutes,
      day.worked_minutes,
      day.target_minutes,
      day.worked_minutes - day.target_minutes,
      away,
      day.findings.map((code) => FINDING_NAMES[code]).join('; '),
    ]);
  }
  rows.push([]);
  // The difference in total is overtime so far: days ahead owe nothing yet (the tool's totals).
  const found = view.findings.length;
  rows.push([
    'Total',
    '',
    '',
    '',
    view.totals.worked_minutes,
    view.totals.target_minutes,
    view.totals.overtime_minutes,
    '',
    `${found} ${found === 1 ? 'finding' : 'findings'}`,
  ]);
  rows.push([`Balance since ${view.balance.since}`, '', '', '', '', '', view.balance.minutes, '', '']);
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function workingTimeCsvFileName(from: string, to: string): string {
  return `punchcard-working-time-${from}-to-${to}.csv`;
}
