// Noticing time away while a timer runs: when it begins, when the person is back, when that raises a
// question, and when the adapter should look again.
import { describe, expect, it } from 'vitest';
import {
  AWAY_SAMPLE_MS,
  type IdleContext,
  type IdleEvent,
  idleStep,
  INITIAL_IDLE_STATE,
  type IdleState,
  nextSampleDelay,
} from '../../../main/idle/idle-model.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-18T10:00:00+01:00');
const TIMER = { id: 7, start: T0 - 60 * MINUTE };
const ON: IdleContext = { thresholdMinutes: 10, running: TIMER };

/** Runs events in order and returns the last state and every question raised. */
function run(events: IdleEvent[], context: IdleContext = ON, from: IdleState = INITIAL_IDLE_STATE) {
  let state = from;
  const asked = [];
  for (const event of events) {
    const next = idleStep(state, event, context);
    state = next.state;
    if (next.asked) asked.push(next.asked);
  }
  return { state, asked };
}

const at = (minutes: number) => T0 + minutes * MINUTE;

describe('idle detection', () => {
  it('counts away from the last input, and asks once the person is back after at least the threshold', () => {
    const { state, asked } = run([
      { kind: 'sample', at: at(5), idleSeconds: 5 * 60 },
      { kind: 'sample', at: at(12), idleSeconds: 12 * 60 },
      { kind: 'sample', at: at(30), idleSeconds: 30 * 60 },
      // The mouse moved at minute 35.
      { kind: 'sample', at: at(35) + 2000, idleSeconds: 2 },
    ]);
    expect(asked).toEqual([{ id: 1, since: at(0), until: at(35), cause: 'idle', entryId: 7 }]);
    expect(state).toMatchObject({ awaySince: null, question: asked[0], nextId: 2 });
  });

  it('asks nothing for a pause shorter than the threshold, with the threshold off, or without a timer', () => {
    expect(
      run([
        { kind: 'sample', at: at(9), idleSeconds: 9 * 60 },
        { kind: 'sample', at: at(10), idleSeconds: 1 },
      ]).asked,
    ).toEqual([]);
    const away = [
      { kind: 'sample', at: at(20), idleSeconds: 20 * 60 },
      { kind: 'sample', at: at(21), idleSeconds: 1 },
    ] as IdleEvent[];
    expect(run(away, { ...ON, thresholdMinutes: 0 }).asked).toEqual([]);
    expect(run(away, { ...ON, running: null }).asked).toEqual([]);
  });

  it('asks about the time since the timer started when it started while the person was away', () => {
    const late = { id: 8, start: at(15) };
    const { asked } = run(
      [
        { kind: 'sample', at: at(40), idleSeconds: 40 * 60 },
        { kind: 'sample', at: at(41), idleSeconds: 0 },
      ],
      { ...ON, running: late },
    );
    expect(asked).toEqual([{ id: 1, since: at(15), until: at(41), cause: 'idle', entryId: 8 }]);
  });

  it('counts sleep from when the computer went to sleep (or was idle before), and asks on waking', () => {
    const { asked } = run([
      { kind: 'suspend', at: at(3), idleSeconds: 60 },
      { kind: 'resume', at: at(90) },
    ]);
    expect(asked).toEqual([{ id: 1, since: at(2), until: at(90), cause: 'sleep', entryId: 7 }]);
  });

  it('waits for the unlock when the screen locked before sleeping, and calls it sleep', () => {
    const { asked, state } = run([
      { kind: 'lock', at: at(0), idleSeconds: 0 },
      { kind: 'suspend', at: at(1), idleSeconds: 60 },
      { kind: 'resume', at: at(60) },
      // The lock screen's own idle time says nothing about the person.
      { kind: 'sample', at: at(61), idleSeconds: 0 },
    ]);
    expect(asked).toEqual([]);
    expect(state.locked).toBe(true);
    const back = run([{ kind: 'unlock', at: at(62) }], ON, state);
    expect(back.asked).toEqual([{ id: 1, since: at(0), until: at(62), cause: 'sleep', entryId: 7 }]);
  });

  it('drops the question when the timer it is about stops or changes, and forgets an absence without a timer', () => {
    const asked = run([
      { kind: 'lock', at: at(0), idleSeconds: 0 },
      { kind: 'unlock', at: at(20) },
    ]);
    expect(asked.state.question).not.toBeNull();
    expect(run([{ kind: 'status', running: TIMER }], ON, asked.state).state.question).not.toBeNull();
    expect(run([{ kind: 'status', running: { id: 9, start: at(21) } }], ON, asked.state).state.question).toBeNull();
    expect(run([{ kind: 'status', running: null }], ON, asked.state).state).toMatchObject({ question: null, awaySince: null });
    // An answer settles its own question only.
    expect(run([{ kind: 'answered', id: 99 }], ON, asked.state).state.question).not.toBeNull();
    expect(run([{ kind: 'answered', id: 1 }], ON, asked.state).state.question).toBeNull();
  });

  it('looks again when the threshold could first be reached, often while away, and not at all when off or locked', () => {
    expect(nextSampleDelay(INITIAL_IDLE_STATE, ON, 0)).toBe(10 * MINUTE);
    expect(nextSampleDelay(INITIAL_IDLE_STATE, ON, 4 * 60)).toBe(6 * MINUTE + 1000);
    expect(nextSampleDelay(INITIAL_IDLE_STATE, ON, 30 * 60)).toBe(AWAY_SAMPLE_MS);
    const away = run([{ kind: 'sample', at: at(12), idleSeconds: 12 * 60 }]).state;
    expect(nextSampleDelay(away, ON, 12 * 60)).toBe(AWAY_SAMPLE_MS);
    expect(nextSampleDelay(INITIAL_IDLE_STATE, { ...ON, thresholdMinutes: 0 }, 0)).toBeNull();
    expect(nextSampleDelay(INITIAL_IDLE_STATE, { ...ON, running: null }, 0)).toBeNull();
    expect(nextSampleDelay(run([{ kind: 'lock', at: at(0), idleSeconds: 0 }]).state, ON, 0)).toBeNull();
  });
});
