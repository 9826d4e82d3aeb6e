// The tracker's custom fields in the window's forms (issue 78): which to ask for on an entry, what the
// person's inputs send as the tools' `fields`, and which of them an engine refusal is about. The
// catalog says which fields each project requires (list_catalog); the engine checks them again and
// its fields_required or field_value_invalid refusal names the fields in its facts, never only in
// words. Pure, so it is tested without a window.
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';
import type { EntryFieldValues } from '../../window-contract/request-parts.ts';
import type { CatalogView, EntryFieldView } from '../../window-contract/timesheet.ts';

/** What an input holds: a text (text, number, single choice), a tick, or the choices ticked. */
export type FieldInput = string | boolean | string[];

/** The person's inputs by the field's name as the catalog spells it. */
export type FieldInputs = Readonly<Record<string, FieldInput>>;

/** A field shown in a form, and whether this entry must carry it. */
export interface AskedField extends EntryFieldView {
  requiredHere: boolean;
}

/** Names compared as the engine compares them: without case or accents. */
export function fieldKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/** The names of the fields a refusal is about: the missing ones, or the one whose value does not fit. */
export function refusedFieldNames(refusal: Refusal | undefined): string[] {
  if (refusal?.code === 'fields_required') return [...refusal.facts.missing];
  if (refusal?.code === 'field_value_invalid') return [refusal.facts.field];
  return [];
}

/** Whether the refusal is one the custom fields show beside themselves. */
export function isFieldsRefusal(refusal: Refusal | undefined): boolean {
  return refusedFieldNames(refusal).length > 0;
}

/**
 * The fields to ask for on an entry of `project`: those the project requires, those a refusal named
 * (a field the catalog does not list yet is asked as text, or as a choice of the refusal's choices),
 * and those the person has touched, so nothing typed is dropped when the project changes or the
 * refusal that asked for a field is gone.
 */
export function fieldsToAsk(
  catalog: Pick<CatalogView, 'fields' | 'requiredFields'> | undefined,
  /** The entry's project as typed (empty for none). */
  project: string,
  refusal: Refusal | undefined,
  inputs: FieldInputs,
): AskedField[] {
  const known = catalog?.fields ?? [];
  const required = new Set((catalog?.requiredFields.find((item) => fieldKey(item.project) === fieldKey(project))?.fields ?? []).map(fieldKey));
  const refused = refusedFieldNames(refusal);
  const missing = new Set(refusal?.code === 'fields_required' ? refusal.facts.missing.map(fieldKey) : []);
  const choicesOf = (name: string): string[] | undefined =>
    refusal?.code === 'fields_required'
      ? refusal.facts.choices[name]?.slice()
      : refusal?.code === 'field_value_invalid' && refusal.facts.choices
        ? refusal.facts.choices.slice()
        : undefined;
  const wanted = [...required, ...refused.map(fieldKey), ...Object.keys(inputs).map(fieldKey)];
  const asked: AskedField[] = [];
  const seen = new Set<string>();
  // In the catalog's order first, then the fields only a refusal named.
  for (const field of known) {
    const key = fieldKey(field.name);
    if (!wanted.includes(key) || seen.has(key)) continue;
    seen.add(key);
    asked.push({ ...field, requiredHere: required.has(key) || missing.has(key) });
  }
  for (const name of refused) {
    if (seen.has(fieldKey(name))) continue;
    seen.add(fieldKey(name));
    const choices = choicesOf(name);
    asked.push({
      name,
      type: choices ? 'choice' : 'text',
      required: missing.has(fieldKey(name)),
      ...(choices ? { choices } : {}),
      requiredHere: missing.has(fieldKey(name)),
    });
  }
  return asked;
}

/** Whether an input holds anything: an empty text or list and an unticked box do not. */
function filled(input: FieldInput | undefined): boolean {
  if (input === undefined || input === false) return false;
  return typeof input === 'string' ? input.trim() !== '' : input === true || input.length > 0;
}

/** An input as it is sent: a text trimmed, empty as undefined. */
function sent(input: FieldInput | undefined): string | boolean | string[] | undefined {
  if (!filled(input)) return undefined;
  return typeof input === 'string' ? input.trim() : input;
}

/**
 * What the inputs of the fields shown send as `fields`: the filled ones, texts trimmed, a number as
 * typed (the engine reads it), a ticked box as true; undefined when none is filled (nothing sent).
 */
export function fieldsToSend(asked: readonly AskedField[], inputs: FieldInputs): EntryFieldValues | undefined {
  const values: Record<string, string | boolean | string[]> = {};
  for (const field of asked) {
    const value = sent(inputs[field.name]);
    if (value !== undefined) values[field.name] = value;
  }
  return Object.keys(values).length > 0 ? values : undefined;
}

/** An entry's field values as the form's inputs: texts and numbers as text, a tick, the choices as texts. */
export function inputsOf(values: Readonly<Record<string, unknown>> | undefined): Record<string, FieldInput> {
  const inputs: Record<string, FieldInput> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string' || typeof value === 'boolean') inputs[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) inputs[name] = String(value);
    else if (Array.isArray(value)) inputs[name] = value.map(String);
  }
  return inputs;
}

/**
 * What a change of an entry sends as `fields`: only the fields whose input differs from the entry's
 * (the engine keeps those it is not given), one emptied as null (cleared), a box unticked as false;
 * undefined when none changed.
 */
export function fieldsChanged(asked: readonly AskedField[], inputs: FieldInputs, before: FieldInputs): EntryFieldValues | undefined {
  const values: Record<string, string | boolean | string[] | null> = {};
  for (const field of asked) {
    const now = sent(inputs[field.name]);
    if (JSON.stringify(now) === JSON.stringify(sent(before[field.name]))) continue;
    // A box unticked is false, not a cleared field.
    values[field.name] = field.type === 'checkbox' ? now === true : (now ?? null);
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
