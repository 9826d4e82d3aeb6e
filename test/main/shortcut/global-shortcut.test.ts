// The shortcut's Electron edge: registered from the preferences, said in words when another app holds
// it, and the one that works kept when a new one cannot be had.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupGlobalShortcut } from '../../../main/shortcut/global-shortcut.ts';
import { globalShortcut, resetElectronMock } from '../../support/electron-mock.ts';

beforeEach(() => resetElectronMock());

describe('the global shortcut', () => {
  it('registers the accelerator, and a press runs the action', () => {
    const pressed = vi.fn();
    const shortcut = setupGlobalShortcut('linux');
    shortcut.onPress(pressed);
    expect(shortcut.set('CommandOrControl+Alt+P')).toBeNull();
    expect(globalShortcut.press('CommandOrControl+Alt+P')).toBe(true);
    expect(pressed).toHaveBeenCalledTimes(1);
  });

  it('says a clash in words and keeps the shortcut that works', () => {
    const shortcut = setupGlobalShortcut('linux');
    shortcut.set('CommandOrControl+Alt+P');
    globalShortcut.taken.add('CommandOrControl+Shift+K');
    expect(shortcut.set('CommandOrControl+Shift+K')).toBe(
      'Ctrl+Shift+K is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut.',
    );
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+P']);
    expect(shortcut.problem()).toBeNull();
  });

  it('keeps a saved shortcut another app took, with the reason, until another is set', () => {
    globalShortcut.taken.add('Alt+F9');
    const shortcut = setupGlobalShortcut('darwin');
    expect(shortcut.set('Alt+F9')).toMatch(/^⌥F9 is already in use/);
    expect(shortcut.problem()).toMatch(/^⌥F9 is already in use/);
    expect(shortcut.set('CommandOrControl+Alt+P')).toBeNull();
    expect(shortcut.problem()).toBeNull();
    expect(shortcut.set('')).toBeNull();
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('moves from one shortcut to the next, and lets go of it on stop', () => {
    const shortcut = setupGlobalShortcut('linux');
    shortcut.set('CommandOrControl+Alt+P');
    shortcut.set('CommandOrControl+Alt+O');
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+O']);
    shortcut.stop();
    expect(globalShortcut.registered.size).toBe(0);
  });
});
