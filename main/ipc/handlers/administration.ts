// Administration screen: the sections main/ipc/admin-sections.ts lists, each through the engine's own
// tools and only where the engine offers them (the back end said this person may), so a request the
// window should not have sent is refused in words here, before anything reaches the engine. Every change
// answers with the engine's sentence and the fresh view; a catalog change also drops the catalog the
// Timesheet's editor suggests from. Changing what a catalog item keeps is the catalog section's too, where
// the engine offers update_catalog_item (the back end gave the person admin_catalog).
import { adminSectionsOffered, type AdminSection } from '../../../window-contract/admin-sections.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { UserFacingError } from '../dispatch.ts';
import { backEndName, backEndType } from './back-end.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'admin' | 'timesheet' | 'workday' | 'settings' | 'policy'>;

/** What a section does, for the sentence that refuses it. */
const SECTION_WORDS: Record<AdminSection, string> = {
  catalog: 'add, archive or restore customers, projects and activities',
  tags: 'administer tags',
  invoices: 'see invoices',
  people: 'administer people',
  corrections: 'correct time entries in bulk',
  teams: 'administer teams',
  rates: 'administer rates',
};

type AdministrationHandlers = Pick<
  Handlers,
  | 'getAdminCatalog'
  | 'addCatalogItem'
  | 'setCatalogItemArchived'
  | 'getCatalogItem'
  | 'updateCatalogItem'
  | 'getAdminTags'
  | 'addTag'
  | 'getInvoices'
  | 'getAdminPeople'
  | 'invitePerson'
  | 'updatePerson'
  | 'setPersonActive'
  | 'previewCorrection'
  | 'applyCorrection'
  | 'getAdminTeams'
  | 'getAdminTeam'
  | 'changeTeam'
  | 'getRateCatalog'
  | 'getRates'
  | 'setRate'
  | 'removeRate'
>;

/** Throws the sentence that refuses a section the engine does not offer. */
type RequireSection = (section: AdminSection) => Promise<void>;

/** The sentence that refuses a section: none offered at all, or not this one. */
export function sectionRefusal(backEnd: string, offered: readonly AdminSection[], section: AdminSection): string {
  return offered.length === 0
    ? `${backEnd} does not say your account administers anything, so Punchcard offers no administration here.`
    : `${backEnd} does not let you ${SECTION_WORDS[section]} through Punchcard.`;
}

export function administrationHandlers(deps: Deps): AdministrationHandlers {
  const requireSection: RequireSection = async (section) => {
    const offered = adminSectionsOffered(await deps.timesheet.supportedTools());
    if (offered.includes(section)) return;
    throw new UserFacingError(sectionRefusal(backEndName(backEndType(deps)), offered, section));
  };
  return {
    ...catalogHandlers(deps, requireSection),
    ...tagAndInvoiceHandlers(deps, requireSection),
    ...peopleHandlers(deps, requireSection),
    ...correctionHandlers(deps, requireSection),
    ...teamHandlers(deps, requireSection),
    ...rateHandlers(deps, requireSection),
  };
}

function catalogHandlers(
  deps: Deps,
  requireSection: RequireSection,
): Pick<AdministrationHandlers, 'getAdminCatalog' | 'addCatalogItem' | 'setCatalogItemArchived' | 'getCatalogItem' | 'updateCatalogItem'> {
  /** The catalog section, and the back end's leave to change what an item keeps there. */
  const requireCatalogChanges = async () => {
    await requireSection('catalog');
    if ((await deps.timesheet.supportedTools()).has('update_catalog_item')) return;
    throw new UserFacingError(`${backEndName(backEndType(deps))} does not let you change what customers, projects and activities keep through Punchcard.`);
  };
  const catalogChanged = async (message: string) => {
    deps.workday.forget();
    return { message, view: await deps.admin.catalog() };
  };
  return {
    getAdminCatalog: async () => {
      await requireSection('catalog');
      return deps.admin.catalog();
    },
    addCatalogItem: async ({ kind, name, parent }) => {
      await requireSection('catalog');
      if (kind === 'customer' && parent) throw new UserFacingError('A customer belongs to no other item: leave the customer or project out.');
      return catalogChanged(await deps.admin.addCatalogItem(kind, name, parent));
    },
    setCatalogItemArchived: async ({ kind, id, archived }) => {
      await requireSection('catalog');
      return catalogChanged(await deps.admin.setArchived(kind, id, archived));
    },
    getCatalogItem: async ({ kind, id }) => {
      await requireCatalogChanges();
      return deps.admin.catalogItem(kind, id);
    },
    updateCatalogItem: async ({ kind, id, ...change }) => {
      await requireCatalogChanges();
      if (change.start !== undefined && change.end !== undefined && change.start > change.end)
        throw new UserFacingError('The first day comes after the last: a project cannot start after it ends.');
      return catalogChanged(await deps.admin.updateCatalogItem(kind, id, change));
    },
  };
}

function tagAndInvoiceHandlers(deps: Deps, requireSection: RequireSection): Pick<AdministrationHandlers, 'getAdminTags' | 'addTag' | 'getInvoices'> {
  return {
    getAdminTags: async () => {
      await requireSection('tags');
      return deps.admin.tags();
    },
    addTag: async ({ name, color }) => {
      await requireSection('tags');
      const message = await deps.admin.addTag(name, color);
      return { message, view: await deps.admin.tags() };
    },
    getInvoices: async ({ page }) => {
      await requireSection('invoices');
      return deps.admin.invoices(page);
    },
  };
}

function peopleHandlers(
  deps: Deps,
  requireSection: RequireSection,
): Pick<AdministrationHandlers, 'getAdminPeople' | 'invitePerson' | 'updatePerson' | 'setPersonActive'> {
  return {
    getAdminPeople: async ({ page, includeInactive }) => {
      await requireSection('people');
      return deps.admin.people(page, includeInactive);
    },
    invitePerson: async (person) => {
      await requireSection('people');
      return deps.admin.invitePerson(person);
    },
    updatePerson: async ({ id, ...changes }) => {
      await requireSection('people');
      return deps.admin.updatePerson(id, changes);
    },
    setPersonActive: async ({ id, active }) => {
      await requireSection('people');
      return deps.admin.setPersonActive(id, active);
    },
  };
}

function correctionHandlers(deps: Deps, requireSection: RequireSection): Pick<AdministrationHandlers, 'previewCorrection' | 'applyCorrection'> {
  return {
    previewCorrection: async (scope) => {
      await requireSection('corrections');
      if (scope.from > scope.to) throw new UserFacingError('The first day comes after the last: swap them.');
      return deps.admin.correctEntries(scope);
    },
    applyCorrection: async ({ confirmCount, ...scope }) => {
      await requireSection('corrections');
      if (scope.from > scope.to) throw new UserFacingError('The first day comes after the last: swap them.');
      return deps.admin.correctEntries(scope, confirmCount);
    },
  };
}

function teamHandlers(deps: Deps, requireSection: RequireSection): Pick<AdministrationHandlers, 'getAdminTeams' | 'getAdminTeam' | 'changeTeam'> {
  return {
    getAdminTeams: async () => {
      await requireSection('teams');
      return deps.admin.teams();
    },
    getAdminTeam: async ({ id }) => {
      await requireSection('teams');
      return deps.admin.team(id);
    },
    changeTeam: async (change) => {
      await requireSection('teams');
      return deps.admin.changeTeam(change);
    },
  };
}

function rateHandlers(deps: Deps, requireSection: RequireSection): Pick<AdministrationHandlers, 'getRateCatalog' | 'getRates' | 'setRate' | 'removeRate'> {
  return {
    getRateCatalog: async () => {
      await requireSection('rates');
      return deps.admin.catalog();
    },
    getRates: async ({ kind, item }) => {
      await requireSection('rates');
      return deps.admin.rates(kind, item);
    },
    setRate: async (rate) => {
      await requireSection('rates');
      return deps.admin.setRate(rate);
    },
    removeRate: async (rate) => {
      await requireSection('rates');
      return deps.admin.removeRate(rate);
    },
  };
}
