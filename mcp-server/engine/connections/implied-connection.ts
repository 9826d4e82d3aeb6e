// How a call that names no connection may still say where it goes (docs/several-trackers.md, "How a
// call finds its connection"): a record number only one connection handed out, a project (activity,
// customer) only one connection's catalog has (a Jira issue's key: only one connection's Jira shows it), the one running timer for clock_out and the breaks.
// Reading catalogs and timers to find out is allowed; nothing is written here. A connection that does
// not answer in time is left out of the finding (the call then goes as the rest of the rule says).
import type { TrackerRequiredWhy } from '../../contract/outcomes/connections.ts';
import type { ToolName } from '../../contract/tool-catalog.ts';
import { MAX_REQUESTS_PER_CALL } from '../../domain/call-limits.ts';
import type { Catalog } from '../../domain/records.ts';
import { withRequestBudget } from '../../providers/remote/request-budget.ts';
import type { TimeTracker } from '../../providers/time-tracker.ts';
import { findCatalogItem } from '../../tools/shared.ts';
import type { ConnectionIds } from './connection-ids.ts';
import type { ConnectionView } from './connection-view.ts';
import { idsNamed } from './handed-out.ts';

/**
 * The connections a call implies: one (it goes there), several (a write is refused with `why`), or none (null); no
 * names with `id_elsewhere` where the numbers it names were given out only by a tracker that is not among these now.
 */
export type Implied = { names: string[]; why: TrackerRequiredWhy } | null;

/** The tools a running timer decides: the one that runs is the one they act on. */
const TIMER_BOUND: ReadonlySet<ToolName> = new Set(['clock_out', 'start_break', 'end_break']);

/** What the catalog names a call's arguments may give, and the catalog's list each is found in. */
const NAMED_ITEMS = [
  ['project', 'projects'],
  ['activity', 'activities'],
  ['customer', 'customers'],
] as const;

export interface FindingOptions {
  ids: ConnectionIds | undefined;
  /** How long asking one connection may take (a call's deadline). */
  deadlineMs: number;
}

export async function impliedConnections(
  tool: ToolName,
  input: Record<string, unknown>,
  views: readonly ConnectionView[],
  options: FindingOptions,
): Promise<Implied> {
  const offering = views.filter((view) => view.offers(tool));
  const named = idsNamed(tool, input);
  if (named && options.ids) {
    const holders = new Set<string>();
    for (const id of named.ids) for (const holder of await options.ids.holders(named.kind, id)) holders.add(holder);
    const names = inOrder(views, holders);
    if (names.length > 0) return { names, why: 'ambiguous_id' };
    // Given out by a connection that is gone, or is another login or address now: never the default's by guess.
    if (holders.size > 0) return { names: [], why: 'id_elsewhere' };
  }
  if (TIMER_BOUND.has(tool)) {
    const running = await connectionsWhere(offering, options.deadlineMs, async (tracker) => (await tracker.timer.runningEntry()) !== null);
    return running.length > 0 ? { names: running, why: 'several_timers' } : null;
  }
  const wanted = NAMED_ITEMS.filter(([argument]) => typeof input[argument] === 'string' && (input[argument] as string).trim() !== '');
  if (wanted.length === 0) return null;
  const having = await connectionsWhere(offering, options.deadlineMs, async (tracker) => {
    if (!('catalog' in tracker) || !tracker.catalog) return false;
    const kinds = wanted.map(([argument]) => argument);
    const catalog: Catalog = await tracker.catalog.catalog(false, kinds);
    for (const [argument, list] of wanted) {
      const text = input[argument] as string;
      if (findCatalogItem(catalog[list], text) !== undefined) continue;
      // A project beyond the listing, named by its key (Tempo's Jira issues): the connection whose back end shows it has it.
      if (argument === 'project' && (await tracker.catalog.projectByKey?.(text).catch(() => undefined)) !== undefined) continue;
      return false;
    }
    return true;
  });
  return having.length > 0 ? { names: having, why: 'ambiguous_project' } : null;
}

/** The names of the connections where `test` holds, asked side by side, each within its own budget and the deadline. */
async function connectionsWhere(views: readonly ConnectionView[], deadlineMs: number, test: (tracker: TimeTracker) => Promise<boolean>): Promise<string[]> {
  const answers = await Promise.all(
    views.map(async (view) => {
      try {
        const tracker = await view.tracker();
        return (await withinDeadline(
          withRequestBudget(MAX_REQUESTS_PER_CALL, () => test(tracker)),
          deadlineMs,
        ))
          ? view.name
          : null;
      } catch {
        // A connection that cannot say is not one the call names.
        return null;
      }
    }),
  );
  return answers.filter((name): name is string => name !== null);
}

/** `work`, or a rejection once `ms` passed (the work goes on, unheard). */
export function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The names in `found`, in the settings' order. */
function inOrder(views: readonly ConnectionView[], found: ReadonlySet<string>): string[] {
  return views.filter((view) => found.has(view.name)).map((view) => view.name);
}
