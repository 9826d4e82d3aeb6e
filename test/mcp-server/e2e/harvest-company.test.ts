// Harvest's company is an optional read (docs/back-ends/harvest.md, "Optional reads"): where Harvest will not show it
// to the person (a 403 here), the tools go on, and how the account keeps time, which every write must know, is what it
// was last read as, else what the person's own entries show (Harvest names an entry's started_time only where the
// account keeps start and end times), else not known: a logged span then carries its times and its hours, which neither
// kind of account takes for a timer (a span without hours runs on a duration account, one without an end on an account
// of start and end times). The engine in process over the fake Harvest, its request log showing what was written.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ACME, ADA_TOKEN, type FakeHarvest, optionalAnswer, startFakeHarvest } from '../providers/harvest/fake-harvest.ts';
import { type AccountKind, seedAcme } from '../providers/harvest/request-scenario.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const opened = closeAfterEach();
const LOGGED = { start: '2026-11-17T09:00', end: '2026-11-17T10:00', project: 'Website', activity: 'Development' };

async function harvest(kind: AccountKind, entries: 'hers' | 'none'): Promise<FakeHarvest> {
  const fake = opened(await startFakeHarvest({ now: clockStartingAt(NOW) }));
  seedAcme(fake, kind);
  if (entries === 'none') fake.state.entries.splice(0);
  return fake;
}

async function engineOn(fake: FakeHarvest, dir = makeUserDataDir({ provider: { type: 'harvest', url: fake.url, account_id: String(ACME) } })) {
  return opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_HARVEST_TOKEN: ADA_TOKEN } }));
}

/** Harvest will not show the person the company, every time it is asked. */
const companyRefused = (fake: FakeHarvest) => fake.failNext({ method: 'GET', path: '/v2/company' }, optionalAnswer('forbidden'));

/** The body of the one entry a call sent (POST) or changed (PATCH of its fields, not Harvest's stop). */
async function written(fake: FakeHarvest, engine: Awaited<ReturnType<typeof engineOn>>, tool: string, args: Record<string, unknown>) {
  const before = fake.requests.length;
  const result = await engine.call(tool, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  const sent = fake.requests
    .slice(before)
    .filter((request) => request.method === 'POST' || (request.method === 'PATCH' && !/\/(stop|restart)$/.test(request.path)));
  expect(sent).toHaveLength(1);
  return JSON.parse(sent[0]?.body ?? '{}') as Record<string, unknown>;
}

const logged = (fake: FakeHarvest, engine: Awaited<ReturnType<typeof engineOn>>) => written(fake, engine, 'log_time', LOGGED);
const timers = (fake: FakeHarvest) => fake.state.entries.filter((entry) => entry.timerStartedAt !== null);

describe("Harvest's company not shown to the person", () => {
  it('on an account of start and end times, her entries show it: a logged span keeps its times', async () => {
    const fake = await harvest('timestamps', 'hers');
    companyRefused(fake);
    const engine = await engineOn(fake);
    const whoami = await engine.call('whoami');
    expect(whoami.isError, textOf(whoami)).toBeFalsy();
    expect(textOf(whoami)).toContain("tracking start and end times (the company's settings not shown to you)");
    const body = await logged(fake, engine);
    expect(body).toMatchObject({ spent_date: '2026-11-17', started_time: '09:00', ended_time: '10:00' });
    expect(body).not.toHaveProperty('hours');
  });

  it('on a duration account, her entries show it: a logged span is a day and its hours', async () => {
    const fake = await harvest('durations', 'hers');
    companyRefused(fake);
    const body = await logged(fake, await engineOn(fake));
    expect(body).toMatchObject({ spent_date: '2026-11-17', hours: 1 });
    expect(body).not.toHaveProperty('started_time');
  });

  describe('with nothing to go by (no entry of hers in the last weeks)', () => {
    it('on an account of start and end times, a logged span keeps its times and runs no timer', async () => {
      const fake = await harvest('timestamps', 'none');
      companyRefused(fake);
      const engine = await engineOn(fake);
      expect(await logged(fake, engine)).toMatchObject({ spent_date: '2026-11-17', started_time: '09:00', ended_time: '10:00', hours: 1 });
      expect(fake.state.entries).toMatchObject([{ spentDate: '2026-11-17', startedTime: '09:00', endedTime: '10:00' }]);
      expect(timers(fake)).toEqual([]);
      expect(textOf(await engine.call('whoami'))).toContain("tracking durations or start and end times (the company's settings not shown to you)");
    });

    it('on a duration account, a logged span is its hours on its day and runs no timer', async () => {
      const fake = await harvest('durations', 'none');
      companyRefused(fake);
      expect(await logged(fake, await engineOn(fake))).toMatchObject({ spent_date: '2026-11-17', hours: 1 });
      expect(fake.state.entries).toMatchObject([{ spentDate: '2026-11-17', hours: 1 }]);
      expect(timers(fake)).toEqual([]);
    });

    it('on an account of start and end times, a timer started earlier runs from then and stops where asked', async () => {
      const fake = await harvest('timestamps', 'none');
      companyRefused(fake);
      const engine = await engineOn(fake);
      const started = await written(fake, engine, 'clock_in', { project: 'Website', activity: 'Development', start: '07:00' });
      expect(started).toMatchObject({ spent_date: '2026-11-18', started_time: '07:00' });
      expect(started).not.toHaveProperty('hours');
      expect(timers(fake)).toMatchObject([{ startedTime: '07:00', endedTime: null }]);
      expect(await written(fake, engine, 'clock_out', { end: '07:45' })).toMatchObject({ ended_time: '07:45' });
      expect(fake.state.entries).toMatchObject([{ startedTime: '07:00', endedTime: '07:45', timerStartedAt: null }]);
    });
  });

  it('as it was last read, where an earlier start read the company', async () => {
    const fake = await harvest('timestamps', 'none');
    const first = await engineOn(fake);
    expect((await first.call('whoami')).isError).toBeFalsy();
    await first.close();
    companyRefused(fake);
    const body = await logged(fake, await engineOn(fake, first.userDataDir));
    expect(body).toMatchObject({ started_time: '09:00', ended_time: '10:00' });
    expect(body).not.toHaveProperty('hours');
  });
});
