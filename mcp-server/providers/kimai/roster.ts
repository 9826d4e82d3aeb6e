// Whom a Kimai team lead leads, as far as Kimai shows them (docs/back-ends/kimai.md, "Teams"). A
// team's member list (`GET /api/teams/{id}`) needs the permission view_team, which Kimai gives only
// administrators as it ships; an administrator may grant it to the Teamlead role. Without it, the
// people are those whose timesheets Kimai shows the lead (`user=all`: the lead and the members of the
// teams they lead), which a default team lead may read: everyone who recorded time, nobody who did not.
import { Expiring, mapWithLimit } from '../remote/cache.ts';
import { allPages } from '../remote/paging.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { addDays, formatWallClock, localDate, startOfLocalDay } from '../../domain/time.ts';
import { type KimaiApi, MAX_PAGE_SIZE } from './api.ts';
import type { KimaiContext } from './context.ts';
import { isKimaiAdmin, personName } from './facts.ts';
import { KimaiError } from './errors.ts';
import { readKimaiTime } from './mapping.ts';
import type { KimaiTimesheet, KimaiUser } from './wire.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';

export interface Member {
  id: number;
  name: string;
}

export interface Roster {
  /** Sorted by name. */
  members: Member[];
  /** In words: whose time and leave these are. */
  covers: string;
  /** True where the members come from the teams themselves; false where from the time Kimai showed. */
  complete: boolean;
}

/** After Kimai refused a team's members, how long that is believed before asking again: a grant is rare. */
const REFUSAL_KEPT_MS = 15 * 60_000;
/** How far back timesheets name a lead's people for pending leave, without view_team. */
export const RECENT_DAYS = 14;
/** A list of recent people serves the windows of pending leave a lead pages through. */
const RECENT_TTL_MS = 5 * 60_000;

/** What a lead without view_team is not shown, and who can change that. */
const UNLISTED =
  "Kimai lists a team's members only to an account with the permission view_team, which your Kimai administrator can grant the Teamlead role (Roles and permissions); without it, anyone who recorded nothing is not shown";

/** What a roster reads: the teams (where Kimai shows them) and the timesheets it shows. */
export type RosterEndpoints = Pick<KimaiApi, 'teams' | 'team' | 'timesheetPage'>;

/** Whom a lead leads: each capability that needs it keeps its own (its answers cached for it alone), over its own endpoints. */
export class KimaiRoster {
  readonly #context: KimaiContext;
  readonly #api: RosterEndpoints;
  #refusedAt: number | undefined;
  readonly #recent = new Expiring<Roster>(RECENT_TTL_MS);

  constructor(context: KimaiContext, api: RosterEndpoints) {
    this.#context = context;
    this.#api = api;
  }

  /**
   * The members of the teams `me` leads (every team's for an administrator), read from the teams
   * themselves, each one request counted against the call's budget first; undefined where Kimai
   * refuses them (no view_team), which is then believed for a quarter of an hour.
   */
  async fromTeams(me: KimaiUser): Promise<Roster | undefined> {
    if (this.#refusedAt !== undefined && performance.now() - this.#refusedAt < REFUSAL_KEPT_MS) return undefined;
    const admin = isKimaiAdmin(me);
    const api = this.#api;
    try {
      const teams = admin ? await api.teams() : ledTeams(me);
      ensureRequests(teams.length, 'Kimai');
      // The first team alone: where Kimai refuses it, it refuses them all, and one refusal is enough.
      const [first, ...rest] = teams;
      const details = first ? [await api.team(first.id), ...(await mapWithLimit(rest, this.#context.pager.maxParallel, (team) => api.team(team.id)))] : [];
      const members = new Map<number, Member>();
      for (const team of details) {
        for (const member of team.members ?? []) members.set(member.user.id, { id: member.user.id, name: personName(member.user) });
      }
      const names = teams.map((team) => quotedLine(team.name)).join(', ');
      this.#refusedAt = undefined;
      return {
        members: byName(members),
        covers: admin ? `every team in Kimai (${names || 'none'})` : `the teams you lead in Kimai (${names})`,
        complete: true,
      };
    } catch (error) {
      if (!(error instanceof KimaiError) || error.failure !== 'forbidden') throw error;
      this.#refusedAt = performance.now();
      return undefined;
    }
  }

  /**
   * Every timesheet Kimai shows `me` that begins from `from` to `to` (instants; Kimai filters on a
   * record's begin), with whose they are: one paged listing of `user=all`, names included.
   */
  async shown(me: KimaiUser, from: number, to: number, action: string): Promise<{ sheets: KimaiTimesheet[]; members: Member[] }> {
    const filter = { begin: formatWallClock(from, me.timezone), end: formatWallClock(to, me.timezone), user: 'all', full: 'true' };
    const sheets = await allPages(this.#context.pager, (page) => this.#api.timesheetPage(filter, page, MAX_PAGE_SIZE, 'begin', 'ASC', { action }));
    const members = new Map<number, Member>();
    for (const sheet of sheets) {
      const user = sheet.user;
      if (typeof user === 'object' && user !== null) members.set(user.id, { id: user.id, name: personName(user) });
      else if (typeof user === 'number' && !members.has(user)) members.set(user, { id: user, name: user === me.id ? personName(me) : `user #${user}` });
    }
    return { sheets, members: byName(members) };
  }

  /**
   * The people of `me`'s teams: from the teams where Kimai shows them, else those who recorded time in
   * the last RECENT_DAYS (kept five minutes, so the windows of a listing are of one list; `fresh`
   * reads them again, as before a decision).
   */
  async people(me: KimaiUser, fresh = false): Promise<Roster> {
    const teams = await this.fromTeams(me);
    if (teams) return teams;
    if (fresh) this.#recent.invalidate();
    return this.#recent.get(async () => {
      const today = localDate(this.#context.options.now(), me.timezone);
      const since = addDays(today, -RECENT_DAYS);
      const { members } = await this.shown(
        me,
        startOfLocalDay(since, me.timezone),
        this.#context.options.now(),
        'find who is in your team from their time entries',
      );
      return { members, covers: `${ledWords(me)}, among those who recorded time since ${since} (${UNLISTED} since then)`, complete: false };
    });
  }

  /** The covers of a report read from the time Kimai showed, for the range it covers. */
  shownCovers(me: KimaiUser): string {
    return `${ledWords(me)}, those who recorded time then (${UNLISTED})`;
  }
}

/** Whether a timesheet's time lies in [from, to): a span begun before the range may run into it. */
export function overlaps(sheet: KimaiTimesheet, from: number, to: number, now: number): boolean {
  const start = readKimaiTime(sheet.begin);
  const end = sheet.end === null ? now : readKimaiTime(sheet.end);
  return start < to && end > from;
}

function ledTeams(me: KimaiUser) {
  return (me.memberships ?? []).filter((membership) => membership.teamlead).map((membership) => membership.team);
}

/** `the teams you lead in Kimai ("Web")`, their names Kimai's words (quoted-line.ts), or an administrator's everyone. */
function ledWords(me: KimaiUser): string {
  if (isKimaiAdmin(me)) return 'everyone in Kimai';
  return `the teams you lead in Kimai (${ledTeams(me)
    .map((team) => quotedLine(team.name))
    .join(', ')})`;
}

function byName(members: Map<number, Member>): Member[] {
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
