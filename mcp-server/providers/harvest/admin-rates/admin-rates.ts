// Rates on Harvest as the person's role sets them (docs/back-ends/harvest.md, "Administration"). Harvest keeps hourly
// rates only, and in four places: a person's default billable and cost rates, dated (kind workspace: the account,
// with the person), a project's own rate (kind project), a person's rate on a project (kind project with the person),
// and a task's rate on a project (kind activity, one project's task: "Design (Website)" where the task is on several).
// Cost rates are kept per person alone. A person's rate is always set from today with a start date: Harvest ends the
// rate before it the day before, where a rate without one would replace every earlier rate. Harvest deletes no rate,
// takes no fixed rate and keeps none for the whole account or per customer: refused in words before anything is sent.
// An administrator sets any of them; a manager with billable_rates_manager her teammates' billable rates alone.
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { RateKind } from '../../../contract/vocabulary.ts';
import type { Rate, RateList, RatePerson, RateReplacement, RateValues } from '../../../domain/admin-rates.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { onePerson } from '../../person-lookup.ts';
import { BackEndError, type RateItem } from '../../time-tracker.ts';
import type { HarvestCatalogView, HarvestContext, HarvestGrid, HarvestPerson, Withdrawn } from '../context.ts';
import { type HarvestRights, knownRights, roleName } from '../rights.ts';
import type { HarvestTaskAssignment, HarvestUserAssignment } from '../wire.ts';
import { type AdminRatesEndpoints, adminRatesEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

const WITHDRAWN: Withdrawn = { capability: 'admin_rates', tool: 'manage_rates', needs: 'an administrator, or a manager with billable_rates_manager' };

/** What a project's or a task's rates were read with, for the set that follows in the same call. */
interface ReadRates {
  people?: HarvestUserAssignment[];
  task?: HarvestTaskAssignment;
}

export class HarvestRates extends CellPart<HarvestContext, AdminRatesEndpoints, { catalog: HarvestCatalogView }> {
  readonly rateKinds: readonly RateKind[] = ['workspace', 'project', 'activity'];
  readonly refusals = { remove: refusalOf('harvest_rate_not_removable'), fixed: refusalOf('harvest_rate_not_fixed') };
  readonly #read = new Map<string, ReadRates>();

  async workspaceItem(text: string): Promise<RateItem> {
    const [company, account] = await Promise.all([this.context.company(), this.context.accountId()]);
    const name = company?.name ?? this.context.facts.current.accountName ?? `account ${account}`;
    const wanted = text.trim().replace(/^#/, '').toLowerCase();
    if (wanted === name.toLowerCase() || wanted === account) return { kind: 'workspace', id: Number(account), name };
    throw new BackEndError('harvest_rates_other_account', { account: { id: Number(account), name }, asked: text.trim() });
  }

  /** A task on a project, named "Task (Project)": which project's rate it is. */
  async itemNamed(kind: RateKind, text: string): Promise<RateItem | undefined> {
    if (kind !== 'activity') return undefined;
    const match = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(text.trim());
    if (!match) return undefined;
    const [task, project] = [(match[1] as string).toLowerCase(), (match[2] as string).toLowerCase()];
    const { activities } = await this.parts.catalog.catalog(true, ['activity']);
    const found = activities.find((item) => item.name.toLowerCase() === task && item.project?.name.toLowerCase() === project);
    // Named with its project: the one task assignment it means, whatever other projects the task is on.
    return found?.project ? { ...found, kind: 'activity', name: `${found.name} (${found.project.name})` } : undefined;
  }

  async rates(item: RateItem): Promise<RateList> {
    const rights = await this.context.rights();
    if (item.kind === 'workspace') {
      const people = await this.context.administering(WITHDRAWN, 'read the rates of the people', () => this.context.people());
      const money = rights.access === 'administrator';
      return {
        target: { kind: 'workspace', id: item.id, name: item.name, currency: null },
        rates: people.map((person) => personRate(person, money)),
      };
    }
    if (rights.access !== 'administrator') throw this.context.lacks(rights, 'manage_rates', `set a ${item.kind}'s rate`, 'an administrator');
    if (item.kind === 'project') {
      const [project, people] = await this.context.administering(WITHDRAWN, `read the rates of the project ${quotedLine(item.name)}`, () =>
        Promise.all([this.endpoints.project(item.id), this.endpoints.userAssignments(item.id, item.name)]),
      );
      this.#read.set(key(item), { people });
      const own: Rate[] =
        typeof project.hourly_rate === 'number' ? [{ id: project.id, person: null, amount: project.hourly_rate, fixed: false, internal: null }] : [];
      const theirs = people
        .filter((assignment) => assignment.use_default_rates === false && typeof assignment.hourly_rate === 'number' && assignment.user)
        .map((assignment) => ({
          id: assignment.id,
          person: { id: assignment.user?.id as number, name: assignment.user?.name ?? `user #${assignment.user?.id}` },
          amount: assignment.hourly_rate as number,
          fixed: false,
          internal: null,
        }));
      return { target: { kind: 'project', id: project.id, name: project.name, currency: project.client?.currency ?? null }, rates: [...own, ...theirs] };
    }
    if (item.kind !== 'activity' || !('project' in item) || !item.project) {
      throw new BackEndError('rate_item_not_found', { kind: 'activity', item: item.name, close: [] });
    }
    const project = item.project;
    const withProject = item.name.endsWith(` (${project.name})`);
    const onProjects = (await this.parts.catalog.catalog(true, ['activity'])).activities.filter((activity) => activity.id === item.id && activity.project);
    // A task on several projects has a rate on each: which one, the item says ("Design (Website)").
    if (onProjects.length > 1 && !withProject) {
      throw new BackEndError('harvest_rate_activity_projects', { activity: item.name, projects: onProjects.map((activity) => activity.project?.name ?? '') });
    }
    const tasks = await this.context.administering(WITHDRAWN, `read the rates of the project ${quotedLine(project.name)}`, () =>
      this.endpoints.taskAssignments(project.id, project.name),
    );
    const task = tasks.find((assignment) => assignment.task?.id === item.id);
    if (!task) throw new BackEndError('rate_item_not_found', { kind: 'activity', item: `${item.name} (${project.name})`, close: [] });
    this.#read.set(key({ kind: 'activity', id: item.id, name: withProject ? item.name : `${item.name} (${project.name})` }), { task });
    const name = withProject ? item.name : `${item.name} (${project.name})`;
    return {
      target: { kind: 'activity', id: item.id, name, currency: null },
      rates: typeof task.hourly_rate === 'number' ? [{ id: task.id, person: null, amount: task.hourly_rate, fixed: false, internal: null }] : [],
    };
  }

  async findPerson(text: string): Promise<RatePerson> {
    const people = await this.context.people();
    const found = onePerson(
      people,
      text,
      (person) => ({ id: person.id, name: person.name, email: person.user.email ?? '', role: null, active: true, teams: [] }),
      {
        where: 'among the people Harvest lists to you',
        listShows: 'them',
      },
    );
    return { id: found.id, name: found.name };
  }

  /** What Harvest keeps no rate for, and what the role may not set, before the question. */
  setRefusal(list: RateList, person: RatePerson | null, values: RateValues): Refusal | null {
    const { target } = list;
    const rights = knownRights(this.context.facts.current);
    if (target.kind === 'workspace') {
      if (person === null) return refusalOf('harvest_rate_needs_person');
      const before = list.rates.find((rate) => rate.person?.id === person.id);
      if (rights && rights.access !== 'administrator' && values.internal !== null && values.internal !== (before?.internal ?? null)) {
        return this.#lacking(rights, 'set a cost rate');
      }
      return null;
    }
    if (values.internal !== null) return refusalOf('harvest_rate_internal_per_person', { kind: target.kind === 'activity' ? 'activity' : 'project' });
    if (target.kind === 'activity' && person !== null) return refusalOf('harvest_rate_not_kept', { kind: 'activity', item: target.name, person: person.name });
    if (target.kind === 'project' && person !== null) {
      const people = this.#read.get(key(target))?.people ?? [];
      if (!people.some((assignment) => assignment.user?.id === person.id))
        return refusalOf('harvest_rate_not_kept', { kind: 'project', item: target.name, person: person.name });
    }
    return null;
  }

  async setRate(list: RateList, person: RatePerson | null, values: RateValues, before: Rate | undefined): Promise<RateReplacement> {
    const { target } = list;
    const label = `the rate of the ${target.kind} ${quotedLine(target.name)}${person ? ` for ${quotedLine(person.name)}` : ''}`;
    const send = <T>(action: string, request: () => Promise<T>) => this.context.administering(WITHDRAWN, action, request);
    if (target.kind === 'workspace') {
      if (person === null) throw new BackEndError('harvest_rate_needs_person');
      const rights = await this.context.rights();
      if (rights.access !== 'administrator' && values.internal !== null && values.internal !== (before?.internal ?? null))
        throw this.context.lacks(rights, 'manage_rates', 'set a cost rate', 'an administrator');
      // Dated from today: Harvest ends the rate before it the day before, and keeps the time before at the old rate.
      const today = await this.context.today();
      if (!before || before.amount !== values.amount)
        await send(`set ${label}`, () => this.endpoints.createRate(person.id, 'billable_rates', values.amount, today, `set ${label}`));
      if (values.internal !== null && values.internal !== (before?.internal ?? null)) {
        const internal = values.internal;
        await send(`set the cost ${label}`, () => this.endpoints.createRate(person.id, 'cost_rates', internal, today, `set the cost ${label}`));
      }
      this.context.forgetPeople();
      return { rate: { id: person.id, person, amount: values.amount, fixed: false, internal: values.internal }, replaced: before };
    }
    if (target.kind === 'project' && person === null) {
      await send(`set ${label}`, () => this.endpoints.updateProject(target.id, { hourly_rate: values.amount }, `set ${label}`));
      return { rate: { id: target.id, person: null, amount: values.amount, fixed: false, internal: null }, replaced: before };
    }
    if (target.kind === 'project' && person !== null) {
      const assignment = this.#read.get(key(target))?.people?.find((candidate) => candidate.user?.id === person.id);
      if (!assignment) throw new BackEndError('harvest_rate_not_kept', { kind: 'project', item: target.name, person: person.name });
      await send(`set ${label}`, () =>
        this.endpoints.updateUserAssignment(target.id, assignment.id, { use_default_rates: false, hourly_rate: values.amount }, `set ${label}`),
      );
      return { rate: { id: assignment.id, person, amount: values.amount, fixed: false, internal: null }, replaced: before };
    }
    const task = this.#read.get(key(target))?.task;
    const projectId = task?.project?.id;
    if (!task || projectId === undefined) throw new BackEndError('rate_item_not_found', { kind: 'activity', item: target.name, close: [] });
    await send(`set ${label}`, () => this.endpoints.updateTaskAssignment(projectId, task.id, { hourly_rate: values.amount }, `set ${label}`));
    return { rate: { id: task.id, person: null, amount: values.amount, fixed: false, internal: null }, replaced: before };
  }

  async removeRate(): Promise<void> {
    throw new BackEndError('harvest_rate_not_removable');
  }

  #lacking(rights: HarvestRights, action: string): Refusal {
    return refusalOf('role_lacks', { back_end: 'Harvest', tool: 'manage_rates', action, role: roleName(rights), needs: 'an administrator' });
  }
}

/** A person's current rates as /v2/users shows them: the billable one, and the cost one where the reader is an administrator. */
function personRate(person: HarvestPerson, money: boolean): Rate {
  return {
    id: person.id,
    person: { id: person.id, name: person.name },
    amount: typeof person.user.default_hourly_rate === 'number' ? person.user.default_hourly_rate : 0,
    fixed: false,
    internal: money && typeof person.user.cost_rate === 'number' ? person.user.cost_rate : null,
  };
}

const key = (item: { kind: string; id: number; name: string }) => `${item.kind}#${item.id} ${item.name}`;

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, AdminRatesEndpoints>({
  endpoints: adminRatesEndpoints,
  parts: (context, endpoints, built) => ({ adminRates: new HarvestRates(context, endpoints, { catalog: built.part('catalog') }) }),
});
