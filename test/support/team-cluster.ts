// Several team-server instances as a company runs them: the BUILT server started N times on one
// PostgreSQL with one server key, all behind a round-robin load balancer (test/support/load-balancer.ts,
// no sticky sessions, no retries) whose address is everyone's public_url. A test kills, stops and
// starts instances as an administrator or a crash would, and reaches each one directly where it must
// say which instance does what.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Era, ToolResult } from './engine.ts';
import { eraRequest } from './raw-stdio.ts';
import { type LoadBalancer, startLoadBalancer } from './load-balancer.ts';
import type { TestPostgres } from './postgres.ts';
import {
  type ConnectedClient,
  type MemoryOAuthProvider,
  removeTeamServerData,
  startTeamServer,
  TEST_SERVER_KEY,
  type TeamServerHandle,
  type TeamServerSetup,
} from './team-server.ts';

export interface TeamCluster {
  /** Where people reach the servers: the balancer. */
  origin: string;
  mcpUrl: string;
  balancer: LoadBalancer;
  /** The instances started so far, in order (a stopped one stays, so indexes keep naming the same one). */
  instances: TeamServerHandle[];
  /** Starts one more instance behind the balancer. */
  add(extra?: Partial<TeamServerSetup>): Promise<TeamServerHandle>;
  /** Takes an instance out of the balancer's list (as an administrator does before an upgrade). */
  detach(instance: TeamServerHandle): void;
  close(): Promise<void>;
}

/** `port`: where the balancer listens, where a test must name the public address first (a company identity provider's redirect). */
export async function startTeamCluster(options: {
  postgres: TestPostgres;
  instances: number;
  setup: TeamServerSetup;
  healthCheckMs?: number;
  port?: number;
}): Promise<TeamCluster> {
  const balancer = await startLoadBalancer([], { healthCheckMs: options.healthCheckMs ?? 250, ...(options.port === undefined ? {} : { port: options.port }) });
  const instances: TeamServerHandle[] = [];
  const add = async (extra: Partial<TeamServerSetup> = {}) => {
    const instance = await startTeamServer({
      built: true,
      ...options.setup,
      ...extra,
      postgres: { url: options.postgres.url, password: options.postgres.password },
      publicUrl: balancer.origin,
      key: TEST_SERVER_KEY,
    });
    instances.push(instance);
    balancer.targets.push(instance.listenUrl);
    return instance;
  };
  // One at a time: the first migrates, the others find it done (tests/store check starting together).
  for (let index = 0; index < options.instances; index++) await add();
  return {
    origin: balancer.origin,
    mcpUrl: `${balancer.origin}/mcp`,
    balancer,
    instances,
    add,
    detach(instance) {
      balancer.targets.splice(balancer.targets.indexOf(instance.listenUrl), 1);
    },
    async close() {
      await Promise.all(
        instances.map(async (instance) => (instance.process.exitCode === null && instance.process.signalCode === null ? instance.stop() : undefined)),
      );
      for (const instance of instances) removeTeamServerData(instance);
      await balancer.close();
    },
  };
}

/**
 * The official client on tokens it already holds (no sign-in), at `url`: another instance's own
 * address, or the balancer's again after its instance went away.
 */
export async function clientWithTokens(url: string, oauth: MemoryOAuthProvider, era: Era = 'modern'): Promise<ConnectedClient> {
  const client = new Client(
    { name: 'punchcard-team-tests', version: '1.0.0' },
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {},
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: oauth }));
  return {
    client,
    oauth,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    close: () => client.close(),
  };
}

/** The token endpoint of `url` asked to refresh: the answer's status and body. */
export async function refreshAt(url: string, clientId: string, refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * A raw 2026-era tools/call with a bearer token, as the official client sends one (the per-request
 * envelope, MCP-Protocol-Version, Mcp-Method and Mcp-Name): the HTTP answer as it is (status,
 * headers, text).
 */
export async function rawToolCall(
  url: string,
  accessToken: string,
  name: string,
  args: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    ...(signal ? { signal } : {}),
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': name,
    },
    body: JSON.stringify(eraRequest('modern', 1, 'tools/call', { name, arguments: args })),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
