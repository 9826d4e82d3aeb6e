// What one tool call may ask for. A prompt-injected client can send any arguments to any tool it
// sees, so every limit whose work grows with an argument (days to count, years to look up, pages to
// fetch) is checked before that work starts: `request_leave` from 0001-01-01 to 9999-12-31 costs one
// sentence, not a day object per day or a request per year. The README's "Security model" lists them.

/** Days and instants outside these years are refused wherever a person writes one. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** `list_time_entries`: a year of entries per call (a page of them at a time). */
export const MAX_LIST_DAYS = 366;
/** `request_leave`: one request; longer leave is several requests. */
export const MAX_LEAVE_DAYS = 366;
/** `absence_calendar`: about a quarter; every day is shown with everyone away on it. */
export const MAX_CALENDAR_DAYS = 92;
/** `time_report`: the calendar years a report may touch. */
export const MAX_REPORT_YEARS = 2;
/**
 * How many years past the current one "upcoming leave" reaches, where nobody gives a range; and so
 * the calendar years `list_leave_requests` may cover (this one and these).
 */
export const LEAVE_YEARS_AHEAD = 10;
export const MAX_LEAVE_LIST_YEARS = LEAVE_YEARS_AHEAD + 1;

/**
 * Requests one tool call may send to a remote back end. The largest legitimate call (a two-year
 * report over a busy timesheet, a year-long leave request on Kimai filed in 30-day parts) needs well
 * under this (`npm run bench` prints the largest per back end); a call that would need more stops
 * with a sentence instead of flooding the service (Calamari counts 720 requests an hour for a whole
 * organisation).
 */
export const MAX_REQUESTS_PER_CALL = 40;

/** Why a 'YYYY-MM-DD' date lies outside the years Punchcard works with, or undefined. */
export function yearProblem(date: string, field: string): string | undefined {
  const year = Number(date.slice(0, 4));
  if (year >= FIRST_YEAR && year <= LAST_YEAR) return undefined;
  return `${field}: ${date} is outside the years Punchcard works with (${FIRST_YEAR} to ${LAST_YEAR}).`;
}

/** Calendar years [from, to] touches, both included. */
export function yearsTouched(from: string, to: string): number {
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
}
