// Pieces several tools share: how an entry looks in a result, and how people's words for times,
// days, projects and activities become values (or a refusal saying what to write instead).
import { yearProblem, yearsTouched } from '../domain/call-limits.ts';
import { parseDuration } from '../domain/duration.ts';
import {
  addDays,
  daysBetween,
  formatInstant,
  formatLocalTime,
  localDate,
  parseInstant,
  parseTimeOfDayOn,
  parseLocalDate,
  startOfIsoWeek,
  startOfLocalDay,
} from '../domain/time.ts';
import type { BreakSpan, Catalog, CatalogItem, CatalogKind, ImpossibleSpan, TimeEntry, TimeTracker } from '../providers/time-tracker.ts';
import type { EntryOutput } from '../contract/tools/outputs.ts';
import { entryWords } from '../contract/outcomes/entries.ts';
import type { Sentence } from '../contract/outcomes/sentence.ts';
import type { ReadingProblem } from '../contract/outcomes/input.ts';
import type { Refusal, RefusalArgs } from '../contract/outcomes/refusals.ts';
import { quoted } from './asking.ts';
import type { ToolContext } from './context.ts';
import { ToolInputError } from './tool-input-error.ts';
import { noticeOf } from '../contract/outcomes/notices.ts';

export const MINUTE_MS = 60_000;

export function presentEntry(entry: TimeEntry, context: ToolContext): EntryOutput {
  const now = context.now();
  const end = entry.end ?? now;
  const breaks = (entry.breaks ?? []).map((span) => ({
    type: span.type.name,
    start: formatInstant(span.start, context.timezone),
    end: span.end === null ? null : formatInstant(span.end, context.timezone),
    ms: Math.max(0, Math.min(span.end ?? now, end) - Math.max(span.start, entry.start)),
  }));
  const breakMs = breaks.reduce((sum, span) => sum + span.ms, 0);
  return {
    id: entry.id,
    start: formatInstant(entry.start, context.timezone),
    end: entry.end === null ? null : formatInstant(entry.end, context.timezone),
    minutes: Math.max(0, Math.floor((end - entry.start - breakMs) / MINUTE_MS)),
    ...(entry.span ? { span: entry.span } : {}),
    project: entry.project?.name ?? null,
    activity: entry.activity?.name ?? null,
    description: entry.description,
    ...(entry.breaks ? { breaks: breaks.map(({ ms, ...span }) => ({ ...span, minutes: Math.floor(ms / MINUTE_MS) })) } : {}),
    ...(entry.locked ? { locked: entry.locked } : {}),
    ...(entry.waiting ? { waiting_to_send: true } : {}),
    ...(entry.agent ? { agent: entry.agent } : {}),
    ...(entry.fields && entry.fields.length > 0
      ? { fields: Object.fromEntries(entry.fields.map((field) => [field.name, Array.isArray(field.value) ? [...field.value] : field.value])) }
      : {}),
  };
}

/**
 * An entry in the fields that do not move on their own (a running entry's minutes do): what a
 * confirmation was given for, compared when the answer comes back.
 */
export function stableEntry(entry: TimeEntry): object {
  return {
    id: entry.id,
    start: entry.start,
    end: entry.end,
    project: entry.project?.id ?? null,
    activity: entry.activity?.id ?? null,
    description: entry.description,
  };
}

/** What the text says where an entry keeps no times (TimeEntry.span). */
export const NO_TIMES_KEPT = 'no times kept: the back end keeps its day and length';

/** The times of a span booked as asked ("13:00–14:00"), or, where the back end kept its day and length only, that day. */
export function bookedTimes(entry: TimeEntry, start: number, end: number, context: Pick<ToolContext, 'timezone'>): string {
  if (entry.span === 'day') return `${localDate(entry.start, context.timezone)} (${NO_TIMES_KEPT})`;
  return `${formatLocalTime(start, context.timezone)}–${formatLocalTime(end, context.timezone)}`;
}

/**
 * When an entry was, as the tools' text says it: its day and its start–end ("2026-11-16 09:00–10:30", "… 09:00–running"),
 * or, where the back end keeps the day and length only (TimeEntry.span), its day and that no times are kept: the
 * placement at the start of the day is no time anything happened.
 */
export function entryWhen(entry: TimeEntry, context: Pick<ToolContext, 'timezone'>): string {
  const day = localDate(entry.start, context.timezone);
  if (entry.span === 'day') return `${day} (${NO_TIMES_KEPT})`;
  return `${day} ${formatLocalTime(entry.start, context.timezone)}–${entry.end === null ? 'running' : formatLocalTime(entry.end, context.timezone)}`;
}

/**
 * Says each entry a back end listed that cannot be a record of work (TimeEntry.impossible, WorkSpan.impossible) in
 * the call's notices, once each, by their starts: the answer lists it as it came, and its totals leave it out
 * (domain/records.ts).
 */
export function noteImpossibleEntries(found: ReadonlyArray<ImpossibleSpan | undefined>, context: ToolContext): void {
  const said = new Set<number>();
  const inOrder = found.filter((entry) => entry !== undefined).sort((a, b) => a.start - b.start || a.entry - b.entry);
  for (const entry of inOrder) {
    if (said.has(entry.entry)) continue;
    said.add(entry.entry);
    context.notes.push(
      noticeOf('entry_impossible', {
        entry: entry.entry,
        start: formatInstant(entry.start, context.timezone),
        end: formatInstant(entry.end, context.timezone),
        why: entry.why,
        hours: Math.floor(Math.abs(entry.end - entry.start) / 3_600_000),
        longest_hours: entry.longestHours,
        limit: entry.limit,
        back_end: context.tracker.label,
      }),
    );
  }
}

/** An entry's impossibility as a report names it (noteImpossibleEntries), where it has one. */
export function impossibleOf(entry: TimeEntry): ImpossibleSpan | undefined {
  return entry.impossible && { ...entry.impossible, entry: entry.id, start: entry.start, end: entry.end ?? entry.start };
}

/** The break running inside an entry, if one does. */
export function runningBreak(entry: TimeEntry | null): BreakSpan | undefined {
  return entry?.breaks?.find((span) => span.end === null);
}

/** `"Website" · "Design" — "notes"` — the one-line form used in text renderings (and in refusals: contract/outcomes/entries.ts). */
export function entryLabel(entry: TimeEntry): Sentence {
  return entryWords(entryNames(entry));
}

/** An entry's names as a refusal's facts carry them. */
export function entryNames(entry: TimeEntry): { project: string | null; activity: string | null; description: string } {
  return { project: entry.project?.name ?? null, activity: entry.activity?.name ?? null, description: entry.description };
}

/** A refusal the domain found (a leave range, a year), thrown as the tool's. */
export function refusedInput(refusal: Refusal): ToolInputError {
  // One refusal of any code: the code and its facts belong together, which the arguments' type cannot follow through a union.
  return new ToolInputError(...([refusal.code, refusal.facts] as RefusalArgs));
}

/** What the domain could not read, refused with the argument's name (`start`, `first_day`). */
function unreadable(problem: ReadingProblem, field: string): ToolInputError {
  return refusedInput({ code: problem.code, facts: { ...problem.facts, field } } as Refusal);
}

export function readInstant(text: string, context: ToolContext, field: string): number {
  const parsed = parseInstant(text, context.timezone, context.now());
  if (!parsed.ok) throw unreadable(parsed.problem, field);
  const problem = yearProblem(localDate(parsed.epochMs, context.timezone));
  if (problem) throw unreadable(problem, field);
  if (parsed.twice) context.notes.push(noticeOf('time_read_twice', { field, ...parsed.twice }));
  return parsed.epochMs;
}

/** A time of day on a day already read (readDate), as readInstant reads a time. */
export function readTimeOfDayOn(text: string, date: string, context: ToolContext, field: string): number {
  const parsed = parseTimeOfDayOn(text, date, context.timezone, context.now());
  if (!parsed.ok) throw unreadable(parsed.problem, field);
  if (parsed.twice) context.notes.push(noticeOf('time_read_twice', { field, ...parsed.twice }));
  return parsed.epochMs;
}

/** A day as people write it, within the years Punchcard works with (call-limits.ts). */
export function readDate(text: string, context: ToolContext, field: string): string {
  const parsed = parseLocalDate(text, context.timezone, context.now());
  if (!parsed.ok) throw unreadable(parsed.problem, field);
  const problem = yearProblem(parsed.date);
  if (problem) throw unreadable(problem, field);
  return parsed.date;
}

export function readMinutes(text: string, field: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw unreadable(parsed.problem, field);
  return parsed.minutes;
}

/** Refuses instants in the future: a timesheet records what happened. A minute of clock skew is fine. */
export function notInFuture(epochMs: number, context: ToolContext, field: string): number {
  if (epochMs > context.now() + MINUTE_MS) throw new ToolInputError('time_in_future', { field, time: formatInstant(epochMs, context.timezone) });
  return Math.min(epochMs, context.now());
}

/** The span of an entry someone books: the end after the start, at most a day long, and not in the future. */
export function checkBookedSpan(start: number, end: number, context: ToolContext): void {
  if (end <= start) throw new ToolInputError('entry_end_not_after_start');
  if (end - start > 24 * 60 * MINUTE_MS) throw new ToolInputError('entry_over_a_day');
  notInFuture(end, context, 'end');
}

export function today(context: ToolContext): string {
  return localDate(context.now(), context.timezone);
}

/** How long a range one call may cover (call-limits.ts): in days, or in calendar years touched. */
export type RangeLimit = { days: number } | { years: number };

/**
 * Reads optional from/to days, each falling back to a default; `to` defaults per the resolved
 * `from`, so "from: yesterday" alone can mean that one day, or the rest of its year. The range is
 * held to `limit` here, before the caller does anything that grows with it.
 */
export function readDayRange(
  args: { from?: string | undefined; to?: string | undefined },
  context: ToolContext,
  defaults: { from: string; to: (from: string) => string },
  limit: RangeLimit,
): { from: string; to: string } {
  const from = args.from === undefined ? defaults.from : readDate(args.from, context, 'from');
  const to = args.to === undefined ? defaults.to(from) : readDate(args.to, context, 'to');
  if (to < from) throw new ToolInputError('range_reversed', { from, to });
  if ('days' in limit && daysBetween(from, to) + 1 > limit.days) {
    throw new ToolInputError('range_too_long', { from, to, days: daysBetween(from, to) + 1, limit: limit.days });
  }
  if ('years' in limit && yearsTouched(from, to) > limit.years) {
    throw new ToolInputError('range_too_many_years', { from, to, years: yearsTouched(from, to), limit: limit.years });
  }
  return { from, to };
}

/** This week up to today; with only a `from`, just that day. */
export function thisWeekOrOneDay(args: { from?: string | undefined }, context: ToolContext) {
  const now = today(context);
  return { from: startOfIsoWeek(now), to: (from: string) => (args.from === undefined ? now : from) };
}

/** [start of `from`, start of the day after `to`) in the user's zone. */
export function dayRange(from: string, to: string, context: ToolContext): { start: number; end: number } {
  return { start: startOfLocalDay(from, context.timezone), end: startOfLocalDay(addDays(to, 1), context.timezone) };
}

/**
 * Turns people's words for projects and activities into ids: an id ("12" or "#12") or a name in any
 * case. A word is looked up among what may be booked on first (for Kimai, two requests rather than
 * every list); only a word not found there loads the whole list of its kind, archived items and all,
 * to say precisely why (archived, or which names are close). An activity is looked up among the
 * chosen project's and the global ones: a back end whose activities live inside projects (Clockify's
 * tasks) then loads that one project's. Each list is fetched at most once per tool call.
 * Where the client can ask the person (context.ask), a word that fits several items, or none
 * exactly but some by part of their name ("design": "UI design", "Graphic design"), is asked about
 * instead of taking the first or failing.
 */
export function catalogLookup(context: ToolContext) {
  const loaded = new Map<string, Promise<Catalog>>();
  const load = (includeArchived: boolean, kind: 'project' | 'activity', projectId: number | null = null) => {
    const key = `${includeArchived}:${kind}:${projectId ?? ''}`;
    let catalog = loaded.get(key);
    if (!catalog) {
      catalog = context.tracker.catalog.catalog(includeArchived, [kind], projectId ?? undefined);
      loaded.set(key, catalog);
    }
    return catalog;
  };
  const { tracker } = context;
  return {
    /** `undefined` or '' means no project. */
    async project(text: string | undefined): Promise<number | null> {
      if (text === undefined || text.trim() === '') return null;
      const { projects } = await load(false, 'project');
      const chosen = askWhich(context, 'project', text, matching(projects, text), projects);
      if (chosen !== undefined) return chosen;
      const found = findCatalogItem(projects, text);
      if (found) return found.id;
      // A back end whose projects go beyond its listing (Tempo's Jira issues) names one by its key: Jira decides.
      const keyed = await tracker.catalog.projectByKey?.(text);
      if (keyed) return keyed.id;
      return pick((await load(true, 'project')).projects, text, 'project', context).id;
    },
    /**
     * A name may exist both for the chosen project and globally; the project's own one wins, which
     * is what a person choosing "Meeting" on that project means.
     */
    async activity(text: string | undefined, projectId: number | null): Promise<number | null> {
      if (text === undefined || text.trim() === '') return null;
      if (projectId === null && tracker.catalog.activitiesBelongToProjects) {
        throw new ToolInputError('activity_needs_project', { back_end: tracker.label });
      }
      const usable = usableActivities((await load(false, 'activity', projectId)).activities, projectId);
      const own = matching(
        usable.filter((activity) => projectId !== null && activity.project?.id === projectId),
        text,
      );
      const chosen = askWhich(context, 'activity', text, own.length > 0 ? own : matching(usable, text), usable);
      if (chosen !== undefined) return chosen;
      const found = usableActivity(usable, text, projectId);
      if (found) return found.id;
      const { activities } = await load(true, 'activity', projectId);
      const known = usableActivity(usableActivities(activities, projectId), text, projectId);
      if (known) return checkedArchived(known, tracker).id;
      return pick(activities, text, 'activity', context).id;
    },
  };
}

/** Those the activity may be booked with: the project's own and the global ones. */
function usableActivities(activities: readonly CatalogItem[], projectId: number | null): CatalogItem[] {
  return activities.filter((activity) => !activity.project || activity.project.id === projectId);
}

/** An activity of the project (preferred) or a global one, by id or name. */
function usableActivity(usable: readonly CatalogItem[], text: string, projectId: number | null): CatalogItem | undefined {
  const own = usable.filter((activity) => activity.project?.id === projectId && projectId !== null);
  const wanted = text.trim().toLowerCase();
  const byName = (list: readonly CatalogItem[]) => list.find((item) => item.name.toLowerCase() === wanted);
  return byName(own) ?? byName(usable) ?? findById(usable, text);
}

/** Every item `text` names exactly: by id, or by name in any case. */
function matching(items: readonly CatalogItem[], text: string): CatalogItem[] {
  const byId = findById(items, text);
  if (byId) return [byId];
  const wanted = text.trim().replace(/^#/, '').toLowerCase();
  const named = items.filter((item) => item.name.toLowerCase() === wanted);
  return named.length > 0 ? named : items.filter((item) => item.key?.toLowerCase() === wanted);
}

/** How many items a choice offers at most: a form, not a list to scroll. */
const MAX_CHOICES = 10;

/**
 * The id the person chose where the word is ambiguous and they can be asked; undefined where it is
 * not (one exact match), where they cannot be asked, or where nothing is close enough to offer.
 */
function askWhich(
  context: ToolContext,
  kind: 'project' | 'activity',
  text: string,
  exact: readonly CatalogItem[],
  items: readonly CatalogItem[],
): number | undefined {
  if (!context.ask.available || exact.length === 1) return undefined;
  const wanted = text.trim().replace(/^#/, '').toLowerCase();
  // Names close to the word are the catalog, offered only to a client that may list it.
  const close = context.catalogListed ? items.filter((item) => !item.archived && item.name.toLowerCase().includes(wanted)) : [];
  const candidates = exact.length > 1 ? exact : close;
  if (candidates.length === 0) return undefined;
  const several = candidates.length > 1;
  return context.ask.choose({
    key: kind,
    title: kind === 'project' ? 'Project' : 'Activity',
    message: several
      ? `"${quoted(text)}" fits ${exact.length > 1 ? 'several' : `${candidates.length}`} ${PLURALS[kind]}. Which one do you mean?`
      : `There is no ${kind} "${quoted(text)}". Do you mean this one?`,
    options: candidates.slice(0, MAX_CHOICES).map((item) => ({ id: item.id, label: choiceLabel(item) })),
    unchanged: `No ${kind} was chosen for "${text.trim()}"`,
  });
}

/** "UI design (Website, #12)": enough to tell items of one name apart. */
function choiceLabel(item: CatalogItem): string {
  const owner = item.kind === 'project' ? item.customer?.name : item.kind === 'activity' ? (item.project?.name ?? 'every project') : undefined;
  return `${quoted(item.name)} (${owner ? `${quoted(owner)}, ` : ''}#${item.id})`;
}

/** The item a word names exactly: by id (Punchcard's or the back end's own), by its whole name in any case, or by its key (a Jira issue's) in any case. */
export function findCatalogItem(items: readonly CatalogItem[], text: string): CatalogItem | undefined {
  const wanted = text.trim().replace(/^#/, '').toLowerCase();
  return findById(items, text) ?? items.find((item) => item.name.toLowerCase() === wanted) ?? items.find((item) => item.key?.toLowerCase() === wanted);
}

/** By Punchcard's number, or by the back end's own id where that is no number (a Clockify id pasted from its web app). */
function findById(items: readonly CatalogItem[], text: string): CatalogItem | undefined {
  const wanted = text.trim().replace(/^#/, '');
  if (/^\d+$/.test(wanted)) return items.find((item) => item.id === Number(wanted));
  return wanted === '' ? undefined : items.find((item) => item.remoteId === wanted);
}

const PLURALS: Record<CatalogKind, string> = { customer: 'customers', project: 'projects', activity: 'activities' };

/**
 * The item `text` names, archived ones refused in words; none found, the closest names (only to a
 * client offered list_catalog: the others learn no names from a refusal), and create_catalog_item
 * where the back end lets the person add one.
 */
function pick(items: CatalogItem[], text: string, kind: CatalogKind, context: Pick<ToolContext, 'tracker' | 'catalogListed'>): CatalogItem {
  const { tracker } = context;
  const found = findCatalogItem(items, text);
  if (found) return checkedArchived(found, tracker);
  const creatable = tracker.capabilities.has('catalog_write');
  // None at all, and none to be added (Calamari has no activities): the word is one to leave out.
  if (items.length === 0 && !creatable) throw new ToolInputError('catalog_kind_empty', { kind, name: text, back_end: tracker.label });
  const wanted = text.trim().replace(/^#/, '');
  const active = items.filter((item) => !item.archived);
  const close = active.filter((item) => item.name.toLowerCase().includes(wanted.toLowerCase())).slice(0, 5);
  const hint = close.length > 0 ? close : active.slice(0, 8);
  // The names are the catalog, offered only to a client that may list it.
  const known = context.catalogListed ? hint.map((item) => item.name) : [];
  throw new ToolInputError('catalog_item_unknown', { kind, name: text, listed: context.catalogListed, known, creatable });
}

/** An archived item is refused by name; restoring it is offered where the back end lets Punchcard do that. */
function checkedArchived(item: CatalogItem, tracker: Pick<TimeTracker, 'label' | 'capabilities'>): CatalogItem {
  if (item.archived) {
    throw new ToolInputError('catalog_item_archived', {
      kind: item.kind,
      name: item.name,
      restorable: tracker.capabilities.has('catalog_write'),
      back_end: tracker.label,
    });
  }
  return item;
}
