// What a running instance follows, each stopped when it stops: sign-outs and key rotations the admin
// command recorded in the store (on every instance), the store's sweep of expired records, and the
// organisation's policy, of whose changes the log is told once for the whole server.
import type { Log, PolicyFiles } from '../../mcp-server/for-the-team-server.ts';
import { followKeyRotation } from '../auth/key-rotation.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import type { Store } from '../store/store.ts';
import type { PersonEngines } from './person-engines.ts';
import { followSignOuts } from './sign-outs.ts';

/** How often expired tokens, codes and counters are swept out of the store. */
const SWEEP_MS = 10 * 60_000;

export function followStore(options: {
  store: Store;
  keys: ServerKeys;
  serverKey: Buffer;
  /** The variable the server key came from (key_env), named when the store's key changes under it. */
  keyVariable: string;
  engines: PersonEngines;
  now: () => number;
  log: Log;
}): {
  /** Why the store cannot be read with this instance's keys, or undefined (followKeyRotation). */
  keyProblem(): string | undefined;
  stop(): void;
} {
  const { store, keys, serverKey, keyVariable, engines, now, log } = options;
  const signOuts = followSignOuts({ store, closeEngine: (id) => engines.close(id), log });
  const rotation = followKeyRotation({ store, keys, serverKey, variable: keyVariable, log });
  const sweeper = setInterval(() => void store.sweep(now()).catch((error: unknown) => log(`Sweeping the store failed: ${(error as Error).message}`)), SWEEP_MS);
  sweeper.unref();
  return {
    keyProblem: () => rotation.problem(),
    stop() {
      clearInterval(sweeper);
      signOuts.stop();
      rotation.stop();
    },
  };
}

/**
 * Every person's engine follows the policy itself (open 2025-era sessions too: their tools change
 * now, and their clients are told); the server says once what changed. Returns the unsubscription.
 */
export function announcePolicyChanges(policy: PolicyFiles, log: Log): () => void {
  return policy.subscribe(() => {
    const next = policy.current();
    log(
      next.problem
        ? `The organisation's policy cannot be used (${next.problem}); AI clients get whoami only until it is fixed.`
        : "The organisation's policy changed; it applies at once, in open sessions too.",
    );
  });
}
