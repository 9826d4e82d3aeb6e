// A throwaway gnome-keyring on a private D-Bus session, for tests that use the real keychain
// (docs/decisions.md, "Testing without the Electron binary"). Callers run their program as
//   dbus-run-session -- sh -c WITH_UNLOCKED_KEYRING sh <program> <args…>
// with KEYRING_PASSWORD, HOME, the XDG folders and XDG_RUNTIME_DIR pointing into a temporary
// directory, so the developer's own keyring and session bus are never touched.
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { expect } from 'vitest';

// Runs "$@" on a session bus that has a gnome-keyring, then stops the daemon.
// - --foreground keeps the daemon a child of this shell, so the trap can stop and reap it (a
//   daemonized one is left to init and can linger as a zombie).
// - The daemon returns before it has claimed org.freedesktop.secrets on the bus; the loop waits for
//   the name, since a call that arrives first would D-Bus-activate a second daemon.
function withKeyring(startDaemon: string): string {
  return `set -eu
${startDaemon} &
keyring_pid=$!
trap 'kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true' EXIT
tries=0
until dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q true; do
  kill -0 "$keyring_pid" 2>/dev/null || { echo 'gnome-keyring-daemon exited during startup' >&2; exit 1; }
  tries=$((tries + 1))
  [ "$tries" -lt 200 ] || { echo 'gnome-keyring-daemon did not appear on D-Bus within 10 s' >&2; exit 1; }
  sleep 0.05
done
"$@"`;
}

/**
 * A fresh, unlocked login keyring (created on first use, in the sandbox's HOME). The password must
 * not be empty: with an empty one gnome-keyring asks a prompter instead, which fails without a display.
 */
export const WITH_UNLOCKED_KEYRING = withKeyring(
  `printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null`,
);

/**
 * The login keyring an earlier WITH_UNLOCKED_KEYRING session left in the same HOME, locked: the
 * daemon gets no password, so every use of the keyring asks a prompter to unlock it, which cannot
 * show without a display and is reported as dismissed, as when a person cancels it.
 */
export const WITH_LOCKED_KEYRING = withKeyring('gnome-keyring-daemon --foreground --components=secrets </dev/null >/dev/null 2>&1');

const REQUIRED_COMMANDS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'];

/**
 * Fails (never skips) with what to install: a silently skipped keychain test proves nothing.
 * `secret-tool` (libsecret-tools) is what the tests use to see the keyring as another Secret Service
 * client sees it.
 */
export function requireKeyringTools(extra: ReadonlyArray<'secret-tool'> = []): void {
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const required = [...REQUIRED_COMMANDS, ...extra];
  const missing = required.filter((command) => !path.some((dir) => isExecutable(join(dir, command))));
  if (missing.length > 0) {
    throw new Error(
      `The keychain tests need ${required.join(', ')}; not found on PATH: ${missing.join(', ')}. ` +
        'Install the Debian packages: sudo apt-get install gnome-keyring dbus libsecret-tools',
    );
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** gnome-keyring-daemon processes started for `home` (found by their HOME) that are still alive. */
function daemonsOf(home: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('gnome-keyring-d')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`HOME=${home}`)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's process: not ours either way.
    }
  }
  return found;
}

export async function expectNoDaemonLeft(home: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let left = daemonsOf(home);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = daemonsOf(home);
  }
  for (const pid of left) process.kill(pid, 'SIGKILL');
  expect(left, 'gnome-keyring-daemon still running after the session ended').toEqual([]);
}

/**
 * The whole environment of a program run in the throwaway session: Node on PATH, and HOME, the XDG
 * folders and the runtime folder (mode 0700, made by the caller) inside the temporary `home`, so
 * the keyring file lands there. Nothing else is passed, so no bus or display leaks in.
 */
export function keyringSandboxEnv(home: string, runtime: string): NodeJS.ProcessEnv {
  return {
    PATH: [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: runtime,
    LANG: 'C.UTF-8',
  };
}
