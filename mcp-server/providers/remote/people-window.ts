// A window of people whose time a call reads one person at a time, on a back end that counts each token's requests
// (Harvest's 100 in 15 seconds, shared by everything the person runs with it): at most PEOPLE_PER_CALL people a call,
// fewer where the call's budget has less room, the next window at next_offset (docs/tools.md, "For the people who lead
// a team"). The people come sorted as the back end's part sorts them; each is read a few at a time.
import { windowOf } from '../../domain/team.ts';
import { mapWithLimit } from './cache.ts';
import { requestsLeft } from './request-budget.ts';

/** The most people one call reads: a request each, and a second page for some, stays within the call's 40. */
export const PEOPLE_PER_CALL = 20;
/** Requests a window leaves for the rest of the call (a further page of someone's entries). */
const MARGIN = 2;

/**
 * The people [offset, offset + n) with what `read` answers for each, n being the smallest of the limit asked, the
 * cap, and what the call's budget leaves; at least one, so a call always moves on.
 */
export async function readPeopleWindow<P, T>(
  people: readonly P[],
  query: { offset: number; limit: number },
  read: (person: P) => Promise<T>,
  maxParallel: number,
): Promise<Array<{ person: P; read: T }>> {
  const room = Math.max(1, Math.min(query.limit, PEOPLE_PER_CALL, requestsLeft() - MARGIN));
  const { items } = windowOf(people, query.offset, room);
  const answers = await mapWithLimit(items, maxParallel, read);
  return items.map((person, index) => ({ person, read: answers[index] as T }));
}
