// manage_rates' handler over the local timesheet's catalog plus a hand-written rates part
// (AdminRatesPart in mcp-server/providers/time-tracker.ts) that keeps rates per item, for everyone and
// per person, and records every write: what list, set and remove send and answer, a set that keeps
// what is not given, the question asked before a write, and a back end's own refusals in its words.
// The refusals with codes are in test/mcp-server/contract/outcomes/admin.test.ts.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { Rate, RatePerson, RateValues } from '../../../mcp-server/domain/admin-rates.ts';
import { type AdminRatesPart, BackEndError, type RateItem } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import manageRates from '../../../mcp-server/tools/manage-rates.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const ADA: RatePerson = { id: 1, name: 'Ada Lovelace' };
const BEA: RatePerson = { id: 2, name: 'Bea Busy' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

type Sent = ['set', string, number | null, RateValues, number | null] | ['remove', string, number];

/**
 * The local catalog with the customer Acme, its project Website and a global activity Meeting; the
 * project bills 80 EUR an hour to everyone and 95 EUR to Ada. A global activity's amounts are in the
 * currency of the customer booked for. `clockify`: no fixed rates and no removing, and workspace rates.
 */
async function withRates(options: { clockify?: boolean } = {}) {
  const local = await openTimesheet();
  const { catalog } = local.tracker;
  const acme = await catalog.createCatalogItem({ kind: 'customer', name: 'Acme' });
  const website = await catalog.createCatalogItem({ kind: 'project', name: 'Website', customerId: acme.id });
  const meeting = await catalog.createCatalogItem({ kind: 'activity', name: 'Meeting' });
  const key = (item: { kind: string; id: number }) => `${item.kind}:${item.id}`;
  const kept = new Map<string, Rate[]>([
    [
      key(website),
      [
        { id: 70, person: null, amount: 80, fixed: false, internal: 60 },
        { id: 71, person: ADA, amount: 95, fixed: false, internal: null },
      ],
    ],
  ]);
  let nextId = 100;
  const sent: Sent[] = [];
  const part: AdminRatesPart = {
    rateKinds: options.clockify ? ['project', 'workspace'] : ['customer', 'project', 'activity'],
    async rates(rated: RateItem) {
      const currency = rated.kind === 'activity' && meeting.id === rated.id ? null : 'EUR';
      return { target: { kind: rated.kind, id: rated.id, name: rated.name, currency }, rates: [...(kept.get(key(rated)) ?? [])] };
    },
    async findPerson(text) {
      const word = text.trim().toLowerCase();
      const found = [ADA, BEA].find((person) => String(person.id) === word || person.name.toLowerCase() === word);
      if (!found) {
        if (options.clockify) throw new BackEndError('clockify_rates_person_unknown', { text });
        throw new BackEndError('kimai_rate_person_unknown', { text, email: text.includes('@') });
      }
      return found;
    },
    async setRate(list, person, values, before) {
      sent.push(['set', key(list.target), person?.id ?? null, values, before?.id ?? null]);
      const rates = (kept.get(key(list.target)) ?? []).filter((rate) => rate !== before && rate.id !== before?.id);
      const rate = { id: nextId++, person, ...values };
      kept.set(key(list.target), [...rates, rate]);
      return { rate, replaced: before };
    },
    async removeRate(list, rate) {
      sent.push(['remove', key(list.target), rate.id]);
      kept.set(
        key(list.target),
        (kept.get(key(list.target)) ?? []).filter((one) => one.id !== rate.id),
      );
    },
    ...(options.clockify
      ? {
          workspaceItem: async (text: string) => ({ kind: 'workspace' as const, id: 1, name: text.trim() }),
          refusals: {
            remove: refusalOf('clockify_rate_not_removable'),
            fixed: refusalOf('clockify_rate_not_fixed'),
          },
        }
      : {}),
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_rates', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) => said(manageRates.handler(manageRates.input.parse(args), { ...context, ask }));
  return { run, sent, kept, website, meeting, key };
}

describe('manage_rates', () => {
  it("lists an item's rates, everyone's first, or one person's, and says where there are none", async () => {
    const { run, sent, website, meeting } = await withRates();
    const all = await run({ action: 'list', kind: 'project', item: 'website' });
    expect(all.text).toBe(
      [
        `Rates of the project "Website" (#${website.id}):`,
        '#70 everyone: 80 "EUR" an hour, internal 60 "EUR"',
        '#71 "Ada Lovelace" (#1): 95 "EUR" an hour',
      ].join('\n'),
    );
    expect(all.data).toEqual({
      action: 'list',
      kind: 'project',
      item: { id: website.id, name: 'Website' },
      currency: 'EUR',
      rates: [
        { id: 70, person: null, hourly: 80, fixed: null, internal: 60 },
        { id: 71, person: ADA, hourly: 95, fixed: null, internal: null },
      ],
    });
    expect((await run({ action: 'list', kind: 'project', item: `#${website.id}`, person: 'Bea Busy' })).text).toBe(
      `The project "Website" (#${website.id}) has no rate for "Bea Busy" (#2) of its own.`,
    );
    expect((await run({ action: 'list', kind: 'activity', item: 'Meeting' })).text).toBe(
      `The activity "Meeting" (#${meeting.id}) has no rates of its own. Amounts are in the currency of the customer booked for.`,
    );
    expect(sent).toEqual([]);
  });

  it('sets a rate, replacing the one kept for that person and keeping the internal rate not given', async () => {
    const { run, sent, kept, website, key } = await withRates();
    const { text, data } = await run({ action: 'set', kind: 'project', item: 'Website', hourly: 90 });
    expect(sent).toEqual([['set', key(website), null, { amount: 90, fixed: false, internal: 60 }, 70]]);
    expect(text).toBe(
      `Set the rate of the project "Website" (#${website.id}) for everyone: 80 "EUR" an hour, internal 60 "EUR" → 90 "EUR" an hour, internal 60 "EUR".`,
    );
    expect(data).toMatchObject({
      rates: [{ id: 100, person: null, hourly: 90, fixed: null, internal: 60 }],
      before: { hourly: 80, fixed: null, internal: 60 },
      after: { hourly: 90, fixed: null, internal: 60 },
    });
    expect(kept.get(key(website))?.map((rate) => rate.id)).toEqual([71, 100]);
  });

  it('sets a fixed rate for a person who had none, and a rate that is already so sends nothing', async () => {
    const { run, sent, website, key } = await withRates();
    const fixed = await run({ action: 'set', kind: 'project', item: 'Website', person: 'bea busy', fixed: 500 });
    expect(sent).toEqual([['set', key(website), 2, { amount: 500, fixed: true, internal: null }, null]]);
    expect(fixed.text).toBe(`Set the rate of the project "Website" (#${website.id}) for "Bea Busy" (#2): none → 500 "EUR" per time entry (fixed).`);
    expect(fixed.data).toMatchObject({ before: null, after: { hourly: null, fixed: 500, internal: null } });
    const same = await run({ action: 'set', kind: 'project', item: 'Website', person: '1', hourly: 95 });
    expect(same.text).toBe(`The rate of the project "Website" (#${website.id}) for "Ada Lovelace" (#1) is 95 "EUR" an hour already. Nothing was changed.`);
    expect(sent).toHaveLength(1);
  });

  it("removes a person's rate, saying what it was", async () => {
    const { run, sent, kept, website, key } = await withRates();
    const { text, data } = await run({ action: 'remove', kind: 'project', item: 'Website', person: 'Ada Lovelace' });
    expect(sent).toEqual([['remove', key(website), 71]]);
    expect(text).toBe(`Removed the rate of the project "Website" (#${website.id}) for "Ada Lovelace" (#1) (was 95 "EUR" an hour).`);
    expect(data).toMatchObject({ before: { hourly: 95, fixed: null, internal: null }, after: null });
    expect(kept.get(key(website))?.map((rate) => rate.id)).toEqual([70]);
  });

  it('where the client can ask, shows the change first, and a "no" sends nothing', async () => {
    const { run, sent, website } = await withRates();
    const args = { action: 'set', kind: 'project', item: 'Website', hourly: 90, internal: 65 };
    const question = await questionOf('manage_rates', args, (ask) => run(args, ask));
    expect(question.params.message).toBe(
      `Set the rate of the project "Website" (#${website.id}) for everyone: 80 "EUR" an hour, internal 60 "EUR" → 90 "EUR" an hour, internal 65 "EUR"?`,
    );
    await expect(run(args, answering('manage_rates', args, question, 'decline'))).rejects.toThrow(
      `The rate of the project "Website" (#${website.id}) for everyone was not changed: you said no when asked. Nothing was changed.`,
    );
    expect(sent).toEqual([]);
    await run(args, answering('manage_rates', args, question, 'accept'));
    expect(sent).toHaveLength(1);

    const remove = { action: 'remove', kind: 'project', item: 'Website', person: 'Ada Lovelace' };
    expect((await questionOf('manage_rates', remove, (ask) => run(remove, ask))).params.message).toBe(
      `Remove the rate of the project "Website" (#${website.id}) for "Ada Lovelace" (#1): 95 "EUR" an hour → none?`,
    );
    expect(sent).toHaveLength(1);
  });

  it("sets a workspace's rate where the back end keeps one, and refuses in its own words what it cannot do", async () => {
    const { run, sent } = await withRates({ clockify: true });
    const { text } = await run({ action: 'set', kind: 'workspace', item: ' Main ', hourly: 70 });
    expect(text).toBe('Set the rate of the workspace "Main" (#1) for everyone: none → 70 "EUR" an hour.');
    expect(sent).toEqual([['set', 'workspace:1', null, { amount: 70, fixed: false, internal: null }, null]]);
    await expect(run({ action: 'remove', kind: 'project', item: 'Website' })).rejects.toMatchObject({
      message: "Clockify removes no rate: set the person's rate to the project's or the workspace's default instead (manage_rates set). Nothing was sent.",
      refusal: { code: 'clockify_rate_not_removable' },
    });
    await expect(run({ action: 'set', kind: 'project', item: 'Website', fixed: 500 })).rejects.toMatchObject({
      message: 'Clockify keeps hourly rates only, no fixed amount per time entry: give hourly instead. Nothing was sent.',
      refusal: { code: 'clockify_rate_not_fixed' },
    });
    expect(sent).toHaveLength(1);
  });

  it('passes on a person the back end cannot place, in its words, and sends nothing', async () => {
    const { run, sent } = await withRates();
    await expect(run({ action: 'set', kind: 'project', item: 'Website', person: 'Cem', hourly: 90 })).rejects.toMatchObject({
      message: expect.stringMatching(/^Kimai shows you nobody called "Cem"\. An administrator sees people on rates and in teams only/),
      refusal: { code: 'kimai_rate_person_unknown', facts: { text: 'Cem', email: false } },
    });
    expect(sent).toEqual([]);
  });
});
