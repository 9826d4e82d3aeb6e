// /healthz and /readyz, answered before any limit or host check so a probe is never refused: alive
// while the process answers at all; ready while it is not shutting down, its store answers, and what
// the store keeps opens with this instance's keys (a load balancer then sends people elsewhere, e.g.
// to the upgraded instances after a migration, or away from one whose store was restored from a
// backup of another key). Any method is answered, as a probe's GET or HEAD is.
import Router from '@koa/router';
import { failedBecause } from '../logs/request-context.ts';
import type { Store } from '../store/store.ts';
import { plain } from './answers.ts';

export function healthRoutes(store: Store, draining: () => boolean, keyProblem: () => string | undefined): Router {
  const router = new Router({ sensitive: true, strict: true });
  router.all('/healthz', (ctx) => plain(ctx, 200, 'ok\n'));
  router.all('/readyz', async (ctx) => {
    if (draining()) return plain(ctx, 503, 'shutting down\n');
    try {
      await store.ping();
      const unreadable = keyProblem();
      if (unreadable) {
        failedBecause(new Error(`the store cannot be read: ${unreadable}`), { withStack: false });
        return plain(ctx, 503, `the store cannot be read: ${unreadable}\n`);
      }
      plain(ctx, 200, 'ready\n');
    } catch (error) {
      // The line in the log where readiness changes says why (team/request-pipeline.ts).
      failedBecause(error, { withStack: false });
      plain(ctx, 503, `the store cannot be used: ${(error as Error).message}\n`);
    }
  });
  return router;
}
