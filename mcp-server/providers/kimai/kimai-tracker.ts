// Kimai as a Punchcard back end (docs/back-ends/kimai.md): the TimeTracker over Kimai's REST API,
// acting with the person's own token only, put together from its parts — the account, the timer and
// entries, the catalog, leave on the absence plugin, what a team lead may see and decide, what an administrator may administer and the weeks the ApprovalBundle plugin approves — over one API module (api.ts).
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { KimaiAccount } from './account.ts';
import { KimaiAdmin } from './admin.ts';
import { KimaiApprovals } from './approvals.ts';
import { KimaiCorrections } from './admin-corrections.ts';
import { KimaiRates } from './admin-rates.ts';
import { KimaiAdminTeams } from './admin-teams.ts';
import { KimaiCatalogAdmin } from './admin-catalog.ts';
import { KimaiPeople } from './admin-people.ts';
import { KimaiCatalog } from './catalog.ts';
import { KimaiContext, type KimaiTrackerOptions } from './context.ts';
import { KimaiLeave } from './leave.ts';
import { KimaiTeam } from './team.ts';
import { KimaiTimesheets } from './timesheets.ts';
import { KimaiEntryFields } from './entry-fields.ts';

export type { KimaiTrackerOptions };

export function createKimaiTracker(options: KimaiTrackerOptions): RemoteTracker {
  const context = new KimaiContext(options);
  const catalog = new KimaiCatalog(context, {});
  const timesheets = new KimaiTimesheets(context, { catalog });
  const team = new KimaiTeam(context, {});
  const admin = new KimaiAdmin(context, {});
  return assembleTracker({
    type: 'kimai',
    label: `Kimai (${options.profile.url})`,
    agentLabel: 'tag',
    facts: context.facts,
    account: new KimaiAccount(context, {}),
    timer: timesheets,
    entries: timesheets,
    catalog,
    entryFields: new KimaiEntryFields(context, { catalog }),
    leave: new KimaiLeave(context, {}),
    teamHours: team,
    teamProjects: team,
    teamLeave: team,
    adminTags: admin,
    invoices: admin,
    corrections: new KimaiCorrections(context, {}),
    adminRates: new KimaiRates(context, { catalog }),
    adminTeams: new KimaiAdminTeams(context, {}),
    catalogAdmin: new KimaiCatalogAdmin(context, { catalog }),
    adminPeople: new KimaiPeople(context, {}),
    approvals: new KimaiApprovals(context, {}),
    close: () => context.close(),
  });
}
