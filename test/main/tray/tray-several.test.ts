// The tray with two or more connections (issue 86): each running timer named with its connection,
// Clock out per timer, recent work of every connection labelled, every action passing its `tracker`.
import { describe, expect, it } from 'vitest';
import { nextRefreshDelay, shortcutAction, trayModel, type MenuItemSpec, type TrayInput } from '../../../main/tray/tray-model.ts';
import { timerCall, type TimerCalls } from '../../../main/tray/timer-call.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { ZONE, at, entry, idle } from './fixtures.ts';

const NOW = at('2026-03-02T10:25:00+01:00');
const trackers = [
  { name: 'acme', isDefault: true, todayMinutes: 200, weekMinutes: 900 },
  { name: 'beta', isDefault: false, todayMinutes: 110, weekMinutes: 300 },
];
const work = [
  { project: 'Website', activity: 'Design', description: '', tracker: 'acme' },
  { project: 'Website', activity: 'Design', description: '', tracker: 'beta' },
  { project: 'Support', activity: null, description: '', tracker: 'beta' },
];

function timer(tracker: string, start: string, fields: Partial<EntryView> = {}): EntryView {
  return entry(start, { tracker, minutes: Math.floor((NOW - at(start)) / 60_000), ...fields });
}

function severalStatus(timers: EntryView[], fields: Partial<StatusView> = {}): StatusView {
  return idle({ trackers, timers, running: timers.at(-1) ?? null, recentWork: work, timerMode: 'one_overall', ...fields });
}

function model(status: StatusView, fields: Partial<TrayInput> = {}) {
  return trayModel({ status, now: NOW, platform: 'linux', clients: [], timeZone: ZONE, ...fields });
}

function outline(menu: MenuItemSpec[]): unknown[] {
  return menu.map((item) => {
    if (item.type === 'separator') return '---';
    const label = item.enabled ? item.label : `(${item.label})`;
    return item.type === 'submenu' ? [label, outline(item.submenu)] : label;
  });
}

function actionOf(menu: MenuItemSpec[], label: string): unknown {
  for (const item of menu) {
    if (item.type === 'normal' && item.label === label) return item.action;
    if (item.type === 'submenu') {
      const inner = actionOf(item.submenu, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

describe('the tray with several connections', () => {
  it('names the running timer with its connection on the first line, and clocks out that connection’s timer', () => {
    const { menu, tooltip } = model(severalStatus([timer('acme', '2026-03-02T09:02:00+01:00')]));
    expect(outline(menu).slice(0, 3)).toEqual([
      '(acme: Website · Design since 09:02 — 1 h 23 min)',
      'Clock out',
      ['Switch to', ['beta: Website · Design', 'beta: Support']],
    ]);
    expect(actionOf(menu, 'Clock out')).toEqual({ kind: 'clockOut', tracker: 'acme' });
    expect(actionOf(menu, 'beta: Website · Design')).toEqual({ kind: 'clockIn', project: 'Website', activity: 'Design', tracker: 'beta' });
    expect(tooltip).toBe('Punchcard — 1 h 23 min on acme: Website · Design');
  });

  it('with a timer per connection, a line and a Clock out for each, the shortcut beside the latest started', () => {
    const status = severalStatus(
      [timer('acme', '2026-03-02T09:02:00+01:00'), timer('beta', '2026-03-02T10:00:00+01:00', { id: 7, project: 'Support', activity: null })],
      {
        timerMode: 'per_tracker',
      },
    );
    const { menu, tooltip } = model(status, { shortcut: 'CommandOrControl+Alt+P' });
    expect(outline(menu).slice(0, 5)).toEqual([
      '(acme: Website · Design since 09:02 — 1 h 23 min)',
      '(beta: Support since 10:00 — 25 min)',
      'Clock out of acme',
      'Clock out of beta',
      ['Also clock in', ['beta: Website · Design']],
    ]);
    // The same entry id in two connections is two timers, each stopped in its own connection.
    expect(actionOf(menu, 'Clock out of acme')).toEqual({ kind: 'clockOut', tracker: 'acme' });
    expect(actionOf(menu, 'Clock out of beta')).toEqual({ kind: 'clockOut', tracker: 'beta' });
    const accelerators = menu.flatMap((item) => (item.type === 'normal' && item.accelerator ? [item.label] : []));
    expect(accelerators).toEqual(['Clock out of beta']);
    expect(shortcutAction(status)).toEqual({ kind: 'clockOut', tracker: 'beta' });
    expect(tooltip).toBe('Punchcard — acme 1 h 23 min, beta 25 min');
    // Today's total ticks with both timers: 310 min at 10:25, two more minutes each at 10:27.
    const later = trayModel({ status, now: NOW + 2 * 60_000, platform: 'linux', clients: [], timeZone: ZONE });
    expect(outline(later.menu)).toContain('(Today: 5 h 14 min)');
  });

  it('offers breaks per running timer, each in its own connection', () => {
    const status = severalStatus(
      [
        timer('acme', '2026-03-02T09:02:00+01:00'),
        timer('beta', '2026-03-02T10:00:00+01:00', { breaks: [{ type: 'Lunch', start: '2026-03-02T10:10:00+01:00', end: null, minutes: 15 }] }),
      ],
      { breaksSupported: true, timerMode: 'per_tracker' },
    );
    const { menu } = model(status);
    expect(outline(menu).slice(1, 6)).toEqual([
      '(beta: on a break (Lunch) since 10:10 — shift on Website · Design since 10:00)',
      'Clock out of acme',
      'Start break of acme',
      'End break of beta',
      'Clock out of beta',
    ]);
    expect(actionOf(menu, 'Start break of acme')).toEqual({ kind: 'startBreak', tracker: 'acme' });
    expect(actionOf(menu, 'End break of beta')).toEqual({ kind: 'endBreak', tracker: 'beta' });
  });

  it('offers recent work of every connection under Clock in, each labelled, and no project in each connection', () => {
    const { menu } = model(severalStatus([]));
    expect(outline(menu).slice(0, 2)).toEqual([
      '(Not clocked in)',
      ['Clock in', ['(Recent work)', 'acme: Website · Design', 'beta: Website · Design', 'beta: Support', '---', 'acme: no project', 'beta: no project']],
    ]);
    expect(actionOf(menu, 'beta: Support')).toEqual({ kind: 'clockIn', project: 'Support', tracker: 'beta' });
    expect(actionOf(menu, 'beta: no project')).toEqual({ kind: 'clockIn', tracker: 'beta' });
    expect(shortcutAction(severalStatus([]))).toEqual({ kind: 'clockIn', project: 'Website', activity: 'Design', tracker: 'acme' });
  });

  it('says the rest on Clock in with several connections too', () => {
    const { menu } = model(severalStatus([]), { clockInRest: { rules: 'de', until: at('2026-03-02T11:15:00+01:00') } });
    expect(outline(menu)[1]).toEqual([
      'Clock in — rest until 11:15 (section 5 ArbZG)',
      ['(Recent work)', 'acme: Website · Design', 'beta: Website · Design', 'beta: Support', '---', 'acme: no project', 'beta: no project'],
    ]);
  });

  it('names the connections of the timers the idle question is about', () => {
    const beta = timer('beta', '2026-03-02T09:10:00+01:00');
    const timers = [timer('acme', '2026-03-02T09:02:00+01:00'), beta];
    const question = {
      id: 3,
      since: '2026-03-02T09:40:00+01:00',
      until: '2026-03-02T10:15:00+01:00',
      minutes: 35,
      cause: 'idle' as const,
      entry: beta,
      timers,
    };
    expect(outline(model(severalStatus(timers), { idle: question }).menu)[2]).toEqual([
      'Away 35 min since 09:40 (acme, beta): keep that time?',
      ['Keep it and keep working', 'Keep it and clock out now', 'Discard it: clock out at 09:40', 'Discard it and start again now'],
    ]);
  });

  it('wakes for the minute of whichever timer ticks first', () => {
    // acme (started first, at 09:02:30) ticks 30 s after 10:25:00; beta (the latest, at 10:00:00) a minute after.
    const status = severalStatus([timer('acme', '2026-03-02T09:02:30+01:00'), timer('beta', '2026-03-02T10:00:00+01:00')]);
    expect(nextRefreshDelay(status, NOW, ZONE)).toBe(30_000);
  });
});

describe('the timer calls with several connections', () => {
  it('passes the connection of each action to the call, and nothing of the kind with one', async () => {
    const seen: unknown[] = [];
    const status = idle();
    const calls: TimerCalls = {
      clockIn: async (request) => (seen.push(['clockIn', request]), status),
      clockOut: async (...args) => (seen.push(['clockOut', ...args]), status),
      startBreak: async (...args) => (seen.push(['startBreak', ...args]), status),
      endBreak: async (...args) => (seen.push(['endBreak', ...args]), status),
    };
    for (const action of [
      { kind: 'clockIn', project: 'Support', tracker: 'beta' },
      { kind: 'clockOut', tracker: 'beta' },
      { kind: 'startBreak', tracker: 'acme' },
      { kind: 'endBreak', tracker: 'acme' },
      { kind: 'clockOut' },
    ] as const) {
      await timerCall(action, calls)?.();
    }
    expect(seen).toEqual([
      ['clockIn', { project: 'Support', tracker: 'beta' }],
      ['clockOut', { tracker: 'beta' }],
      ['startBreak', undefined, 'acme'],
      ['endBreak', 'acme'],
      ['clockOut'],
    ]);
  });
});
