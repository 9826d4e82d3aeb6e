// The limits counted for every request on the team server (team-server/http/rate-limits.ts), with two
// counters on one real SQLite store, as two instances share one: each counts at once, learns what
// the other counted from a flush, says when to come back, and forgets a window once it has ended.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestLimits, reserveLimit } from '../../../team-server/http/rate-limits.ts';
import { type Store } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 24, 9, 0, 10);
const perAddress = (address: string, max = 5) => ({ key: `address:${address}`, max, windowMs: MINUTE });

let folder: string;
let store: Store;
let now: number;
const said: string[] = [];
const counters: RequestLimits[] = [];

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-limits-'));
  now = START;
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: () => now, env: {} });
});
afterEach(async () => {
  for (const counter of counters.splice(0)) await counter.close();
  said.splice(0);
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

function counter(): RequestLimits {
  const made = new RequestLimits(
    store,
    () => now,
    (line) => said.push(line),
  );
  counters.push(made);
  return made;
}

it('refuses the request past the limit with the seconds left in the window', () => {
  const limits = counter();
  for (let request = 0; request < 5; request++) expect(limits.spend(perAddress('203.0.113.7'))).toEqual({ allowed: true });
  expect(limits.spend(perAddress('203.0.113.7'))).toEqual({ allowed: false, retryAfterSeconds: 50 });
  expect(limits.spend(perAddress('203.0.113.8'))).toEqual({ allowed: true });
});

it('counts the messages of a batch at once, granting the first ones that fit, and tells the store all of them', async () => {
  const [limits, other] = [counter(), counter()];
  const person = { key: 'person:ada', max: 10, windowMs: MINUTE };
  for (let request = 0; request < 3; request++) limits.spend(person);
  expect(limits.spendMany(person, 11)).toEqual({ granted: 7, retryAfterSeconds: 50 });
  // Spent past the limit: nothing more fits, and a request is refused as before.
  expect(limits.spendMany(person, 2)).toEqual({ granted: 0, retryAfterSeconds: 50 });
  expect(limits.spend(person)).toEqual({ allowed: false, retryAfterSeconds: 50 });
  // Another instance, which counted one of its own, learns of them all at its flush.
  expect(other.spend(person)).toEqual({ allowed: true });
  await limits.flush();
  await other.flush();
  expect(other.spendMany(person, 1)).toEqual({ granted: 0, retryAfterSeconds: 50 });
  now += MINUTE;
  expect(limits.spendMany(person, 4)).toEqual({ granted: 4, retryAfterSeconds: 50 });
});

it('counts what another instance counted once both have flushed', async () => {
  const [first, second] = [counter(), counter()];
  for (let request = 0; request < 3; request++) first.spend(perAddress('203.0.113.7'));
  second.spend(perAddress('203.0.113.7'));
  await first.flush();
  await second.flush();
  // The second learned the first's three beside its own one: a fifth is the last allowed.
  expect(second.spend(perAddress('203.0.113.7'))).toEqual({ allowed: true });
  expect(second.spend(perAddress('203.0.113.7'))).toMatchObject({ allowed: false });
});

it('tells the store every window of a flush, many at once, and starts afresh in a new window', async () => {
  const [first, second] = [counter(), counter()];
  for (let address = 0; address < 100; address++) first.spend(perAddress(`198.51.100.${address}`, 1));
  await first.flush();
  for (let address = 0; address < 100; address++) expect(second.spend(perAddress(`198.51.100.${address}`, 1))).toMatchObject({ allowed: true });
  await second.flush();
  await first.flush();
  expect(first.spend(perAddress('198.51.100.42', 1))).toMatchObject({ allowed: false });
  now += MINUTE;
  expect(first.spend(perAddress('198.51.100.42', 1))).toEqual({ allowed: true });
});

it('forgets a window once it has ended and been told, so a spray of addresses does not stay in memory', async () => {
  const limits = counter();
  for (let address = 0; address < 1_000; address++) limits.spend(perAddress(`2001:db8::${address.toString(16)}`));
  expect(limits.windowsHeld).toBe(1_000);
  await limits.flush();
  expect(limits.windowsHeld).toBe(1_000);
  now += MINUTE - 10_000;
  await limits.flush();
  expect(limits.windowsHeld).toBe(0);
  expect(said).toEqual([]);
});

it('keeps what it could not tell a store that is gone, says so, and goes on counting in the process', async () => {
  const limits = counter();
  for (let request = 0; request < 3; request++) limits.spend(perAddress('203.0.113.7'));
  await store.close();
  await limits.flush();
  expect(said).toEqual([expect.stringMatching(/^Request counts could not be stored: /)]);
  expect(limits.spend(perAddress('203.0.113.7'))).toEqual({ allowed: true });
  expect(limits.spend(perAddress('203.0.113.7'))).toEqual({ allowed: true });
  expect(limits.spend(perAddress('203.0.113.7'))).toMatchObject({ allowed: false });
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: () => now, env: {} });
});

describe('failed sign-ins, reserved before each try (reserveLimit)', () => {
  const QUARTER = 15 * MINUTE;
  const failedSignIns = { key: 'sign-in:203.0.113.50', max: 10, windowMs: QUARTER };
  const windowEnd = Math.ceil(START / QUARTER) * QUARTER;
  const tries = async (count: number, at: number) => Promise.all(Array.from({ length: count }, () => reserveLimit(store, failedSignIns, at)));

  it('lets no more than the limit through around the end of a window: tries just before and just after it count together', async () => {
    const before = await tries(10, windowEnd - 1);
    expect(before.every((verdict) => verdict.allowed)).toBe(true);
    const after = await tries(10, windowEnd + 1);
    expect(after.filter((verdict) => verdict.allowed)).toEqual([]);
    // The window where the ten were tried is out of reach once the next one has ended; the refused tries tried nothing and do not count.
    expect(after[0]).toMatchObject({ allowed: false, retryAfterSeconds: QUARTER / 1000 });
    expect((await reserveLimit(store, failedSignIns, windowEnd + QUARTER - 1)).allowed).toBe(false);
    expect((await tries(10, windowEnd + QUARTER)).every((verdict) => verdict.allowed)).toBe(true);
  });

  it('says to come back when the window ends where the tries were all in it, and counts a try given back as none', async () => {
    const at = windowEnd - QUARTER + MINUTE;
    const verdicts = await tries(11, at);
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
    // Ten tried in this window: the next one is full with them, so the one after.
    expect(verdicts.find((verdict) => !verdict.allowed)).toMatchObject({ retryAfterSeconds: (QUARTER - MINUTE) / 1000 + QUARTER / 1000 });
    const fresh = { ...failedSignIns, key: 'sign-in:203.0.113.51' };
    const nine = await Promise.all(Array.from({ length: 9 }, () => reserveLimit(store, fresh, at)));
    const succeeded = await reserveLimit(store, fresh, at);
    await succeeded.release();
    const refused = [await reserveLimit(store, fresh, at), await reserveLimit(store, fresh, at)];
    expect([...nine, succeeded].every((verdict) => verdict.allowed)).toBe(true);
    expect(refused.map((verdict) => verdict.allowed)).toEqual([true, false]);
    expect(refused[1]).toMatchObject({ retryAfterSeconds: (QUARTER - MINUTE) / 1000 + QUARTER / 1000 });
    // Nine tried in the window before: one try is left in the next window.
    const later = windowEnd + MINUTE;
    const nineBefore = { ...failedSignIns, key: 'sign-in:203.0.113.52' };
    await Promise.all(Array.from({ length: 9 }, () => reserveLimit(store, nineBefore, at)));
    expect((await reserveLimit(store, nineBefore, later)).allowed).toBe(true);
    expect(await reserveLimit(store, nineBefore, later)).toMatchObject({ allowed: false, retryAfterSeconds: (QUARTER - MINUTE) / 1000 });
  });
});
