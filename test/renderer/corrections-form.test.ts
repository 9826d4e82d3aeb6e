// The bulk corrections form as plain data (renderer/src/screens/admin/corrections-form.ts): the request its
// fields make or the problems by field, which problems a typed change clears, and the activities offered.
import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../../window-contract/timesheet.ts';
import { activitiesOf, entriesText, hoursText, initialFields, problemsAfter, requestOf } from '../../renderer/src/screens/admin/corrections-form.ts';

const MAY = initialFields('2026-05-20');

describe('the bulk corrections form', () => {
  it('opens on this month up to today, asking no change yet', () => {
    expect(MAY).toMatchObject({ from: '2026-05-01', to: '2026-05-20', people: '', setProject: '', billable: '', tags: '' });
  });

  it('makes the request from what was typed: lists trimmed, toggles as booleans, empty filters left out', () => {
    expect(requestOf({ ...MAY, people: ' Ada , , Grace ', activity: 'Design', billable: 'no', exported: 'yes', tags: 'a, b' })).toEqual({
      request: {
        from: '2026-05-01',
        to: '2026-05-20',
        people: ['Ada', 'Grace'],
        activity: 'Design',
        set: { billable: false, exported: true, addTags: ['a', 'b'] },
      },
    });
  });

  it('says what is wrong, by field, and sends nothing', () => {
    expect(requestOf({ ...MAY, from: '', to: '2026-05-1' })).toEqual({
      problems: {
        from: 'Give the first day.',
        to: 'Give the last day.',
        setProject: 'Choose what changes: a project, an activity, billable, exported or tags.',
      },
    });
    expect(requestOf({ ...MAY, from: '2026-05-21', setProject: 'Website' })).toEqual({ problems: { to: 'The last day comes before the first.' } });
    const many = Array.from({ length: 21 }, (_, index) => `P${index}`).join(',');
    expect(requestOf({ ...MAY, people: many, tags: 'a,b,c,d,e,f' })).toEqual({
      problems: { people: 'Name at most 20 people at once.', tags: 'Add at most 5 tags at once.' },
    });
  });

  it('clears a field’s problem when it is typed in, and "what changes" when any field of what changes is', () => {
    const problems = { from: 'Give the first day.', people: 'Name at most 20 people at once.', setProject: 'Choose what changes.' };
    expect(problemsAfter(problems, { people: 'Ada' })).toEqual({ from: 'Give the first day.', setProject: 'Choose what changes.' });
    expect(problemsAfter(problems, { exported: 'yes' })).toEqual({ from: 'Give the first day.', people: 'Name at most 20 people at once.' });
    expect(problemsAfter(problems, { project: 'Website' })).toEqual(problems);
  });

  it('offers a project’s own activities and those of every project, each name once', () => {
    const catalog: CatalogView = {
      projects: ['Website', 'App'],
      activities: [
        { name: 'Design', project: null },
        { name: 'Review', project: 'Website' },
        { name: 'Review', project: 'App' },
        { name: 'Testing', project: 'App' },
      ],
      breakTypes: [],
      fields: [],
      requiredFields: [],
    };
    expect(activitiesOf(catalog, 'Website')).toEqual(['Design', 'Review']);
    expect(activitiesOf(catalog, '')).toEqual(['Design', 'Review', 'Testing']);
  });

  it('words counts and hours', () => {
    expect([entriesText(1), entriesText(9), hoursText(18), hoursText(1.234)]).toEqual(['1 entry', '9 entries', '18 h', '1.23 h']);
  });
});
