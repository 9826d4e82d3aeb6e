// Calamari's refusals for the organisation's limit (429), on a computer: the engine in process and a
// second engine of its own (the bundle) on the same data folder, as the app's engine and an AI
// client's are, sharing the limits file. Calamari's 429 says which limit is used up (its body counts
// the second, the hour and the day: fake-calamari.ts, quotaExceeded): a second's is waited out and
// the call goes on; an hour's or a day's holds every process back until it lifts, and the sentence
// says when, in the person's zone with its offset; a Retry-After is honoured; a wait never runs past
// the call's deadline; a 429 that names no limit is waited out a second once, and refused again holds
// a few seconds only, said at once to the calls that meet it rather than waited out; and a hold never
// hides another failure's own sentence. The engine in process
// holds and waits on a wall clock of the test's own (fake-clock.ts), which a wait moves on at once and
// which stands where the test puts it in the hour; the other process keeps the system's.
import { afterAll, describe, expect, it } from 'vitest';
import type { WallClock } from '../../../mcp-server/clock.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type EngineHandle, makeUserDataDir, refusalOf, startEngine, startInProcessEngine, textOf } from '../../support/engine.ts';
import { type WaitingClock, waitingClockAt } from '../../support/fake-clock.ts';
import { REFUSED_AGAIN_HOLD_MS } from '../../../mcp-server/providers/remote/organisation-limit.ts';
import { DEFAULT_KEY, type FakeCalamari, type Failure, quotaExceeded, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';

const opened = closeAfterEach();
const fakes: FakeCalamari[] = [];
const FIND = '/api/clockin/timesheetentries/v1/find';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The person's zone in the settings: not the test machine's, and half an hour off UTC's hours. */
const ZONE = 'Asia/Kolkata';

afterAll(() => {
  // Whatever was refused, nobody but the configured person was named.
  const named = new Set(fakes.flatMap((fake) => fake.requests.flatMap((request) => request.persons.map((person) => person.toLowerCase()))));
  expect([...named].filter((person) => person !== 'ada@acme.example')).toEqual([]);
});

/** The test's wall clock, standing at this moment: its waits cost no time. */
const clockFromNow = (): WaitingClock => waitingClockAt(new Date().toISOString());

/**
 * An engine in this process on Calamari, its organisation's limit held on `wallClock` (the system's
 * where none is given: a test with another process, which has no other, keeps it).
 */
async function calamariEngine(env: Record<string, string> = {}, wallClock?: WallClock) {
  const fake = opened(await startFakeCalamari());
  fakes.push(fake);
  seedOrganisation(fake);
  const dir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' }, timezone: ZONE });
  const engine = opened(
    await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, ...env }, ...(wallClock ? { wallClock } : {}) }),
  );
  // The person and the modules are known: each call below costs one listing of the shifts.
  expect((await engine.call('timer_status')).isError).toBeFalsy();
  return { fake, engine, dir };
}

/** Another process on the same data folder (an AI client's engine), ready. */
async function otherProcess(dir: string, env: Record<string, string> = {}): Promise<EngineHandle> {
  const other = opened(await startEngine({ userDataDir: dir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, ...env } }));
  expect((await other.call('timer_status')).isError).toBeFalsy();
  return other;
}

let day = 0;
/** A listing of a day not asked about before in the test file: one request to Calamari's shifts. */
const listing = () => {
  day++;
  const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
  return { from: date, to: date };
};
const findsSince = (fake: FakeCalamari, from: number) => fake.requests.slice(from).filter((request) => request.path === FIND);

/** The instant a held-back sentence names, after checking it is written in the person's zone with its offset. */
function liftsAt(text: string): number {
  const match = /until (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30)\b/.exec(text);
  expect(match, text).not.toBeNull();
  return Date.parse(match?.[1] as string);
}

describe("a per-second refusal (429 with the second's count past its limit)", () => {
  it('is waited out, a second, and the call goes on: then the next calls are sent as ever', async () => {
    const clock = clockFromNow();
    const { fake, engine } = await calamariEngine({}, clock);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'second'));
    const result = await engine.call('list_time_entries', listing());
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(findsSince(fake, before).map((request) => request.status)).toEqual([429, 200]);
    expect(clock.waits).toEqual([1_000]);
    // Nothing holds the computer back afterwards: the next call goes out at once.
    const next = await engine.call('list_time_entries', listing());
    expect(next.isError, textOf(next)).toBeFalsy();
    expect(findsSince(fake, before).map((request) => request.status)).toEqual([429, 200, 200]);
    expect(clock.waits).toEqual([1_000]);
  });

  it('refused again on the one retry: said as a limit of a second, with when, and the call does not hang on', async () => {
    const { fake, engine } = await calamariEngine({}, clockFromNow());
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(2, 'second'));
    const result = await engine.call('list_time_entries', listing());
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Calamari's limit of requests a second for your organisation is used up \(429: [^)]*11\/10 per second\) trying to read your shifts\. Try again in a moment/,
    );
    expect(findsSince(fake, before)).toHaveLength(2);
  });
});

describe('an hour or a day used up', () => {
  it.each<['an hour' | 'a day', number, RegExp]>([
    [
      'an hour',
      HOUR,
      // The other process counts from the system's clock, up to two hours before the lift: at the
      // turn of an hour that is said in hours.
      /^Calamari's limit of requests an hour for your organisation is used up \(429\), so Punchcard on this computer sends Calamari nothing until \S+\. Try again then, (in a minute|in \d+ minutes|in 2 hours)\.$/,
    ],
    [
      'a day',
      DAY,
      /^Calamari's limit of requests a day for your organisation is used up \(429\), so Punchcard on this computer sends Calamari nothing until \S+\. Try again then, (in a minute|in \d+ minutes|in \d+ hours)\.$/,
    ],
  ])("%s: every process on the data folder holds until it lifts, and says when in the person's zone", async (limit, windowMs, sentence) => {
    // Twenty minutes into the clock hour after next, whenever the test runs: away from an hour's turn
    // (where a refusal holds a minute: organisation-limit.ts, TURN_MS), and ahead of the system's
    // clock, so the hold is still to come for the other process, which keeps that one.
    const at = Math.floor(Date.now() / HOUR) * HOUR + HOUR + 20 * 60_000;
    const clock = waitingClockAt(new Date(at).toISOString());
    const { fake, engine, dir } = await calamariEngine({}, clock);
    const other = await otherProcess(dir);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, limit === 'an hour' ? 'hour' : 'day'));
    const refused = textOf(await engine.call('list_time_entries', listing()));
    expect(refused).toMatch(sentence);
    // Until the end of the clock hour (or the UTC day) Punchcard counts by, as Calamari's hour and day are.
    const lifts = liftsAt(refused);
    expect(lifts).toBe(at - (at % windowMs) + windowMs);
    if (limit === 'an hour') expect(refused).toMatch(/ in 40 minutes\.$/);
    // Not tried again blindly, and nothing more goes out from either process while it holds.
    for (const process of [engine, other, engine]) {
      const held = await process.call('list_time_entries', listing());
      expect(textOf(held)).toMatch(sentence);
      expect(refusalOf(held)?.code).toBe('remote_held_back');
      expect(liftsAt(textOf(held))).toBe(lifts);
    }
    expect(findsSince(fake, before)).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });
});

describe('Retry-After, where Calamari sends one', () => {
  it('a short one is waited out, however long the hour is used up for, and the call goes on', async () => {
    const clock = clockFromNow();
    const { fake, engine } = await calamariEngine({}, clock);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'hour', 2));
    const result = await engine.call('list_time_entries', listing());
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(findsSince(fake, before).map((request) => request.status)).toEqual([429, 200]);
    expect(clock.waits).toEqual([2_000]);
  });

  it('a long one holds every process until then, even for a second used up, and says when', async () => {
    const { fake, engine, dir } = await calamariEngine();
    const other = await otherProcess(dir);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'second', 1_200));
    const from = Date.now();
    const refused = textOf(await engine.call('list_time_entries', listing()));
    const to = Date.now();
    expect(refused).toMatch(
      /^Calamari's limit of requests a second for your organisation is used up \(429\), so Punchcard on this computer sends Calamari nothing until \S+\. Try again then, in 20 minutes\.$/,
    );
    const lifts = liftsAt(refused);
    // In whole seconds, rounded up.
    expect(lifts).toBeGreaterThanOrEqual(from + 1_200_000);
    expect(lifts).toBeLessThanOrEqual(to + 1_200_000 + 1_000);
    expect(liftsAt(textOf(await other.call('list_time_entries', listing())))).toBe(lifts);
    expect(findsSince(fake, before)).toHaveLength(1);
  });

  it('one longer than the call has left is not waited for, and the sentence says so, with when', async () => {
    const clock = clockFromNow();
    const { fake, engine } = await calamariEngine({ PUNCHCARD_CALL_TIMEOUT_MS: '3000' }, clock);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(1, 'hour', 8));
    const result = await engine.call('list_time_entries', listing());
    expect(textOf(result)).toMatch(
      /^Calamari's limit of requests an hour for your organisation is used up \(429\) until \S+, longer than this call may still take, so Punchcard did not wait for it\. Try again then\.$/,
    );
    liftsAt(textOf(result));
    // Answered at once, with nothing waited for.
    expect(clock.waits).toEqual([]);
    expect(findsSince(fake, before)).toHaveLength(1);
  });
});

/** Failures of other kinds, each with its own sentence. */
const failures: Array<[string, Failure, RegExp]> = [
  [
    'a 500',
    { status: 500, body: { message: 'Internal error', code: 'INTERNAL_SERVER_ERROR' } },
    /^Calamari had an internal error \(500\) trying to read your shifts\. Try again later\.$/,
  ],
  ['a malformed body', { status: 200, raw: '[{"id": 1,' }, /that is not Calamari's JSON API/],
  ['a time-out', { status: 200, body: [], delayMs: 3_000 }, /^Calamari at 127\.0\.0\.1:\d+ did not answer within 1\.5 s trying to read your shifts\. /],
];

describe('a 429 that names no limit (no counts, no Retry-After): most likely the second’s', () => {
  it('is waited out a second, once within the call; refused again, the call says so, the grown hold is said at once, and then the next calls ask again, each failure in its own words', async () => {
    const clock = clockFromNow();
    const { fake, engine } = await calamariEngine({ PUNCHCARD_CALAMARI_TIMEOUT_MS: '1500' }, clock);
    const before = fake.requests.length;
    fake.failNext({ path: FIND }, quotaExceeded(2, null));
    const refused = await engine.call('list_time_entries', listing());
    expect(refusalOf(refused)?.code).toBe('calamari_rate_limited');
    expect(textOf(refused)).toMatch(
      /^Calamari's request limit for your organisation is used up for now \(429\) trying to read your shifts\. Try again in a moment; /,
    );
    expect(findsSince(fake, before).map((request) => request.status)).toEqual([429, 429]);
    expect(clock.waits).toEqual([1_000]);
    // The hold it asked for is a few seconds, grown from the first: a call that meets it is told at once
    // when to try again, sending nothing, rather than waiting it out only to be refused again.
    const held = await engine.call('list_time_entries', listing());
    expect(refusalOf(held)).toMatchObject({ code: 'remote_held_back', facts: { window: null, left_s: REFUSED_AGAIN_HOLD_MS / 1_000, cannot_wait: false } });
    expect(textOf(held)).toMatch(
      /^Calamari refused a request for your organisation's limit \(429\), so Punchcard on this computer sends Calamari nothing until \S+\. Try again then, in a minute\.$/,
    );
    expect(findsSince(fake, before)).toHaveLength(2);
    expect(clock.waits).toEqual([1_000]);
    // Come back then: the next calls fail for their own reasons.
    clock.moveTo(liftsAt(textOf(held)));
    for (const [, failure, sentence] of failures) {
      fake.failNext({ path: FIND }, failure);
      const result = await engine.call('list_time_entries', listing());
      expect(textOf(result)).toMatch(sentence);
      expect(refusalOf(result)?.code).not.toBe('remote_held_back');
    }
    // The second, once, and nothing after.
    expect(clock.waits).toEqual([1_000]);
    // And then it works.
    expect((await engine.call('list_time_entries', listing())).isError).toBeFalsy();
    expect(findsSince(fake, before)).toHaveLength(2 + failures.length + 1);
  });
});

describe("a hold never hides another failure's own sentence", () => {
  it.each(failures)('%s on the request sent again after a per-second refusal', async (_name, failure, sentence) => {
    const { fake, engine } = await calamariEngine({ PUNCHCARD_CALAMARI_TIMEOUT_MS: '1500' }, clockFromNow());
    fake.failNext({ path: FIND }, quotaExceeded(1, 'second'));
    fake.failNext({ path: FIND }, failure);
    expect(textOf(await engine.call('list_time_entries', listing()))).toMatch(sentence);
  });

  it.each(failures)("%s in another process's call right after this one's per-second refusal", async (_name, failure, sentence) => {
    const { fake, engine, dir } = await calamariEngine({ PUNCHCARD_CALAMARI_TIMEOUT_MS: '1500' });
    const other = await otherProcess(dir, { PUNCHCARD_CALAMARI_TIMEOUT_MS: '1500' });
    fake.failNext({ path: FIND }, quotaExceeded(1, 'second'));
    const first = await engine.call('list_time_entries', listing());
    fake.failNext({ path: FIND }, failure);
    expect(textOf(await other.call('list_time_entries', listing()))).toMatch(sentence);
    expect(first.isError, textOf(first)).toBeFalsy();
    // And this process's next call fails for its own reason too.
    fake.failNext({ path: FIND }, failure);
    expect(textOf(await engine.call('list_time_entries', listing()))).toMatch(sentence);
  });
});
