// update_catalog_item's handler over the local timesheet's catalog plus a hand-written catalog-admin
// part (CatalogAdminPart in mcp-server/providers/time-tracker.ts) that keeps each item's fields, keeps
// a time budget to the whole minute and records every change it is sent: only the fields that differ
// are sent, the question and the answer name each before and after, what the back end changes along
// with it (one budget) and what it kept otherwise than asked are said, and a back end's own refusal
// sends nothing. The refusals with codes are in test/mcp-server/contract/outcomes/admin.test.ts.
import { describe, expect, it } from 'vitest';
import { type RefusalArgs, refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { CatalogChange, CatalogItemFields, CatalogItemRecord } from '../../../mcp-server/domain/catalog-changes.ts';
import { CHANGE_FIELDS } from '../../../mcp-server/domain/catalog-changes.ts';
import type { CatalogAdminPart } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import updateCatalogItem from '../../../mcp-server/tools/update-catalog-item.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

const NO_FIELDS: Omit<CatalogItemFields, 'name'> = {
  budgetHours: null,
  budgetMoney: null,
  budgetPeriod: null,
  billable: null,
  comment: '',
  customer: null,
  start: null,
  end: null,
};

/**
 * The customers Acme and Globex, the project Website of Acme (a 100 h budget, billable, from 1 June to
 * the end of the year) and the activity Design. `oneBudget`: a project keeps one budget, in hours or
 * money (Clockodo's). `refuses`: the back end's refusal of any change of the comment.
 */
async function withCatalog(options: { oneBudget?: boolean; refuses?: RefusalArgs } = {}) {
  const local = await openTimesheet();
  const { catalog } = local.tracker;
  const acme = await catalog.createCatalogItem({ kind: 'customer', name: 'Acme' });
  const globex = await catalog.createCatalogItem({ kind: 'customer', name: 'Globex' });
  const website = await catalog.createCatalogItem({ kind: 'project', name: 'Website', customerId: acme.id });
  const design = await catalog.createCatalogItem({ kind: 'activity', name: 'Design' });
  const kept = new Map<string, CatalogItemFields>([
    [`customer:${acme.id}`, { ...NO_FIELDS, name: 'Acme' }],
    [`customer:${globex.id}`, { ...NO_FIELDS, name: 'Globex' }],
    [
      `project:${website.id}`,
      { ...NO_FIELDS, name: 'Website', budgetHours: 100, billable: true, customer: { id: acme.id, name: 'Acme' }, start: '2026-06-01', end: '2026-12-31' },
    ],
    [`activity:${design.id}`, { ...NO_FIELDS, name: 'Design', billable: true }],
  ]);
  const sent: Array<{ item: string; change: CatalogChange }> = [];
  const part: CatalogAdminPart = {
    async catalogItem(kind, id) {
      const fields = kept.get(`${kind}:${id}`);
      if (!fields) throw new Error(`no ${kind} #${id}`);
      return { kind, id, fields: { ...fields } };
    },
    changeable: (item: CatalogItemRecord) => CHANGE_FIELDS.filter((field) => item.kind === 'project' || !['customer', 'start', 'end'].includes(field)),
    refusal: (_item, change) => (options.refuses && change.comment !== undefined ? refusalOf(...options.refuses) : undefined),
    ...(options.oneBudget
      ? {
          implied: (item: CatalogItemRecord, change: CatalogChange) =>
            change.budgetMoney !== undefined && item.fields.budgetHours !== null ? { budgetHours: null } : {},
        }
      : {}),
    async updateCatalogItem(item, change) {
      sent.push({ item: `${item.kind}:${item.id}`, change });
      const { budgetHours, ...rest } = change;
      // A time budget is kept to the whole minute.
      const minutes = budgetHours === undefined ? {} : { budgetHours: budgetHours === null ? null : Math.round(budgetHours * 60) / 60 };
      const fields = { ...item.fields, ...rest, ...minutes };
      kept.set(`${item.kind}:${item.id}`, fields);
      return { ...item, fields: { ...fields } };
    },
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_catalog', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) =>
    said(updateCatalogItem.handler(updateCatalogItem.input.parse(args), { ...context, ask }));
  return { run, sent, kept, acme, globex, website, design };
}

describe('update_catalog_item', () => {
  it('sends the fields that differ and nothing else, and names each before and after', async () => {
    const { run, sent, website, globex, acme } = await withCatalog();
    const { text, data } = await run({ kind: 'project', item: 'website', name: ' Web shop ', billable: true, customer: 'globex', end: '2027-03-31' });
    expect(sent).toEqual([{ item: `project:${website.id}`, change: { name: 'Web shop', customer: { id: globex.id, name: 'Globex' }, end: '2027-03-31' } }]);
    expect(text).toBe(
      `Changed the project "Web shop" (#${website.id}): name "Website" → "Web shop"; customer "Acme" (#${acme.id}) → "Globex" (#${globex.id}); end 2026-12-31 → 2027-03-31.`,
    );
    expect(data).toEqual({
      id: website.id,
      kind: 'project',
      name: 'Web shop',
      before: { name: 'Website', customer: 'Acme', end: '2026-12-31' },
      after: { name: 'Web shop', customer: 'Globex', end: '2027-03-31' },
    });
  });

  it('sends nothing where the item has what is asked already', async () => {
    const { run, sent, design } = await withCatalog();
    const { text, data } = await run({ kind: 'activity', item: `#${design.id}`, billable: true, name: 'Design' });
    expect(text).toBe(`The activity "Design" (#${design.id}) already has name "Design" and billable yes: nothing was sent.`);
    expect(data).toEqual({ id: design.id, kind: 'activity', name: 'Design', before: {}, after: {} });
    expect(sent).toEqual([]);
  });

  it('says what the back end kept otherwise than asked', async () => {
    const { run, sent, website } = await withCatalog();
    const { text, data } = await run({ kind: 'project', item: 'Website', budget_hours: 10.51, comment: '  launch in spring ' });
    expect(sent[0]?.change).toEqual({ budgetHours: 10.51, comment: 'launch in spring' });
    expect(text).toBe(
      [
        `Changed the project "Website" (#${website.id}): time budget 100 h → 10.5167 h; comment none → "launch in spring".`,
        'Local timesheet kept time budget as 10.5167 h, not 10.51 h as asked.',
      ].join('\n'),
    );
    expect(data.after).toEqual({ budget_hours: 10.5167, comment: 'launch in spring' });
  });

  it('asks and answers what the back end changes along with the change: one budget, money replacing hours', async () => {
    const { run, sent, website } = await withCatalog({ oneBudget: true });
    const args = { kind: 'project', item: 'Website', budget_money: 5000 };
    const question = await questionOf('update_catalog_item', args, (ask) => run(args, ask));
    expect(question.params.message).toBe(`Change the project "Website" (#${website.id}): time budget 100 h → none; money budget none → 5000?`);
    const { text } = await run(args, answering('update_catalog_item', args, question, 'accept'));
    expect(sent).toEqual([{ item: `project:${website.id}`, change: { budgetHours: null, budgetMoney: 5000 } }]);
    expect(text).toBe(`Changed the project "Website" (#${website.id}): time budget 100 h → none; money budget none → 5000.`);
  });

  it('where the person says no, sends nothing and says so', async () => {
    const { run, sent, kept, acme } = await withCatalog();
    const args = { kind: 'customer', item: 'Acme', billable: false };
    const question = await questionOf('update_catalog_item', args, (ask) => run(args, ask));
    expect(question.params.message).toBe(`Change the customer "Acme" (#${acme.id}): billable none → no?`);
    await expect(run(args, answering('update_catalog_item', args, question, 'decline'))).rejects.toThrow(
      `The customer "Acme" (#${acme.id}) was not changed: you said no when asked. Nothing was changed.`,
    );
    expect(sent).toEqual([]);
    expect(kept.get(`customer:${acme.id}`)?.billable).toBeNull();
  });

  it("refuses in the back end's own words a change it will not take, and a date that is none, sending nothing", async () => {
    const { run, sent } = await withCatalog({ refuses: ['clockify_task_no_comment'] });
    await expect(run({ kind: 'activity', item: 'Design', comment: 'pixels' })).rejects.toMatchObject({
      message: 'A Clockify task has no comment: leave comment out. Nothing was sent.',
      refusal: { code: 'clockify_task_no_comment' },
    });
    await expect(run({ kind: 'project', item: 'Website', start: 'the first of June' })).rejects.toThrow(/^start: /);
    expect(sent).toEqual([]);
  });
});
