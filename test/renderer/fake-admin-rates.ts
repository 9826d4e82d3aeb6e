// The Administration screen's rates in the fake bridge (fake-admin.ts): Kimai's rates kept per customer,
// project and activity of the fake's catalog, for everyone or one of the fake's people, set and removed
// as manage_rates does, said in main's words (admin-words.ts) and refused in the engine's words.
import type { AdminCatalogView, RatesView, RateView } from '../../window-contract/admin-catalog.ts';
import type { RequestOf } from '../../window-contract/index.ts';
import { rateChangedWords } from '../../main/engine/admin-words.ts';
import type { TeamDirectory } from './fake-admin-teams.ts';

type Reject = (message: string) => never;

export function fakeRates(catalog: AdminCatalogView, people: TeamDirectory) {
  const lists = { customer: 'customers', project: 'projects', activity: 'activities' } as const;
  // Acme Website bills €80 an hour to everyone and Ada €95 with an internal €60.
  const website = catalog.projects.find((item) => item.name === 'Acme Website');
  const kept = new Map<string, RateView[]>(
    website
      ? [
          [
            `project:${website.id}`,
            [
              { id: 1, person: null, hourly: 80, fixed: null, internal: null },
              { id: 2, person: { id: 1, name: 'Ada Lovelace' }, hourly: 95, fixed: null, internal: 60 },
            ],
          ],
        ]
      : [],
  );
  let nextId = 3;
  const itemOf = (kind: RequestOf<'getRates'>['kind'], id: number, reject: Reject) =>
    catalog[lists[kind]].find((item) => item.id === id) ?? reject(`No ${kind} "#${id}".`);
  const view = (kind: RequestOf<'getRates'>['kind'], id: number, reject: Reject): RatesView => {
    const item = itemOf(kind, id, reject);
    return { kind, item: { id: item.id, name: item.name }, currency: 'EUR', rates: structuredClone(kept.get(`${kind}:${id}`) ?? []) };
  };

  return {
    list: ({ kind, item }: RequestOf<'getRates'>, reject: Reject) => view(kind, item, reject),
    set({ kind, item, person, hourly, fixed, internal }: RequestOf<'setRate'>, reject: Reject) {
      const target = itemOf(kind, item, reject);
      const who = person === undefined ? null : (people.named(person) ?? reject(`There is no one called "${person.trim()}" here. Nothing was changed.`));
      const rates = kept.get(`${kind}:${item}`) ?? [];
      kept.set(`${kind}:${item}`, rates);
      const before = rates.find((rate) => (rate.person?.id ?? null) === (who?.id ?? null));
      const after: RateView = {
        id: before?.id ?? nextId++,
        person: who ? { id: who.id, name: who.name } : null,
        hourly: hourly ?? null,
        fixed: fixed ?? null,
        internal: internal ?? null,
      };
      if (before) rates.splice(rates.indexOf(before), 1, after);
      else rates.push(after);
      const values = (rate: RateView) => ({ hourly: rate.hourly, fixed: rate.fixed, internal: rate.internal });
      return {
        message: rateChangedWords(
          {
            action: 'set',
            kind,
            item: { id: target.id, name: target.name },
            currency: 'EUR',
            rates: [after],
            before: before ? values(before) : null,
            after: values(after),
          },
          who ? who.name : 'everyone',
        ),
        view: view(kind, item, reject),
      };
    },
    remove({ kind, item, person }: RequestOf<'removeRate'>, reject: Reject) {
      const target = itemOf(kind, item, reject);
      const rates = kept.get(`${kind}:${item}`) ?? [];
      const before = rates.find((rate) => (rate.person?.id ?? null) === person);
      const forWhom = before?.person ? `${before.person.name} (#${before.person.id})` : person === null ? 'everyone' : `#${person}`;
      if (!before) reject(`The ${kind} "${target.name}" (#${target.id}) has no rate for ${forWhom}. Nothing was removed.`);
      rates.splice(rates.indexOf(before), 1);
      return {
        message: rateChangedWords(
          {
            action: 'remove',
            kind,
            item: { id: target.id, name: target.name },
            currency: 'EUR',
            rates: [before],
            before: { hourly: before.hourly, fixed: before.fixed, internal: before.internal },
            after: null,
          },
          before.person ? before.person.name : 'everyone',
        ),
        view: view(kind, item, reject),
      };
    },
  };
}
