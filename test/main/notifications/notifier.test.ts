import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notify, setupReminders } from '../../../main/notifications/notifier.ts';
import { Notification, powerMonitor, resetElectronMock } from '../../support/electron-mock.ts';
import { ZONE, at, idle, running } from '../tray/fixtures.ts';

const CLOCKED_IN = at('2026-03-02T09:02:00+01:00');
const HOUR = 3_600_000;

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers({ now: CLOCKED_IN + HOUR });
});

afterEach(() => vi.useRealTimers());

function reminders(hours = 8) {
  const openScreen = vi.fn();
  let reminderHours = hours;
  const handle = setupReminders({ reminderHours: () => reminderHours, openScreen, timeZone: () => ZONE });
  return { handle, openScreen, setHours: (value: number) => (reminderHours = value) };
}

describe('notify', () => {
  it('shows a notification whose click opens the window on a screen', () => {
    const openScreen = vi.fn();
    expect(notify({ title: 'Registered with Claude Desktop', body: 'Restart Claude Desktop to use Punchcard.', screen: 'connect' }, openScreen)).toBe(true);
    const [shown] = Notification.instances;
    expect(shown?.shown).toBe(true);
    expect(shown?.title).toBe('Registered with Claude Desktop');
    shown?.click();
    expect(openScreen).toHaveBeenCalledWith('connect');
  });

  it('does nothing where the system has no notifications', () => {
    Notification.supported = false;
    expect(notify({ title: 't', body: 'b' }, vi.fn())).toBe(false);
    expect(Notification.instances).toEqual([]);
  });
});

describe('setupReminders', () => {
  it('waits on one timer for the moment the reminder falls due, then notifies once', () => {
    const { handle, openScreen } = reminders(8);
    handle.update(running({ asOf: Date.now() }));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(7 * HOUR - 1);
    expect(Notification.instances).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(Notification.instances).toHaveLength(1);
    expect(Notification.instances[0]?.body).toBe('Website · Design: 8 h since 09:02. Clock out from the tray if you have stopped working.');
    expect(vi.getTimerCount()).toBe(0);

    // A new status for the same entry does not remind again.
    handle.update(running({ asOf: Date.now() }));
    vi.advanceTimersByTime(10 * HOUR);
    expect(Notification.instances).toHaveLength(1);

    Notification.instances[0]?.click();
    expect(openScreen).toHaveBeenCalledWith('status');
  });

  it('keeps no timer while idle or switched off', () => {
    const { handle } = reminders(8);
    handle.update(idle());
    expect(vi.getTimerCount()).toBe(0);
    const off = reminders(0);
    off.handle.update(running());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('notifies at once when the timer already ran too long', () => {
    const { handle } = reminders(0.5);
    handle.update(running());
    expect(Notification.instances).toHaveLength(1);
  });

  it('follows a changed preference', () => {
    const { handle, setHours } = reminders(0);
    handle.update(running());
    setHours(2);
    handle.update();
    vi.advanceTimersByTime(HOUR);
    expect(Notification.instances).toHaveLength(1);
  });

  it('forgets the timer when the person clocks out', () => {
    const { handle } = reminders(8);
    handle.update(running());
    handle.update(idle());
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(24 * HOUR);
    expect(Notification.instances).toHaveLength(0);
  });

  it('checks again when the machine wakes (timeouts do not count sleep)', () => {
    const { handle } = reminders(8);
    handle.update(running());
    // Asleep for ten hours: the clock moved, the timeout did not.
    vi.setSystemTime(Date.now() + 10 * HOUR);
    powerMonitor.emit('resume');
    expect(Notification.instances).toHaveLength(1);
    handle.destroy();
    expect(powerMonitor.listenerCount('resume')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not retry where notifications are unsupported', () => {
    Notification.supported = false;
    const { handle } = reminders(0.5);
    handle.update(running());
    expect(vi.getTimerCount()).toBe(0);
    expect(Notification.instances).toHaveLength(0);
  });
});
