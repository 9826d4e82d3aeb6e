// Breaks inside the running shift (capability `breaks`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Ref, TimeEntry } from '../../domain/records.ts';

/**
 * Back ends with the `breaks` capability: the break types the person may use, and starting and
 * ending a break inside the running shift (the shift with its breaks comes back).
 */
export interface BreaksPart {
  breakTypes(): Promise<Ref[]>;
  startBreak(typeId: number | null): Promise<TimeEntry>;
  endBreak(): Promise<TimeEntry>;
}
