// Which of the tracker's custom fields the window's forms ask for, what they send as `fields`, and
// which fields an engine refusal is about (renderer/src/custom-fields.ts, issue 78).
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../mcp-server/contract/outcomes/refusals.ts';
import { fieldsChanged, fieldsToAsk, fieldsToSend, inputsOf, isFieldsRefusal, refusedFieldNames } from '../../renderer/src/custom-fields.ts';
import { FAKE_FIELDS, FAKE_REQUIRED_FIELDS } from './fake-fields.ts';

const catalog = { fields: FAKE_FIELDS, requiredFields: FAKE_REQUIRED_FIELDS };
const names = (asked: ReturnType<typeof fieldsToAsk>) => asked.map((field) => `${field.name}${field.requiredHere ? ' (required)' : ''}`);

describe('the custom fields a form asks for', () => {
  it('are the ones the project requires, matched without case, in the catalog’s order', () => {
    expect(names(fieldsToAsk(catalog, 'acme website ', undefined, {}))).toEqual(['Ticket (required)', 'Cost centre (required)']);
    expect(fieldsToAsk(catalog, 'Acme Website', undefined, {})[1]).toMatchObject({ type: 'choice', choices: ['Sales', 'R&D', 'Operations'] });
    expect(fieldsToAsk(catalog, 'Internal', undefined, {})).toEqual([]);
    expect(fieldsToAsk(undefined, 'Acme Website', undefined, {})).toEqual([]);
  });

  it('keep a field the person touched, so nothing typed is lost when the project changes', () => {
    expect(names(fieldsToAsk(catalog, 'Internal', undefined, { Ticket: 'WEB-1', Billable: false }))).toEqual(['Ticket', 'Billable']);
  });

  it('add the fields a refusal names, as required, and one the catalog does not list yet as its choices or a text', () => {
    const refusal = refusalOf('fields_required', { back_end: 'Clockify', missing: ['Cost centre', 'Region'], choices: { Region: ['EU', 'US'] } });
    expect(refusedFieldNames(refusal)).toEqual(['Cost centre', 'Region']);
    expect(isFieldsRefusal(refusal)).toBe(true);
    const asked = fieldsToAsk(catalog, '', refusal, {});
    expect(names(asked)).toEqual(['Cost centre (required)', 'Region (required)']);
    expect(asked[1]).toMatchObject({ type: 'choice', choices: ['EU', 'US'] });
    const invalid = refusalOf('field_value_invalid', { back_end: 'Clockify', field: 'Hours budget', problem: 'type', expected: 'number' });
    expect(names(fieldsToAsk(catalog, 'Acme Website', invalid, { 'Hours budget': 'lots' }))).toEqual([
      'Ticket (required)',
      'Cost centre (required)',
      'Hours budget',
    ]);
    expect(refusedFieldNames(refusalOf('time_in_future', { field: 'start', time: '2026-05-13T23:30:00+02:00' }))).toEqual([]);
    expect(isFieldsRefusal(undefined)).toBe(false);
  });
});

describe('the fields a form sends', () => {
  it('are the filled ones shown: texts trimmed, a number as typed, a tick, the choices ticked; none filled sends nothing', () => {
    const asked = [...fieldsToAsk(catalog, 'Acme Website', undefined, {}), ...FAKE_FIELDS.slice(2).map((field) => ({ ...field, requiredHere: false }))];
    expect(
      fieldsToSend(asked, { Ticket: ' WEB-142 ', 'Cost centre': 'R&D', Billable: true, 'Hours budget': '2.5', Teams: ['Web', 'Data'], Hidden: 'x' }),
    ).toEqual({ Ticket: 'WEB-142', 'Cost centre': 'R&D', Billable: true, 'Hours budget': '2.5', Teams: ['Web', 'Data'] });
    expect(fieldsToSend(asked, { Ticket: '  ', 'Cost centre': '', Billable: false, Teams: [] })).toBeUndefined();
  });
});

describe('an entry changed', () => {
  it('shows the values it carries, the fields the catalog lists only (an admin-only one it does not list stays unseen)', () => {
    const before = inputsOf({ Ticket: 'WEB-1', 'Hours budget': 2.5, Billable: true, Teams: ['Web'], Secret: 'admin only', Odd: { x: 1 } });
    expect(before).toEqual({ Ticket: 'WEB-1', 'Hours budget': '2.5', Billable: true, Teams: ['Web'], Secret: 'admin only' });
    expect(names(fieldsToAsk(catalog, 'Internal', undefined, before))).toEqual(['Ticket', 'Billable', 'Hours budget', 'Teams']);
  });

  it('sends only the fields changed, one emptied as null, a box unticked as false, and nothing where none changed', () => {
    const before = inputsOf({ Ticket: 'WEB-1', Billable: true, Teams: ['Web'] });
    const asked = fieldsToAsk(catalog, 'Acme Website', undefined, before);
    expect(fieldsChanged(asked, before, before)).toBeUndefined();
    expect(fieldsChanged(asked, { ...before, Ticket: ' WEB-1 ' }, before)).toBeUndefined();
    expect(fieldsChanged(asked, { ...before, Ticket: 'WEB-2', 'Cost centre': 'Sales', Billable: false, Teams: [] }, before)).toEqual({
      Ticket: 'WEB-2',
      'Cost centre': 'Sales',
      Billable: false,
      Teams: null,
    });
  });
});
