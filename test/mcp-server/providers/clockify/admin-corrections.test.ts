// What a bulk correction sends back to Clockify: updateTimeEntry replaces the whole entry, so the body
// carries every field the entry had, custom field values included, with only the asked ones changed.
import { describe, expect, it } from 'vitest';
import { replacementJson } from '../../../../mcp-server/providers/clockify/corrections/corrections.ts';
import { bodyOf } from '../../../../mcp-server/providers/clockify/mapping.ts';

const read = {
  id: '64c777ddd3fcab07cfbb210c',
  userId: '5a0ab5acb07987125438b60f',
  projectId: '25b687e29ae1f428e7ebe123',
  taskId: '54m377ddd3fcab07cfbb432w',
  description: 'Homepage mockups',
  billable: true,
  tagIds: ['321r77ddd3fcab07cfbb567y'],
  type: 'REGULAR',
  timeInterval: { start: '2026-11-03T08:00:00Z', end: '2026-11-03T10:00:00Z' },
  customFieldValues: [
    { customFieldId: '5e4117fe8c625f38930d57b7', value: 'PO-1138', name: 'Order' },
    { customFieldId: null, value: 'no field' },
  ],
};

describe('replacementJson', () => {
  it('keeps the description, task, tags, times and custom field values, changing only what is asked', () => {
    const body = { ...bodyOf(read), billable: false };
    expect(replacementJson(read, body)).toEqual({
      start: '2026-11-03T08:00:00Z',
      end: '2026-11-03T10:00:00Z',
      billable: false,
      description: 'Homepage mockups',
      projectId: '25b687e29ae1f428e7ebe123',
      taskId: '54m377ddd3fcab07cfbb432w',
      tagIds: ['321r77ddd3fcab07cfbb567y'],
      type: 'REGULAR',
      customFields: [{ customFieldId: '5e4117fe8c625f38930d57b7', value: 'PO-1138' }],
    });
  });

  it('sends no custom fields where the entry has none', () => {
    expect(replacementJson({ ...read, customFieldValues: null }, bodyOf(read))).not.toHaveProperty('customFields');
  });
});
