// Impossible entries from Toggl Track (issue 91), through the built server over real stdio: Toggl listed an entry of
// 87,672 hours (ten years; it keeps none over 999) and one whose stop is an hour before its start, and both were summed
// into reports. Now each is listed as it came, with the notice `entry_impossible` in the answer's structured part and
// its sentence in the text, and the week's total is the ordinary hour alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA_TOKEN, addEntry, type FakeToggl, SEED, seedCatalog, seedWorld, startFakeToggl } from '../providers/toggl/fake-toggl.ts';

const NOW = '2026-11-18T10:00:00+01:00';
const HOUR = 3_600_000;
const TUESDAY = Date.parse('2026-11-17T09:00:00+01:00');

describe('impossible entries from Toggl Track, through the built server', () => {
  let fake: FakeToggl;
  let engine: EngineHandle;
  const ids = { long: 0, backwards: 0, ordinary: 0 };

  beforeAll(async () => {
    fake = await startFakeToggl({ now: clockStartingAt(NOW), quotas: { user: 1_000, organisation: 1_000 } });
    seedWorld(fake);
    const catalog = seedCatalog(fake, { customer: 'Acme', projects: [{ name: 'Website' }], task: 'Development' });
    const projectId = catalog.Website ?? null;
    const entry = (start: number, stop: number, description: string) => addEntry(fake, { userId: SEED.users.ada, start, stop, projectId, description }).id;
    ids.long = entry(TUESDAY, TUESDAY + 87_672 * HOUR, 'Ten years');
    ids.backwards = entry(TUESDAY + 3 * HOUR, TUESDAY + 2 * HOUR, 'Backwards');
    ids.ordinary = entry(TUESDAY + 5 * HOUR, TUESDAY + 6 * HOUR, 'An ordinary hour');
    const userDataDir = makeUserDataDir({ provider: { type: 'toggl', url: fake.url }, timezone: 'Europe/Berlin' });
    engine = await startEngine({ userDataDir, args: ['--all-tools'], env: { PUNCHCARD_NOW: NOW, PUNCHCARD_TOGGL_TOKEN: ADA_TOKEN } });
  });
  afterAll(async () => {
    await engine?.close();
    await fake?.close();
  });

  it('lists them as Toggl keeps them, each with a notice that names it and why', async () => {
    const result = await engine.call('list_time_entries', { from: '2026-11-17', to: '2026-11-17' });
    expect(result.isError).toBeFalsy();
    const entries = result.structuredContent?.entries as Array<{ id: number; start: string; end: string }>;
    expect(entries.map((entry) => entry.id)).toEqual([ids.long, ids.backwards, ids.ordinary]);
    expect(entries[0]).toMatchObject({ start: '2026-11-17T09:00:00+01:00', end: '2036-11-17T09:00:00+01:00' });
    expect(result.structuredContent?.notices).toEqual([
      {
        code: 'entry_impossible',
        facts: expect.objectContaining({ entry: ids.long, why: 'too_long', hours: 87_672, longest_hours: 999, limit: 'back_end' }),
      },
      {
        code: 'entry_impossible',
        facts: expect.objectContaining({
          entry: ids.backwards,
          why: 'ends_before_start',
          start: '2026-11-17T12:00:00+01:00',
          end: '2026-11-17T11:00:00+01:00',
        }),
      },
    ]);
    expect(textOf(result)).toContain(`Time entry #${ids.long} in Toggl Track`);
    expect(textOf(result)).toContain('lasts 87,672 hours');
  });

  it("counts neither in the week's report, and says so there too", async () => {
    const result = await engine.call('time_report', { from: '2026-11-16', to: '2026-11-22' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ total_minutes: 60 });
    expect((result.structuredContent?.notices as Array<{ facts: { entry: number } }>).map((notice) => notice.facts.entry)).toEqual([ids.long, ids.backwards]);
    expect(textOf(result)).toMatch(/^Total 1 h from 2026-11-16 to 2026-11-22;/);
    const status = await engine.call('timer_status');
    expect(status.structuredContent).toMatchObject({ week_minutes: 60 });
  });
});
