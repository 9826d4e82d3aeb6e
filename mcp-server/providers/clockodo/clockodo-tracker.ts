// Clockodo as a Punchcard back end (docs/back-ends/clockodo.md): the TimeTracker over Clockodo's REST
// API, acting with the person's own login and API key only, put together from its parts — the
// account, the timer and entries, the catalog, leave, the person's plan and what an owner or manager may see and decide — over one API module
// (api.ts). Every "my …" request names the person's own id and no other; a record that turns out to
// be someone else's is refused in words. What changes rarely is cached, and the person's id, zone and
// rights are remembered between starts, so a warm clock_in, clock_out or timer_status costs two
// requests at most.
import { hostOf } from '../remote/remote-error.ts';
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { ClockodoAccount } from './account.ts';
import { ClockodoPeople } from './admin-people.ts';
import { ClockodoAdminTeams } from './admin-teams.ts';
import { ClockodoCatalogAdmin } from './admin-catalog.ts';
import { ClockodoCorrections } from './admin-corrections.ts';
import { ClockodoCatalog } from './catalog.ts';
import { ClockodoContext, type ClockodoTrackerOptions } from './context.ts';
import { ClockodoLeave } from './leave.ts';
import { ClockodoPlan } from './plan.ts';
import { ClockodoTeam } from './team.ts';
import { ClockodoTimesheets } from './timesheets.ts';

export type { ClockodoTrackerOptions };

export function createClockodoTracker(options: ClockodoTrackerOptions): RemoteTracker {
  const context = new ClockodoContext(options);
  const catalog = new ClockodoCatalog(context, {});
  const plan = new ClockodoPlan(context, {});
  const timesheets = new ClockodoTimesheets(context, { catalog });
  const team = new ClockodoTeam(context, { catalog });
  return assembleTracker({
    type: 'clockodo',
    // Acting for a person, the profile's login is the owner's, half of the organisation's credential: never said to
    // the person or the model (whoami's connection line says the account is the company's).
    label: options.actingFor ? `Clockodo (${hostOf(options.profile.url)})` : `Clockodo (${options.profile.email})`,
    agentLabel: 'description-prefix',
    facts: context.facts,
    account: new ClockodoAccount(context, { plan }),
    timer: timesheets,
    entries: timesheets,
    catalog,
    leave: new ClockodoLeave(context, { plan }),
    plan,
    teamHours: team,
    teamProjects: team,
    teamLeave: team,
    adminPeople: new ClockodoPeople(context, {}),
    adminTeams: new ClockodoAdminTeams(context, {}),
    catalogAdmin: new ClockodoCatalogAdmin(context, { catalog }),
    corrections: new ClockodoCorrections(context, { catalog }),
    close: () => context.close(),
  });
}
