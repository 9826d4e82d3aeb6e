// What a prompt argument completes to (completion/complete), as a person types it: days, weeks and
// months around today; the back end's own projects, activities and leave types. Names come from
// the back end only while a tool that reads them is offered (list_catalog, list_leave_requests): a
// client may not learn through completions what the settings or the policy keep from it.
import type { ToolName } from '../contract/tool-catalog.ts';
import { LEAVE_TYPES } from '../contract/vocabulary.ts';
import { addDays, isoWeekday, isValidDate, startOfIsoWeek } from '../domain/time.ts';
import type { Catalog, LeaveRequest } from '../providers/time-tracker.ts';
import type { CompletionSource } from './define-prompt.ts';

/** The spec's ceiling on values per answer. */
export const MAX_COMPLETIONS = 100;

export interface CompletionContext {
  today: string;
  offered: (tool: ToolName) => boolean;
  /** Active projects and activities (archived left out). */
  catalog: () => Promise<Catalog>;
  /** The person's leave requests of this year and the last, for the kinds the back end names. */
  leave: () => Promise<LeaveRequest[]>;
}

export async function complete(
  source: CompletionSource,
  value: string,
  argumentsSoFar: Readonly<Record<string, string>>,
  context: CompletionContext,
): Promise<string[]> {
  const typed = value.trim().toLowerCase();
  const candidates = await candidatesFor(source, typed, argumentsSoFar, context);
  const unique = [...new Set(candidates)];
  const starting = unique.filter((candidate) => candidate.toLowerCase().startsWith(typed));
  // Names match anywhere ("design" finds "UI design"); dates and words only from the start.
  const inside = NAMED.has(source) ? unique.filter((candidate) => !starting.includes(candidate) && candidate.toLowerCase().includes(typed)) : [];
  return [...starting, ...inside].slice(0, MAX_COMPLETIONS);
}

const NAMED: ReadonlySet<CompletionSource> = new Set(['project', 'activity', 'leave_type']);

async function candidatesFor(
  source: CompletionSource,
  typed: string,
  argumentsSoFar: Readonly<Record<string, string>>,
  context: CompletionContext,
): Promise<string[]> {
  const { today } = context;
  switch (source) {
    case 'date':
      return ['today', 'yesterday', ...monthOf(typed), ...range(0, 13).map((back) => addDays(today, -back))];
    case 'week': {
      const monday = startOfIsoWeek(today);
      return ['this', 'last', 'next', ...monthOf(typed), ...range(0, 7).map((back) => addDays(monday, -7 * back))];
    }
    case 'month':
      return ['this', 'last', ...range(0, 11).map((back) => monthsBefore(today, back))];
    case 'from': {
      const nextMonday = addDays(startOfIsoWeek(today), 7);
      return [
        'tomorrow',
        ...monthOf(typed),
        ...range(0, 7).map((ahead) => addDays(nextMonday, 7 * ahead)),
        ...range(1, 6).map((ahead) => `${monthsBefore(today, -ahead)}-01`),
      ];
    }
    case 'to': {
      const from = argumentsSoFar.from !== undefined && isValidDate(argumentsSoFar.from.trim()) ? argumentsSoFar.from.trim() : addDays(today, 1);
      // The Fridays after the first day off, then the last days of the months ahead.
      const friday = addDays(from, (5 - isoWeekday(from) + 7) % 7);
      return [
        ...monthOf(typed),
        ...range(0, 7).map((ahead) => addDays(friday, 7 * ahead)),
        ...range(0, 5).map((ahead) => addDays(`${monthsBefore(from, -ahead - 1)}-01`, -1)),
      ];
    }
    case 'days':
      return ['1', '2', '3', '4', '5', '10', '15', '20'];
    case 'project':
      if (!context.offered('list_catalog')) return [];
      return (await context.catalog()).projects.map((project) => project.name);
    case 'activity': {
      if (!context.offered('list_catalog')) return [];
      const { projects, activities } = await context.catalog();
      const chosen = argumentsSoFar.project?.trim().toLowerCase();
      const project = chosen ? projects.find((item) => item.name.toLowerCase() === chosen) : undefined;
      // The chosen project's own activities first, then those every project may use.
      const own = project ? activities.filter((activity) => activity.project?.id === project.id) : [];
      const global = activities.filter((activity) => !activity.project);
      return [...own, ...global].map((activity) => activity.name);
    }
    case 'leave_type': {
      const kinds = context.offered('list_leave_requests')
        ? (await context.leave()).map((request) => request.kind).filter((kind): kind is string => Boolean(kind))
        : [];
      return [...LEAVE_TYPES, ...kinds];
    }
  }
}

/** Every day of the month a typed "2026-12" or "2026-12-" names, so a partial date completes. */
function monthOf(typed: string): string[] {
  const match = /^(\d{4}-\d{2})(-\d?)?$/.exec(typed);
  if (!match || !isValidDate(`${match[1]}-01`)) return [];
  const first = `${match[1]}-01`;
  return range(0, 30)
    .map((day) => addDays(first, day))
    .filter((date) => date.startsWith(match[1] as string));
}

function monthsBefore(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
