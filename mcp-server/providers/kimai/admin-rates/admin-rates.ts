// Rates on Kimai (docs/back-ends/kimai.md, "Administration"): per customer, project and activity,
// for everyone or one person. Kimai keeps one rate per person (or everyone) and item and changes none
// in place, so a new amount replaces the old rate: removed, then made again, and put back as it was
// when Kimai refuses the new one. Every rate endpoint needs edit rights on the item; Kimai's 403
// withdraws manage_rates at once (context.ts).
import { CellPart } from '../../grid/cell-part.ts';
import { Expiring, mapWithLimit } from '../../remote/cache.ts';
import { ensureRequests } from '../../remote/request-budget.ts';
import { type Rate, type RateList, type RatePerson, type RateReplacement, type RateTarget, type RateValues, rateWords } from '../../../domain/admin-rates.ts';
import type { RateKind } from '../../../contract/vocabulary.ts';
import { refusalOf } from '../../../contract/outcomes/refusals.ts';
import { modelText } from '../../../contract/outcomes/sentence.ts';
import { type AdminRatesPart, BackEndError, type CatalogItem, causeOf } from '../../time-tracker.ts';
import type { KimaiCatalogView, KimaiContext } from '../context.ts';
import { personName } from '../facts.ts';
import type { AdminRatesEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import type { KimaiRate, KimaiUserShort } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';

/** Customers' currencies change rarely; a minute keeps a conversation's calls to one read. */
const CURRENCY_TTL_MS = 60_000;

/** A person as Kimai showed them somewhere an administrator may look: on a rate, in a team, or themselves. */
interface Known {
  id: number;
  name: string;
  username: string;
  email: string | null;
}

// Kimai keeps no workspace rates (rateKinds), so `workspace` has no right here.
const RIGHTS: Readonly<Partial<Record<RateKind, string>>> = { customer: 'edit_customer', project: 'edit_project', activity: 'edit_activity' };

export class KimaiRates extends CellPart<KimaiContext, AdminRatesEndpoints, { catalog: KimaiCatalogView }> implements AdminRatesPart {
  readonly rateKinds: readonly RateKind[] = ['customer', 'project', 'activity'];
  readonly #currencies = new Expiring<Map<number, string>>(CURRENCY_TTL_MS);
  /** Everyone seen on a rate or in a team, by id: whom a name can be matched against. */
  readonly #known = new Map<number, Known>();

  async rates(item: CatalogItem & { kind: RateKind }): Promise<RateList> {
    const [wire, currency] = await Promise.all([this.#guarded(item, 'read', () => this.endpoints.rates(item.kind, item.id)), this.#currency(item)]);
    for (const rate of wire) if (rate.user) this.#learn(rate.user);
    const target: RateTarget = { kind: item.kind, id: item.id, name: item.name, currency };
    const rates = wire.map(rateFrom).sort((a, b) => (a.person === null ? -1 : b.person === null ? 1 : a.person.name.localeCompare(b.person.name)));
    return { target, rates };
  }

  async findPerson(text: string, list: RateList): Promise<RatePerson> {
    const wanted = text.trim().replace(/^#(?=\d+$)/, '');
    const me = await this.context.profile();
    this.#learn(me);
    if (/^\d{1,10}$/.test(wanted)) {
      // An id is Kimai's to check: one it does not know is refused when the rate is made.
      const known = this.#known.get(Number(wanted));
      return { id: Number(wanted), name: known?.name ?? `user #${wanted}` };
    }
    const onRates = new Set(list.rates.flatMap((rate) => (rate.person ? [rate.person.id] : [])));
    const first = this.#matching(wanted).filter((person) => person.id === me.id || onRates.has(person.id));
    const found = first.length > 0 ? first : (await this.#readTeams(text), this.#matching(wanted));
    if (found.length === 1) return { id: (found[0] as Known).id, name: (found[0] as Known).name };
    if (found.length > 1) {
      throw new BackEndError('kimai_rate_person_ambiguous', { text, people: found.map(({ id, name }) => ({ id, name })) });
    }
    throw new BackEndError('kimai_rate_person_unknown', { text, email: wanted.includes('@') });
  }

  async setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement> {
    const { target } = list;
    const api = this.endpoints;
    // Kimai keeps one rate per person and item and has no way to change one: the old one goes first.
    if (before) await this.#guarded(target, 'change', () => api.deleteRate(catalogKind(target.kind), target.id, before.id));
    try {
      const made = await this.#guarded(target, 'set', () => api.createRate(catalogKind(target.kind), target.id, body(person, values)));
      return { rate: rateFrom(made), replaced: before };
    } catch (error) {
      if (!before) throw error;
      throw await this.#putBack(list, before, error);
    }
  }

  async removeRate(list: RateList, rate: Rate): Promise<void> {
    const { target } = list;
    await this.#guarded(target, 'remove', () => this.endpoints.deleteRate(catalogKind(target.kind), target.id, rate.id));
  }

  /** After the new rate was refused: the old one made again, and the error says which rate the item has now. */
  async #putBack(list: RateList, before: Rate, failure: unknown): Promise<BackEndError> {
    const { target } = list;
    const kept = { cause: causeOf(failure), kind: target.kind, name: target.name, person: before.person, was: modelText(rateWords(before, target.currency)) };
    try {
      const back = await this.endpoints.createRate(catalogKind(target.kind), target.id, body(before.person, before));
      return new BackEndError('kimai_rate_put_back', { ...kept, rate: back.id });
    } catch (second) {
      return new BackEndError('kimai_rate_lost', { ...kept, put_back: causeOf(second), item: target.id });
    }
  }

  /** A rate request; Kimai's 403 withdraws manage_rates and says which right is missing. */
  #guarded<T>(item: Pick<RateTarget, 'kind' | 'id' | 'name'>, verb: 'read' | 'set' | 'change' | 'remove', send: () => Promise<T>): Promise<T> {
    return this.context.administering(
      'rates',
      refusalOf('kimai_rates_denied', { verb, kind: item.kind, name: item.name, permission: RIGHTS[item.kind] ?? 'edit' }),
      send,
    );
  }

  /** The currency the item's amounts are in: its customer's; a global activity's depends on the customer booked for. */
  async #currency(item: CatalogItem & { kind: RateKind }): Promise<string | null> {
    let customerId: number | null | undefined;
    if (item.kind === 'customer') customerId = item.id;
    else if (item.kind === 'project') customerId = item.customer?.id;
    else if (item.project) {
      const projectId = item.project.id;
      customerId = (await this.parts.catalog.catalog(true, ['project'])).projects.find((project) => project.id === projectId)?.customer?.id;
    }
    if (customerId === undefined || customerId === null) return null;
    const currencies = await this.#currencies.get(async () => {
      const customers = await this.endpoints.customers(3);
      return new Map(customers.flatMap((customer) => (typeof customer.currency === 'string' ? [[customer.id, customer.currency] as const] : [])));
    });
    return currencies.get(customerId) ?? null;
  }

  /** Everyone in every team (an administrator's view_team), each team one request counted against the call's budget first. */
  async #readTeams(text: string): Promise<void> {
    const api = this.endpoints;
    try {
      const teams = await api.teams();
      ensureRequests(teams.length, 'Kimai');
      const details = await mapWithLimit(teams, this.context.pager.maxParallel, (team) => api.team(team.id));
      for (const team of details) for (const member of team.members ?? []) this.#learn(member.user);
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'forbidden') throw error;
      throw new BackEndError('kimai_teams_hidden', { text });
    }
  }

  #matching(wanted: string): Known[] {
    const word = wanted.toLowerCase();
    return [...this.#known.values()].filter(
      (person) => person.name.toLowerCase() === word || person.username.toLowerCase() === word || sameEmail(person.email, wanted),
    );
  }

  #learn(user: KimaiUserShort & { email?: string | null }): void {
    this.#known.set(user.id, { id: user.id, name: personName(user), username: user.username, email: user.email ?? null });
  }
}

function rateFrom(wire: KimaiRate): Rate {
  return {
    id: wire.id,
    person: wire.user ? { id: wire.user.id, name: personName(wire.user) } : null,
    amount: wire.rate,
    fixed: wire.isFixed === true,
    internal: typeof wire.internalRate === 'number' ? wire.internalRate : null,
  };
}

/** What POST …/rates takes: `user` left out for everyone's rate, `internalRate` where there is one. */
function body(person: RatePerson | null, values: RateValues) {
  return {
    ...(person === null ? {} : { user: person.id }),
    rate: values.amount,
    ...(values.internal === null ? {} : { internalRate: values.internal }),
    isFixed: values.fixed,
  };
}

/** Kimai keeps rates on catalog items alone (rateKinds): the tool refuses a workspace before it reaches here. */
function catalogKind(kind: RateKind): Exclude<RateKind, 'workspace'> {
  if (kind === 'workspace') throw new BackEndError('kimai_no_workspace_rates');
  return kind;
}
