// Following the administrator's sign-outs (`punchcard-mcp admin sign-out`, admin/sign-out.ts). The
// command revokes the person's grants and tokens in the store, which every instance reads, so their
// next request is refused everywhere at once; what only an instance holds, the person's open engine
// (their back end's connection, a 2025-era session), each instance closes itself when it reads the
// sign-out the command recorded. Instances share nothing but the store, so the store is the channel.
//
// The place is kept by the store's numbers for the sign-outs (their seq), never by a clock: the
// admin machine's clock may be behind, and a PostgreSQL transaction may commit after one numbered
// later, so "newer than the last one read" could skip a sign-out for good. Instead every check reads
// all the sign-outs the store keeps (it prunes them after a day) and acts on the seqs it has not
// seen; what it remembers is just the seqs present, so it stays as small as the store's table.
import type { Log } from '../../mcp-server/for-the-team-server.ts';
import type { Store } from '../store/store.ts';

/** How often an instance looks for sign-outs: an engine stays open at most this long after one. */
const SIGN_OUT_CHECK_MS = 2_000;

export interface SignOutFollower {
  stop(): void;
  /** One check now (what the timer does every few seconds); for tests and a clean start. */
  check(): Promise<void>;
}

export function followSignOuts(options: { store: Store; closeEngine: (personId: string) => boolean; log: Log; everyMs?: number }): SignOutFollower {
  const { store, closeEngine, log } = options;
  // Undefined until the first read succeeds: the sign-outs present then predate this instance,
  // which had nothing open for anybody, so they close nothing here.
  let seen: Set<number> | undefined;
  let running: Promise<void> | undefined;
  const read = async () => {
    try {
      const signOuts = await store.signOuts();
      if (seen) {
        for (const signOut of signOuts) {
          if (seen.has(signOut.seq)) continue;
          if (closeEngine(signOut.personId)) log(`Person ${signOut.personId} was signed out by the administrator; their engine on this instance is closed.`);
        }
      }
      seen = new Set(signOuts.map((signOut) => signOut.seq));
    } catch (error) {
      // The store away: seen did not change, so the next check acts on what was missed.
      log(`Reading the sign-outs failed: ${(error as Error).message}`);
    }
  };
  // One read at a time; a check asked for meanwhile waits for that one.
  const check = () => (running ??= read().finally(() => (running = undefined)));
  void check();
  const timer = setInterval(() => void check(), options.everyMs ?? SIGN_OUT_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), check };
}
