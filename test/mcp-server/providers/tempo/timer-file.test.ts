// Punchcard's own timer on Tempo, as the data folder keeps it (mcp-server/providers/tempo/timer-file.ts): read afresh by
// another process (or after a restart), one timer per login and site beside another's, cleared only while it is the
// one kept, a damaged file as no timer, and a file that cannot be written refused in words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackEndError } from '../../../../mcp-server/providers/back-end-error.ts';
import { isTimerNumber, TEMPO_TIMERS_FILE, TimerFile, timerNumber, type TimerRecord } from '../../../../mcp-server/providers/tempo/timer-file.ts';

const folders: string[] = [];
const folder = () => {
  const made = mkdtempSync(join(tmpdir(), 'punchcard-tempo-timer-'));
  folders.push(made);
  return made;
};
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

const START = Date.parse('2026-11-18T09:00:00+01:00');
const timer: TimerRecord = {
  number: timerNumber(START),
  start: START,
  issueId: 10412,
  issueKey: 'WEB-12',
  summary: 'Fix login',
  project: { id: 10000, name: 'Website' },
  description: 'Landing page',
  attributes: [{ key: '_WorkType_', name: 'Work Type', value: 'Development' }],
};

describe("Punchcard's timer on Tempo", () => {
  it('is read afresh by another process, or after a restart, and cleared for everyone', async () => {
    const place = folder();
    new TimerFile(place, 'ada@example.com at https://acme.atlassian.net').write(timer);
    const later = new TimerFile(place, 'ada@example.com at https://acme.atlassian.net');
    expect(await later.read()).toEqual(timer);
    await later.clear(timer.number);
    expect(await new TimerFile(place, 'ada@example.com at https://acme.atlassian.net').read()).toBeNull();
  });

  it('keeps one timer per login and site, and clears only the one it names while it is kept', async () => {
    const place = folder();
    const ada = new TimerFile(place, 'ada@example.com at https://acme.atlassian.net');
    const bob = new TimerFile(place, 'bob@example.com at https://acme.atlassian.net');
    ada.write(timer);
    bob.write({ ...timer, description: "Bob's" });
    await ada.clear(timer.number + 1);
    expect(await ada.read()).toEqual(timer);
    await ada.clear(timer.number);
    expect(await ada.read()).toBeNull();
    expect((await bob.read())?.description).toBe("Bob's");
  });

  it('takes a damaged or foreign file for no timer, and a timer of the wrong shape for none', async () => {
    const place = folder();
    writeFileSync(join(place, TEMPO_TIMERS_FILE), '{ not json');
    expect(await new TimerFile(place, 'k').read()).toBeNull();
    writeFileSync(join(place, TEMPO_TIMERS_FILE), JSON.stringify({ k: { ...timer, issueId: 'WEB-12' } }));
    expect(await new TimerFile(place, 'k').read()).toBeNull();
  });

  it('refuses in words, naming the file, where it cannot be written: no timer that is not kept', () => {
    // A data folder that is a file: nothing can be written below it, whoever runs the test (root included).
    const place = join(folder(), 'not-a-folder');
    writeFileSync(place, '');
    let refused: unknown;
    try {
      new TimerFile(place, 'k').write(timer);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(BackEndError);
    expect((refused as BackEndError).refusal).toMatchObject({ code: 'tempo_timer_not_kept', facts: { file: join(place, TEMPO_TIMERS_FILE) } });
  });

  it("numbers a timer past every worklog's, by the second it started", () => {
    expect(isTimerNumber(timerNumber(START))).toBe(true);
    expect(isTimerNumber(2_147_483_647)).toBe(false);
    expect(timerNumber(START + 999)).toBe(timerNumber(START));
    expect(Number.isSafeInteger(timerNumber(START))).toBe(true);
  });
});
