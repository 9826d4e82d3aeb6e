// The window's Administration screen, built only from the engine's tools (docs/decisions.md, "The app
// calls its own engine's tools" and "The admin group"): the whole catalog with archived items, adding,
// archiving and restoring one, and changing what one keeps from what it keeps now (the app's engine's
// catalog_item_fields, then update_catalog_item); the tag list and adding a tag; a page of invoices; a page of people,
// inviting, changing, deactivating and reactivating one; a bulk correction's preview and the
// correction; the teams (admin-teams.ts); an item's rates (admin-rates.ts). The engine refuses
// whatever the back end would refuse the person, in words; this module only turns its answers into the
// window's shapes. The window asks the person before every change it sends here (the app's engine
// client shows no questions of its own: the engine asks nothing of it).
import { catalogItemFieldsContract } from '../../mcp-server/contract/app-tools/catalog-item-fields.ts';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import type { AdminCatalogView, CatalogItemView, AdminTagView, CatalogKind, InvoicesView } from '../../window-contract/admin-catalog.ts';
import type { AdminPerson, CorrectionSetView, CorrectionView, PeopleView, PersonChange } from '../../window-contract/admin-people.ts';
import { adminRates, type AdminRates } from './admin-rates.ts';
import { adminTeams, type AdminTeams } from './admin-teams.ts';
import type { EngineClient } from './engine-client.ts';
import { archivedWords, catalogUpdatedWords, correctionWords, createdWords, personChangedWords, tagCreatedWords } from './admin-words.ts';
import { given, toolCaller } from './tool-call.ts';

export interface Administration extends AdminTeams, AdminRates {
  catalog(): Promise<AdminCatalogView>;
  /** What it added, in words (admin-words.ts). */
  addCatalogItem(kind: CatalogKind, name: string, parent: string | undefined): Promise<string>;
  /** What it archived or restored, in words. */
  setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<string>;
  /** What an item keeps now, in the fields the back end lets the person change there. */
  catalogItem(kind: CatalogKind, id: number): Promise<CatalogItemView>;
  /** What it changed (or that the item already kept it), in words. */
  updateCatalogItem(kind: CatalogKind, id: number, change: CatalogItemChange): Promise<string>;
  tags(): Promise<AdminTagView[]>;
  /** The tag it added, in words. */
  addTag(name: string, color: string | undefined): Promise<string>;
  invoices(page: number): Promise<InvoicesView>;
  people(page: number, includeInactive: boolean): Promise<PeopleView>;
  invitePerson(person: { name: string; email: string; role?: string | undefined }): Promise<PersonChange>;
  updatePerson(id: number, changes: { name?: string | undefined; email?: string | undefined; role?: string | undefined }): Promise<PersonChange>;
  setPersonActive(id: number, active: boolean): Promise<PersonChange>;
  /** correct_time_entries' preview without `confirmCount`; with it, the change (refused by the engine when the count moved). */
  correctEntries(scope: CorrectionScope, confirmCount?: number): Promise<CorrectionView>;
}

/** What a change of a catalog item sets; only what is given changes. The customer is a project's, by the id the catalog showed. */
export interface CatalogItemChange {
  name?: string | undefined;
  budgetHours?: number | undefined;
  budgetMoney?: number | undefined;
  budgetPeriod?: 'total' | 'month' | undefined;
  billable?: boolean | undefined;
  comment?: string | undefined;
  customer?: number | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/** Which entries a bulk correction covers, and what it sets. */
export interface CorrectionScope {
  from: string;
  to: string;
  people?: string[] | undefined;
  project?: string | undefined;
  activity?: string | undefined;
  set: CorrectionSetView;
}

/** The person a manage_people change answers with (the one it changed), and what was done, in words. */
function personChange(data: Parameters<typeof personChangedWords>[0]): PersonChange {
  const person: AdminPerson | undefined = data.people[0];
  if (!person) throw new Error('manage_people answered a change without the person it changed.');
  return { message: personChangedWords(data), person };
}

export function createAdministration(engine: EngineClient): Administration {
  const call = toolCaller(engine);
  return {
    async catalog() {
      const [listed, tools] = await Promise.all([call(TOOL_CONTRACTS.list_catalog, { include_archived: true }), engine.tools()]);
      return {
        customers: listed.customers,
        projects: listed.projects,
        activities: listed.activities,
        note: listed.note ?? null,
        changeable: tools.includes(TOOL_CONTRACTS.update_catalog_item.name),
      };
    },
    async addCatalogItem(kind, name, parent) {
      return createdWords(await call(TOOL_CONTRACTS.create_catalog_item, { kind, name, ...(parent ? { parent } : {}) }));
    },
    async setArchived(kind, id, archived) {
      return archivedWords(await call(TOOL_CONTRACTS.archive_catalog_item, { kind, id, archived }));
    },
    async catalogItem(kind, id) {
      const { fields } = await call(catalogItemFieldsContract, { kind, id });
      return {
        kind,
        id,
        fields: {
          name: fields.name,
          ...given({
            budgetHours: fields.budget_hours,
            budgetMoney: fields.budget_money,
            budgetPeriod: fields.budget_period,
            billable: fields.billable,
            comment: fields.comment,
            customer: fields.customer,
            start: fields.start,
            end: fields.end,
          }),
        },
      };
    },
    async updateCatalogItem(kind, id, change) {
      const { customer, budgetHours, budgetMoney, budgetPeriod, ...rest } = change;
      // By id: a name several items share would be refused, and the window names the item it showed.
      const asked = given({
        ...rest,
        budget_hours: budgetHours,
        budget_money: budgetMoney,
        budget_period: budgetPeriod,
        customer: customer === undefined ? undefined : String(customer),
      });
      const answer = await call(TOOL_CONTRACTS.update_catalog_item, { kind, item: String(id), ...asked });
      // The customer is asked by id and answered by name: only the other fields compare.
      const { customer: _byId, ...comparable } = asked;
      return catalogUpdatedWords(answer, comparable);
    },
    async tags() {
      return (await call(TOOL_CONTRACTS.manage_tags, { action: 'list' })).tags;
    },
    async addTag(name, color) {
      return tagCreatedWords(await call(TOOL_CONTRACTS.manage_tags, { action: 'create', name, ...(color ? { color } : {}) }));
    },
    async invoices(page) {
      const listed = await call(TOOL_CONTRACTS.list_invoices, { page });
      return { from: listed.from, to: listed.to, invoices: listed.invoices, page: listed.page, totalPages: listed.total_pages, total: listed.total };
    },
    async people(page, includeInactive) {
      const listed = await call(TOOL_CONTRACTS.manage_people, { action: 'list', page, include_inactive: includeInactive });
      // A back end that lists everyone in one go says no pages: that one page is all.
      return { people: listed.people, page: listed.page ?? page, totalPages: listed.total_pages ?? 1, total: listed.total ?? listed.people.length };
    },
    async invitePerson({ name, email, role }) {
      return personChange(await call(TOOL_CONTRACTS.manage_people, { action: 'invite', name, email, ...given({ role }) }));
    },
    async updatePerson(id, changes) {
      return personChange(await call(TOOL_CONTRACTS.manage_people, { action: 'update', person: String(id), ...given(changes) }));
    },
    async setPersonActive(id, active) {
      return personChange(await call(TOOL_CONTRACTS.manage_people, { action: active ? 'reactivate' : 'deactivate', person: String(id) }));
    },
    async correctEntries(scope, confirmCount) {
      const { set } = scope;
      // A count that moved since the preview is refused with corrections_count_moved, worded for the
      // person who confirmed a preview by refusal-words.ts.
      const data = await call(TOOL_CONTRACTS.correct_time_entries, {
        from: scope.from,
        to: scope.to,
        ...given({ people: scope.people, project: scope.project, activity: scope.activity, confirm_count: confirmCount }),
        set: given({ project: set.project, activity: set.activity, billable: set.billable, exported: set.exported, add_tags: set.addTags }),
      });
      return {
        changed: data.changed,
        count: data.count,
        hours: data.hours,
        lockedUntil: data.locked_until,
        notTouched: data.not_touched,
        entries: data.entries,
        message: correctionWords(data),
      };
    },
    ...adminTeams(call),
    ...adminRates(call),
  };
}
