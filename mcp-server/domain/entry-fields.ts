// The fields a company adds to every time entry (Clockify's custom fields, Kimai's meta fields), as
// one shape for every back end, and the pure check of what a person gives for them against what the
// tracker requires (docs/tools.md, "Custom fields"): which fields apply to an entry (its project,
// activity, customer), which of them are missing, and the values to write, typed as the tracker
// takes them. A back end reads its definitions and writes the values; this file decides nothing else.

import { MAX_FIELD_TEXT, MAX_FIELDS_GIVEN } from '../contract/entry-field-bounds.ts';

/**
 * What a field holds, in one vocabulary for every tracker: free text (a link, an e-mail, a date as
 * text), a number, a checkbox, one of a list of choices, or several of them.
 */
export type EntryFieldType = 'text' | 'number' | 'checkbox' | 'choice' | 'choices';

/** One choice of a choice field: the value the tracker stores, and its title where it shows another. */
export interface FieldChoice {
  value: string;
  title: string;
}

/**
 * The entries a field applies to, by the local numbers of their customer, project and activity. A
 * list left out places no condition; every list given must hold the entry's item. `exceptProjects`:
 * projects where the field is switched off (a Clockify project's own setting).
 */
export interface EntryFieldScope {
  customers?: readonly number[];
  projects?: readonly number[];
  activities?: readonly number[];
  exceptProjects?: readonly number[];
}

/** A field the tracker keeps on time entries, as a back end reports it. */
export interface EntryFieldDefinition {
  /** The tracker's own key for the field: Clockify's custom-field id, Kimai's field name. */
  id: string;
  /** The name the tracker gives it: what the person's `fields` keys name. */
  name: string;
  /** What the tracker's pages show, where it differs from the name. */
  label?: string;
  type: EntryFieldType;
  required: boolean;
  /** A choice field's choices, in the tracker's order. */
  choices?: readonly FieldChoice[];
  /** Only the tracker's administrators may set it: never asked of anyone else. */
  adminOnly?: boolean;
  /** Switched off in the tracker: never asked, never written. */
  active: boolean;
  scope: EntryFieldScope;
  /** The tracker fills a value in itself where none is given (a project's default): a required field with one is not missing. */
  preset?: boolean;
}

/** A value as the tracker takes it: Clockify's typed values, or text (Kimai keeps every value as a string). */
export type FieldValue = string | number | boolean | readonly string[];

/** How the back end writes values: typed by the field's type (Clockify), or every one as text (Kimai). */
export type ValueForm = 'typed' | 'text';

/** One value to write; null clears the field (a typed back end: Clockify; a text one writes an empty text). */
export interface FieldWrite {
  id: string;
  name: string;
  value: FieldValue | null;
}

/** A field's value as an entry carries it, for reading back (list_time_entries). */
export interface FieldReading {
  name: string;
  value: FieldValue | null;
}

/** Where an entry is, for the fields that apply to it. */
export interface EntryTarget {
  projectId: number | null;
  activityId: number | null;
  customerId: number | null;
}

/** Why a value is refused: a field the tracker does not know (or not for this entry), a wrong type, a value not among the choices, a field only admins set. */
export type FieldProblem = 'unknown' | 'not_here' | 'type' | 'choice' | 'admin_only' | 'too_long' | 'too_many';

/** `fields` past the contract's bounds, refused before anything is read: an oversized call costs nothing. */
export function oversizedFields(given: Readonly<Record<string, unknown>> | undefined): FieldsRefusal | undefined {
  if (given === undefined) return undefined;
  const names = Object.keys(given);
  if (names.length > MAX_FIELDS_GIVEN) return { code: 'field_value_invalid', field: 'fields', problem: 'too_many' };
  const long = names.find((name) => name.length > MAX_FIELD_TEXT || textLength(given[name]) > MAX_FIELD_TEXT);
  return long === undefined ? undefined : { code: 'field_value_invalid', field: long.slice(0, 200), problem: 'too_long' };
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  return Array.isArray(value) ? value.reduce((sum: number, item) => sum + (typeof item === 'string' ? item.length : 0), 0) : 0;
}

export type FieldsRefusal =
  | {
      code: 'fields_required';
      /** The missing fields' names. */
      missing: string[];
      /** Each missing choice field's choices, by its name. */
      choices: Record<string, string[]>;
    }
  | {
      code: 'field_value_invalid';
      /** The key as the person gave it, or the field's name where it was found. */
      field: string;
      problem: FieldProblem;
      /** The field's type, where the value was of another. */
      expected?: EntryFieldType;
      /** The choices, where the value was not one. */
      choices?: string[];
      /** The fields this entry takes, where the key named none of them. */
      known?: string[];
    };

export type FieldsVerdict = { ok: true; writes: FieldWrite[] } | { ok: false; refusal: FieldsRefusal };

export interface FieldsQuestion {
  /** Every field the tracker reports, so a field of another project is told apart from one it does not know. */
  definitions: readonly EntryFieldDefinition[];
  target: EntryTarget;
  /** The person's `fields`, keys as they typed them. */
  given: Readonly<Record<string, unknown>> | undefined;
  /** Ids of the fields that already have a value on the entry (a change, a running timer): not missing. */
  present?: ReadonlySet<string>;
  isAdmin: boolean;
  form: ValueForm;
  /** Whether a missing required field is refused now (a timer Clockify lets start without them: not yet). */
  checkRequired: boolean;
}

/** A key or name compared without case, accents or surrounding and repeated spaces ("Kostenstelle" = "kostenstelle", "Réf" = "ref"). */
export function fieldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}

/** Whether the field applies to an entry at `target` (its scope; inactive fields apply nowhere). */
export function fieldApplies(field: EntryFieldDefinition, target: EntryTarget): boolean {
  if (!field.active) return false;
  const { scope } = field;
  const holds = (list: readonly number[] | undefined, id: number | null) => list === undefined || (id !== null && list.includes(id));
  if (target.projectId !== null && scope.exceptProjects?.includes(target.projectId)) return false;
  return holds(scope.customers, target.customerId) && holds(scope.projects, target.projectId) && holds(scope.activities, target.activityId);
}

/** The fields that apply to an entry at `target`, and that the person may set. */
export function fieldsFor(definitions: readonly EntryFieldDefinition[], target: EntryTarget, isAdmin: boolean): EntryFieldDefinition[] {
  return definitions.filter((field) => fieldApplies(field, target) && (isAdmin || !field.adminOnly));
}

/** The required fields of an entry at `target` that the person is asked for (list_catalog names them per project). */
export function requiredFieldsFor(definitions: readonly EntryFieldDefinition[], target: EntryTarget, isAdmin: boolean): EntryFieldDefinition[] {
  const required = fieldsFor(definitions, target, isAdmin).filter((field) => field.required && !field.preset);
  // A field may be defined once per place it applies to (Kimai's rules): it is one field.
  return required.filter((field, index) => required.findIndex((other) => other.id === field.id) === index);
}

/** The choices as a refusal names them: the values to send. */
export function choiceWords(field: EntryFieldDefinition): string[] {
  return (field.choices ?? []).filter((choice) => choice.value !== '').map((choice) => choice.value);
}

/**
 * The values to write for an entry at `target`, or why not: a key that names no field of this entry,
 * a value of the wrong type or not among the choices, a field only admins set (`field_value_invalid`,
 * the first found); else, where `checkRequired`, every required field that has no value, given or on
 * the entry already (`fields_required`, all of them at once, so the person is asked once).
 */
export function resolveEntryFields(question: FieldsQuestion): FieldsVerdict {
  const { definitions, target, given, isAdmin, form } = question;
  const present = question.present ?? new Set<string>();
  const applying = definitions.filter((field) => fieldApplies(field, target));
  const writes: FieldWrite[] = [];
  const filled = new Set<string>();
  for (const [key, raw] of Object.entries(given ?? {})) {
    const field = findField(applying, key);
    if (!field) {
      const elsewhere = findField(definitions, key);
      const known = [...new Set(fieldsFor(definitions, target, isAdmin).map((item) => item.name))];
      return invalid(elsewhere?.name ?? key, elsewhere ? 'not_here' : 'unknown', { known });
    }
    if (field.adminOnly && !isAdmin) return invalid(field.name, 'admin_only');
    const read = readValue(field, raw, form);
    if (!read.ok) return { ok: false, refusal: read.refusal };
    if (writes.some((write) => write.id === field.id)) continue;
    writes.push({ id: field.id, name: field.name, value: read.value });
    if (!isEmpty(read.value, field)) filled.add(field.id);
  }
  if (question.checkRequired) {
    const missing = requiredFieldsFor(definitions, target, isAdmin).filter(
      (field) => !filled.has(field.id) && !(present.has(field.id) && !writes.some((write) => write.id === field.id)),
    );
    if (missing.length > 0) {
      const choices: Record<string, string[]> = {};
      for (const field of missing) if (field.type === 'choice' || field.type === 'choices') choices[field.name] = choiceWords(field);
      return { ok: false, refusal: { code: 'fields_required', missing: missing.map((field) => field.name), choices } };
    }
  }
  return { ok: true, writes };
}

function invalid(
  field: string,
  problem: FieldProblem,
  more: Omit<Extract<FieldsRefusal, { code: 'field_value_invalid' }>, 'code' | 'field' | 'problem'> = {},
): FieldsVerdict {
  return { ok: false, refusal: { code: 'field_value_invalid', field, problem, ...more } };
}

/** The field a key names: by its name, else by its label where only one field has it. */
function findField(fields: readonly EntryFieldDefinition[], key: string): EntryFieldDefinition | undefined {
  const wanted = fieldKey(key);
  const byName = fields.find((field) => fieldKey(field.name) === wanted);
  if (byName) return byName;
  const byLabel = fields.filter((field) => field.label !== undefined && fieldKey(field.label) === wanted);
  // One field may be defined by several rules (Kimai's): the label is still one field's.
  return new Set(byLabel.map((field) => field.id)).size === 1 ? byLabel[0] : undefined;
}

/** A value that fills nothing: an empty text or list, and an unticked box (a mandatory checkbox must be ticked). */
function isEmpty(value: FieldValue | null, field: EntryFieldDefinition): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (field.type === 'checkbox') return value === false || value === '0';
  return value === '';
}

type ValueRead = { ok: true; value: FieldValue | null } | { ok: false; refusal: FieldsRefusal };

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A given value as the field takes it, in the back end's form; null and an empty text clear the field. */
function readValue(field: EntryFieldDefinition, raw: unknown, form: ValueForm): ValueRead {
  const wrong = (): ValueRead => ({ ok: false, refusal: { code: 'field_value_invalid', field: field.name, problem: 'type', expected: field.type } });
  // Cleared: Clockify takes null; Kimai keeps every value as text, an unticked box as 0.
  if (raw === null || raw === '') return { ok: true, value: form === 'typed' ? null : field.type === 'checkbox' ? '0' : '' };
  switch (field.type) {
    case 'text':
      if (typeof raw === 'string') return { ok: true, value: raw };
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
      return wrong();
    case 'number': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(number)) return wrong();
      return { ok: true, value: form === 'text' ? String(number) : number };
    }
    case 'checkbox': {
      const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
      const checked =
        raw === true || (word !== undefined && TRUE_WORDS.has(word))
          ? true
          : raw === false || (word !== undefined && FALSE_WORDS.has(word))
            ? false
            : undefined;
      if (checked === undefined) return wrong();
      return { ok: true, value: form === 'text' ? (checked ? '1' : '0') : checked };
    }
    case 'choice': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return wrong();
      const choice = findChoice(field, String(raw));
      if (!choice) return { ok: false, refusal: { code: 'field_value_invalid', field: field.name, problem: 'choice', choices: choiceWords(field) } };
      return { ok: true, value: choice.value };
    }
    case 'choices': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : undefined;
      if (!items || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) return wrong();
      const values: string[] = [];
      for (const item of items) {
        const choice = findChoice(field, String(item));
        if (!choice) return { ok: false, refusal: { code: 'field_value_invalid', field: field.name, problem: 'choice', choices: choiceWords(field) } };
        if (!values.includes(choice.value)) values.push(choice.value);
      }
      return { ok: true, value: form === 'text' ? values.join(',') : values };
    }
  }
}

/** The choice a word names: its value, else its title, without case or accents. */
function findChoice(field: EntryFieldDefinition, word: string): FieldChoice | undefined {
  const wanted = fieldKey(word);
  const choices = (field.choices ?? []).filter((choice) => choice.value !== '');
  return choices.find((choice) => fieldKey(choice.value) === wanted) ?? choices.find((choice) => fieldKey(choice.title) === wanted);
}
