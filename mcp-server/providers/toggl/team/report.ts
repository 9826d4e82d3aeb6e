// The Reports API v3's detailed report as the team tools read it (docs/back-ends/toggl.md, "For leads"): rows of one
// person's entries alike, 50 a page, the next page announced by X-Next-Row-Number and asked for by first_row_number,
// at most four pages a call so a call stays within a few requests of the hourly quota. Pure: what the pages say, which
// people a window read whole, and each finished entry as a span.
import { unreadable } from '../errors.ts';
import type { TogglReportRow } from '../wire.ts';

/** Rows a page: Toggl's default page_size. */
export const REPORT_PAGE_SIZE = 50;
/** Pages one call reads at most: four requests of the quota. */
export const MAX_REPORT_PAGES = 4;

/** The row the next page starts at, where the answer announces one (X-Next-Row-Number). */
export function nextRowOf(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = headers['x-next-row-number'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  const row = Number(text);
  return row > 0 ? row : undefined;
}

/** The rows of up to MAX_REPORT_PAGES pages; `finished` false where Toggl announced more after the last one read. */
export async function readReport(
  page: (firstRow: number | undefined) => Promise<{ rows: readonly TogglReportRow[]; next: number | undefined }>,
): Promise<{ rows: TogglReportRow[]; finished: boolean }> {
  const rows: TogglReportRow[] = [];
  let first: number | undefined;
  for (let read = 0; read < MAX_REPORT_PAGES; read++) {
    const answer = await page(first);
    rows.push(...answer.rows);
    // A page that announces no next row, or the same one again (never moving on), is the last.
    if (answer.next === undefined || answer.next === first || answer.rows.length === 0) return { rows, finished: true };
    first = answer.next;
  }
  return { rows, finished: false };
}

/**
 * How many of the window's people (in its order) the rows read cover whole. All of them where the report was read to
 * its end; else those before the first one whose rows may go on past the last page: the last row's person, or one with
 * no row yet (Toggl's order of persons is not documented, so nobody after such a one counts as read). At least one, so
 * a call always moves on; that one's rows are then those read.
 */
export function peopleReadWhole(window: readonly number[], rows: readonly TogglReportRow[], finished: boolean): number {
  if (finished) return window.length;
  const last = rows.at(-1)?.user_id;
  const seen = new Set(rows.map((row) => row.user_id));
  const open = window.findIndex((id) => id === last || !seen.has(id));
  return Math.max(1, open === -1 ? window.length : open);
}

/** A finished entry of a row: whose, on what, from when until when (epoch ms). */
export interface ReportSpan {
  userId: number | null;
  username: string | null;
  projectId: number | null;
  taskId: number | null;
  start: number;
  end: number;
}

/** Each entry of the rows as a span: its start and stop as Toggl wrote them, else its start and seconds. */
export function reportSpans(rows: readonly TogglReportRow[]): ReportSpan[] {
  return rows.flatMap((row) =>
    (row.time_entries ?? []).map((entry) => {
      const start = Date.parse(entry.start ?? '');
      if (Number.isNaN(start)) throw unreadable('a report entry without a start');
      const stop = Date.parse(entry.stop ?? '');
      const end = Number.isNaN(stop) ? start + Math.max(0, entry.seconds ?? 0) * 1_000 : stop;
      return {
        userId: typeof row.user_id === 'number' ? row.user_id : null,
        username: typeof row.username === 'string' && row.username.trim() !== '' ? row.username.trim() : null,
        projectId: typeof row.project_id === 'number' ? row.project_id : null,
        taskId: typeof row.task_id === 'number' ? row.task_id : null,
        start,
        end,
      };
    }),
  );
}
