// Where the app keeps its data (DESIGN.md §3): the same folder Electron's userData points to.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const APP_FOLDER_NAME = 'Punchcard';

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  // The XDG spec says a relative value is invalid and must be ignored (Electron does the same).
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(xdg, APP_FOLDER_NAME);
}
