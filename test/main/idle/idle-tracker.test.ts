// The idle question from event to answer: what the window is shown, and what each answer asks of
// the engine, checked against the timer first.
import { describe, expect, it, vi } from 'vitest';
import type { StatusView } from '../../../window-contract/status.ts';
import { awayWords, idlePlan } from '../../../main/idle/idle-answers.ts';
import { createIdleTracker } from '../../../main/idle/idle-tracker.ts';
import { at, idle, running } from '../tray/fixtures.ts';

const ZONE = 'Europe/Berlin';

function setup(status: StatusView = running()) {
  let current = status;
  const calls: string[] = [];
  const tracker = createIdleTracker({
    thresholdMinutes: () => 10,
    timeZone: () => ZONE,
    getStatus: async () => current,
    clockOut: vi.fn(async (request: { end?: string }) => {
      calls.push(`clockOut ${request.end ?? 'now'}`);
      current = idle();
      return current;
    }),
    clockIn: vi.fn(async (request: object) => {
      calls.push(`clockIn ${JSON.stringify(request)}`);
      current = running({}, { id: 8, start: '2026-03-02T10:40:00+01:00' });
      return current;
    }),
  });
  const shown: Array<unknown> = [];
  tracker.onQuestion((question) => shown.push(question));
  tracker.status(current);
  return { tracker, calls, shown, change: (next: StatusView) => (current = next) };
}

/** Away from 10:00 to 10:35 Berlin while entry 7 (since 09:02, Website · Design, a note) ran. */
function away(tracker: ReturnType<typeof setup>['tracker']) {
  tracker.observe({ kind: 'lock', at: at('2026-03-02T10:00:00+01:00'), idleSeconds: 0 });
  tracker.observe({ kind: 'unlock', at: at('2026-03-02T10:35:00+01:00') });
}

describe('the idle question', () => {
  it('is shown with the times in the person’s zone and the entry it is about', () => {
    const { tracker, shown } = setup(running({}, { description: 'Mock-ups' }));
    away(tracker);
    const question = tracker.question();
    expect(question).toMatchObject({
      id: 1,
      since: '2026-03-02T10:00:00+01:00',
      until: '2026-03-02T10:35:00+01:00',
      minutes: 35,
      cause: 'lock',
      entry: { id: 7, project: 'Website' },
    });
    expect(shown).toEqual([question]);
  });

  it('keeps the time: nothing is sent to the engine', async () => {
    const { tracker, calls, shown } = setup();
    away(tracker);
    await tracker.answer(1, 'keep');
    expect(calls).toEqual([]);
    expect(tracker.question()).toBeNull();
    expect(shown.at(-1)).toBeNull();
  });

  it('discards it by clocking out when the absence began, or goes on with the same work from now', async () => {
    const first = setup(running({}, { description: 'Mock-ups' }));
    away(first.tracker);
    await first.tracker.answer(1, 'discard-restart');
    expect(first.calls).toEqual(['clockOut 2026-03-02T10:00:00+01:00', 'clockIn {"project":"Website","activity":"Design","description":"Mock-ups"}']);

    const second = setup();
    away(second.tracker);
    await second.tracker.answer(1, 'discard-stop');
    expect(second.calls).toEqual(['clockOut 2026-03-02T10:00:00+01:00']);

    const third = setup();
    away(third.tracker);
    await third.tracker.answer(1, 'keep-stop');
    expect(third.calls).toEqual(['clockOut now']);
  });

  it('changes nothing when the timer changed before the answer, or the question is an old one', async () => {
    const { tracker, calls, change } = setup();
    away(tracker);
    await expect(tracker.answer(2, 'discard-stop')).rejects.toThrow('That question was already settled; nothing was changed.');
    change(running({}, { id: 9, start: '2026-03-02T10:36:00+01:00' }));
    await expect(tracker.answer(1, 'discard-stop')).rejects.toThrow(
      'The timer changed since Punchcard asked (it was stopped or switched), so nothing was changed.',
    );
    expect(calls).toEqual([]);
    expect(tracker.question()).toBeNull();
  });

  it('plans each answer as engine steps, and words the time away', () => {
    const question = { id: 1, since: 100, until: 200, cause: 'idle' as const, entryId: 7 };
    const entry = running().running;
    expect(idlePlan(question, 'keep', entry)).toEqual({ ok: true, actions: [] });
    expect(idlePlan(question, 'discard-stop', entry)).toEqual({ ok: true, actions: [{ kind: 'clockOut', end: 100 }] });
    expect(idlePlan(question, 'keep', null)).toMatchObject({ ok: false });
    expect([5, 60, 65, 125].map(awayWords)).toEqual(['5 minutes', '1 hour', '1 hour 5 minutes', '2 hours 5 minutes']);
  });
});

describe('the idle question with a timer in each of two connections', () => {
  it('names every timer that ran through the absence and stops each in its own connection', async () => {
    const acme = {
      id: 7,
      start: '2026-03-02T09:02:00+01:00',
      end: null,
      minutes: 83,
      project: 'Website',
      activity: 'Design',
      description: '',
      tracker: 'acme',
    };
    const beta = { ...acme, start: '2026-03-02T09:30:00+01:00', project: 'Support', activity: null, tracker: 'beta' };
    const both = idle({ running: beta, timers: [acme, beta], trackers: [] });
    const stops: unknown[] = [];
    const tracker = createIdleTracker({
      thresholdMinutes: () => 10,
      timeZone: () => ZONE,
      getStatus: async () => both,
      clockOut: async (request) => (stops.push(request), both),
      clockIn: async () => both,
    });
    tracker.status(both);
    away(tracker);
    expect(tracker.question()?.timers?.map((timer) => timer.tracker)).toEqual(['acme', 'beta']);
    await tracker.answer(1, 'discard-stop');
    // The same id in two connections is two timers: each stopped in its own, where the absence began.
    expect(stops).toEqual([
      { end: '2026-03-02T10:00:00+01:00', tracker: 'beta' },
      { end: '2026-03-02T10:00:00+01:00', tracker: 'acme' },
    ]);
  });
});
