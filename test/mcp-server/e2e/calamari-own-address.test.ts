// Every write on Calamari names the person by their e-mail, and Calamari resolves it by rules of its own, which may take
// a look-alike letter for a plain one: the fake does as a comparison through Unicode's case mappings would, and takes
// "Kim@acme.example" written with U+212A KELVIN SIGN for Kim's kim@acme.example. Before a write, the engine holds
// the employee Calamari takes the address for to be the person's, exactly but for the case of ASCII letters
// (providers/calamari/context.ts, confirmAddress), from what the call read anyway where it can: a look-alike address
// writes nothing on the colleague, whether the key reads the employee list or only the person's shift status, and
// where it reads neither (a key for Time Off alone) only a plain ASCII address is written for. The engine in
// process, the fake's request log showing what was sent.
import { describe, expect, it, vi } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  DEFAULT_KEY,
  type FakeCalamari,
  type FakeCalamariOptions,
  makeEmployee,
  type RecordedRequest,
  SEED,
  seedOrganisation,
  startFakeCalamari,
} from '../providers/calamari/fake-calamari.ts';

// Wednesday morning, 08:00 in Berlin; the fake's clock and the engine's start here.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = 'ada@acme.example';
/** Kim's address with U+212A KELVIN SIGN for its K, which Unicode lower-cases to Kim's "k". */
const KELVIN = '\u212Aim@acme.example';
const KIM_ID = 5;
const opened = closeAfterEach();

/** Kim's own leave, with a reason of hers: what a look-alike must not read. */
const KIMS_REASON = 'Kim: surgery';

async function calamari(options: FakeCalamariOptions = {}): Promise<FakeCalamari> {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW), ...options }));
  seedOrganisation(fake);
  fake.state.employees.push(makeEmployee(KIM_ID, 'Kim', 'Plain', [SEED.teams.engineering]));
  fake.state.requests.push({
    id: 960,
    employeeId: KIM_ID,
    absenceTypeId: SEED.absenceTypes.sickLeave,
    from: '2026-11-23',
    to: '2026-11-24',
    fromPart: 'MORNING',
    toPart: 'END_OF_DAY',
    status: 'ACCEPTED',
    reason: KIMS_REASON,
    comment: null,
    amount: 2,
  });
  return fake;
}

/** An engine in this process for `email` on `fake`, on `dir` where given (a folder an earlier engine left its facts in). */
async function engineFor(fake: FakeCalamari, email: string, dir?: string) {
  const userDataDir = dir ?? makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email }, timezone: 'Europe/Berlin' });
  return opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, PUNCHCARD_NOW: NOW } }));
}

const WRITE = /\/(clockin\/terminal\/v1\/(clock-in|clock-out|break-start|break-stop)|clockin\/timesheetentries\/v1\/create|leave\/request\/v1\/create)$/;
const writes = (requests: readonly RecordedRequest[]) => requests.filter((request) => WRITE.test(request.path));
const line = (request: RecordedRequest) => `${request.method} ${request.path.replace(/^\/api/, '')}`;
const LEAVE = { type: 'vacation', first_day: '2026-12-01', last_day: '2026-12-02' };

describe('a look-alike address on Calamari writes nothing on the colleague Calamari takes it for', () => {
  it('with a key that may not read the employee list: the shift status names Kim, and nothing is written or read of hers', async () => {
    const fake = await calamari({ keyGroups: ['clockin', 'leave', 'holidays'] });
    const engine = await engineFor(fake, KELVIN);
    for (const [tool, args] of [
      ['clock_in', { project: 'General' }],
      ['log_time', { date: 'yesterday', duration: '1h', project: 'General' }],
      ['request_leave', LEAVE],
      // Reads whose answers name nobody: Kim's leave and balance would be taken for the person's.
      ['list_leave_requests', { from: '2026-11-01', to: '2026-11-30' }],
      ['leave_balance', {}],
    ] as const) {
      const result = await engine.call(tool, args);
      expect(result.isError, `${tool}: ${textOf(result)}`).toBe(true);
      expect(refusalOf(result), tool).toEqual({ code: 'calamari_unknown_employee', facts: { email: KELVIN } });
    }
    expect(writes(fake.requests).map(line)).toEqual([]);
    expect(fake.requests.filter((request) => /\/leave\/(request\/v1\/find|v1\/entitlement-balance\/get)$/.test(request.path))).toEqual([]);
    expect(fake.state.shifts.filter((shift) => shift.employeeId === KIM_ID)).toEqual([]);
    expect(fake.state.requests.filter((request) => request.employeeId === KIM_ID).map((request) => request.id)).toEqual([960]);
  });

  it('with a key that reads the employee list: its record, not the address, is the person, and nothing is written', async () => {
    const fake = await calamari();
    const engine = await engineFor(fake, KELVIN);
    for (const [tool, args] of [
      ['clock_in', { project: 'General' }],
      ['log_time', { date: 'yesterday', duration: '1h', project: 'General' }],
    ] as const) {
      expect(refusalOf(await engine.call(tool, args)), tool).toEqual({ code: 'calamari_unknown_employee', facts: { email: KELVIN } });
    }
    expect(writes(fake.requests).map(line)).toEqual([]);
    expect(fake.state.shifts).toEqual([]);
  });

  it('with a key for Time Off alone: nothing says whom Calamari takes the address for, so only a plain address is written for', async () => {
    const fake = await calamari({ keyGroups: ['leave', 'holidays'] });
    const kelvin = await engineFor(fake, KELVIN);
    const refused = await kelvin.call('request_leave', LEAVE);
    expect(refusalOf(refused)).toEqual({ code: 'calamari_address_not_plain', facts: { email: KELVIN, character: 'U+212A' } });
    expect(textOf(refused)).toMatch(/^Your address \u212Aim@acme\.example has a character that is not plain ASCII \(U\+212A\)/);
    expect(writes(fake.requests)).toEqual([]);
    expect(fake.state.requests.filter((request) => request.employeeId === KIM_ID).map((request) => request.id)).toEqual([960]);
    // Ada's plain address is filed as before.
    const ada = await engineFor(fake, ADA);
    const filed = await ada.call('request_leave', LEAVE);
    expect(filed.isError, textOf(filed)).toBeFalsy();
    expect(writes(fake.requests).map((request) => [line(request), request.persons])).toEqual([['POST /leave/request/v1/create', [ADA]]]);
  });
});

describe("the person's own address, confirmed from what a call reads anyway", () => {
  /**
   * A folder whose facts know Ada's zone and modules (an earlier engine's): a new engine reads nothing of her before a
   * call, and its own background check, due a quarter of a second after it opens, asks Calamari nothing. The earlier
   * engine is closed only once its check asked for both modules: closed before, it left them unknown, and on a busy
   * machine the new engine's check then probed them in the middle of a call this file counts.
   */
  async function warmFolder(fake: FakeCalamari): Promise<string> {
    const first = await engineFor(fake, ADA);
    expect((await first.call('whoami')).isError).toBeFalsy();
    await vi.waitFor(
      () => {
        const asked = fake.requests.map(line);
        expect(asked).toContain('POST /clockin/shift/status/v1/get-current');
        expect(asked).toContain('POST /leave/v1/get-absence-types');
      },
      { timeout: 30_000, interval: 20 },
    );
    await first.close();
    return first.userDataDir;
  }

  /** What a call of `tool` sent to the fake, as method and path, once it answered without a refusal. */
  async function sentBy(fake: FakeCalamari, engine: Awaited<ReturnType<typeof engineFor>>, tool: string, args: Record<string, unknown> = {}) {
    const before = fake.requests.length;
    const result = await engine.call(tool, args);
    expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
    return fake.requests.slice(before).map(line);
  }

  it("clock_in and a clock_out after it add no request: the shift status and Ada's own shift name her", async () => {
    const fake = await calamari();
    const engine = await engineFor(fake, ADA, await warmFolder(fake));
    expect(await sentBy(fake, engine, 'clock_in', { project: 'General' })).toEqual([
      'POST /clockin/projects/v1/get-projects-for-person',
      'POST /clockin/shift/status/v1/get-current',
      'POST /clockin/terminal/v1/clock-in',
      'POST /clockin/timesheetentries/v1/find',
    ]);
    expect(await sentBy(fake, engine, 'clock_out')).toEqual(['POST /clockin/terminal/v1/clock-out']);
  });

  it('a first log_time that read nothing naming Ada reads her record once before it writes; the next write asks nothing more of her', async () => {
    const fake = await calamari();
    const engine = await engineFor(fake, ADA, await warmFolder(fake));
    // Her shifts of the day (to refuse an overlap) are none, and name nobody.
    expect(await sentBy(fake, engine, 'log_time', { date: 'yesterday', duration: '1h', project: 'General' })).toEqual([
      'POST /clockin/timesheetentries/v1/find',
      'POST /clockin/projects/v1/get-projects-for-person',
      'POST /employees/v1/search',
      'POST /clockin/timesheetentries/v1/create',
    ]);
    // Her shifts (which the first write made out of date) and the write: nothing about her address.
    expect(await sentBy(fake, engine, 'log_time', { date: '2026-11-16', duration: '1h', project: 'General' })).toEqual([
      'POST /clockin/timesheetentries/v1/find',
      'POST /clockin/timesheetentries/v1/create',
    ]);
  });

  it('list_leave_requests reads her record, which it reads for her name anyway, before her requests: nothing more', async () => {
    const fake = await calamari();
    const engine = await engineFor(fake, ADA, await warmFolder(fake));
    expect(await sentBy(fake, engine, 'list_leave_requests', { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      'POST /employees/v1/search',
      'POST /leave/request/v1/find',
    ]);
  });
});
