// A refusal of Kimai's or Clockodo's own reaches the client as data, through the engine in process
// (test/support/engine.ts, startInProcessEngine) against the fakes: the structured part carries the
// code and its facts (contract/outcomes/kimai.ts, clockodo.ts), beside the same sentence as before.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, refusalOf, startInProcessEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_USERS as CLOCKODO_USERS, seedCompany, startFakeClockodo } from '../providers/clockodo/fake-clockodo.ts';
import { DEFAULT_USERS as KIMAI_USERS, seedCatalog, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const opened = closeAfterEach();

describe('a back end of its own refuses as data', () => {
  it('Kimai: clock_in with nothing to resume', async () => {
    const ada = KIMAI_USERS[0] as (typeof KIMAI_USERS)[number];
    const fake = opened(await startFakeKimai({ now: clockStartingAt(NOW) }));
    seedCatalog(fake);
    const dir = makeUserDataDir({ provider: { type: 'kimai', url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_KIMAI_TOKEN: ada.token } }));
    const result = await engine.call('clock_in');
    expect(result.isError).toBe(true);
    expect(refusalOf(result)).toEqual({ code: 'kimai_nothing_to_resume', facts: {} });
    expect(textOf(result)).toBe(
      'Kimai needs a project and an activity to start a timer, and there is no earlier entry to resume. Name them (see list_catalog).',
    );
  });

  it('Clockodo: clock_in with nothing to resume, naming what may be booked', async () => {
    const ada = CLOCKODO_USERS[0] as (typeof CLOCKODO_USERS)[number];
    const fake = opened(await startFakeClockodo({ now: clockStartingAt(NOW) }));
    seedCompany(fake);
    const dir = makeUserDataDir({ provider: { type: 'clockodo', email: ada.email, url: fake.url } });
    const engine = opened(await startInProcessEngine({ userDataDir: dir, env: { PUNCHCARD_NOW: NOW, PUNCHCARD_CLOCKODO_TOKEN: ada.apiKey } }));
    const result = await engine.call('clock_in');
    expect(result.isError).toBe(true);
    expect(refusalOf(result)).toEqual({ code: 'clockodo_nothing_to_resume', facts: { examples: ['Website'] } });
    expect(textOf(result)).toBe(
      'There is no earlier Clockodo entry to resume, and Clockodo needs a project and a service to start a timer. You may book on "Website"; name one (and an activity).',
    );
  });
});
