// The app's real services behind the loopback bridge, for the UI tests (docs/decisions.md, "Testing
// without the Electron binary"): the engine bundle over stdio, config.json through conf (what
// electron-store is built on), the keychain through keytar, AI-client files in the HOME it is
// given. It runs as its own process because the keychain only exists inside the test's private
// D-Bus session. It prints one JSON line with the bridge's address and token, then serves until
// stdin closes or it gets SIGTERM.
//
// Environment: HOME (temporary), PUNCHCARD_USER_DATA, PUNCHCARD_SERVER_SCRIPT, PUNCHCARD_RECORD (a
// file that receives one JSON line per clipboard write or opened link).
import { appendFileSync } from 'node:fs';
import Conf from 'conf';
import { createAppServices } from '../../main/app/services.ts';
import type { EventName, EventPayload, StatusView } from '../../main/ipc/contract.ts';
import { startBridgeServer } from './bridge-server.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const userDataDir = required('PUNCHCARD_USER_DATA');
const recordFile = required('PUNCHCARD_RECORD');
const record = (entry: Record<string, unknown>) => appendFileSync(recordFile, `${JSON.stringify(entry)}\n`);
const log = (message: string) => process.stderr.write(`${message}\n`);

const listeners = new Set<(payload: StatusView) => void>();
const services = createAppServices({
  userDataDir,
  serverScript: required('PUNCHCARD_SERVER_SCRIPT'),
  executable: process.execPath,
  runAsNode: false,
  platform: 'linux',
  env: process.env,
  settingsFile: new Conf<Record<string, unknown>>({ cwd: userDataDir, configName: 'config' }),
  log,
  version: '0.0.0-test',
  clipboard: { writeText: (text) => record({ clipboard: text }) },
  openExternal: async (url) => record({ openExternal: url }),
  loginItem: { supported: true, set: (on) => record({ startAtLogin: on }) },
  statusChanged: (status) => {
    for (const listener of listeners) listener(status);
  },
});

const bridge = await startBridgeServer(
  {
    ...services.handlers,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (event !== 'statusChanged') return () => {};
      const forward = listener as (payload: StatusView) => void;
      listeners.add(forward);
      return () => listeners.delete(forward);
    },
  },
  { log },
);
process.stdout.write(`${JSON.stringify({ url: bridge.url, token: bridge.token, pid: process.pid })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await services.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
