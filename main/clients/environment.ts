// Where things live on the machine we register on. Everything path-related takes this value instead
// of reading process.env or os.homedir() itself, so the Windows and macOS rules are tested on Linux
// and every real-file test runs in a temporary HOME.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export type Platform = 'darwin' | 'win32' | 'linux';

export interface ClientEnvironment {
  platform: Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The file-system questions detection asks; real by default, a fake for the per-OS rules. */
export interface Probe {
  exists(path: string): boolean;
  /** Names in a folder; empty when it cannot be read. */
  list(folder: string): string[];
}

export const realProbe: Probe = {
  exists: (path) => existsSync(path),
  list: (folder) => {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  },
};

export function currentEnvironment(env: NodeJS.ProcessEnv = process.env): ClientEnvironment {
  const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  // HOME first: it is what a person sets to try things in a scratch home, on every OS.
  const home = env.HOME || (platform === 'win32' ? env.USERPROFILE : undefined) || homedir();
  return { platform, home, env };
}

export function pathsFor(environment: ClientEnvironment): typeof posix {
  return environment.platform === 'win32' ? win32 : posix;
}

/** Roaming application data: `%APPDATA%`, `~/Library/Application Support`, `$XDG_CONFIG_HOME`. */
export function appDataDir(environment: ClientEnvironment): string {
  const path = pathsFor(environment);
  const { env, home } = environment;
  if (environment.platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  if (environment.platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  // The XDG spec says a relative value is invalid and must be ignored.
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
}

export function localAppDataDir(environment: ClientEnvironment): string {
  return environment.env.LOCALAPPDATA || pathsFor(environment).join(environment.home, 'AppData', 'Local');
}

/** The first executable called `name` on PATH, or null. */
export function findOnPath(name: string, environment: ClientEnvironment, probe: Probe): string | null {
  const path = pathsFor(environment);
  const separator = environment.platform === 'win32' ? ';' : ':';
  const pathVariable = environment.env.PATH ?? environment.env.Path ?? '';
  const suffixes = environment.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const folder of pathVariable.split(separator)) {
    if (!folder || !path.isAbsolute(folder)) continue;
    for (const suffix of suffixes) {
      const candidate = path.join(folder, name + suffix);
      if (probe.exists(candidate) && isFileOrUnknown(candidate, probe)) return candidate;
    }
  }
  return null;
}

function isFileOrUnknown(candidate: string, probe: Probe): boolean {
  if (probe !== realProbe) return true;
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}
