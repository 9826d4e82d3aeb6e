// Clockify's refusals as data (contract/outcomes/clockify.ts): the model reads each code's words as
// it read the sentence the code replaced (written out here by hand from the old templates), a person
// reads them without tool names and record numbers, and the Clockify tracker's parts refuse with the
// code and the facts of what they were asked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockifyRuleRefusals } from '../../../../mcp-server/contract/outcomes/clockify.ts';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { ClockifyPeople } from '../../../../mcp-server/providers/clockify/admin-people/admin-people.ts';
import { ClockifyCatalogAdmin } from '../../../../mcp-server/providers/clockify/catalog-admin/catalog-admin.ts';
import { ClockifyAdminTeams } from '../../../../mcp-server/providers/clockify/admin-teams/admin-teams.ts';
import { ClockifyCatalog } from '../../../../mcp-server/providers/clockify/catalog/catalog.ts';
import { adminPeopleEndpoints } from '../../../../mcp-server/providers/clockify/admin-people/endpoints.ts';
import { adminTeamsEndpoints } from '../../../../mcp-server/providers/clockify/admin-teams/endpoints.ts';
import { catalogAdminEndpoints } from '../../../../mcp-server/providers/clockify/catalog-admin/endpoints.ts';
import { catalogEndpoints } from '../../../../mcp-server/providers/clockify/catalog/endpoints.ts';
import { clockifyCapabilities } from '../../../../mcp-server/providers/clockify/cells.ts';
import { ClockifyContext } from '../../../../mcp-server/providers/clockify/context.ts';
import { entryFieldsEndpoints } from '../../../../mcp-server/providers/clockify/entry-fields/endpoints.ts';
import { leaveEndpoints } from '../../../../mcp-server/providers/clockify/leave/endpoints.ts';
import { planEndpoints } from '../../../../mcp-server/providers/clockify/plan/endpoints.ts';
import { timesheetsEndpoints } from '../../../../mcp-server/providers/clockify/timesheets/endpoints.ts';
import { ClockifyError } from '../../../../mcp-server/providers/clockify/errors.ts';
import { ClockifyEntryFields } from '../../../../mcp-server/providers/clockify/entry-fields/entry-fields.ts';
import { ClockifyLeave } from '../../../../mcp-server/providers/clockify/leave/leave.ts';
import { entryJson, type PolicyChoice, policyFor } from '../../../../mcp-server/providers/clockify/mapping.ts';
import { ClockifyPlan } from '../../../../mcp-server/providers/clockify/plan/plan.ts';
import { ClockifyTimesheets } from '../../../../mcp-server/providers/clockify/timesheets/timesheets.ts';
import { remoteRefusal } from '../../../../mcp-server/providers/remote/remote-error.ts';
import { type BackEndError, causeOf } from '../../../../mcp-server/providers/time-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { ADA_KEY, seedWorkspace, startFakeClockify } from '../../providers/clockify/fake-clockify.ts';
import { backEndRefusalOf } from './refused.ts';

const said = (refusal: Refusal) => modelText(refusalSentence(refusal));
const cause = { code: 'failure_said', facts: { message: 'Clockify refused it: Bad request.' } } as const;

/** The workspaces a key sees, as the refusals of a workspace that cannot be chosen name them. */
const WORKSPACES = [
  { name: 'Acme', id: 'w1' },
  { name: 'Twins', id: 'w3' },
  { name: 'twins', id: 'w4' },
];

/** Every code with facts a real refusal carries, and the sentence the model read before the code (the old template, filled in). */
const BEFORE: ReadonlyArray<[Refusal, string]> = [
  [
    { code: 'clockify_administration_refused', facts: { part: 'catalog', action: 'create the client "Initech"' } },
    'Clockify did not let you create the client "Initech" (403): only the workspace\'s admins and its owner change its clients, projects and tasks through Punchcard, and your account is not one now. Nothing was changed; create_catalog_item and archive_catalog_item are switched off.',
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'catalogChanges', action: 'read the client #5' } },
    "Clockify did not let you read the client #5 (403): only the workspace's admins and its owner change its clients, projects and tasks through Punchcard, and your account is not one now. Nothing was changed; update_catalog_item is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'tags', action: 'list' } },
    "Clockify did not let you list (403): only the workspace's admins and its owner administer tags, and your account is not one now. Nothing was changed; manage_tags is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'invoices', action: 'list invoices' } },
    "Clockify did not let you list invoices (403): only the workspace's admins and its owner see invoices, and your account is not one now. list_invoices is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'people', action: 'make Ada TEAM_MANAGER' } },
    "Clockify did not let you make Ada TEAM_MANAGER (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles), or to list people a team manager's role over a user group. Nothing was changed; manage_people is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'rates', action: 'set the rate of the project "Web" for Ada (#3)' } },
    "Clockify did not let you set the rate of the project \"Web\" for Ada (#3) (403): rates are the workspace's admins' and its owner's to see and set, and your account is not one of them now. Nothing was changed; manage_rates is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'teams', action: 'add Ada', partway: true } },
    "Clockify did not let you add Ada (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner make, change and delete user groups and add them to projects). That request changed nothing; manage_teams is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'teams', action: 'list the user groups' } },
    "Clockify did not let you list the user groups (403): your account lacks the workspace admin's role (Clockify lets only its admins and owner make, change and delete user groups and add them to projects). Nothing was changed; manage_teams is switched off.",
  ],
  [
    { code: 'clockify_administration_refused', facts: { part: 'corrections', action: 'change time entry #12' } },
    "Clockify did not let you change time entry #12 (403): only a workspace's admins and its owner change colleagues' time entries and their invoiced mark, and your account is not one now. correct_time_entries is switched off.",
  ],
  [
    {
      code: 'clockify_invoices_plan_refused',
      facts: { cause: { code: 'failure_said', facts: { message: "Your Clockify workspace's plan does not let Punchcard list invoices." } } },
    },
    'Clockify did not let you list invoices (403): "Your Clockify workspace\'s plan does not let Punchcard list invoices." list_invoices is switched off.',
  ],
  [{ code: 'clockify_record_unknown', facts: { record: 'project', id: 12, see: 'list_catalog' } }, 'There is no project #12 in Clockify (see list_catalog).'],
  [{ code: 'clockify_record_unknown', facts: { record: 'activity', id: 7, see: 'list_catalog' } }, 'There is no activity #7 in Clockify (see list_catalog).'],
  [
    { code: 'clockify_record_unknown', facts: { record: 'customer', id: 5, visible: true, see: 'list_catalog', nothing_changed: true } },
    'There is no customer #5 in Clockify that you may see (see list_catalog). Nothing was changed.',
  ],
  [
    {
      code: 'clockify_record_unknown',
      facts: { record: 'activity', id: 7, visible: true, see: 'list_catalog', nothing_changed: true, unlisted: { projects: ['Web', 'App'], count: 2 } },
    },
    'There is no activity #7 in Clockify that you may see (see list_catalog). Nothing was changed. The activities (tasks) of 2 projects are not listed yet: "Web", "App". ' +
      'Clockify gives each project its own list, and one call may ask for only so many; call list_catalog again to list them (the tasks read now are kept), or name the project and its task when you book.',
  ],
  [{ code: 'clockify_record_unknown', facts: { record: 'customer', id: 5 } }, 'There is no customer #5 in Clockify.'],
  [
    { code: 'clockify_record_unknown', facts: { record: 'person', id: 3, see: 'manage_people' } },
    'There is no person #3 in Clockify (manage_people list shows them).',
  ],
  [
    { code: 'clockify_record_unknown', facts: { record: 'project', id: 12, visible: true, see: 'list_catalog' } },
    'There is no project #12 in Clockify that you may see (see list_catalog).',
  ],
  [{ code: 'clockify_record_unknown', facts: { record: 'tag', id: 4, see: 'manage_tags' } }, 'There is no tag #4 in Clockify (see manage_tags list).'],
  [
    { code: 'clockify_record_unknown', facts: { record: 'project', id: 12, see: 'list_catalog_shows' } },
    'There is no project #12 in Clockify (list_catalog shows them).',
  ],
  [
    { code: 'clockify_record_unknown', facts: { record: 'team', id: 4, see: 'manage_teams' } },
    'There is no team #4 in Clockify (manage_teams list shows them).',
  ],
  [
    { code: 'clockify_number_unknown', facts: { record: 'time_entry', id: 12 } },
    'There is no time entry #12: Punchcard has listed none with that number (list_time_entries shows yours).',
  ],
  [
    { code: 'clockify_number_unknown', facts: { record: 'time_off_request', id: 7 } },
    'There is no time-off request #7: Punchcard has listed none with that number (list_leave_requests shows yours).',
  ],
  [
    { code: 'clockify_number_unknown', facts: { record: 'leave_request', id: 7 } },
    'There is no leave request #7: Punchcard has listed none with that number (list_pending_leave shows those waiting for you). Nothing was sent.',
  ],
  [{ code: 'clockify_task_project_unknown', facts: { task: 'Design' } }, 'The task "Design" has no project Punchcard knows.'],
  [
    { code: 'clockify_agent_tag_refused', facts: { tag: 'ai-claude', cause } },
    'Clockify would not make the tag ai-claude for the agent\'s own time ("Clockify refused it: Bad request."). Ask a workspace admin to add it (or to let members make tags); nothing was recorded.',
  ],
  [
    { code: 'clockify_entry_not_work', facts: { entry: 12, type: 'BREAK', verb: 'change' } },
    'Time entry #12 is a break Clockify keeps; Punchcard does not change those. Do that in Clockify.',
  ],
  [
    { code: 'clockify_entry_not_work', facts: { entry: 12, type: 'OVERTIME', verb: 'delete' } },
    'Time entry #12 is an entry of the type "OVERTIME" Clockify keeps; Punchcard does not delete those. Do that in Clockify.',
  ],
  [
    { code: 'clockify_entry_locked', facts: { entry: 12, verb: 'delete' } },
    'Clockify has locked time entry #12 (your workspace locks older entries), so Punchcard cannot delete it. Ask a workspace admin.',
  ],
  [
    { code: 'clockify_not_for_others', facts: { request: 'people.membersPage' } },
    "This server acts for you on Clockify through your organisation's account, and does not make that request (people.membersPage) for you: it would act with that account's rights, not yours. Nothing was sent.",
  ],
  [
    { code: 'clockify_period_locked', facts: { before: '2026-11-01', verb: 'log' } },
    'Your Clockify workspace locks time before 2026-11-01, so Punchcard cannot log time there. Ask a workspace admin. Nothing was sent.',
  ],
  [
    { code: 'clockify_project_required', facts: { examples: ['Web', 'App'] } },
    'Your Clockify workspace requires a project on every time entry; name one, e.g. "Web", "App".',
  ],
  [{ code: 'clockify_project_required', facts: { examples: [] } }, 'Your Clockify workspace requires a project on every time entry; name one.'],
  [
    { code: 'clockify_task_required', facts: {} },
    "Your Clockify workspace requires a task on every time entry; name one of the project's tasks as the activity (see list_catalog).",
  ],
  [{ code: 'clockify_description_required', facts: {} }, 'Your Clockify workspace requires a description on every time entry; give one.'],
  [
    { code: 'clockify_description_too_long', facts: { limit: 3000, length: 3012 } },
    "Clockify keeps at most 3,000 characters in a time entry's description; this one would have 3,012. Shorten it.",
  ],
  [{ code: 'clockify_task_needs_project', facts: {} }, "A Clockify task belongs to a project; name the task's project too."],
  [
    { code: 'clockify_project_archived', facts: { project: 'Web' } },
    'The project "Web" is archived in Clockify, so no time can be booked on it. Ask a workspace admin to restore it, or choose another.',
  ],
  [
    { code: 'clockify_task_not_in_project', facts: { activity: 7, project: 'Web' } },
    'Activity #7 is not a task of the project "Web" in Clockify (see list_catalog).',
  ],
  [
    { code: 'clockify_task_done', facts: { task: 'Design', project: 'Web' } },
    'The task "Design" of "Web" is done (archived) in Clockify, so no time can be booked on it.',
  ],
  [{ code: 'clockify_project_not_visible', facts: { project: 12 } }, 'Project #12 is not one you can see in Clockify any more (see list_catalog).'],
  [
    { code: 'clockify_task_needs_parent', facts: {} },
    "A Clockify task (Punchcard's activity) belongs to a project: name the project as parent. Nothing was created.",
  ],
  [
    { code: 'clockify_catalog_item_already', facts: { kind: 'customer', id: 5, name: 'Acme', archived: false } },
    'The client "Acme" (#5) is active already in Clockify. Nothing was changed.',
  ],
  [
    { code: 'clockify_catalog_item_already', facts: { kind: 'activity', id: 7, name: 'Design', archived: true } },
    'The task "Design" (#7) is archived already in Clockify. Nothing was changed.',
  ],
  [{ code: 'clockify_project_no_dates', facts: {} }, "Clockify's projects have no start or end dates: leave start and end out. Nothing was sent."],
  [
    { code: 'clockify_client_fields', facts: {} },
    'A Clockify client keeps a name and a note (comment) only: no budget and no billable mark. Nothing was sent.',
  ],
  [{ code: 'clockify_task_no_comment', facts: {} }, 'A Clockify task has no comment: leave comment out. Nothing was sent.'],
  [
    { code: 'clockify_task_budget_never_resets', facts: {} },
    "A Clockify task's estimates run in total and never reset: leave budget_period out. Nothing was sent.",
  ],
  [
    { code: 'clockify_budget_cents', facts: { amount: 12.345 } },
    'Clockify keeps a budget in whole cents: 12.345 is finer than that; give at most two decimals. Nothing was sent.',
  ],
  [
    { code: 'clockify_budget_period_needs_budget', facts: { project: 'Web' } },
    'The project "Web" has no budget for a period to apply to: give budget_hours or budget_money with it. Nothing was sent.',
  ],
  [
    { code: 'clockify_budget_reset_unsupported', facts: { project: 'Web', every: 'year' } },
    'Clockify resets the budget of the project "Web" every year, which Punchcard does not set: give budget_period (month or total) with the new budget. Nothing was sent.',
  ],
  [
    { code: 'clockify_catalog_item_not_read', facts: { kind: 'activity', id: 7 } },
    'Punchcard has not read the activity #7 in this call; ask again. Nothing was sent.',
  ],
  [
    { code: 'clockify_task_gone_after_change', facts: { task: 'Design' } },
    'Clockify took the change of the task "Design", but its project no longer lists it: list_catalog shows what it keeps.',
  ],
  [
    { code: 'clockify_project_budget_failed', facts: { cause, changed: { name: 'Web 2', billable: false, comment: true, customer: 'Acme' } } },
    '"Clockify refused it: Bad request." These were changed: name (now "Web 2"), billable (now no), comment, customer (now "Acme"). Its budget is as it was.',
  ],
  [
    { code: 'clockify_corrections_too_many_people', facts: { people: 48, needed: 49, left: 38, limit: 40 } },
    "Clockify lists time entries one person at a time: this would read 48 people's, at least 49 requests, and this call may send only 38 more (40 in all). Nothing was changed. " +
      'Narrow it: name the people (people) whose entries to correct, or fewer of them.',
  ],
  [{ code: 'clockify_correction_not_previewed', facts: { entry: 12 } }, 'Time entry #12 was not in the preview just read; preview again.'],
  [
    { code: 'clockify_entry_changed_not_marked', facts: { entry: 12, invoiced: false, cause } },
    'Time entry #12 was changed but not marked not invoiced: "Clockify refused it: Bad request."',
  ],
  [{ code: 'clockify_invoices_no_page', facts: { page: 3 } }, 'There is no page 3 of these invoices: Clockify has fewer. Ask for page 1.'],
  [
    { code: 'clockify_people_admin_only', facts: {} },
    "Clockify did not give your account the workspace admin's role (Clockify lets only its admins and owner invite people, change their status or give roles): as a team manager you may list and show the people of your user groups only. Nothing was sent.",
  ],
  [
    { code: 'clockify_invite_email_only', facts: {} },
    'Clockify invites by e-mail alone: leave out role and manages, and give the role with update once they have accepted. Nothing was sent.',
  ],
  [
    { code: 'clockify_people_name_email_own', facts: {} },
    "Clockify's API changes nobody's name or e-mail address but their own (each sets theirs in their profile): leave out name and email. Nothing was sent.",
  ],
  [
    { code: 'clockify_role_not_named', facts: {} },
    'Name the role that manages them as role (TEAM_MANAGER for people, PROJECT_MANAGER for projects). Nothing was sent.',
  ],
  [
    { code: 'clockify_role_owner', facts: {} },
    "Clockify's API makes nobody the owner: ownership is handed over in Clockify's workspace settings. Nothing was sent.",
  ],
  [
    { code: 'clockify_role_taken_away', facts: {} },
    "Clockify's API takes a role away one person or project at a time, from what only its web app lists: take it away on Clockify's Team page. Nothing was sent.",
  ],
  [{ code: 'clockify_admin_manages', facts: {} }, 'A workspace admin administers the whole workspace: leave out manages. Nothing was sent.'],
  [
    { code: 'clockify_team_manager_needs_people', facts: {} },
    'A team manager manages people: name them in manages (ids, e-mails or names), or make them lead of a user group with manage_teams. Nothing was sent.',
  ],
  [
    { code: 'clockify_project_manager_needs_projects', facts: {} },
    'A project manager manages projects: name them in manages (ids or names). Nothing was sent.',
  ],
  [
    { code: 'clockify_owner_untouchable', facts: { person: 'Olga' } },
    '"Olga" owns the workspace: Clockify lets nobody deactivate the owner or change their role (ownership is handed over in Clockify\'s workspace settings). Nothing was sent.',
  ],
  [
    { code: 'clockify_invitee_not_member', facts: { person: 'Ivy', status: 'DECLINED', write: 'reactivate' } },
    '"Ivy" has declined the invitation: Clockify activates a member only when they accept, so there is nothing to reactivate. Nothing was sent.',
  ],
  [
    { code: 'clockify_invite_refused', facts: { email: 'ivy@example.com', plan: null } },
    "Clockify did not let you invite ivy@example.com (403): it adds people through its API only on a paid plan, and only for its admins and owner. Nothing was changed; invite them from Clockify's Team page.",
  ],
  [
    { code: 'clockify_invite_refused', facts: { email: 'ivy@example.com', plan: 'FREE' } },
    "Clockify did not let you invite ivy@example.com (403): it adds people through its API only on a paid plan (the workspace's is FREE), and only for its admins and owner. Nothing was changed; invite them from Clockify's Team page.",
  ],
  [
    { code: 'clockify_invitee_not_listed', facts: { email: 'ivy@example.com' } },
    'Clockify took the invitation of ivy@example.com but does not list them yet: list shows them shortly.',
  ],
  [
    { code: 'clockify_managed_project_unknown', facts: { project: 'Websit' } },
    'There is no project "Websit" in Clockify; list_catalog shows them. Nothing was sent.',
  ],
  [{ code: 'clockify_tag_no_colour', facts: {} }, "Clockify's tags have no colour: leave color out and ask again. Nothing was created."],
  [
    { code: 'clockify_rate_not_removable', facts: {} },
    "Clockify removes no rate: set the person's rate to the project's or the workspace's default instead (manage_rates set). Nothing was sent.",
  ],
  [{ code: 'clockify_rate_not_fixed', facts: {} }, 'Clockify keeps hourly rates only, no fixed amount per time entry: give hourly instead. Nothing was sent.'],
  [
    { code: 'clockify_rates_other_workspace', facts: { workspace: 'Acme', id: 1, asked: 'Umbrella' } },
    'Punchcard works in the Clockify workspace "Acme" (#1), not "Umbrella": name it as item for its default rates. Nothing was sent.',
  ],
  [{ code: 'clockify_rates_kind', facts: { kind: 'customer' } }, 'Clockify keeps no rates per customer. Nothing was sent.'],
  [
    {
      code: 'clockify_rates_person_ambiguous',
      facts: {
        text: 'Ada',
        people: [
          { id: 3, name: 'Ada L' },
          { id: 9, name: 'Ada B' },
        ],
      },
    },
    '"Ada" names several people in the Clockify workspace: Ada L (#3), Ada B (#9). Name one by their number or e-mail. Nothing was sent.',
  ],
  [
    { code: 'clockify_rates_person_unknown', facts: { text: 'Grace' } },
    'There is nobody called "Grace" among the active members of the Clockify workspace: name them by e-mail, name or the number manage_rates list shows. Nothing was sent.',
  ],
  [
    { code: 'clockify_rates_person_not_member', facts: { person: 'Ada', id: 3, project: 'Web' } },
    '"Ada" (#3) is no member of the private project "Web", so Clockify keeps no rate for them there: add them to the project in Clockify first. Nothing was sent.',
  ],
  [{ code: 'clockify_member_unknown', facts: { id: 3 } }, 'Punchcard knows no Clockify member #3.'],
  [{ code: 'clockify_rates_not_read', facts: { project: 'Web' } }, 'Punchcard has not read the project "Web" in this call; ask again. Nothing was sent.'],
  [
    { code: 'clockify_rate_cents', facts: { field: 'internal', amount: 60.125, currency: 'USD' } },
    'Clockify keeps rates in whole cents: internal 60.125 "USD" is finer than that; give at most two decimals. Nothing was sent.',
  ],
  [
    {
      code: 'clockify_rate_set_partway',
      facts: { cause, target: { kind: 'workspace', name: 'Acme' }, person: null, hourly: 80.5, currency: 'EUR', internal: 60 },
    },
    '"Clockify refused it: Bad request." The hourly rate of the workspace "Acme" for everyone is 80.50 "EUR" now; its internal (cost) rate stayed 60 "EUR".',
  ],
  [
    {
      code: 'clockify_rate_set_partway',
      facts: { cause, target: { kind: 'project', name: 'Web' }, person: { id: 3, name: 'Ada' }, hourly: 80, currency: 'USD', internal: null },
    },
    '"Clockify refused it: Bad request." The hourly rate of the project "Web" for "Ada" (#3) is 80 "USD" now; its internal (cost) rate stayed unset.',
  ],
  [
    { code: 'clockify_team_access_projects_only', facts: { action: 'revoke', kind: 'activity' } },
    'Clockify gives a user group access to projects only (as a member of the project): a task has no members of its own. Revoke the project instead. Nothing was sent.',
  ],
  [
    {
      code: 'clockify_team_person_ambiguous',
      facts: {
        text: 'Ada',
        people: [
          { id: 3, name: 'Ada L' },
          { id: 9, name: 'Ada B' },
        ],
      },
    },
    '"Ada" names 2 people in Clockify: Ada L (#3), Ada B (#9). Name the one you mean by id.',
  ],
  [{ code: 'clockify_team_person_unknown', facts: { text: 'Zed', close: [] } }, 'Nobody in your Clockify workspace is "Zed". Nothing was changed.'],
  [
    { code: 'clockify_team_person_unknown', facts: { text: 'ada@x.org', close: [{ id: 3, name: 'Ada L' }] } },
    'Nobody in your Clockify workspace is "ada@x.org"; close: Ada L (#3). Nothing was changed.',
  ],
  [
    { code: 'clockify_group_without_id', facts: { name: 'Design' } },
    'Clockify answered the new user group "Design" without its id: check its Team page before asking again.',
  ],
  [
    {
      code: 'clockify_team_changed_partway',
      facts: {
        done: [
          { step: 'made_group', name: 'Design', team: 4 },
          { step: 'added', name: 'Ada' },
          { step: 'made_lead', name: 'Ada' },
        ],
        cause,
      },
    },
    'Made the user group "Design" (#4), then added "Ada", then made "Ada" a team manager of it; then: "Clockify refused it: Bad request." The rest was not sent: show the team to see where it stands.',
  ],
  [
    {
      code: 'clockify_team_changed_partway',
      facts: {
        done: [
          { step: 'removed', name: 'Ada' },
          { step: 'took_lead', name: 'Bob' },
        ],
        cause,
      },
    },
    'Removed "Ada", then took "Bob"\'s team-manager role away; then: "Clockify refused it: Bad request." The rest was not sent: show the team to see where it stands.',
  ],
  [{ code: 'clockify_team_gone', facts: { team: 4 } }, 'There is no team #4 in Clockify any more (someone deleted the user group meanwhile).'],
  [
    { code: 'clockify_project_too_many_people', facts: { project: 'Web', people: 60 } },
    "Clockify's API gives one person's time at a time, and \"Web\" has 60 people you may see: more requests than one call may send. Its hours are in Clockify's own reports.",
  ],
  [
    { code: 'clockify_project_time_refused', facts: { project: 'Web' } },
    'Clockify did not show you the time on "Web" (it answered 403): you manage neither the project nor the people on it. Nothing else was read.',
  ],
  [
    { code: 'clockify_leave_request_not_shown', facts: { request: 7 } },
    'Leave request #7 is not among the time off Clockify shows you (withdrawn, or not of anyone you manage). Nothing was sent.',
  ],
  [
    { code: 'clockify_leave_not_yours_to_decide', facts: { request: 7, person: 'Ada', policy: null } },
    'Leave request #7 is "Ada"\'s, whose time off you do not approve in Clockify (you are not their team manager, nor named an approver of "its policy"). Nothing was sent.',
  ],
  [
    { code: 'clockify_leave_request_decided', facts: { request: 7, person: 'Ada', status: 'rejected' } },
    'Leave request #7 of "Ada" is already rejected. Nothing was sent.',
  ],
  [
    { code: 'clockify_leave_request_not_looked_up', facts: { request: 7 } },
    'Leave request #7 was not looked up before the decision; ask again. Nothing was sent.',
  ],
  [
    { code: 'clockify_leave_decision_refused', facts: { decision: 'reject', person: 'Ada', request: 7, cause } },
    'Clockify did not let you reject "Ada"\'s leave request #7: "Clockify refused it: Bad request." Nothing was changed.',
  ],
  [
    { code: 'clockify_not_leading', facts: { role: 'project_manager' } },
    'Your Clockify account manages projects, not people: Clockify shows you your projects’ hours (project_status), not your colleagues’ time or time off.',
  ],
  [
    { code: 'clockify_not_leading', facts: { role: 'member' } },
    'Your Clockify account is a member’s (not an admin or a manager), so Clockify shows you nobody else’s time or time off.',
  ],
  [
    { code: 'clockify_too_many_members', facts: { members: 80 } },
    "Clockify names a member's team managers one member at a time, and your workspace has 80 other members: more requests than one call may send, so Punchcard cannot tell whom you manage. An admin's key sees everyone at once.",
  ],
  [{ code: 'clockify_policy_no_half_days', facts: { policy: 'Vacation' } }, 'The Clockify policy "Vacation" does not allow half days; ask for whole days.'],
  [{ code: 'clockify_time_off_gone', facts: { request: 7 } }, 'There is no time-off request #7 of yours in Clockify any more.'],
  [
    { code: 'clockify_time_off_approved', facts: { request: 7 } },
    'Request #7 is already approved; Clockify lets you withdraw only pending requests. Ask whoever approved it to cancel it in Clockify.',
  ],
  [{ code: 'clockify_time_off_not_pending', facts: { request: 7, status: 'rejected' } }, 'Request #7 is rejected; there is nothing to withdraw.'],
  [
    { code: 'clockify_time_off_approved_at_once', facts: { policy: 'Vacation', withdrawn: true } },
    'Clockify approved your "Vacation" request at once, as this server files it through your organisation\'s account, which may approve time off; a request of yours must wait for your approver, so Punchcard withdrew it again. File it in Clockify yourself, or ask your approver.',
  ],
  [
    { code: 'clockify_time_off_approved_at_once', facts: { policy: 'Vacation', withdrawn: false } },
    'Clockify approved your "Vacation" request at once, as this server files it through your organisation\'s account, which may approve time off, and Punchcard could not withdraw it again: it stands approved without your approver\'s decision. Tell your approver or an administrator.',
  ],
  [
    { code: 'clockify_no_vacation_policy', facts: { policies: [] } },
    'None of your Clockify time-off policies reads as vacation (yours: none), so Punchcard cannot say a vacation balance.',
  ],
  [
    { code: 'clockify_policy_unknown', facts: { policy: 'Sabbatical', policies: [] } },
    'You have no time-off policy "Sabbatical" in Clockify. Yours: none is open to you.',
  ],
  [
    { code: 'clockify_policy_in_hours', facts: { policy: 'Doctor' } },
    '"Doctor" is counted in hours in Clockify; Punchcard files time off in days. Request it in Clockify.',
  ],
  [
    { code: 'clockify_policy_ambiguous', facts: { type: 'vacation', policies: ['Vacation', 'Annual leave'] } },
    'Several of your Clockify policies are vacation: "Vacation", "Annual leave". Name the one you mean as the type.',
  ],
  [
    { code: 'clockify_policy_none', facts: { type: 'sick', policies: ['Vacation'] } },
    'None of your Clockify time-off policies is sick; name one of yours as the type: "Vacation".',
  ],
  [{ code: 'clockify_key_owner_unnamed', facts: {} }, 'Clockify answered without saying whose the API key is; check the Clockify address.'],
  [
    { code: 'clockify_workspace_ambiguous', facts: { wanted: 'Twins', seen: WORKSPACES } },
    'Several of your Clockify workspaces are called "Twins": "Acme" (w1), "Twins" (w3), "twins" (w4). Name the one you mean by its id in Punchcard\'s account settings.',
  ],
  [
    { code: 'clockify_workspace_unknown', facts: { wanted: 'Nope', seen: WORKSPACES } },
    'Your Clockify API key sees no workspace "Nope". It sees: "Acme" (w1), "Twins" (w3), "twins" (w4). Name one of them (by name or id) in Punchcard\'s account settings.',
  ],
  [
    { code: 'clockify_workspace_unknown', facts: { wanted: 'Nope', seen: [] } },
    'Your Clockify API key sees no workspace "Nope". It sees: none. Name one of them (by name or id) in Punchcard\'s account settings.',
  ],
  [
    { code: 'clockify_no_workspace', facts: {} },
    'Your Clockify API key sees no workspace. A workspace on its own subdomain needs a key made there, in your profile settings on that subdomain.',
  ],
  [
    { code: 'clockify_active_workspace_unseen', facts: { seen: WORKSPACES } },
    'Your active Clockify workspace is not one this API key sees (a workspace on its own subdomain needs a key made there). The key sees: "Acme" (w1), "Twins" (w3), "twins" (w4). Name one of them (by name or id) in Punchcard\'s account settings.',
  ],
  [
    { code: 'clockify_workspace_unnamed', facts: { seen: WORKSPACES } },
    'Clockify names no active workspace for you, and your key sees several: "Acme" (w1), "Twins" (w3), "twins" (w4). Name one (by name or id) in Punchcard\'s account settings.',
  ],
  [
    { code: 'clockify_time_off_unanswered', facts: {} },
    'Clockify accepted the time-off request but sent no id back; check it in Clockify before asking again.',
  ],
  [{ code: 'clockify_entry_incomplete', facts: {} }, 'Clockify sent a time entry without its id or times; if it keeps happening, update Punchcard.'],
];

describe("Clockify's refusals", () => {
  it.each(BEFORE.map(([refusal, words]) => ({ refusal, words, code: refusal.code })))('$code: the model reads what it read before', ({ refusal, words }) => {
    expect(said(refusal)).toBe(words);
  });

  it('every code of the family is compared with its old words', () => {
    expect(new Set(BEFORE.map(([refusal]) => refusal.code))).toEqual(new Set(Object.keys(clockifyRuleRefusals)));
  });

  it('a person reads the same without tool names, record numbers or pointers', () => {
    const people = (refusal: Refusal) => peopleText(refusalSentence(refusal), { locale: 'en-US' });
    expect(people({ code: 'clockify_administration_refused', facts: { part: 'corrections', action: 'mark time entry #12 invoiced' } })).toBe(
      "Clockify did not let you mark time entry invoiced (403): only a workspace's admins and its owner change colleagues' time entries and their invoiced mark, and your account is not one now. Correcting colleagues' time entries through Punchcard is switched off.",
    );
    expect(people({ code: 'clockify_number_unknown', facts: { record: 'time_entry', id: 12 } })).toBe(
      'There is no such time entry: Punchcard has listed none with that number.',
    );
    expect(
      people({
        code: 'clockify_rates_person_ambiguous',
        facts: {
          text: 'Ada',
          people: [
            { id: 3, name: 'Ada L' },
            { id: 9, name: 'Ada B' },
          ],
        },
      }),
    ).toBe('"Ada" names several people in the Clockify workspace: Ada L, Ada B. Name one by their number or e-mail. Nothing was sent.');
    expect(people({ code: 'clockify_leave_decision_refused', facts: { decision: 'approve', person: 'Ada', request: 7, cause } })).toBe(
      'Clockify did not let you approve "Ada"\'s leave request: "Clockify refused it: Bad request." Nothing was changed.',
    );
  });
});

describe("the Clockify tracker's parts refuse with a code and its facts", () => {
  const opened = closeAfterEach();

  async function parts() {
    const fake = opened(await startFakeClockify({ now: clockStartingAt('2026-11-19T15:00:00+01:00') }));
    seedWorkspace(fake);
    const context = new ClockifyContext(
      {
        profile: { type: 'clockify', url: fake.url } as never,
        secret: async () => ADA_KEY,
        userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-refusals-')),
        workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
        holidays: async () => new Map(),
        timezone: () => 'Europe/Berlin',
        now: clockStartingAt('2026-11-19T15:00:00+01:00'),
        log: () => {},
      },
      clockifyCapabilities,
    );
    opened({ close: async () => context.close() });
    const { client } = context;
    const catalog = new ClockifyCatalog(context, catalogEndpoints(client), {});
    const plan = new ClockifyPlan(context, planEndpoints(client), {});
    const fields = new ClockifyEntryFields(context, entryFieldsEndpoints(client), {});
    return {
      context,
      catalog,
      timesheets: new ClockifyTimesheets(context, timesheetsEndpoints(client), { catalog, fields }),
      leave: new ClockifyLeave(context, leaveEndpoints(client), { plan }),
      people: new ClockifyPeople(context, adminPeopleEndpoints(client), { catalog }),
      catalogAdmin: new ClockifyCatalogAdmin(context, catalogAdminEndpoints(client), { catalog }),
      teams: new ClockifyAdminTeams(context, adminTeamsEndpoints(client), {}),
    };
  }

  const refusalOf = (work: () => Promise<unknown>) => backEndRefusalOf(work());

  it('a number Punchcard never gave, before anything is asked of Clockify', async () => {
    const { timesheets, leave, catalog } = await parts();
    expect(await refusalOf(() => timesheets.getEntry(999))).toEqual({ code: 'clockify_number_unknown', facts: { record: 'time_entry', id: 999 } });
    expect(await refusalOf(() => leave.cancelLeave(998))).toEqual({ code: 'clockify_number_unknown', facts: { record: 'time_off_request', id: 998 } });
    expect(await refusalOf(() => catalog.booking(997, null))).toEqual({
      code: 'clockify_record_unknown',
      facts: { record: 'project', id: 997, see: 'list_catalog' },
    });
    expect(await refusalOf(() => catalog.booking(null, 5))).toEqual({ code: 'clockify_task_needs_project', facts: {} });
  });

  it("Clockify's 403 of an administration: the part's refusal, the plan's carrying Clockify's own", async () => {
    const { context } = await parts();
    const forbidden = new ClockifyError('forbidden', remoteRefusal('clockify_forbidden', { action: 'rename the tag', time_off: false, message: null }), 403);
    expect(
      await refusalOf(() =>
        context.administering('tags', ['clockify_administration_refused', { part: 'tags', action: 'rename the tag billing' }], () => Promise.reject(forbidden)),
      ),
    ).toEqual({ code: 'clockify_administration_refused', facts: { part: 'tags', action: 'rename the tag billing' } });
    const plan = new ClockifyError('restricted', remoteRefusal('clockify_plan_lacks', { action: 'list invoices', message: 'Upgrade.' }), 403);
    const refused = await refusalOf(() =>
      context.administering(
        'invoices',
        (error) => ['clockify_invoices_plan_refused', { cause: causeOf(error) }],
        () => Promise.reject(plan),
      ),
    );
    expect(refused).toEqual({ code: 'clockify_invoices_plan_refused', facts: { cause: causeOf(plan) } });
    expect(said(refused)).toBe(
      'Clockify did not let you list invoices (403): Your Clockify workspace\'s plan does not let Punchcard list invoices: "Upgrade.". list_invoices is switched off.',
    );
  });

  it('what an admin asks that Clockify will not take, before anything is sent', async () => {
    const { people, catalogAdmin, teams } = await parts();
    // Ada's role is not known to be an admin's: she administers nobody.
    expect(people.writeRefusal('invite', { role: 'MEMBER' })).toEqual(['clockify_people_admin_only']);
    expect(people.refusalFor('deactivate', { id: 1, name: 'Olga', email: '', role: 'OWNER', active: true, teams: [] })).toEqual([
      'clockify_owner_untouchable',
      { person: 'Olga' },
    ]);
    const item = {
      kind: 'project' as const,
      id: 12,
      fields: { name: 'Web', budgetHours: null, budgetMoney: null, budgetPeriod: null, billable: false, comment: '', customer: null, start: null, end: null },
    };
    expect(catalogAdmin.changeRefusal(item, { budgetMoney: 10.005 })).toEqual(['clockify_budget_cents', { amount: 10.005 }]);
    expect(catalogAdmin.changeRefusal(item, { budgetPeriod: 'month' })).toEqual(['clockify_budget_period_needs_budget', { project: 'Web' }]);
    expect(modelText(refusalSentence(catalogAdmin.refusal(item, { start: '2026-01-01' }) as Refusal))).toBe(
      "Clockify's projects have no start or end dates: leave start and end out. Nothing was sent.",
    );
    expect(modelText(refusalSentence(teams.actionRefusal('grant', 'customer') as Refusal))).toBe(
      'Clockify gives a user group access to projects only (as a member of the project): a client has no members of its own. Grant the project instead. Nothing was sent.',
    );
    expect(
      await refusalOf(() =>
        teams.grant({ id: 1, name: 'Design', members: [], access: { customers: [], projects: [], activities: [] } }, 'activity', { id: 7, name: 'x' }),
      ),
    ).toEqual({
      code: 'clockify_team_access_projects_only',
      facts: { action: 'grant', kind: 'activity' },
    });
  });

  it("what Clockify's policies and its entries' description take", () => {
    const policies: PolicyChoice[] = [
      { id: 'p1', name: 'Vacation', halfDay: true, unit: 'DAYS' },
      { id: 'p2', name: 'Annual leave', halfDay: true, unit: 'DAYS' },
      { id: 'p3', name: 'Doctor', halfDay: false, unit: 'HOURS' },
    ];
    const refused = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return (error as BackEndError).refusal;
      }
      throw new Error('not refused');
    };
    expect(refused(() => policyFor(policies, 'vacation', 'Sabbatical'))).toEqual({
      code: 'clockify_policy_unknown',
      facts: { policy: 'Sabbatical', policies: ['Vacation', 'Annual leave'] },
    });
    expect(refused(() => policyFor(policies, 'vacation', 'doctor'))).toEqual({ code: 'clockify_policy_in_hours', facts: { policy: 'Doctor' } });
    expect(refused(() => policyFor(policies, 'vacation', undefined))).toEqual({
      code: 'clockify_policy_ambiguous',
      facts: { type: 'vacation', policies: ['Vacation', 'Annual leave'] },
    });
    expect(refused(() => policyFor(policies, 'sick', undefined))).toEqual({
      code: 'clockify_policy_none',
      facts: { type: 'sick', policies: ['Vacation', 'Annual leave'] },
    });
    expect(
      refused(() =>
        entryJson({ start: 0, end: null, projectId: null, taskId: null, description: 'x'.repeat(3001), billable: false, tagIds: [], customFields: [] }),
      ),
    ).toEqual({ code: 'clockify_description_too_long', facts: { limit: 3000, length: 3001 } });
  });
});
