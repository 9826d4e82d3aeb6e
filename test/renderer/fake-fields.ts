// Custom fields on time entries in the window's fake (issue 78), as the engine reports and checks
// them on a Clockify workspace: list_catalog's fields and the projects that require them, and the
// refusals fields_required and field_value_invalid before anything is written, with the facts the
// window reads to show them beside the fields. Only what the window's forms need: the engine's own
// checks are tested in test/mcp-server.
import type { EntryFieldValues } from '../../window-contract/request-parts.ts';
import type { CatalogView } from '../../window-contract/timesheet.ts';
import type { FakeBridgeOptions } from './fake-bridge.ts';
import { refuse } from './fake-refusal.ts';

/** A Clockify workspace with these fields, as the tests and the screenshots open the window on it. */
export const CLOCKIFY_FIELDS: FakeBridgeOptions = { account: { type: 'clockify', url: 'https://api.clockify.me', workspace: null }, customFields: true };

export const FAKE_FIELDS: CatalogView['fields'] = [
  { name: 'Ticket', type: 'text', required: false },
  { name: 'Cost centre', type: 'choice', required: false, choices: ['Sales', 'R&D', 'Operations'] },
  { name: 'Billable', type: 'checkbox', required: false },
  { name: 'Hours budget', type: 'number', required: false },
  { name: 'Teams', type: 'choices', required: false, choices: ['Web', 'Mobile', 'Data'] },
];

/** Acme Website's entries must carry a ticket and a cost centre. */
export const FAKE_REQUIRED_FIELDS: CatalogView['requiredFields'] = [{ project: 'Acme Website', fields: ['Ticket', 'Cost centre'] }];

const key = (name: string) => name.trim().toLowerCase();

/** What the engine would refuse of an entry on `project` with `fields` (a new one: `created`), before anything is sent. */
export function checkFakeFields(project: string | undefined, fields: EntryFieldValues | undefined, created: boolean, timer?: 'not_started'): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const field = FAKE_FIELDS.find((candidate) => key(candidate.name) === key(name));
    if (!field) {
      refuse('field_value_invalid', { back_end: 'Clockify', field: name, problem: 'unknown', known: FAKE_FIELDS.map((item) => item.name) });
    }
    if (field.type === 'number' && (typeof value !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) && typeof value !== 'number') {
      refuse('field_value_invalid', { back_end: 'Clockify', field: field.name, problem: 'type', expected: 'number' });
    }
    if (field.type === 'choice' && !field.choices?.some((choice) => key(choice) === key(String(value)))) {
      refuse('field_value_invalid', { back_end: 'Clockify', field: field.name, problem: 'choice', choices: field.choices ?? [] });
    }
  }
  if (!created || project === undefined) return;
  const required = FAKE_REQUIRED_FIELDS.find((item) => key(item.project) === key(project))?.fields ?? [];
  const given = new Set(Object.keys(fields ?? {}).map(key));
  const missing = required.filter((name) => !given.has(key(name)));
  if (missing.length === 0) return;
  const choices = Object.fromEntries(
    missing.flatMap((name) => {
      const field = FAKE_FIELDS.find((item) => item.name === name);
      return field?.choices ? [[name, field.choices]] : [];
    }),
  );
  refuse('fields_required', { back_end: 'Clockify', missing, choices, ...(timer ? { timer } : {}) });
}
