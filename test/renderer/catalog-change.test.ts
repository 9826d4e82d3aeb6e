// The catalog item's change form as plain data (renderer/src/screens/admin/catalog-change.ts): it starts
// from what the back end keeps, shows only the fields the back end answered, sends only what differs, and
// never sends a value nobody read or chose.
import { describe, expect, it } from 'vitest';
import type { AdminCatalogItem, CatalogItemFieldsView } from '../../window-contract/admin-catalog.ts';
import { fieldsShown, formOf, outcomeOf, questionOf } from '../../renderer/src/screens/admin/catalog-change.ts';

const CUSTOMERS: AdminCatalogItem[] = [
  { id: 1, name: 'Acme', archived: false, parent: null },
  { id: 2, name: 'Globex', archived: false, parent: null },
];

/** A Kimai project as catalog_item_fields answers it for an administrator. */
const WEBSITE: CatalogItemFieldsView = {
  name: 'Website',
  customer: { id: 1, name: 'Acme' },
  budgetHours: 10.5,
  budgetMoney: 1500,
  budgetPeriod: 'total',
  billable: true,
  start: '2026-01-01',
  end: null,
  comment: 'Relaunch',
};

const outcome = (fields: CatalogItemFieldsView, edit: Partial<ReturnType<typeof formOf>>) => outcomeOf(fields, { ...formOf(fields), ...edit }, CUSTOMERS);

describe('the change form of a catalog item', () => {
  it('starts from what the item keeps, and asks nothing while nothing differs', () => {
    expect(formOf(WEBSITE)).toEqual({
      name: 'Website',
      customer: '1',
      budgetHours: '10.5',
      budgetMoney: '1500',
      budgetPeriod: 'total',
      billable: 'yes',
      start: '2026-01-01',
      end: '',
      comment: 'Relaunch',
    });
    expect(outcome(WEBSITE, {})).toEqual({ change: {}, problems: { name: 'Nothing differs from what it keeps: change a field first.' }, words: [] });
    // The same values typed otherwise are no change: hours to the second, money to the cent, a comment's spaces.
    expect(outcome(WEBSITE, { budgetHours: '10,50', budgetMoney: '1500.00', comment: ' Relaunch ', name: ' Website' }).change).toEqual({});
  });

  it('sends only what differs, and says each as before → after', () => {
    const changed = outcome(WEBSITE, { customer: '2', budgetHours: '', budgetPeriod: 'month', billable: 'no', end: '2026-12-31', comment: '' });
    expect(changed.problems).toEqual({});
    expect(changed.change).toEqual({ customer: 2, budgetHours: 0, budgetPeriod: 'month', billable: false, end: '2026-12-31', comment: '' });
    expect(questionOf('project', WEBSITE.name, changed.words)).toBe(
      'Change the project “Website”: customer Acme → Globex; time budget 10.5 h → none; budget period over its whole life → each month; ' +
        'billable yes → no; end none → Dec 31, 2026; comment “Relaunch” → none?',
    );
  });

  it('shows and sends only the fields the back end answered: a Clockodo service its name and comment', () => {
    const service: CatalogItemFieldsView = { name: 'Meeting', comment: '' };
    expect(fieldsShown(service)).toEqual(['name', 'comment']);
    // Whatever the other fields of the form hold, nothing of them is sent.
    expect(outcome(service, { budgetHours: '12', billable: 'no', customer: '2', start: '2026-01-01', comment: 'Weekly' }).change).toEqual({
      comment: 'Weekly',
    });
  });

  it('never sends a value nobody read or chose: an empty budget where none is kept, a choice left unset', () => {
    // A Clockify project without estimates: no budget, no period, and its billable mark read.
    const project: CatalogItemFieldsView = { name: 'Internal', budgetHours: null, budgetMoney: null, budgetPeriod: null, billable: false };
    const form = formOf(project);
    expect(form).toMatchObject({ budgetHours: '', budgetMoney: '', budgetPeriod: '' });
    expect(outcome(project, { name: 'Intranet' }).change).toEqual({ name: 'Intranet' });
    expect(outcome(project, { budgetHours: '8', budgetPeriod: 'month' }).change).toEqual({ budgetHours: 8, budgetPeriod: 'month' });
    expect(outcome(project, { budgetHours: '8' }).words).toEqual(['time budget none → 8 h']);
    // A billable mark the back end keeps not set: left unset, nothing is sent.
    expect(outcome({ name: 'Globex', billable: null }, { name: 'Globex Inc' }).change).toEqual({ name: 'Globex Inc' });
  });

  it('refuses in words what the back end would not take, and sends nothing then', () => {
    const refused = outcome(WEBSITE, { name: 'W', budgetHours: '1e3', budgetMoney: '12.345', start: '', comment: 'x'.repeat(5001) });
    expect(refused.problems).toEqual({
      name: 'A name is 2 to 150 characters long.',
      budgetHours: 'Give hours from 0 to 500,000, like 40 or 12.5; empty for none.',
      budgetMoney: 'Give an amount from 0 to 1,000,000,000, like 5000 or 5000.50; empty for none.',
      start: 'Punchcard cannot remove a date: give a day.',
      comment: 'A comment is at most 5,000 characters long.',
    });
    expect(outcome(WEBSITE, { budgetHours: '500001' }).problems).toMatchObject({ budgetHours: expect.stringMatching(/^Give hours/) });
    // A date out of order with the one kept, or the one typed beside it.
    expect(outcome({ ...WEBSITE, end: '2026-06-30' }, { start: '2026-07-01' }).problems).toEqual({ start: 'The project cannot start after it ends.' });
    expect(outcome(WEBSITE, { end: '2025-12-31' }).problems).toEqual({ end: 'The project cannot end before it starts.' });
  });
});
