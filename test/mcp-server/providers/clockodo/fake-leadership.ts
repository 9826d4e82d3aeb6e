// Who leads whom in the fake Clockodo (docs/back-ends/clockodo.md, "Teams"): leading is not a role.
// A team has a leader, who may be an owner, a manager or a plain worker and is the boss of every
// member of the team; a boss set on the person has the same rights (`boss`, "the user's team leader's
// / boss' id"). Both see the people they lead's time entries and decide their absences. An absence
// manager named on a person (`absence_managers_id`) decides that person's absences, nothing more.
// Pure: the fake hands in its users and teams.

/** What the rules read of a user. */
export interface LeadUser {
  id: number;
  teamsId: number | null;
  /** A boss set in the personnel data; when absent, the leader of the person's team is their boss. */
  boss?: number | null;
  /** Who may decide this person's absences besides the general absence managers. */
  absenceManagers?: number[];
}

export interface FakeTeam {
  id: number;
  name: string;
  leader: number | null;
}

/** The person's boss as Clockodo names them: the one set, else the leader of their team (never themselves). */
export function bossOf(user: LeadUser, teams: readonly FakeTeam[]): number | null {
  if (user.boss !== undefined && user.boss !== null) return user.boss;
  const leader = teams.find((team) => team.id === user.teamsId)?.leader ?? null;
  return leader === user.id ? null : leader;
}

/** Whom `leaderId` leads: the people whose boss they are (their teams' members among them). */
export function ledBy(leaderId: number, users: readonly LeadUser[], teams: readonly FakeTeam[]): Set<number> {
  return new Set(users.filter((user) => user.id !== leaderId && bossOf(user, teams) === leaderId).map((user) => user.id));
}

/** Whose absences `managerId` decides without the general right: those they lead and those naming them absence manager. */
export function absencesManagedBy(managerId: number, users: readonly LeadUser[], teams: readonly FakeTeam[]): Set<number> {
  const managed = ledBy(managerId, users, teams);
  for (const user of users) if (user.id !== managerId && (user.absenceManagers ?? []).includes(managerId)) managed.add(user.id);
  return managed;
}

/** The teams the default users belong to, none led: leading is set by a test that needs it. */
export function defaultTeams(): FakeTeam[] {
  return [
    { id: 1, name: 'Development', leader: null },
    { id: 2, name: 'Management', leader: null },
    { id: 3, name: 'Big team', leader: null },
  ];
}
