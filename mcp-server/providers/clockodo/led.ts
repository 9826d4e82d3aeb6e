// Whom a person leads in Clockodo, from the teams and users a listing gave (leadership.ts reads them with the
// person's own key, acting-api.ts with the owner's for the person): the members of the teams whose leader they
// are and those whose boss they are. Pure: no request here.
import type { ClockodoTeam, ClockodoUser } from './wire.ts';

/** The people `me` leads: the members of the teams they lead and those whose boss they are. */
export interface Led {
  people: ClockodoUser[];
  /** The names of the teams they lead, for the answers' words. */
  teams: string[];
}

/** The people `me` leads among `users`: the members of the teams whose leader they are, and those whose boss they are. */
export function ledBy(me: Pick<ClockodoUser, 'id'>, teams: readonly ClockodoTeam[], users: readonly ClockodoUser[]): Led {
  const led = teams.filter((team) => team.leader === me.id);
  const ledIds = new Set(led.map((team) => team.id));
  const people = users.filter((user) => user.id !== me.id && (user.boss === me.id || (user.teams_id != null && ledIds.has(user.teams_id))));
  return { people, teams: led.map((team) => team.name) };
}
