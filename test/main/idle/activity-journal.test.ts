// The app's minute looks for the evidence journal: a span from one look to the next while the person
// is at the computer, nothing while they are away, asleep or have the switch off.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { ACTIVITY_TICK_MS, type ActivitySource, activitySourceOf, createActivityRecorder, DEFAULT_AWAY_MINUTES } from '../../../main/idle/activity-journal.ts';
import { at } from '../tray/fixtures.ts';

const START = at('2026-03-02T09:00:00+01:00');
const MINUTE = 60_000;

/** A recorder on a clock and an idle time the test sets, and the spans it recorded (minutes after START). */
function looks(options: { enabled?: boolean; thresholdMinutes?: number } = {}) {
  const state = { now: START, idleSeconds: 0, enabled: options.enabled ?? true };
  const recorded: [number, number][] = [];
  const source: ActivitySource = {
    enabled: () => state.enabled,
    thresholdMinutes: () => options.thresholdMinutes ?? 10,
    record: async (start, end) => {
      recorded.push([(start - START) / MINUTE, (end - START) / MINUTE]);
    },
  };
  const recorder = createActivityRecorder(
    source,
    () => state.idleSeconds,
    () => state.now,
  );
  /** Moves the clock a minute on (or `ms`) with the system idle for `idleSeconds`, and looks. */
  const tick = (idleSeconds = 0, ms = ACTIVITY_TICK_MS) => {
    state.now += ms;
    state.idleSeconds = idleSeconds;
    recorder.tick();
  };
  return { state, recorded, recorder, tick };
}

describe('the activity looks', () => {
  it('records a span from each look to the next while the person is there', () => {
    const { recorded, recorder, tick } = looks();
    recorder.tick();
    tick(3);
    tick(40);
    tick(0);
    expect(recorded).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('records nothing while the system is idle past the threshold, and starts again at the second look after', () => {
    const { recorded, recorder, tick } = looks({ thresholdMinutes: 10 });
    recorder.tick();
    tick(9 * 60 + 59);
    tick(10 * 60);
    tick(11 * 60);
    tick(5);
    tick(65);
    expect(recorded).toEqual([
      [0, 1],
      [4, 5],
    ]);
  });

  it(`takes ${DEFAULT_AWAY_MINUTES} minutes as away where the idle question is off`, () => {
    const { recorded, recorder, tick } = looks({ thresholdMinutes: 0 });
    recorder.tick();
    tick(DEFAULT_AWAY_MINUTES * 60 - 1);
    tick(DEFAULT_AWAY_MINUTES * 60);
    expect(recorded).toEqual([[0, 1]]);
  });

  it('does not cover a gap it did not see: a look long after the last (sleep) or before it (the clock set back)', () => {
    const { recorded, recorder, tick } = looks();
    recorder.tick();
    tick(0, 2 * ACTIVITY_TICK_MS);
    tick(0, 3 * ACTIVITY_TICK_MS);
    tick(0);
    tick(0, -10 * MINUTE);
    tick(0);
    expect(recorded).toEqual([
      [0, 2],
      [5, 6],
      [-4, -3],
    ]);
  });

  it('records nothing with the switch off, and after switching it on starts at the second look', () => {
    const { state, recorded, recorder, tick } = looks({ enabled: false });
    recorder.tick();
    tick();
    tick();
    expect(recorded).toEqual([]);
    state.enabled = true;
    tick();
    tick();
    state.enabled = false;
    tick();
    state.enabled = true;
    tick();
    expect(recorded).toEqual([[3, 4]]);
  });
});

describe('the source from the settings', () => {
  const withActivity = (enabled: boolean, idleMinutes: number): Settings => {
    const settings = defaultSettings();
    return { ...settings, evidence: { ...settings.evidence, activity: { enabled } }, app: { ...settings.app, idleMinutes } };
  };

  it('follows evidence.activity and the idle minutes as they are at each look', () => {
    let current = withActivity(false, 10);
    const source = activitySourceOf(
      () => current,
      async () => {},
    );
    expect([source.enabled(), source.thresholdMinutes()]).toEqual([false, 10]);
    current = withActivity(true, 0);
    expect([source.enabled(), source.thresholdMinutes()]).toEqual([true, 0]);
    // A file without the evidence object is read with every source off (the contract's defaults).
    expect(activitySourceOf(defaultSettings, async () => {}).enabled()).toBe(false);
  });

  it('records nothing where the settings cannot be read', () => {
    const source = activitySourceOf(
      () => {
        throw new Error('config.json is not JSON');
      },
      async () => {},
    );
    expect([source.enabled(), source.thresholdMinutes()]).toEqual([false, 0]);
  });
});
