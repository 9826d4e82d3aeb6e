// Tempo's work attributes as fields, and their values both ways (mcp-server/providers/tempo/work-attributes/attributes.ts):
// a static list's choices by the names people see, sent as the values Tempo stores; an ACCOUNT attribute's choices the
// open accounts by name, sent as their keys (any key where the accounts are not shown); checkboxes and numbers as the
// text Tempo takes; an attribute found by its name or its key.
import { describe, expect, it } from 'vitest';
import { resolveEntryFields } from '../../../../mcp-server/domain/entry-fields.ts';
import { attributeNamed, attributeOf, shownValue, storedValue } from '../../../../mcp-server/providers/tempo/work-attributes/attributes.ts';

const workType = attributeOf(
  { key: '_WorkType_', name: 'Work Type', type: 'STATIC_LIST', required: true, values: ['dev', 'meet'], names: { dev: 'Development', meet: 'Meeting' } },
  null,
  false,
);
const account = attributeOf(
  { key: '_Account_', name: 'Account', type: 'ACCOUNT', required: false },
  [{ key: 'ACME-1', name: 'Acme support', status: 'OPEN' }],
  false,
);
const billable = attributeOf({ key: '_Billable_', name: 'Billable', type: 'CHECKBOX', required: false }, null, true);
const hours = attributeOf({ key: '_Hours_', name: 'Hours', type: 'INPUT_NUMERIC', required: false }, null, false);

describe('an attribute as a field', () => {
  it('names a static list’s choices as Tempo shows them, its key the label a person may use instead', () => {
    expect(workType.definition).toEqual({
      id: '_WorkType_',
      name: 'Work Type',
      label: '_WorkType_',
      type: 'choice',
      required: true,
      choices: [
        { value: 'Development', title: 'dev' },
        { value: 'Meeting', title: 'meet' },
      ],
      active: true,
      scope: {},
    });
    expect(billable.definition).toMatchObject({ type: 'checkbox', preset: true });
    expect(hours.definition.type).toBe('number');
  });

  it("takes an ACCOUNT attribute's choices from the open accounts, and any key where they are not shown", () => {
    expect(account.definition).toMatchObject({ type: 'choice', choices: [{ value: 'Acme support', title: 'ACME-1' }] });
    expect(attributeOf({ key: '_Account_', name: 'Account', type: 'ACCOUNT', required: false }, null, false).definition.type).toBe('text');
  });

  it('finds an attribute by its name or its key, in any case', () => {
    expect(attributeNamed([workType, account], 'work type')).toBe(workType);
    expect(attributeNamed([workType, account], '_account_')).toBe(account);
    expect(attributeNamed([workType, account], 'Activity')).toBeUndefined();
  });
});

describe('values both ways', () => {
  it('sends a choice as the value Tempo stores, whether named by its name or its value; none for a value it does not have', () => {
    expect(storedValue(workType, 'Development')).toBe('dev');
    expect(storedValue(workType, 'meeting')).toBe('meet');
    expect(storedValue(workType, 'dev')).toBe('dev');
    expect(storedValue(workType, 'Coding')).toBeUndefined();
    expect(storedValue(account, 'Acme support')).toBe('ACME-1');
  });

  it('sends a checkbox as "true" or "false" and a number as its digits', () => {
    expect(storedValue(billable, '1')).toBe('true');
    expect(storedValue(billable, '0')).toBe('false');
    expect(storedValue(billable, 'maybe')).toBeUndefined();
    expect(storedValue(hours, '2.50')).toBe('2.5');
    expect(storedValue(hours, 'two')).toBeUndefined();
  });

  it('shows a stored value as a person reads it', () => {
    expect(shownValue(workType, 'meet')).toBe('Meeting');
    expect(shownValue(workType, 'gone')).toBe('gone');
    expect(shownValue(billable, 'true')).toBe(true);
    expect(shownValue(hours, '3')).toBe(3);
    expect(shownValue(undefined, 'kept')).toBe('kept');
  });

  it('is checked by the tools as any field is: a choice by name, a required one missing said with its choices', () => {
    const check = (given: Record<string, unknown> | undefined) =>
      resolveEntryFields({
        definitions: [workType.definition],
        target: { projectId: 1, activityId: null, customerId: null },
        given,
        isAdmin: false,
        form: 'text',
        checkRequired: true,
      });
    expect(check({ 'work type': 'Meeting' })).toEqual({ ok: true, writes: [{ id: '_WorkType_', name: 'Work Type', value: 'Meeting' }] });
    expect(check(undefined)).toEqual({
      ok: false,
      refusal: { code: 'fields_required', missing: ['Work Type'], choices: { 'Work Type': ['Development', 'Meeting'] } },
    });
    expect(check({ 'Work Type': 'Coding' })).toMatchObject({
      ok: false,
      refusal: { code: 'field_value_invalid', problem: 'choice', choices: ['Development', 'Meeting'] },
    });
  });
});
