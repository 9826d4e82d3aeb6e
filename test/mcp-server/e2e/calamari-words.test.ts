// What Punchcard says on Calamari where a call cannot go on, through the engine in process
// (test/support/engine.ts, startInProcessEngine): a module switched off, no key, nothing running, a clock-in
// Calamari confirms but does not list, an answer to a created shift without its id, an organisation
// without a vacation type, a person without break types. Each is one isError sentence that says
// what happened and what to do.
import { describe, expect, it } from 'vitest';
import { calamariFacts, calamariFactsKey } from '../../../mcp-server/providers/calamari/facts.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import {
  DEFAULT_KEY,
  type FakeCalamari,
  type FakeCalamariOptions,
  SEED,
  seedOrganisation,
  startFakeCalamari,
  wallTimeToEpoch,
} from '../providers/calamari/fake-calamari.ts';

// Wednesday morning, 08:00 in Berlin.
const NOW = '2026-11-18T08:00:00+01:00';
const ADA = 'ada@acme.example';
const opened = closeAfterEach();

/**
 * The seeded organisation, changed by `prepare` before the engine starts; with `remembered`, the
 * modules as a connection test left them (both in use), so no check in the background runs first.
 */
async function calamari(options: FakeCalamariOptions & { sentKey?: string | null; remembered?: boolean; prepare?: (fake: FakeCalamari) => void } = {}) {
  const fake = opened(await startFakeCalamari({ now: clockStartingAt(NOW), ...options }));
  seedOrganisation(fake);
  options.prepare?.(fake);
  const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: ADA } });
  if (options.remembered) {
    calamariFacts.write(
      userDataDir,
      calamariFactsKey({ url: fake.url, email: ADA }),
      { timeAndAttendance: true, timeOff: true, checkedAt: NOW, timezone: 'Europe/Berlin' },
      (message) => {
        throw new Error(message);
      },
    );
  }
  // The key the engine sends (none: none is stored); `key` is the one the fake accepts.
  const key = options.sentKey === undefined ? DEFAULT_KEY : options.sentKey;
  const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, ...(key === null ? {} : { PUNCHCARD_CALAMARI_TOKEN: key }) } }));
  const say = async (tool: string, args: Record<string, unknown> = {}) => {
    const result = await engine.call(tool, args);
    expect(result.isError, textOf(result)).toBe(true);
    return textOf(result);
  };
  return { fake, engine, say };
}

const runningSince = (time: string) => ({
  id: 4000,
  employeeId: 1,
  started: wallTimeToEpoch('2026-11-18', time, 'Europe/Berlin'),
  finished: null,
  breaks: [],
  projectId: null,
  description: null,
});

describe('what Punchcard says on Calamari', () => {
  it('a module the organisation does not use: what the key may not do, and whom to ask', async () => {
    const { say } = await calamari({ modules: { timeOff: false }, remembered: true });
    expect(await say('list_leave_requests')).toBe(
      'The Calamari API key may not list your leave requests (403): Time Off is not in use by your organisation, or the key lacks that group of endpoints. Ask your Calamari administrator.',
    );
  });

  it('no key stored: where to save one', async () => {
    const { say } = await calamari({ sentKey: null, remembered: true });
    expect(await say('timer_status')).toMatch(
      /^No Calamari API key is stored for http:\/\/127\.0\.0\.1:\d+, so Punchcard could not read your shifts\. Save the key your administrator gave you in the Punchcard app, or set PUNCHCARD_CALAMARI_TOKEN\.$/,
    );
  });

  it('a break without a shift, and the end of a break without one', async () => {
    const { engine, say } = await calamari({ remembered: true });
    expect(await say('start_break')).toBe('No shift is running; clock in before taking a break.');
    expect(await say('end_break')).toBe('No shift is running.');
    // The refusal as data beside its words.
    expect(refusalOf(await engine.call('end_break'))).toEqual({ code: 'calamari_shift_not_running', facts: {} });
  });

  it('a clock-in Calamari confirms but does not list', async () => {
    const { fake, engine } = await calamari({ remembered: true });
    // The look before the clock-in finds nothing running, as it is; the listing after it finds nothing either.
    fake.failNext({ path: '/api/clockin/timesheetentries/v1/find' }, { status: 200, body: [], times: 2 });
    const result = await engine.call('clock_in');
    expect(textOf(result)).toBe('Calamari confirmed the clock-in but lists no running shift.');
    expect(refusalOf(result)).toEqual({ code: 'calamari_clock_in_unlisted', facts: {} });
  });

  it('a switch to a shift that would begin before the running one', async () => {
    const { fake, say } = await calamari({ remembered: true, prepare: (fake) => fake.state.shifts.push(runningSince('07:00:00')) });
    expect(await say('clock_in', { start: '06:30', switch: true })).toBe('The new shift would start before the running one did.');
    expect(fake.state.shifts.map((shift) => shift.finished)).toEqual([null]);
  });

  it('a person without break types: whom to ask', async () => {
    const { say } = await calamari({
      remembered: true,
      prepare: (fake) => {
        fake.state.shifts.push(runningSince('07:00:00'));
        fake.state.breakTypes.splice(0);
      },
    });
    expect(await say('start_break')).toBe('Calamari has no break type you may take; ask your Calamari administrator.');
  });

  it('an organisation without a type Punchcard takes for vacation: its types, and that no balance can be read', async () => {
    const { say } = await calamari({
      remembered: true,
      prepare: (fake) => {
        fake.state.absenceTypes = fake.state.absenceTypes.filter((type) => type.id !== SEED.absenceTypes.annualLeave);
      },
    });
    expect(await say('leave_balance')).toBe(
      'Punchcard recognises no vacation type among your organisation\'s Calamari types ("Sick leave", "Remote work", "Unpaid leave", "Overtime pickup"), so it cannot read a vacation balance.',
    );
  });
});

describe('a shift added without its id in the answer (the answer of create is not documented)', () => {
  const create = '/api/clockin/timesheetentries/v1/create';
  const yesterday = { start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T11:00:00+01:00' };

  it('is found where it was put', async () => {
    const { fake, engine } = await calamari({ remembered: true });
    // Calamari took the shift (here: the test puts it in) and answered with no body.
    fake.failNext({ path: create }, { status: 200, raw: '' });
    fake.state.shifts.push({
      id: 4300,
      employeeId: 1,
      started: Date.parse(yesterday.start),
      finished: Date.parse(yesterday.end),
      breaks: [],
      projectId: null,
      description: null,
    });
    const result = await engine.call('log_time', yesterday);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toBe('Logged 2 h on no project, 09:00–11:00 (#4300).');
    expect(result.structuredContent).toMatchObject({ entry: { id: 4300, start: yesterday.start, end: yesterday.end } });
  });

  it('not found: says to check the timesheet before adding it again', async () => {
    const { fake, engine } = await calamari({ remembered: true });
    fake.failNext({ path: create }, { status: 200, raw: '' });
    const result = await engine.call('log_time', yesterday);
    expect(textOf(result)).toBe('Calamari accepted the shift but does not list it; check your timesheet in Calamari before adding it again.');
    expect(refusalOf(result)).toEqual({ code: 'calamari_shift_added_unlisted', facts: {} });
  });
});
