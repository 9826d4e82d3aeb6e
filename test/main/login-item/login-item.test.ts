import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autostartDirectory, autostartEnabled, autostartEntry, autostartExecutable, quoteExecArgument } from '../../../main/login-item/autostart-entry.ts';
import { loginItem, startedAtLogin } from '../../../main/login-item/login-item.ts';
import { app, resetElectronMock } from '../../support/electron-mock.ts';

/**
 * Reads an Exec value back the way the Desktop Entry spec says a launcher does: first the string
 * escapes (\\s \\n \\t \\r \\\\), then the argument quoting, with %% standing for %.
 */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\([sntr\\])/g, (_, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
  const args: string[] = [];
  let current = '';
  let started = false;
  for (let i = 0; i < unescaped.length; i++) {
    const char = unescaped[i] as string;
    if (char === '"') {
      started = true;
      for (i++; i < unescaped.length && unescaped[i] !== '"'; i++) {
        if (unescaped[i] === '\\' && /["`$\\]/.test(unescaped[i + 1] ?? '')) i++;
        // GLib expands field codes after splitting, so %% means % inside quotes too.
        else if (unescaped[i] === '%') {
          if (unescaped[i + 1] !== '%') throw new Error(`Field code in ${value}`);
          i++;
        }
        current += unescaped[i];
      }
      if (unescaped[i] !== '"') throw new Error(`Unterminated quote in ${value}`);
    } else if (char === ' ') {
      if (started) args.push(current);
      current = '';
      started = false;
    } else if (char === '%') {
      if (unescaped[i + 1] !== '%') throw new Error(`Field code in ${value}`);
      current += '%';
      started = true;
      i++;
    } else {
      if (/["'\\><~|&;$*?#()`\t\n]/.test(char)) throw new Error(`Reserved ${JSON.stringify(char)} outside quotes in ${value}`);
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

function execOf(entry: string): string[] {
  const line = entry.split('\n').find((l) => l.startsWith('Exec='));
  if (!line) throw new Error('no Exec line');
  return parseExec(line.slice('Exec='.length));
}

describe('the autostart entry', () => {
  it('starts the app with --autostart', () => {
    const entry = autostartEntry('/opt/Punchcard/punchcard');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('\nExec=/opt/Punchcard/punchcard --autostart\n');
    expect(entry).toContain('\nX-GNOME-Autostart-enabled=true\n');
    expect(entry).toContain('\nTerminal=false\n');
    expect(autostartEnabled(entry)).toBe(true);
  });

  it('quotes paths per the Desktop Entry spec', () => {
    expect(quoteExecArgument('/home/ann/Apps/Punchcard 1.0.AppImage')).toBe('"/home/ann/Apps/Punchcard 1.0.AppImage"');
    expect(quoteExecArgument('/opt/a$b')).toBe('"/opt/a\\\\$b"');
    expect(quoteExecArgument('C:\\x')).toBe('"C:\\\\\\\\x"');
    expect(quoteExecArgument('/opt/100%/punchcard')).toBe('/opt/100%%/punchcard');
    expect(() => quoteExecArgument('/opt/a\nb')).toThrow();
    expect(() => quoteExecArgument('')).toThrow();
  });

  it('reads back as the same arguments, whatever the path', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !/[\n\r\t\0]/.test(s)),
        (path) => {
          expect(execOf(autostartEntry(path))).toEqual([path, '--autostart']);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('launches an AppImage through the AppImage file, never its temporary mount', () => {
    expect(autostartExecutable({ APPIMAGE: '/home/ann/Apps/Punchcard.AppImage' }, '/tmp/.mount_PunchcXYZ/punchcard')).toBe('/home/ann/Apps/Punchcard.AppImage');
    expect(autostartExecutable({}, '/opt/Punchcard/punchcard')).toBe('/opt/Punchcard/punchcard');
    expect(autostartExecutable({ APPIMAGE: 'relative.AppImage' }, '/opt/Punchcard/punchcard')).toBe('/opt/Punchcard/punchcard');
  });

  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartDirectory({}, '/home/ann')).toBe('/home/ann/.config/autostart');
    expect(autostartDirectory({ XDG_CONFIG_HOME: '/home/ann/conf' }, '/home/ann')).toBe('/home/ann/conf/autostart');
    expect(autostartDirectory({ XDG_CONFIG_HOME: 'conf' }, '/home/ann')).toBe('/home/ann/.config/autostart');
  });

  it('reads a switched-off entry as off', () => {
    expect(autostartEnabled('[Desktop Entry]\nHidden=true\n')).toBe(false);
    expect(autostartEnabled('[Desktop Entry]\r\nX-GNOME-Autostart-enabled=false\r\n')).toBe(false);
  });
});

describe('loginItem on Linux', () => {
  let home: string;

  beforeEach(() => {
    resetElectronMock();
    home = mkdtempSync(join(tmpdir(), 'punchcard-home-'));
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const linux = (env: NodeJS.ProcessEnv = {}) =>
    loginItem({ platform: 'linux', env: { HOME: home, ...env }, execPath: '/opt/Punchcard/punchcard', isPackaged: true });
  const file = () => join(home, '.config', 'autostart', 'punchcard.desktop');

  it('writes and removes ~/.config/autostart/punchcard.desktop', () => {
    const item = linux();
    expect(item.supported).toBe(true);
    expect(item.isEnabled()).toBe(false);
    item.set(true);
    expect(item.isEnabled()).toBe(true);
    expect(readFileSync(file(), 'utf8')).toBe(autostartEntry('/opt/Punchcard/punchcard'));
    expect(statSync(file()).mode & 0o777).toBe(0o644);
    item.set(false);
    expect(existsSync(file())).toBe(false);
    expect(item.isEnabled()).toBe(false);
    item.set(false);
  });

  it('uses $APPIMAGE for an AppImage', () => {
    linux({ APPIMAGE: '/home/ann/Punchcard.AppImage' }).set(true);
    expect(execOf(readFileSync(file(), 'utf8'))).toEqual(['/home/ann/Punchcard.AppImage', '--autostart']);
  });

  it('sees an entry switched off by the desktop', () => {
    mkdirSync(join(home, '.config', 'autostart'), { recursive: true });
    writeFileSync(file(), '[Desktop Entry]\nExec=punchcard\nHidden=true\n');
    expect(linux().isEnabled()).toBe(false);
  });

  it('is unsupported in a development build, and says why', () => {
    const item = loginItem({ platform: 'linux', env: { HOME: home }, isPackaged: false });
    expect(item.supported).toBe(false);
    expect(item.reason).toMatch(/installed app/);
    expect(() => item.set(true)).toThrow(/installed app/);
    expect(existsSync(file())).toBe(false);
  });
});

describe('loginItem on macOS and Windows', () => {
  beforeEach(() => resetElectronMock());

  it('uses Electron’s login item with --autostart', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      resetElectronMock();
      const item = loginItem({ platform, isPackaged: true });
      expect(item.supported).toBe(true);
      expect(item.isEnabled()).toBe(false);
      item.set(true);
      expect(app.loginItemCalls).toEqual([{ openAtLogin: true, args: ['--autostart'] }]);
      expect(item.isEnabled()).toBe(true);
      item.set(false);
      expect(app.loginItemCalls.at(-1)).toEqual({ openAtLogin: false, args: ['--autostart'] });
      expect(item.isEnabled()).toBe(false);
    }
  });

  it('reports a macOS login item waiting for approval in System Settings', () => {
    const item = loginItem({ platform: 'darwin', isPackaged: true });
    item.set(true);
    expect(item.requiresApproval()).toBe(false);
    app.loginItemStatus = 'requires-approval';
    expect(item.requiresApproval()).toBe(true);
  });

  it('is unsupported unpackaged and on other systems', () => {
    expect(loginItem({ platform: 'win32', isPackaged: false }).supported).toBe(false);
    expect(loginItem({ platform: 'freebsd', isPackaged: true }).reason).toMatch(/freebsd/);
    expect(app.isPackaged).toBe(false);
    expect(loginItem({ platform: 'darwin' }).supported).toBe(false);
  });

  it('tells a start at login apart', () => {
    expect(startedAtLogin(['/opt/Punchcard/punchcard', '--autostart'], 'linux')).toBe(true);
    expect(startedAtLogin(['/opt/Punchcard/punchcard'], 'linux')).toBe(false);
    expect(startedAtLogin(['Punchcard'], 'darwin')).toBe(false);
    app.wasOpenedAtLogin = true;
    expect(startedAtLogin(['Punchcard'], 'darwin')).toBe(true);
  });
});
