// Calamari as a Punchcard back end (docs/back-ends/calamari.md): the TimeTracker over Calamari's REST
// API, for exactly one person, put together from its parts — the account, shifts and breaks, the
// person's projects, leave and their plan — over one API module (api.ts). Calamari's keys belong to
// the organisation and any call can name any employee; Punchcard names only the configured e-mail,
// reaches colleagues only by team, for the absence calendar, and names others only where Calamari's
// own data says the person manages them, for their hours (team.ts). Calamari's limit is counted per hour
// (as low as 720 for a whole organisation), so what changes rarely is cached for an hour, the modules
// and the person's zone are remembered between starts, and nothing is asked while nobody asks Punchcard.
import { assembleTracker, type RemoteTracker } from '../remote-tracker.ts';
import { CalamariAccount } from './account.ts';
import { CalamariPeople } from './admin-people.ts';
import { CalamariCatalog } from './catalog.ts';
import { CalamariContext, type CalamariTrackerOptions } from './context.ts';
import { CalamariLeave } from './leave.ts';
import { CalamariPlan } from './plan.ts';
import { CalamariShifts } from './shifts.ts';
import { CalamariTeam } from './team.ts';

export type { CalamariTrackerOptions };

export function createCalamariTracker(options: CalamariTrackerOptions): RemoteTracker {
  const context = new CalamariContext(options);
  const catalog = new CalamariCatalog(context, {});
  const plan = new CalamariPlan(context, {});
  const team = new CalamariTeam(context, { plan });
  const shifts = new CalamariShifts(context, { catalog });
  return assembleTracker({
    type: 'calamari',
    label: `Calamari (${new URL(options.profile.url).host}, ${options.profile.email})`,
    agentLabel: 'description-prefix',
    facts: context.facts,
    account: new CalamariAccount(context, { plan, team }),
    timer: shifts,
    entries: shifts,
    breaks: shifts,
    catalog,
    leave: new CalamariLeave(context, { plan }),
    plan,
    teamHours: team,
    adminPeople: new CalamariPeople(context, {}),
    close: () => context.close(),
  });
}
