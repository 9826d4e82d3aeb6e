// The metrics part of the team server: nothing at all without `metrics.listen` (NO_METRICS, and
// prom-client is not loaded), else the Prometheus counters, the store's requests timed, and their own
// listener once the parts they read at a scrape (the engines, the store) exist.
import type { GatePass, RequestGate } from '../../mcp-server/for-the-team-server.ts';
import type { Store } from '../store/store.ts';
import type { MetricsListener } from './metrics-listener.ts';
import { NO_METRICS, type TeamGauges, type TeamMetrics } from './team-metrics.ts';
import { timedStore } from './timed-store.ts';

export interface OpenedMetrics {
  metrics: TeamMetrics;
  /** The store with its requests timed, or the store itself when metrics are off. */
  timed(store: Store): Store;
  /** Starts the listener Prometheus scrapes (nothing when metrics are off). */
  listen(gauges: TeamGauges): Promise<MetricsListener | undefined>;
}

export async function openMetrics(listen: { host: string; port: number } | undefined): Promise<OpenedMetrics> {
  if (!listen) return { metrics: NO_METRICS, timed: (store) => store, listen: () => Promise.resolve(undefined) };
  const [{ prometheusMetrics }, { startMetricsListener }] = await Promise.all([import('./prometheus-metrics.ts'), import('./metrics-listener.ts')]);
  let gaugesNow: TeamGauges = {
    ready: () => Promise.resolve(false),
    enginesOpen: () => 0,
    storePool: () => undefined,
    keptWritesWaiting: () => 0,
    auditRecordsWaiting: () => ({ spooled: 0, inMemory: 0 }),
  };
  const metrics = prometheusMetrics({
    ready: () => gaugesNow.ready(),
    enginesOpen: () => gaugesNow.enginesOpen(),
    storePool: () => gaugesNow.storePool(),
    keptWritesWaiting: () => gaugesNow.keptWritesWaiting(),
    auditRecordsWaiting: () => gaugesNow.auditRecordsWaiting(),
  });
  return {
    metrics,
    timed: (store) => timedStore(store, (operation, seconds) => metrics.storeRequest(operation, seconds)),
    listen(gauges) {
      gaugesNow = gauges;
      return startMetricsListener(listen, metrics);
    },
  };
}

/**
 * The gate every request to the back end passes (mcp-server/providers/remote/json-http.ts), told how each ended:
 * `gate`'s own work first where there is one (Calamari's organisation limit), then the count.
 */
export function observedGate(gate: RequestGate | undefined, backEnd: string, metrics: TeamMetrics): RequestGate | undefined {
  if (metrics === NO_METRICS) return gate;
  const refused = gate?.refused?.bind(gate);
  const answered = gate?.answered?.bind(gate);
  return Object.assign(() => (gate ? gate() : Promise.resolve(undefined)), {
    ...(refused ? { refused } : {}),
    answered: (status: number | 'failed', seconds: number, sent?: GatePass) => {
      metrics.backEndRequest(backEnd, status, seconds);
      return answered?.(status, seconds, sent);
    },
  });
}
