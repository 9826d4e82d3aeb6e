// The records of manage_people (docs/decisions.md, "The admin group"): a person as their back end's
// administrator sees them, and what a write asks of the back end.

export interface AdminPerson {
  id: number;
  name: string;
  /** '' where the back end keeps none. */
  email: string;
  /** The back end's own word for the person's role; null where its API shows none. */
  role: string | null;
  active: boolean;
  /** The names of the teams the person belongs to. */
  teams: string[];
}

/** One page of people as a back end lists them (Kimai's list is not paged, so Punchcard pages it; Calamari's search is). */
export interface PeoplePage {
  people: AdminPerson[];
  /** From 1. */
  page: number;
  totalPages: number;
  /** How many there are in all; null where the back end does not say. */
  total: number | null;
}

export type PeopleWrite = 'invite' | 'update' | 'deactivate' | 'reactivate';

export interface NewPerson {
  name: string;
  email: string;
  /** The back end's default where left out. */
  role?: string;
}

export interface PersonChanges {
  name?: string;
  email?: string;
  role?: string;
  /** Whom or what the role manages, as the person named them (a back end whose roles name it; Clockify's managers). */
  manages?: readonly string[];
}
