// The refusals of custom fields (contract/outcomes/fields.ts): `fields` on the local timesheet, which keeps
// none, as the tools throw it on the real timesheet; and the words of the others, for the model (tool names,
// record numbers, what to do next) and for a person (none of those).
import { describe, expect, it } from 'vitest';
import clockIn from '../../../../mcp-server/tools/clock-in.ts';
import logTime from '../../../../mcp-server/tools/log-time.ts';
import updateTimeEntry from '../../../../mcp-server/tools/update-time-entry.ts';
import { refusalOf as refusalData, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { expectRefused, forPeople } from './refused.ts';

const timesheet = useLocalTimesheet({ now: Date.parse('2026-11-18T14:00:00Z'), timezone: 'Europe/Berlin' });

describe('fields on the local timesheet', () => {
  it.each([
    ['log_time', logTime, { start: '09:00', end: '10:00', fields: { ticket: 'T-1' } }],
    ['clock_in', clockIn, { fields: { Ticket: 'T-1' } }],
    ['update_time_entry', updateTimeEntry, { id: 1, fields: { ticket: 'T-1' } }],
  ] as const)('%s refuses them: it keeps no custom fields, and nothing is written', async (_name, tool, args) => {
    const { run, tracker } = await timesheet();
    await expectRefused(
      run(tool as never, args as never),
      { code: 'custom_fields_none', facts: { back_end: 'Local timesheet' } },
      'Local timesheet has no custom fields on time entries: leave fields out. Nothing was sent.',
      'Local timesheet has no custom fields on time entries. Nothing was sent.',
    );
    expect((await tracker.entries.listEntries({ from: 0, to: Date.parse('2027-01-01T00:00:00Z'), limit: 10, offset: 0 })).total).toBe(0);
  });

  it('takes an empty fields object as none given', async () => {
    const { run } = await timesheet();
    const logged = await run(logTime, { start: '09:00', end: '10:00', fields: {} });
    expect(logged.data.entry.fields).toBeUndefined();
  });
});

describe('the words of the fields refusals', () => {
  const words = (...args: Parameters<typeof refusalData>) => {
    const refusal = refusalData(...args);
    return { model: modelText(refusalSentence(refusal)), people: forPeople(refusal) };
  };

  it('fields_required names every missing field and a choice field’s choices; the model is told to ask, not guess', () => {
    expect(words('fields_required', { back_end: 'Clockify', missing: ['Ticket', 'Cost centre'], choices: { 'Cost centre': ['Sales', 'R&D'] } })).toEqual({
      model:
        'Clockify requires "Ticket", "Cost centre" on this entry ("Cost centre" is one of "Sales", "R&D"). Ask the person for the values (do not guess) and call again with fields: {"name": value}. Nothing was sent.',
      people: 'Clockify requires "Ticket", "Cost centre" on this entry ("Cost centre" is one of "Sales", "R&D"). Fill them in and try again. Nothing was sent.',
    });
  });

  it('fields_required says the timer keeps running, and which draft it is about', () => {
    expect(words('fields_required', { back_end: 'Clockify', missing: ['Ticket'], choices: {}, timer: 'keeps_running' }).model).toMatch(
      /Nothing was sent\. The timer keeps running as it was; clock out again with them\.$/,
    );
    const draft = words('fields_required', { back_end: 'Kimai', missing: ['ticket'], choices: {}, draft: 'd_1' });
    expect(draft.model).toMatch(/on this entry \(draft d_1\)/);
    expect(draft.people).not.toMatch(/d_1/);
  });

  it('field_value_invalid says what is wrong with the value', () => {
    expect(words('field_value_invalid', { back_end: 'Clockify', field: 'Hours', problem: 'type', expected: 'number' }).model).toBe(
      'In Clockify, "Hours" takes a number value. Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Clockify', field: 'Tiket', problem: 'unknown', known: ['Ticket'] }).model).toBe(
      'In Clockify, "Tiket" is not a field. This entry takes "Ticket". Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Kimai', field: 'x', problem: 'unknown', known: [] }).model).toBe(
      'In Kimai, "x" is not a field. This entry takes no fields. Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Clockify', field: 'Cost', problem: 'choice', choices: ['Sales'] }).model).toBe(
      'In Clockify, "Cost" takes one of "Sales". Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Clockify', field: 'Approved', problem: 'admin_only' }).model).toBe(
      'In Clockify, "Approved" is set by administrators only. Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Kimai', field: 'Notes', problem: 'too_long' }).model).toBe(
      'In Kimai, "Notes" takes at most 5,000 characters. Nothing was sent.',
    );
    expect(words('field_value_invalid', { back_end: 'Clockify', field: 'fields', problem: 'too_many' }).model).toBe(
      'In Clockify, "fields" names more than 50 fields. Nothing was sent.',
    );
  });

  it('fields_partly_written names the entry and what landed; a person reads no record number or tool', () => {
    const said = words('fields_partly_written', {
      back_end: 'Kimai',
      entry: 412,
      written: ['ticket'],
      not_written: ['note'],
      cause: { code: 'failure_said', facts: { message: 'Kimai answered 404 Not Found.' } },
    });
    expect(said.model).toMatch(
      /^Time entry #412 was saved in Kimai with "ticket", but "note" did not land: .*Set them with update_time_entry on #412; nothing else was lost\.$/,
    );
    expect(said.people).not.toMatch(/#412|update_time_entry/);
  });
});
