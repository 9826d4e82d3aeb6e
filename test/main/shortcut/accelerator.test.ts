// The clock-in/out shortcut as Electron writes accelerators: which ones are accepted, how a key
// press is recorded, and how it is shown.
import { describe, expect, it } from 'vitest';
import { acceleratorOf, acceleratorProblem, describeAccelerator } from '../../../mcp-server/contract/accelerator.ts';

const press = (code: string, keys: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...keys,
});

describe('shortcuts', () => {
  it('accepts modifiers and one key, and F-keys alone', () => {
    for (const good of ['CommandOrControl+Alt+P', 'Ctrl+Shift+F12', 'F9', 'Super+Space', 'Alt+Up', 'CmdOrCtrl++', 'Control+Alt+num5'])
      expect(acceleratorProblem(good), good).toBeNull();
  });

  it('refuses in words what would take typing away, or is no key at all', () => {
    expect(acceleratorProblem('P')).toMatch(/^Add Ctrl, Alt or ⌘/);
    expect(acceleratorProblem('Shift+P')).toMatch(/^Add Ctrl, Alt or ⌘/);
    expect(acceleratorProblem('Hyper+P')).toBe('“Hyper” is not a modifier key (Ctrl, Alt, Shift, Cmd or Super).');
    expect(acceleratorProblem('Ctrl+Ctrl+P')).toBe('A modifier is named twice.');
    expect(acceleratorProblem('Ctrl+Banana')).toBe('“Banana” is not a key a shortcut can use.');
    expect(acceleratorProblem('Ctrl+')).toMatch(/^Press a key/);
    expect(acceleratorProblem('')).toMatch(/^Press a key/);
  });

  it('records the physical key with the platform’s command key, and nothing while only modifiers are down', () => {
    expect(acceleratorOf(press('KeyP', { ctrlKey: true, altKey: true }), false)).toBe('CommandOrControl+Alt+P');
    expect(acceleratorOf(press('KeyP', { metaKey: true, shiftKey: true }), true)).toBe('CommandOrControl+Shift+P');
    expect(acceleratorOf(press('Digit1', { metaKey: true }), false)).toBe('Super+1');
    expect(acceleratorOf(press('ArrowUp', { altKey: true }), false)).toBe('Alt+Up');
    expect(acceleratorOf(press('F5'), false)).toBe('F5');
    expect(acceleratorOf(press('ControlLeft', { ctrlKey: true }), false)).toBeNull();
  });

  it('is shown as a person reads it', () => {
    expect(describeAccelerator('CommandOrControl+Alt+P', false)).toBe('Ctrl+Alt+P');
    expect(describeAccelerator('CommandOrControl+Shift+P', true)).toBe('⌘⇧P');
  });
});
