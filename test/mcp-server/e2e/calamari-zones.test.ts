// Calamari's terminal takes wall times without a zone and reads them in the zone it keeps for the
// person. Through the built server over stdio, with the settings' zone, the machine's zone and UTC
// all different (Helsinki for the person, New York for the machine), and the employee's zone spelt
// either way or missing: the shift starts and ends at the real moment, and a clock-in Calamari
// accepted is never reported as a failure, even when it was sent in the wrong zone.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { makeUserDataDir, startEngine, textOf } from '../../support/engine.ts';
import { DEFAULT_KEY, type FakeCalamariOptions, seedOrganisation, startFakeCalamari } from '../providers/calamari/fake-calamari.ts';

const opened = closeAfterEach();
const PERSON_ZONE = 'Europe/Helsinki';
const MACHINE_ZONE = 'America/New_York';
/** A clock event lands within this of the moment it was asked for (whole seconds, a slow machine). */
const CLOSE_MS = 5_000;

async function calamari(zoneField: FakeCalamariOptions['employeeZoneField'], settingsZone: string) {
  const fake = opened(await startFakeCalamari({ employeeZoneField: zoneField }));
  seedOrganisation(fake);
  for (const employee of fake.state.employees) employee.timezone = PERSON_ZONE;
  const dir = makeUserDataDir({ provider: { type: 'calamari', url: fake.url, email: 'ada@acme.example' }, timezone: settingsZone });
  const engine = opened(await startEngine({ userDataDir: dir, env: { PUNCHCARD_CALAMARI_TOKEN: DEFAULT_KEY, TZ: MACHINE_ZONE } }));
  const adasShift = () => fake.state.shifts.filter((shift) => shift.employeeId === 1).at(-1);
  return { fake, engine, adasShift };
}

describe("clocking in and out in Calamari's zone for the person", () => {
  const cases: Array<[string, FakeCalamariOptions['employeeZoneField'], string]> = [
    ['the employee list says timeZone', 'timeZone', ''],
    ['the employee list says timezone', 'timezone', ''],
    ['the employee list says none, the settings do', 'none', PERSON_ZONE],
  ];
  for (const [what, field, settingsZone] of cases) {
    it(`${what}: the shift starts and ends now`, async () => {
      const { engine, adasShift } = await calamari(field, settingsZone);
      const before = Date.now();
      const started = await engine.call('clock_in', { project: 'General' });
      expect(started.isError, textOf(started)).toBeFalsy();
      expect(Math.abs((adasShift()?.started ?? 0) - before)).toBeLessThan(CLOSE_MS);
      const stopped = await engine.call('clock_out');
      expect(stopped.isError, textOf(stopped)).toBeFalsy();
      expect(Math.abs((adasShift()?.finished ?? 0) - Date.now())).toBeLessThan(CLOSE_MS);
    });
  }

  it("no zone anywhere but the machine's: the clock-in Calamari took is reported as done, and the zone it used is learned", async () => {
    const { engine, adasShift } = await calamari('none', '');
    const started = await engine.call('clock_in', { project: 'General' });
    // Sent as New York's wall time, read as Helsinki's: seven hours early, and still this request's.
    expect(started.isError, textOf(started)).toBeFalsy();
    expect(textOf(started)).toMatch(/^Clocked in/);
    const recorded = adasShift()?.started ?? 0;
    const reported = Date.parse((started.structuredContent as { started: { start: string } }).started.start);
    expect(Math.abs(reported - recorded)).toBeLessThan(1_000);
    // The listing said the shift was taken in Helsinki: the end goes out in Helsinki's wall time.
    const stopped = await engine.call('clock_out');
    expect(stopped.isError, textOf(stopped)).toBeFalsy();
    expect(Math.abs((adasShift()?.finished ?? 0) - Date.now())).toBeLessThan(CLOSE_MS);
    const end = Date.parse((stopped.structuredContent as { stopped: { end: string } }).stopped.end);
    expect(Math.abs(end - (adasShift()?.finished ?? 0))).toBeLessThan(1_000);
    // And the next shift starts where it should.
    const before = Date.now();
    expect((await engine.call('clock_in', { project: 'General' })).isError).toBeFalsy();
    expect(Math.abs((adasShift()?.started ?? 0) - before)).toBeLessThan(CLOSE_MS);
  });

  it('a shift that was running already (begun elsewhere an hour ago) is still said to run, not taken for this one', async () => {
    const { fake, engine } = await calamari('timeZone', '');
    fake.state.shifts.push({ id: 4200, employeeId: 1, started: Date.now() - 3_600_000, finished: null, breaks: [], projectId: null, description: null });
    const result = await engine.call('clock_in', { project: 'General' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^A timer is already running/);
  });
});
