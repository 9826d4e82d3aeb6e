// Teams and their access to the catalog (capability `admin_teams`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { TeamAction } from '../../contract/tools/manage-teams.ts';
import type { AdminTeam, TeamAccessKind, TeamPerson } from '../../domain/admin-teams.ts';

/**
 * Teams and their access to the catalog (`admin_teams`; docs/decisions.md, "The admin group"). Every
 * write takes the team as just read (`read`), so what it sends follows what the person was asked
 * about; the back end's refusals come back as BackEndErrors with their codes.
 */
export interface AdminTeamsPart {
  /** Whether a team must keep a lead (Kimai's teams must). */
  readonly needsLead: boolean;
  /** The person herself, as a team names her. */
  me(): Promise<TeamPerson>;
  /** Every team, by name, without members. */
  teams(): Promise<AdminTeam[]>;
  /** One team with its members and access. */
  read(id: number): Promise<AdminTeam>;
  /**
   * The person each word names (an id, an e-mail or a name), from whom the back end shows this
   * person; a word it cannot place is refused (a BackEndError of a `not_found` code) naming what was searched.
   */
  people(words: readonly string[]): Promise<TeamPerson[]>;
  create(name: string, members: ReadonlyArray<{ id: number; name: string; lead: boolean }>): Promise<AdminTeam>;
  rename(team: AdminTeam, name: string): Promise<AdminTeam>;
  addMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  removeMembers(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  /** Makes each of `people` (members already) a lead too; nobody else's flag changes. */
  setLeads(team: AdminTeam, people: readonly TeamPerson[]): Promise<AdminTeam>;
  delete(team: AdminTeam): Promise<void>;
  grant(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam>;
  revoke(team: AdminTeam, kind: TeamAccessKind, item: { id: number; name: string }): Promise<AdminTeam>;
  /**
   * Why the back end's API cannot take an action at all (or on that kind of catalog item, for grant and revoke), as a refusal
   * (nothing is sent); left out where it takes every one.
   */
  actionRefusal?(action: TeamAction, kind?: TeamAccessKind): Refusal | null;
  /**
   * Where a back end keeps one team per person (Clockodo), what adding `people` to `team` (or to the team about to be made,
   * which has no id yet) takes them out of, in a sentence.
   */
  moves?(team: { id?: number; name: string }, people: readonly TeamPerson[]): Promise<string>;
  /**
   * Where a team has one lead at most (Clockodo's leader), the refusal of set_lead naming several; the one it names
   * then replaces the lead before. Left out, set_lead adds leads.
   */
  readonly oneLead?: Refusal;
  /** What deleting a team leaves its members with, in a sentence; left out, Kimai's: the access it gave them goes. */
  readonly deleteNote?: string;
  /** Whether a team may be left without members (Clockodo's may); left out, it may not. */
  readonly keepsEmptyTeams?: boolean;
  /** What the grant and revoke questions say follows for the team's members (Clockify's project membership); left out, Kimai's visibility. */
  readonly accessNotes?: { readonly grant: string; readonly revoke: string };
  /**
   * Where removing a lead from the team takes their lead with it (Clockify's team-manager role over the group), what the question
   * and the answer say of it, in a sentence; left out, the back end removes no lead and the handler refuses it in words.
   */
  leadsLeave?(team: AdminTeam, leads: readonly TeamPerson[]): string;
}
