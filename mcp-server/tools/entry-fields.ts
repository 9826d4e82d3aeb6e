// The `fields` of the tools that write a time entry, checked before anything is sent (docs/tools.md,
// "Custom fields"): on a back end without custom fields a `fields` given is refused; elsewhere the
// fields that apply to the entry's project are read (briefly cached by the back end) and the person's
// values checked against them by the pure core (domain/entry-fields.ts). A required field missing is
// refused with its name and choices, so the model asks the person instead of guessing.
import { type EntryFieldDefinition, type FieldWrite, fieldApplies, type FieldsRefusal, oversizedFields, resolveEntryFields } from '../domain/entry-fields.ts';
import type { EntryFieldsPart, TimeEntry, TimeTracker } from '../providers/time-tracker.ts';
import { ToolInputError } from './tool-input-error.ts';

export interface FieldsCheck {
  /** The entry's project and activity as they will be. */
  projectId: number | null;
  activityId: number | null;
  /** The values the entry carries already (a change, a running timer): they fill required fields. */
  present?: TimeEntry['fields'];
  /** Whether missing required fields are refused now; a timer the back end lets start without them is not. */
  checkRequired?: boolean;
  /** The draft of book_suggested_entries the values are for. */
  draft?: string;
  /** What the refusal says of the timer (clock_in, clock_out). */
  timer?: 'keeps_running' | 'not_started';
}

/** Whether the person gave any field at all: `fields: {}` asks for nothing. */
export function givesFields(given: Readonly<Record<string, unknown>> | undefined): given is Readonly<Record<string, unknown>> {
  return given !== undefined && Object.keys(given).length > 0;
}

/** `fields` given to a back end that keeps no custom fields: refused before anything is read or sent. */
export function refuseFieldsWithout(tracker: TimeTracker, given: Readonly<Record<string, unknown>> | undefined): void {
  if (!tracker.entryFields && givesFields(given)) throw new ToolInputError('custom_fields_none', { back_end: tracker.label });
}

/**
 * The values to write for the entry, or a refusal (ToolInputError) before anything is sent: `fields`
 * on a back end that keeps none; a value the tracker would not take; a required field without a value.
 * Undefined where there is nothing to write.
 */
export async function checkedFields(
  tracker: TimeTracker,
  given: Readonly<Record<string, unknown>> | undefined,
  check: FieldsCheck,
): Promise<FieldWrite[] | undefined> {
  const part = tracker.entryFields;
  if (!part) {
    refuseFieldsWithout(tracker, given);
    return undefined;
  }
  const oversized = oversizedFields(given);
  if (oversized) throw refusalOf(oversized, tracker.label, check);
  const definitions = await part.definitions(check.projectId);
  if (definitions.length === 0 && !givesFields(given)) return undefined;
  const customerId = await customerOf(part, definitions, check.projectId);
  const target = { projectId: check.projectId, activityId: check.activityId, customerId };
  const isAdmin = definitions.some((field) => field.adminOnly && fieldApplies(field, target)) ? await part.isAdmin() : false;
  const verdict = resolveEntryFields({
    definitions,
    target,
    given,
    present: new Set((check.present ?? []).filter((value) => hasValue(value.value)).map((value) => value.id)),
    isAdmin,
    form: part.valueForm,
    checkRequired: check.checkRequired ?? true,
  });
  if (!verdict.ok) throw refusalOf(verdict.refusal, tracker.label, check);
  return verdict.writes.length > 0 ? verdict.writes : undefined;
}

/** The customer of the project, where a field's scope names customers. */
async function customerOf(part: EntryFieldsPart, definitions: readonly EntryFieldDefinition[], projectId: number | null): Promise<number | null> {
  if (projectId === null || !part.customerOf || !definitions.some((field) => field.scope.customers !== undefined)) return null;
  return part.customerOf(projectId);
}

function hasValue(value: NonNullable<TimeEntry['fields']>[number]['value']): boolean {
  if (value === null || value === '' || value === false) return false;
  return !Array.isArray(value) || value.length > 0;
}

function refusalOf(refusal: FieldsRefusal, backEnd: string, check: FieldsCheck): ToolInputError {
  const draft = check.draft === undefined ? {} : { draft: check.draft };
  if (refusal.code === 'fields_required') {
    return new ToolInputError('fields_required', {
      back_end: backEnd,
      missing: refusal.missing,
      choices: refusal.choices,
      ...draft,
      ...(check.timer ? { timer: check.timer } : {}),
    });
  }
  const { code: _code, ...facts } = refusal;
  return new ToolInputError('field_value_invalid', { back_end: backEnd, ...facts, ...draft });
}
