// What the person's Harvest role lets them do (docs/back-ends/harvest.md, "Roles"), read from their own profile
// (`access_roles` of /v2/users/me) and their own project assignments (`is_project_manager`), and what Punchcard offers
// for it. Pure: no request, no zod, so the cells' offers read it before Harvest's code loads.
//
// Harvest's roles: an administrator sees and does everything; a member tracks their own time; a manager edits,
// approves and reports on the people and projects she manages, with extra permissions each: people_manager (she has
// teammates), project_creator, billable_rates_manager, client_and_task_manager, managed_projects_invoice_drafter and
// _manager, time_and_expenses_manager, estimates_manager.
import type { Capability } from '../../contract/vocabulary.ts';
import { offeredUnderRole, roleWords } from '../remote/remembered-role.ts';
import type { HarvestFacts } from './facts.ts';

/** The word Punchcard keeps beside Harvest's access roles for a person who manages a project (is_project_manager). */
export const PROJECT_MANAGER = 'project_manager';

export type HarvestAccess = 'administrator' | 'manager' | 'member';

/** What the person may do in Harvest, as their own profile and assignments say. */
export interface HarvestRights {
  access: HarvestAccess;
  /** A manager's extra permissions (Harvest's words), people_manager among them. */
  extras: ReadonlySet<string>;
  /** They manage at least one project. */
  managesProjects: boolean;
}

/** The rights the words of a role name (Harvest's access roles, and PROJECT_MANAGER where they manage a project). */
export function rightsOf(words: Iterable<string>): HarvestRights {
  const all = new Set(words);
  const access: HarvestAccess = all.has('administrator') ? 'administrator' : all.has('manager') ? 'manager' : 'member';
  const extras = new Set([...all].filter((word) => word !== 'administrator' && word !== 'manager' && word !== 'member' && word !== PROJECT_MANAGER));
  return { access, extras: access === 'manager' ? extras : new Set(), managesProjects: all.has(PROJECT_MANAGER) };
}

/** The words remembered for the rights: the access roles as Harvest gives them, and PROJECT_MANAGER where they manage a project. */
export function wordsOf(accessRoles: readonly string[] | null | undefined, managesProjects: boolean): string[] {
  return [...(accessRoles ?? []), ...(managesProjects ? [PROJECT_MANAGER] : [])];
}

const isAdmin = (rights: HarvestRights) => rights.access === 'administrator';
const manages = (rights: HarvestRights, permission: string) => rights.access === 'manager' && rights.extras.has(permission);

/** An administrator sees everyone; a manager with teammates (people_manager) them and herself. */
export const leadsPeople = (rights: HarvestRights) => isAdmin(rights) || manages(rights, 'people_manager');
/** An administrator sees every project; a manager the projects she manages. */
export const overseesProjects = (rights: HarvestRights) => isAdmin(rights) || (rights.access === 'manager' && rights.managesProjects);
/** Money (rates, money budgets) is shown to administrators and to managers with billable_rates_manager. */
export const seesMoney = (rights: HarvestRights) => isAdmin(rights) || manages(rights, 'billable_rates_manager');
/** Rates: an administrator's, and a billable-rates manager's for her teammates' billable rates. */
export const setsRates = (rights: HarvestRights) => isAdmin(rights) || (manages(rights, 'billable_rates_manager') && manages(rights, 'people_manager'));
export const createsProjects = (rights: HarvestRights) => isAdmin(rights) || manages(rights, 'project_creator');
export const keepsClientsAndTasks = (rights: HarvestRights) => isAdmin(rights) || manages(rights, 'client_and_task_manager');
/** Invoices: an administrator's, and a manager's with an invoice permission for the projects she manages. */
export const readsInvoices = (rights: HarvestRights) =>
  isAdmin(rights) ||
  (rights.access === 'manager' &&
    rights.managesProjects &&
    (rights.extras.has('managed_projects_invoice_drafter') || rights.extras.has('managed_projects_invoice_manager')));

/** The rights remembered, or undefined where none were read yet (unknown offers nothing a role decides). */
export function knownRights(facts: HarvestFacts | undefined): HarvestRights | undefined {
  const words = roleWords(facts);
  return words === undefined ? undefined : rightsOf(words);
}

/** `capabilities` where the role remembered allows them (`allowed`) and Harvest did not refuse them under it. */
export function offeredFor(
  facts: HarvestFacts | undefined,
  allowed: (rights: HarvestRights) => boolean,
  capabilities: readonly Capability[],
): readonly Capability[] {
  return offeredUnderRole(facts, rightsOf, allowed, capabilities);
}

/** The role in Harvest's words, as a refusal says it: "administrator", "manager", "manager (people_manager, project_creator)". */
export function roleName(rights: HarvestRights): string {
  const extras = [...rights.extras].sort();
  return extras.length > 0 ? `${rights.access} (${extras.join(', ')})` : rights.access;
}

/**
 * What each capability a role decides needs, and the least role that has it in Harvest's words (roleName's form): an
 * administrator has them all. `catalog_write` and `admin_catalog` name client_and_task_manager, which reaches every
 * kind of item (project_creator reaches projects alone).
 */
const ROLE_RULES: Readonly<Partial<Record<Capability, { allowed: (rights: HarvestRights) => boolean; needs: string }>>> = {
  team_hours: { allowed: leadsPeople, needs: 'manager (people_manager)' },
  team_projects: { allowed: overseesProjects, needs: `manager (${PROJECT_MANAGER})` },
  admin_people: { allowed: leadsPeople, needs: 'manager (people_manager)' },
  admin_rates: { allowed: setsRates, needs: 'manager (billable_rates_manager, people_manager)' },
  admin_invoices: { allowed: readsInvoices, needs: `manager (managed_projects_invoice_drafter, ${PROJECT_MANAGER})` },
  admin_catalog: { allowed: (rights) => createsProjects(rights) || keepsClientsAndTasks(rights), needs: 'manager (client_and_task_manager)' },
  catalog_write: { allowed: (rights) => createsProjects(rights) || keepsClientsAndTasks(rights), needs: 'manager (client_and_task_manager)' },
  approvals: { allowed: (rights) => leadsPeople(rights) || overseesProjects(rights), needs: 'manager (people_manager)' },
};

/**
 * The person's role and the one that would have `capability`, where the role remembered is why it is not offered;
 * undefined where it is not: no role read yet, a capability Harvest has for nobody (leave, breaks, approvals'
 * decisions), one the account lacks (invoices, approvals), or one Harvest refused (403) under a role that seemed to
 * allow it, whose tool keeps the back end's own words.
 */
export function roleLacking(facts: HarvestFacts | undefined, capability: Capability): { role: string; needs: string } | undefined {
  const rule = ROLE_RULES[capability];
  const rights = knownRights(facts);
  if (rule === undefined || rights === undefined || rule.allowed(rights)) return undefined;
  if ((capability === 'admin_invoices' && facts?.invoices === false) || (capability === 'approvals' && facts?.approvals === false)) return undefined;
  return { role: roleName(rights), needs: rule.needs };
}
