// The team server (`punchcard-mcp serve --config FILE`): the same engine as on a desktop, served over
// Streamable HTTP to clients that cannot start a local process (Claude.ai, ChatGPT, Copilot Studio,
// Gemini Enterprise), each request acting as the person its access token belongs to. This module only
// puts the parts together, in the order each needs the others: what is checked before anything starts
// (server-setup.ts), the people's engines (team-engines.ts), the other instances (http/peers.ts), the
// one koa app every request passes (team-app.ts: request-pipeline.ts, health-routes.ts,
// resource-metadata.ts, mcp-route.ts, sign-in-mount.ts), the listener and its shutdown
// (server-lifecycle.ts), and what a running
// instance follows in the store (followers.ts). A start that fails closes what it had opened
// (opened-so-far.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Wait } from '../../mcp-server/for-the-team-server.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { browserOrigins } from '../http/browser-origins.ts';
import { ownHostCheck } from '../http/own-host.ts';
import { instancePeers, listenAddress } from '../http/peers.ts';
import { RequestLimits } from '../http/rate-limits.ts';
import { keyIdOf } from '../auth/server-keys.ts';
import { unmeantMetricsExposure } from '../metrics/metrics-exposure.ts';
import type { TeamLog } from '../logs/team-log.ts';
import type { Store } from '../store/store.ts';
import { auditSpoolFolder } from './audit-spool.ts';
import { AuditWriter } from './audit-writer.ts';
import { announcePolicyChanges, followStore } from './followers.ts';
import { healthRoutes, readinessCheck } from './health-routes.ts';
import { lastSeen } from './last-seen.ts';
import { mcpRoute } from './mcp-route.ts';
import { MemoryAfterLoad } from './memory-after-load.ts';
import { RequestPipeline } from './request-pipeline.ts';
import { resourceMetadata } from './resource-metadata.ts';
import { ServeRefusal } from './serve-refusal.ts';
import { checkedOrganisation, checkedSetup, dataFolder, openServerStore } from './server-setup.ts';
import { listenOn } from './server-lifecycle.ts';
import { OpenedSoFar } from './opened-so-far.ts';
import { signInMount } from './sign-in-mount.ts';
import { teamEngines } from './team-engines.ts';
import { teamApp } from './team-app.ts';

export { ServeRefusal };

export interface TeamServerOptions {
  config: ServerConfig;
  env: NodeJS.ProcessEnv;
  /** The log: the engine's Log for sentences, and the request pipeline's lines (logs/team-log.ts). */
  log: TeamLog;
  now?: () => number;
  /** How a request waits out a short hold of the organisation's limit (Calamari's), on `now`'s clock: Node's timer unless a test moves `now` on itself. */
  wait?: Wait;
  /** The organisation's policy files (default: the system file, as on a desktop). */
  policyFiles?: readonly string[];
}

export interface TeamServer {
  /** Where it listens (the port is the real one when the config said 0). */
  readonly url: string;
  /** Where Prometheus scrapes, when `metrics.listen` is set. */
  readonly metricsUrl: string | undefined;
  readonly store: Store;
  /** People whose engine is open now, and 2025-era sessions (the bench reads memory per person). */
  readonly stats: () => { engines: number; sessions: number; inFlight: number };
  /** Stops taking requests, lets those in flight finish (up to a bound), then closes everything. */
  close(): Promise<void>;
}

/**
 * Starts the server, or refuses (ServeRefusal, or the error of the step that failed) having closed
 * everything it had opened by then: a busy port leaves no other listener bound and nothing running.
 */
export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const soFar = new OpenedSoFar();
  try {
    return await startParts(options, soFar);
  } catch (error) {
    await soFar.closeAll();
    throw error;
  }
}

/** Each part in the order each needs the others, each kept in `soFar` as it opens. */
async function startParts(options: TeamServerOptions, soFar: OpenedSoFar): Promise<TeamServer> {
  const { config, env, log } = options;
  const now = options.now ?? Date.now;
  const { serverKey, proxies, listen, opened, clientSecret, accessTokenTtlSeconds, policy, organisationKey } = await checkedSetup(
    config,
    env,
    log,
    options.policyFiles,
  );
  // No line of the log carries the organisation's credential, whatever a back end echoes.
  if (organisationKey) log.hide?.(organisationKey);
  const { metrics } = opened;
  soFar.add(policy, (part) => part.close());
  // The organisation account acts for people only once it showed it can: serve refuses otherwise,
  // before a store is opened or made. What its tracker keeps while it works is in a scratch folder.
  const organisationFolder = config.sign_in.organisation ? soFar.add(mkdtempSync(join(tmpdir(), 'punchcard-organisation-')), removeFolder) : undefined;
  const organisation = organisationFolder ? await checkedOrganisation({ config, key: organisationKey, folder: organisationFolder, now, log }) : null;
  if (organisation) soFar.add(organisation, (part) => part.close());
  const served = await openServerStore(config, env, serverKey, now, log);
  const { keys } = served;
  // Each request to the store timed, where metrics are on (punchcard_store_request_duration_seconds).
  const store = soFar.add(opened.timed(served.store), (part) => part.close());
  const { dataDir, scratch } = dataFolder(config);
  if (scratch) soFar.add(scratch, removeFolder);
  const origin = new URL(config.public_url).origin;
  const resource = `${origin}/mcp`;
  const auditLog = soFar.add(
    new AuditWriter(store, log, { spoolFolder: auditSpoolFolder(config), givenUp: (count) => metrics.auditRecordsGivenUp(count) }),
    (part) => part.close(),
  );
  const engines = soFar.add(
    teamEngines({
      config,
      env,
      organisationKey,
      dataDir,
      store,
      keys,
      policy,
      auditLog,
      metrics,
      origin,
      // The sign-in's (made below, with the engines it signs people out of); asked for at each reading, long after.
      calendarAccess: () => signIn.calendarAccess,
      now,
      wait: options.wait,
      log,
    }),
    (part) => part.closeAll(),
  );
  const seen = lastSeen(store, now, log);
  const signIn = signInMount({
    config,
    env,
    origin,
    resource,
    listenHost: listen.host,
    keys,
    store,
    engines,
    organisation,
    clientSecret,
    accessTokenTtlSeconds,
    dataDir,
    metrics,
    seen,
    now,
    log,
  });
  const limits = soFar.add(new RequestLimits(store, now, log), (part) => part.close());
  const origins = browserOrigins(origin, config.allowed_origins);
  // Known before the server listens, so /mcp passes requests to the others from its first request;
  // announced (where the others reach it) once it listens.
  const peers = soFar.add(instancePeers({ store, key: keys.peerKey, serverKeyId: keyIdOf(serverKey), now, log }), (part) => part.close());
  const mcp = soFar.add(
    mcpRoute({ config, origin, resource, provider: signIn.provider, store, storedId: keys.storedId, engines, limits, origins, metrics, peers, seen, now, log }),
    (part) => part.close(),
  );
  const stopFollowingPolicy = soFar.add(announcePolicyChanges(policy, log), (stop) => stop());
  const memory = soFar.add(new MemoryAfterLoad(), (part) => part.stop());
  const pipeline = new RequestPipeline({ log, metrics, served: () => memory.served() });
  const ownHost = ownHostCheck({ publicUrl: config.public_url, listen, ...(config.instance_url ? { instanceUrl: config.instance_url } : {}) });
  const followers = soFar.add(followStore({ store, keys, serverKey, keyVariable: config.key_env, engines, now, log }), (part) => part.stop());
  const readiness = readinessCheck(
    store,
    () => pipeline.draining,
    () => followers.keyProblem(),
  );
  const health = healthRoutes(readiness);
  const app = teamApp({
    config,
    origin,
    proxies,
    limits,
    ownHost,
    peers,
    metrics,
    pipeline,
    health,
    metadata: resourceMetadata(origin, resource),
    mcp,
    signIn,
    log,
  });
  const metricsListener = await opened
    .listen({
      ready: async () => (await readiness()).ready,
      enginesOpen: () => engines.open,
      storePool: () => store.pool?.(),
      keptWritesWaiting: () => engines.keptWritesWaiting(),
      auditRecordsWaiting: () => auditLog.waiting,
    })
    .catch((error: unknown) => {
      throw new ServeRefusal((error as Error).message);
    });
  soFar.add(metricsListener, (part) => part?.close());
  const listening = soFar.add(await listenOn(listen, config.listen, app.callback()), (part) => part.close(() => 0));
  const { bound } = listening;
  await peers.announce(config.instance_url ?? listenAddress(bound.address, bound.port));
  // Once nothing can fail the start any more: the spools a killed process left are written while this one serves.
  auditLog.start();
  log(`Punchcard team server for ${origin} listening on ${listening.url} (${config.provider.type}, store ${store.kind}, instance ${peers.id}).`);
  if (metricsListener) log(`Metrics for Prometheus at ${metricsListener.url}.`);
  const unmeant = unmeantMetricsExposure(config.metrics);
  if (unmeant) log.warn(`${unmeant[0]?.toUpperCase()}${unmeant.slice(1)}.`);

  return {
    url: listening.url,
    metricsUrl: metricsListener?.url,
    store,
    stats: () => ({ engines: engines.open, sessions: mcp.sessions, inFlight: pipeline.inFlight }),
    async close() {
      pipeline.draining = true;
      followers.stop();
      stopFollowingPolicy();
      policy.close();
      await listening.close(() => pipeline.inFlight);
      await mcp.close();
      await peers.close();
      await limits.close();
      await engines.closeAll();
      await metricsListener?.close();
      await auditLog.close();
      await store.close();
      memory.stop();
      if (scratch) removeFolder(scratch);
      if (organisation) organisation.close();
      if (organisationFolder) removeFolder(organisationFolder);
    },
  };
}

function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
