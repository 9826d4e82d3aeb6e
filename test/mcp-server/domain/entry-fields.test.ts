// The pure check of a person's `fields` against the fields a tracker requires (mcp-server/domain/entry-fields.ts):
// which fields apply to an entry, which required ones are missing, what a value of each type becomes for
// a typed back end (Clockify) and a text one (Kimai), and every refusal with its facts.
import { describe, expect, it } from 'vitest';
import {
  type EntryFieldDefinition,
  fieldApplies,
  fieldKey,
  type FieldsQuestion,
  oversizedFields,
  requiredFieldsFor,
  resolveEntryFields,
} from '../../../mcp-server/domain/entry-fields.ts';

const TICKET: EntryFieldDefinition = { id: 'f1', name: 'Ticket', type: 'text', required: true, active: true, scope: {} };
const COST: EntryFieldDefinition = {
  id: 'f2',
  name: 'Kostenstelle',
  label: 'Cost centre',
  type: 'choice',
  required: true,
  choices: [
    { value: '', title: '' },
    { value: 'sales', title: 'Sales' },
    { value: 'rd', title: 'Research & Development' },
  ],
  active: true,
  scope: { projects: [7] },
};
const HOURS: EntryFieldDefinition = { id: 'f3', name: 'Hours billed', type: 'number', required: false, active: true, scope: {} };
const APPROVED: EntryFieldDefinition = { id: 'f4', name: 'Approved', type: 'checkbox', required: true, adminOnly: true, active: true, scope: {} };
const TAGS: EntryFieldDefinition = {
  id: 'f5',
  name: 'Réf clients',
  type: 'choices',
  required: false,
  choices: [
    { value: 'A', title: 'A' },
    { value: 'B', title: 'B' },
  ],
  active: true,
  scope: {},
};
const OLD: EntryFieldDefinition = { id: 'f6', name: 'Old', type: 'text', required: true, active: false, scope: {} };
const ALL = [TICKET, COST, HOURS, APPROVED, TAGS, OLD];

const ON_WEBSITE = { projectId: 7, activityId: 3, customerId: 1 };
const ON_INTERNAL = { projectId: 8, activityId: null, customerId: null };

function ask(given: Record<string, unknown> | undefined, more: Partial<FieldsQuestion> = {}) {
  return resolveEntryFields({ definitions: ALL, target: ON_WEBSITE, given, isAdmin: false, form: 'typed', checkRequired: true, ...more });
}

describe('which fields apply to an entry', () => {
  it('by project, customer and activity; a list left out places no condition; inactive fields apply nowhere', () => {
    expect(fieldApplies(TICKET, ON_INTERNAL)).toBe(true);
    expect(fieldApplies(COST, ON_WEBSITE)).toBe(true);
    expect(fieldApplies(COST, ON_INTERNAL)).toBe(false);
    expect(fieldApplies(COST, { projectId: null, activityId: null, customerId: null })).toBe(false);
    expect(fieldApplies(OLD, ON_WEBSITE)).toBe(false);
    const scoped = { ...TICKET, scope: { customers: [1], activities: [3] } };
    expect(fieldApplies(scoped, ON_WEBSITE)).toBe(true);
    expect(fieldApplies(scoped, { ...ON_WEBSITE, activityId: 4 })).toBe(false);
    expect(fieldApplies(scoped, { ...ON_WEBSITE, customerId: 2 })).toBe(false);
  });

  it('leaves out the projects that switch a field off', () => {
    const off = { ...TICKET, scope: { exceptProjects: [8] } };
    expect(fieldApplies(off, ON_WEBSITE)).toBe(true);
    expect(fieldApplies(off, ON_INTERNAL)).toBe(false);
  });

  it('names the required fields of a project, not those only admins set, one per field however many rules define it', () => {
    expect(requiredFieldsFor(ALL, ON_WEBSITE, false).map((field) => field.name)).toEqual(['Ticket', 'Kostenstelle']);
    expect(requiredFieldsFor(ALL, ON_WEBSITE, true).map((field) => field.name)).toEqual(['Ticket', 'Kostenstelle', 'Approved']);
    expect(requiredFieldsFor([TICKET, { ...TICKET, scope: { projects: [7] } }], ON_WEBSITE, false)).toHaveLength(1);
    expect(requiredFieldsFor([{ ...TICKET, preset: true }], ON_WEBSITE, false)).toEqual([]);
  });
});

describe('keys', () => {
  it('match without case, accents or extra spaces', () => {
    expect(fieldKey('  Réf   Clients ')).toBe('ref clients');
    expect(fieldKey('KOSTENSTELLE')).toBe('kostenstelle');
  });
});

describe('the values to write', () => {
  it('typed as Clockify takes them: a number, a boolean, a list, text', () => {
    const verdict = ask({ ticket: 'T-1', KOSTENSTELLE: 'Sales', 'hours billed': '2.5', 'ref clients': ['a', 'B'] });
    expect(verdict).toEqual({
      ok: true,
      writes: [
        { id: 'f1', name: 'Ticket', value: 'T-1' },
        { id: 'f2', name: 'Kostenstelle', value: 'sales' },
        { id: 'f3', name: 'Hours billed', value: 2.5 },
        { id: 'f5', name: 'Réf clients', value: ['A', 'B'] },
      ],
    });
  });

  it('as text for Kimai: a number as written, a checkbox 1 or 0, a list comma-separated, a choice by its value', () => {
    const verdict = ask(
      { Ticket: 1234, 'Cost centre': 'Research & Development', 'Hours billed': 3, 'Réf clients': 'B', approved: true },
      { form: 'text', isAdmin: true },
    );
    expect(verdict).toEqual({
      ok: true,
      writes: [
        { id: 'f1', name: 'Ticket', value: '1234' },
        { id: 'f2', name: 'Kostenstelle', value: 'rd' },
        { id: 'f3', name: 'Hours billed', value: '3' },
        { id: 'f5', name: 'Réf clients', value: 'B' },
        { id: 'f4', name: 'Approved', value: '1' },
      ],
    });
  });

  it('reads a checkbox from a boolean or its words, and a label where no name matches', () => {
    const verdict = ask({ Ticket: 'x', 'cost centre': 'rd', approved: 'yes' }, { isAdmin: true });
    expect(verdict.ok && verdict.writes.find((write) => write.id === 'f4')?.value).toBe(true);
    expect(verdict.ok && verdict.writes.find((write) => write.id === 'f2')?.value).toBe('rd');
  });

  it('counts the values an entry has already as given, unless the person clears one', () => {
    expect(ask({}, { present: new Set(['f1', 'f2']) })).toEqual({ ok: true, writes: [] });
    expect(ask({ Ticket: '' }, { present: new Set(['f1', 'f2']) })).toEqual({
      ok: false,
      refusal: { code: 'fields_required', missing: ['Ticket'], choices: {} },
    });
  });

  it('clears a field with null or an empty text: null for Clockify, an empty text (an unticked box 0) for Kimai', () => {
    expect(ask({ 'hours billed': null }, { checkRequired: false })).toEqual({ ok: true, writes: [{ id: 'f3', name: 'Hours billed', value: null }] });
    expect(ask({ 'hours billed': '', approved: null }, { checkRequired: false, form: 'text', isAdmin: true })).toEqual({
      ok: true,
      writes: [
        { id: 'f3', name: 'Hours billed', value: '' },
        { id: 'f4', name: 'Approved', value: '0' },
      ],
    });
  });

  it('does not check required fields where the back end holds them only later (a Clockify timer)', () => {
    expect(ask({ 'hours billed': 1 }, { checkRequired: false })).toEqual({ ok: true, writes: [{ id: 'f3', name: 'Hours billed', value: 1 }] });
  });
});

describe('refusals', () => {
  it('fields_required: every missing field at once, with the choices of a choice field, admins-only and inactive ones never asked', () => {
    expect(ask(undefined)).toEqual({
      ok: false,
      refusal: { code: 'fields_required', missing: ['Ticket', 'Kostenstelle'], choices: { Kostenstelle: ['sales', 'rd'] } },
    });
    expect(ask({ ticket: 'T-1' }, { target: ON_INTERNAL })).toEqual({ ok: true, writes: [{ id: 'f1', name: 'Ticket', value: 'T-1' }] });
  });

  it('a mandatory checkbox must be ticked', () => {
    const verdict = ask({ Ticket: 'x', Kostenstelle: 'rd', Approved: false }, { isAdmin: true });
    expect(verdict).toEqual({ ok: false, refusal: { code: 'fields_required', missing: ['Approved'], choices: {} } });
  });

  it('field_value_invalid: a field the tracker does not know, with the fields this entry takes', () => {
    expect(ask({ Tiket: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'field_value_invalid', field: 'Tiket', problem: 'unknown', known: ['Ticket', 'Kostenstelle', 'Hours billed', 'Réf clients'] },
    });
  });

  it('field_value_invalid: a field of another project, and an inactive one', () => {
    expect(ask({ kostenstelle: 'rd' }, { target: ON_INTERNAL })).toMatchObject({ ok: false, refusal: { field: 'Kostenstelle', problem: 'not_here' } });
    expect(ask({ old: 'x' })).toMatchObject({ ok: false, refusal: { field: 'Old', problem: 'not_here' } });
  });

  it('field_value_invalid: a value of the wrong type', () => {
    expect(ask({ 'hours billed': 'two' })).toEqual({
      ok: false,
      refusal: { code: 'field_value_invalid', field: 'Hours billed', problem: 'type', expected: 'number' },
    });
    expect(ask({ Ticket: true })).toMatchObject({ ok: false, refusal: { field: 'Ticket', problem: 'type', expected: 'text' } });
    expect(ask({ 'Réf clients': [1, { a: 1 }] })).toMatchObject({ ok: false, refusal: { problem: 'type', expected: 'choices' } });
    expect(ask({ approved: 'maybe' }, { isAdmin: true })).toMatchObject({ ok: false, refusal: { problem: 'type', expected: 'checkbox' } });
  });

  it('field_value_invalid: a value not among the choices, naming them', () => {
    expect(ask({ Ticket: 'x', Kostenstelle: 'Marketing' })).toEqual({
      ok: false,
      refusal: { code: 'field_value_invalid', field: 'Kostenstelle', problem: 'choice', choices: ['sales', 'rd'] },
    });
    expect(ask({ 'Réf clients': ['A', 'C'] })).toMatchObject({ ok: false, refusal: { problem: 'choice', choices: ['A', 'B'] } });
  });

  it('field_value_invalid: a field only admins set, given by someone else', () => {
    expect(ask({ Approved: true })).toEqual({ ok: false, refusal: { code: 'field_value_invalid', field: 'Approved', problem: 'admin_only' } });
  });

  it('refuses a wrong value before it asks for a missing one', () => {
    expect(ask({ 'hours billed': 'x' })).toMatchObject({ ok: false, refusal: { code: 'field_value_invalid' } });
  });

  it('with no fields at all, refuses any key and asks for nothing', () => {
    const none = { definitions: [], target: ON_WEBSITE, isAdmin: false, form: 'text', checkRequired: true } as const;
    expect(resolveEntryFields({ ...none, given: undefined })).toEqual({ ok: true, writes: [] });
    expect(resolveEntryFields({ ...none, given: { ticket: 'x' } })).toEqual({
      ok: false,
      refusal: { code: 'field_value_invalid', field: 'ticket', problem: 'unknown', known: [] },
    });
  });
});

describe('the bounds of what a call gives', () => {
  it('takes up to 50 fields and texts of up to 5,000 characters, each text of a list counted together', () => {
    expect(oversizedFields(undefined)).toBeUndefined();
    expect(oversizedFields(Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`f${index}`, 'x'.repeat(5000)])))).toBeUndefined();
    expect(oversizedFields(Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`f${index}`, 1])))).toEqual({
      code: 'field_value_invalid',
      field: 'fields',
      problem: 'too_many',
    });
    expect(oversizedFields({ Ticket: 'x'.repeat(5001) })).toMatchObject({ field: 'Ticket', problem: 'too_long' });
    expect(oversizedFields({ Tags: ['x'.repeat(3000), 'y'.repeat(2001)] })).toMatchObject({ field: 'Tags', problem: 'too_long' });
    expect(oversizedFields({ ['n'.repeat(6000)]: 1 })).toMatchObject({ field: 'n'.repeat(200), problem: 'too_long' });
  });
});
