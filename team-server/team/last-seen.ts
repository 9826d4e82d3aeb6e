// When each person was last seen (`admin people`): moved on by each of their calls and token
// refreshes. Written to the store at most once a minute a person, and never on the request path: a
// call does not wait for it, and a store that is away only means the next activity tries again.
import type { Log } from '../../mcp-server/for-the-team-server.ts';
import type { Store } from '../store/store.ts';

/** A person's last seen time is written at most this often. */
export const SEEN_EVERY_MS = 60_000;
/** People remembered before the ones not seen for a minute are forgotten (their next activity writes again). */
const REMEMBERED = 10_000;

/** Says a person was active now; answers at once. */
export type Seen = (personId: string) => void;

export function lastSeen(store: Store, now: () => number, log: Log): Seen {
  const written = new Map<string, number>();
  let failing = false;
  return (personId) => {
    const at = now();
    const last = written.get(personId);
    if (last !== undefined && at - last < SEEN_EVERY_MS) return;
    if (written.size >= REMEMBERED) for (const [id, when] of written) if (at - when >= SEEN_EVERY_MS) written.delete(id);
    written.set(personId, at);
    store.seen(personId, at).then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        // Tried again at the person's next activity; said once while the store stays away.
        written.delete(personId);
        if (!failing) log(`When people were last seen could not be written (${(error as Error).message}); it is written at their next call.`);
        failing = true;
      },
    );
  };
}
