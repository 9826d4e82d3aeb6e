// The back ends that keep no custom fields on time entries (the local timesheet, Clockodo, Calamari; issue 78,
// docs/tools.md, "Custom fields"): a `fields` argument of any tool that writes an entry is
// refused in words naming the back end, with its code, before anything is sent (the fakes' request logs). An
// entry taken without fields, or with none given, is the behaviour suite's (test/behaviour/custom-fields.test.ts).
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_KEY, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';
import { DEFAULT_USERS, type FakeUser, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';

const opened = closeAfterEach();
const NOW = '2026-11-18T15:00:00+01:00';
const TOOLS = { enabled: { update_time_entry: true, record_agent_time: true } };

/** Each tool that writes an entry, with `fields` and what else it needs to get that far. */
const WRITES: Array<[string, Record<string, unknown>]> = [
  ['log_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', fields: { ticket: 'T-1' } }],
  ['clock_in', { project: 'Website', fields: { ticket: 'T-1' } }],
  ['clock_out', { fields: { ticket: 'T-1' } }],
  ['update_time_entry', { id: 1, fields: { ticket: 'T-1' } }],
  ['record_agent_time', { start: '2026-11-18T09:00', end: '2026-11-18T10:00', project: 'Website', description: 'Review', fields: { ticket: 'T-1' } }],
];

async function refusesEach(engine: InProcessEngineHandle, sent: () => number, backEnd: RegExp, offeredNot: readonly string[] = []): Promise<void> {
  for (const [tool, args] of WRITES.filter(([name]) => !offeredNot.includes(name))) {
    const before = sent();
    const result = await engine.call(tool, args);
    expect(refusalOf(result), tool).toEqual({ code: 'custom_fields_none', facts: { back_end: expect.stringMatching(backEnd) } });
    expect(textOf(result)).toMatch(/has no custom fields on time entries: leave fields out\. Nothing was sent\./);
    expect(sent(), tool).toBe(before);
  }
}

describe('fields on a back end without custom fields', () => {
  it('the local timesheet refuses them in words', async () => {
    const userDataDir = makeUserDataDir({ timezone: 'Europe/Berlin', tools: TOOLS });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW } }));
    await refusesEach(engine, () => 0, /^Local timesheet$/);
  });

  it('Clockodo refuses them before any request', async () => {
    const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
    seedCompany(fake);
    const ada = DEFAULT_USERS[0] as FakeUser;
    const userDataDir = makeUserDataDir({ provider: { type: 'clockodo', email: ada.email, url: fake.url }, timezone: 'Europe/Berlin', tools: TOOLS });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey } }));
    await engine.call('whoami');
    await refusesEach(engine, () => fake.requests.length, /^Clockodo/);
  });

  it('Calamari refuses them before any request', async () => {
    const fake = opened(await startFakeCalamari());
    seedOrganisation(fake);
    const userDataDir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' }, timezone: 'Europe/Berlin', tools: TOOLS });
    const engine = opened(await startInProcessEngine({ userDataDir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY } }));
    await engine.call('timer_status');
    // Calamari's API changes no shift: update_time_entry is not offered there.
    await refusesEach(engine, () => fake.requests.length, /^Calamari/, ['update_time_entry']);
  });
});
