// Which field of an entry a refusal is about: the editor marks it invalid and puts focus there. Read
// from the refusal's code and facts, so the examples are the catalog's own (mcp-server/contract/outcomes/).
import { expect, it } from 'vitest';
import { refusalOf, type RefusalArgs } from '../../mcp-server/contract/outcomes/refusals.ts';
import { entryFieldOf } from '../../renderer/src/problems.ts';

it.each<[RefusalArgs, string | null]>([
  [['kimai_entry_needs_project'], 'project'],
  [['catalog_item_unknown', { kind: 'project', name: 'Nope', listed: true, known: ['Acme Website'], creatable: false }], 'project'],
  [['catalog_item_unknown', { kind: 'activity', name: 'Desgin', listed: true, known: ['Design'], creatable: false }], 'activity'],
  [['kimai_entry_needs_activity'], 'activity'],
  [['clockodo_service_not_bookable', { service: 3 }], 'activity'],
  [['entry_end_not_after_start'], 'end'],
  [['time_in_future', { field: 'end', time: '2026-05-13T23:30:00+02:00' }], 'end'],
  [['time_in_future', { field: 'start', time: '2026-05-13T23:30:00+02:00' }], 'start'],
  [['time_unreadable', { field: 'at', text: '9am tomorrow', example: '2026-11-21T09:00:00+01:00' }], 'start'],
  [['timer_starts_before_running'], 'start'],
  // A back end's own field names, as its refusal carries them.
  [['kimai_form_refused', { action: 'log the time', fields: [{ path: ['activity'], messages: ['This value is not valid.'] }], messages: [] }], 'activity'],
  [['kimai_fields_not_allowed', { action: 'log the time', fields: ['begin', 'end'], reasons: ['your Kimai role may not set times on entries.'] }], 'start'],
  [['clockodo_refused', { action: 'log the time', fields: ['time_until'], messages: ['The entry overlaps another one.'] }], 'end'],
  [['calamari_refused', { action: 'start your shift', message: 'Invalid time', code: 'INVALID_TIME', field: 'time' }], null],
  // About no field of the entry: nothing is marked.
  [['calamari_shift_changes_unsupported'], null],
  [['date_unreadable', { field: 'from', text: 'next friday', example: '2026-11-21' }], null],
])('%j → %s', (args, field) => {
  expect(entryFieldOf(refusalOf(...args))).toBe(field);
});

it('marks nothing where the failure was no refusal of the engine', () => {
  expect(entryFieldOf(undefined)).toBeNull();
});
