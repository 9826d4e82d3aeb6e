// What one tool call may ask for. A prompt-injected client can send any arguments to any tool it
// sees, so every limit whose work grows with an argument (days to count, years to look up, pages to
// fetch) is checked before that work starts: `request_leave` from 0001-01-01 to 9999-12-31 costs one
// sentence, not a day object per day or a request per year. The README's "Security model" lists them.
import type { Unnamed } from '../contract/outcomes/input.ts';

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

/**
 * How long one tool call may take, requests to a back end and waits between them included; then it
 * ends with a sentence that says what it changed. Each request has its own deadline (15 s), but forty
 * slow answers would hold a call for ten minutes. Under a minute, the longest a person waits for an
 * answer in a chat and the time after which the official SDK's client gives up on a request by
 * default, so the person reads Punchcard's words rather than a bare timeout; three of a request's own
 * deadlines, so one slow request is waited out; and far above the heaviest legitimate call, which takes
 * well under a second against the bench's loopback fakes and a few seconds against a real server.
 * `PUNCHCARD_CALL_TIMEOUT_MS` changes it (for tests). Why these limits: docs/decisions.md, "What one call may cost".
 */
export const CALL_DEADLINE_MS = 45_000;

/**
 * The most Punchcard reads of one answer from a remote back end. The largest pages it asks for are a
 * few megabytes at most (docs/back-ends: Kimai's whole project list of a large company, Clockodo's
 * 5,000 catalog items, 1,000 Clockify entries), so this leaves room for the biggest real account,
 * while the four answers a back end's sockets can carry at once, parsed, stay well inside the
 * 256 MB heap an AI client's entry gives the engine (mcp-server/engine-flags.ts).
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/**
 * What all the answers of one call may add up to: the pages of a listing are kept until the call is
 * answered, so forty pages at the answer limit would be 320 MB. The heaviest legitimate call reads far
 * less (`npm run bench` prints it).
 */
export const MAX_ANSWER_BYTES_PER_CALL = 2 * MAX_ANSWER_BYTES;
/**
 * JSON objects and lists an answer may hold, and a call in all: an empty object takes about 64 bytes
 * once parsed, twenty times its text, so a body of nothing but `{},{},…` would take 170 MB at the
 * byte limit. Real pages hold one per hundred bytes or so; this allows one per 64.
 */
export const MAX_ANSWER_OBJECTS = MAX_ANSWER_BYTES / 64;
export const MAX_ANSWER_OBJECTS_PER_CALL = MAX_ANSWER_BYTES_PER_CALL / 64;

/** The refusal of a 'YYYY-MM-DD' date outside the years Punchcard works with (less the argument's name, which the tool adds), or undefined. */
export function yearProblem(date: string): Unnamed<'year_out_of_range'> | undefined {
  const year = Number(date.slice(0, 4));
  if (year >= FIRST_YEAR && year <= LAST_YEAR) return undefined;
  return { code: 'year_out_of_range', facts: { date, first_year: FIRST_YEAR, last_year: LAST_YEAR } };
}

/** Calendar years [from, to] touches, both included. */
export function yearsTouched(from: string, to: string): number {
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
}
