// The team server acting for one person with the organisation's tracker credential (docs/team-server/README.md,
// "One organisation credential"). The trackers let an organisation account act for another person; they
// do not narrow it to one. Under `actingFor` a remote tracker narrows it: every request about the
// person's time, leave or timer names them, every answer is checked to be theirs, a write by id reads
// the record first, the person's own booking rights and locks bind them, and the tool groups follow the
// person's own role, never the key's. The desktop never sets it.
import type { Refusal } from '../contract/outcomes/refusals.ts';

/** Whom a tracker acts for: the tracker user a signed-in person is linked (pinned) to. */
export interface ActingFor {
  /** The tracker's id of the user, as text (Kimai and Clockodo number them, Clockify names them by a hex string). */
  readonly userId: string;
}

/** A user of the tracker as its directory shows them to the organisation account. */
export interface TrackerUser {
  id: string;
  /** As the tracker shows it (its display name, else its login). */
  name: string;
  /** As the tracker holds it, or null where it holds none. */
  email: string | null;
  /** False for a user the tracker deactivated (Kimai disabled, Clockify inactive or pending, Clockodo inactive). */
  active: boolean;
}

/** Whether the organisation account can act for people: who it is, or why not (a refusal, never its key). */
export type OrganisationCheck = { ok: true; account: string } | { ok: false; refusal: Refusal };

/** The organisation account: its start check, and the directory people are matched and re-checked against. */
export interface OrganisationAccount {
  /** Who the account is and whether it has the rights to act for people (serve and admin check ask it at start). */
  check(): Promise<OrganisationCheck>;
  /**
   * The users whose e-mail is `email`, whole and without the case of ASCII letters alone (contract/back-end-accounts.ts,
   * sameEmail: never a partial match, never a look-alike letter), active or not.
   */
  usersWithEmail(email: string): Promise<TrackerUser[]>;
  /** One user by id, or null where the tracker has none. */
  user(id: string): Promise<TrackerUser | null>;
  /** Lets its connections go (admin check makes one, asks it, and is done). */
  close(): void;
}
