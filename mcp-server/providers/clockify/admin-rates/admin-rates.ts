// Rates on Clockify (docs/back-ends/clockify.md, "Administration"), for a workspace admin or the owner:
// the workspace's default (`kind: workspace`) and a member's own rate across it, a project's own rate
// and a member's own in that project. `hourly` is Clockify's billable rate and `internal` its cost
// rate; each is its own request, so a set sends only what changes. Clockify keeps amounts in whole
// cents and Punchcard shows currency units: an amount finer than a cent is refused, not rounded.
// Clockify has no fixed rates, no client rates and removes no rate (a member's falls back to the
// default only when set to it): those are refused in words. A rate has no id of its own in Clockify:
// a person's rate carries the person's number, everyone's 0. Clockify's 403 withdraws manage_rates
// at once (context.ts, refuseAdministration).
import { CellPart } from '../../grid/cell-part.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import { personWords, type Rate, type RateList, type RatePerson, type RateReplacement, type RateValues } from '../../../domain/admin-rates.ts';
import type { RateKind } from '../../../contract/vocabulary.ts';
import { refusalOf } from '../../../contract/outcomes/refusals.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { modelText } from '../../../contract/outcomes/sentence.ts';
import { type AdminRatesPart, BackEndError, causeOf, type RateItem } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import { wholeCents } from '../mapping.ts';
import type { AdminRatesEndpoints, RateField } from './endpoints.ts';
import type { ClockifyRate, ClockifyRatedMembership, ClockifyRatedProject, ClockifyUser } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';

/** The currency a workspace without one set bills in (RateWithCurrencyRequestV1's default). */
const DEFAULT_CURRENCY = 'USD';

/** What a rate list was read from, kept for the set that follows it in the same call. */
interface ReadRates {
  /** The project as read (its update carries it whole), or undefined for the workspace. */
  project?: ClockifyRatedProject;
  /** Members of a private project, by Clockify id: a project rate is for them alone. */
  members: ReadonlySet<string> | null;
}

export class ClockifyRates extends CellPart<ClockifyContext, AdminRatesEndpoints> implements AdminRatesPart {
  readonly rateKinds: readonly RateKind[] = ['project', 'workspace'];
  /** What manage_rates refuses itself, in the words of these codes (time-tracker.ts, AdminRatesPart). */
  readonly refusals = { remove: refusalOf('clockify_rate_not_removable'), fixed: refusalOf('clockify_rate_not_fixed') };
  readonly #read = new Map<string, ReadRates>();

  async workspaceItem(text: string): Promise<RateItem> {
    const workspace = await this.context.workspace();
    const wanted = text.trim().replace(/^#/, '').toLowerCase();
    const number = await this.context.number('workspace', workspace.id);
    if ([workspace.name.toLowerCase(), workspace.id.toLowerCase(), String(number)].includes(wanted))
      return { kind: 'workspace', id: number, name: workspace.name };
    throw new BackEndError('clockify_rates_other_workspace', { workspace: workspace.name, id: number, asked: text });
  }

  async rates(item: RateItem): Promise<RateList> {
    const { workspaceId } = await this.context.ids();
    const api = this.endpoints;
    if (item.kind === 'workspace') {
      const workspace = await this.#refused(`read the rates of the workspace ${quotedLine(item.name)}`, () => api.ratedWorkspace(workspaceId));
      const currency = workspace.hourlyRate?.currency || DEFAULT_CURRENCY;
      const everyone = rateOf(0, null, workspace.hourlyRate, workspace.costRate, 0);
      this.#read.set(key(item), { members: null });
      return {
        target: { kind: 'workspace', id: item.id, name: item.name, currency },
        rates: [everyone, ...(await this.#people(workspace.memberships, everyone))],
      };
    }
    if (item.kind !== 'project') throw new BackEndError('clockify_rates_kind', { kind: item.kind });
    const remote = await this.context.remote('project', item.id, 'clockify_record_unknown', {
      record: 'project',
      id: item.id,
      visible: true,
      see: 'list_catalog',
    });
    const project = (await this.#refused(`read the rates of the project ${quotedLine(item.name)}`, () =>
      api.project(workspaceId, remote, item.id),
    )) as ClockifyRatedProject;
    const currency = project.hourlyRate?.currency || project.costRate?.currency || (await this.#workspaceCurrency(workspaceId));
    const own = cents(project.hourlyRate) === null && cents(project.costRate) === null ? [] : [rateOf(0, null, project.hourlyRate, project.costRate, 0)];
    const members = project.public === true ? null : new Set((project.memberships ?? []).flatMap((member) => (member.userId ? [member.userId] : [])));
    this.#read.set(key(item), { project, members });
    return { target: { kind: 'project', id: item.id, name: project.name, currency }, rates: [...own, ...(await this.#people(project.memberships, own[0]))] };
  }

  async findPerson(text: string, list: RateList): Promise<RatePerson> {
    const wanted = text
      .trim()
      .replace(/^#(?=\d+$)/, '')
      .toLowerCase();
    const people = await this.#members();
    const numbers = await this.context.numbers(
      'person',
      people.map((person) => person.id),
    );
    const found = people.filter(
      (person, index) =>
        String(numbers[index]) === wanted || person.id.toLowerCase() === wanted || sameEmail(person.email, text) || person.name?.toLowerCase() === wanted,
    );
    if (found.length > 1) {
      const named = found.map((person) => ({ id: numbers[people.indexOf(person)] as number, name: this.context.nameOf(person) }));
      throw new BackEndError('clockify_rates_person_ambiguous', { text, people: named });
    }
    const person = found[0];
    if (!person) throw new BackEndError('clockify_rates_person_unknown', { text });
    const members = this.#read.get(key(list.target))?.members;
    const number = numbers[people.indexOf(person)] as number;
    if (members && !members.has(person.id)) {
      throw new BackEndError('clockify_rates_person_not_member', { person: this.context.nameOf(person), id: number, project: list.target.name });
    }
    return { id: number, name: this.context.nameOf(person) };
  }

  async setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement> {
    const { target } = list;
    const currency = target.currency ?? DEFAULT_CURRENCY;
    // Refused before anything is sent: Clockify keeps whole cents, and a rate finer than that would be rounded silently.
    const hourly = toCents(values.amount, 'hourly', currency);
    const cost = values.internal === null ? null : toCents(values.internal, 'internal', currency);
    const sends: Array<[RateField, number]> = [];
    if (!before || before.amount !== values.amount) sends.push(['hourly', hourly]);
    if (cost !== null && (!before || before.internal !== values.internal)) sends.push(['cost', cost]);
    const { workspaceId } = await this.context.ids();
    const rates = this.endpoints;
    const whose = modelText(personWords(person));
    const label = `the rate of the ${target.kind} ${quotedLine(target.name)} for ${whose}`;
    const userId = person === null ? undefined : await this.context.remote('person', person.id, 'clockify_member_unknown', { id: person.id });
    const read = this.#read.get(key(target));
    const done: RateField[] = [];
    try {
      if (target.kind === 'project' && userId === undefined) {
        // One update carries both of the project's own rates, with the project as this call read it.
        const project = read?.project;
        if (!project) throw new BackEndError('clockify_rates_not_read', { project: target.name });
        const amounts = Object.fromEntries(sends);
        await this.#refused(`set ${label}`, () => rates.setProjectRates(workspaceId, project, amounts));
        done.push(...sends.map(([field]) => field));
      }
      for (const [field, amount] of target.kind === 'project' && userId === undefined ? [] : sends) {
        if (target.kind === 'workspace' && userId === undefined)
          await this.#refused(`set ${label}`, () => rates.setWorkspaceRate(workspaceId, field, amount, currency));
        else if (target.kind === 'workspace')
          await this.#refused(`set ${label}`, () => rates.setMemberRate(workspaceId, userId as string, whose, field, amount));
        else {
          const projectId =
            read?.project?.id ?? (await this.context.remote('project', target.id, 'clockify_record_unknown', { record: 'project', id: target.id }));
          await this.#refused(`set ${label}`, () => rates.setProjectMemberRate(workspaceId, projectId, userId as string, label, field, amount));
        }
        done.push(field);
      }
    } catch (error) {
      if (done.length === 0 || !(error instanceof Error)) throw error;
      // Half-way: the hourly rate is Clockify's now, the cost rate was refused; said with both values.
      throw new BackEndError('clockify_rate_set_partway', {
        cause: causeOf(error),
        target: { kind: target.kind, name: target.name },
        person: person === null ? null : { id: person.id, name: person.name },
        hourly: values.amount,
        currency,
        internal: before?.internal ?? null,
      });
    }
    return { rate: { id: person?.id ?? 0, person, ...values }, replaced: before };
  }

  async removeRate(): Promise<void> {
    throw new BackEndError('clockify_rate_not_removable');
  }

  /** The members who have a rate of their own here, named (the workspace's active members, one listing). */
  async #people(memberships: readonly ClockifyRatedMembership[] | null | undefined, fallback: Rate | undefined): Promise<Rate[]> {
    const rated = (memberships ?? []).filter((member) => member.userId && (cents(member.hourlyRate) !== null || cents(member.costRate) !== null));
    if (rated.length === 0) return [];
    const people = new Map((await this.#members()).map((person) => [person.id, person]));
    const numbers = await this.context.numbers(
      'person',
      rated.map((member) => member.userId as string),
    );
    return rated
      .map((member, index) => {
        const known = people.get(member.userId as string);
        const person = { id: numbers[index] as number, name: known ? this.context.nameOf(known) : 'a former member' };
        return rateOf(person.id, person, member.hourlyRate, member.costRate, fallback?.amount ?? 0);
      })
      .sort((a, b) => (a.person?.name ?? '').localeCompare(b.person?.name ?? ''));
  }

  async #members(): Promise<ClockifyUser[]> {
    const { workspaceId } = await this.context.ids();
    return this.#refused('list the members of the workspace', () => pagesUntilLast((page) => this.endpoints.membersPage(workspaceId, page)));
  }

  async #workspaceCurrency(workspaceId: string): Promise<string> {
    const workspace = await this.#refused("read the workspace's currency", () => this.endpoints.ratedWorkspace(workspaceId));
    return workspace.hourlyRate?.currency || DEFAULT_CURRENCY;
  }

  /** Clockify's refusal (403) of a rate withdraws manage_rates at once, and says which right is missing. */
  #refused<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering('rates', ['clockify_administration_refused', { part: 'rates', action }], send);
  }
}

const key = (item: { kind: string; id: number }) => `${item.kind}#${item.id}`;

/** An amount in cents as Clockify sends it; null where it keeps none. */
function cents(rate: ClockifyRate): number | null {
  return typeof rate?.amount === 'number' ? rate.amount : null;
}

/** A rate in currency units; a member with a cost rate only bills at the item's default (`fallback`). */
function rateOf(id: number, person: RatePerson | null, hourly: ClockifyRate, cost: ClockifyRate, fallback: number): Rate {
  const amount = cents(hourly);
  const internal = cents(cost);
  return { id, person, amount: amount === null ? fallback : amount / 100, fixed: false, internal: internal === null ? null : internal / 100 };
}

/** Currency units to whole cents, refused where the amount is finer than a cent. */
function toCents(amount: number, field: 'hourly' | 'internal', currency: string): number {
  if (!wholeCents(amount)) throw new BackEndError('clockify_rate_cents', { field, amount, currency });
  return Math.round(amount * 100);
}
