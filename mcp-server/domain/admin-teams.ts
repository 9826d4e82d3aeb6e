// The records of manage_teams (docs/decisions.md, "The admin group"): a team with its members, who
// leads it, and the catalog items its members may book on where access is restricted.
import type { CatalogKind } from '../contract/vocabulary.ts';

/** A person as the back end showed them to the administrator: `email` only where it shows one. */
export interface TeamPerson {
  id: number;
  name: string;
  /** The account's own name (Kimai's username), which a person may be named by too. */
  username?: string;
  email?: string;
}

export interface TeamMember extends TeamPerson {
  lead: boolean;
}

export type TeamAccessKind = CatalogKind;

export interface TeamAccess {
  customers: Array<{ id: number; name: string }>;
  projects: Array<{ id: number; name: string }>;
  activities: Array<{ id: number; name: string }>;
}

export interface AdminTeam {
  id: number;
  name: string;
  /** Absent where only the list of teams was read. */
  members?: TeamMember[];
  /** Who leads the team without being one of its members (Clockodo's leader may be anyone). */
  outsideLead?: TeamPerson;
  access?: TeamAccess;
}

/** The list of `access` each kind of catalog item is kept in. */
export const ACCESS_LISTS: Readonly<Record<TeamAccessKind, keyof TeamAccess>> = { customer: 'customers', project: 'projects', activity: 'activities' };
