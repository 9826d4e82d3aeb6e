// Changes of what a client, project or task keeps on Clockify (update_catalog_item;
// docs/back-ends/clockify.md, "Administration"), for a workspace admin or the owner. A client keeps a name and a note
// (Punchcard's comment); a project a name, billable mark, note, client, and a time and a budget
// estimate that run in total or reset monthly (Punchcard's budget_period; a weekly or yearly reset is
// Clockify's own, kept unless the person names a period); a task a name, billable mark and the two
// estimates, which never reset. Projects have no dates. Estimates of time go as ISO 8601 durations,
// of money as whole cents. Every update carries the item as read, so that nothing else changes, and
// the item is read again afterwards: the answer is what Clockify keeps. A 403 withdraws
// update_catalog_item at once (context.ts, refuseAdministration).
import { CellPart } from '../../grid/cell-part.ts';
import { pagesUntilLast } from '../../remote/paging.ts';
import type { CatalogChange, CatalogItemFields, CatalogItemRecord, ChangeField } from '../../../domain/catalog-changes.ts';
import type { BudgetPeriod, CatalogKind } from '../../../contract/vocabulary.ts';
import { type Refusal, type RefusalArgs, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { BackEndError, type CatalogAdminPart, causeOf } from '../../time-tracker.ts';
import type { CatalogAdminEndpoints, ClockifyClientRecord, ClockifyTaskRecord, EstimateBody } from './endpoints.ts';
import type { ClockifyCatalogView, ClockifyContext } from '../context.ts';
import { wholeCents } from '../mapping.ts';
import type { ClockifyRatedProject } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

const WORD: Readonly<Record<CatalogKind, string>> = { customer: 'client', project: 'project', activity: 'task' };

/** What catalogItem read, kept for the update that follows it in the same call. */
type Source =
  | { kind: 'customer'; client: ClockifyClientRecord }
  | { kind: 'project'; project: ClockifyRatedProject; reset: string | null }
  | { kind: 'activity'; task: ClockifyTaskRecord; projectId: string; projectName: string };

/** What each kind keeps that Punchcard changes (`refusal` refuses the rest in words): projects have no dates, tasks no comment or period. */
const KEPT: Readonly<Record<CatalogKind, readonly ChangeField[]>> = {
  customer: ['name', 'comment'],
  project: ['name', 'budgetHours', 'budgetMoney', 'budgetPeriod', 'billable', 'comment', 'customer'],
  activity: ['name', 'budgetHours', 'budgetMoney', 'billable'],
};

const NO_FIELDS = { budgetHours: null, budgetMoney: null, budgetPeriod: null, billable: null, comment: '', customer: null, start: null, end: null };

export class ClockifyCatalogAdmin extends CellPart<ClockifyContext, CatalogAdminEndpoints, { catalog: ClockifyCatalogView }> implements CatalogAdminPart {
  readonly #read = new Map<string, Source>();

  async catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord> {
    const { workspaceId } = await this.context.ids();
    const api = this.endpoints;
    const gone: RefusalArgs = ['clockify_record_unknown', { record: kind, id, visible: true, see: 'list_catalog', nothing_changed: true }];
    if (kind === 'customer') {
      const remote = await this.context.remote('client', id, ...gone);
      const client = await this.#refused(`read the client #${id}`, () => api.clientRecord(workspaceId, remote, `#${id}`));
      this.#read.set(`${kind}#${id}`, { kind, client });
      return { kind, id, fields: { ...NO_FIELDS, name: client.name, comment: client.note ?? '' } };
    }
    if (kind === 'project') {
      const remote = await this.context.remote('project', id, ...gone);
      const project = (await api.project(workspaceId, remote, id)) as ClockifyRatedProject;
      const hours = project.timeEstimate?.active === false ? null : hoursOf(project.timeEstimate?.estimate);
      const money =
        project.budgetEstimate?.active === false || !(Number(project.budgetEstimate?.estimate) > 0) ? null : Number(project.budgetEstimate?.estimate) / 100;
      const reset =
        ((hours !== null ? project.timeEstimate?.resetOption : money !== null ? project.budgetEstimate?.resetOption : null) ?? null)?.toUpperCase() ?? null;
      this.#read.set(`${kind}#${id}`, { kind, project, reset });
      const customer = project.clientId ? { id: await this.context.number('client', project.clientId), name: project.clientName || 'a client' } : null;
      return {
        kind,
        id,
        fields: {
          ...NO_FIELDS,
          name: project.name,
          budgetHours: hours,
          budgetMoney: money,
          budgetPeriod: periodOf(hours === null && money === null ? undefined : reset),
          billable: project.billable === true,
          comment: project.note ?? '',
          customer,
        },
      };
    }
    // The handler found the task in the catalog it read in this call, which a task's project comes from.
    const item = (await this.parts.catalog.catalog(true, ['activity'])).activities.find((activity) => activity.id === id);
    const projectId = item?.project ? await this.context.remote('project', item.project.id, ...gone) : undefined;
    if (!item?.project || projectId === undefined) throw new BackEndError(...gone);
    return this.#task(id, projectId, item.project.name, gone);
  }

  changeable(item: CatalogItemRecord): readonly ChangeField[] {
    return KEPT[item.kind];
  }

  /** `changeRefusal` as a refusal: update_catalog_item throws it itself (time-tracker.ts, CatalogAdminPart). */
  refusal(item: CatalogItemRecord, change: CatalogChange): Refusal | undefined {
    const refused = this.changeRefusal(item, change);
    return refused && refusalOf(...refused);
  }

  /** Why Clockify will not take `change` of this item, before anything is asked or sent; undefined where it will. */
  changeRefusal(item: CatalogItemRecord, change: CatalogChange): RefusalArgs | undefined {
    if (change.start !== undefined || change.end !== undefined) return ['clockify_project_no_dates'];
    if (item.kind === 'customer') {
      const asked = (['budgetHours', 'budgetMoney', 'budgetPeriod', 'billable'] as const).filter((field) => change[field] !== undefined);
      if (asked.length > 0) return ['clockify_client_fields'];
    }
    if (item.kind === 'activity') {
      if (change.comment !== undefined) return ['clockify_task_no_comment'];
      if (change.budgetPeriod !== undefined) return ['clockify_task_budget_never_resets'];
    }
    if (change.budgetMoney !== undefined && change.budgetMoney !== null && !wholeCents(change.budgetMoney))
      return ['clockify_budget_cents', { amount: change.budgetMoney }];
    if (item.kind !== 'project') return undefined;
    const hours = change.budgetHours !== undefined ? change.budgetHours : item.fields.budgetHours;
    const money = change.budgetMoney !== undefined ? change.budgetMoney : item.fields.budgetMoney;
    if (change.budgetPeriod !== undefined && !(Number(hours) > 0) && !(Number(money) > 0))
      return ['clockify_budget_period_needs_budget', { project: item.fields.name }];
    const source = this.#read.get(`${item.kind}#${item.id}`);
    const reset = source?.kind === 'project' ? source.reset : null;
    if (
      (change.budgetHours !== undefined || change.budgetMoney !== undefined) &&
      change.budgetPeriod === undefined &&
      (reset === 'WEEKLY' || reset === 'YEARLY')
    )
      return ['clockify_budget_reset_unsupported', { project: item.fields.name, every: reset === 'WEEKLY' ? 'week' : 'year' }];
    return undefined;
  }

  async updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord> {
    const source = this.#read.get(`${item.kind}#${item.id}`);
    if (!source) throw new BackEndError('clockify_catalog_item_not_read', { kind: item.kind, id: item.id });
    const { workspaceId } = await this.context.ids();
    const api = this.endpoints;
    const label = `the ${WORD[item.kind]} ${quotedLine(item.fields.name)}`;
    try {
      if (source.kind === 'customer') {
        await this.#refused(`change ${label}`, () =>
          api.updateClient(workspaceId, source.client, {
            ...(change.name ? { name: change.name } : {}),
            ...(change.comment !== undefined ? { note: change.comment } : {}),
          }),
        );
      } else if (source.kind === 'activity') {
        await this.#refused(`change ${label}`, () =>
          api.updateTask(workspaceId, source.projectId, source.task, {
            ...(change.name ? { name: change.name } : {}),
            ...(change.billable !== undefined && change.billable !== null ? { billable: change.billable } : {}),
            ...(change.budgetHours !== undefined ? { estimate: isoHours(change.budgetHours ?? 0) } : {}),
            ...(change.budgetMoney !== undefined ? { budgetEstimate: Math.round((change.budgetMoney ?? 0) * 100) } : {}),
          }),
        );
      } else await this.#updateProject(workspaceId, source.project, item.fields, change, label);
    } finally {
      // Forgotten even when a write failed: a project renamed before its budget failed is known by its new name at once.
      this.parts.catalog.forget();
    }
    // A task is read again from its own project's list: the whole catalog would read every project's tasks once more.
    const after =
      source.kind === 'activity'
        ? await this.#task(item.id, source.projectId, source.projectName, ['clockify_task_gone_after_change', { task: item.fields.name }])
        : await this.catalogItem(item.kind, item.id);
    // A budget of 0 is no budget, which Clockify keeps as no (inactive) estimate: the 0 asked for is what it keeps.
    for (const field of ['budgetHours', 'budgetMoney'] as const) if (change[field] === 0 && after.fields[field] === null) after.fields[field] = 0;
    return after;
  }

  /** One task as its project's list has it (a request a page of the list), kept for the update that follows. */
  async #task(id: number, projectId: string, projectName: string, gone: RefusalArgs): Promise<CatalogItemRecord> {
    const { workspaceId } = await this.context.ids();
    const remote = await this.context.remote('task', id, ...gone);
    const tasks = await pagesUntilLast((page) => this.endpoints.tasksPage(workspaceId, projectId, projectName, page));
    const task = tasks.find((candidate) => candidate.id === remote) as ClockifyTaskRecord | undefined;
    if (!task) throw new BackEndError(...gone);
    this.#read.set(`activity#${id}`, { kind: 'activity', task, projectId, projectName });
    const money = Number(task.budgetEstimate) > 0 ? Number(task.budgetEstimate) / 100 : null;
    return {
      kind: 'activity',
      id,
      fields: { ...NO_FIELDS, name: task.name, budgetHours: hoursOf(task.estimate), budgetMoney: money, billable: task.billable === true },
    };
  }

  /** The project's own fields in one update, its estimates in another; a failure between them says which changed. */
  async #updateProject(workspaceId: string, project: ClockifyRatedProject, current: CatalogItemFields, change: CatalogChange, label: string): Promise<void> {
    const api = this.endpoints;
    const own = change.name !== undefined || change.billable !== undefined || change.comment !== undefined || change.customer !== undefined;
    if (own) {
      const clientId = change.customer
        ? await this.context.remote('client', change.customer.id, 'clockify_record_unknown', { record: 'customer', id: change.customer.id })
        : undefined;
      await this.#refused(`change ${label}`, () =>
        api.updateProject(workspaceId, project, {
          ...(change.name ? { name: change.name } : {}),
          ...(change.billable !== undefined && change.billable !== null ? { billable: change.billable } : {}),
          ...(change.comment !== undefined ? { note: change.comment } : {}),
          ...(clientId ? { clientId } : {}),
        }),
      );
    }
    const hours = change.budgetHours !== undefined ? change.budgetHours : current.budgetHours;
    const money = change.budgetMoney !== undefined ? change.budgetMoney : current.budgetMoney;
    const period: BudgetPeriod = change.budgetPeriod ?? current.budgetPeriod ?? 'total';
    const resetOption = period === 'month' ? 'MONTHLY' : null;
    const body: { timeEstimate?: EstimateBody; budgetEstimate?: EstimateBody } = {};
    if (change.budgetHours !== undefined || (change.budgetPeriod !== undefined && Number(hours) > 0))
      body.timeEstimate = { estimate: isoHours(hours ?? 0), active: Number(hours) > 0, type: 'MANUAL', resetOption };
    if (change.budgetMoney !== undefined || (change.budgetPeriod !== undefined && Number(money) > 0))
      body.budgetEstimate = { estimate: Math.round((money ?? 0) * 100), active: Number(money) > 0, type: 'MANUAL', resetOption };
    if (!body.timeEstimate && !body.budgetEstimate) return;
    try {
      await this.#refused(`change the budget of ${label}`, () => api.updateEstimate(workspaceId, project, body));
    } catch (error) {
      if (!own || !(error instanceof Error)) throw error;
      throw new BackEndError('clockify_project_budget_failed', { cause: causeOf(error), changed: ownChangesMade(change) });
    }
  }

  /** Clockify's refusal (403) of a catalog change withdraws update_catalog_item at once, and says so. */
  #refused<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.context.administering('catalogChanges', ['clockify_administration_refused', { part: 'catalogChanges', action }], send);
  }
}

/** MONTHLY is Punchcard's month, no reset its total; a weekly or yearly reset is neither (null). */
function periodOf(reset: string | null | undefined): BudgetPeriod | null {
  if (reset === undefined) return null;
  if (reset === null) return 'total';
  return reset === 'MONTHLY' ? 'month' : null;
}

/** An ISO 8601 duration (or the milliseconds the OpenAPI also names) in hours, exactly; null for none or zero. */
function hoursOf(value: string | number | null | undefined): number | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return Number(value) > 0 ? Number(value) / 3_600_000 : null;
  const match = typeof value === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim()) : null;
  if (!match) return null;
  const seconds = ((Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0)) * 60 + Number(match[3] ?? 0)) * 60 + Number(match[4] ?? 0);
  return seconds > 0 ? seconds / 3600 : null;
}

/** Hours as an ISO 8601 duration to the second ('PT10H30M'). */
function isoHours(hours: number): string {
  const seconds = Math.round(hours * 3600);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return seconds === 0 ? 'PT0S' : `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/**
 * The project's own changes, made before its budget failed: a new name is said, so the person (or
 * the model) asks again by the name the project has now.
 */
function ownChangesMade(change: CatalogChange): { name?: string; billable?: boolean; comment?: boolean; customer?: string } {
  return {
    ...(change.name ? { name: change.name } : {}),
    ...(change.billable !== undefined && change.billable !== null ? { billable: change.billable } : {}),
    ...(change.comment !== undefined ? { comment: true } : {}),
    ...(change.customer ? { customer: change.customer.name } : {}),
  };
}
