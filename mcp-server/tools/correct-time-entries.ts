import { refuseLockedEntriesOf } from './approval-lock.ts';
import type { CatalogItem } from '../domain/records.ts';
import {
  type CorrectionPlan,
  type CorrectionSet,
  type CorrectionSubject,
  type CorrectionWorld,
  entrySet,
  hoursOf,
  planCorrections,
} from '../domain/corrections.ts';
import { MAX_LIST_DAYS, MAX_REQUESTS_PER_CALL } from '../domain/call-limits.ts';
import { formatInstant, formatLocalTime, localDate } from '../domain/time.ts';
import { confirmByCountLine, correctTimeEntriesContract } from '../contract/tools/correct-time-entries.ts';
import { requestsLeft } from '../providers/remote/request-budget.ts';
import { causeOf, PartlyChangedError } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { quoted } from './asking.ts';
import { joined, modelText, outside, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { catalogLookup, dayRange, readDayRange, refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';
import { refuseAgentTags } from './agent-labels.ts';

/** How many entries the preview lists: enough to check, not a timesheet. */
const SHOWN = 20;

export default defineTool({
  ...correctTimeEntriesContract,
  async handler(args, context) {
    const part = context.tracker.corrections;
    const { from, to } = readDayRange(args, context, { from: args.from, to: () => args.to }, { days: MAX_LIST_DAYS });
    const { start, end } = dayRange(from, to, context);
    const wanted = args.set;
    if (Object.values(wanted).every((value) => value === undefined)) {
      throw new ToolInputError('corrections_nothing_set');
    }
    // What the back end cannot do at all is refused in its own words before anything is read (Clockodo keeps no tags).
    const refused = part.refusal?.({
      ...(wanted.billable === undefined ? {} : { billable: wanted.billable }),
      ...(wanted.exported === undefined ? {} : { exported: wanted.exported }),
      ...(wanted.add_tags === undefined || wanted.add_tags.length === 0 ? {} : { addTags: wanted.add_tags }),
    });
    if (refused) throw refusedInput(refused);
    refuseAgentTags(wanted.add_tags ?? [], 'set.add_tags', 'Nothing was changed.');
    const lookup = catalogLookup(context);
    const scopeProject = args.project === undefined ? undefined : ((await lookup.project(args.project)) ?? undefined);
    const scopeActivity = args.activity === undefined ? undefined : ((await lookup.activity(args.activity, scopeProject ?? null)) ?? undefined);
    const set: CorrectionSet = {};
    if (wanted.project !== undefined) set.projectId = (await lookup.project(wanted.project)) ?? undefined;
    if (wanted.activity !== undefined) set.activityId = (await lookup.activity(wanted.activity, set.projectId ?? scopeProject ?? null)) ?? undefined;
    if (wanted.billable !== undefined) set.billable = wanted.billable;
    if (wanted.exported !== undefined) set.exported = wanted.exported;
    if (wanted.add_tags !== undefined && wanted.add_tags.length > 0) set.addTags = await existingTags(wanted.add_tags, context);

    const world = await part.correctionWorld({
      from: start,
      to: end,
      ...(scopeProject === undefined ? {} : { projectId: scopeProject }),
      ...(scopeActivity === undefined ? {} : { activityId: scopeActivity }),
      ...(args.people === undefined || args.people.length === 0 ? {} : { people: args.people }),
    });
    if (set.exported === false && !world.editsExported) {
      throw new ToolInputError('corrections_unexport_denied');
    }
    const chosen = chosenEntries(world.entries, args.ids, args.people);
    const now = context.now();
    const plan = planCorrections(chosen, set, world, now);
    const catalog = await context.tracker.catalog.catalog(true, ['project', 'activity']);
    if (set.projectId !== undefined) checkActivitiesFit(plan, set, world, catalog.activities);
    // Approved time stays as approved, whoever's it is and although the back end may let an administrator through.
    await refuseLockedEntriesOf(context, plan.change);

    const preview = previewOf(plan, world.locked?.end, catalog, context, now);
    const words = previewWords(plan, set, lockWords(world, chosen, context), world, catalog, { from, to }, context);
    const count = plan.change.length;
    // A count confirmed where nothing would change is refused as any other wrong count: the person confirmed something else.
    if (args.confirm_count !== undefined && args.confirm_count !== count) {
      throw new ToolInputError('corrections_count_moved', { confirmed: args.confirm_count, now: count, preview: modelText(words) });
    }
    if (count === 0) return { data: { changed: false, ...preview }, text: words };
    // One request per entry (more where the back end marks exported apart): refused before the first is sent when the call cannot send them all.
    const left = requestsLeft();
    const each = part.requestsPerEntry?.(set) ?? 1;
    if (count * each > left) throw new ToolInputError('corrections_too_many_requests', { count, each, left, limit: MAX_REQUESTS_PER_CALL });
    if (!context.ask.available && args.confirm_count === undefined) {
      return { data: { changed: false, ...preview }, text: say`${words}\n${confirmByCountLine(count)}` };
    }
    context.ask.confirm({
      key: 'correct',
      message: questionWords(plan, set, lockWords(world, chosen, context), world, catalog),
      shows: {
        set,
        entries: plan.change.map((entry) => [entry.id, entry.projectId, entry.activityId, entry.billable, entry.exported, entry.tags]),
        ...(plan.cleared.length > 0 ? { cleared: plan.cleared.map((entry) => entry.id) } : {}),
      },
      unchanged: 'No entry was changed',
    });

    const done: CorrectionSubject[] = [];
    for (const entry of plan.change) {
      try {
        done.push(await part.correct(entry, entrySet(entry, set, world)));
      } catch (error) {
        throw stopped(error, done, plan.change.slice(done.length));
      }
    }
    return {
      data: { changed: true, ...preview },
      text: say`Changed ${count} ${count === 1 ? 'entry' : 'entries'} (${hoursWords(plan)}): ${changeWords(set, catalog)}${clearedWords(plan, world, catalog)}.${notTouchedWords(plan, world)}`,
    };
  },
});

/**
 * The failure that stopped the changes, with what was changed before it and what was not reached: what
 * was changed stays changed, and the person hears exactly which entries were and which were not. An
 * entry changed in part (PartlyChangedError) counts as changed; its own refusal says what is missing.
 */
function stopped(error: unknown, done: readonly CorrectionSubject[], left: readonly CorrectionSubject[]): unknown {
  const partly = error instanceof PartlyChangedError;
  const notChanged = (partly ? left.slice(1) : left).map((item) => item.id);
  if (done.length === 0 && (!partly || notChanged.length === 0)) return error;
  return new ToolInputError('corrections_stopped', { changed: done.map((item) => item.id), not_changed: notChanged, cause: causeOf(error) });
}

/** The tags named, each as the back end spells it; a name it does not know is refused (Kimai would drop it silently, Clockify tags by id). */
async function existingTags(names: readonly string[], context: ToolContext<'admin_corrections'>): Promise<string[]> {
  const known = await context.tracker.corrections.knownTags(names);
  const missing = names.filter((name) => !known.some((tag) => tag.toLowerCase() === name.trim().toLowerCase()));
  if (missing.length > 0) {
    const why = context.tracker.corrections.unknownTagWords ?? null;
    throw new ToolInputError('corrections_tag_unknown', { tags: missing.map((name) => quoted(name)), why });
  }
  return known;
}

function chosenEntries(entries: readonly CorrectionSubject[], ids: readonly number[] | undefined, people: readonly string[] | undefined): CorrectionSubject[] {
  let chosen = [...entries];
  if (ids !== undefined && ids.length > 0) {
    const wanted = new Set(ids);
    chosen = chosen.filter((entry) => wanted.has(entry.id));
  }
  if (people !== undefined && people.length > 0) {
    const words = people.map((person) => person.trim().replace(/^#/, '').toLowerCase());
    chosen = chosen.filter((entry) =>
      words.some((word) => word === String(entry.personId) || word === entry.person.toLowerCase() || word === entry.login.toLowerCase()),
    );
  }
  return chosen;
}

/**
 * A move to a project keeps each entry's activity only where it fits there: a global one, or the project's own. Where every
 * activity is a project's own (Clockify's tasks), the move takes an old project's activity off instead (plan.cleared), which a
 * back end requiring one on every entry would refuse: said here, before anything is sent.
 */
function checkActivitiesFit(plan: CorrectionPlan, set: CorrectionSet, world: CorrectionWorld, activities: readonly CatalogItem[]): void {
  const required = world.projectActivities?.required;
  if (required !== undefined && plan.cleared.length > 0) {
    const noun = world.projectActivities?.noun ?? 'activity';
    throw new ToolInputError('corrections_activity_required', { requirement: required, noun, ...firstIds(plan.cleared) });
  }
  const misfits = plan.change.filter((entry) => {
    if (plan.cleared.includes(entry)) return false;
    const activity = activities.find((item) => item.id === (set.activityId ?? entry.activityId));
    return activity?.project && activity.project.id !== set.projectId;
  });
  if (misfits.length > 0) throw new ToolInputError('corrections_activity_misfit', firstIds(misfits));
}

type Catalog = { projects: readonly CatalogItem[]; activities: readonly CatalogItem[] };

/** The ids of the first five, and how many more there are. */
function firstIds(entries: readonly CorrectionSubject[]): { entries: number[]; more: number } {
  return { entries: entries.slice(0, 5).map((entry) => entry.id), more: Math.max(0, entries.length - 5) };
}

/** "#3, #4", the first five of them and how many more. */
function someIds(entries: readonly CorrectionSubject[]): string {
  const ids = entries.slice(0, 5).map((entry) => `#${entry.id}`);
  return `${ids.join(', ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}`;
}

/** The hours a correction changes, naming the entries still running (counted up to now). */
function hoursWords(plan: CorrectionPlan): string {
  return `${plan.hours} h${plan.running.length > 0 ? `, ${someIds(plan.running)} still running` : ''}`;
}

/** The activities a move takes off, where it does (Clockify's tasks): `; task cleared on #3 ("Design"), #4 ("Development")`. */
function clearedWords(plan: CorrectionPlan, world: CorrectionWorld, catalog: Catalog): Sentence {
  if (plan.cleared.length === 0) return [];
  const each = plan.cleared.slice(0, 5).map((entry) => say`#${entry.id} (${nameOf(catalog.activities, entry.activityId)})`);
  const more = plan.cleared.length > 5 ? ` and ${plan.cleared.length - 5} more` : '';
  return say`; ${world.projectActivities?.noun ?? 'activity'} cleared on ${joined(each, ', ')}${more}`;
}

/** What a preview line adds about an entry: that it runs, that the move takes its activity off. */
function entryNotes(entry: CorrectionSubject, plan: CorrectionPlan, world: CorrectionWorld, catalog: Catalog): Sentence {
  const notes: Sentence[] = [
    ...(entry.end === null ? [['running']] : []),
    ...(plan.cleared.includes(entry) ? [say`${world.projectActivities?.noun ?? 'activity'} ${nameOf(catalog.activities, entry.activityId)} cleared`] : []),
  ];
  return notes.length > 0 ? say` (${joined(notes, '; ')})` : [];
}

/** An item's name as the tracker's words, `#id` where the catalog does not have it, nothing for none. */
const nameOf = (items: readonly CatalogItem[], id: number | null): Sentence => {
  if (id === null) return [];
  const name = items.find((item) => item.id === id)?.name;
  return name === undefined ? [`#${id}`] : [outside(name)];
};
/** The same for the structured answer: the name as it came. */
const plainNameOf = (items: readonly CatalogItem[], id: number | null) => (id === null ? '' : (items.find((item) => item.id === id)?.name ?? `#${id}`));
const localStamp = (instant: number, context: ToolContext) => `${localDate(instant, context.timezone)} ${formatLocalTime(instant, context.timezone)}`;

function previewOf(plan: CorrectionPlan, lockedEnd: number | undefined, catalog: Catalog, context: ToolContext, now: number) {
  return {
    count: plan.change.length,
    hours: plan.hours,
    locked_until: lockedEnd === undefined ? null : formatInstant(lockedEnd, context.timezone),
    not_touched: [
      ...plan.locked.map((entry) => ({ id: entry.id, start: formatInstant(entry.start, context.timezone), person: entry.person, reason: 'locked' as const })),
      ...plan.exported.map((entry) => ({
        id: entry.id,
        start: formatInstant(entry.start, context.timezone),
        person: entry.person,
        reason: 'exported' as const,
      })),
    ],
    entries: plan.change.slice(0, SHOWN).map((entry) => ({
      id: entry.id,
      start: formatInstant(entry.start, context.timezone),
      hours: hoursOf(entry, now),
      person: entry.person,
      project: plainNameOf(catalog.projects, entry.projectId),
      activity: plainNameOf(catalog.activities, entry.activityId),
    })),
  };
}

function changeWords(set: CorrectionSet, catalog: Catalog): Sentence {
  const parts: Sentence[] = [];
  if (set.projectId !== undefined) parts.push(say`project ${nameOf(catalog.projects, set.projectId)}`);
  if (set.activityId !== undefined) parts.push(say`activity ${nameOf(catalog.activities, set.activityId)}`);
  if (set.billable !== undefined) parts.push([set.billable ? 'billable' : 'not billable']);
  if (set.exported !== undefined) parts.push([set.exported ? 'exported' : 'not exported']);
  if (set.addTags !== undefined) parts.push(say`tags + ${joined(set.addTags.map(outside), ', ')}`);
  return joined(parts, ', ');
}

function notTouchedWords(plan: CorrectionPlan, world: Pick<CorrectionWorld, 'exportedWords'>): string {
  const ids = (list: readonly CorrectionSubject[]) => list.map((entry) => `#${entry.id}`).join(', ');
  return (
    (plan.locked.length > 0 ? ` Not touched, in the locked period: ${ids(plan.locked)}.` : '') +
    (plan.exported.length > 0 ? ` Not touched, exported (${world.exportedWords ?? 'changing them needs edit_exported_timesheet'}): ${ids(plan.exported)}.` : '')
  );
}

/** The locks in words: the back end's own where it gives them, else Kimai's lockdown from the settings (or that none is known). */
function lockWords(world: CorrectionWorld, chosen: readonly CorrectionSubject[], context: ToolContext): string {
  if (world.lockWords !== undefined) return ` ${world.lockWords(new Set(chosen.map((entry) => entry.personId)))}`;
  return world.locked === undefined
    ? ' Locked periods are unknown: Kimai publishes none, and the settings name none (provider.lockdown).'
    : ` Locked up to ${localStamp(world.locked.end, context)}.`;
}

function previewWords(
  plan: CorrectionPlan,
  set: CorrectionSet,
  locks: string,
  world: CorrectionWorld,
  catalog: Catalog,
  range: { from: string; to: string },
  context: ToolContext,
): Sentence {
  const count = plan.change.length;
  const head =
    count === 0
      ? say`No entry from ${range.from} to ${range.to} among ${world.covers} would change.`
      : say`Would change ${count} ${count === 1 ? 'entry' : 'entries'} (${hoursWords(plan)}) from ${range.from} to ${range.to} among ${world.covers}: ${changeWords(set, catalog)}${clearedWords(plan, world, catalog)}.`;
  const lines = plan.change
    .slice(0, SHOWN)
    .map(
      (entry) =>
        say`#${entry.id} ${localStamp(entry.start, context)} ${outside(entry.person)}: ${nameOf(catalog.projects, entry.projectId)} / ${nameOf(catalog.activities, entry.activityId)}${entryNotes(entry, plan, world, catalog)}`,
    );
  return joined([say`${head}${notTouchedWords(plan, world)}${locks}${plan.unchanged > 0 ? ` ${plan.unchanged} already as asked.` : ''}`, ...lines], '\n');
}

/** The question: the preview in short, for a dialog (asking.ts cuts it at its length). */
function questionWords(plan: CorrectionPlan, set: CorrectionSet, locks: string, world: CorrectionWorld, catalog: Catalog): string {
  const count = plan.change.length;
  const ids = plan.change.map((entry) => `#${entry.id}`).join(', ');
  return `Change ${count} ${count === 1 ? 'entry' : 'entries'} (${hoursWords(plan)}) to ${modelText(changeWords(set, catalog))}${modelText(clearedWords(plan, world, catalog))}?${notTouchedWords(plan, world)}${locks} Entries: ${ids}`;
}
