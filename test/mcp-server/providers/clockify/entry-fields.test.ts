// Clockify's custom field values as a write sends them (providers/clockify/mapping.ts): the write key
// `customFields` with each value's source, the values an entry carries sent again with a replacement (a PUT
// replaces them all), those named laid over them; read back from the read key `customFieldValues`.
import { describe, expect, it } from 'vitest';
import { bodyOf, entryJson, toTimeEntry, withFieldWrites } from '../../../../mcp-server/providers/clockify/mapping.ts';
import type { ClockifyTimeEntry } from '../../../../mcp-server/providers/clockify/wire.ts';

const ENTRY: ClockifyTimeEntry = {
  id: 'e1',
  userId: 'u1',
  projectId: 'p1',
  description: 'Header',
  timeInterval: { start: '2026-11-18T08:00:00Z', end: '2026-11-18T09:00:00Z' },
  customFieldValues: [
    { customFieldId: 'f1', name: 'Ticket', type: 'TXT', value: 'T-1' },
    { customFieldId: 'f2', name: 'Cost centre', type: 'DROPDOWN_SINGLE', value: 'Sales' },
    { customFieldId: 'f3', name: 'Hours', type: 'NUMBER', value: null },
  ],
} as ClockifyTimeEntry;

describe("Clockify's custom field values", () => {
  it('a replacement sends again the values the entry carries, under the write key, never the read key', () => {
    const body = entryJson(bodyOf(ENTRY));
    expect(body.customFields).toEqual([
      { customFieldId: 'f1', sourceType: 'WORKSPACE', value: 'T-1' },
      { customFieldId: 'f2', sourceType: 'WORKSPACE', value: 'Sales' },
    ]);
    expect(body).not.toHaveProperty('customFieldValues');
  });

  it('lays the values named over those kept', () => {
    const body = entryJson(
      withFieldWrites(bodyOf(ENTRY), [
        { id: 'f1', name: 'Ticket', value: 'T-2' },
        { id: 'f3', name: 'Hours', value: 2.5 },
      ]),
    );
    expect(body.customFields).toEqual([
      { customFieldId: 'f2', sourceType: 'WORKSPACE', value: 'Sales' },
      { customFieldId: 'f1', sourceType: 'WORKSPACE', value: 'T-2' },
      { customFieldId: 'f3', sourceType: 'WORKSPACE', value: 2.5 },
    ]);
  });

  it('sends no customFields where there are none', () => {
    expect(entryJson({ ...bodyOf({ ...ENTRY, customFieldValues: [] }) })).not.toHaveProperty('customFields');
  });

  it('reads back the values an entry carries, those with a value', () => {
    const entry = toTimeEntry(ENTRY, { number: 4, project: { id: 1, name: 'Website' }, task: null });
    expect(entry.fields).toEqual([
      { id: 'f1', name: 'Ticket', value: 'T-1' },
      { id: 'f2', name: 'Cost centre', value: 'Sales' },
    ]);
  });
});
