// Toggl Track's records as Punchcard's (docs/back-ends/toggl.md): pure, unit-tested. A running entry's time comes from
// its start alone: its duration is negative (-1 today, the negated epoch seconds of its start from Toggl's older API),
// never elapsed seconds. Ids are Toggl's own numbers; each field is read under either of its names (workspace_id or
// wid, project_id or pid, task_id or tid, user_id or uid), as Toggl answers both.
import { agentOfTags } from '../../domain/agents.ts';
import { type CatalogItem, checkedEntry, type EntryLimit, type Ref, type TimeEntry } from '../time-tracker.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { TogglError, unreadable } from './errors.ts';
import type { TogglRequired } from '../../contract/outcomes/remote-toggl.ts';
import type { TogglRole } from './rights.ts';
import type { TogglClient, TogglProject, TogglTask, TogglTimeEntry, TogglWorkspace } from './wire.ts';

/** The plan a workspace is on, as far as Punchcard needs it: Free, Starter (premium) or Premium and above (business_ws). */
export type TogglPlan = 'free' | 'starter' | 'premium';

/** The workspace Punchcard works in, as it needs it. */
export interface Workspace {
  id: number;
  name: string;
  plan: TogglPlan;
  /** What every entry needs (Required fields), where the workspace switched them on. */
  requires: ReadonlySet<TogglRequired>;
  /** The lock of older entries (epoch ms): nothing before it is added or changed; undefined where none, or where it is not known. */
  lockedBefore: number | undefined;
  /** Whether Toggl answered the lock (a paid plan's: context.ts, lockedBefore); where not, it is asked again after the hour. */
  lockKnown: boolean;
  /** The person's role in it, as read with it (rights.ts). */
  role: TogglRole;
  /** The organization it belongs to (whose admins invite people into it); undefined where Toggl did not say. */
  organizationId?: number;
  /** Remembered from an earlier start rather than read this process. */
  remembered?: boolean;
}

export function planOf(workspace: Pick<TogglWorkspace, 'premium' | 'business_ws'>): TogglPlan {
  return workspace.business_ws ? 'premium' : workspace.premium ? 'starter' : 'free';
}

/** What the workspace requires on every entry, from its te_constraints (none where its constraints are switched off). */
export function requiredOf(workspace: Pick<TogglWorkspace, 'te_constraints'>): Set<TogglRequired> {
  const constraints = workspace.te_constraints;
  const required = new Set<TogglRequired>();
  if (!constraints || constraints.time_entry_constraints_enabled === false) return required;
  if (constraints.description_present) required.add('description');
  if (constraints.project_present) required.add('project');
  if (constraints.tag_present) required.add('tag');
  if (constraints.task_present) required.add('task');
  return required;
}

/** The lock's instant from report_locked_at; undefined where there is none or it cannot be read. */
export function lockOf(lockedAt: string | null | undefined): number | undefined {
  if (!lockedAt) return undefined;
  const at = Date.parse(lockedAt);
  return Number.isNaN(at) ? undefined : at;
}

/** The workspace the settings name (by id or name), else the person's default one; refused in words naming those the token sees. */
export function chooseWorkspace(workspaces: readonly TogglWorkspace[], wanted: string | undefined, fallback: number | null | undefined): TogglWorkspace {
  const seen = workspaces.map((workspace) => ({ name: workspace.name, id: workspace.id }));
  if (wanted !== undefined) {
    const byId = workspaces.find((workspace) => String(workspace.id) === wanted.trim());
    if (byId) return byId;
    const byName = workspaces.filter((workspace) => workspace.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (byName.length === 1) return byName[0] as TogglWorkspace;
    if (byName.length > 1) throw new TogglError('config', remoteRefusal('toggl_workspace_ambiguous', { wanted, seen }));
    throw new TogglError('config', remoteRefusal('toggl_workspace_unknown', { wanted, seen }));
  }
  const found = workspaces.find((workspace) => workspace.id === fallback) ?? (workspaces.length === 1 ? workspaces[0] : undefined);
  if (found) return found;
  throw new TogglError('config', remoteRefusal('toggl_no_workspace', {}));
}

/** A workspace named by its id alone ("4567890"), which needs no list to find. */
export function workspaceIdIn(wanted: string | undefined): number | undefined {
  return wanted !== undefined && /^\d{1,18}$/.test(wanted.trim()) ? Number(wanted.trim()) : undefined;
}

export const workspaceOfEntry = (entry: TogglTimeEntry): number | undefined => entry.workspace_id ?? entry.wid;
export const projectOfEntry = (entry: TogglTimeEntry): number | null => entry.project_id ?? entry.pid ?? null;
export const taskOfEntry = (entry: TogglTimeEntry): number | null => entry.task_id ?? entry.tid ?? null;
export const userOfEntry = (entry: TogglTimeEntry): number | undefined => entry.user_id ?? entry.uid;

/** When the entry started (epoch ms); an entry without a readable start is not Toggl's. */
export function entryStart(entry: TogglTimeEntry): number {
  const start = Date.parse(entry.start ?? '');
  if (Number.isNaN(start)) throw unreadable('a time entry without a start');
  return start;
}

/**
 * When the entry ended (epoch ms), or null while it runs. A stop is an end: a running entry has none (its duration is
 * negative), so a stop with a negative duration is an entry that ends before it starts, which toTimeEntry marks, not a
 * timer running since. Without a stop, a negative duration runs; a finished entry ends its duration after its start.
 */
export function entryEnd(entry: TogglTimeEntry): number | null {
  const stop = entry.stop ? Date.parse(entry.stop) : Number.NaN;
  if (!Number.isNaN(stop)) return stop;
  if (typeof entry.duration === 'number' && entry.duration < 0) return null;
  if (typeof entry.duration === 'number') return entryStart(entry) + entry.duration * 1_000;
  return null;
}

export function isRunning(entry: TogglTimeEntry): boolean {
  return entryEnd(entry) === null;
}

/** An entry Toggl still keeps (not deleted; `since` listings carry deleted ones). */
export function isKept(entry: TogglTimeEntry): boolean {
  return !entry.server_deleted_at;
}

/** 'YYYY-MM-DDTHH:mm:ssZ', whole seconds: Toggl's own form of an instant. */
export function togglTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** The names of the entry's project and task, as the catalog knows them. */
export interface EntryNames {
  project: Ref | null;
  task: Ref | null;
}

/** Toggl keeps no entry longer than 999 hours (docs/back-ends/toggl.md): a longer one it lists is impossible. */
export const TOGGL_LONGEST_ENTRY: EntryLimit = { hours: 999, limit: 'back_end' };

/** Toggl's entry as Punchcard's; one that ends before it starts or lasts over 999 hours is marked impossible (checkedEntry). */
export function toTimeEntry(entry: TogglTimeEntry, names: EntryNames): TimeEntry {
  if (typeof entry.id !== 'number') throw unreadable('a time entry without its id');
  const agent = agentOfTags((entry.tags ?? []).filter((tag): tag is string => typeof tag === 'string'));
  return checkedEntry(
    {
      id: entry.id,
      start: entryStart(entry),
      end: entryEnd(entry),
      project: names.project,
      activity: names.task,
      description: entry.description ?? '',
      ...(agent ? { agent } : {}),
    },
    TOGGL_LONGEST_ENTRY,
  );
}

/** A project as the catalog lists it; archived where inactive. */
export function projectItem(project: TogglProject, clients: ReadonlyMap<number, TogglClient>): CatalogItem {
  const clientId = project.client_id ?? project.cid ?? null;
  const client = clientId === null ? undefined : clients.get(clientId);
  return {
    kind: 'project',
    id: project.id,
    name: project.name,
    archived: project.active === false,
    customer: client ? { id: client.id, name: client.name } : null,
  };
}

/** A task as an activity of its project; a done task is archived. */
export function taskItem(task: TogglTask, projects: ReadonlyMap<number, TogglProject>): CatalogItem {
  const project = projects.get(task.project_id);
  return { kind: 'activity', id: task.id, name: task.name, archived: task.active === false, project: project ? { id: project.id, name: project.name } : null };
}

export function clientItem(client: TogglClient): CatalogItem {
  return { kind: 'customer', id: client.id, name: client.name, archived: client.archived === true };
}

/** Whether the person may book on a project: active, and not a private one they are not a member of (can_track_time, where Toggl says). */
export function bookable(project: TogglProject): 'archived' | 'private' | true {
  if (project.active === false) return 'archived';
  if (project.can_track_time === false) return 'private';
  return true;
}

/** The description with a note added on a line of its own (clock_out's note). */
export function withNote(description: string, note: string | undefined): string {
  if (!note) return description;
  return description.trim() === '' ? note : `${description}\n${note}`;
}
