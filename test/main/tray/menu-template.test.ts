import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../main/tray/menu-template.ts';
import type { TrayAction } from '../../../main/tray/tray-model.ts';

describe('menuTemplate', () => {
  it('keeps separators, labels and nesting, and shows the shortcut without registering it', () => {
    const template = menuTemplate(
      [
        { type: 'normal', label: '10:25 idle', enabled: false },
        { type: 'separator' },
        { type: 'submenu', label: 'Clock in', enabled: true, submenu: [{ type: 'normal', label: 'Website', enabled: true }] },
        { type: 'normal', label: 'Clock out', enabled: true, accelerator: 'Ctrl+Alt+P' },
      ],
      () => {},
    );
    expect(template).toEqual([
      { label: '10:25 idle', enabled: false },
      { type: 'separator' },
      { label: 'Clock in', enabled: true, submenu: [{ label: 'Website', enabled: true }] },
      { label: 'Clock out', enabled: true, accelerator: 'Ctrl+Alt+P', registerAccelerator: false },
    ]);
  });

  it('hands a click to run with the item action, also inside a submenu', () => {
    const run = vi.fn<(action: TrayAction) => void>();
    const template = menuTemplate(
      [
        { type: 'normal', label: 'Quit', enabled: true, action: { kind: 'quit' } },
        {
          type: 'submenu',
          label: 'Clock in',
          enabled: true,
          submenu: [{ type: 'normal', label: 'Website', enabled: true, action: { kind: 'clockIn', project: 'Website' } }],
        },
      ],
      run,
    );
    expect(template[1]?.click).toBeUndefined();
    (template[0]?.click as () => void)();
    const submenu = template[1]?.submenu as { click?: () => void }[];
    submenu[0]?.click?.();
    expect(run.mock.calls).toEqual([[{ kind: 'quit' }], [{ kind: 'clockIn', project: 'Website' }]]);
  });
});
