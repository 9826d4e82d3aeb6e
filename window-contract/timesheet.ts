// The window's contract for the Timesheet: a week's entries and targets, what entries can be booked
// on, entries added, changed and deleted afterwards, and the CSV export.
import * as z from 'zod/v4';
import { day, entryFieldValues, entryId, none, shortText, time, type EntryFieldValues } from './request-parts.ts';
import type { WeekApprovalView } from './approvals.ts';
import type { DayReason, EntryView, SharedDay, TrackerDay } from './status.ts';
import { trackerName, type TrackerTag } from './tracker-tags.ts';

/** What the back end lets the person do with entries, from the tools the engine offers. */
export interface EntryRights {
  /** log_time: entries added afterwards. */
  add: boolean;
  /** update_time_entry and delete_time_entry. */
  edit: boolean;
  /** What the back end does not allow and where to do it instead, in words; null when everything is allowed. */
  note: string | null;
}

export interface TimesheetView {
  /** Monday and Sunday of the week shown, YYYY-MM-DD. */
  from: string;
  to: string;
  /**
   * Each day of the week with its own target (holidays and approved leave already taken off), and why.
   * With several connections the day's own target is 0 and `byTracker` has each connection's (never added up).
   */
  days: Array<
    DayReason & { date: string; targetMinutes: number; byTracker?: Array<Omit<TrackerDay, 'minutes'>>; together?: Array<Omit<SharedDay, 'minutes'>> }
  >;
  /** Every entry that starts in the week, oldest first; the running one too. With several connections each names its `tracker`. */
  entries: EntryView[];
  /** With two or more connections: every connection in the settings' order (the default first), for the filter and a new entry's select. */
  trackers?: TrackerTag[];
  rights: EntryRights;
  /** The week's timesheet approval: its submissions and locks; null where the back end has no approvals. */
  approval: WeekApprovalView | null;
  /** When the engine answered (epoch ms): a running entry's time is counted on from here. */
  asOf: number;
}

/** A new entry, or the changes to one. Times are local wall times ("2026-05-12T09:00") or ISO 8601 with an offset. */
export interface EntryFieldsInput {
  start?: string;
  end?: string;
  project?: string;
  activity?: string;
  description?: string;
  /** The tracker's custom fields by name (issue 78); a field left out keeps its value. */
  fields?: EntryFieldValues;
}

/** A custom field entries take (list_catalog's `fields`): Clockify's custom fields, Kimai's meta fields. */
export interface EntryFieldView {
  name: string;
  type: 'text' | 'number' | 'checkbox' | 'choice' | 'choices';
  /** Required on every entry; a project may require a field that is not (CatalogView's requiredFields). */
  required: boolean;
  /** A choice's or choices' words, as the tracker shows them. */
  choices?: string[];
}

export interface CatalogView {
  projects: string[];
  /** Activities with the project they belong to, or null for those every project may use. */
  activities: Array<{ name: string; project: string | null }>;
  /** The break types the person may take, the default first (back ends with breaks); empty elsewhere. */
  breakTypes: string[];
  /** The custom fields entries take; empty where the back end keeps none. */
  fields: EntryFieldView[];
  /** The custom fields each project requires on its entries, by project name; projects that require none are left out. */
  requiredFields: Array<{ project: string; fields: string[] }>;
}

export interface ExportResult {
  /** Where the file went, or null when the person closed the dialog without saving. */
  path: string | null;
  entries: number;
}

const EntryFields = {
  start: time.optional(),
  end: time.optional(),
  project: shortText.optional(),
  activity: shortText.optional(),
  description: z.string().max(5000).optional(),
  fields: entryFieldValues.optional(),
};

export const timesheetChannels = {
  /** The week of a day: its entries and each day's target. Another week costs one engine call once its targets are known. */
  getTimesheet: { request: z.object({ date: day }).strict(), response: {} as TimesheetView },
  /** What entries can be booked on, and the break types; kept a while, as it rarely changes. */
  getCatalog: { request: none, response: {} as CatalogView },
  /** `tracker`: the connection a new entry goes to (several trackers); the default when not given. */
  logTime: { request: z.object({ ...EntryFields, start: time, end: time, tracker: trackerName.optional() }).strict(), response: {} as EntryView },
  /** `tracker`: the entry's own connection, as its row named it (several trackers). */
  updateEntry: { request: z.object({ id: entryId, ...EntryFields, tracker: trackerName.optional() }).strict(), response: {} as EntryView },
  deleteEntry: { request: z.object({ id: entryId, tracker: trackerName.optional() }).strict(), response: {} as EntryView },
  /** Every entry of [from, to] as a CSV file, through a save dialog. */
  exportCsv: { request: z.object({ from: day, to: day }).strict(), response: {} as ExportResult },
} as const;
