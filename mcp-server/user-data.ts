// Where the app keeps its data (docs/decisions.md, "One data folder"): the same folder Electron's
// userData points to. The client registrar (main/clients) uses the same rules for other apps'
// folders, so they live here once.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_FOLDER_NAME = 'Punchcard';

type Environment = Readonly<Record<string, string | undefined>>;

/** Path rules of the target OS, so Windows and macOS paths come out right when computed elsewhere. */
export function pathsFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

export function homeDir(env: Environment): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** Roaming application data: `%APPDATA%`, `~/Library/Application Support`, `$XDG_CONFIG_HOME`. */
export function appDataDir(platform: NodeJS.Platform, env: Environment, home: string = homeDir(env)): string {
  const path = pathsFor(platform);
  if (platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  // The XDG spec says a relative value is invalid and must be ignored (Electron does the same).
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
}

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: Environment = process.env): string {
  return pathsFor(platform).join(appDataDir(platform, env), APP_FOLDER_NAME);
}
