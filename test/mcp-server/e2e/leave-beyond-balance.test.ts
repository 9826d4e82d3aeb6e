// Leave beyond the vacation balance, on every back end through the engine in process
// (test/support/engine.ts, startInProcessEngine): within the balance a request is filed as ever; beyond it, a
// client that cannot ask is refused in words and nothing reaches the back end, a client that can
// ask asks (no sends nothing, yes files), and a call that says it means it (`beyond_balance: true`)
// is filed, or refused in the back end's own words where it keeps rules of its own (Calamari's
// allowances, Clockify's balances). The local timesheet, which approves leave as it is filed,
// records leave beyond the balance only where Preferences allow it. Sick leave draws on no balance
// and is never asked about.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type Era, type InProcessEngineHandle, makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA as CALAMARI_ADA } from '../providers/calamari/request-scenario.ts';
import { DEFAULT_KEY as CALAMARI_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { ADA as CLOCKIFY_ADA, SEED as CLOCKIFY_SEED, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, rememberPlugin, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
/** 44 working days in June and July 2027, more than any seeded entitlement; March's two fit every one. */
const BEYOND = { type: 'vacation', first_day: '2027-06-01', last_day: '2027-07-30' };
const WITHIN = { type: 'vacation', first_day: '2027-03-01', last_day: '2027-03-02' };

const opened = closeAfterEach();

type Answer = (params: ElicitRequestFormParams) => ElicitResult;

interface Session {
  engine: InProcessEngineHandle;
  /** The requests that would file leave with the back end, as it received them. */
  filings(): number;
}

interface BackEnd {
  name: string;
  start(options: { era: Era; elicitation?: Answer; settings?: Record<string, unknown> }): Promise<Session>;
  /** What a request beyond the balance leaves, as the refusal says it. */
  leaves: RegExp;
  /** What the back end does with a request beyond the balance that the call or the person meant: files it, or refuses in these words. */
  verdict: 'filed' | RegExp;
  /** The back end's own name of its vacation type, which draws on the balance as Punchcard's does; none where it has no names of its own. */
  ownVacation?: string;
}

const BACK_ENDS: BackEnd[] = [
  {
    name: 'the local timesheet',
    async start({ era, elicitation, settings }) {
      const engine = opened(
        await startInProcessEngine({
          era,
          userDataDir: makeUserDataDir({ leave: { annualDays: 25, carryOverDays: 0, allowBeyondBalance: true }, ...settings }),
          env: { PUNCHCARD_NOW: NOW },
          ...(elicitation ? { elicitation } : {}),
        }),
      );
      return {
        engine,
        filings: () => {
          throw new Error('The local timesheet is counted by its listing.');
        },
      };
    },
    leaves: /would leave -19 days of 2027 \(25 left\)\./,
    verdict: 'filed',
  },
  {
    name: 'Kimai',
    async start({ era, elicitation }) {
      const fake = opened(await startFakeKimai({ now: clockStartingAt(NOW), config: { absencePlugin: true } }));
      seedCatalog(fake);
      const userDataDir = makeUserDataDir({ provider: { type: 'kimai', url: `${fake.url}/` } });
      rememberPlugin(userDataDir, fake.url, true);
      const engine = opened(
        await startInProcessEngine({
          era,
          userDataDir,
          env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: KIMAI_USERS[0]?.token ?? '' },
          ...(elicitation ? { elicitation } : {}),
        }),
      );
      return { engine, filings: () => fake.requests.filter((request) => request.method === 'POST' && request.path === '/api/absences').length };
    },
    // Kimai keeps no balance: the settings' 25 days count.
    leaves: /would leave -19 days of 2027 \(25 left\)\./,
    verdict: 'filed',
    ownVacation: 'Holiday',
  },
  {
    name: 'Clockodo',
    async start({ era, elicitation }) {
      const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
      seedCompany(fake);
      const userDataDir = makeUserDataDir({ provider: { type: 'clockodo', email: 'ada@example.com', url: `${fake.url}/` } });
      const engine = opened(
        await startInProcessEngine({
          era,
          userDataDir,
          env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: CLOCKODO_USERS[0]?.apiKey ?? '' },
          ...(elicitation ? { elicitation } : {}),
        }),
      );
      return { engine, filings: () => fake.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/absences')).length };
    },
    // Clockodo's quota of 30 days for 2027 (no carry-over into it).
    leaves: /would leave -14 days of 2027 \(30 left\)\./,
    verdict: 'filed',
    ownVacation: 'regular holiday',
  },
  {
    name: 'Calamari',
    async start({ era, elicitation }) {
      const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW) }));
      seedOrganisation(fake);
      const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: CALAMARI_ADA } });
      const engine = opened(
        await startInProcessEngine({
          era,
          userDataDir,
          env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY },
          ...(elicitation ? { elicitation } : {}),
        }),
      );
      return { engine, filings: () => fake.requests.filter((request) => request.path === '/api/leave/request/v1/create').length };
    },
    // What Calamari says is left of the annual leave.
    leaves: /would leave -14 days of 2027 \(30 left\)\./,
    verdict: /^Calamari refused to file the leave request: your allowance does not cover it \("Not enough allowance"\)\.$/,
    ownVacation: 'Annual leave',
  },
  {
    name: 'Clockify',
    async start({ era, elicitation }) {
      const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
      seedWorkspace(fake);
      const userDataDir = makeUserDataDir({ provider: { type: 'clockify', url: `${fake.url}/api` } });
      const engine = opened(
        await startInProcessEngine({
          era,
          userDataDir,
          env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key },
          ...(elicitation ? { elicitation } : {}),
        }),
      );
      return {
        engine,
        filings: () => fake.requests.filter((request) => request.method === 'POST' && /\/time-off\/policies\/[^/]+\/requests$/.test(request.path)).length,
      };
    },
    // Clockify keeps one running balance per policy: the whole request draws on it, whatever the year.
    leaves: /would leave -19 days \(25 left\)\./,
    verdict: /^Clockify refused to file the time-off request: "Insufficient time off balance"\.$/,
  },
];

/** The person's leave requests of 2027, as the engine lists them. */
async function requestsOf(engine: InProcessEngineHandle): Promise<Array<{ first_day: string; status: string }>> {
  const listed = await engine.call('list_leave_requests', { from: '2027-01-01', to: '2027-12-31' });
  return listed.structuredContent?.requests as Array<{ first_day: string; status: string }>;
}

/** How many times the back end was asked to file leave; for the local timesheet, its requests. */
async function filedCount(backEnd: BackEnd, session: Session): Promise<number> {
  return backEnd.name === 'the local timesheet' ? (await requestsOf(session.engine)).length : session.filings();
}

describe.each(BACK_ENDS)('leave beyond the balance on $name', (backEnd) => {
  it('within the balance: filed as ever, nothing asked', async () => {
    const asked: string[] = [];
    const session = await backEnd.start({ era: 'modern', elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }) });
    await session.engine.call('request_leave', WITHIN);
    expect(asked).toEqual([]);
    expect(await filedCount(backEnd, session)).toBe(1);
  });

  it('beyond it, a client that cannot ask is refused in words and nothing reaches the back end', async () => {
    const session = await backEnd.start({ era: 'legacy' });
    const result = await session.engine.call('request_leave', BEYOND);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^That goes beyond your vacation balance: vacation from 2027-06-01 to 2027-07-30 costs 44 days and would leave /);
    expect(textOf(result)).toMatch(backEnd.leaves);
    expect(textOf(result)).toMatch(/ Nothing was filed\. Ask the person first; if they mean it, call request_leave again with beyond_balance: true\.$/);
    expect(await filedCount(backEnd, session)).toBe(0);
  });

  it.each<Era>(['legacy', 'modern'])('beyond it, a client that can ask asks: no sends nothing, yes files (%s era)', async (era) => {
    let reply: Answer = () => ({ action: 'decline' });
    const asked: string[] = [];
    // The call saying it means it does not skip the question: the person decides where they can be asked.
    const session = await backEnd.start({ era, elicitation: (params) => (asked.push(params.message), reply(params)) });
    const declined = await session.engine.call('request_leave', { ...BEYOND, beyond_balance: true });
    expect(textOf(declined)).toBe('No leave was requested: you said no when asked. Nothing was changed.');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^Request vacation from 2027-06-01 to 2027-07-30 \(44 days\)\? That goes beyond your vacation balance: it would leave /);
    expect(asked[0]).toMatch(backEnd.leaves);
    expect(await filedCount(backEnd, session)).toBe(0);
    reply = () => ({ action: 'accept', content: {} });
    const accepted = await session.engine.call('request_leave', BEYOND);
    if (backEnd.verdict === 'filed') {
      expect(accepted.isError, textOf(accepted)).toBeFalsy();
      expect(accepted.structuredContent).toMatchObject({ request: { first_day: '2027-06-01', last_day: '2027-07-30', days: 44 } });
      expect(textOf(accepted)).toMatch(/ days over the 2027 vacation entitlement\.$/);
      expect(await filedCount(backEnd, session)).toBeGreaterThan(0);
    } else {
      expect(textOf(accepted)).toMatch(backEnd.verdict);
      expect(await requestsOf(session.engine)).toEqual([]);
    }
    expect(asked).toHaveLength(2);
  });

  it('beyond it, with beyond_balance: true from a client that cannot ask: filed, or the back end refuses in its words', async () => {
    const session = await backEnd.start({ era: 'modern' });
    const result = await session.engine.call('request_leave', { ...BEYOND, beyond_balance: true });
    if (backEnd.verdict === 'filed') {
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ request: { type: 'vacation', days: 44 } });
      expect((await requestsOf(session.engine)).map((request) => request.first_day)).toContain('2027-06-01');
    } else {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(backEnd.verdict);
      expect(await requestsOf(session.engine)).toEqual([]);
    }
  });
});

describe.each(BACK_ENDS.filter((backEnd) => backEnd.ownVacation))("the back end's own name of vacation on $name", (backEnd) => {
  it("draws on the vacation balance as Punchcard's type does", async () => {
    const session = await backEnd.start({ era: 'modern' });
    const result = await session.engine.call('request_leave', { ...BEYOND, type: backEnd.ownVacation });
    expect(textOf(result)).toMatch(
      new RegExp(`^That goes beyond your vacation balance: "${backEnd.ownVacation}" from 2027-06-01 to 2027-07-30 costs 44 days and would leave `),
    );
    expect(await filedCount(backEnd, session)).toBe(0);
  });
});

describe('leave beyond the balance, where the back end decides', () => {
  it('sick leave draws on no balance: filed without a question, however long', async () => {
    const asked: string[] = [];
    const local = BACK_ENDS[0] as BackEnd;
    const session = await local.start({ era: 'modern', elicitation: (params) => (asked.push(params.message), { action: 'decline' }) });
    const result = await session.engine.call('request_leave', { ...BEYOND, type: 'sick' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(asked).toEqual([]);
  });

  it('a Calamari type of vacation with an allowance of its own is not checked against the vacation balance: said, and Calamari decides', async () => {
    const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW) }));
    seedOrganisation(fake);
    fake.state.absenceTypes.push({ id: 106, name: 'Annual leave carried over', durationUnit: 'DAYS', externalId: null, category: 'TIMEOFF' });
    fake.state.balances.push({ employeeId: 1, absenceTypeId: 106, amount: 3, unlimited: false });
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: CALAMARI_ADA } });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CALAMARI_TOKEN: CALAMARI_KEY } }));
    const within = await engine.call('request_leave', { ...WITHIN, type: 'Annual leave carried over' });
    expect(within.isError, textOf(within)).toBeFalsy();
    expect(textOf(within)).toMatch(
      / Punchcard did not check it against a balance: "Annual leave carried over" has an allowance of its own in Calamari, which Punchcard does not read; Calamari decides whether it covers the request\.$/,
    );
    const beyond = await engine.call('request_leave', { ...BEYOND, type: 'Annual leave carried over' });
    expect(textOf(beyond)).toBe('Calamari refused to file the leave request: your allowance does not cover it ("Not enough allowance").');
  });

  it("Clockify's policy that allows a negative balance files it, and the result says how far below it is", async () => {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
    seedWorkspace(fake);
    const vacation = fake.state.policies.find((policy) => policy.id === CLOCKIFY_SEED.policies.vacation);
    if (!vacation) throw new Error('The Clockify seed lacks its vacation policy.');
    vacation.allowNegativeBalance = true;
    const engine = opened(
      await startInProcessEngine({
        userDataDir: makeUserDataDir({ provider: { type: 'clockify', url: `${fake.url}/api` } }),
        env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKIFY_TOKEN: CLOCKIFY_ADA.key },
      }),
    );
    const result = await engine.call('request_leave', { ...BEYOND, beyond_balance: true });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toMatch(/ 19 days over the vacation balance\.$/);
    expect(result.structuredContent).toMatchObject({ vacation_days_remaining: -19 });
  });

  it.each<Era>(['legacy', 'modern'])(
    'the local timesheet without the Preferences switch refuses it whatever the call says, and asks nobody (%s era)',
    async (era) => {
      const asked: string[] = [];
      const local = BACK_ENDS[0] as BackEnd;
      const session = await local.start({
        era,
        settings: { leave: { annualDays: 25 } },
        elicitation: (params) => (asked.push(params.message), { action: 'accept', content: {} }),
      });
      const result = await session.engine.call('request_leave', { ...BEYOND, beyond_balance: true });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        'That goes beyond your vacation balance: vacation from 2027-06-01 to 2027-07-30 costs 44 days and would leave -19 days of 2027 (25 left). ' +
          'The local timesheet approves leave as it is filed, and your Preferences do not allow leave beyond your balance, so nothing was filed. ' +
          'Ask for fewer days, or turn on "Allow leave beyond my balance" in Punchcard\'s Preferences (Leave).',
      );
      expect(asked).toEqual([]);
      expect(await requestsOf(session.engine)).toEqual([]);
    },
  );

  it("the issue's case: 66 days against 25 on the local timesheet is no longer approved", async () => {
    const engine = opened(await startInProcessEngine({ env: { PUNCHCARD_NOW: NOW } }));
    const result = await engine.call('request_leave', { type: 'vacation', first_day: '2027-03-01', last_day: '2027-05-31', beyond_balance: true });
    expect(textOf(result)).toMatch(
      /^That goes beyond your vacation balance: vacation from 2027-03-01 to 2027-05-31 costs 66 days and would leave -41 days of 2027 \(25 left\)\. The local timesheet approves leave as it is filed/,
    );
    expect(await requestsOf(engine)).toEqual([]);
  });
});
