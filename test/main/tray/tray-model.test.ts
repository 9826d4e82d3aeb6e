import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lengthText,
  nextRefreshDelay,
  RECENT_PROJECTS_MAX,
  shortcutAction,
  TOOLTIP_MAX,
  trayModel,
  type MenuItemSpec,
  type TrayInput,
  WAITING,
} from '../../../main/tray/tray-model.ts';
import type { EntryView, StatusView } from '../../../window-contract/status.ts';
import { ZONE, at, client, idle, running } from './fixtures.ts';
import { updateView, type UpdatePhase, type UpdateSetup } from '../../../main/updates/update-model.ts';

const NOW = at('2026-03-02T10:25:00+01:00');

function model(fields: Partial<TrayInput>) {
  return trayModel({ status: idle(), now: NOW, platform: 'linux', clients: [], timeZone: ZONE, ...fields });
}

/** The menu as labels: '(label)' for disabled items, nested arrays for submenus. */
function outline(menu: MenuItemSpec[]): unknown[] {
  return menu.map((item) => {
    if (item.type === 'separator') return '---';
    const label = item.enabled ? item.label : `(${item.label})`;
    return item.type === 'submenu' ? [label, outline(item.submenu)] : label;
  });
}

function find(menu: MenuItemSpec[], label: string): MenuItemSpec {
  for (const item of menu) {
    if (item.type !== 'separator' && item.label === label) return item;
    if (item.type === 'submenu') {
      try {
        return find(item.submenu, label);
      } catch {
        // keep looking
      }
    }
  }
  throw new Error(`No item ${label} in ${JSON.stringify(outline(menu))}`);
}

function actionOf(menu: MenuItemSpec[], label: string) {
  const item = find(menu, label);
  return item.type === 'normal' ? item.action : undefined;
}

describe('the tray menu', () => {
  it('marks a timer kept while the tracker is out of reach as waiting to be sent, in the menu and the tooltip', () => {
    const kept = model({ status: running({}, { id: -3, project: 'Website', activity: 'Design', waiting_to_send: true }), platform: 'win32' });
    expect(outline(kept.menu).slice(0, 2)).toEqual(['(Working on Website · Design since 09:02 — 1 h 23 min)', `(${WAITING})`]);
    expect(kept.tooltip.startsWith(WAITING)).toBe(true);
    expect(kept.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(kept.icon).toBe('running');
    const sent = model({ status: running({}, { project: 'Website', activity: 'Design' }), platform: 'win32' });
    expect(outline(sent.menu)).not.toContain(`(${WAITING})`);
    expect(sent.tooltip).not.toContain(WAITING);
  });

  it('shows an idle day: status, Clock in, today, the window, clients, Quit', () => {
    const { menu, icon, title, tooltip } = model({});
    expect(outline(menu)).toEqual([
      '(Not clocked in)',
      'Clock in',
      '(Today: 5 h 10 min)',
      '---',
      'Open Punchcard',
      ['Connect AI clients', ['(No AI clients found on this computer)', '---', 'All clients…']],
      '---',
      'Quit Punchcard',
    ]);
    expect(actionOf(menu, 'Clock in')).toEqual({ kind: 'clockIn' });
    expect(actionOf(menu, 'Open Punchcard')).toEqual({ kind: 'open', screen: 'status' });
    expect(actionOf(menu, 'Quit Punchcard')).toEqual({ kind: 'quit' });
    expect(icon).toBe('idle');
    expect(title).toBe('');
    expect(tooltip).toBe('Punchcard — not clocked in · today 5 h 10 min');
  });

  it('shows a running timer with project, activity, start and elapsed time', () => {
    const { menu, icon, tooltip } = model({ status: running() });
    expect(outline(menu).slice(0, 3)).toEqual(['(Working on Website · Design since 09:02 — 1 h 23 min)', 'Clock out', '(Today: 5 h 10 min)']);
    expect(actionOf(menu, 'Clock out')).toEqual({ kind: 'clockOut' });
    expect(icon).toBe('running');
    expect(tooltip).toBe('Punchcard — 1 h 23 min on Website · Design');
  });

  it('says "Clocked in" for a timer without project or activity', () => {
    const { menu, tooltip } = model({ status: running({}, { project: null, activity: null }) });
    expect(outline(menu)[0]).toBe('(Clocked in since 09:02 — 1 h 23 min)');
    expect(tooltip).toBe('Punchcard — clocked in for 1 h 23 min');
  });

  it('puts the elapsed time in the title on macOS only, with hours and minutes', () => {
    // With units, not "1:23": beside the menu bar's clock that would read as a time of day.
    expect(model({ status: running(), platform: 'darwin' }).title).toBe('1h 23m');
    expect(model({ status: running(), platform: 'win32' }).title).toBe('');
    expect(model({ status: running(), platform: 'linux' }).title).toBe('');
    expect(model({ status: idle(), platform: 'darwin' }).title).toBe('');
    expect(model({ status: null, platform: 'darwin' }).title).toBe('');
  });

  it('offers recent projects and "No project" under Clock in', () => {
    const { menu } = model({ status: idle({ recentProjects: ['Website', 'R&D', 'Website', '  ', 'Support'] }) });
    expect(outline(menu)[1]).toEqual(['Clock in', ['(Recent projects)', 'Website', 'R&&D', 'Support', '---', 'No project']]);
    expect(actionOf(menu, 'Website')).toEqual({ kind: 'clockIn', project: 'Website' });
    // The label escapes '&' for Electron; the project name itself is untouched.
    expect(actionOf(menu, 'R&&D')).toEqual({ kind: 'clockIn', project: 'R&D' });
    expect(actionOf(menu, 'No project')).toEqual({ kind: 'clockIn' });
  });

  it('says until when the rest lasts on Clock in, while clocking in would start work inside it; clocking in still works', () => {
    const rest = { rules: 'de' as const, until: at('2026-03-02T11:15:00+01:00') };
    const plain = model({ clockInRest: rest });
    expect(outline(plain.menu)[1]).toBe('Clock in — rest until 11:15 (section 5 ArbZG)');
    expect(actionOf(plain.menu, 'Clock in — rest until 11:15 (section 5 ArbZG)')).toEqual({ kind: 'clockIn' });
    const withProjects = model({ status: idle({ recentProjects: ['Website'] }), clockInRest: { rules: 'at', until: rest.until } });
    expect(outline(withProjects.menu)[1]).toEqual(['Clock in — rest until 11:15 (AZG section 12)', ['(Recent projects)', 'Website', '---', 'No project']]);
    expect(actionOf(withProjects.menu, 'Website')).toEqual({ kind: 'clockIn', project: 'Website' });
    // Without a rest to keep (the rules off, notify off, the rest over), it is Clock in as ever.
    expect(outline(model({ clockInRest: null }).menu)[1]).toBe('Clock in');
    // While a timer runs there is no Clock in to label.
    expect(JSON.stringify(model({ status: running(), clockInRest: rest }).menu)).not.toContain('rest until');
  });

  it(`lists at most ${RECENT_PROJECTS_MAX} recent projects`, () => {
    const projects = Array.from({ length: 20 }, (_, i) => `Project ${i}`);
    const clockIn = find(model({ status: idle({ recentProjects: projects }) }).menu, 'Clock in');
    expect(clockIn.type === 'submenu' && clockIn.submenu.filter((item) => item.type === 'normal' && item.action?.kind === 'clockIn')).toHaveLength(
      RECENT_PROJECTS_MAX + 1,
    );
  });

  it('shows an error line and no timer actions while the engine is unavailable', () => {
    const { menu, icon, tooltip } = model({ status: null, engineError: 'the engine exited with code 1' });
    expect(outline(menu)).toEqual([
      '(Timer unavailable: the engine exited with code 1)',
      '(Clock in)',
      '---',
      'Open Punchcard',
      ['Connect AI clients', ['(No AI clients found on this computer)', '---', 'All clients…']],
      '---',
      'Quit Punchcard',
    ]);
    expect(icon).toBe('idle');
    expect(tooltip).toBe('Punchcard — timer unavailable');
  });

  it('says the timer is starting before the first answer', () => {
    expect(outline(model({ status: null }).menu)[0]).toBe('(Starting the timer…)');
  });

  it('adds a warning line when the last action failed', () => {
    const { menu } = model({ status: idle(), engineError: 'No project named "Webside"' });
    expect(outline(menu).slice(0, 2)).toEqual(['(Not clocked in)', '(⚠ No project named "Webside")']);
  });

  it('cuts long error texts', () => {
    const { menu } = model({ status: null, engineError: 'x'.repeat(500) });
    const first = menu[0];
    expect(first?.type === 'normal' && first.label.length).toBeLessThanOrEqual(120);
  });
});

describe('breaks', () => {
  const LUNCH_NOW = at('2026-03-02T12:30:00+01:00');
  /** A shift on General since 08:00; the engine answered at 12:10, ten minutes into lunch (since 12:01). */
  const onLunch = (fields: Partial<StatusView> = {}) =>
    running(
      { asOf: at('2026-03-02T12:10:00+01:00'), todayMinutes: 241, breaksSupported: true, ...fields },
      {
        project: 'General',
        activity: null,
        start: '2026-03-02T08:00:00+01:00',
        breaks: [{ type: 'Lunch', start: '2026-03-02T12:01:00+01:00', end: null, minutes: 9 }],
      },
    );

  it('offers Start break after Clock out while working, only where the back end takes breaks', () => {
    const { menu } = model({ status: running({ breaksSupported: true }) });
    expect(outline(menu).slice(0, 4)).toEqual(['(Working on Website · Design since 09:02 — 1 h 23 min)', 'Clock out', 'Start break', '(Today: 5 h 10 min)']);
    expect(actionOf(menu, 'Start break')).toEqual({ kind: 'startBreak' });
    expect(outline(model({ status: running() }).menu)).not.toContain('Start break');
    expect(outline(model({ status: idle({ breaksSupported: true }) }).menu)).not.toContain('Start break');
  });

  it('says the break, its type and start, and the shift; End break comes first, and nothing ticks', () => {
    const { menu, tooltip, icon } = model({ status: onLunch(), now: LUNCH_NOW });
    expect(outline(menu).slice(0, 4)).toEqual([
      '(On a break (Lunch) since 12:01 — shift on General since 08:00)',
      'End break',
      'Clock out',
      '(Today: 4 h 1 min)',
    ]);
    expect(actionOf(menu, 'End break')).toEqual({ kind: 'endBreak' });
    expect(outline(menu)).not.toContain('Start break');
    expect(tooltip).toBe('Punchcard — on a break (Lunch) since 12:01');
    expect(icon).toBe('running');
    // The worked time stands still during the break: 08:00 to 12:01.
    expect(model({ status: onLunch(), now: LUNCH_NOW, platform: 'darwin' }).title).toBe('4h 1m');
    expect(model({ status: onLunch(), now: at('2026-03-02T13:15:00+01:00'), platform: 'darwin' }).title).toBe('4h 1m');
    expect(outline(model({ status: onLunch(), now: at('2026-03-02T13:15:00+01:00') }).menu)[3]).toBe('(Today: 4 h 1 min)');
    expect(nextRefreshDelay(onLunch(), LUNCH_NOW + 12_345, ZONE)).toBe(60_000);
  });

  it('says "shift" alone for a shift without project or activity', () => {
    const status = running(
      { breaksSupported: true },
      { project: null, activity: null, breaks: [{ type: 'Break', start: '2026-03-02T10:00:00+01:00', end: null, minutes: 25 }] },
    );
    expect(outline(model({ status }).menu)[0]).toBe('(On a break (Break) since 10:00 — shift since 09:02)');
  });

  it('leaves past breaks out of the worked time, and ticks on the worked minute', () => {
    // 08:00:00 to 12:00:00 with a break from 10:00:00 to 10:30:20: 3 h 29 min 40 s worked.
    const status = running(
      { asOf: at('2026-03-02T12:00:00+01:00'), todayMinutes: 209, breaksSupported: true },
      {
        project: 'General',
        activity: null,
        start: '2026-03-02T08:00:00+01:00',
        breaks: [{ type: 'Lunch', start: '2026-03-02T10:00:00+01:00', end: '2026-03-02T10:30:20+01:00', minutes: 30 }],
      },
    );
    const now = at('2026-03-02T12:00:00+01:00');
    expect(outline(model({ status, now }).menu).slice(0, 3)).toEqual(['(Working on General since 08:00 — 3 h 29 min)', 'Clock out', 'Start break']);
    expect(model({ status, now, platform: 'darwin' }).title).toBe('3h 29m');
    expect(nextRefreshDelay(status, now, ZONE)).toBe(20_000);
    expect(outline(model({ status, now: now + 20_000 }).menu)[0]).toBe('(Working on General since 08:00 — 3 h 30 min)');
    expect(outline(model({ status, now: now + 20_000 }).menu)[3]).toBe('(Today: 3 h 30 min)');
  });

  it('never misses a change of what the tray shows around breaks, and waits at most a minute', () => {
    const base = at('2026-03-02T08:00:00+01:00');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 3_600_000 }),
        fc.integer({ min: 1_000, max: 3_600_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 * 3_600_000 }),
        fc.integer({ min: 0, max: 20 * 3_600_000 }),
        (breakAfter, breakLength, breakRuns, answeredAfter, viewedAfter) => {
          const breakStart = base + breakAfter;
          const breakEnd = breakRuns ? null : breakStart + breakLength;
          const asOf = (breakEnd ?? breakStart) + answeredAfter;
          const now = asOf + viewedAfter;
          const iso = (ms: number) => new Date(ms).toISOString();
          const status = running(
            { asOf, todayMinutes: 200, breaksSupported: true },
            { start: iso(base), breaks: [{ type: 'Lunch', start: iso(breakStart), end: breakEnd === null ? null : iso(breakEnd), minutes: 0 }] },
          );
          const delay = nextRefreshDelay(status, now, ZONE);
          expect(delay).not.toBeNull();
          expect(delay).toBeGreaterThanOrEqual(1);
          expect(delay).toBeLessThanOrEqual(60_000);
          const shown = (when: number) => trayModel({ status, now: when, platform: 'darwin', clients: null, timeZone: ZONE });
          expect(shown(now + (delay ?? 0) - 1)).toEqual(shown(now));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the Connect AI clients submenu', () => {
  const submenu = (clients: TrayInput['clients']) => {
    const connect = find(model({ clients }).menu, 'Connect AI clients');
    if (connect.type !== 'submenu') throw new Error('not a submenu');
    return connect.submenu;
  };

  it('offers only "All clients…" before the clients are listed', () => {
    expect(outline(submenu(null))).toEqual(['All clients…']);
    expect(actionOf(submenu(null), 'All clients…')).toEqual({ kind: 'open', screen: 'connect' });
  });

  it('lists installed clients with their state; one click registers or repairs where Punchcard can write', () => {
    const items = submenu([
      client('claude-desktop', { status: 'missing' }),
      client('vs-code', { status: 'stale' }),
      client('cursor', { status: 'registered' }),
      client('zed', { status: 'invalid' }),
      client('codex', { status: 'outdated' }),
      client('windsurf', { status: 'missing', writable: false }),
      client('goose', { status: 'manual', writable: false }),
      client('not-here', { installed: false }),
    ]);
    expect(outline(items)).toEqual([
      'Claude Desktop — connect now',
      'Vs Code — repair now',
      'Cursor — connected',
      'Zed — its settings file has an error',
      'Codex — set up for another install',
      'Windsurf — not connected',
      'Goose — set up by copy and paste',
      '---',
      'All clients…',
    ]);
    expect(actionOf(items, 'Claude Desktop — connect now')).toEqual({ kind: 'registerClient', id: 'claude-desktop' });
    expect(actionOf(items, 'Vs Code — repair now')).toEqual({ kind: 'registerClient', id: 'vs-code' });
    for (const label of ['Cursor — connected', 'Zed — its settings file has an error', 'Codex — set up for another install', 'Windsurf — not connected']) {
      expect(actionOf(items, label)).toEqual({ kind: 'open', screen: 'connect' });
    }
  });
});

describe('times', () => {
  it('reads the start with its offset and shows it in the person’s zone', () => {
    const status = running({}, { start: '2026-03-02T08:02:00Z' });
    expect(outline(model({ status }).menu)[0]).toBe('(Working on Website · Design since 09:02 — 1 h 23 min)');
    expect(outline(model({ status, timeZone: 'America/New_York' }).menu)[0]).toBe('(Working on Website · Design since 03:02 — 1 h 23 min)');
  });

  it('names the day of a timer started before today', () => {
    const yesterday = running({}, { start: '2026-03-01T22:10:00+01:00' });
    expect(outline(model({ status: yesterday }).menu)[0]).toBe('(Working on Website · Design since yesterday 22:10 — 12 h 15 min)');
    const friday = running({}, { start: '2026-02-27T08:00:00+01:00' });
    expect(outline(model({ status: friday }).menu)[0]).toMatch(/since Fri 08:00 — 74 h 25 min\)$/);
    const longAgo = running({}, { start: '2026-01-05T08:00:00+01:00' });
    expect(outline(model({ status: longAgo }).menu)[0]).toMatch(/since 2026-01-05 08:00 — /);
  });

  it('ticks today’s total together with the running timer', () => {
    // 5 h 10 min at 10:25:00 when the timer (from 09:02:30) had run 82 whole minutes.
    const status = running({ todayMinutes: 310 }, { start: '2026-03-02T09:02:30+01:00' });
    const today = (now: number) => outline(model({ status, now }).menu)[2];
    expect(today(NOW)).toBe('(Today: 5 h 10 min)');
    expect(today(at('2026-03-02T10:25:29+01:00'))).toBe('(Today: 5 h 10 min)');
    expect(today(at('2026-03-02T10:25:30+01:00'))).toBe('(Today: 5 h 11 min)');
    expect(today(at('2026-03-02T11:25:30+01:00'))).toBe('(Today: 6 h 11 min)');
  });

  it('starts today’s total again at midnight, counting only the running timer', () => {
    const status = running({ todayMinutes: 400, asOf: at('2026-03-02T23:30:00+01:00') }, { start: '2026-03-02T22:00:00+01:00' });
    expect(outline(model({ status, now: at('2026-03-03T00:45:10+01:00') }).menu)[2]).toBe('(Today: 45 min)');
  });

  it('writes lengths in whole minutes with units, compact for the macOS menu bar', () => {
    expect(lengthText(0, 'units', true)).toBe('0m');
    expect(lengthText(59_999, 'units', true)).toBe('0m');
    expect(lengthText(83 * 60_000, 'units', true)).toBe('1h 23m');
    expect(lengthText((26 * 60 + 5) * 60_000, 'units')).toBe('26 h 5 min');
    expect(lengthText(-5, 'units')).toBe('0 min');
    expect(lengthText(90 * 60_000, 'decimal', true)).toBe('1.50h');
  });

  it('writes every duration in decimal hours when the person chose them, as the window does', () => {
    const status = running({ todayMinutes: 310 });
    const { menu, tooltip, title } = model({ status, durations: 'decimal', platform: 'darwin' });
    expect(outline(menu)[0]).toMatch(/ — 1\.38 h\)$/);
    expect(outline(menu)[2]).toBe('(Today: 5.17 h)');
    expect(tooltip).toContain('1.38 h on ');
    expect(title).toBe('1.38h');
    expect(model({ durations: 'decimal' }).tooltip).toBe('Punchcard — not clocked in · today 5.17 h');
  });
});

describe('the tooltip', () => {
  it(`never exceeds ${TOOLTIP_MAX} UTF-16 units and keeps the elapsed time`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.option(fc.string({ maxLength: 300 })), (project, activity) => {
        const { tooltip } = model({ status: running({}, { project, activity }) });
        expect(tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
        expect(tooltip).toContain('1 h 23 min');
        // Never half a surrogate pair.
        expect(tooltip).toBe(tooltip.toWellFormed());
      }),
    );
  });

  it('is cut with an ellipsis', () => {
    const { tooltip } = model({ status: running({}, { project: 'P'.repeat(200), activity: null }) });
    expect(tooltip).toHaveLength(TOOLTIP_MAX);
    expect(tooltip.endsWith('…')).toBe(true);
  });
});

describe('nextRefreshDelay', () => {
  it('is null while idle or without a status: an idle tray keeps no timer', () => {
    expect(nextRefreshDelay(idle(), NOW, ZONE)).toBeNull();
    expect(nextRefreshDelay(null, NOW, ZONE)).toBeNull();
  });

  it('waits for the next minute of the running timer', () => {
    const status = running({}, { start: '2026-03-02T09:02:30+01:00' });
    expect(nextRefreshDelay(status, NOW, ZONE)).toBe(30_000);
    expect(nextRefreshDelay(status, NOW + 29_999, ZONE)).toBe(1);
    expect(nextRefreshDelay(status, NOW + 30_000, ZONE)).toBe(60_000);
  });

  it('wakes at midnight', () => {
    const status = running({ asOf: at('2026-03-02T23:59:00+01:00') }, { start: '2026-03-02T23:00:00.500+01:00' });
    expect(nextRefreshDelay(status, at('2026-03-02T23:59:59.800+01:00'), ZONE)).toBe(200);
  });

  it('never misses a change of what the tray shows, and waits at most a minute', () => {
    const base = at('2026-03-28T12:00:00+01:00'); // the weekend Berlin moves its clocks
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.integer({ min: 0, max: 2 * 86_400_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.constantFrom('darwin', 'linux', 'win32') as fc.Arbitrary<NodeJS.Platform>,
        (startOffset, answeredAfter, viewedAfter, platform) => {
          const start = base + startOffset;
          const asOf = start + answeredAfter;
          const now = asOf + viewedAfter;
          const status = running({ asOf, todayMinutes: 200 }, { start: new Date(start).toISOString() });
          const delay = nextRefreshDelay(status, now, ZONE);
          expect(delay).not.toBeNull();
          expect(delay).toBeGreaterThanOrEqual(1);
          expect(delay).toBeLessThanOrEqual(60_000);
          const shown = (when: number) => trayModel({ status, now: when, platform, clients: null, timeZone: ZONE });
          expect(shown(now + (delay ?? 0) - 1)).toEqual(shown(now));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('switching, break types, the idle question and the shortcut', () => {
  const work = [
    { project: 'Website', activity: 'Design', description: '' },
    { project: 'Support', activity: 'Tickets', description: 'Refunds' },
    { project: 'Website', activity: 'Meeting', description: '' },
    { project: 'Internal', activity: null, description: '' },
  ];

  it('offers the recent work other than what runs as "Switch to", each starting at once', () => {
    const { menu } = model({ status: running({ recentWork: work }) });
    expect(outline(menu).slice(1, 3)).toEqual(['Clock out', ['Switch to', ['Support · Tickets', 'Website · Meeting', 'Internal']]]);
    expect(actionOf(menu, 'Support · Tickets')).toEqual({ kind: 'clockIn', project: 'Support', activity: 'Tickets' });
    expect(actionOf(menu, 'Internal')).toEqual({ kind: 'clockIn', project: 'Internal' });
    // Nothing to switch to while idle (Clock in offers the projects), or with no other work.
    expect(JSON.stringify(model({ status: idle({ recentWork: work }) }).menu)).not.toContain('Switch to');
    expect(JSON.stringify(model({ status: running({ recentWork: work.slice(0, 1) }) }).menu)).not.toContain('Switch to');
  });

  it('offers a choice of break types where the back end has several, the default alone otherwise', () => {
    const shift = (breakTypes?: string[]) => model({ status: running({ breaksSupported: true }), ...(breakTypes ? { breakTypes } : {}) }).menu;
    expect(outline(shift(['Lunch', 'Coffee'])).slice(1, 3)).toEqual(['Clock out', ['Start break', ['Lunch', 'Coffee']]]);
    expect(actionOf(shift(['Lunch', 'Coffee']), 'Coffee')).toEqual({ kind: 'startBreak', type: 'Coffee' });
    expect(actionOf(shift(['Lunch']), 'Start break')).toEqual({ kind: 'startBreak' });
    expect(actionOf(shift(), 'Start break')).toEqual({ kind: 'startBreak' });
  });

  it('asks about time away right under the status line, with every answer', () => {
    const question = {
      id: 3,
      since: '2026-03-02T09:40:00+01:00',
      until: '2026-03-02T10:15:00+01:00',
      minutes: 35,
      cause: 'idle' as const,
      entry: running().running as EntryView,
    };
    const { menu } = model({ status: running(), idle: question });
    expect(outline(menu).slice(0, 3)).toEqual([
      '(Working on Website · Design since 09:02 — 1 h 23 min)',
      [
        'Away 35 min since 09:40: keep that time?',
        ['Keep it and keep working', 'Keep it and clock out now', 'Discard it: clock out at 09:40', 'Discard it and start again now'],
      ],
      'Clock out',
    ]);
    expect(actionOf(menu, 'Discard it: clock out at 09:40')).toEqual({ kind: 'answerIdle', id: 3, answer: 'discard-stop' });
    expect(actionOf(menu, 'Discard it and start again now')).toEqual({ kind: 'answerIdle', id: 3, answer: 'discard-restart' });
    expect(JSON.stringify(model({ status: running(), idle: null }).menu)).not.toContain('Away');
  });

  it('shows the shortcut beside Clock in and Clock out, and the shortcut does what they do', () => {
    const shown = (menu: MenuItemSpec[], label: string) => {
      const item = find(menu, label);
      return item.type === 'normal' ? item.accelerator : undefined;
    };
    expect(shown(model({ status: running(), shortcut: 'CommandOrControl+Alt+P' }).menu, 'Clock out')).toBe('CommandOrControl+Alt+P');
    expect(shown(model({ status: idle(), shortcut: 'CommandOrControl+Alt+P' }).menu, 'Clock in')).toBe('CommandOrControl+Alt+P');
    expect(shown(model({ status: running() }).menu, 'Clock out')).toBeUndefined();
    expect(shortcutAction(running())).toEqual({ kind: 'clockOut' });
    expect(shortcutAction(idle({ recentWork: work }))).toEqual({ kind: 'clockIn', project: 'Website', activity: 'Design' });
    expect(shortcutAction(idle())).toEqual({ kind: 'clockIn' });
    expect(shortcutAction(null)).toBeNull();
  });
});

describe('the tray’s updates', () => {
  const setup: UpdateSetup = { currentVersion: '1.2.0', packaged: true, mode: 'notify', policy: { enabled: true, pinned: null, problem: null } };
  const updates = (phase: UpdatePhase, fields: Partial<UpdateSetup> = {}) => updateView({ setup: { ...setup, ...fields }, phase, now: NOW, timeZone: ZONE });
  const updateOutline = (phase: UpdatePhase, fields: Partial<UpdateSetup> = {}) => outline(model({ updates: updates(phase, fields) }).menu).slice(4, -2);

  it('says every state in words, below Connect AI clients, and offers a check where the person may ask', () => {
    expect(updateOutline({ kind: 'current', latest: '1.2.0', checkedAt: NOW })).toEqual([
      'Open Punchcard',
      ['Connect AI clients', ['(No AI clients found on this computer)', '---', 'All clients…']],
      ['Updates: up to date', ['(Punchcard 1.2.0 is up to date (checked at 10:25).)', 'Check for updates now']],
    ]);
    expect(updateOutline({ kind: 'checking' }).at(-1)).toEqual(['Updates: checking…', ['(Checking for updates…)']]);
    expect(updateOutline({ kind: 'downloading', version: '1.3.0', percent: 12 }).at(-1)).toEqual([
      'Updates: downloading 1.3.0 (12 %)…',
      ['(Downloading Punchcard 1.3.0 (12 %)…)'],
    ]);
    expect(updateOutline({ kind: 'failed', problem: 'checksum', detail: 'sha512 checksum mismatch', at: NOW }).at(-1)).toEqual([
      'Updates: download failed its checksum',
      [
        '(The downloaded update did not match its checksum and was deleted; nothing was installed (at 10:25). Punchcard tries again tomorrow.)',
        'Check for updates now',
      ],
    ]);
    expect((updateOutline({ kind: 'failed', problem: 'unreachable', detail: 'ECONNREFUSED', at: NOW }).at(-1) as unknown[])[0]).toBe(
      'Updates: server out of reach',
    );
    expect(updateOutline({ kind: 'idle' }, { policy: { enabled: false, pinned: null, problem: null } }).at(-1)).toEqual([
      'Updates: managed by your organisation',
      ['(Punchcard 1.2.0. Your organisation installs Punchcard’s updates itself.)'],
    ]);
  });

  it('puts "Restart to update" at the top level once the update is verified, and it installs', () => {
    const { menu } = model({ updates: updates({ kind: 'ready', version: '1.3.0' }) });
    expect(outline(menu).slice(-3, -2)).toEqual(['Restart to update to 1.3.0']);
    expect(actionOf(menu, 'Restart to update to 1.3.0')).toEqual({ kind: 'installUpdate' });
    expect(actionOf(model({ updates: updates({ kind: 'idle' }) }).menu, 'Check for updates now')).toEqual({ kind: 'checkUpdates' });
  });

  it('shows nothing about updates before the updater said anything', () => {
    expect(JSON.stringify(model({}).menu)).not.toMatch(/Update/);
  });
});
