// Time entries as a CSV file a spreadsheet opens as it is: one row per entry, a header row, dates and
// times as the person's wall clock, durations both as minutes and as decimal hours, RFC 4180 quoting,
// CRLF line ends and a byte-order mark (Excel reads UTF-8 only with one). A cell a spreadsheet would
// run as a formula (= + - @, or a tab or carriage return before one) gets a leading apostrophe: a
// project name from a shared back end must not become a formula on the person's computer. Pure.
import type { EntryView } from '../ipc/contract.ts';

export const CSV_COLUMNS = ['Date', 'Start', 'End', 'Minutes', 'Hours', 'Project', 'Activity', 'Note', 'Locked', 'Entry ID'] as const;

const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A cell as text a spreadsheet reads literally. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function wall(iso: string | null): { date: string; time: string } {
  const match = iso === null ? null : WALL.exec(iso);
  return { date: match?.[1] ?? '', time: match?.[2] ?? '' };
}

export function entryRow(entry: EntryView): Array<string | number> {
  const start = wall(entry.start);
  const end = wall(entry.end);
  return [
    start.date,
    start.time,
    // An entry that runs past midnight says on which day it ended.
    entry.end === null ? '' : end.date === start.date ? end.time : `${end.date} ${end.time}`,
    entry.minutes,
    (entry.minutes / 60).toFixed(2),
    entry.project ?? '',
    entry.activity ?? '',
    entry.description,
    entry.locked ? 'yes' : '',
    entry.id,
  ];
}

export function entriesCsv(entries: readonly EntryView[]): string {
  const rows = [[...CSV_COLUMNS], ...entries.map(entryRow)];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** "punchcard-2026-05-01-to-2026-05-31.csv". */
export function csvFileName(from: string, to: string): string {
  return from === to ? `punchcard-${from}.csv` : `punchcard-${from}-to-${to}.csv`;
}
