// Whom a person leads in Clockodo, whatever their role (docs/back-ends/clockodo.md, "Teams"): leading
// is not a role there. A team's leader (GET /v3/teams) and a person's boss (`boss` on the user) see
// those people's time and decide their absences, an owner, a manager or a plain worker alike; an
// absence manager (`absence_managers_id`) decides the absences of whom they are named for. What is
// read here is what Clockodo says of the person, never assumed from the role.
import { MAX_REQUESTS_PER_CALL } from '../../domain/call-limits.ts';
import { allPages } from '../remote/paging.ts';
import { withRequestBudget } from '../remote/request-budget.ts';
import { USER_PAGE } from './api.ts';
import { type ClockodoContext, unlessRefused } from './context.ts';
import { type Led, ledBy } from './led.ts';
import type { ClockodoTeam, ClockodoUser } from './wire.ts';

/** Leading is read again a day after it was learned, so a team given or taken shows the next day. */
const RECHECK_MS = 24 * 3_600_000;

export type { Led };

/**
 * The people `me` leads, from the teams Clockodo lists and the users it shows `me` (a list refused,
 * 403, names nobody). Two listings, each paged.
 */
export async function whomLeads(context: ClockodoContext, me: ClockodoUser, action: string): Promise<Led> {
  const { api } = context;
  const [teams, users] = await Promise.all([
    unlessRefused(
      allPages(api.pager, (page) => api.teamsPage(page)),
      () => [] as ClockodoTeam[],
    ),
    unlessRefused(
      allPages(api.pager, (page) => api.usersPage(undefined, page, USER_PAGE, action)),
      () => [] as ClockodoUser[],
    ),
  ]);
  return ledBy(me, teams, users);
}

/** The people whose absences Clockodo lets `me` manage, `me` aside (`scope=manageAbsences`; a refusal names nobody). */
export async function absencesManaged(context: ClockodoContext, me: ClockodoUser, action: string): Promise<ClockodoUser[]> {
  const { api } = context;
  const users = await unlessRefused(
    allPages(api.pager, (page) => api.usersPage('manageAbsences', page, USER_PAGE, action)),
    () => [] as ClockodoUser[],
  );
  return users.filter((user) => user.id !== me.id);
}

/** Whether what is known of leading is older than a day (or was never learned). */
export function leadershipStale(context: ClockodoContext): boolean {
  const checkedAt = Date.parse(context.facts.current.leadershipCheckedAt ?? '');
  return Number.isNaN(checkedAt) || context.options.now() - checkedAt > RECHECK_MS;
}

/**
 * Learns whether the person leads anyone and decides anyone's absences, and remembers it: the team
 * tools follow, live. An owner sees and decides everything already and is not asked. Outside a tool
 * call no budget holds the listings, so the call's own bounds them.
 */
export async function learnLeadership(context: ClockodoContext): Promise<void> {
  const { user } = await context.me();
  if (user.role === 'owner') return;
  const moduleOff = context.facts.current.absences === false;
  const [led, managed] = await withRequestBudget(MAX_REQUESTS_PER_CALL, () =>
    Promise.all([
      whomLeads(context, user, 'read whom you lead'),
      moduleOff ? Promise.resolve([]) : absencesManaged(context, user, 'read whose absences you manage'),
    ]),
  );
  context.learnLeadership({ leads: led.people.length > 0, decidesLeave: managed.length > 0 });
}
