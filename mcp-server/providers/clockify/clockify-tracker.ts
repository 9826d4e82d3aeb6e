// Clockify as a Punchcard back end (docs/back-ends/clockify.md): the TimeTracker over Clockify's REST
// API, for the person whose API key it is, in one workspace, put together from its parts — the
// account, the timer and entries, the catalog (clients, projects and their tasks), time off, the
// person's plan, what an admin or a manager may see and decide, what an admin administers and timesheet approvals — over one API module (api.ts). Clockify's ids are strings; Punchcard numbers them
// (id-aliases.ts). Its tasks live inside projects, so an activity is named with its project.
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { ClockifyAccount } from './account.ts';
import { ClockifyApprovals } from './approvals.ts';
import { ClockifyInvoices } from './admin-invoices.ts';
import { ClockifyPeople } from './admin-people.ts';
import { ClockifyCatalogAdmin } from './admin-catalog.ts';
import { ClockifyCorrections } from './admin-corrections.ts';
import { ClockifyRates } from './admin-rates.ts';
import { ClockifyAdminTeams } from './admin-teams.ts';
import { ClockifyAdminTags } from './admin-tags.ts';
import { ClockifyCatalog } from './catalog.ts';
import { ClockifyContext, type ClockifyTrackerOptions } from './context.ts';
import { ClockifyLeave } from './leave.ts';
import { ClockifyPlan } from './plan.ts';
import { ClockifyTeam } from './team.ts';
import { ClockifyTimesheets } from './timesheets.ts';
import { ClockifyEntryFields } from './entry-fields.ts';

export type { ClockifyTrackerOptions };

export function createClockifyTracker(options: ClockifyTrackerOptions): RemoteTracker {
  const context = new ClockifyContext(options);
  const catalog = new ClockifyCatalog(context, {});
  const plan = new ClockifyPlan(context, {});
  const entryFields = new ClockifyEntryFields(context, {});
  const timesheets = new ClockifyTimesheets(context, { catalog, fields: entryFields });
  const team = new ClockifyTeam(context, { catalog });
  const workspace = options.profile.workspace ? `, ${options.profile.workspace}` : '';
  // Acting for one person with the organisation's key, the parts not narrowed to them are not there at all
  // (capabilities.ts, actingForCapabilities); their API calls would be refused too (acting-api.ts).
  const beyondThePerson = options.actingFor
    ? { teamHours: team, teamProjects: team, teamLeave: team, approvals: new ClockifyApprovals(context, { catalog }) }
    : {
        teamHours: team,
        teamProjects: team,
        teamLeave: team,
        adminTags: new ClockifyAdminTags(context, {}),
        invoices: new ClockifyInvoices(context, {}),
        adminPeople: new ClockifyPeople(context, { catalog }),
        adminRates: new ClockifyRates(context, {}),
        catalogAdmin: new ClockifyCatalogAdmin(context, { catalog }),
        adminTeams: new ClockifyAdminTeams(context, {}),
        corrections: new ClockifyCorrections(context, { catalog }),
        approvals: new ClockifyApprovals(context, { catalog }),
      };
  return assembleTracker({
    type: 'clockify',
    label: `Clockify (${new URL(options.profile.url).host}${workspace})`,
    agentLabel: 'tag',
    facts: context.facts,
    account: new ClockifyAccount(context, { plan }),
    timer: timesheets,
    entries: timesheets,
    catalog,
    leave: new ClockifyLeave(context, { plan }),
    plan,
    entryFields,
    ...beyondThePerson,
    close: () => context.close(),
  });
}
