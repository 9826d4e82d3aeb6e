// The Linux autostart file (XDG Autostart: ~/.config/autostart/punchcard.desktop), Electron having
// no login-item API there (docs/electron.md, "Login items"). Pure: content, quoting and location.
import { isAbsolute, join } from 'node:path';

export const AUTOSTART_ARG = '--autostart';
export const AUTOSTART_FILE_NAME = 'punchcard.desktop';

/**
 * What autostart launches: an AppImage must be started through the AppImage file itself
 * ($APPIMAGE), never through the executable inside its mount, which vanishes when the app exits.
 */
export function autostartExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  const appImage = env.APPIMAGE;
  return appImage && isAbsolute(appImage) ? appImage : execPath;
}

/** The folder: $XDG_CONFIG_HOME/autostart when that is an absolute path, else ~/.config/autostart. */
export function autostartDirectory(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME;
  return join(configHome && isAbsolute(configHome) ? configHome : join(home, '.config'), 'autostart');
}

// Characters that make the Desktop Entry spec require quoting an Exec argument.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument per the Desktop Entry spec: quoted when it holds a reserved character, with
 * `"`, `` ` ``, `$` and `\` backslash-escaped inside the quotes; then the string-value escaping that
 * applies before the quoting rule doubles every backslash (so a literal `\` ends up as `\\\\`), and
 * `%` becomes `%%` (field codes).
 */
export function quoteExecArgument(argument: string): string {
  if (argument === '' || /[\n\r\t\0]/.test(argument)) throw new Error(`Cannot put ${JSON.stringify(argument)} on an Exec line`);
  const quoted = RESERVED.test(argument) ? `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : argument;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(executable: string, args: readonly string[] = [AUTOSTART_ARG]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Punchcard',
    'Comment=Time tracking from the tray and from your AI assistant',
    `Exec=${[executable, ...args].map(quoteExecArgument).join(' ')}`,
    'Icon=punchcard',
    'Terminal=false',
    'Categories=Utility;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Whether an autostart file's text starts the app: not Hidden, not switched off for GNOME. */
export function autostartEnabled(text: string): boolean {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return !lines.includes('Hidden=true') && !lines.includes('X-GNOME-Autostart-enabled=false');
}
