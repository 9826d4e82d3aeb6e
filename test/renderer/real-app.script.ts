// The app's real services behind the loopback bridge, for the UI tests (docs/decisions.md, "Testing
// without the Electron binary"): the engine bundle over stdio, config.json through conf (what
// electron-store is built on), the keychain through @napi-rs/keyring, AI-client files in the HOME
// it is given. It runs as its own process because the keychain only exists inside the test's
// private D-Bus session. It prints one JSON line with the bridge's address and token, then serves until
// stdin closes or it gets SIGTERM.
//
// Statuses are kept current as main keeps them (main/app/status-sync.ts).
//
// Environment: HOME (temporary), PUNCHCARD_USER_DATA, PUNCHCARD_SERVER_SCRIPT, PUNCHCARD_RECORD (a
// file that receives one JSON line per clipboard write, opened link or saved file), PUNCHCARD_SAVE_AS
// (where the save dialog "chooses" to save; absent: the person cancels it).
//
// Each line on stdin is `{"idle": <event>}`: a power or idle event for the idle tracker, as the
// app's powerMonitor adapter would send it (main/idle/idle-watch.ts).
import { appendFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Conf from 'conf';
import { createAppServices } from '../../main/app/services.ts';
import { createStatusBroadcast } from '../../main/app/status-broadcast.ts';
import { syncAppStatus } from '../../main/app/status-sync.ts';
import type { EventName } from '../../window-contract/channels.ts';
import type { EventPayload } from '../../window-contract/index.ts';
import type { IdleQuestion, StatusView } from '../../window-contract/status.ts';
import type { IdleEvent } from '../../main/idle/idle-model.ts';
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
// Statuses reach the window as in main (main/index.ts): through one broadcast that drops old news.
const status = createStatusBroadcast();
const saveAs = process.env.PUNCHCARD_SAVE_AS;
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
  statusChanged: (next) => status.publish(next),
  saveTextFile: async ({ fileName, contents }) => {
    record({ saveDialog: fileName });
    if (!saveAs) return null;
    writeFileSync(saveAs, contents);
    return saveAs;
  },
});

status.subscribe((next) => {
  services.idle.status(next);
  for (const listener of listeners) listener(next);
});
// And as main keeps them current: the data folder watched (the timesheet's writes, the outbox's
// signal of a settled kept write), a remote back end asked again on its interval.
const sync = syncAppStatus({ services, publish: (next) => status.publish(next), userDataDir, log });

const bridge = await startBridgeServer(
  {
    ...services.handlers,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (event === 'idleQuestion') return services.idle.onQuestion(listener as (payload: IdleQuestion | null) => void);
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
  sync.stop();
  await bridge.close();
  await services.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
const commands = createInterface({ input: process.stdin });
// One command after the other, in the order sent (each waits for a status first).
let queue = Promise.resolve();
commands.on('line', (line) => {
  const command = JSON.parse(line) as { idle?: Exclude<IdleEvent, { kind: 'status' | 'answered' }> };
  const event = command.idle;
  if (!event) return;
  // The tracker knows the timer from the statuses it is told; ask for one first, as the app's sync would.
  queue = queue.then(
    async () => {
      const status = await services.timesheet.getStatus();
      services.idle.status(status);
      services.idle.observe(event);
      record({ idleObserved: event.kind });
    },
    () => {},
  );
});
commands.on('close', () => void stop());
