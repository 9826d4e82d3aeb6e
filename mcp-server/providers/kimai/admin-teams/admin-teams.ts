// Kimai's teams as an administrator changes them through manage_teams (docs/back-ends/kimai.md,
// "Administration"): view_team, create_team, edit_team and delete_team, which Kimai ships to
// administrators and super administrators alone. The capability comes from the role a profile read
// named (index.ts, its offer); Kimai's own 403 withdraws it at once (context.ts). Kimai answers a bare
// 400 to an existing member added, a non-member or a lead removed and an item granted twice; the
// tool checks the team as just read first and says so in words, so those 400s are not expected here.
import { CellPart } from '../../grid/cell-part.ts';
import { mapWithLimit } from '../../remote/cache.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import { ensureRequests } from '../../remote/request-budget.ts';
import { allPages } from '../../remote/paging.ts';
import { addDays, formatWallClock, localDate, startOfLocalDay } from '../../../domain/time.ts';
import { ACCESS_LISTS, type AdminTeam, type TeamAccess, type TeamAccessKind, type TeamPerson } from '../../../domain/admin-teams.ts';
import type { KimaiTeamsRequest } from '../../../contract/outcomes/kimai.ts';
import { refusalOf } from '../../../contract/outcomes/refusals.ts';
import { type AdminTeamsPart, BackEndError, causeOf } from '../../time-tracker.ts';
import type { KimaiContext } from '../context.ts';
import { personName } from '../facts.ts';
import type { AdminTeamsEndpoints } from './endpoints.ts';
import { KimaiError } from '../errors.ts';
import { MAX_PAGE_SIZE } from '../api.ts';
import type { KimaiTeam, KimaiUser, KimaiUserFull, KimaiUserShort } from '../wire.ts';
import { sameEmail } from '../../../contract/back-end-accounts.ts';

/** How far back the time entries an administrator may read name people who are in no team. */
export const PEOPLE_SEEN_DAYS = 30;

/** A team as `GET /api/teams/{id}` and every team write answer it: members with their user, and the catalog it was granted. */
type KimaiTeamRead = KimaiTeam & {
  members?: Array<{ user: KimaiUserShort & { email?: string | null }; teamlead: boolean }>;
  customers?: unknown[];
  projects?: unknown[];
  activities?: unknown[];
};

export class KimaiAdminTeams extends CellPart<KimaiContext, AdminTeamsEndpoints> implements AdminTeamsPart {
  /** Kimai refuses a team without a lead ("At least one team leader must be assigned"). */
  readonly needsLead = true;

  async teams(): Promise<AdminTeam[]> {
    const teams = await this.#guard({ action: 'list' }, () => this.endpoints.teams());
    return teams.map((team) => ({ id: team.id, name: team.name })).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  async read(id: number): Promise<AdminTeam> {
    return adminTeam(await this.#guard({ action: 'read', team: id }, () => this.endpoints.team(id)));
  }

  async me(): Promise<TeamPerson> {
    return person(await this.context.profile());
  }

  /**
   * Whom each word names. A super administrator's Kimai lists every account (view_user), e-mails
   * included; an administrator's does not (403), so Punchcard looks among whom Kimai does show them:
   * the person herself, the members of every team (a request per team, counted first) and, for a word
   * still not placed, whoever recorded time in the last PEOPLE_SEEN_DAYS days. Kimai shows an
   * administrator no one's e-mail address but her own.
   */
  async people(words: readonly string[]): Promise<TeamPerson[]> {
    const me = await this.context.profile();
    const everyone = await this.#everyone();
    const known = new Map<number, TeamPerson>([[me.id, person(me)]]);
    if (everyone) {
      for (const user of everyone) known.set(user.id, person(user));
    } else {
      for (const member of await this.#teamMembers()) if (!known.has(member.id)) known.set(member.id, member);
      if (words.some((word) => !isId(word) && placed([...known.values()], word).length === 0)) {
        for (const user of await this.#recorded(me)) if (!known.has(user.id)) known.set(user.id, person(user));
      }
    }
    const people = [...known.values()];
    return words.map((word) => {
      if (isId(word)) {
        const id = Number(word.trim().replace(/^#/, ''));
        // An id Kimai did not show is still a person to Kimai: it answers 404 where there is none.
        return known.get(id) ?? { id, name: `person #${id}` };
      }
      const found = placed(people, word);
      if (found.length === 1) return found[0] as TeamPerson;
      if (found.length > 1) {
        throw new BackEndError('person_named_ambiguously', { text: word.trim(), people: found.map(named), back_end: 'Kimai' });
      }
      throw new BackEndError('kimai_team_person_unknown', {
        text: word.trim(),
        email: word.includes('@'),
        everyone: everyone !== undefined,
        days: PEOPLE_SEEN_DAYS,
        close: closeTo(people, word).map(named),
      });
    });
  }

  async create(name: string, members: ReadonlyArray<{ id: number; lead: boolean }>): Promise<AdminTeam> {
    const body = { name, members: members.map((member) => ({ user: member.id, teamlead: member.lead })) };
    return adminTeam(await this.#guard({ action: 'create', name }, () => this.endpoints.createTeam(body)));
  }

  async rename(team: AdminTeam, name: string): Promise<AdminTeam> {
    return adminTeam(await this.#guard({ action: 'rename', team: team.id }, () => this.endpoints.updateTeam(team.id, { name }, `rename team #${team.id}`)));
  }

  addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    return this.#oneByOne(team, people, 'POST');
  }

  removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    return this.#oneByOne(team, people, 'DELETE');
  }

  /**
   * Kimai keeps the lead flag on the membership and changes it only through `PATCH members`, which
   * replaces the whole list: so the list sent is every member of the team as just read, each with
   * the flag it had, those named made leads. Nobody is added or left out.
   */
  async setLeads(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam> {
    const members = team.members ?? [];
    if (members.length === 0) throw new BackEndError('kimai_team_read_without_members', { team: team.name });
    const leads = new Set(people.map((one) => one.id));
    const body = { members: members.map((member) => ({ user: member.id, teamlead: member.lead || leads.has(member.id) })) };
    const changed = adminTeam(
      await this.#guard({ action: 'set_leads', team: team.id }, () => this.endpoints.updateTeam(team.id, body, `change the leads of team #${team.id}`)),
    );
    const kept = new Set((changed.members ?? []).map((member) => member.id));
    const lost = members.filter((member) => !kept.has(member.id));
    // Never expected: Kimai answers the list it keeps, and it was sent whole.
    if (lost.length > 0) throw new BackEndError('kimai_team_members_lost', { people: lost.map(named) });
    return changed;
  }

  async delete(team: AdminTeam): Promise<void> {
    await this.#guard({ action: 'delete', team: team.id }, () => this.endpoints.deleteTeam(team.id));
  }

  grant(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam> {
    return this.#access(team, kind, item, 'POST');
  }

  revoke(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam> {
    return this.#access(team, kind, item, 'DELETE');
  }

  async #access(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }, method: 'POST' | 'DELETE'): Promise<AdminTeam> {
    const action = `${method === 'POST' ? 'grant' : 'revoke'} team #${team.id} access to ${kind} #${item.id}`;
    try {
      return adminTeam(
        await this.endpoints.changeTeam(
          method,
          team.id,
          `${ACCESS_LISTS[kind]}/${item.id}`,
          action,
          remoteRefusal('kimai_team_part_missing', { team: team.id, part: kind, id: item.id, any_more: true }),
        ),
      );
    } catch (error) {
      // Kimai asks for edit_team and for the right to change who may see that one item: a refusal may be
      // the item's alone, so it withdraws nothing.
      if (error instanceof KimaiError && error.failure === 'forbidden') {
        throw new BackEndError('kimai_team_access_denied', { change: method === 'POST' ? 'grant' : 'revoke', team: team.id, kind, item: item.id });
      }
      throw error;
    }
  }

  /** Members one request each (Kimai's POST and DELETE …/members/{id}), so nobody else's membership is ever sent. */
  async #oneByOne(team: AdminTeam, people: readonly TeamPerson[], method: 'POST' | 'DELETE'): Promise<AdminTeam> {
    ensureRequests(people.length, 'Kimai');
    const verb = method === 'POST' ? 'add' : 'remove';
    let latest: AdminTeam = team;
    const done: TeamPerson[] = [];
    for (const one of people) {
      try {
        latest = adminTeam(
          await this.#guard({ action: verb, team: team.id, person: one.name }, () =>
            this.endpoints.changeTeam(
              method,
              team.id,
              `members/${one.id}`,
              `${verb} person #${one.id} ${method === 'POST' ? 'to' : 'from'} team #${team.id}`,
              remoteRefusal('kimai_team_part_missing', { team: team.id, part: 'person', id: one.id, any_more: false }),
            ),
          ),
        );
        done.push(one);
      } catch (error) {
        if (done.length === 0) throw error;
        throw new BackEndError('kimai_team_members_partly_changed', { change: verb, done: done.map((person) => person.name), cause: causeOf(error) });
      }
    }
    return latest;
  }

  /** A team request; Kimai's 403 withdraws manage_teams at once and is said with the missing permission. */
  #guard<T>(request: KimaiTeamsRequest, send: () => Promise<T>): Promise<T> {
    return this.context.administering('teams', refusalOf('kimai_teams_denied', request), send);
  }

  /** Every enabled account with its e-mail, where Kimai lists them to this person (view_user); else undefined. */
  async #everyone(): Promise<KimaiUserFull[] | undefined> {
    if (this.context.facts.current.role !== 'ROLE_SUPER_ADMIN') return undefined;
    try {
      return await this.endpoints.users(1);
    } catch (error) {
      if (error instanceof KimaiError && error.failure === 'forbidden') return undefined;
      throw error;
    }
  }

  /** Whoever recorded time in the last PEOPLE_SEEN_DAYS days, as the timesheets name them (`user=all`, one paged listing). */
  async #recorded(me: KimaiUser): Promise<KimaiUserShort[]> {
    const today = localDate(this.context.options.now(), me.timezone);
    const filter = {
      begin: formatWallClock(startOfLocalDay(addDays(today, -PEOPLE_SEEN_DAYS), me.timezone), me.timezone),
      end: formatWallClock(this.context.options.now(), me.timezone),
      user: 'all',
      full: 'true',
    };
    const api = this.endpoints;
    const sheets = await allPages(this.context.pager, (page) =>
      api.timesheetPage(filter, page, MAX_PAGE_SIZE, 'begin', 'ASC', { action: 'find people by their time entries' }),
    );
    return sheets.flatMap((sheet) => (typeof sheet.user === 'object' && sheet.user !== null ? [sheet.user] : []));
  }

  /** The members of every team: the list, then each team (one request each, counted against the call's budget first). */
  async #teamMembers(): Promise<TeamPerson[]> {
    const api = this.endpoints;
    const teams = await this.#guard({ action: 'list' }, () => api.teams());
    ensureRequests(teams.length, 'Kimai');
    const read = await mapWithLimit(teams, this.context.pager.maxParallel, (team) => this.#guard({ action: 'read', team: team.id }, () => api.team(team.id)));
    return read.flatMap((team) => (adminTeam(team).members ?? []).map(({ lead: _lead, ...member }) => member));
  }
}

/** A person as a refusal names them: by name, with their number. */
const named = (one: TeamPerson) => ({ id: one.id, name: one.name });

const isId = (word: string) => /^#?\d{1,15}$/.test(word.trim());

/** Those a word names exactly: by e-mail, or by name or username, in any case. */
function placed(people: readonly TeamPerson[], word: string): TeamPerson[] {
  const wanted = word.trim().toLowerCase();
  if (wanted.includes('@')) return people.filter((one) => sameEmail(one.email, word));
  return people.filter((one) => one.name.toLowerCase() === wanted || one.username?.toLowerCase() === wanted);
}

function closeTo(people: readonly TeamPerson[], word: string): TeamPerson[] {
  const wanted = word.trim().toLowerCase().split('@')[0] ?? '';
  if (wanted.length < 2) return [];
  return people.filter((one) => one.name.toLowerCase().includes(wanted) || one.username?.toLowerCase().includes(wanted)).slice(0, 5);
}

function person(user: KimaiUserShort & { email?: string | null }): TeamPerson {
  return {
    id: user.id,
    name: personName(user),
    username: user.username,
    ...(typeof user.email === 'string' && user.email !== '' ? { email: user.email } : {}),
  };
}

function adminTeam(wire: KimaiTeamRead): AdminTeam {
  const members = (wire.members ?? [])
    .map((member) => ({ ...person(member.user), lead: member.teamlead === true }))
    .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name) || a.id - b.id);
  const access: TeamAccess = { customers: refs(wire.customers), projects: refs(wire.projects), activities: refs(wire.activities) };
  return { id: wire.id, name: wire.name, ...(wire.members ? { members, access } : {}) };
}

/** Catalog items as a team lists them: objects with id and name, or bare ids. */
function refs(list: unknown[] | undefined): Array<{ id: number; name: string }> {
  return (list ?? [])
    .map((item) =>
      typeof item === 'number'
        ? { id: item, name: `#${item}` }
        : typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'number'
          ? { id: (item as { id: number }).id, name: String((item as { name?: unknown }).name ?? `#${(item as { id: number }).id}`) }
          : undefined,
    )
    .filter((item): item is { id: number; name: string } => item !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
