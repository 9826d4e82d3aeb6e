// Where things live on the machine we register on. Everything path-related takes this value instead
// of reading process.env or os.homedir() itself, so the Windows and macOS rules are tested on Linux
// and every real-file test runs in a temporary HOME.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { posix } from 'node:path';
import { appDataDir as appDataFolder, homeDir, pathsFor as pathRules } from '../user-data.ts';

export type Platform = 'darwin' | 'win32' | 'linux';

export interface ClientEnvironment {
  platform: Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The file-system questions detection asks; real by default, a fake for the per-OS rules. */
export interface Probe {
  exists(path: string): boolean;
  /** True for a regular file (a launcher on PATH), false for a folder or nothing. */
  isFile(path: string): boolean;
  /** Names in a folder; empty when it cannot be read. */
  list(folder: string): string[];
  /** The path with every link resolved, or null when it does not exist (absent: paths compare as written). */
  realPath?(path: string): string | null;
}

export const realProbe: Probe = {
  exists: (path) => existsSync(path),
  isFile: (path) => {
    // A folder on PATH the user may not enter (another user's ~/.cargo/bin) hides nothing from us.
    try {
      return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  },
  list: (folder) => {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  },
  realPath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  },
};

/** Every match of `name` on PATH, in PATH order (findOnPath is the first of them). */
function allOnPath(name: string, environment: ClientEnvironment, probe: Probe): string[] {
  const path = pathsFor(environment);
  const separator = environment.platform === 'win32' ? ';' : ':';
  const pathVariable = environment.env.PATH ?? environment.env.Path ?? '';
  const suffixes = environment.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  const found: string[] = [];
  for (const folder of pathVariable.split(separator)) {
    if (!folder || !path.isAbsolute(folder)) continue;
    for (const suffix of suffixes) {
      const candidate = path.join(folder, name + suffix);
      if (probe.isFile(candidate)) found.push(candidate);
    }
  }
  return found;
}

/** True when both paths lead to the same file (after links), or are written the same. */
export function samePath(a: string, b: string, probe: Probe): boolean {
  if (a === b) return true;
  const realA = probe.realPath?.(a);
  return realA !== null && realA !== undefined && realA === probe.realPath?.(b);
}

/**
 * The path of Node to write into an entry: the `node` on PATH that leads to the running binary
 * (`/opt/homebrew/bin/node`, an nvm or Volta shim folder), not the versioned real path behind it
 * (`Cellar/node/24.1.0/bin/node`), which the next upgrade removes. Without such a link, the
 * executable as given.
 */
export function stableNodePath(executable: string, environment: ClientEnvironment, probe: Probe): string {
  const stable = allOnPath('node', environment, probe).find((candidate) => samePath(candidate, executable, probe));
  return stable ?? executable;
}

export function currentEnvironment(env: NodeJS.ProcessEnv = process.env): ClientEnvironment {
  const platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
  return { platform, home: homeDir(env), env };
}

export function pathsFor(environment: ClientEnvironment): typeof posix {
  return pathRules(environment.platform);
}

/** Roaming application data: `%APPDATA%`, `~/Library/Application Support`, `$XDG_CONFIG_HOME`. */
export function appDataDir(environment: ClientEnvironment): string {
  return appDataFolder(environment.platform, environment.env, environment.home);
}

export function localAppDataDir(environment: ClientEnvironment): string {
  return environment.env.LOCALAPPDATA || pathsFor(environment).join(environment.home, 'AppData', 'Local');
}

/** The first executable called `name` on PATH, or null. */
export function findOnPath(name: string, environment: ClientEnvironment, probe: Probe): string | null {
  return allOnPath(name, environment, probe)[0] ?? null;
}
