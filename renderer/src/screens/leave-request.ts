// The leave request form's pure core (LeaveRequestForm.tsx shows it): its fields as chosen, the
// request they make (or what is missing), the requests it overlaps, and the preview's words for what
// it costs, what it leaves of the balance and who else is away then.
import type { LeavePreview, LeaveRequestInput, LeaveRequestView, LeaveTypeName } from '../../../window-contract/leave.ts';
import { addDaysTo, dayFull, dayShort, daysText } from '../format.ts';
import { LEAVE_TYPE_NAMES } from '../words.ts';

export type DayShape = 'full' | 'morning' | 'afternoon';

export interface RequestFields {
  type: LeaveTypeName;
  firstDay: string;
  lastDay: string;
  /** One day: the whole of it or a half; several: whether the first starts at noon and the last ends then. */
  singlePart: DayShape;
  firstHalf: boolean;
  lastHalf: boolean;
  comment: string;
}

/** A whole day of vacation: tomorrow in this year, the year's first day in another. */
export function newRequestFields(year: number, today: string): RequestFields {
  const start = today.slice(0, 4) === String(year) ? addDaysTo(today, 1) : `${year}-01-01`;
  return { type: 'vacation', firstDay: start, lastDay: start, singlePart: 'full', firstHalf: false, lastHalf: false, comment: '' };
}

/** The fields with a change: moving the first day past the last moves the last along. */
export function withChange(current: RequestFields, patch: Partial<RequestFields>): RequestFields {
  const next = { ...current, ...patch };
  if (patch.firstDay && next.lastDay < patch.firstDay) next.lastDay = patch.firstDay;
  return next;
}

/** The request the fields make, or what is wrong with them in a sentence. */
export function inputOf(fields: RequestFields): LeaveRequestInput | string {
  if (!fields.firstDay) return 'Choose the first day.';
  const lastDay = fields.lastDay || fields.firstDay;
  if (lastDay < fields.firstDay) return 'The last day is before the first.';
  const single = lastDay === fields.firstDay;
  return {
    type: fields.type,
    firstDay: fields.firstDay,
    lastDay,
    firstDayPart: single ? (fields.singlePart === 'afternoon' ? 'afternoon' : 'full') : fields.firstHalf ? 'afternoon' : 'full',
    lastDayPart: single ? (fields.singlePart === 'morning' ? 'morning' : 'full') : fields.lastHalf ? 'morning' : 'full',
    ...(fields.comment.trim() ? { comment: fields.comment.trim() } : {}),
  };
}

/** A pending or approved request that shares a day with the new one. */
export function overlapOf(requests: readonly LeaveRequestView[], input: LeaveRequestInput | string): LeaveRequestView | undefined {
  if (typeof input === 'string') return undefined;
  return requests.find(
    (request) => (request.status === 'pending' || request.status === 'approved') && request.firstDay <= input.lastDay && request.lastDay >= input.firstDay,
  );
}

/** Whether the request goes beyond a balance it draws on. */
export function isBeyond(preview: LeavePreview): boolean {
  return preview.leaves.some((left) => left.days < 0);
}

/** Whether the person confirms before it is sent: beyond the balance, where the back end does not refuse that anyway. */
export function needsConfirming(preview: LeavePreview): boolean {
  return isBeyond(preview) && !preview.beyondRefused;
}

/** "Costs 3 days", "No working days". */
export function costText(preview: LeavePreview): string {
  return preview.days === 0 ? 'No working days' : `Costs ${daysText(preview.days)}`;
}

/** "Monday, May 11", "May 11 – Wednesday, May 13". */
export function rangeText(input: LeaveRequestInput): string {
  return input.firstDay === input.lastDay ? dayFull(input.firstDay) : `${dayShort(input.firstDay)} – ${dayFull(input.lastDay)}`;
}

/** "Dec 25 (Christmas Day) is a holiday; Dec 26 and 27 are days off." */
export function freeText(preview: LeavePreview): string {
  const holidays = preview.free.filter((day) => day.reason === 'holiday').map((day) => `${dayShort(day.date)}${day.holiday ? ` (${day.holiday})` : ''}`);
  const off = preview.free.filter((day) => day.reason === 'day off').map((day) => dayShort(day.date));
  const parts = [
    ...(holidays.length ? [`${holidays.join(', ')} ${holidays.length === 1 ? 'is a public holiday' : 'are public holidays'}`] : []),
    ...(off.length ? [`${off.length} ${off.length === 1 ? 'day is' : 'days are'} off anyway`] : []),
  ];
  return parts.length ? `Not counted: ${parts.join('; ')}.` : '';
}

/** "leaves you 6.5 days", "leaves you -1 day of 2026 and 20 days of 2027". */
export function leavesText(preview: LeavePreview): string {
  const of = (left: LeavePreview['leaves'][number]) => `${daysText(left.days)}${preview.leaves.length > 1 && left.year !== null ? ` of ${left.year}` : ''}`;
  return `leaves you ${preview.leaves.map(of).join(' and ')}`;
}

/** "Bob Builder, sick leave, May 11 – May 13" with only what the back end shows of a colleague's absence. */
export function awayText(away: NonNullable<LeavePreview['away']>[number]): string {
  const what = away.kind ?? (away.type ? LEAVE_TYPE_NAMES[away.type].toLowerCase() : null);
  const when = away.firstDay === away.lastDay ? dayShort(away.firstDay) : `${dayShort(away.firstDay)} – ${dayShort(away.lastDay)}`;
  return [away.person, what, when].filter(Boolean).join(', ');
}
