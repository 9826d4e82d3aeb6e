// One pace per secret in this process, for a back end that counts requests per key (Clockify: its
// limit is the key's, docs/back-ends/clockify.md): several trackers on one key (two workspaces of one
// Clockify account, docs/several-trackers.md) send no faster together than one key may. Which key a
// tracker sends with is known once its secret was read, which the client does before each request
// passes its pace (remote-client.ts), so the pace is picked then, by a digest of the key; a key that
// changes (a 401, a new one saved) moves the tracker to the new key's pace. Per process, as the
// back end's own pace is (pacing.ts): another process on the same key keeps its own.
import { createHash } from 'node:crypto';
import { type Pacer, pacer } from './pacing.ts';

const paces = new Map<string, Pacer>();

/**
 * The secret as the tracker reads it, noting the key it sends with; and the pace to keep, shared by every
 * tracker on that key. `now` is the pace's clock (a test's own; the first tracker on a key sets it).
 */
export function pacedPerKey(
  secret: () => Promise<string | null>,
  now?: () => number,
): { secret: () => Promise<string | null>; pace: (perSecond: number) => Pacer } {
  let key: string | undefined;
  return {
    secret: async () => {
      const value = await secret();
      key = value ? createHash('sha256').update(value).digest('hex') : undefined;
      return value;
    },
    pace: (perSecond) => {
      // Before a key was read (nothing goes out then), the tracker keeps a pace of its own.
      const own = pacer(perSecond, now);
      return () => (key === undefined ? own() : keyPace(`${perSecond} ${key}`, perSecond, now)());
    },
  };
}

function keyPace(id: string, perSecond: number, now: (() => number) | undefined): Pacer {
  let pace = paces.get(id);
  if (!pace) {
    pace = pacer(perSecond, now);
    paces.set(id, pace);
  }
  return pace;
}
