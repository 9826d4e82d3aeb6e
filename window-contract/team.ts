// The window's contract for the Team screen: the team's hours over a week and the leave requests
// that wait for the person's decision, where the back end gives the person the team tools.
import * as z from 'zod/v4';
import type { WorkingTimeFindingCode } from '../mcp-server/contract/working-time.ts';
import type { LeaveRequestView } from './leave.ts';
import { day, entryId } from './request-parts.ts';

/** Hours of the people the back end lets this person see over a week (the engine's team_report). */
export interface TeamHoursView {
  from: string;
  to: string;
  people: Array<{
    name: string;
    minutes: number;
    /** Null where the back end keeps no targets for the person. */
    targetMinutes: number | null;
    byProject: Array<{ project: string | null; activity: string | null; minutes: number }>;
    /** Working days before today with nothing recorded. */
    missingDays: string[];
    /** What their running timer is on, or null. */
    running: string | null;
    /** The working-time findings of the week by code, where the organisation's rules are on ({} where none); absent with them off. */
    workingTime?: Partial<Record<WorkingTimeFindingCode, number>>;
  }>;
  /** Everyone the back end lets the person see; `people` is the window from `offset`. */
  total: number;
  offset: number;
  nextOffset: number | null;
  /** Whose time this is, in the back end's words. */
  covers: string;
}

export interface PendingLeaveView {
  requests: Array<Omit<LeaveRequestView, 'status' | 'workingElsewhere'> & { person: string; alsoAway: string[] }>;
  nextOffset: number | null;
  covers: string;
}

/** What the Team screen may show: each part null where the back end (or the policy) does not offer it, with why. */
export interface TeamAvailability {
  hours: boolean;
  leave: boolean;
  /** Why neither is offered, in words; null when one is. */
  unavailable: string | null;
}

export const teamChannels = {
  /** A week of the team's hours, a window of 50 people from `offset`; `hours: null` where the back end offers none. */
  getTeamHours: {
    request: z.object({ date: day, offset: z.number().int().min(0).max(100_000).optional() }).strict(),
    response: {} as { availability: TeamAvailability; hours: TeamHoursView | null },
  },
  /** Leave requests waiting for the person's decision, a window of 30 from `offset`. */
  getPendingLeave: {
    request: z
      .object({ offset: z.number().int().min(0).max(100_000).optional() })
      .strict()
      .optional(),
    response: {} as PendingLeaveView,
  },
  /** Approves or rejects one; what the engine says it did, for the person. */
  decideLeave: {
    request: z.object({ id: entryId, decision: z.enum(['approve', 'reject']), reason: z.string().max(500).optional() }).strict(),
    response: {} as { outcome: string },
  },
} as const;
