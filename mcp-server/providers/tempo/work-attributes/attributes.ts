// Tempo's work attributes as Punchcard's fields of entries, and their values both ways: pure, unit-tested
// (docs/back-ends/tempo.md, "Work attributes"). A static list stores an immutable value and shows a name that may
// change: a person names a choice by its name (or its value), Tempo is sent the value, and an entry shows the name. An
// ACCOUNT attribute's choices are the site's open Tempo accounts, by name, sent as their keys. Every value goes to
// Tempo as text: a checkbox "true" or "false", a number as its digits. Tempo's required attributes are the site's,
// for every issue alike.
import { type EntryFieldDefinition, type EntryFieldType, type FieldValue, fieldKey } from '../../../domain/entry-fields.ts';
import type { TempoAccount, TempoWorkAttribute } from '../wire.ts';

/** An attribute as Punchcard reads it: its definition, and its choices' names and stored values both ways. */
export interface Attribute {
  definition: EntryFieldDefinition;
  /** Stored value → name, for a choice attribute. */
  names: ReadonlyMap<string, string>;
  /** Name (and stored value), compared as fieldKey does, → stored value. */
  values: ReadonlyMap<string, string>;
}

const TYPES: Readonly<Record<string, EntryFieldType>> = {
  STATIC_LIST: 'choice',
  ACCOUNT: 'choice',
  CHECKBOX: 'checkbox',
  INPUT_NUMERIC: 'number',
  INPUT_FIELD: 'text',
};

/**
 * An attribute as a field: named as Tempo shows it, its key as the label a person may use instead; a static list's
 * choices by name (each stored value under its name, the value itself the choice's second word); an ACCOUNT
 * attribute's choices the open accounts (by name, their keys as the values), or any key where the accounts are not
 * shown to this token. `preset`: the settings give it a value.
 */
export function attributeOf(attribute: TempoWorkAttribute, accounts: readonly TempoAccount[] | null, preset: boolean): Attribute {
  const name = attribute.name?.trim() || attribute.key;
  const type = attribute.type === 'ACCOUNT' && accounts === null ? 'text' : (TYPES[attribute.type ?? ''] ?? 'text');
  const pairs: Array<[string, string]> =
    attribute.type === 'STATIC_LIST'
      ? (attribute.values ?? []).filter((value) => typeof value === 'string' && value !== '').map((value) => [value, attribute.names?.[value]?.trim() || value])
      : attribute.type === 'ACCOUNT'
        ? (accounts ?? [])
            .filter((account) => typeof account.key === 'string' && account.key !== '')
            .map((account) => [account.key as string, account.name?.trim() || (account.key as string)])
        : [];
  const names = new Map(pairs);
  const values = new Map<string, string>();
  // A name first, then a value: a name equal to another choice's value means that choice, as a person reads the list.
  for (const [value, shown] of pairs) if (!values.has(fieldKey(shown))) values.set(fieldKey(shown), value);
  for (const [value] of pairs) if (!values.has(fieldKey(value))) values.set(fieldKey(value), value);
  // A choice is named by its name; its stored value is its second word, so a person may give either.
  const choices =
    type === 'choice' ? [...new Set(pairs.map(([, shown]) => shown))].map((shown) => ({ value: shown, title: valueOf(pairs, shown) })) : undefined;
  return {
    definition: {
      id: attribute.key,
      name,
      ...(name !== attribute.key ? { label: attribute.key } : {}),
      type,
      required: attribute.required === true,
      ...(choices ? { choices } : {}),
      active: true,
      scope: {},
      ...(preset ? { preset: true } : {}),
    },
    names,
    values,
  };
}

/** The stored value of the first choice shown as `shown`. */
function valueOf(pairs: ReadonlyArray<[string, string]>, shown: string): string {
  return pairs.find(([, name]) => name === shown)?.[0] ?? shown;
}

/**
 * A value as Tempo stores it, from a value the tools checked (a choice by its name, a checkbox as '1' or '0', a
 * number as digits): a choice's stored value, "true" or "false", text as it is. Undefined where a choice names none
 * of the attribute's (a settings value that was never checked).
 */
export function storedValue(attribute: Attribute, value: FieldValue): string | undefined {
  const { type } = attribute.definition;
  const text = Array.isArray(value) ? value.join(',') : String(value);
  if (type === 'choice') return attribute.values.get(fieldKey(text));
  if (type === 'checkbox') {
    const word = text.trim().toLowerCase();
    if (['1', 'true', 'yes'].includes(word)) return 'true';
    if (['0', 'false', 'no'].includes(word)) return 'false';
    return undefined;
  }
  if (type === 'number') return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? String(Number(text.trim())) : undefined;
  return text;
}

/** A stored value as an entry shows it: a choice by its name, a checkbox as true or false, a number as a number. */
export function shownValue(attribute: Attribute | undefined, value: string): string | number | boolean {
  if (!attribute) return value;
  const { type } = attribute.definition;
  if (type === 'choice') return attribute.names.get(value) ?? value;
  if (type === 'checkbox') return value.trim().toLowerCase() === 'true';
  if (type === 'number') {
    const number = Number(value);
    return value.trim() !== '' && Number.isFinite(number) ? number : value;
  }
  return value;
}

/** The attribute a name or key names, as a person writes it (any case, accents aside). */
export function attributeNamed(attributes: readonly Attribute[], name: string): Attribute | undefined {
  const wanted = fieldKey(name);
  return (
    attributes.find((attribute) => fieldKey(attribute.definition.name) === wanted) ??
    attributes.find((attribute) => fieldKey(attribute.definition.id) === wanted)
  );
}
