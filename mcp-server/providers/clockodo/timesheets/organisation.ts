// The timer and the entries on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md,
// "Acting for others"): every endpoint narrowed to the person: their clock and entries only, booked within their
// access maps, outside their edit lock. The shared endpoints as the root narrows them (acting.ts); an endpoint added
// to endpoints.ts does not compile until it is narrowed here.
import type { ClockodoActing } from '../acting.ts';
import type { TimesheetsEndpoints } from './endpoints.ts';

export function underOrganisation(api: TimesheetsEndpoints, acting: ClockodoActing): TimesheetsEndpoints {
  return {
    clock: acting.shared.clock,
    entryPage: acting.shared.entryPage,
    entry: acting.shared.entry,
    changeEntry: acting.shared.changeEntry,
    startClock: async (body) => {
      const named = acting.naming(body, 'startClock');
      return acting.first(async () => {
        await acting.bookable(named);
        // A clock started now makes an entry of today, which an edit lock up to today covers too.
        await acting.unlocked(typeof named.time_since === 'string' ? named.time_since : acting.nowText());
        return acting.theirClock(await api.startClock(named));
      });
    },
    stopClock: async (id, timeUntil, usersId) => {
      if (usersId !== undefined) acting.onlyThem(usersId, 'stopClock');
      // Named in the request, Clockodo stops only the person's running entry of that id (a 404 otherwise).
      return acting.first(async () => acting.theirClock(await api.stopClock(id, timeUntil, acting.userId)));
    },
    createEntry: async (body) => {
      const named = acting.naming(body, 'createEntry');
      return acting.first(async () => {
        await acting.bookable(named);
        await acting.unlocked(typeof named.time_since === 'string' ? named.time_since : undefined);
        return acting.theirs(await api.createEntry(named));
      });
    },
    deleteEntry: (id) =>
      acting.first(async () => {
        const current = await acting.ownEntry(id);
        await acting.unlocked(current.time_since);
        return api.deleteEntry(id);
      }),
  };
}
