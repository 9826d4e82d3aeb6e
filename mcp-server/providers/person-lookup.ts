// Finding the one person manage_people names, the same on every back end that lists its people
// (Kimai, Clockodo, Clockify): a number ("12" or "#12"), or an e-mail or exact name in any case (an e-mail's
// ASCII letters only: a look-alike letter names nobody, contract/back-end-accounts.ts).
// Several matches are refused with each one's number, so the model or person can choose; none, with
// up to five near names, so a typo costs one more call rather than a guess. Calamari names people by
// e-mail and has its own (calamari/admin-people/admin-people.ts).
import type { AdminPerson } from '../domain/admin-people.ts';
import { BackEndError } from './time-tracker.ts';
import { normalizeEmail, sameEmail } from '../contract/back-end-accounts.ts';

/** Where a back end's people are and what its list shows, for the sentence that finds nobody. */
export interface PeopleScope {
  /** "in Kimai", "in the user groups you manage". */
  where: string;
  /** What manage_people list shows: "everyone", or "them" where the person sees only some. */
  listShows: string;
}

const MAX_SUGGESTIONS = 5;

/** A person as a refusal names them (contract/outcomes/people.ts). */
const asNamed = (person: AdminPerson) => ({ id: person.id, name: person.name, email: person.email });

/** The refusal of a page of manage_people's list past its last. */
export function noPeoplePage(page: number, totalPages: number): BackEndError {
  return new BackEndError('people_page_missing', { page, pages: totalPages });
}

/** The number a person reference gives ("12" or "#12"), or null for an e-mail or a name. */
export function personNumber(reference: string): number | null {
  const id = /^#?(\d{1,12})$/.exec(reference.trim());
  return id ? Number(id[1]) : null;
}

/**
 * The one record among `everyone` that `reference` names. A number suggests nobody when it finds
 * nobody: a near number is another person.
 */
export function onePerson<T>(everyone: readonly T[], reference: string, personOf: (record: T) => AdminPerson, scope: PeopleScope): T {
  const text = reference.trim();
  const id = personNumber(text);
  const wanted = text.toLowerCase();
  const named = (person: AdminPerson) => sameEmail(person.email, text) || person.name.toLowerCase() === wanted;
  const found = everyone.filter((record) => (id === null ? named(personOf(record)) : personOf(record).id === id));
  if (found.length === 1) return found[0] as T;
  if (found.length > 1) {
    throw new BackEndError('person_ambiguous', { reference: text, matches: found.map((record) => asNamed(personOf(record))) });
  }
  const near = (person: AdminPerson) => person.name.toLowerCase().includes(wanted) || normalizeEmail(person.email).includes(normalizeEmail(text));
  const close = id === null ? everyone.map(personOf).filter(near).slice(0, MAX_SUGGESTIONS) : [];
  throw new BackEndError('person_not_found', { reference: text, where: scope.where, list_shows: scope.listShows, suggestions: close.map(asNamed) });
}
