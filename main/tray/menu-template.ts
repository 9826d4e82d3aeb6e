// The tray model's menu (tray-model.ts) as the template Electron's Menu.buildFromTemplate takes.
// Pure: the clicks go to the function it is given, so the template can be checked without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuItemSpec, TrayAction } from './tray-model.ts';

export function menuTemplate(spec: readonly MenuItemSpec[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return spec.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, enabled: item.enabled, submenu: menuTemplate(item.submenu, run) };
    const action = item.action;
    // The shortcut is registered globally apart (shortcut/global-shortcut.ts); here it is only shown.
    const shown = item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {};
    return action ? { label: item.label, enabled: item.enabled, ...shown, click: () => run(action) } : { label: item.label, enabled: item.enabled, ...shown };
  });
}
