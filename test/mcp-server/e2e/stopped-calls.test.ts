// A call that must end before its work is done, with the SDK's client in both protocol eras: the
// client cancels it (notifications/cancelled, through the built server over stdio), or its deadline
// passes while a back end answers slowly (the engine in the test's process: the deadline is its own). Either way the engine stops asking the back end at once
// (what is in flight is hung up, nothing new is sent), a passed deadline is answered in words that
// say what was and was not changed, and the server keeps serving.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { type Era, type EngineWhere, makeUserDataDir, openEngine, textOf } from '../../support/engine.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;
const opened = closeAfterEach();

async function kimaiEngine(era: Era, where: EngineWhere, env: Record<string, string> = {}) {
  const fake = opened(await startFakeKimai());
  seedCatalog(fake);
  const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
  // Nothing left to find out in the background: every request the fake sees is the call's.
  rememberPlugin(dir, fake.url, true);
  const engine = opened(await openEngine(where, { era, userDataDir: dir, env: { PUNCHCARD_KIMAI_TOKEN: ADA.token, ...env }, args: ['--all-tools'] }));
  expect((await engine.call('whoami')).isError).toBeFalsy();
  return { fake, engine };
}

/** Every page of timesheets slow, thirty of them: a week's report then takes seconds of requests. */
function slowPages(fake: FakeKimai, delayMs: number): void {
  fake.failNext({ path: '/api/timesheets' }, { status: 200, body: [], headers: { 'X-Total-Pages': '30', 'X-Total-Count': '15000' }, delayMs, times: 1_000 });
}

/**
 * Thirty pages of timesheets: the first four answered at once, every later one held for longer than the
 * test lasts, so a call cancelled in the middle has requests in flight however slow the machine is.
 */
function heldPages(fake: FakeKimai): void {
  const page = { status: 200, body: [], headers: { 'X-Total-Pages': '30', 'X-Total-Count': '15000' } };
  fake.failNext({ path: '/api/timesheets' }, { ...page, times: 4 });
  fake.failNext({ path: '/api/timesheets' }, { ...page, delayMs: 120_000, times: 1_000 });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(['legacy', 'modern'] as const)('%s era', (era) => {
  it('a cancelled call stops asking the back end: what was in flight is hung up, and nothing is sent after', async () => {
    // The cancellation over the pipe, as a client sends it to the built server.
    const { fake, engine } = await kimaiEngine(era, 'bundle');
    heldPages(fake);
    const before = fake.requests.length;
    const inFlight = () => fake.requests.slice(before).filter((request) => request.path === '/api/timesheets' && request.status === 0);
    const cancel = new AbortController();
    const call = engine.client.callTool({ name: 'time_report', arguments: {} }, { signal: cancel.signal }).catch((error: unknown) => error);
    // Pages answered, and the next ones held: the call is in the middle of its pages.
    await expect.poll(() => inFlight().length).toBeGreaterThan(0);
    cancel.abort('The person pressed stop.');
    expect(await call).toBeInstanceOf(Error);
    // The cancellation reaches the engine (over stdio too), which hangs up on what it had in flight.
    const held = inFlight();
    await expect.poll(() => held.every((request) => request.hungUp === true)).toBe(true);
    const atCancel = fake.requests.slice(before);
    // The thirty pages were not all asked for.
    expect(atCancel.filter((request) => request.path === '/api/timesheets').length).toBeLessThan(30);
    // Long enough for more pages, had the call gone on asking once its requests were hung up.
    await pause(3_000);
    expect(fake.requests.slice(before)).toHaveLength(atCancel.length);
    for (const request of held) expect(request.status).toBe(0);
    expect(engine.stderr()).toContain('The client cancelled time_report, so Punchcard stopped it and its requests to Kimai. Nothing was changed.');
    // And it goes on serving (whoami: the timer's read would meet the held pages).
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it('slow answers: a read ends at the call deadline, in words, with nothing sent after it', async () => {
    const { fake, engine } = await kimaiEngine(era, 'in process', { PUNCHCARD_CALL_TIMEOUT_MS: '2000' });
    slowPages(fake, 1_500);
    const before = fake.requests.length;
    const result = await engine.call('time_report', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'time_report took longer than 2 s, so Punchcard stopped it and its requests to Kimai (it may be overloaded or unreachable; try again later, or ask for less at once). Nothing was changed.',
    );
    await untilQuiet(fake.requests);
    const atDeadline = fake.requests.length;
    // Two more rounds of pages, had the call gone on asking.
    await pause(3_000);
    expect(fake.requests.length).toBe(atDeadline);
    expect(fake.requests.length - before).toBeLessThan(30);
    expect((await engine.call('whoami')).isError).toBeFalsy();
  });

  it('a write whose answer does not come before the deadline: said to be sent without an answer, to check before repeating', async () => {
    const { fake, engine } = await kimaiEngine(era, 'in process', { PUNCHCARD_CALL_TIMEOUT_MS: '2000' });
    fake.failNext({ method: 'POST', path: '/api/timesheets' }, { status: 200, body: {}, delayMs: 5_000 });
    const result = await engine.call('clock_in', { project: 'Website', activity: 'Design' });
    expect(textOf(result)).toBe(
      'clock_in took longer than 2 s, so Punchcard stopped it and its requests to Kimai (it may be overloaded or unreachable; try again later, or ask for less at once). ' +
        'Sent without an answer, so it may or may not have happened (check before repeating it): start the timer. Nothing else was changed.',
    );
    expect(fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
