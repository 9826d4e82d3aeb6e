// What suggest_entries and book_suggested_entries both do first: read the person's evidence for a
// range of days, what is booked there and in the 60 days before now, resolve the settings' rules to
// catalog items, and draft the days (evidence/drafts.ts). book_suggested_entries recomputes exactly
// this, so an id it is given means the same draft the person was shown.
import { EVIDENCE_LIMITS, type EvidenceItem, type EvidenceReader, type SkippedSource } from '../evidence/evidence.ts';
import { evidenceSourcesOn, type EvidenceSource } from '../contract/evidence-sources.ts';
import type { EvidenceRule } from '../contract/evidence-settings.ts';
import { draftEntries, type Draft, type DraftRule, type PastBooking } from '../evidence/drafts.ts';
import type { Ref, TimeEntry } from '../providers/time-tracker.ts';
import type { ToolContext } from './context.ts';
import { noticeOf } from '../contract/outcomes/notices.ts';
import { dayRange, findCatalogItem, readDayRange } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

const DAY_MS = 24 * 60 * 60_000;
/** How far back the person's own bookings teach which project a ticket, a meeting or a repository belongs to. */
const PAST_DAYS = 60;
/** The bookings one call reads: the range's own, and the past ones it learns from (most recent first). */
const BOOKED_LIMIT = 1000;
const PAST_LIMIT = 500;

const SOURCE_WORDS: Record<EvidenceSource, string> = {
  calendar: 'calendars',
  git: 'git repositories',
  activity: "the app's activity journal",
  ai: 'AI sessions',
};

export interface DraftedDays {
  from: string;
  to: string;
  drafts: Draft[];
  booked: TimeEntry[];
  unmapped: { source: EvidenceSource; text: string; minutes: number }[];
  skipped: SkippedSource[];
}

/** The sources a call reads: those asked for (default: every one that is on); one asked for but off is skipped in words. */
function chosenSources(asked: readonly EvidenceSource[] | undefined, context: ToolContext): { read: EvidenceSource[]; skipped: SkippedSource[] } {
  const on = evidenceSourcesOn(context.settings.evidence, context.evidence?.hosted);
  const wanted = asked === undefined ? on : [...new Set(asked)];
  const hosted = context.evidence?.hosted ?? [];
  // A host that reads its own sources (the team server) has no Evidence settings to send the person to.
  const notOn = (source: EvidenceSource) =>
    hosted.length > 0
      ? `${capitalised(SOURCE_WORDS[source])} are not read here: this server drafts from ${hosted.map((one) => SOURCE_WORDS[one]).join(' and ')} alone.`
      : `${capitalised(SOURCE_WORDS[source])} are not switched on: name them in the window's Evidence settings.`;
  const skipped = wanted.filter((source) => !on.includes(source)).map((source) => ({ source, problem: notOn(source) }));
  return { read: wanted.filter((source) => on.includes(source)), skipped };
}

/** The days [from, to] drafted from the evidence, at most EVIDENCE_LIMITS.days of them. */
export async function draftDays(
  args: { from: string; to?: string | undefined; sources?: readonly EvidenceSource[] | undefined },
  context: ToolContext,
): Promise<DraftedDays> {
  const { from, to } = readDayRange(args, context, { from: args.from, to: (day) => day }, { days: EVIDENCE_LIMITS.days });
  const reader = context.evidence;
  if (reader === null) throw new ToolInputError('evidence_not_read_here');
  const range = dayRange(from, to, context);
  const { read, skipped } = chosenSources(args.sources, context);
  const [readings, booked, past, rules] = await Promise.all([
    Promise.all(read.map((source) => readSource(reader, source, context, range))),
    bookedIn(context, range),
    pastBookings(context),
    resolvedRules(context.settings.evidence.rules, context),
  ]);
  const evidence: EvidenceItem[] = [];
  for (const reading of readings) {
    evidence.push(...reading.items);
    skipped.push(...reading.skipped);
  }
  const keyed = await keyedTickets(evidence, context);
  const { drafts, unmapped } = draftEntries({
    evidence,
    booked: booked.map((entry) => ({
      id: entry.id,
      start: entry.start,
      end: entry.end ?? context.now(),
      project: entry.project,
      ...(entry.span ? { span: entry.span, activity: entry.activity, description: entry.description } : {}),
    })),
    rules,
    past,
    ...(keyed.size > 0 ? { keyed } : {}),
    from,
    to,
    now: context.now(),
    timezone: context.timezone,
  });
  return { from, to, drafts, booked, unmapped, skipped };
}

/** The most ticket ids one call asks the tracker to resolve: a day's evidence names a few. */
const MAX_KEYED_TICKETS = 50;

/**
 * The evidence's ticket ids that the tracker resolves as projects of its own (Tempo's Jira issues, by key), so a
 * commit or a meeting naming `WEB-12` drafts its time on that issue; none where the tracker names projects by no key.
 */
async function keyedTickets(evidence: readonly EvidenceItem[], context: ToolContext): Promise<ReadonlyMap<string, Ref>> {
  const resolve = context.tracker.catalog.projectsByKey;
  const tickets = [...new Set(evidence.flatMap((item) => item.tickets))].slice(0, MAX_KEYED_TICKETS);
  if (!resolve || tickets.length === 0) return new Map();
  const found = await resolve.call(context.tracker.catalog, tickets);
  return new Map([...found].map(([ticket, item]) => [ticket, { id: item.id, name: item.name }]));
}

/** One source, its failures turned into a sentence: a source that throws must not cost the others. */
async function readSource(reader: EvidenceReader, source: EvidenceSource, context: ToolContext, range: { start: number; end: number }) {
  try {
    return await reader.read(source, context.settings.evidence, { from: range.start, to: range.end, timezone: context.timezone });
  } catch (error) {
    context.log(`Reading ${SOURCE_WORDS[source]} failed: ${(error as Error).message}`);
    return { items: [], skipped: [{ source, problem: `${capitalised(SOURCE_WORDS[source])} could not be read: ${(error as Error).message}` }] };
  }
}

async function bookedIn(context: ToolContext, range: { start: number; end: number }): Promise<TimeEntry[]> {
  const { entries, total } = await context.tracker.entries.listEntries({ from: range.start, to: range.end, limit: BOOKED_LIMIT, offset: 0 });
  if (total > entries.length) throw new ToolInputError('evidence_too_many_booked', { total, limit: BOOKED_LIMIT });
  return entries;
}

/** The person's own bookings of the 60 days before now, most recent first: what a ticket or a title was booked on before. */
async function pastBookings(context: ToolContext): Promise<PastBooking[]> {
  const now = context.now();
  const { entries } = await context.tracker.entries.listEntries({ from: now - PAST_DAYS * DAY_MS, to: now, limit: PAST_LIMIT, offset: 0 });
  return entries
    .filter((entry) => entry.project !== null && entry.description.trim() !== '')
    .map((entry) => ({ start: entry.start, description: entry.description, project: entry.project, activity: entry.activity }))
    .sort((a, b) => b.start - a.start);
}

/**
 * The settings' rules with their project and activity found in the catalog (by id or by name, any
 * case; archived ones are not booked on). A rule whose project or activity is not there is left out,
 * and the answer says so: a draft is never mapped to a guess.
 */
async function resolvedRules(rules: readonly EvidenceRule[], context: ToolContext): Promise<DraftRule[]> {
  if (rules.length === 0) return [];
  const catalog = await context.tracker.catalog.catalog(false, ['project', 'activity']);
  const resolved: DraftRule[] = [];
  for (const rule of rules) {
    const project = findCatalogItem(catalog.projects, rule.project);
    if (!project) {
      context.notes.push(noticeOf('evidence_rule_project_unknown', { match: rule.match, project: rule.project }));
      continue;
    }
    let activity: Ref | null = null;
    if (rule.activity !== undefined) {
      const usable = catalog.activities.filter((item) => item.project === undefined || item.project === null || item.project.id === project.id);
      const found = findCatalogItem(usable, rule.activity);
      if (!found) {
        context.notes.push(noticeOf('evidence_rule_activity_unknown', { match: rule.match, activity: rule.activity, project: project.name }));
        continue;
      }
      activity = { id: found.id, name: found.name };
    }
    resolved.push({ ...(rule.source ? { source: rule.source } : {}), match: rule.match, project: { id: project.id, name: project.name }, activity });
  }
  return resolved;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
