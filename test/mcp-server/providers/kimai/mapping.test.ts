import { describe, expect, it } from 'vitest';
import {
  activityItem,
  nameIndex,
  NO_NAMES,
  projectItem,
  readKimaiTime,
  toCatalog,
  toTimeEntry,
  withoutArchived,
} from '../../../../mcp-server/providers/kimai/mapping.ts';

describe('timesheets', () => {
  it('reads expanded relations and bare ids, running and finished', () => {
    const expanded = toTimeEntry(
      { id: 1, begin: '2026-05-04T09:00:00+0200', end: null, description: null, project: { id: 12, name: 'Website' }, activity: { id: 3, name: 'Design' } },
      NO_NAMES,
    );
    expect(expanded).toEqual({
      id: 1,
      start: Date.parse('2026-05-04T07:00:00Z'),
      end: null,
      project: { id: 12, name: 'Website' },
      activity: { id: 3, name: 'Design' },
      description: '',
    });
    const names = { project: (id: number) => (id === 12 ? 'Website' : undefined), activity: () => undefined };
    const plain = toTimeEntry(
      { id: 2, begin: '2026-05-04T09:00:00+0200', end: '2026-05-04T10:30:00+0200', description: 'x', project: 12, activity: 99 },
      names,
    );
    expect(plain).toMatchObject({ end: Date.parse('2026-05-04T08:30:00Z'), project: { id: 12, name: 'Website' }, activity: { id: 99, name: '#99' } });
  });

  it('refuses a time without an offset rather than reading it in some zone', () => {
    expect(() => readKimaiTime('2026-05-04T09:00:00')).toThrow(
      expect.objectContaining({
        failure: 'wrong_service',
        message: 'Kimai sent a time Punchcard cannot read ("2026-05-04T09:00:00"); is this server a Kimai 2?',
        refusal: { code: 'kimai_time_unreadable', facts: { text: '2026-05-04T09:00:00' } },
      }),
    );
  });
});

describe('catalog', () => {
  const catalog = toCatalog(
    [
      { id: 1, name: 'ACME', visible: true },
      { id: 2, name: 'Old Co', visible: false },
    ],
    [
      { id: 10, name: 'Website', customer: 1, visible: true },
      { id: 11, name: 'Legacy', customer: 2, visible: true },
    ],
    [
      { id: 20, name: 'Meeting', project: null, visible: true },
      { id: 21, name: 'Design', project: 10, visible: true },
      { id: 22, name: 'Support', project: 11, visible: true },
    ],
  );

  it('treats hidden things, and what hangs below them, as archived', () => {
    expect(catalog.projects.find((item) => item.id === 11)).toMatchObject({ archived: true, customer: { id: 2, name: 'Old Co' } });
    expect(catalog.activities.find((item) => item.id === 22)).toMatchObject({ archived: true, project: { id: 11, name: 'Legacy' } });
    expect(catalog.activities.find((item) => item.id === 20)).toMatchObject({ archived: false, project: null });
    expect(withoutArchived(catalog).projects.map((item) => item.name)).toEqual(['Website']);
  });

  it('maps one saved record by itself, naming its parent from parentTitle or the expanded relation', () => {
    expect(projectItem({ id: 12, name: 'Shop', customer: 1, parentTitle: 'ACME', visible: true })).toEqual({
      kind: 'project',
      id: 12,
      name: 'Shop',
      archived: false,
      customer: { id: 1, name: 'ACME' },
    });
    expect(activityItem({ id: 30, name: 'QA', project: { id: 10, name: 'Website' }, visible: false })).toEqual({
      kind: 'activity',
      id: 30,
      name: 'QA',
      archived: true,
      project: { id: 10, name: 'Website' },
    });
    expect(activityItem({ id: 31, name: 'Ops', project: 77, visible: true }).project).toEqual({ id: 77, name: '#77' });
  });

  it('indexes names for responses that carry ids only', () => {
    const names = nameIndex(catalog);
    expect(names.project(10)).toBe('Website');
    expect(names.activity(20)).toBe('Meeting');
    expect(names.activity(404)).toBeUndefined();
  });
});
