// Kimai records ⇄ Punchcard's provider types. Pure: times are converted with the zone handed in,
// names come from the expanded relations or, for plain responses that carry ids only, from the
// catalog (docs/back-ends/kimai.md, "Relations").
import { agentOfTags } from '../../domain/agents.ts';
import { formatInstant, formatWallClock, localDateTimeToEpoch, parseOffsetDateTime } from '../../domain/time.ts';
import { BackEndError, type Catalog, type CatalogItem, type Ref, type TimeEntry } from '../time-tracker.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { KimaiError } from './errors.ts';
import type { KimaiActivity, KimaiCustomer, KimaiNamed, KimaiProject, KimaiTimesheet } from './wire.ts';
import { relationId } from './wire.ts';

/** Names by id, for responses whose relations are bare ids. */
export interface NameIndex {
  project(id: number): string | undefined;
  activity(id: number): string | undefined;
}

export const NO_NAMES: NameIndex = { project: () => undefined, activity: () => undefined };

export function nameIndex(catalog: Catalog): NameIndex {
  const projects = new Map(catalog.projects.map((item) => [item.id, item.name]));
  const activities = new Map(catalog.activities.map((item) => [item.id, item.name]));
  return { project: (id) => projects.get(id), activity: (id) => activities.get(id) };
}

/** Kimai's '2026-05-04T09:00:00+0200' as epoch ms; a reply in another shape is an error, not a guess. */
export function readKimaiTime(text: string): number {
  const epochMs = parseOffsetDateTime(text);
  // The HTTP layer's error, whose failure says the answer is not Kimai's.
  if (epochMs === undefined) throw new KimaiError('wrong_service', remoteRefusal('kimai_time_unreadable', { text: text.slice(0, 40) }));
  return epochMs;
}

/**
 * A time for a request body. Kimai reads wall-clock times only, so the second pass through the hour
 * that repeats when clocks go back cannot be said; rather than have Kimai store the first pass (an
 * hour off), such a time is refused with a reason.
 */
export function kimaiBodyTime(epochMs: number, kimaiZone: string, field: string): string {
  const wall = formatWallClock(epochMs, kimaiZone);
  const readBack = localDateTimeToEpoch(wall.slice(0, 10), wall.slice(11), kimaiZone);
  if (readBack !== Math.floor(epochMs / 1000) * 1000) {
    throw new BackEndError('kimai_time_repeats', { field, time: formatInstant(epochMs, kimaiZone), timezone: kimaiZone });
  }
  return wall;
}

export function toTimeEntry(sheet: KimaiTimesheet, names: NameIndex): TimeEntry {
  return {
    id: sheet.id,
    start: readKimaiTime(sheet.begin),
    end: sheet.end === null || sheet.end === undefined ? null : readKimaiTime(sheet.end),
    project: ref(sheet.project, names.project),
    activity: ref(sheet.activity, names.activity),
    description: sheet.description ?? '',
    ...agentOf(sheet),
    ...metaFieldsOf(sheet),
  };
}

/** The meta fields Kimai shows on the record (its visible ones), those with a value; Kimai casts some back to numbers and booleans. */
function metaFieldsOf(sheet: KimaiTimesheet): Pick<TimeEntry, 'fields'> {
  const fields = (Array.isArray(sheet.metaFields) ? sheet.metaFields : []).flatMap((field) => {
    const value = field?.value;
    if (typeof field?.name !== 'string' || value === null || value === undefined || value === '') return [];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [];
    return [{ id: field.name, name: field.name, value }];
  });
  return fields.length > 0 ? { fields } : {};
}

/** The agent whose own time the record is, by its tag `ai-<agent>` (record_agent_time). */
function agentOf(sheet: KimaiTimesheet): { agent?: string } {
  const agent = Array.isArray(sheet.tags) ? agentOfTags(sheet.tags.filter((tag): tag is string => typeof tag === 'string')) : undefined;
  return agent ? { agent } : {};
}

/**
 * Roles that hold Kimai's edit_exported_timesheet permission by default: everyone else gets 403 for a
 * change to an exported record (docs/back-ends/kimai.md, "Roles and permissions").
 */
const MAY_EDIT_EXPORTED = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

/** The entry with the reason it is locked for this person, when Kimai keeps it exported. */
export function withExportLock(entry: TimeEntry, sheet: KimaiTimesheet, roles: readonly string[] | undefined): TimeEntry {
  if (sheet.exported !== true || (roles ?? []).some((role) => MAY_EDIT_EXPORTED.has(role))) return entry;
  return { ...entry, locked: 'It is exported in Kimai, and only an administrator may change exported records.' };
}

function ref(value: number | KimaiNamed | null | undefined, lookup: (id: number) => string | undefined): Ref | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return { id: value.id, name: value.name };
  return { id: value, name: lookup(value) ?? `#${value}` };
}

/**
 * Kimai's three lists as one catalog. Kimai hides things rather than archiving them: a hidden
 * customer hides its projects, and a hidden project its activities, so those count as archived too.
 */
export function toCatalog(customers: KimaiCustomer[], projects: KimaiProject[], activities: KimaiActivity[]): Catalog {
  const customerItems = customers.map(customerItem);
  const customerById = new Map(customerItems.map((item) => [item.id, item]));
  const projectItems = projects.map((project) => projectItem(project, customerById));
  const projectById = new Map(projectItems.map((item) => [item.id, item]));
  const activityItems = activities.map((activity) => activityItem(activity, projectById));
  const byName = (a: CatalogItem, b: CatalogItem) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id;
  return { customers: customerItems.sort(byName), projects: projectItems.sort(byName), activities: activityItems.sort(byName) };
}

export function customerItem(customer: KimaiCustomer): CatalogItem {
  return { kind: 'customer', id: customer.id, name: customer.name, archived: !customer.visible };
}

/** A project; `customers` (the catalog's, when loading it) supplies the customer's name and whether it is archived. */
export function projectItem(project: KimaiProject, customers: ReadonlyMap<number, CatalogItem> = new Map()): CatalogItem {
  const { ref, parent } = parentOf(project.customer, project.parentTitle, customers);
  return { kind: 'project', id: project.id, name: project.name, archived: !project.visible || parent?.archived === true, customer: ref };
}

/** An activity; `projects` supplies the project's name and whether it is archived. */
export function activityItem(activity: KimaiActivity, projects: ReadonlyMap<number, CatalogItem> = new Map()): CatalogItem {
  const { ref, parent } = parentOf(activity.project, activity.parentTitle, projects);
  return { kind: 'activity', id: activity.id, name: activity.name, archived: !activity.visible || parent?.archived === true, project: ref };
}

/**
 * The parent a project or activity points at, named from the known items, else from the expanded
 * relation, else from Kimai's `parentTitle` (create and update answers carry only that).
 */
function parentOf(relation: number | KimaiNamed | null, parentTitle: string | null | undefined, known: ReadonlyMap<number, CatalogItem>) {
  const id = relationId(relation);
  if (id === null) return { ref: null, parent: undefined };
  const parent = known.get(id);
  const name = parent?.name ?? (typeof relation === 'object' && relation ? relation.name : parentTitle);
  return { ref: { id, name: name ?? `#${id}` }, parent };
}

export function withoutArchived(catalog: Catalog): Catalog {
  const keep = (items: CatalogItem[]) => items.filter((item) => !item.archived);
  return { customers: keep(catalog.customers), projects: keep(catalog.projects), activities: keep(catalog.activities) };
}
