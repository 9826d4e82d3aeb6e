// Rules every remote back end keeps when it files leave: an overlap with the person's pending or
// approved leave is refused before anything is sent (the back ends' own answers to it are undocumented
// or shared with other mistakes), and leave a back end takes in several parts (a year boundary, half
// days at its ends) is filed part after part, so that a refusal halfway leaves a clear account of what
// exists.
import { rangesOverlap } from '../domain/leave-days.ts';
import { type LeaveRequest, type NewLeaveRequest, BackEndError, type BackEndKind } from './time-tracker.ts';

/** Refuses leave that overlaps one of the person's pending or approved requests, naming it. */
export function refuseOverlap(
  request: Pick<NewLeaveRequest, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>,
  existing: readonly LeaveRequest[],
): void {
  const clash = existing.find((other) => (other.status === 'pending' || other.status === 'approved') && rangesOverlap(request, other));
  if (!clash) return;
  const span = clash.firstDay === clash.lastDay ? clash.firstDay : `${clash.firstDay} to ${clash.lastDay}`;
  throw new BackEndError('conflict', `That overlaps your ${clash.kind ?? clash.type} request #${clash.id} (${span}, ${clash.status}). Nothing was filed.`);
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
 * after that says which parts exist and which one was refused.
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
      const done = filed.map((item) => `#${item.id} (${item.firstDay} to ${item.lastDay})`).join(', ');
      throw new BackEndError(
        error.kind as BackEndKind,
        `${words.service} ${words.verb} this leave as ${parts.length} ${words.unit}; ${filed.length} were filed (${done}), then it refused the part from ${part.firstDay} to ${part.lastDay}: ${error.message} Request the rest again once that is sorted out, or ${words.undo} the filed part.`,
      );
    }
  }
  return filed;
}
