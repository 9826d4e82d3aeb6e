// Rules the remote back ends keep when they file leave: an overlap with the person's pending or approved
// leave is refused before anything is sent where the back end's own answer to it is undocumented or shared
// with other mistakes (Kimai, Calamari, Clockify; Clockodo refuses it itself, naming the absences it meets:
// docs/back-ends/clockodo.md, "Absences"), and leave a back end takes in several parts (a year boundary, half
// days at its ends) is filed part after part, so that a refusal halfway leaves a clear account of what exists.
import { rangesOverlap } from '../domain/leave-days.ts';
import { type LeaveRequest, type NewLeaveRequest, BackEndError, causeOf } from './time-tracker.ts';

/** Refuses leave that overlaps one of the person's pending or approved requests, naming it. */
export function refuseOverlap(
  request: Pick<NewLeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>,
  existing: readonly LeaveRequest[],
): void {
  const clash = existing.find((other) => (other.status === 'pending' || other.status === 'approved') && rangesOverlap(request, other));
  if (!clash) return;
  throw new BackEndError('leave_overlaps', {
    request: clash.id,
    type: clash.kind ?? clash.type,
    first_day: clash.firstDay,
    last_day: clash.lastDay,
    status: clash.status === 'pending' ? 'pending' : 'approved',
  });
}

/** How a back end's parts are said: "Kimai stores this leave as 2 absences … or cancel the filed part." */
export interface PartWords {
  service: string;
  verb: 'stores' | 'takes';
  unit: string;
  undo: 'cancel' | 'withdraw';
}

/**
 * Files the parts in order. A refused first part is the plain refusal (nothing was filed); a refusal
 * after that says which parts exist and which one was refused (`leave_filed_in_part`, the back end's
 * refusal as its cause).
 */
export async function fileInParts<P extends { firstDay: string; lastDay: string }, R extends { id: number; firstDay: string; lastDay: string }>(
  parts: readonly [P, ...P[]],
  file: (part: P) => Promise<R>,
  words: PartWords,
): Promise<[R, ...R[]]> {
  const filed: [R, ...R[]] = [await file(parts[0])];
  for (const part of parts.slice(1)) {
    try {
      filed.push(await file(part));
    } catch (error) {
      if (!(error instanceof BackEndError)) throw error;
      throw new BackEndError('leave_filed_in_part', {
        ...words,
        parts: parts.length,
        filed: filed.map((item) => ({ request: item.id, first_day: item.firstDay, last_day: item.lastDay })),
        refused_first_day: part.firstDay,
        refused_last_day: part.lastDay,
        cause: causeOf(error),
      });
    }
  }
  return filed;
}
