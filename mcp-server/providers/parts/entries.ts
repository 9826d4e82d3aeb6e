// The person's time entries (capabilities `entries`, `entries_edit`, `reports`): what a write carries, a list's query, and the part.
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { FieldWrite } from '../../domain/entry-fields.ts';
import type { TimeEntry, WorkSpan } from '../../domain/records.ts';

export interface EntryFields {
  start: number;
  end: number | null;
  projectId: number | null;
  activityId: number | null;
  description: string;
  /**
   * Recorded as this AI agent's own time (record_agent_time): each back end labels the entry in its
   * own way (domain/agents.ts). Only a new entry takes it; a change keeps the label the entry has.
   */
  agent?: string;
  /**
   * Custom field values to write with the entry, checked and typed by the tools (domain/entry-fields.ts):
   * a back end with the `entryFields` part writes them as it takes them; a change keeps the values it does not name.
   */
  customFields?: readonly FieldWrite[];
}

export interface EntryQuery {
  /** Entries that start in [from, to). */
  from: number;
  to: number;
  projectId?: number;
  limit: number;
  offset: number;
}

/** The person's time entries (capabilities `entries`, `entries_edit`, `reports`). */
export interface EntriesPart {
  listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }>;
  getEntry(id: number): Promise<TimeEntry>;
  createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry>;
  updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry>;
  deleteEntry(id: number): Promise<TimeEntry>;
  /** Worked spans overlapping [from, to), clipped to it; for reports. */
  workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]>;
  /** Entries that end inside [from, to), newest first: what "the day so far" needs. */
  lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null>;
}
