// The team server's life as an administrator runs it: health and readiness for the load balancer,
// and a shutdown (SIGTERM, as systemd and container runtimes stop a service) that finishes the calls
// in flight before the process ends.
import { afterEach, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { connectAs, startTeamServer, stopAndRemoveServers, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, DEFAULT_USERS, type FakeKimai, type FakeUser, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const ADA = DEFAULT_USERS[0] as FakeUser;
let fake: FakeKimai | undefined;
let server: TeamServerHandle | undefined;

afterEach(async () => {
  await stopAndRemoveServers(server);
  await fake?.close();
  server = undefined;
  fake = undefined;
});

describe('the team server running', () => {
  it('answers health at once and readiness while its store answers', async () => {
    server = await startTeamServer({ built: true });
    const health = await fetch(`${server.origin}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    const ready = await fetch(`${server.origin}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
  });

  it('finishes a call in flight when told to stop, then exits cleanly', async () => {
    fake = await startFakeKimai({ now: clockStartingAt(NOW) });
    seedCatalog(fake);
    server = await startTeamServer({ built: true, provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } });
    const ada = await connectAs(server, { era: 'modern', signIn: trackerSignIn(ADA.token) });
    await ada.call('timer_status');
    // Kimai takes two seconds over the running timer; the stop comes in the middle.
    fake.failNext({ path: '/api/timesheets/active' }, { status: 200, body: [], delayMs: 2_000 });
    const inFlight = ada.call('timer_status');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = server.stop();
    const result = await inFlight;
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toMatch(/^No timer running\./);
    expect(await exited).toBe(0);
    expect(server.stderr()).toMatch(/SIGTERM: finishing the calls in flight/);
    await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();
  });
});
