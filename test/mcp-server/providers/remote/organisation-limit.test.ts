// The organisation's request limit (Calamari's) as Punchcard counts it: in a ledger every counting
// program shares (the team server's store; on a computer, the data folder's limits file), by the
// clock hour and the UTC day, for every caller together; a request past either is refused in words
// that say when to try again. And Calamari's own refusal (a 429), which one gate hears of and every
// gate on the ledger honours until it lifts, a short hold waited out on the gates' clock (the test's,
// which moves on as it is waited on). The same rules on both ledgers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../../mcp-server/providers/remote/remote-error.ts';
import type { Store } from '../../../../team-server/store/store.ts';
import { openStore } from '../../../../team-server/store/open-store.ts';
import { LimitsFile } from '../../../../mcp-server/providers/remote/limits-file.ts';
import type { RefusalVerdict } from '../../../../mcp-server/providers/remote/json-http.ts';
import {
  HeldBack,
  type LimitLedger,
  ON_THE_TEAM_SERVER,
  ON_THIS_COMPUTER,
  organisationGate,
  REFUSED_AGAIN_HOLD_MS,
  type SharedBy,
  TURN_MS,
} from '../../../../mcp-server/providers/remote/organisation-limit.ts';
import { CallBudget, withCallBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';

const HOUR = 3_600_000;
// 10:20 UTC: forty minutes left of the hour, thirteen hours and forty minutes of the day.
const START = Date.parse('2026-11-18T10:20:00Z');

interface Ledgers {
  /** A new, empty ledger, and what sweeps its old counters. */
  open(folder: string): Promise<{ ledger: LimitLedger; sweep(now: number): Promise<void>; close(): Promise<void> }>;
  sharedBy: SharedBy;
  /** Who used the allowance, and who sends nothing during a hold, as the refusals say it. */
  used: string;
  silent: string;
}

const LEDGERS: Record<string, Ledgers> = {
  "the team server's store": {
    async open(folder) {
      const store: Store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: () => START, env: {} });
      return { ledger: store, sweep: (now) => store.sweep(now), close: () => store.close() };
    },
    sharedBy: ON_THE_TEAM_SERVER,
    used: 'the people on this Punchcard server have used them',
    silent: 'no one on this Punchcard server sends Calamari anything',
  },
  "the computer's limits file": {
    async open(folder) {
      // The file sweeps old counters when it is opened: swept by reopening it at the clock's time.
      let sweptAt = START;
      const file = new LimitsFile(
        folder,
        (message) => expect.unreachable(message),
        () => sweptAt,
      );
      const sweep = async (now: number) => {
        sweptAt = now;
        file.close();
      };
      return { ledger: file, sweep, close: async () => file.close() };
    },
    sharedBy: ON_THIS_COMPUTER,
    used: 'Punchcard on this computer has used them',
    silent: 'Punchcard on this computer sends Calamari nothing',
  },
};

describe.each(Object.entries(LEDGERS))('the organisation gate on %s', (_name, ledgers) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  type Opened = Awaited<ReturnType<Ledgers['open']>>;
  const opened = new WeakMap<LimitLedger, Opened>();

  async function store(): Promise<LimitLedger> {
    const folder = mkdtempSync(join(tmpdir(), 'punchcard-gate-'));
    const made = await ledgers.open(folder);
    opened.set(made.ledger, made);
    cleanups.push(async () => {
      await made.close();
      rmSync(folder, { recursive: true, force: true });
    });
    return made.ledger;
  }

  /** The gates' clock: it moves on only when the test moves it, or when a gate waits on it (each wait noted). */
  interface Clock {
    now: number;
    waits?: number[];
  }

  const gateOver = (shared: LimitLedger, clock: Clock, perHour = 3, perDay = 100) =>
    organisationGate({
      ledger: shared,
      counter: 'calamari:https://acme.calamari.io/api',
      service: 'Calamari',
      allowance: { perHour, perDay },
      sharedBy: ledgers.sharedBy,
      now: () => clock.now,
      wait: async (ms) => {
        clock.waits = [...(clock.waits ?? []), ms];
        clock.now += ms;
      },
    });

  async function refusalOf(gate: () => Promise<void>): Promise<RemoteError> {
    const error = await gate().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }

  it("lets the hour's allowance through for all callers together, then refuses in words saying when", async () => {
    const shared = await store();
    const clock = { now: START };
    // Two people's engines, one organisation: each gets its own gate object, as each engine does.
    const ada = gateOver(shared, clock);
    const bob = gateOver(shared, clock);
    await ada();
    await bob();
    await ada();
    const refused = await refusalOf(bob);
    expect(refused.failure).toBe('rate_limited');
    expect(refused.message).toBe(
      `Calamari allows your organisation 3 requests an hour, and ${ledgers.used} for now, so this request was not sent. Try again in 40 minutes.`,
    );
    await refusalOf(ada);
  });

  it('counts in the ledger, so another server or process on it counts the same hour', async () => {
    const shared = await store();
    const clock = { now: START };
    await gateOver(shared, clock)();
    await gateOver(shared, clock)();
    await gateOver(shared, clock)();
    await refusalOf(gateOver(shared, clock));
  });

  it('opens again with the next clock hour', async () => {
    const shared = await store();
    const clock = { now: START };
    const gate = gateOver(shared, clock);
    for (let sent = 0; sent < 3; sent++) await gate();
    clock.now = START + 39 * 60_000 + 30_000;
    expect((await refusalOf(gate)).message).toMatch(/Try again in a minute\.$/);
    clock.now = START + 40 * 60_000;
    await gate();
  });

  it("holds to the day's allowance across hours, and says when in hours", async () => {
    const shared = await store();
    const clock = { now: START };
    const gate = gateOver(shared, clock, 3, 5);
    for (let sent = 0; sent < 3; sent++) await gate();
    clock.now = START + HOUR;
    await gate();
    await gate();
    const refused = await refusalOf(gate);
    expect(refused.message).toBe(
      `Calamari allows your organisation 5 requests a day, and ${ledgers.used} for now, so this request was not sent. Try again in 13 hours.`,
    );
  });

  /** What the gate answered a 429 with: the refusal's words where it gave the request up. */
  const wordsOf = (verdict: RefusalVerdict | undefined) => (verdict && 'refusal' in verdict ? verdict.refusal.message : verdict);

  it('holds every gate on the ledger back once Calamari refused one for the hour, without counting, and says until when', async () => {
    const shared = await store();
    const clock = { now: START };
    // Two instances' gates on one store: the first meets Calamari's 429 for the hour, at 10:20 UTC.
    const first = gateOver(shared, clock, 100);
    const second = gateOver(shared, clock, 100);
    await first();
    const held = `Calamari's limit of requests an hour for your organisation is used up (429), so ${ledgers.silent} until 2026-11-18T11:00:00+00:00. Try again then, in 40 minutes.`;
    expect(wordsOf(await first.refused?.({ window: 'hour' }))).toBe(held);
    for (const gate of [first, second]) {
      const refused = await refusalOf(gate);
      expect(refused).toBeInstanceOf(HeldBack);
      expect(refused.failure).toBe('rate_limited');
      expect(refused.message).toBe(held);
      // Said in the person's zone, as every time the engine writes (the api puts it there).
      expect((refused as HeldBack).inZone('Asia/Kolkata').message).toContain('until 2026-11-18T16:30:00+05:30. Try again then, in 40 minutes.');
    }
    // Nothing refused while held was counted: the hour's allowance is still there when it lifts.
    expect(await shared.hit('calamari:https://acme.calamari.io/api:hour', START - (START % HOUR), 0)).toBe(1);
    clock.now = START + 40 * 60_000;
    await second();
  });

  it('holds for the day until the UTC day ends, and says so in hours', async () => {
    const shared = await store();
    const clock = { now: START };
    const gate = gateOver(shared, clock, 100);
    expect(wordsOf(await gate.refused?.({ window: 'day' }))).toBe(
      `Calamari's limit of requests a day for your organisation is used up (429), so ${ledgers.silent} until 2026-11-19T00:00:00+00:00. Try again then, in 14 hours.`,
    );
    clock.now = Date.parse('2026-11-18T23:59:00Z');
    expect((await refusalOf(gate)).message).toMatch(/ a day .* in a minute\.$/);
    clock.now = Date.parse('2026-11-19T00:00:00Z');
    await gate();
  });

  it("takes an hour's refusal just after the hour turned for Calamari's hour not turned yet: a minute, not the new hour", async () => {
    const shared = await store();
    const clock = { now: Date.parse('2026-11-18T11:00:20Z') };
    const gate = gateOver(shared, clock, 100);
    expect(wordsOf(await gate.refused?.({ window: 'hour' }))).toMatch(/until 2026-11-18T11:01:20\+00:00\. Try again then, in a minute\.$/);
    clock.now = Date.parse('2026-11-18T11:00:00Z') + TURN_MS;
    expect(wordsOf(await gate.refused?.({ window: 'hour' }))).toMatch(/until 2026-11-18T12:00:00\+00:00\. Try again then, in 59 minutes\.$/);
  });

  it("waits out a second's refusal, for this caller and every other on the ledger, and then lets requests go", async () => {
    const shared = await store();
    const clock: Clock = { now: START };
    const first = gateOver(shared, clock, 100);
    const second = gateOver(shared, clock, 100);
    expect(await first.refused?.({ window: 'second' })).toEqual({ waitMs: 1_000 });
    // The other gate waits the second out, on the gates' clock; then neither waits any more.
    await second();
    expect(clock.waits).toEqual([1_000]);
    await first();
    expect(clock.waits).toEqual([1_000]);
    // A second's hold is not an hour's: nothing of it is left to escalate a refusal an hour later.
    clock.now = START + HOUR;
    expect(await first.refused?.({ window: 'second' })).toEqual({ waitMs: 1_000 });
  });

  it('honours Retry-After, for as long as it says, in the words of the limit the body names', async () => {
    const shared = await store();
    const clock = { now: START };
    const gate = gateOver(shared, clock, 100);
    // Short: waited out, whichever limit it is for.
    expect(await gate.refused?.({ retryAfterMs: 3_000, window: 'hour' })).toEqual({ waitMs: 3_000 });
    // Long: said, even for the second's limit.
    clock.now = START + 10_000;
    expect(wordsOf(await gate.refused?.({ retryAfterMs: 20 * 60_000, window: 'second' }))).toBe(
      `Calamari's limit of requests a second for your organisation is used up (429), so ${ledgers.silent} until 2026-11-18T10:40:10+00:00. Try again then, in 20 minutes.`,
    );
    // Without a limit named, in the words of a refusal for the organisation's limit.
    clock.now = START + HOUR;
    expect(wordsOf(await gate.refused?.({ retryAfterMs: 30 * 60_000 }))).toBe(
      `Calamari refused a request for your organisation's limit (429), so ${ledgers.silent} until 2026-11-18T11:50:00+00:00. Try again then, in 30 minutes.`,
    );
  });

  it("never waits past the call's deadline: a short hold the call has no time for is said, with until when", async () => {
    const shared = await store();
    const clock: Clock = { now: START };
    const gate = gateOver(shared, clock, 100);
    // Rounded up to the whole second: never a moment early.
    const cannotWait = `Calamari's limit of requests a second for your organisation is used up (429) until 2026-11-18T10:20:02+00:00, longer than this call may still take, so Punchcard did not wait for it. Try again then.`;
    const call = new CallBudget(10, undefined, performance.now() + 1_000);
    expect(wordsOf(await withCallBudget(call, async () => gate.refused?.({ retryAfterMs: 1_500, window: 'second' })))).toBe(cannotWait);
    // Another call, as short, is refused alike before anything is waited for; one with time waits.
    expect((await withCallBudget(new CallBudget(10, undefined, performance.now() + 1_000), () => refusalOf(gate))).message).toBe(cannotWait);
    expect(clock.waits).toBeUndefined();
    await withCallBudget(new CallBudget(10, undefined, performance.now() + 30_000), () => gate());
    expect(clock.waits).toEqual([1_500]);
  });

  it('holds a second where the 429 names no limit, waited out by the one retry; refused again on it, a few seconds, however often, never a minute', async () => {
    const shared = await store();
    const clock: Clock = { now: START };
    const gate = gateOver(shared, clock, 100);
    const key = 'calamari:https://acme.calamari.io/api:refused';
    for (let call = 0; call < 4; call++) {
      // The refused request goes once more after a second: the gate waits out the rest of any hold first.
      expect(await gate.refused?.({})).toEqual({ waitMs: 1_000 });
      await gate();
      // Refused again on that retry: the call answers its 429, and the next one asks again a few seconds on.
      expect(await gate.refused?.({ again: true })).toEqual({ waitMs: REFUSED_AGAIN_HOLD_MS });
      expect((await shared.hold(key))?.lengthMs).toBe(REFUSED_AGAIN_HOLD_MS);
      await gate();
    }
    expect(clock.waits).toEqual([1_000, REFUSED_AGAIN_HOLD_MS, 1_000, REFUSED_AGAIN_HOLD_MS, 1_000, REFUSED_AGAIN_HOLD_MS, 1_000, REFUSED_AGAIN_HOLD_MS]);
    // A call with less time than that left is told so, and when: a few seconds on, not a minute.
    await gate.refused?.({ again: true });
    expect((await withCallBudget(new CallBudget(10, undefined, performance.now() + 1_000), () => refusalOf(gate))).message).toBe(
      "Calamari refused a request for your organisation's limit (429) until 2026-11-18T10:20:29+00:00, longer than this call may still take, so Punchcard did not wait for it. Try again then.",
    );
  });

  it("keeps the day's count through the ledger's sweep of old counters", async () => {
    const shared = await store();
    const clock = { now: START };
    const gate = gateOver(shared, clock, 100, 2);
    await gate();
    await gate();
    clock.now = START + 3 * HOUR;
    await opened.get(shared)?.sweep(clock.now);
    expect((await refusalOf(gate)).message).toMatch(/ 2 requests a day/);
  });
});
