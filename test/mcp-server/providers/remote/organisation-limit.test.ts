// The organisation's request limit (Calamari's) as Punchcard counts it: in a ledger every counting
// program shares (the team server's store; on a computer, the data folder's limits file), by the
// clock hour and the UTC day, for every caller together; a request past either is refused in words
// that say when to try again. And Calamari's own refusal (a 429), which one gate hears of and every
// gate on the ledger honours until it lifts, a short hold waited out on the gates' clock (the test's,
// which moves on as it is waited on); a 429 that names no limit holds longer each time it repeats, up
// to the hour, until a success ends it, and a hold so grown is said at once, however short. The same rules on every ledger: the team server's store on
// SQLite and on PostgreSQL, and the computer's limits file, each also opened a second time on the same
// file or database, as another instance or process (or the same one after a restart) opens it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../../mcp-server/providers/remote/remote-error.ts';
import type { Store } from '../../../../team-server/store/store.ts';
import { openStore } from '../../../../team-server/store/open-store.ts';
import { LimitsFile } from '../../../../mcp-server/providers/remote/limits-file.ts';
import type { GatePass, RefusalVerdict, RequestGate } from '../../../../mcp-server/providers/remote/json-http.ts';
import {
  HeldBack,
  type LimitLedger,
  ON_THE_TEAM_SERVER,
  ON_THIS_COMPUTER,
  organisationGate,
  REFUSED_AGAIN_HOLD_MS,
  REPEATED_HOLDS_MS,
  REPEATS_WITHIN_MS,
  type SharedBy,
  TURN_MS,
  unnamedHoldMs,
} from '../../../../mcp-server/providers/remote/organisation-limit.ts';
import { CallBudget, withCallBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import { freshPostgresDatabase } from '../../../support/team-server.ts';

const HOUR = 3_600_000;
// 10:20 UTC: forty minutes left of the hour, thirteen hours and forty minutes of the day.
const START = Date.parse('2026-11-18T10:20:00Z');

interface Ledgers {
  /**
   * A new, empty ledger, what sweeps its old counters, and another opened on the same file or database
   * (another instance or process, or this one after a restart).
   */
  open(folder: string): Promise<{ ledger: LimitLedger; sweep(now: number): Promise<void>; another(): Promise<LimitLedger>; close(): Promise<void> }>;
  sharedBy: SharedBy;
  /** Who used the allowance, and who sends nothing during a hold, as the refusals say it. */
  used: string;
  silent: string;
}

/** A store and the others opened on its file or database, closed together. */
async function storeLedger(open: () => Promise<Store>) {
  const stores = [await open()];
  const store = stores[0] as Store;
  return {
    ledger: store,
    sweep: (now: number) => store.sweep(now),
    another: async () => {
      const other = await open();
      stores.push(other);
      return other;
    },
    close: async () => {
      for (const each of stores) await each.close();
    },
  };
}

const TEAM_SERVER = {
  sharedBy: ON_THE_TEAM_SERVER,
  used: 'the people on this Punchcard server have used them',
  silent: 'no one on this Punchcard server sends Calamari anything',
};

const LEDGERS: Record<string, Ledgers> = {
  "the team server's store on SQLite": {
    open: (folder) => storeLedger(() => openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: () => START, env: {} })),
    ...TEAM_SERVER,
  },
  "the team server's store on PostgreSQL": {
    async open() {
      const database = await freshPostgresDatabase();
      return storeLedger(() =>
        openStore(
          { store: database.url, postgres: { password_env: 'PGPW', tls: 'disable', pool_size: 2 } },
          { now: () => START, env: { PGPW: database.password } },
        ),
      );
    },
    ...TEAM_SERVER,
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
      const others: LimitsFile[] = [];
      const another = async () => {
        const other = new LimitsFile(
          folder,
          (message) => expect.unreachable(message),
          () => sweptAt,
        );
        others.push(other);
        return other;
      };
      return {
        ledger: file,
        sweep,
        another,
        close: async () => {
          for (const each of [file, ...others]) each.close();
        },
      };
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

  async function refusalOf(gate: () => Promise<unknown>): Promise<RemoteError> {
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
    const clock: Clock = { now: START };
    const gate = gateOver(shared, clock, 100);
    // Short: waited out, whichever limit it is for, by the refused request and by any other meanwhile: the
    // back end asked for it, and it grew from nothing.
    expect(await gate.refused?.({ retryAfterMs: 3_000, window: 'hour' })).toEqual({ waitMs: 3_000 });
    await gateOver(shared, clock, 100)();
    expect(clock.waits).toEqual([3_000]);
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

  const KEY = 'calamari:https://acme.calamari.io/api:refused';

  /** Two instances' gates (or two processes') on one ledger, each on an opening of its own, on one clock, counting far within the hour. */
  async function twoGates(clock: Clock): Promise<{ shared: LimitLedger; first: RequestGate; second: RequestGate }> {
    const shared = await store();
    const other = await (opened.get(shared) as Opened).another();
    return { shared, first: gateOver(shared, clock, 1_000), second: gateOver(other, clock, 1_000) };
  }

  /** A request the gate lets through, and what it says of it (handed back with the request's 429 or answer). */
  const pass = async (gate: RequestGate) => (await gate()) as GatePass;

  /** The refusal a gate gave a 429 up with: a hold too long to wait, in words. */
  function heldBy(verdict: RefusalVerdict | undefined): HeldBack {
    const refusal = verdict && 'refusal' in verdict ? verdict.refusal : undefined;
    expect(refusal, JSON.stringify(verdict)).toBeInstanceOf(HeldBack);
    return refusal as HeldBack;
  }

  it('holds a second where the 429 names no limit, then 5 s where the retry is refused too, then longer each time it repeats, up to the hour, on every gate on the ledger', async () => {
    const clock: Clock = { now: START };
    const { first, second } = await twoGates(clock);
    // The refused request goes once more after a second: its next pass waits it out.
    expect(await first.refused?.({ sent: await pass(first) })).toEqual({ waitMs: 1_000 });
    // Refused again on that retry: the call answers its 429 in Calamari's words (it is not sent again),
    // and the hold has grown to 5 s: the next call, on either instance, is told at once when to come
    // back, rather than waiting it out only to be refused again.
    expect(await first.refused?.({ again: true, sent: await pass(first) })).toEqual({ waitMs: REFUSED_AGAIN_HOLD_MS });
    for (const each of [second, first]) {
      const told = await refusalOf(each);
      expect(told).toBeInstanceOf(HeldBack);
      expect(told.message).toBe(
        `Calamari refused a request for your organisation's limit (429), so ${ledgers.silent} until 2026-11-18T10:20:06+00:00. Try again then, in a minute.`,
      );
    }
    expect(clock.waits).toEqual([1_000]);
    // Whoever comes back then sends one request.
    clock.now = START + 1_000 + REFUSED_AGAIN_HOLD_MS;
    let sent = await pass(second);
    // Refused once more: half a minute, said with when rather than waited for. Whoever comes back then
    // sends one request; refused again, the hold grows, up to the hour.
    const grown: number[] = [];
    let gate = second;
    for (let round = 0; round < 6; round++) {
      const held = heldBy(await gate.refused?.({ sent }));
      grown.push(held.hold.liftsAt - clock.now);
      if (round === 0) {
        expect(held.message).toBe(
          `Calamari refused a request for your organisation's limit (429), so ${ledgers.silent} until 2026-11-18T10:20:36+00:00. Try again then, in a minute.`,
        );
      }
      // Every gate on the ledger holds to the same moment, and says so.
      for (const each of [first, second]) expect((await refusalOf(each)).message).toBe(held.message);
      clock.now = held.hold.liftsAt;
      gate = gate === first ? second : first;
      sent = await pass(gate);
    }
    expect(grown).toEqual([30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, HOUR, HOUR]);
    expect(heldBy(await gate.refused?.({ sent })).message).toMatch(/ Try again then, in 60 minutes\.$/);
    // Only the first was waited for.
    expect(clock.waits).toEqual([1_000]);
  });

  it('ends the hold at the first success of a request that went after it, on any gate, so the next 429 holds a second again', async () => {
    const clock: Clock = { now: START };
    const { shared, first, second } = await twoGates(clock);
    await first.refused?.({ sent: await pass(first) });
    await first.refused?.({ again: true, sent: await pass(first) });
    clock.now = START + 1_000 + REFUSED_AGAIN_HOLD_MS;
    heldBy(await second.refused?.({ sent: await pass(second) }));
    clock.now = START + 6_000 + 30_000;
    const after = await pass(first);
    expect(after.afterHold).toBe(true);
    // A failure of another kind, or no answer at all, says nothing of the limit: the hold stands.
    await first.answered?.(500, 0.1, after);
    await first.answered?.('failed', 1.5, after);
    expect((await shared.hold(KEY))?.lengthMs).toBe(30_000);
    // A success ends it, for every gate on the ledger.
    await first.answered?.(200, 0.1, after);
    expect(await shared.hold(KEY)).toBeUndefined();
    const fresh = await pass(second);
    expect(fresh.afterHold).toBe(false);
    expect(await second.refused?.({ sent: fresh })).toEqual({ waitMs: 1_000 });
  });

  it('grows once for 429s met at once: a request that went before the hold was set grows it no more, cuts no longer hold short, and ends nothing', async () => {
    const clock: Clock = { now: START };
    const { shared, first, second } = await twoGates(clock);
    // Both instances' requests go at once and are refused at once: a second.
    const [a, b] = [await pass(first), await pass(second)];
    await Promise.all([first.refused?.({ sent: a }), second.refused?.({ sent: b })]);
    expect(await shared.hold(KEY)).toEqual({ liftsAt: START + 1_000, lengthMs: 1_000 });
    // Their retries go together after it, and are refused: 5 s, once, though the second 429 is told
    // a moment later, when the first has grown the hold already.
    const [a2, b2] = [await pass(first), await pass(second)];
    expect(await first.refused?.({ again: true, sent: a2 })).toEqual({ waitMs: 5_000 });
    clock.now += 10;
    expect(await second.refused?.({ again: true, sent: b2 })).toEqual({ waitMs: 4_990 });
    expect((await shared.hold(KEY))?.lengthMs).toBe(5_000);
    // At its lift, both again: half a minute, once; the later 429 keeps the hold the earlier one set.
    clock.now = START + 1_000 + 5_000;
    const [a3, b3] = [await pass(first), await pass(second)];
    const held = heldBy(await first.refused?.({ sent: a3 }));
    clock.now += 10;
    expect(heldBy(await second.refused?.({ sent: b3 })).hold.liftsAt).toBe(held.hold.liftsAt);
    expect(await shared.hold(KEY)).toEqual({ liftsAt: START + 6_000 + 30_000, lengthMs: 30_000 });
    // And b3's request, answered with success after all, went before that hold was set: it stands.
    await second.answered?.(200, 0.1, b3);
    expect((await shared.hold(KEY))?.lengthMs).toBe(30_000);
  });

  it('starts from a second again where the last hold was for a limit the 429 named, or lifted more than an hour before', async () => {
    const clock: Clock = { now: START };
    const { first } = await twoGates(clock);
    heldBy(await first.refused?.({ window: 'hour', sent: await pass(first) }));
    // The hour's hold lifts at 11:00; a 429 that names nothing then is not one more of the hour's.
    clock.now = Date.parse('2026-11-18T11:00:00Z');
    expect(await first.refused?.({ sent: await pass(first) })).toEqual({ waitMs: 1_000 });
    expect(await first.refused?.({ again: true, sent: await pass(first) })).toEqual({ waitMs: REFUSED_AGAIN_HOLD_MS });
    // Nobody asks for more than an hour after that lifted: the next 429 is a new one.
    clock.now += 1_000 + REFUSED_AGAIN_HOLD_MS + REPEATS_WITHIN_MS + 1;
    expect(await first.refused?.({ sent: await pass(first) })).toEqual({ waitMs: 1_000 });
  });

  it("never waits past the call's deadline for the retry's few seconds either: a call with less time left is told when", async () => {
    const clock: Clock = { now: START };
    const gate = gateOver(await store(), clock, 100);
    await gate.refused?.({ sent: await pass(gate) });
    await gate.refused?.({ again: true, sent: await pass(gate) });
    expect((await withCallBudget(new CallBudget(10, undefined, performance.now() + 1_000), () => refusalOf(gate))).message).toBe(
      "Calamari refused a request for your organisation's limit (429) until 2026-11-18T10:20:06+00:00, longer than this call may still take, so Punchcard did not wait for it. Try again then.",
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

describe('the hold a 429 that names no limit asks for', () => {
  it('is a second, 5 s for the retry, and after a hold it repeats, the next step, up to the hour', () => {
    expect(unnamedHoldMs({}, undefined)).toBe(1_000);
    expect(unnamedHoldMs({ again: true }, undefined)).toBe(REFUSED_AGAIN_HOLD_MS);
    expect(REPEATED_HOLDS_MS.map((lengthMs) => unnamedHoldMs({}, { lengthMs }))).toEqual([5_000, 30_000, 120_000, 600_000, 1_800_000, HOUR, HOUR]);
    // A hold of another length (a Retry-After's) steps to the next one longer; the retry's floor stands.
    expect(unnamedHoldMs({}, { lengthMs: 20_000 })).toBe(30_000);
    expect(unnamedHoldMs({ again: true }, { lengthMs: 500 })).toBe(REFUSED_AGAIN_HOLD_MS);
  });
});
