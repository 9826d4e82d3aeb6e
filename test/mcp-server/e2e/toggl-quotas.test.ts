// Toggl Track's hourly quotas and failures in words (docs/back-ends/toggl.md, "Quotas", "Errors"): a 402 says when the
// quota resets in the person's time, whichever way Toggl words it (its sentence, a JSON string, headers alone), and
// nothing more is sent on that quota until then; a 402 of a paid plan's feature says that instead; a token Toggl does
// not take (403, empty body) is said as such; whether /me/time_entries counts on the person's quota or the
// organisation's, the calls survive both; a running entry's time comes from its start in both forms of duration.
import { afterEach, describe, expect, it } from 'vitest';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_TOKEN, addEntry, type FakeToggl, type FakeTogglOptions, SEED, seedCatalog, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function start(
  options: FakeTogglOptions = {},
  token = ADA_TOKEN,
): Promise<{ fake: FakeToggl; engine: InProcessEngineHandle; ids: Record<string, number> }> {
  const fake = await startFakeToggl({ now: clockStartingAt(NOW), ...options });
  open.push(fake);
  seedWorld(fake);
  const ids = seedCatalog(fake, { customer: 'Acme', projects: [{ name: 'Website' }], task: 'Development' });
  const userDataDir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin' });
  const engine = await startInProcessEngine({ userDataDir, args: ['--all-tools'], env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: token } });
  open.push(engine);
  return { fake, engine, ids };
}

/**
 * The person's own quota used up at 10:00 Berlin, its window begun 34½ minutes before: it resets at 10:25:30, in 26
 * minutes (half a minute from any boundary, so the clocks running on do not move the words).
 */
function useUpUserQuota(fake: FakeToggl): void {
  fake.counted.set(`user ${SEED.users.ada}`, { since: Date.parse(NOW) - 34.5 * 60_000, count: 30 });
}

describe('a used-up hourly quota on Toggl Track (402)', () => {
  it.each([['words'], ['json'], ['empty']] as const)('says when it resets, in the person’s time, from a body of %s', async (quotaBody) => {
    const { fake, engine } = await start({ quotaBody, quotaHeaders: quotaBody === 'empty' });
    useUpUserQuota(fake);
    const answer = await engine.call('timer_status');
    const refusal = refusalOf(answer);
    expect(refusal?.code).toBe('toggl_quota_used');
    expect(refusal?.facts).toMatchObject({ quota: 'user', sent: true, resets_at: '10:25' });
    expect(answer.content?.[0]).toMatchObject({ text: expect.stringContaining('It resets in 26 minutes, at 10:25') });
  });

  it('sends nothing more on that quota until it resets, and says so', async () => {
    const { fake, engine } = await start();
    useUpUserQuota(fake);
    await engine.call('timer_status');
    const asked = fake.requests.length;
    const again = await engine.call('list_time_entries');
    expect(fake.requests.length).toBe(asked);
    expect(refusalOf(again)).toMatchObject({ code: 'toggl_quota_used', facts: { sent: false, resets_at: '10:25' } });
  });

  it('without the quota headers nor the seconds, says the hour', async () => {
    const { fake, engine } = await start({ quotaBody: 'empty', quotaHeaders: false });
    useUpUserQuota(fake);
    const refusal = refusalOf(await engine.call('timer_status'));
    expect(refusal).toMatchObject({ code: 'toggl_quota_used', facts: { resets_in_s: null, resets_at: null } });
  });

  it("survives /me/time_entries counting on the organisation's quota: the person's own is then /me alone", async () => {
    const { fake, engine } = await start({ meEntriesOnUserQuota: false });
    const status = await engine.call('timer_status');
    expect(status.isError).toBeFalsy();
    expect([...fake.counted.keys()].sort()).toEqual([`organisation ${SEED.organisation} user ${SEED.users.ada}`, `user ${SEED.users.ada}`]);
    expect(fake.counted.get(`user ${SEED.users.ada}`)?.count).toBe(1);
  });

  it("a Free organisation's quota used up refuses a write in words, nothing made", async () => {
    const { fake, engine } = await start();
    await engine.call('list_catalog');
    fake.counted.set(`organisation ${SEED.organisation} user ${SEED.users.ada}`, { since: Date.parse(NOW) - 49.5 * 60_000, count: 30 });
    const answer = await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website' });
    expect(refusalOf(answer)).toMatchObject({ code: 'toggl_quota_used', facts: { quota: 'organisation', resets_at: '10:10' } });
    expect(fake.state.entries).toHaveLength(0);
  });
});

describe("Toggl Track's other failures in words", () => {
  it("a paid plan's feature (402 with its words) is said as the plan's, not as a quota", async () => {
    const { fake, engine } = await start();
    fake.failures.add(
      { method: 'POST', path: /\/time_entries$/ },
      { status: 402, raw: 'Billable is a premium feature\n', headers: { 'Content-Type': 'text/plain' } },
    );
    const refusal = refusalOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website' }));
    expect(refusal).toMatchObject({ code: 'toggl_premium_feature', facts: { message: 'Billable is a premium feature' } });
  });

  it('a token Toggl does not take (403, empty body) is said as the token, and never shown', async () => {
    const { engine } = await start({}, 'not-a-token-of-anyones-0000000');
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)?.code).toBe('toggl_token_refused');
    expect(JSON.stringify(answer)).not.toContain('not-a-token-of-anyones');
  });

  it('a plain-text refusal and a JSON-quoted one are both quoted', async () => {
    for (const errorBodies of ['text', 'json'] as const) {
      const { fake, engine, ids } = await start({ errorBodies });
      fake.failures.add(
        { method: 'POST', path: /\/time_entries$/ },
        errorBodies === 'text' ? { status: 400, raw: 'Invalid start date\n' } : { status: 400, body: 'Invalid start date' },
      );
      const refusal = refusalOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', project: 'Website' }));
      expect(refusal, String(ids.Website)).toMatchObject({ code: 'toggl_refused', facts: { message: 'Invalid start date' } });
    }
  });

  it('a Toggl that lists entries only about three months back: every everyday call is served, an older range is said in its words', async () => {
    const { fake, engine } = await start({ entriesReachDays: 92 });
    // The recent listing (six weeks back, the rest of this week) is inside the reach: the everyday calls never meet it.
    for (const [tool, args] of [
      ['timer_status', {}],
      ['time_report', {}],
      ['list_time_entries', { from: '2026-10-19', to: 'today' }],
      ['log_time', { date: 'yesterday', duration: '1h', project: 'Website' }],
    ] as const) {
      const result = await engine.call(tool, args);
      expect(result.isError, `${tool}: ${JSON.stringify(result.content)}`).toBeFalsy();
    }
    const before = fake.requests.length;
    const older = await engine.call('time_report', { from: '2026-01-01', to: '2026-03-31' });
    expect(refusalOf(older)).toMatchObject({ code: 'toggl_refused', facts: { message: 'start_date must not be earlier than 2026-08-18' } });
    expect(fake.requests.slice(before)).toHaveLength(1);
  });

  it("/me's answer carries the token: nothing of it reaches an answer or the log", async () => {
    const { engine } = await start();
    const who = await engine.call('whoami');
    expect(JSON.stringify(who)).not.toContain(ADA_TOKEN);
    expect(engine.stderr()).not.toContain(ADA_TOKEN);
  });
});

describe("what Toggl Track's workspace requires, said before anything is sent", () => {
  it('a required project and the lock of older entries', async () => {
    const { fake, engine } = await start();
    const [acme] = fake.state.workspaces;
    if (!acme) throw new Error('The fake has no Acme.');
    acme.constraints = { project: true, description: false, tag: false, task: false };
    acme.lockedAt = '2026-11-16T00:00:00Z';
    const noProject = refusalOf(await engine.call('log_time', { date: 'yesterday', duration: '1h', description: 'Reading' }));
    expect(noProject).toMatchObject({ code: 'toggl_required', facts: { missing: 'project', examples: ['Website'] } });
    const locked = refusalOf(await engine.call('log_time', { date: '2026-11-13', duration: '1h', project: 'Website' }));
    expect(locked).toMatchObject({ code: 'toggl_period_locked', facts: { before: '2026-11-16', verb: 'log' } });
    expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});

describe("a running entry's time on Toggl Track comes from its start", () => {
  it.each([['minus_one'], ['epoch']] as const)('with a duration of the %s form', async (runningDuration) => {
    const { fake, engine, ids } = await start({ runningDuration });
    addEntry(fake, { userId: SEED.users.ada, start: Date.parse(NOW) - 90 * 60_000, projectId: ids.Website ?? null, description: 'Running' });
    const status = await engine.call('timer_status');
    const running = (status.structuredContent as { running?: { start: string; elapsed_minutes?: number } }).running;
    expect(running?.start).toBe('2026-11-18T08:30:00+01:00');
    expect(JSON.stringify(status.structuredContent)).toMatch(/"today_minutes":9\d/);
  });
});
