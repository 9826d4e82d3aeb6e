// The window's contract for Leave and the Calendar: the year's balance and requests, a request
// counted before it is sent, filed and cancelled, and the month of who is away.
import * as z from 'zod/v4';
import type { LeaveStatus, LeaveType } from '../mcp-server/contract/vocabulary.ts';
import { day, entryId } from './request-parts.ts';

export type LeaveTypeName = LeaveType;
export type LeaveStatusName = LeaveStatus;

export interface LeaveRequestView {
  id: number;
  type: LeaveTypeName;
  /** The back end's own name of the type ("Sick day of a child"), where it says more. */
  kind?: string;
  /** Work somewhere else (a home-office day): listed like leave, costs none. */
  workingElsewhere?: boolean;
  firstDay: string;
  lastDay: string;
  firstDayPart: 'full' | 'afternoon';
  lastDayPart: 'full' | 'morning';
  days: number;
  status: LeaveStatusName;
  comment: string;
}

export interface LeaveBalanceView {
  year: number;
  entitlement: number | null;
  carryOver: number | null;
  unlimited: boolean;
  taken: number;
  planned: number;
  remaining: number;
  /** Days of the other types the year has any of. */
  other: Array<{ type: Exclude<LeaveTypeName, 'vacation'>; days: number }>;
  /** Who keeps the entitlement: the back end, or Punchcard's settings. */
  source: 'back_end' | 'settings';
}

export interface LeaveView {
  year: number;
  /** Null where the back end has no leave at all: then `unavailable` says why. */
  balance: LeaveBalanceView | null;
  /** Requests that touch the year, cancelled ones included, by first day. */
  requests: LeaveRequestView[];
  rights: {
    request: boolean;
    cancel: boolean;
    /** The working days a request costs can be shown before it is sent (the engine's calendar). */
    preview: boolean;
    /** What the back end does not allow here and where to do it instead; null when everything is allowed. */
    note: string | null;
  };
  /** Why there is no leave here at all (Kimai without its absence plugin), or null. */
  unavailable: string | null;
}

export interface LeaveRequestInput {
  type: LeaveTypeName;
  firstDay: string;
  lastDay: string;
  firstDayPart?: 'full' | 'afternoon';
  lastDayPart?: 'full' | 'morning';
  comment?: string;
  /** The person confirmed, in the window, leave beyond the vacation balance (the engine's `beyond_balance`). */
  beyondBalance?: boolean;
}

export interface LeavePreview {
  /** Working days the request would cost, as the engine counts them when it is sent. */
  days: number;
  /** Days of the range that cost nothing, and why. */
  free: Array<{ date: string; reason: 'day off' | 'holiday'; holiday: string | null }>;
  /**
   * What the request would leave of the vacation balance, counted as the engine counts it before it
   * files: per year it costs days in, or once (year null) for a balance the back end keeps across
   * years; empty where it draws on none (another type) or the balance has no limit.
   */
  leaves: Array<{ year: number | null; days: number }>;
  /** Why the balance could not be read now (the engine then files without checking it), or null. */
  balanceProblem: string | null;
  /** Why leave beyond the balance cannot be recorded here whatever the person says (the local timesheet without the Preferences switch), or null. */
  beyondRefused: string | null;
  /**
   * Who else is away on the request's working days, with exactly what the engine's calendar shows
   * of them (the kind only where the back end shows it); null where the back end shows no colleagues.
   */
  away: Array<{ person: string; type: LeaveTypeName | null; kind?: string; firstDay: string; lastDay: string }> | null;
}

export interface LeaveFiled {
  request: LeaveRequestView;
  /** The engine's sentence: what was filed, holidays not counted, vacation days left. */
  message: string;
}

export interface CalendarView {
  /** YYYY-MM. */
  month: string;
  days: Array<{
    date: string;
    /** The person's own working day. */
    workingDay: boolean;
    holiday: string | null;
    /**
     * Who is away, with only what the back end lets the person see (type null: not shown); `own` marks
     * the person's own absence, `pending` one that waits for approval.
     */
    away: Array<{ person: string; type: LeaveTypeName | null; kind?: string; part: 'full' | 'morning' | 'afternoon'; own: boolean; pending: boolean }>;
  }>;
  /** Everyone away some day of the month, by name. */
  people: string[];
  /** Whose absences the back end shows: colleagues too, or only the person's own. */
  scope: string;
  /** Why there is no calendar here, or null. */
  unavailable: string | null;
}

const leaveType = z.enum(['vacation', 'sick', 'personal', 'parental', 'unpaid', 'other']);
const leaveRequestFields = {
  type: leaveType,
  firstDay: day,
  lastDay: day,
  firstDayPart: z.enum(['full', 'afternoon']).optional(),
  lastDayPart: z.enum(['full', 'morning']).optional(),
  comment: z.string().max(2000).optional(),
};
const LeavePreviewSchema = z.object(leaveRequestFields).strict();
const LeaveRequestSchema = z.object({ ...leaveRequestFields, beyondBalance: z.boolean().optional() }).strict();

export const leaveChannels = {
  getLeave: { request: z.object({ year: z.number().int().min(2000).max(2100) }).strict(), response: {} as LeaveView },
  previewLeave: { request: LeavePreviewSchema, response: {} as LeavePreview },
  requestLeave: { request: LeaveRequestSchema, response: {} as LeaveFiled },
  cancelLeave: { request: z.object({ id: entryId }).strict(), response: {} as LeaveRequestView },
  getCalendar: { request: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') }).strict(), response: {} as CalendarView },
} as const;
