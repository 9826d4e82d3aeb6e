// Waits a back end asks for that it cannot mean, through the engine in the test's process, on every remote back end (their
// loopback fakes): a Toggl Track 402 whose quota resets in 10^20 seconds, a Harvest 429 with Retry-After
// 99999999999999999999, the same on Calamari, Clockify, Kimai, Clockodo and Tempo Timesheets, and an HTTP date in the
// year 9999. Each is held to what the back end's limit can mean (Toggl's hour, Harvest's 15 seconds, Tempo's minute, a
// day anywhere else:
// providers/remote/asked-wait.ts) and said as the back end's own limit refusal, with a time that can be written,
// never as an internal failure ("Invalid time value"). No wait is begun: each is longer than the call may wait.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { untilQuiet } from '../../support/fake-server.ts';
import { DEFAULT_KEY as CALAMARI_KEY, quotaExceeded, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { SEED as CLOCKIFY_SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { ACME as HARVEST_ACME, ADA_TOKEN as HARVEST_TOKEN, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { seedAcme as seedHarvest } from '../providers/harvest/request-scenario.ts';
import { DEFAULT_USERS as KIMAI_USERS, rememberPlugin, seedCatalog as seedKimai, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { startFakeTempo } from '../providers/tempo/fake-tempo.ts';
import { ADA_TOKENS as TEMPO_TOKENS, seedAcme as seedTempo, tempoProvider } from '../providers/tempo/request-scenario.ts';
import { ADA_TOKEN as TOGGL_TOKEN, seedCatalog as seedToggl, seedWorld as seedTogglWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const opened = closeAfterEach();
/** 10:00 in Berlin: an hour on is 11:00, two minutes' room from either turn of the minute whatever the test takes. */
const NOW = '2026-11-18T10:00:00+01:00';
const ABSURD = '99999999999999999999';
const FAR_DATE = 'Fri, 31 Dec 9999 23:59:59 GMT';
const DAY_S = 24 * 3_600;
/** Shorter than any wait held to its limit here (Harvest's 15 seconds): a call answers at once, and the test waits for nothing. */
const CALL_MS = '10000';

interface Failing {
  failNext(match: { path: string | RegExp }, failure: { status: number; body?: unknown; raw?: string; headers?: Record<string, string> }): void;
  requests: readonly unknown[];
}

/** The engine on `settings`, asked once so what it learns at start is over before the failure is scripted. */
async function ready(fake: Failing, settings: Record<string, unknown>, env: Record<string, string>): Promise<InProcessEngineHandle> {
  const engine = opened(
    await startInProcessEngine({
      userDataDir: makeUserDataDir({ ...settings, timezone: 'Europe/Berlin' }),
      env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALL_TIMEOUT_MS: CALL_MS, ...env },
      args: ['--all-tools'],
    }),
  );
  expect((await engine.call('whoami')).isError).toBeFalsy();
  await untilQuiet(fake.requests);
  return engine;
}

describe("Toggl Track's quota said to reset in 10^20 seconds (402)", () => {
  it.each([
    ['its words', { raw: `You have hit your hourly limit for API calls. The quota will reset in ${ABSURD} seconds.\n`, headers: {} }],
    ['its headers alone', { raw: '', headers: { 'X-Toggl-Quota-Remaining': '0', 'X-Toggl-Quota-Resets-In': '1e20' } }],
  ])('in %s: the quota used up, resetting within the hour, at a time in the person’s zone', async (_form, said) => {
    const fake = opened(await startFakeToggl({ now: clockStartingAt(NOW) }));
    seedTogglWorld(fake);
    seedToggl(fake, { customer: 'Acme', projects: [{ name: 'Website' }], task: 'Development' });
    const engine = await ready(fake, { provider: { type: 'toggl', url: fake.url } }, { PUNCHCARD_TOGGL_TOKEN: TOGGL_TOKEN });
    fake.failNext({ path: /^\/api\/v9\/me/ }, { status: 402, raw: said.raw, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...said.headers } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toEqual({
      code: 'toggl_quota_used',
      facts: { quota: 'user', action: expect.any(String), resets_in_s: 3_600, resets_at: '11:00', sent: true },
    });
    expect(textOf(answer)).toMatch(/ It resets in 60 minutes, at 11:00; try again then\. Nothing was changed\.$/);
    // And nothing more is sent on that quota meanwhile, said with when, within the hour.
    const asked = fake.requests.length;
    const held = refusalOf(await engine.call('list_time_entries'));
    expect(held).toMatchObject({ code: 'toggl_quota_used', facts: { sent: false, resets_at: expect.stringMatching(/^1[01]:\d\d$/) } });
    expect(held?.facts.resets_in_s).toBeLessThanOrEqual(3_600);
    expect(fake.requests.length).toBe(asked);
  });
});

describe('Harvest asking to wait 99999999999999999999 seconds (429)', () => {
  it.each([ABSURD, FAR_DATE])('Retry-After: %s is its 15-second window, said with when to try again', async (retryAfter) => {
    const fake = opened(await startFakeHarvest({ now: clockStartingAt(NOW) }));
    seedHarvest(fake, 'durations');
    const engine = await ready(
      fake,
      { provider: { type: 'harvest', url: fake.url, account_id: String(HARVEST_ACME) } },
      { PUNCHCARD_HARVEST_TOKEN: HARVEST_TOKEN },
    );
    fake.failNext({ path: /^\/v2\// }, { status: 429, body: { message: 'Too Many Requests' }, headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({ code: 'harvest_rate_limited', facts: { retry_after_s: 15, at: '10:00' } });
    expect(textOf(answer)).toMatch(/ again in 15 seconds, at 10:00\.$/);
  });
});

describe('Tempo Timesheets asking to wait 99999999999999999999 seconds (429)', () => {
  it.each([ABSURD, FAR_DATE])("Retry-After: %s is a minute at most, as its limit counts a second, said with Tempo's words", async (retryAfter) => {
    const fake = opened(await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null }));
    seedTempo(fake);
    const tempo: Failing = { requests: fake.requests, failNext: (match, failure) => fake.failNext('tempo', match, failure) };
    const engine = await ready(tempo, { provider: tempoProvider(fake) }, { ...TEMPO_TOKENS, PUNCHCARD_TEMPO_PER_SECOND: '1000' });
    fake.failNext('tempo', { path: /./ }, { status: 429, body: { errors: [{ message: 'Rate limit exceeded' }] }, headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({ code: 'tempo_rate_limited', facts: { retry_after_s: 60 } });
    expect(textOf(answer)).toMatch(/ again in 60 seconds/);
  });
});

describe('a day at most, on the back ends whose limits say no shorter window', () => {
  it.each([ABSURD, FAR_DATE])('Calamari (Retry-After: %s): every request held back a day, said with when', async (retryAfter) => {
    const fake = opened(await startFakeCalamari());
    seedOrganisation(fake);
    const engine = await ready(fake, { provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' } }, { PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY });
    const failure = quotaExceeded(1, 'second');
    fake.failNext({ path: /./ }, { ...failure, status: 429, headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect(refusalOf(answer)).toMatchObject({ code: 'remote_held_back', facts: { window: 'second', left_s: DAY_S, cannot_wait: false } });
    expect(textOf(answer)).toMatch(/ sends Calamari nothing until \S+\. Try again then, in 24 hours\.$/);
  });

  it.each([ABSURD, FAR_DATE])('Clockify (Retry-After: %s)', async (retryAfter) => {
    const fake = opened(await startFakeClockify());
    seedWorkspace(fake);
    const key = fake.state.users.find((user) => user.id === CLOCKIFY_SEED.users.ada)?.key as string;
    const engine = await ready(fake, { provider: { type: 'clockify', url: fake.url } }, { PUNCHCARD_CLOCKIFY_TOKEN: key });
    fake.failNext({ path: /./ }, { status: 429, body: { message: 'Too many requests', code: 429 }, headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({ code: 'clockify_rate_limited', facts: { retry_after_s: DAY_S } });
    expect(textOf(answer)).toMatch(/ again in 24 hours\.$/);
  });

  it.each([ABSURD, FAR_DATE])('Kimai behind a proxy (Retry-After: %s)', async (retryAfter) => {
    const fake = opened(await startFakeKimai());
    seedKimai(fake);
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url }, timezone: 'Europe/Berlin' });
    rememberPlugin(dir, fake.url, true);
    const engine = opened(
      await startInProcessEngine({
        userDataDir: dir,
        env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALL_TIMEOUT_MS: CALL_MS, PUNCHCARD_KIMAI_TOKEN: KIMAI_USERS[0]?.token as string },
      }),
    );
    expect((await engine.call('whoami')).isError).toBeFalsy();
    await untilQuiet(fake.requests);
    fake.failNext({ path: /./ }, { status: 429, raw: 'Too Many Requests', headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({ code: 'remote_rate_limited', facts: { service: 'Kimai', retry_after_s: DAY_S } });
    expect(textOf(answer)).toMatch(/ again in 24 hours\.$/);
  });

  it.each([ABSURD, FAR_DATE])('Clockodo (Retry-After: %s)', async (retryAfter) => {
    const ada = CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number];
    const fake = opened(await startFakeClockodo());
    seedCompany(fake);
    const engine = await ready(fake, { provider: { type: 'clockodo', email: ada.email, url: fake.url } }, { PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey });
    fake.failNext({ path: /./ }, { status: 429, body: { error: { message: 'Too many requests' } }, headers: { 'Retry-After': retryAfter } });
    const answer = await engine.call('timer_status');
    expect(refusalOf(answer)).toMatchObject({ code: 'remote_rate_limited', facts: { service: 'Clockodo', retry_after_s: DAY_S } });
    expect(textOf(answer)).toMatch(/ again in 24 hours\.$/);
  });
});
