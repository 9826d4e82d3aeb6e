// The team server's metrics as Prometheus meets them (metrics/, docs/team-server/monitoring.md): the
// BUILT server started with `metrics.listen`, real sign-ins and tool calls against the fake Kimai,
// and every scrape read by a Prometheus text-format parser, not by regular expressions of ours. The
// counters must move with what was done, and the metrics must never be served where people arrive.
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE_LABELS } from '../../../team-server/metrics/route-labels.ts';
import { textOf } from '../../support/engine.ts';
import { RawConnection } from '../../support/raw-http.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { companySignIn, startIdentityProvider } from '../../support/identity-provider.ts';
import { connectAs, freePort, removeTeamServerData, SignInBrowser, startTeamServer, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
let fake: FakeKimai | undefined;
const servers: TeamServerHandle[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    if (server.process.exitCode === null) await server.stop();
    removeTeamServerData(server);
  }
  await fake?.close();
  fake = undefined;
});

async function scrape(url: string): Promise<ParsedFamily[]> {
  const answer = await fetch(url);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await answer.text());
}

/** The value of one series (0 where it was never counted). */
function valueOf(families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number {
  const family = families.find((candidate) => candidate.name === name);
  if (!family) throw new Error(`No ${name} in the scrape: ${families.map((each) => each.name).join(', ')}`);
  const sample = family.metrics.find((metric) => Object.entries(labels).every(([label, value]) => metric.labels?.[label] === value));
  return Number(sample?.value ?? sample?.count ?? 0);
}

async function kimaiServer(extra: { limits?: Record<string, unknown>; store?: 'sqlite' | 'postgres' } = {}) {
  fake = await startFakeKimai({ now: clockStartingAt(NOW) });
  seedCatalog(fake);
  const metricsPort = await freePort();
  const server = await startTeamServer({
    built: true,
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    env: { PUNCHCARD_NOW: NOW },
    config: { metrics: { listen: `127.0.0.1:${metricsPort}` } },
    ...(extra.limits ? { limits: extra.limits } : {}),
    ...(extra.store ? { store: extra.store } : {}),
  });
  servers.push(server);
  return { server, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

describe('the team server’s metrics', () => {
  it('count requests, tool calls, the back end, sign-ins, open engines and refusals as they happen', async () => {
    const { server, metricsUrl } = await kimaiServer({ limits: { requests_per_address_per_minute: 200 } });
    const before = await scrape(metricsUrl);
    expect(valueOf(before, 'punchcard_tool_calls_total')).toBe(0);
    expect(valueOf(before, 'punchcard_people_with_open_engine')).toBe(0);
    // Refusals and store errors are series at 0 from the start, so an alert's increase() sees the first.
    const atZero = (name: string, label: string) =>
      before
        .find((family) => family.name === name)
        ?.metrics.filter((sample) => sample.value === '0')
        .map((sample) => sample.labels?.[label]);
    expect(atZero('punchcard_sign_ins_total', 'outcome')).toEqual(['signed_in', 'refused', 'limited']);
    expect(atZero('punchcard_rate_limit_refusals_total', 'limit')).toEqual(['address', 'person', 'sign_in']);
    expect(atZero('punchcard_store_errors_total', 'kind')).toEqual(['unavailable', 'newer_version']);

    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    const clockedIn = await ada.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(clockedIn.isError, textOf(clockedIn)).toBeFalsy();
    const refused = await ada.call('clock_in', { project: 'No such project', activity: 'Design' });
    expect(refused.isError).toBe(true);

    const after = await scrape(metricsUrl);
    expect(valueOf(after, 'punchcard_tool_calls_total', { tool: 'timer_status', outcome: 'done' })).toBe(1);
    expect(valueOf(after, 'punchcard_tool_calls_total', { tool: 'clock_in', outcome: 'done' })).toBe(1);
    expect(valueOf(after, 'punchcard_tool_calls_total', { tool: 'clock_in', outcome: 'refused' })).toBe(1);
    // The parser folds a histogram's label sets into one sample of buckets (its flattenMetrics keeps
    // the last set's), so the latency is checked as a histogram with its buckets filled.
    for (const name of ['punchcard_tool_call_duration_seconds', 'punchcard_http_request_duration_seconds', 'punchcard_backend_request_duration_seconds']) {
      const histogram = after.find((family) => family.name === name);
      expect(histogram?.type).toBe('HISTOGRAM');
      expect(Number(histogram?.metrics[0]?.buckets?.['+Inf'])).toBeGreaterThanOrEqual(1);
    }
    expect(valueOf(after, 'punchcard_http_requests_total', { route: '/mcp', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, 'punchcard_http_requests_total', { route: '/mcp', status: '401' })).toBe(1);
    expect(valueOf(after, 'punchcard_http_requests_total', { route: '/token', status: '200' })).toBe(1);
    expect(valueOf(after, 'punchcard_backend_requests_total', { backend: 'kimai', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(after, 'punchcard_sign_ins_total', { outcome: 'signed_in' })).toBe(1);
    expect(valueOf(after, 'punchcard_people_with_open_engine')).toBe(1);
    expect(valueOf(after, 'punchcard_kept_writes_waiting')).toBe(0);
    // The clock-in's audit record is in the store: nothing waits for it, on disk or in memory.
    expect(valueOf(after, 'punchcard_audit_records_waiting', { kept: 'spool' })).toBe(0);
    expect(valueOf(after, 'punchcard_audit_records_waiting', { kept: 'memory' })).toBe(0);
    expect(valueOf(after, 'punchcard_audit_records_given_up_total')).toBe(0);
    // The process's own, under Prometheus' usual names.
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Ready, as /readyz says; and the store's requests timed (the sign-in and the calls made some).
    expect(valueOf(after, 'punchcard_ready')).toBe(1);
    const store = after.find((family) => family.name === 'punchcard_store_request_duration_seconds');
    expect(store?.type).toBe('HISTOGRAM');
    expect(Number(store?.metrics[0]?.buckets?.['+Inf'])).toBeGreaterThanOrEqual(1);

    // The back end away: the answer comes as a status, and the limit per address refuses in the end.
    fake?.failNext({ path: '/api/timesheets/active' }, { status: 503, body: { message: 'down for maintenance' } });
    await ada.call('timer_status');
    let status = 0;
    for (let request = 0; request < 250 && status !== 429; request++) status = (await fetch(`${server.origin}/.well-known/oauth-protected-resource`)).status;
    expect(status).toBe(429);
    const refusedScrape = await scrape(metricsUrl);
    expect(valueOf(refusedScrape, 'punchcard_backend_requests_total', { backend: 'kimai', status: '503' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(refusedScrape, 'punchcard_rate_limit_refusals_total', { limit: 'address' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(refusedScrape, 'punchcard_http_requests_total', { route: '/.well-known/oauth-protected-resource', status: '429' })).toBeGreaterThanOrEqual(
      1,
    );
    await ada.close();
  });

  it('say the instance is not ready once it is shutting down, while a call still finishes', async () => {
    const { server, metricsUrl } = await kimaiServer();
    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    expect(valueOf(await scrape(metricsUrl), 'punchcard_ready')).toBe(1);
    // A call Kimai answers late keeps the server (and its metrics) up after SIGTERM until it is answered.
    const active = () => fake?.requests.filter((request) => request.path === '/api/timesheets/active').length ?? 0;
    const asked = active();
    fake?.failNext({ method: 'GET', path: '/api/timesheets/active' }, { late: true, delayMs: 3_000 });
    const slow = ada.call('timer_status');
    await expect.poll(active).toBe(asked + 1);
    const stopped = server.stop();
    await expect.poll(async () => valueOf(await scrape(metricsUrl), 'punchcard_ready')).toBe(0);
    expect(textOf(await slow)).toMatch(/^No timer running\./);
    expect(await stopped, server.stderr()).toBe(0);
    await ada.close();
  });

  it('count a call whose client went away while Kimai was slow as stopped (the request aborted it), and the next call is answered', async () => {
    const { server, metricsUrl } = await kimaiServer();
    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    const active = () => fake?.requests.filter((request) => request.path === '/api/timesheets/active').length ?? 0;
    const asked = active();
    fake?.failNext({ method: 'GET', path: '/api/timesheets/active' }, { late: true, delayMs: 5_000 });
    const gone = new AbortController();
    const call = ada.client.callTool({ name: 'timer_status', arguments: {} }, { signal: gone.signal }).then(
      () => 'answered',
      () => 'abandoned',
    );
    await expect.poll(active).toBe(asked + 1);
    gone.abort();
    expect(await call).toBe('abandoned');
    // Stopped well before Kimai's answer would have come: only the aborted request can have stopped it.
    await expect
      .poll(async () => valueOf(await scrape(metricsUrl), 'punchcard_tool_calls_total', { tool: 'timer_status', outcome: 'stopped' }), { timeout: 3_000 })
      .toBe(1);
    expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
    expect(valueOf(await scrape(metricsUrl), 'punchcard_tool_calls_total', { tool: 'timer_status', outcome: 'done' })).toBe(2);
    await ada.close();
  });

  it('count every request of a sign-in under its route’s label: none is "other"', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    const port = await freePort();
    const metricsPort = await freePort();
    const idp = await startIdentityProvider({
      accounts: [{ id: 'ada', email: 'ada@acme.example', emailVerified: true }],
      redirectUris: [`http://127.0.0.1:${port}/sign-in/callback`],
      tls: false,
    });
    try {
      const server = await startTeamServer({
        built: true,
        port,
        provider: { type: 'kimai', url: fake.url },
        signIn: { tracker: true, oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
        env: { PUNCHCARD_NOW: NOW, PUNCHCARD_OIDC_SECRET: idp.clientSecret },
        config: { metrics: { listen: `127.0.0.1:${metricsPort}` } },
      });
      servers.push(server);
      // An AI client's connection: the company's sign-in, then the Kimai token, then consent.
      const browser = new SignInBrowser(server.origin);
      const ada = await connectAs(server, { era: 'modern', browser, signIn: companySignIn(idp, 'ada', trackerSignIn(ADA.token)) });
      expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
      await ada.close();
      // The account page, from the server's own address, and its forms.
      const home = await browser.open('/');
      expect(home.url).toBe(`${server.origin}/account`);
      const account = await companySignIn(idp, 'ada')(browser, home);
      expect(account.html).toContain('Your Punchcard account');
      await browser.submit(account, '/account/sign-out');
      expect([(await fetch(`${server.origin}/healthz`)).status, (await fetch(`${server.origin}/readyz`)).status]).toEqual([200, 200]);

      const answers = (await scrape(`http://127.0.0.1:${metricsPort}/metrics`)).find((family) => family.name === 'punchcard_http_requests_total');
      const routes = new Set((answers?.metrics ?? []).map((sample) => sample.labels?.route));
      expect(routes).not.toContain('other');
      for (const route of routes) expect(ROUTE_LABELS).toContain(route);
      for (const route of [
        '/mcp',
        '/.well-known/oauth-protected-resource/mcp',
        '/.well-known/oauth-authorization-server',
        '/reg',
        '/auth',
        '/interaction/:uid',
        '/interaction/:uid/company',
        '/sign-in/callback',
        '/interaction/:uid/tracker',
        '/auth/:uid',
        '/interaction/:uid/consent',
        '/token',
        '/',
        '/account',
        '/account/company',
        '/account/sign-out',
        '/healthz',
        '/readyz',
      ])
        expect(routes, route).toContain(route);
    } finally {
      await idp.close();
    }
  });

  it('are served on their own address only: never on the one people reach, and off unless configured', async () => {
    const { server, metricsUrl } = await kimaiServer();
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
    expect(server.stderr()).toContain(`Metrics for Prometheus at ${metricsUrl}.`);
    // A request target no URL parses is answered, and counted, and neither listener falls over.
    for (const origin of [server.origin, new URL(metricsUrl).origin]) {
      const raw = new RawConnection(origin);
      await raw.connected;
      await raw.write('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      expect(await raw.response()).toBeGreaterThanOrEqual(400);
      raw.destroy();
    }
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    expect(valueOf(await scrape(metricsUrl), 'punchcard_http_requests_total', { route: 'other' })).toBeGreaterThanOrEqual(1);
    const plain = await startTeamServer({ built: true });
    servers.push(plain);
    expect(plain.stderr()).not.toContain('Metrics for Prometheus');
    expect((await fetch(`${plain.origin}/metrics`)).status).toBe(404);
  });

  it('refuse a metrics.listen on the public port, or not an address', async () => {
    const port = await freePort();
    const base = {
      public_url: `http://127.0.0.1:${port}`,
      listen: `127.0.0.1:${port}`,
      provider: { type: 'local' },
      sign_in: { development: true },
      store: 'sqlite:/tmp/never-made.db',
      key_env: 'KEY',
    };
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'punchcard-metrics-config-'));
    for (const [listen, said] of [
      [`0.0.0.0:${port}`, /metrics\.listen.*an address of its own, not the port people reach/],
      ['metrics.example.com', /metrics\.listen.*an address and port such as 127\.0\.0\.1:8787/],
    ] as const) {
      const file = join(dir, 'server.json');
      writeFileSync(file, JSON.stringify({ ...base, metrics: { listen } }));
      const result = await runTeamCli(['serve', '--config', file], { KEY: 'a'.repeat(43) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(said);
    }
  });

  it('show the PostgreSQL pool in use', async () => {
    const { server, metricsUrl } = await kimaiServer({ store: 'postgres' });
    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    await ada.call('timer_status');
    const scraped = await scrape(metricsUrl);
    expect(valueOf(scraped, 'punchcard_store_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(scraped, 'punchcard_store_pool_connections', { state: 'waiting' })).toBe(0);
    await ada.close();
  });
});
