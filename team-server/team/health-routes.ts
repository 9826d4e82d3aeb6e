// /healthz and /readyz, answered before any limit or host check so a probe is never refused: alive
// while the process answers at all; ready while it is not shutting down, its store answers, and what
// the store keeps opens with this instance's keys (a load balancer then sends people elsewhere, e.g.
// to the upgraded instances after a migration, or away from one whose store was restored from a
// backup of another key). Any method is answered, as a probe's GET or HEAD is. The metrics read the
// same readiness at each scrape (punchcard_ready), so an alert sees what the load balancer sees.
import Router from '@koa/router';
import { failedBecause } from '../logs/request-context.ts';
import type { Store } from '../store/store.ts';
import { plain } from './answers.ts';

/** Ready, or not with the answer /readyz gives and the cause its log line names. */
export type Readiness = { ready: true } | { ready: false; answer: string; cause?: Error };

/** How ready this instance is now: the one check behind /readyz and punchcard_ready. */
export function readinessCheck(store: Store, draining: () => boolean, keyProblem: () => string | undefined): () => Promise<Readiness> {
  return async () => {
    if (draining()) return { ready: false, answer: 'shutting down' };
    try {
      await store.ping();
    } catch (error) {
      return { ready: false, answer: `the store cannot be used: ${(error as Error).message}`, cause: error as Error };
    }
    const unreadable = keyProblem();
    if (unreadable) return { ready: false, answer: `the store cannot be read: ${unreadable}`, cause: new Error(`the store cannot be read: ${unreadable}`) };
    return { ready: true };
  };
}

export function healthRoutes(readiness: () => Promise<Readiness>): Router {
  const router = new Router({ sensitive: true, strict: true });
  router.all('/healthz', (ctx) => plain(ctx, 200, 'ok\n'));
  router.all('/readyz', async (ctx) => {
    const now = await readiness();
    if (now.ready) return plain(ctx, 200, 'ready\n');
    // The line in the log where readiness changes says why (team/request-pipeline.ts).
    if (now.cause) failedBecause(now.cause, { withStack: false });
    plain(ctx, 503, `${now.answer}\n`);
  });
  return router;
}
