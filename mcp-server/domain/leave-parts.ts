// How one leave request becomes the records a back end accepts. Kimai's absence plugin and Clockodo
// both refuse a record across New Year, and both know a half day only as a one-day record (without
// saying which half); Kimai also caps a record's length. Clockify takes a half day only as a one-day
// request too, and says which half. Pure.
import { addDays } from './time.ts';
import type { LeaveRange } from './leave-days.ts';

export interface LeavePart {
  firstDay: string;
  lastDay: string;
  /** Only ever on a one-day part. */
  halfDay: boolean;
  /** Which half a half-day part is: the afternoon of a first day, the morning of a last; null on a full part. */
  half: 'morning' | 'afternoon' | null;
}

/**
 * Splits a request into parts: none spans New Year (unless `acrossNewYear`), none is longer than
 * `maxDays` calendar days, and a half first or last day becomes a one-day half-day part of its own.
 * The first part is where the request starts; they come in date order.
 */
export function splitLeave(request: LeaveRange, maxDays = Number.POSITIVE_INFINITY, acrossNewYear = false): [LeavePart, ...LeavePart[]] {
  const { firstDay, lastDay } = request;
  if (firstDay === lastDay) {
    const half = request.firstDayPart === 'afternoon' ? 'afternoon' : request.lastDayPart === 'morning' ? 'morning' : null;
    return [{ firstDay, lastDay, halfDay: half !== null, half }];
  }
  const to = request.lastDayPart === 'morning' ? addDays(lastDay, -1) : lastDay;
  const chunkFrom = (from: string): LeavePart => {
    const limits = [to];
    if (!acrossNewYear) limits.push(`${from.slice(0, 4)}-12-31`);
    if (Number.isFinite(maxDays)) limits.push(addDays(from, maxDays - 1));
    return { firstDay: from, lastDay: limits.sort()[0] as string, halfDay: false, half: null };
  };
  const first: LeavePart = request.firstDayPart === 'afternoon' ? { firstDay, lastDay: firstDay, halfDay: true, half: 'afternoon' } : chunkFrom(firstDay);
  const parts: [LeavePart, ...LeavePart[]] = [first];
  for (let from = addDays(first.lastDay, 1); from <= to; ) {
    const chunk = chunkFrom(from);
    parts.push(chunk);
    from = addDays(chunk.lastDay, 1);
  }
  if (request.lastDayPart === 'morning') parts.push({ firstDay: lastDay, lastDay, halfDay: true, half: 'morning' });
  return parts;
}
