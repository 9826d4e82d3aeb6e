// Changes to what a Harvest client, project or task keeps (update_catalog_item; docs/back-ends/harvest.md, "The catalog
// as a role shows it"): read by id, sent as a PATCH of the fields that differ. A project keeps one budget, in hours
// (budget_by project) or money (project_cost, shown to a role that sees money), so one replaces the other and the
// question says so; a budget kept per task or per person is on the project's assignments and refused here; a client
// keeps a name alone, a task a name and whether it is billable by default. What the role may not change (a project a
// project_creator does not manage, a client or task without client_and_task_manager, a project without project_creator)
// is refused before anything is asked or sent; a 403 withdraws the tool.
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import {
  type CatalogChange,
  type CatalogItemFields,
  type CatalogItemRecord,
  type ChangeField,
  oneBudgetReplacesTheOther,
} from '../../../domain/catalog-changes.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import type { CatalogAdminPart, CatalogKind } from '../../time-tracker.ts';
import type { HarvestCatalogView, HarvestContext, HarvestGrid, Withdrawn } from '../context.ts';
import { createsProjects, type HarvestRights, keepsClientsAndTasks, knownRights, roleName, seesMoney } from '../rights.ts';
import type { HarvestProject } from '../wire.ts';
import { type CatalogAdminEndpoints, catalogAdminEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

const WITHDRAWN: Withdrawn = { capability: 'admin_catalog', tool: 'update_catalog_item', needs: 'an administrator, or a manager who keeps the catalog' };
const NOUN: Record<CatalogKind, string> = { customer: 'client', project: 'project', activity: 'task' };
/** Budgets Harvest keeps on a project itself; the others are on its assignments. */
const ON_PROJECT = new Set(['project', 'project_cost', 'none']);
/** Fields a client and a task keep not, in the words a refusal names them. */
const NOT_KEPT: Readonly<Partial<Record<ChangeField, string>>> = {
  budgetHours: 'budget',
  budgetMoney: 'budget',
  budgetPeriod: 'budget',
  comment: 'comment',
  start: 'start date',
  end: 'end date',
};

export class HarvestCatalogAdmin extends CellPart<HarvestContext, CatalogAdminEndpoints, { catalog: HarvestCatalogView }> implements CatalogAdminPart {
  /** Each project's budget_by as last read: what a budget change may touch. */
  readonly #budgetBy = new Map<number, string>();

  async catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemRecord> {
    const rights = await this.context.rights();
    if (kind === 'project') {
      // A project_creator edits the projects she manages: another is refused before anything of it is read.
      if (rights.access !== 'administrator' && !(await this.context.managedProjects()).has(id)) {
        throw this.context.lacks(rights, 'update_catalog_item', `change project #${id}`, 'an administrator, or the manager of that project');
      }
      const project = await this.context.administering(WITHDRAWN, `read project #${id}`, () => this.endpoints.project(id));
      this.#budgetBy.set(id, project.budget_by ?? 'none');
      return { kind, id, fields: projectFields(project, seesMoney(rights)) };
    }
    const item =
      kind === 'customer'
        ? await this.context.administering(WITHDRAWN, `read client #${id}`, () => this.endpoints.customer(id))
        : await this.context.administering(WITHDRAWN, `read task #${id}`, () => this.endpoints.task(id));
    const billable = kind === 'activity' && 'billable_by_default' in item && typeof item.billable_by_default === 'boolean' ? item.billable_by_default : null;
    return {
      kind,
      id,
      fields: { name: item.name, budgetHours: null, budgetMoney: null, budgetPeriod: null, billable, comment: '', customer: null, start: null, end: null },
    };
  }

  /** What each kind keeps: a client its name, a task its name and billable mark, a project the rest (money where it is shown). */
  changeable({ kind, id, fields }: CatalogItemRecord): readonly ChangeField[] {
    if (kind === 'customer') return ['name'];
    if (kind === 'activity') return fields.billable === null ? ['name'] : ['name', 'billable'];
    const budgets: ChangeField[] = ON_PROJECT.has(this.#budgetBy.get(id) ?? 'none')
      ? ['budgetHours', ...(fields.budgetMoney === null ? [] : (['budgetMoney'] as const)), 'budgetPeriod']
      : [];
    return ['name', ...budgets, 'billable', 'comment', 'customer', 'start', 'end'];
  }

  refusal(item: CatalogItemRecord, _change: CatalogChange, asked: CatalogChange): Refusal | undefined {
    const rights = knownRights(this.context.facts.current);
    if (rights !== undefined) {
      const lacking = this.#lacking(rights, item);
      if (lacking) return lacking;
    }
    const { kind, fields } = item;
    if (kind !== 'project') {
      const field = (Object.keys(asked) as ChangeField[]).find((name) => asked[name] !== undefined && NOT_KEPT[name] !== undefined);
      if (field) return refusalOf('harvest_field_not_kept', { kind, field: NOT_KEPT[field] as string });
      if (kind === 'customer' && asked.billable !== undefined) return refusalOf('harvest_field_not_kept', { kind, field: 'billable mark' });
      return undefined;
    }
    const budgetAsked = asked.budgetHours !== undefined || asked.budgetMoney !== undefined || asked.budgetPeriod !== undefined;
    const by = this.#budgetBy.get(item.id) ?? 'none';
    if (budgetAsked && !ON_PROJECT.has(by)) return refusalOf('harvest_budget_on_assignments', { name: fields.name, budget_by: by });
    if (asked.budgetHours !== undefined && asked.budgetMoney !== undefined) return refusalOf('harvest_one_budget', { name: fields.name });
    return undefined;
  }

  /** A project keeps one budget: one in money replaces one in hours, and the other way round (the question names both). */
  implied(item: CatalogItemRecord, change: CatalogChange): CatalogChange | undefined {
    return oneBudgetReplacesTheOther(item, change);
  }

  async updateCatalogItem(item: CatalogItemRecord, change: CatalogChange): Promise<CatalogItemRecord> {
    const rights = await this.context.rights();
    const lacking = this.#lacking(rights, item);
    if (lacking)
      throw this.context.lacks(
        rights,
        'update_catalog_item',
        `change the ${NOUN[item.kind]} ${quotedLine(item.fields.name)}`,
        (lacking.facts as { needs: string }).needs,
      );
    const label = `change the ${NOUN[item.kind]} ${quotedLine(item.fields.name)} (#${item.id})`;
    try {
      if (item.kind === 'project') {
        const project = await this.context.administering(WITHDRAWN, label, () => this.endpoints.updateProject(item.id, projectBody(change), label));
        this.#budgetBy.set(item.id, project.budget_by ?? 'none');
        return { kind: 'project', id: item.id, fields: projectFields(project, seesMoney(rights)) };
      }
      const body: Record<string, unknown> = {
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(item.kind === 'activity' && typeof change.billable === 'boolean' ? { billable_by_default: change.billable } : {}),
      };
      const done =
        item.kind === 'customer'
          ? await this.context.administering(WITHDRAWN, label, () => this.endpoints.updateClient(item.id, body, label))
          : await this.context.administering(WITHDRAWN, label, () => this.endpoints.updateTask(item.id, body, label));
      const billable = 'billable_by_default' in done && typeof done.billable_by_default === 'boolean' ? done.billable_by_default : item.fields.billable;
      return { kind: item.kind, id: item.id, fields: { ...item.fields, name: done.name, billable: item.kind === 'activity' ? billable : null } };
    } finally {
      this.parts.catalog.changed();
    }
  }

  /** What the role may not change of this item, as role_lacks, or undefined. */
  #lacking(rights: HarvestRights, item: CatalogItemRecord): (Refusal & { facts: { needs: string } }) | undefined {
    if (rights.access === 'administrator') return undefined;
    const lacks = (needs: string) =>
      refusalOf('role_lacks', {
        back_end: 'Harvest',
        tool: 'update_catalog_item',
        action: `change the ${NOUN[item.kind]} ${quotedLine(item.fields.name)}`,
        role: roleName(rights),
        needs,
      }) as Refusal & { facts: { needs: string } };
    if (item.kind !== 'project') return keepsClientsAndTasks(rights) ? undefined : lacks('an administrator, or a manager with client_and_task_manager');
    if (!createsProjects(rights)) return lacks('an administrator, or a manager with project_creator');
    return undefined;
  }
}

/** The PATCH of a project: the fields that changed alone, in Harvest's names. */
export function projectBody(change: CatalogChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (change.name !== undefined) body.name = change.name;
  // One budget: a positive amount of the kind asked, or none where the one asked is 0.
  if ((change.budgetMoney ?? 0) > 0) Object.assign(body, { budget_by: 'project_cost', cost_budget: change.budgetMoney, budget: null });
  else if ((change.budgetHours ?? 0) > 0) Object.assign(body, { budget_by: 'project', budget: change.budgetHours, cost_budget: null });
  else if (change.budgetMoney === 0 || change.budgetHours === 0) Object.assign(body, { budget_by: 'none', budget: null, cost_budget: null });
  if (change.budgetPeriod !== undefined && change.budgetPeriod !== null) body.budget_is_monthly = change.budgetPeriod === 'month';
  if (typeof change.billable === 'boolean') body.is_billable = change.billable;
  if (change.comment !== undefined) body.notes = change.comment;
  if (change.customer) body.client_id = change.customer.id;
  if (change.start !== undefined) body.starts_on = change.start;
  if (change.end !== undefined) body.ends_on = change.end;
  return body;
}

/** What a project keeps, from Harvest's record: its budget in hours or (where the role sees money) money. */
function projectFields(project: HarvestProject, money: boolean): CatalogItemFields {
  const by = project.budget_by ?? 'none';
  return {
    name: project.name,
    budgetHours: by === 'project' && typeof project.budget === 'number' ? project.budget : 0,
    budgetMoney: !money ? null : by === 'project_cost' && typeof project.cost_budget === 'number' ? project.cost_budget : 0,
    budgetPeriod: project.budget_is_monthly === true ? 'month' : 'total',
    billable: typeof project.is_billable === 'boolean' ? project.is_billable : null,
    comment: project.notes ?? '',
    customer: project.client ? { id: project.client.id, name: project.client.name } : null,
    start: project.starts_on ?? null,
    end: project.ends_on ?? null,
  };
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<HarvestGrid, CatalogAdminEndpoints>({
  endpoints: catalogAdminEndpoints,
  parts: (context, endpoints, built) => ({ catalogAdmin: new HarvestCatalogAdmin(context, endpoints, { catalog: built.part('catalog') }) }),
});
