// /healthz and /readyz, answered before any limit or host check so a probe is never refused: alive
// while the process answers at all; ready while it is not shutting down, its store answers, and what
// the store keeps opens with this instance's keys (a load balancer then sends people elsewhere, e.g.
// to the upgraded instances after a migration, or away from one whose store was restored from a
// backup of another key).
import type { ServerResponse } from 'node:http';
import { failedBecause } from '../logs/request-context.ts';
import type { Store } from '../store/store.ts';
import { plain } from './node-answers.ts';

/** Answers a probe and says true, or says false for any other path. */
export type HealthRoute = (path: string, response: ServerResponse) => Promise<boolean>;

export function healthRoutes(store: Store, draining: () => boolean, keyProblem: () => string | undefined): HealthRoute {
  return async (path, response) => {
    if (path === '/healthz') {
      plain(response, 200, 'ok\n');
      return true;
    }
    if (path !== '/readyz') return false;
    if (draining()) {
      plain(response, 503, 'shutting down\n');
      return true;
    }
    try {
      await store.ping();
      const unreadable = keyProblem();
      if (unreadable) {
        failedBecause(new Error(`the store cannot be read: ${unreadable}`), { withStack: false });
        return (plain(response, 503, `the store cannot be read: ${unreadable}\n`), true);
      }
      plain(response, 200, 'ready\n');
    } catch (error) {
      // The line in the log where readiness changes says why (team/request-pipeline.ts).
      failedBecause(error, { withStack: false });
      plain(response, 503, `the store cannot be used: ${(error as Error).message}\n`);
    }
    return true;
  };
}
