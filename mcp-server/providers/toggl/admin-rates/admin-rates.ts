// Rates on Toggl Track as a workspace admin sets them (manage_rates; docs/back-ends/toggl.md, "Administration"). Toggl
// keeps hourly rates at five levels: the workspace (kind workspace), a person in it (kind workspace with the person: their
// workspace user), a project (kind project), a person on a project (their project user: a member's alone) and a task
// (kind activity, everyone's). Each is dated: a new one is set from today (`mode: "start-today"`), which keeps the
// earlier one for the time tracked before; Punchcard never sends the modes that reprice time already tracked. Billable
// rates and labor rates (the cost: `internal`) are two types, each its own request. Toggl removes no rate, keeps none
// per customer and none fixed per entry: each refused in words before anything is read or sent.
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { RateKind } from '../../../contract/vocabulary.ts';
import type { Rate, RateList, RatePerson, RateReplacement, RateValues } from '../../../domain/admin-rates.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { onePerson } from '../../person-lookup.ts';
import { BackEndError, type RateItem } from '../../time-tracker.ts';
import type { RateAsked } from '../../parts/admin-rates.ts';
import type { TogglContext, TogglGrid, Withdrawn } from '../context.ts';
import { ADMIN_NEEDS, administers } from '../rights.ts';
import type { TogglProjectUser, TogglRate, TogglWorkspaceUser } from '../wire.ts';
import { type AdminRatesEndpoints, adminRatesEndpoints, type RateLevel, type ReadLevel } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

const WITHDRAWN: Withdrawn = { capability: 'admin_rates', tool: 'manage_rates', needs: ADMIN_NEEDS };
const KINDS: readonly RateKind[] = ['workspace', 'project', 'activity'];
const READ_LEVEL: Record<RateItem['kind'], ReadLevel> = { workspace: 'workspace', project: 'project', activity: 'task', customer: 'project' };

/** A person of the workspace as a rate names them: their user id, and their workspace user's own. */
interface Person {
  uid: number;
  workspaceUserId: number;
  name: string;
  email: string;
}

/** Whom a person's rate is kept on: their workspace user, or their project user on the project listed. */
interface Keeper {
  workspaceUserId?: number;
  projectUserId?: number;
}

export class TogglRates extends CellPart<TogglContext, AdminRatesEndpoints> {
  readonly rateKinds = KINDS;
  readonly refusals = {
    remove: (asked: RateAsked) => refusalOf('rate_remove_unsupported', { back_end: 'Toggl Track', ...asked }),
    fixed: refusalOf('rate_kind_unsupported', { back_end: 'Toggl Track', kind: 'time entry (a fixed amount)', kinds: [...KINDS] }),
  };
  /** The people of the workspace as this call read them: a person's rate is set on their workspace user (`id`, apart from their `uid`). */
  #people: Person[] = [];
  /** Each person's project user on the project last listed, by user id. */
  readonly #members = new Map<string, Map<number, TogglProjectUser>>();

  async workspaceItem(text: string): Promise<RateItem> {
    const workspace = await this.context.workspace();
    const wanted = text.trim().replace(/^#/, '').toLowerCase();
    if (wanted === workspace.name.toLowerCase() || wanted === String(workspace.id)) return { kind: 'workspace', id: workspace.id, name: workspace.name };
    throw new BackEndError('toggl_rates_other_workspace', { workspace: { id: workspace.id, name: workspace.name }, asked: text.trim() });
  }

  /** The rates kept for the item now: everyone's (its own level's current rate of each type), then each person's. */
  async rates(item: RateItem): Promise<RateList> {
    const action = `read the rates of the ${item.kind} ${quotedLine(item.name)}`;
    await this.#administrator(action);
    this.#people = [];
    await this.context.keepQuota(action);
    const workspaceId = await this.context.workspaceId();
    const level = READ_LEVEL[item.kind];
    const read = (type: 'billable_rates' | 'labor_costs') =>
      this.context.administering(WITHDRAWN, action, () => this.endpoints.rates(workspaceId, level, item.id, type, action));
    const [billable, labor, people] = await Promise.all([read('billable_rates'), read('labor_costs'), this.#peopleOf(item, workspaceId, action)]);
    const own = current(billable);
    const cost = current(labor);
    const everyone: Rate[] =
      own === undefined ? [] : [{ id: own.id, person: null, amount: own.amount as number, fixed: false, internal: cost?.amount ?? null }];
    return { target: { kind: item.kind, id: item.id, name: item.name, currency: null }, rates: [...everyone, ...people] };
  }

  /** The person among the workspace's people this call read (the rates' list reads them, or the team's kept list serves). */
  async findPerson(text: string): Promise<RatePerson> {
    if (this.#people.length === 0) this.#people = await this.#kept();
    const found = onePerson(this.#people, text, (person) => ({ ...person, id: person.uid, role: null, active: true, teams: [] }), {
      where: 'in the Toggl Track workspace',
      listShows: 'everyone',
    });
    return { id: found.uid, name: found.name };
  }

  /** What Toggl keeps no rate for, before the question: a person on a project they are no member of, a person on a task. */
  setRefusal(list: RateList, person: RatePerson | null): Refusal | null {
    const { target } = list;
    if (person === null || target.kind === 'workspace') return null;
    const item = { id: target.id, name: target.name };
    if (target.kind === 'activity') return refusalOf('toggl_rate_not_kept', { kind: 'activity', item, person });
    if (!this.#keeper(target, person).projectUserId) return refusalOf('toggl_rate_not_kept', { kind: 'project', item, person });
    return null;
  }

  async setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement> {
    const { target } = list;
    const label = `the rate of the ${target.kind} ${quotedLine(target.name)}${person ? ` for ${quotedLine(person.name)}` : ''}`;
    await this.#administrator(`set ${label}`);
    const { level, levelId } = this.#level(list, person);
    const workspaceId = await this.context.workspaceId();
    const post = (type: 'billable_rates' | 'labor_rates', amount: number, action: string) =>
      this.context.administering(WITHDRAWN, action, () =>
        this.endpoints.createRate(workspaceId, { level, level_id: levelId, type, amount, mode: 'start-today' }, action),
      );
    try {
      // From today: the earlier rate keeps the time tracked before it (never override-current or override-all).
      let id = before?.id ?? levelId;
      if (!before || before.amount !== values.amount) id = (await post('billable_rates', values.amount, `set ${label}`))?.id ?? id;
      if (values.internal !== null && values.internal !== (before?.internal ?? null))
        await post('labor_rates', values.internal, `set the labor cost of ${label}`);
      return { rate: { id, person, amount: values.amount, fixed: false, internal: values.internal }, replaced: before };
    } finally {
      // The people's rates are read afresh with the next list (the team's kept people carry none).
      this.#people = [];
    }
  }

  async removeRate(list: RateList, rate: Rate): Promise<void> {
    throw new BackEndError('rate_remove_unsupported', {
      back_end: 'Toggl Track',
      kind: list.target.kind,
      item: list.target.name,
      person: rate.person?.name ?? null,
    });
  }

  /** Where the rate is set: the item's own level for everyone, a person's workspace user or project user for them. */
  #level(list: RateList, person: RatePerson | null): { level: RateLevel; levelId: number } {
    const { target } = list;
    if (target.kind === 'activity') {
      if (person) throw new BackEndError('toggl_rate_not_kept', { kind: 'activity', item: { id: target.id, name: target.name }, person });
      return { level: 'task', levelId: target.id };
    }
    if (person === null) return { level: target.kind === 'workspace' ? 'workspace' : 'project', levelId: target.id };
    const keeper = this.#keeper(target, person);
    if (target.kind === 'workspace' && keeper.workspaceUserId !== undefined) return { level: 'workspace_user', levelId: keeper.workspaceUserId };
    if (target.kind === 'project' && keeper.projectUserId !== undefined) return { level: 'project_user', levelId: keeper.projectUserId };
    if (target.kind === 'project') throw new BackEndError('toggl_rate_not_kept', { kind: 'project', item: { id: target.id, name: target.name }, person });
    throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: 'person', id: person.id, any_more: true });
  }

  #keeper(target: { kind: RateKind; id: number }, person: RatePerson): Keeper {
    const workspaceUserId = this.#people.find((user) => user.uid === person.id)?.workspaceUserId;
    const projectUserId = target.kind === 'project' ? this.#members.get(`${target.id}`)?.get(person.id)?.id : undefined;
    return { ...(workspaceUserId === undefined ? {} : { workspaceUserId }), ...(projectUserId === undefined ? {} : { projectUserId }) };
  }

  /** Each person's current rate on the item: the workspace users' in the workspace, the project users' on a project; none on a task. */
  async #peopleOf(item: RateItem, workspaceId: number, action: string): Promise<Rate[]> {
    if (item.kind === 'workspace') {
      const users = ((await this.context.administering(WITHDRAWN, action, () => this.endpoints.workspaceUsers(workspaceId))) ?? []).filter(
        (user): user is TogglWorkspaceUser => typeof user?.uid === 'number' && typeof user.id === 'number',
      );
      this.#people = users.map((user) => ({ uid: user.uid, workspaceUserId: user.id, name: nameOf(user), email: (user.email ?? '').trim() }));
      return users
        .filter((user) => typeof user.rate === 'number' && user.rate > 0)
        .map((user) => ({
          id: user.id,
          person: { id: user.uid, name: nameOf(user) },
          amount: user.rate as number,
          fixed: false,
          internal: user.labor_cost ?? null,
        }));
    }
    if (item.kind !== 'project') return [];
    this.#people = await this.#kept();
    const members = (await this.context.administering(WITHDRAWN, action, () => this.endpoints.projectUsers(workspaceId, item.id, action))) ?? [];
    const byUser = new Map(members.filter((member) => member?.project_id === item.id).map((member) => [member.user_id, member]));
    this.#members.set(`${item.id}`, byUser);
    const names = new Map(this.#people.map((person) => [person.uid, person.name]));
    return [...byUser.values()]
      .filter((member) => typeof member.rate === 'number' && member.rate > 0)
      .map((member) => ({
        id: member.id,
        person: { id: member.user_id, name: names.get(member.user_id) ?? `user #${member.user_id}` },
        amount: member.rate as number,
        fixed: false,
        internal: member.labor_cost ?? null,
      }));
  }

  /** The workspace's active people as the team keeps them (a quarter of an hour): no request where they are kept. */
  async #kept(): Promise<Person[]> {
    return (await this.context.members()).map((member) => ({ uid: member.id, workspaceUserId: member.workspaceUserId, name: member.name, email: '' }));
  }

  async #administrator(action: string): Promise<void> {
    const rights = await this.context.rights();
    if (!administers(rights)) throw this.context.lacks(rights, 'manage_rates', action, ADMIN_NEEDS);
  }
}

/** The rate in force: the one without an end (else the latest start), of a positive amount. */
function current(rates: readonly TogglRate[] | null): TogglRate | undefined {
  const dated = (rates ?? []).filter(
    (rate) => typeof rate?.amount === 'number' && rate.amount > 0 && rate.workspace_user_id == null && rate.project_user_id == null,
  );
  return dated.find((rate) => !rate.end) ?? [...dated].sort((a, b) => (b.start ?? '').localeCompare(a.start ?? ''))[0];
}

const nameOf = (user: TogglWorkspaceUser) => (user.name ?? '').trim() || (user.email ?? '').trim() || `user #${user.uid}`;

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, AdminRatesEndpoints>({
  endpoints: adminRatesEndpoints,
  parts: (context, endpoints) => ({ adminRates: new TogglRates(context, endpoints, {}) }),
});
