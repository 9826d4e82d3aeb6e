// What the window says after leave is filed or decided, worded by the app from the tool's structured
// answer (request_leave, decide_leave_request), never from the engine's sentence for a model. Pure.
import type * as z from 'zod/v4';
import type { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { day, peopleText, type Sentence, say } from '../../mcp-server/contract/outcomes/sentence.ts';

type Requested = z.output<typeof TOOL_CONTRACTS.request_leave.output>;
type Decided = z.output<typeof TOOL_CONTRACTS.decide_leave_request.output>;

export interface LeaveWordsOptions {
  /** The locale for days; the system's when left out. */
  locale?: string | undefined;
}

const span = (first: string, last: string): Sentence => (first === last ? say`${day(first)}` : say`${day(first)} to ${day(last)}`);
const count = (days: number, noun: string) => `${days} ${days === 1 ? noun : `${noun}s`}`;

/**
 * `Requested vacation May 4, 2026 to May 8, 2026 (5 days, pending). Filed as 2 records: … 12 vacation
 * days left.` The records and what is left are the answer's; holidays not counted were in the preview.
 */
export function requestedWords(answer: Requested, options: LeaveWordsOptions = {}): string {
  const { request } = answer;
  const parts: Sentence[] = [
    say`Requested ${request.kind ?? request.type} ${span(request.first_day, request.last_day)} (${count(request.days, 'day')}, ${request.status}).`,
  ];
  if (answer.parts && answer.parts.length > 1) {
    const records = answer.parts.map((part) => span(part.first_day, part.last_day));
    parts.push(say` Filed as ${answer.parts.length} records: ${records.flatMap((record, index) => (index === 0 ? [record] : [', ', record]))}.`);
  }
  // What is left of the first day's year (the answer carries that year's only).
  const left = answer.vacation_days_remaining;
  const year = request.first_day.slice(0, 4);
  if (left !== null && request.type === 'vacation') {
    parts.push(left < 0 ? say` ${count(-left, 'day')} over the ${year} vacation entitlement.` : say` ${count(left, 'vacation day')} left in ${year}.`);
  }
  return peopleText(parts, options);
}

/** `Approved Ada's vacation May 4, 2026 to May 8, 2026 (5 working days).`, and what became of the reason given. */
export function decidedWords(answer: Decided, decision: 'approve' | 'reject', reasonGiven: boolean, options: LeaveWordsOptions = {}): string {
  const { request } = answer;
  const kept = !reasonGiven
    ? ''
    : answer.reason_kept
      ? ' The reason was kept with it.'
      : ` The back end keeps no reason with a decision; tell ${request.person} yourself.`;
  return peopleText(
    say`${decision === 'approve' ? 'Approved' : 'Rejected'} ${request.person}'s ${request.type} ${span(request.first_day, request.last_day)} (${count(request.days, 'working day')}).${kept}`,
    options,
  );
}
