// The people of the back end as their administrator sees them (capability `admin_people`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { AdminPerson, NewPerson, PeoplePage, PeopleWrite, PersonChanges } from '../../domain/admin-people.ts';

/**
 * The people of the back end as their administrator sees them (`admin_people`; docs/decisions.md,
 * "The admin group"). A write the back end's API cannot make is refused in words before anything is sent.
 */
export interface AdminPeoplePart {
  /** The back end's role words, as `people` shows them; empty where it shows no role. */
  readonly roleWords: readonly string[];
  /** A page of the people (the inactive too where `includeInactive`); a page past the last is refused (a BackEndError of a `not_found` code). */
  people(includeInactive: boolean, page: number): Promise<PeoplePage>;
  /** One person by id, e-mail or exact name (any case); refused (a BackEndError of a `not_found` or `conflict` code) where none or several match. */
  person(reference: string): Promise<AdminPerson>;
  /** Why this back end cannot make a write at all (or with what is asked of it), as a refusal; null where it can. */
  peopleWriteRefusal(write: PeopleWrite, asked?: { role?: string; manages?: readonly string[]; name?: string; email?: string }): Refusal | null;
  /** Why this back end will not make the write for this person (Clockify's owner, a pending invitee), as a refusal, before anything is asked; null where it will. */
  personRefusal?(write: PeopleWrite, person: AdminPerson): Refusal | null;
  /** What the invitation question says happens, where it is not an account that can sign in at once. */
  readonly inviteQuestion?: string;
  /** Why `manages` means nothing here, as a refusal; null where a role names whom or what it manages. */
  readonly managesRefusal: Refusal | null;
  /** What the invited person does next, said with the answer (a back end's own invitation step, or none). */
  readonly inviteNote: string;
  invite(person: NewPerson): Promise<AdminPerson>;
  update(person: AdminPerson, changes: PersonChanges): Promise<AdminPerson>;
  setActive(person: AdminPerson, active: boolean): Promise<AdminPerson>;
  /** The account the token or key acts for, where the back end says (never deactivated through Punchcard). */
  selfId(): Promise<number | undefined>;
}
