// Harvest's own refusals beyond a person's own timesheet (providers/harvest/; docs/back-ends/harvest.md, "For leads" and
// "Administration"): what its API keeps and does not keep for projects, clients, tasks and rates, said before anything
// is sent. What the person's role does not allow is the frame's role_lacks (admin.ts); what Harvest's HTTP answers say
// is in remote-harvest.ts.
import { either, forModelOnly, joined, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** The budgets Harvest keeps on a project's task or person assignments rather than on the project. */
const BY_ASSIGNMENT: Readonly<Record<string, string>> = { task: 'per task', task_fees: 'per task, in money', person: 'per person' };

export const harvestRuleRefusals = refusalFamily({
  /** manage_people's `manages`: Harvest's roles name nobody they manage through the API a manager's own token reaches. */
  harvest_manages_nothing: {
    kind: 'input',
    say: () =>
      say`Punchcard gives no one teammates or projects to manage in Harvest: set a manager's teammates and projects in Harvest itself, and leave ${either('manages', 'that')} out. Nothing was sent.`,
    example: {},
  },
  /** A person's name without a first and a last part: Harvest keeps both. */
  harvest_name_two_parts: {
    kind: 'input',
    say: (facts: { name: string }) => say`Harvest keeps a first and a last name: give ${outside(facts.name)} both. Nothing was sent.`,
    example: { name: 'Ada' },
  },
  /** A project without a client: Harvest requires one (its client_id). */
  harvest_project_needs_customer: {
    kind: 'input',
    say: (facts: { name: string }) =>
      say`Harvest keeps every project under a client: name the customer the project ${outside(facts.name)} is for as its ${either('parent', 'customer')}. Nothing was sent.`,
    example: { name: 'Website relaunch' },
  },
  /** project_status of a project the person does not manage: Harvest shows a manager the time of her own projects. */
  harvest_project_not_managed: {
    kind: 'denied',
    say: (facts: { project: { id: number; name: string } }) =>
      say`You do not manage the project ${outside(facts.project.name)}${forModelOnly(` (#${facts.project.id})`)} in Harvest, so its time is not yours to see here. Nothing was read of it.`,
    example: { project: { id: 8, name: 'Internal' } },
  },
  /** manage_rates remove: Harvest deletes no rate. */
  harvest_rate_not_removable: {
    kind: 'input',
    say: () => say`Harvest deletes no rate: set a new one, which applies from today and keeps the earlier one for the time before. Nothing was sent.`,
    example: {},
  },
  /** A fixed rate per entry: Harvest has none. */
  harvest_rate_not_fixed: {
    kind: 'input',
    say: () => say`Harvest keeps hourly rates only, no fixed amount per time entry: give ${either('hourly', 'an hourly rate')}. Nothing was sent.`,
    example: {},
  },
  /** kind workspace without a person: Harvest keeps each person's rates, no account-wide one. */
  harvest_rate_needs_person: {
    kind: 'input',
    say: () =>
      say`Harvest keeps default rates per person, not for the whole account: name the ${either('person', 'person whose rate it is')}. Nothing was sent.`,
    example: {},
  },
  /** A cost rate on a project or activity: Harvest keeps cost rates per person only. */
  harvest_rate_internal_per_person: {
    kind: 'input',
    say: (facts: { kind: 'project' | 'activity' }) =>
      say`Harvest keeps cost rates per person only, not on a ${facts.kind}: set ${either('internal', 'the cost rate')} with ${either('kind workspace and the person', 'the person across the account')}. Nothing was sent.`,
    example: { kind: 'project' },
  },
  /** An activity's rate where its task is on several projects: which project's, said in the item. */
  harvest_rate_activity_projects: {
    kind: 'input',
    say: (facts: { activity: string; projects: readonly string[] }) =>
      say`The task ${outside(facts.activity)} is on several projects in Harvest, each with its own rate: name one as ${outside(`${facts.activity} (${facts.projects[0] ?? 'Project'})`)}${
        facts.projects.length > 0 ? say` (its projects: ${joined(facts.projects.map(outside), ', ')})` : ''
      }. Nothing was sent.`,
    example: { activity: 'Design', projects: ['Website', 'Internal'] },
  },
  /** kind workspace naming another account than the one Punchcard works in. */
  harvest_rates_other_account: {
    kind: 'input',
    say: (facts: { account: { id: number; name: string }; asked: string }) =>
      say`Punchcard works in the Harvest account ${outside(facts.account.name)}${forModelOnly(` (#${facts.account.id})`)}, not ${outside(facts.asked)}: name it${either(' as the item', '')}. Nothing was sent.`,
    example: { account: { id: 1234567, name: 'Acme' }, asked: 'Side project' },
  },
  /** A rate Harvest keeps for nobody in that place: a person's own rate on a task, a person who is not on the project. */
  harvest_rate_not_kept: {
    kind: 'input',
    say: (facts: { kind: 'project' | 'activity'; item: string; person: string | null }) =>
      facts.kind === 'activity'
        ? say`Harvest keeps one rate per task on a project, for everyone: leave the person out for ${outside(facts.item)}. Nothing was sent.`
        : say`${facts.person === null ? 'That person' : outside(facts.person)} is not on the project ${outside(facts.item)} in Harvest, so has no rate there; add them to the project in Harvest first. Nothing was sent.`,
    example: { kind: 'activity', item: 'Design (Website)', person: 'Ada Lovelace' },
  },
  /** Both budgets at once: a Harvest project keeps one, in hours or in money. */
  harvest_one_budget: {
    kind: 'input',
    say: (facts: { name: string }) =>
      say`A Harvest project keeps one budget, in hours or in money, not both: ${either('give budget_hours or budget_money', 'give it in hours or in money')} for ${outside(facts.name)} (the one given replaces the other). Nothing was sent.`,
    example: { name: 'Website' },
  },
  /** A project budget where the project is budgeted per task or per person: those budgets are on its assignments. */
  harvest_budget_on_assignments: {
    kind: 'input',
    say: (facts: { name: string; budget_by: string }) =>
      say`The project ${outside(facts.name)} is budgeted ${BY_ASSIGNMENT[facts.budget_by] ?? 'on its assignments'} in Harvest, so its budget is kept on its tasks or people there, not on the project: change it in Harvest. Nothing was sent.`,
    example: { name: 'Website', budget_by: 'task' },
  },
  /** list_invoices: a page past the last. */
  harvest_invoices_no_page: {
    kind: 'not_found',
    say: (facts: { page: number; pages: number }) => say`There is no page ${facts.page} of these invoices: there are ${facts.pages}. Ask for page 1.`,
    example: { page: 3, pages: 1 },
  },
  /** A field a Harvest client or task does not keep: comments, budgets, dates, a client's billable mark. */
  harvest_field_not_kept: {
    kind: 'input',
    say: (facts: { kind: 'customer' | 'activity'; field: string }) =>
      say`A Harvest ${facts.kind === 'customer' ? 'client' : 'task'} keeps no ${facts.field}: leave it out. Nothing was sent.`,
    example: { kind: 'activity', field: 'budget' },
  },
});
