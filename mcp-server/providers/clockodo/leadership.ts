// Whom a person leads in Clockodo and whose absences they reach, from the teams and users it lists: the members of the
// teams they lead and those whose boss they are, and those whose absences they decide and see. The team tools and, acting
// for a person with the owner's key (acting.ts reads the lists hourly for them), the narrowing follow it: the owner's key
// decides and sees everyone's, so Punchcard draws the person's own reach from what Clockodo says of them
// (docs/back-ends/clockodo.md, "Acting for others"). Pure: no request here (context.ts reads the lists).
import type { ClockodoAbsence, ClockodoTeam, ClockodoUser } from './wire.ts';

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

export interface AbsenceReach {
  /** The active people whose absences the person decides; never the person. */
  decides: ClockodoUser[];
  /** The active people whose absences the person sees in the calendar, the person first. */
  sees: ClockodoUser[];
}

/**
 * Whether the person decides everyone's absences: the owner, and a manager allowed to manage absences generally
 * (Clockodo lets only a manager hold `can_generally_manage_absences`; a worker said to hold it is not believed).
 */
export function managesAllAbsences(user: Pick<ClockodoUser, 'role' | 'can_generally_manage_absences'>): boolean {
  return user.role === 'owner' || (user.role === 'manager' && user.can_generally_manage_absences === true);
}

/**
 * What the person reaches. They decide the absences of the people they lead (a team's leader, someone's boss) and of
 * those who name them absence manager (`absence_managers_id`), or everyone's where they manage all absences. They see
 * those, their own, and, as a worker allowed to see absences (`can_generally_see_absences`), their own team's; an owner
 * or a manager sees everyone's. Where Clockodo's rule for the worker is wider than their team, the calendar shows less
 * than their own key would, never more.
 */
export function absenceReach(me: ClockodoUser, teams: readonly ClockodoTeam[], users: readonly ClockodoUser[]): AbsenceReach {
  const others = users.filter((user) => user.id !== me.id && user.active !== false);
  const led = new Set(ledBy(me, teams, users).people.map((user) => user.id));
  const decides = managesAllAbsences(me) ? others : others.filter((user) => led.has(user.id) || (user.absence_managers_id ?? []).includes(me.id));
  const decided = new Set(decides.map((user) => user.id));
  const seesAll = me.role === 'owner' || me.role === 'manager';
  const team = me.can_generally_see_absences === true && me.teams_id != null ? me.teams_id : undefined;
  const sees = others.filter((user) => seesAll || decided.has(user.id) || (team !== undefined && user.teams_id === team));
  return { decides, sees: [me, ...sees] };
}

/**
 * A colleague's absence as Clockodo shows it to someone who neither owns nor decides it: its person, days, status and
 * public note only; the type, the private note, the counts and the dates of request and approval are left out.
 */
export function colleagueView(absence: ClockodoAbsence): ClockodoAbsence {
  return {
    id: absence.id,
    users_id: absence.users_id,
    date_since: absence.date_since,
    date_until: absence.date_until,
    status: absence.status,
    public_note: absence.public_note ?? null,
  };
}
