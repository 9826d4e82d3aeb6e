// Where the app finds its own files, in a development build and in the installed package. One place,
// because three things must agree on it: `vite build` (vite.config.ts writes dist/main, dist/preload,
// dist/renderer, dist/mcp-server, and npm run build packs dist/punchcard.mcpb), electron-builder.yml
// (packs dist/** into app.asar and build/tray, build/icon.png and the .mcpb into the resources
// folder), and this code. test/main/packaging checks all three.
import { join } from 'node:path';

export interface AppPathsInput {
  /** The folder of the running main bundle: `import.meta.dirname` of dist/main/main.js. */
  mainDir: string;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.resourcesPath` (the installed app's resources folder). */
  resourcesPath: string;
}

export interface AppPaths {
  /** The window's bridge, dist/preload/preload.cjs. */
  preload: string;
  /** The folder app:// serves, dist/renderer. */
  rendererRoot: string;
  /** The engine the app's own executable runs in Node mode, dist/mcp-server/punchcard-mcp.mjs (inside app.asar when packaged). */
  engineScript: string;
  /** Tray images: build/tray in development, resources/tray when installed (real files, outside the asar). */
  trayIcons: string;
  /** The app icon (window icon on Linux, notifications): build/icon.png, resources/icon.png when installed. */
  appIcon: string;
  /**
   * The Claude Desktop extension: dist/punchcard.mcpb, resources/punchcard.mcpb when installed (a real
   * file, outside the asar, so the system can hand it to Claude Desktop).
   */
  extensionBundle: string;
}

/** dist/<folder> relative to dist/main, as vite.config.ts lays the build out. */
export const BUILD_LAYOUT = {
  preload: '../preload/preload.cjs',
  rendererRoot: '../renderer',
  engineScript: '../mcp-server/punchcard-mcp.mjs',
} as const;

/** The bundle's file name, in dist/ and in the resources folder. */
export const EXTENSION_FILE = 'punchcard.mcpb';

export function appPaths({ mainDir, isPackaged, resourcesPath }: AppPathsInput): AppPaths {
  // dist/main → the checkout's root in development, where build/ lives.
  const projectRoot = join(mainDir, '..', '..');
  return {
    preload: join(mainDir, BUILD_LAYOUT.preload),
    rendererRoot: join(mainDir, BUILD_LAYOUT.rendererRoot),
    engineScript: join(mainDir, BUILD_LAYOUT.engineScript),
    trayIcons: isPackaged ? join(resourcesPath, 'tray') : join(projectRoot, 'build', 'tray'),
    appIcon: isPackaged ? join(resourcesPath, 'icon.png') : join(projectRoot, 'build', 'icon.png'),
    extensionBundle: isPackaged ? join(resourcesPath, EXTENSION_FILE) : join(mainDir, '..', EXTENSION_FILE),
  };
}
