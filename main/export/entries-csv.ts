// Time entries as a CSV file a spreadsheet opens as it is: one row per entry, a header row, dates and
// times as the person's wall clock, durations both as minutes and as decimal hours, RFC 4180 quoting,
// CRLF line ends and a byte-order mark (Excel reads UTF-8 only with one). Pure.
//
// No reading of the file may start a formula: a project name from a shared back end or a note must
// not become a live =HYPERLINK, =WEBSERVICE or DDE call on the person's computer. Readers split
// differently: on commas, on semicolons (Excel in de-DE, fr-FR, pl-PL), on tabs, and on every line
// break whether quoted or not. So every place where some reader may begin a cell - the start of the
// text, and right after a comma, semicolon, tab or line break inside it - is looked at, past spaces
// and quotes a reader may strip, and where a formula character follows (= + - @, or their full-width
// forms), an apostrophe goes in before it. The rest of the text stays as it was: "x;=1" is
// exported as "x;'=1", readable, and no cell of any split starts with =.
import type { EntryView } from '../../window-contract/status.ts';

export const CSV_COLUMNS = ['Date', 'Start', 'End', 'Minutes', 'Hours', 'Project', 'Activity', 'Note', 'Locked', 'Entry ID'] as const;

const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/**
 * A place where a reader may begin a cell (the start, or after a separator or line break of any
 * reader), the spaces and quotes a reader may strip (but no separator: a cell begins after that one
 * instead), then a character that starts a formula.
 */
const FORMULA_AT_CELL_START =
  /(^|[,;\t\n\r\v\f\u0085\u2028\u2029])([ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\uFEFF"]*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/g;

/** What RFC 4180 quotes, and a semicolon or tab too, so a reader that splits on those keeps the cell whole. */
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;

/** Text with an apostrophe wherever a reader could otherwise begin a cell with a formula. */
export function withoutFormulas(text: string): string {
  return text.replace(FORMULA_AT_CELL_START, "$1$2'$3");
}

/** A cell as text every spreadsheet reads literally. */
export function csvCell(value: string | number): string {
  const text = typeof value === 'string' ? withoutFormulas(value) : String(value);
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
  // With several trackers each row says which one it is from (docs/several-trackers.md); with one, the columns are as ever.
  const several = entries.some((entry) => entry.tracker !== undefined);
  const rows = several
    ? [[...CSV_COLUMNS, 'Tracker'], ...entries.map((entry) => [...entryRow(entry), entry.tracker ?? ''])]
    : [[...CSV_COLUMNS], ...entries.map(entryRow)];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** "punchcard-2026-05-01-to-2026-05-31.csv". */
export function csvFileName(from: string, to: string): string {
  return from === to ? `punchcard-${from}.csv` : `punchcard-${from}-to-${to}.csv`;
}
