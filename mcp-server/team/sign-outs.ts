// Following the administrator's sign-outs (`punchcard-mcp admin sign-out`, admin/sign-out.ts). The
// command revokes the person's grants and tokens in the store, which every instance reads, so their
// next request is refused everywhere at once; what only an instance holds, the person's open engine
// (their back end's connection, a 2025-era session), each instance closes itself when it reads the
// sign-out the command recorded. Instances share nothing but the store, so the store is the channel.
import type { Log } from '../log.ts';
import type { Store } from '../store/store.ts';

/** How often an instance looks for sign-outs: an engine stays open at most this long after one. */
export const SIGN_OUT_CHECK_MS = 2_000;

export interface SignOutFollower {
  stop(): void;
}

export function followSignOuts(options: { store: Store; closeEngine: (personId: string) => boolean; now: () => number; log: Log; everyMs?: number }): SignOutFollower {
  const { store, closeEngine, log } = options;
  // Sign-outs from before this instance started closed nothing here: it had nothing open.
  let since = options.now();
  const seen = new Set<string>();
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      for (const signOut of await store.signOutsSince(since)) {
        const key = `${signOut.personId}@${signOut.at}`;
        if (seen.has(key)) continue;
        seen.add(key);
        since = Math.max(since, signOut.at);
        if (closeEngine(signOut.personId)) log(`Person ${signOut.personId} was signed out by the administrator; their engine on this instance is closed.`);
      }
      if (seen.size > 10_000) seen.clear();
    } catch (error) {
      // The store away: the next check reads what was missed (since did not move).
      log(`Reading the sign-outs failed: ${(error as Error).message}`);
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), options.everyMs ?? SIGN_OUT_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
