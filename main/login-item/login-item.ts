// "Start Punchcard when I log in" (docs/electron.md, "Login items"). macOS and Windows through
// Electron's login item API, Linux through an XDG autostart file. Off unless the person turns it
// on. Only an installed app can do it: a development build would register the bare Electron binary.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import { AUTOSTART_ARG, AUTOSTART_FILE_NAME, autostartDirectory, autostartEnabled, autostartEntry, autostartExecutable } from './autostart-entry.ts';

export interface LoginItemOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  execPath?: string;
  isPackaged?: boolean;
}

export interface LoginItem {
  /** Whether this installation can start at login (PreferencesView.startAtLoginSupported). */
  readonly supported: boolean;
  /** Why not, in a sentence, when unsupported. */
  readonly reason: string | null;
  isEnabled(): boolean;
  /** macOS 13+: switched on, but waiting for the person to allow it in System Settings › Login Items. */
  requiresApproval(): boolean;
  set(openAtLogin: boolean): void;
}

export function loginItem(options: LoginItemOptions = {}): LoginItem {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const isPackaged = options.isPackaged ?? app.isPackaged;
  const reason = !isPackaged
    ? 'Start at login works in the installed app, not in a development build.'
    : platform === 'darwin' || platform === 'win32' || platform === 'linux'
      ? null
      : `Start at login is not available on ${platform}.`;
  const supported = reason === null;

  if (platform === 'linux') {
    const file = join(autostartDirectory(env, options.home ?? env.HOME ?? homedir()), AUTOSTART_FILE_NAME);
    const executable = autostartExecutable(env, options.execPath ?? process.execPath);
    return {
      supported,
      reason,
      isEnabled: () => existsSync(file) && autostartEnabled(readFileSync(file, 'utf8')),
      requiresApproval: () => false,
      set(enabled) {
        if (!supported) throw new Error(reason ?? 'Start at login is not available.');
        if (!enabled) {
          rmSync(file, { force: true });
          return;
        }
        mkdirSync(join(file, '..'), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, autostartEntry(executable), { mode: 0o644 });
        renameSync(temporary, file);
      },
    };
  }

  // Windows keys the entry by executable and arguments, so reading must name the same arguments.
  const settings = { args: [AUTOSTART_ARG] };
  return {
    supported,
    reason,
    isEnabled: () => supported && app.getLoginItemSettings(settings).openAtLogin,
    requiresApproval: () => supported && platform === 'darwin' && app.getLoginItemSettings().status === 'requires-approval',
    set(enabled) {
      if (!supported) throw new Error(reason ?? 'Start at login is not available.');
      app.setLoginItemSettings({ openAtLogin: enabled, ...settings });
    },
  };
}

/** True when the system started the app at login (to stay quietly in the tray). */
export function startedAtLogin(argv: readonly string[] = process.argv, platform: NodeJS.Platform = process.platform): boolean {
  if (argv.includes(AUTOSTART_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
