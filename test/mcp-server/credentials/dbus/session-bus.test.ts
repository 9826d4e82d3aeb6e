// The session-bus connection (mcp-server/credentials/dbus/session-bus.ts) against a real
// dbus-daemon the test starts on a socket in a temporary folder: calls, errors, signals, and a bus
// that is not there, said in the words libdbus uses (the keychain store recognises them).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSessionBus, sessionBusSocket, type BusConnection } from '../../../../mcp-server/credentials/dbus/session-bus.ts';
import { requireKeyringTools } from '../../../support/keyring.ts';

const BUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' };

describe('sessionBusSocket', () => {
  it('finds the socket as libdbus does', () => {
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe('/run/user/1000/bus');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-Ab3,guid=0f1e' })).toBe('\0/tmp/dbus-Ab3');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/with%20space,guid=1' })).toBe('/tmp/with space');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1;unix:path=/tmp/second' })).toBe('/tmp/second');
    expect(sessionBusSocket({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/bus');
  });

  it('says why there is none', () => {
    expect(() => sessionBusSocket({})).toThrow('No D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set');
    expect(() => sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1' })).toThrow(/names no Unix socket/);
  });
});

describe('a connection to a real dbus-daemon', () => {
  let folder: string;
  let daemon: ChildProcess;
  let env: NodeJS.ProcessEnv;
  const open: BusConnection[] = [];
  const connection = async () => {
    const bus = await connectSessionBus(env);
    open.push(bus);
    return bus;
  };

  beforeAll(async () => {
    requireKeyringTools();
    folder = mkdtempSync(join(tmpdir(), 'punchcard-dbus-'));
    const config = join(folder, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${join(folder, 'bus')}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
`,
    );
    daemon = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    if (!daemon.stdout) throw new Error('dbus-daemon has no stdout');
    const [address] = (await once(createInterface({ input: daemon.stdout }), 'line')) as [string];
    env = { DBUS_SESSION_BUS_ADDRESS: address };
  });

  afterAll(() => {
    for (const bus of open) bus.close();
    daemon?.kill();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('signs in, calls a method and reads its answer', async () => {
    const bus = await connection();
    const [id] = await bus.call({ ...BUS, member: 'GetId' });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [names] = (await bus.call({ ...BUS, member: 'ListNames' })) as [string[]];
    expect(names).toContain('org.freedesktop.DBus');
  });

  it('refuses an answer or a signal of another shape than the caller expects, rather than misread it', async () => {
    const bus = await connection();
    await expect(bus.call({ ...BUS, member: 'GetId', reply: 'ao' })).rejects.toThrow("org.freedesktop.DBus.GetId answered with 's' where 'ao' was expected");
    const { next } = await bus.watchSignal({ ...BUS, member: 'NameOwnerChanged', signature: 'b' }, 10_000);
    await (await connection()).call({ ...BUS, member: 'RequestName', signature: 'su', body: ['org.example.Shape', 0] });
    await expect(next).rejects.toThrow("org.freedesktop.DBus.NameOwnerChanged came with 'sss' where 'b' was expected");
  });

  it('rejects a D-Bus error with its name and message', async () => {
    const bus = await connection();
    await expect(bus.call({ ...BUS, member: 'GetNameOwner', signature: 's', body: ['org.example.Nobody'] })).rejects.toThrow(
      /^org\.freedesktop\.DBus\.Error\.NameHasNoOwner: .*org\.example\.Nobody/,
    );
  });

  it('hears a signal it subscribed to, and only after subscribing', async () => {
    const watcher = await connection();
    const owner = await connection();
    const { next } = await watcher.watchSignal({ ...BUS, member: 'NameOwnerChanged' }, 10_000);
    const [reply] = await owner.call({ ...BUS, member: 'RequestName', signature: 'su', body: ['org.example.Punchcard', 0] });
    expect(reply).toBe(1); // DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
    const [name, previous, current] = (await next) as string[];
    expect({ name, previous }).toEqual({ name: 'org.example.Punchcard', previous: '' });
    expect(current).toMatch(/^:1\.\d+$/);
  });

  it('gives up waiting for a signal that never comes, and refuses calls once closed', async () => {
    const bus = await connection();
    const { next } = await bus.watchSignal({ path: '/nowhere', interface: 'org.example.Never', member: 'Sent' }, 50);
    await expect(next).rejects.toThrow('No org.example.Never.Sent within 50 ms');
    bus.close();
    await expect(bus.call({ ...BUS, member: 'GetId' })).rejects.toThrow('The D-Bus connection was closed');
  });

  it('says a bus that is not there in libdbus’s words', async () => {
    const missing = join(folder, 'no-bus');
    await expect(connectSessionBus({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${missing}` })).rejects.toThrow(`Failed to connect to socket ${missing}: ENOENT`);
  });
});
