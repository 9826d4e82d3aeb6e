// The owner's part of the fake Clockodo's catalog and entries (docs/back-ends/clockodo.md, "Administration"):
// what a PUT of a customer, project or service may change beyond its name, billable default and `active`
// (a note; a project's budget, start, deadline and customer), which only the owner may change, and the
// per-person edit lock that keeps an entry from being changed. fake-clockodo.ts calls these from its
// routes. Where the facts are unknown the comments say "Assumption".
import { addDays, localDate } from '../../../../mcp-server/domain/time.ts';
import { HttpAnswer } from '../../../support/fake-server.ts';

/** What these rules read of a request body (fake-clockodo.ts's Fields). */
export interface BodyFields {
  readonly bad: string[];
  has(name: string): boolean;
  text(name: string): string | null | undefined;
  id(name: string): number | undefined;
  nullableDate(name: string): string | null | undefined;
  readonly source: Record<string, unknown>;
}

export interface AdminCatalogItem {
  id: number;
  note?: string | null;
  /** Projects only. */
  customersId?: number;
  budget?: { amount: number; monetary: boolean; hard: boolean; from_subprojects: boolean } | null;
  startDate?: string | null;
  deadline?: string | null;
}

/** The fields only the owner changes (assumption: a manager's grants are not modelled, so managers and workers get 403). */
const OWNER_FIELDS: Record<string, readonly string[]> = {
  customer: ['note'],
  project: ['note', 'budget', 'start_date', 'deadline', 'customers_id'],
  service: ['note'],
};
/** Fields a kind does not have: a PUT naming one is a 400 (assumption: Clockodo's strict schemas refuse unknown fields). */
const FOREIGN_FIELDS: Record<string, readonly string[]> = {
  customer: ['budget', 'start_date', 'deadline', 'customers_id'],
  project: [],
  service: ['budget', 'start_date', 'deadline', 'customers_id', 'billable_default'],
};

/**
 * Applies the owner's fields of `input` to `draft` (a copy), or answers why not: 403 for anyone but the
 * owner, 400 for a malformed or foreign field, 422 for a customer that does not exist or a start after the deadline.
 */
export function applyOwnerFields(
  what: string,
  draft: AdminCatalogItem,
  input: BodyFields,
  caller: { role: string },
  customerExists: (id: number) => boolean,
  answers: { forbidden: (message: string) => HttpAnswer; badRequest: (message: string, fields: string[]) => HttpAnswer },
): HttpAnswer | null {
  const foreign = (FOREIGN_FIELDS[what] ?? []).filter((field) => input.has(field));
  if (foreign.length > 0) return answers.badRequest(`A ${what} has no ${foreign.join(', ')}.`, foreign);
  const named = (OWNER_FIELDS[what] ?? []).filter((field) => input.has(field));
  if (named.length === 0) return null;
  if (caller.role !== 'owner') return answers.forbidden(`Only the owner may change the ${named.join(', ')} of a ${what}.`);
  const note = input.text('note');
  if (note !== undefined) draft.note = note;
  if (what === 'project') {
    const start = input.nullableDate('start_date');
    const deadline = input.nullableDate('deadline');
    const customersId = input.id('customers_id');
    if (input.has('budget')) {
      const budget = readBudget(input.source.budget, draft.budget?.hard ?? false);
      if (budget === undefined) input.bad.push('budget');
      else draft.budget = budget;
    }
    if (input.bad.length > 0) return answers.badRequest('Invalid parameters.', input.bad);
    if (start !== undefined) draft.startDate = start;
    if (deadline !== undefined) draft.deadline = deadline;
    if (draft.startDate && draft.deadline && draft.startDate > draft.deadline)
      return unprocessable('InvalidDateRange', 'The start date must not be after the deadline.', 'deadline');
    if (customersId !== undefined) {
      if (!customerExists(customersId))
        return unprocessable('ResourcesNotFound', 'The customer does not exist.', 'customers_id', { not_found_ids: [customersId] });
      draft.customersId = customersId;
    }
  }
  return input.bad.length > 0 ? answers.badRequest('Invalid parameters.', input.bad) : null;
}

/** The v4 budget object, or null for none; undefined when malformed. Assumption: `hard` left out keeps the one kept. */
function readBudget(value: unknown, hard: boolean): AdminCatalogItem['budget'] | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const budget = value as Record<string, unknown>;
  if (typeof budget.amount !== 'number' || !Number.isFinite(budget.amount) || budget.amount < 0) return undefined;
  if (typeof budget.monetary !== 'boolean') return undefined;
  if (budget.hard !== undefined && typeof budget.hard !== 'boolean') return undefined;
  return { amount: budget.amount, monetary: budget.monetary, hard: (budget.hard as boolean | undefined) ?? hard, from_subprojects: false };
}

function unprocessable(type: string, message: string, path: string, details: Record<string, unknown> | null = null): HttpAnswer {
  return new HttpAnswer(422, { errors: [{ error: { type, message, details, path } }] });
}

/**
 * Whether a person's edit lock covers an entry that starts at `start`: `edit_lock` locks their entries
 * up to that day, in their zone; `edit_lock_dyn` (assumption: days before today) everything older.
 */
export function editLocked(start: number, user: { editLock?: string | null; editLockDyn?: number | null; timezone: string }, now: number): boolean {
  const day = localDate(start, user.timezone);
  if (user.editLock && day <= user.editLock) return true;
  return typeof user.editLockDyn === 'number' && day < addDays(localDate(now, user.timezone), -user.editLockDyn);
}
