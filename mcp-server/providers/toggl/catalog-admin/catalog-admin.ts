// Changes to what a Toggl Track client, project or task keeps (update_catalog_item; docs/back-ends/toggl.md,
// "Administration"), for a workspace admin: the item as the catalog last listed it (kept a quarter of an hour, so a
// warm change sends one request), changed with only the fields that differ. A project keeps its name, its estimate in
// whole hours (`estimated_hours`, a Premium plan's), whether it is billable (a paid plan's), its client and its dates;
// a task its name and its estimate (`estimated_seconds`, Premium); a client its name and notes (the comment). What
// Toggl keeps not (a money budget: its fixed fee is a price; an estimate per month; a project's comment), part hours of
// a project's estimate and what the plan lacks are refused before anything is asked or sent.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import type { CatalogChange, CatalogItemFields, CatalogItemRecord, ChangeField } from '../../../domain/catalog-changes.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { BackEndError, type CatalogAdminPart, type CatalogKind, type Ref } from '../../time-tracker.ts';
import type { TogglCatalogView, TogglContext, TogglGrid, Withdrawn } from '../context.ts';
import type { TogglPlan } from '../mapping.ts';
import { ADMIN_NEEDS, administers, knownRights, roleName, type TogglRights } from '../rights.ts';
import type { TogglClient, TogglProject, TogglTask } from '../wire.ts';
import { type CatalogAdminEndpoints, catalogAdminEndpoints } from './endpoints.ts';

const WITHDRAWN: Withdrawn = { capability: 'admin_catalog', tool: 'update_catalog_item', needs: ADMIN_NEEDS };
const NOUN: Record<CatalogKind, string> = { customer: 'client', project: 'project', activity: 'task' };
/** Fields Toggl keeps not, as toggl_field_not_kept names them. */
type NotKept = 'budget_money' | 'budget_period' | 'comment' | 'billable' | 'budget_hours';

export class TogglCatalogAdmin extends CellPart<TogglContext, CatalogAdminEndpoints, { catalog: TogglCatalogView }> implements CatalogAdminPart {
  async catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord> {
    await this.#administrator(`change the ${NOUN[kind]} #${id}`);
    const { plan } = await this.context.workspace();
    if (kind === 'customer') return { kind, id, fields: clientFields(await this.#found('customer', id)) };
    if (kind === 'activity') return { kind, id, fields: taskFields(await this.#found('activity', id), plan) };
    const project = await this.#found('project', id);
    return { kind, id, fields: projectFields(project, plan, await this.#customer(project.client_id ?? project.cid ?? null)) };
  }

  /** What each kind keeps and this plan shows: a client its name and notes, a task its name and estimate, a project the rest. */
  changeable({ kind, fields }: CatalogItemRecord): readonly ChangeField[] {
    const estimate: ChangeField[] = fields.budgetHours === null ? [] : ['budgetHours'];
    if (kind === 'customer') return ['name', 'comment'];
    if (kind === 'activity') return ['name', ...estimate];
    return ['name', ...estimate, ...(fields.billable === null ? [] : (['billable'] as const)), 'customer', 'start', 'end'];
  }

  refusal(item: CatalogItemRecord, change: CatalogChange): Refusal | undefined {
    const rights = knownRights(this.context.facts.current);
    if (rights !== undefined && !administers(rights)) return this.#lacking(rights, item);
    const { kind, fields } = item;
    const notKept = (field: NotKept) => refusalOf('toggl_field_not_kept', { kind, field });
    const plan = (needs: 'Starter' | 'Premium', what: string) =>
      refusalOf('toggl_premium_feature', { action: `${what} of the ${NOUN[kind]} ${quotedLine(fields.name)}`, message: null, needs });
    if (change.budgetMoney !== undefined) return notKept('budget_money');
    if (change.budgetPeriod !== undefined && change.budgetPeriod !== 'total') return notKept('budget_period');
    if (change.comment !== undefined && kind !== 'customer') return notKept('comment');
    if (change.billable !== undefined && kind !== 'project') return notKept('billable');
    if ((change.budgetHours !== undefined || change.budgetPeriod !== undefined) && kind === 'customer') return notKept('budget_hours');
    if (change.billable !== undefined && fields.billable === null) return plan('Starter', 'set whether time is billable');
    if ((change.budgetHours !== undefined || change.budgetPeriod !== undefined) && fields.budgetHours === null) return plan('Premium', 'set the estimate');
    // A project's estimate is an integer of hours in Toggl (estimated_hours); a task's is seconds.
    if (kind === 'project' && change.budgetHours !== undefined && change.budgetHours !== null && !Number.isInteger(change.budgetHours))
      return refusalOf('toggl_estimate_whole_hours', { hours: change.budgetHours });
    return undefined;
  }

  async updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord> {
    const action = `change the ${NOUN[item.kind]} ${quotedLine(item.fields.name)} (#${item.id})`;
    await this.#administrator(action);
    const { id: workspaceId, plan } = await this.context.workspace();
    const send = <T>(request: () => Promise<T>) => this.context.administering(WITHDRAWN, action, request);
    try {
      if (item.kind === 'customer') {
        const body = { ...(change.name === undefined ? {} : { name: change.name }), ...(change.comment === undefined ? {} : { notes: change.comment }) };
        const client = await send(() => this.endpoints.updateClient(workspaceId, item.id, body, action));
        return { ...item, fields: clientFields(client, { ...item.fields, ...changedOnly(change) }) };
      }
      if (item.kind === 'activity') {
        const task = await this.#found('activity', item.id);
        const body = {
          ...(change.name === undefined ? {} : { name: change.name }),
          ...(change.budgetHours === undefined || change.budgetHours === null ? {} : { estimated_seconds: seconds(change.budgetHours) }),
        };
        const done = await send(() => this.endpoints.updateTask(workspaceId, task.project_id, item.id, body, action));
        return { ...item, fields: { ...item.fields, ...changedOnly(change), ...taskFields({ ...task, ...done }, plan) } };
      }
      const project = await send(() => this.endpoints.updateProject(workspaceId, item.id, projectBody(change), action));
      const customer = change.customer ?? item.fields.customer;
      return { ...item, fields: { ...item.fields, ...changedOnly(change), ...projectFields(project, plan, customer) } };
    } finally {
      this.parts.catalog.changed();
    }
  }

  /** A workspace admin's alone: anyone else is refused before anything is read or sent. */
  async #administrator(action: string): Promise<void> {
    const rights = await this.context.rights();
    if (!administers(rights)) throw this.context.lacks(rights, 'update_catalog_item', action, ADMIN_NEEDS);
  }

  #lacking(rights: TogglRights, item: CatalogItemRecord): Refusal {
    const action = `change the ${NOUN[item.kind]} ${quotedLine(item.fields.name)}`;
    return refusalOf('role_lacks', { back_end: 'Toggl Track', tool: 'update_catalog_item', action, role: roleName(rights), needs: ADMIN_NEEDS });
  }

  async #found(kind: 'customer', id: number): Promise<TogglClient>;
  async #found(kind: 'project', id: number): Promise<TogglProject>;
  async #found(kind: 'activity', id: number): Promise<TogglTask>;
  async #found(kind: CatalogKind, id: number): Promise<TogglClient | TogglProject | TogglTask> {
    const { catalog } = this.parts;
    const record =
      kind === 'customer' ? await catalog.record(kind, id) : kind === 'project' ? await catalog.record(kind, id) : await catalog.record('activity', id);
    if (!record) throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: kind, id, any_more: true });
    return record;
  }

  async #customer(clientId: number | null): Promise<Ref | null> {
    if (clientId === null) return null;
    const client = await this.parts.catalog.record('customer', clientId);
    return { id: clientId, name: client?.name ?? `#${clientId}` };
  }
}

/** The PUT of a project: the fields that changed alone, in Toggl's names (an estimate of 0 is none). */
export function projectBody(change: CatalogChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  if (change.budgetHours !== undefined) body.estimated_hours = change.budgetHours === null || change.budgetHours === 0 ? null : change.budgetHours;
  if (typeof change.billable === 'boolean') body.billable = change.billable;
  if (change.customer !== undefined) body.client_id = change.customer === null ? null : change.customer.id;
  if (change.start !== undefined) body.start_date = change.start;
  if (change.end !== undefined) body.end_date = change.end;
  return body;
}

const seconds = (hours: number) => (hours === 0 ? null : Math.round(hours * 3600));

/** What the change set, as the item's fields: where Toggl's answer leaves a field out, what was sent is what it keeps. */
function changedOnly(change: CatalogChange): Partial<CatalogItemFields> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<CatalogItemFields>;
}

const NO_FIELDS = { budgetHours: null, budgetMoney: null, budgetPeriod: null, billable: null, comment: '', customer: null, start: null, end: null } as const;

function clientFields(client: TogglClient, before?: CatalogItemFields): CatalogItemFields {
  return { ...NO_FIELDS, name: client.name ?? before?.name ?? '', comment: typeof client.notes === 'string' ? client.notes : (before?.comment ?? '') };
}

/** A task's estimate in hours where the plan keeps estimates (Premium), else not shown. */
function taskFields(task: TogglTask, plan: TogglPlan): CatalogItemFields {
  const premium = plan === 'premium';
  return {
    ...NO_FIELDS,
    name: task.name,
    budgetHours: premium ? (task.estimated_seconds ?? 0) / 3600 : null,
    budgetPeriod: premium ? 'total' : null,
  };
}

/** A project's fields as Toggl lists it: its estimate on Premium, whether it is billable on a paid plan. */
function projectFields(project: TogglProject, plan: TogglPlan, customer: Ref | null): CatalogItemFields {
  const premium = plan === 'premium';
  return {
    ...NO_FIELDS,
    name: project.name,
    budgetHours: premium ? (project.estimated_hours ?? 0) : null,
    budgetPeriod: premium ? 'total' : null,
    billable: plan === 'free' ? null : project.billable === true,
    customer,
    start: project.start_date ?? null,
    end: project.end_date ?? null,
  };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<TogglGrid, CatalogAdminEndpoints>({
  endpoints: catalogAdminEndpoints,
  parts: (context, endpoints, built) => ({ catalogAdmin: new TogglCatalogAdmin(context, endpoints, { catalog: built.part('catalog') }) }),
});
