// Which tray image to show (docs/electron.md, "Tray per platform"): macOS gets template images
// (black on transparent, the menu bar tints them), Windows a multi-size .ico, Linux a 22 px PNG
// (with its @2x beside it). On Windows and Linux the variant follows the app theme: "light" files
// are drawn for light panels. The files come from scripts/make-icons.ts and live in build/tray
// (resources/tray when installed).
import { join } from 'node:path';
import { nativeImage, nativeTheme, type NativeImage } from 'electron';
import type { TrayIconKind } from './tray-model.ts';

/** The file name for a tray state; pure, so every platform's choice is testable anywhere. */
export function trayIconFile(kind: TrayIconKind, platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return kind === 'idle' ? 'trayTemplate.png' : 'trayRunningTemplate.png';
  const theme = darkPanel ? 'dark' : 'light';
  if (platform === 'win32') return `tray-${kind}-${theme}.ico`;
  // nativeImage picks up the @2x file next to it on high-density screens.
  return `tray-${kind}-${theme}-22.png`;
}

export interface TrayIcons {
  image(kind: TrayIconKind): NativeImage;
}

/** Loads tray images from a folder, asking nativeTheme for the panel's brightness at each call. */
export function trayIcons(directory: string, platform: NodeJS.Platform = process.platform): TrayIcons {
  return {
    image(kind) {
      const image = nativeImage.createFromPath(join(directory, trayIconFile(kind, platform, nativeTheme.shouldUseDarkColors)));
      if (platform === 'darwin') image.setTemplateImage(true);
      return image;
    },
  };
}
