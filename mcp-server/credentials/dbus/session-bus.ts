// A connection to the person's D-Bus session bus: found the way libdbus finds it
// (DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus), authenticated as this process's user
// (SASL EXTERNAL), then method calls and the signals a caller waits for. Only what the keytar
// entries need (keytar-entries.ts): no objects of our own, no file descriptors.
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { decodeMessage, encodeMessage, MessageType, readBody, type DBusValue, type Message } from './wire.ts';

export interface MethodCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: DBusValue[];
  /** The signature the answer must have; another is refused rather than misread. */
  reply?: string;
}

export interface SignalMatch {
  path: string;
  interface: string;
  member: string;
  /** The signature the signal must have; another is refused rather than misread. */
  signature?: string;
}

export interface BusConnection {
  /** The reply's values; a D-Bus error rejects with "<error name>: <its message>". */
  call(call: MethodCall): Promise<DBusValue[]>;
  /**
   * Subscribes to a signal and resolves once the bus has the subscription, so one sent after that
   * cannot be missed; `next` then settles with its values, or fails after `timeoutMs`.
   */
  watchSignal(match: SignalMatch, timeoutMs: number): Promise<{ next: Promise<DBusValue[]> }>;
  close(): void;
}

/** A method call that has no answer in this long has none coming (libdbus waits 25 s). */
const CALL_TIMEOUT_MS = 25_000;
const BUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' };

/** The socket to connect to: a filesystem path, or an abstract name as Node writes it ("\0name"). */
export function sessionBusSocket(env: NodeJS.ProcessEnv): string {
  const address = env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) {
    // libdbus and sd-bus use the per-user bus of systemd there when the variable is unset.
    if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, 'bus');
    throw new Error('No D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set');
  }
  for (const entry of address.split(';')) {
    const colon = entry.indexOf(':');
    if (entry.slice(0, colon) !== 'unix') continue;
    const keys = new Map(
      entry
        .slice(colon + 1)
        .split(',')
        .map((pair) => {
          const equals = pair.indexOf('=');
          return [pair.slice(0, equals), decodeURIComponent(pair.slice(equals + 1))] as const;
        }),
    );
    const path = keys.get('path');
    if (path) return path;
    const abstract = keys.get('abstract');
    if (abstract) return `\0${abstract}`;
  }
  throw new Error(`Could not connect to the D-Bus session bus: DBUS_SESSION_BUS_ADDRESS names no Unix socket (${address})`);
}

export async function connectSessionBus(env: NodeJS.ProcessEnv = process.env): Promise<BusConnection> {
  const path = sessionBusSocket(env);
  const socket = await open(path);
  try {
    const leftover = await authenticate(socket);
    const connection = messages(socket, leftover);
    await connection.call({ ...BUS, member: 'Hello' });
    return connection;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

function open(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // The words libdbus uses, which the keychain store recognises as "no session bus".
      reject(new Error(`Failed to connect to socket ${path.replace('\0', '@')}: ${error.code ?? error.message}`));
    });
  });
}

/** SASL EXTERNAL: the bus checks our user id against the socket's peer credentials. */
function authenticate(socket: Socket): Promise<Buffer> {
  const uid = String(process.getuid?.() ?? '');
  socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid, 'ascii').toString('hex')}\r\n`);
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error('The D-Bus session bus did not answer the sign-in')), CALL_TIMEOUT_MS);
    const finish = (error: Error | null, leftover?: Buffer) => {
      clearTimeout(timer);
      socket.off('data', onData).off('error', finish).off('close', onClose);
      if (error) reject(error);
      else resolve(leftover ?? Buffer.alloc(0));
    };
    const onClose = () => finish(new Error('The D-Bus session bus closed the connection during sign-in'));
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n');
      if (end === -1) {
        if (received.length > 4096) finish(new Error('The D-Bus session bus sent an overlong sign-in answer'));
        return;
      }
      const line = received.subarray(0, end).toString('ascii');
      if (!line.startsWith('OK ')) return finish(new Error(`The D-Bus session bus refused the sign-in (${line})`));
      socket.write('BEGIN\r\n');
      finish(null, received.subarray(end + 2));
    };
    socket.on('data', onData).on('error', finish).on('close', onClose);
  });
}

/** Whoever waits for a message hears its values, or why they could not be read. */
function settle(waiter: { resolve: (values: DBusValue[]) => void; reject: (error: Error) => void }, values: () => DBusValue[]): void {
  try {
    waiter.resolve(values());
  } catch (error) {
    waiter.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function messages(socket: Socket, leftover: Buffer): BusConnection {
  let serial = 0;
  let buffer = leftover;
  let closed: Error | null = null;
  const pending = new Map<
    number,
    { method: string; reply: string | undefined; resolve: (values: DBusValue[]) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  const waiting = new Set<{ match: SignalMatch; resolve: (values: DBusValue[]) => void; reject: (error: Error) => void }>();

  const fail = (error: Error) => {
    closed ??= error;
    for (const [key, call] of pending) {
      clearTimeout(call.timer);
      call.reject(error);
      pending.delete(key);
    }
    for (const waiter of waiting) waiter.reject(error);
    waiting.clear();
    socket.destroy();
  };

  const deliver = (message: Message) => {
    if ((message.type === MessageType.reply || message.type === MessageType.error) && message.replySerial !== undefined) {
      const call = pending.get(message.replySerial);
      if (!call) return;
      pending.delete(message.replySerial);
      clearTimeout(call.timer);
      return settle(call, () => {
        if (message.type === MessageType.reply) {
          if (call.reply !== undefined && (message.signature ?? '') !== call.reply) {
            throw new Error(`${call.method} answered with '${message.signature ?? ''}' where '${call.reply}' was expected`);
          }
          return readBody(message);
        }
        const [text] = message.signature?.startsWith('s') ? readBody(message) : [];
        throw new Error(`${message.errorName ?? 'D-Bus error'}: ${typeof text === 'string' ? text : 'no message'}`);
      });
    }
    if (message.type !== MessageType.signal) return;
    for (const waiter of waiting) {
      const { match } = waiter;
      if (message.path === match.path && message.interface === match.interface && message.member === match.member) {
        waiting.delete(waiter);
        settle(waiter, () => {
          if (match.signature !== undefined && (message.signature ?? '') !== match.signature) {
            throw new Error(`${match.interface}.${match.member} came with '${message.signature ?? ''}' where '${match.signature}' was expected`);
          }
          return readBody(message);
        });
      }
    }
  };

  const onData = (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    try {
      for (let next = decodeMessage(buffer); next; next = decodeMessage(buffer)) {
        buffer = buffer.subarray(next.bytes);
        deliver(next.message);
      }
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };
  socket.on('data', onData);
  socket.on('error', (error) => fail(new Error(`The D-Bus session bus connection failed: ${error.message}`)));
  socket.on('close', () => fail(new Error('The D-Bus session bus closed the connection')));
  if (leftover.length > 0) onData(Buffer.alloc(0));

  const connection: BusConnection = {
    call({ body, reply, ...call }) {
      if (closed) return Promise.reject(closed);
      const id = ++serial;
      const bytes = encodeMessage({ type: MessageType.call, serial: id, ...call }, body ?? []);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${call.interface}.${call.member} got no answer within ${CALL_TIMEOUT_MS / 1000} s`));
        }, CALL_TIMEOUT_MS);
        pending.set(id, { method: `${call.interface}.${call.member}`, reply, resolve, reject, timer });
        socket.write(bytes);
      });
    },
    async watchSignal(match, timeoutMs) {
      const rule = `type='signal',path='${match.path}',interface='${match.interface}',member='${match.member}'`;
      let waiter!: { match: SignalMatch; resolve: (values: DBusValue[]) => void; reject: (error: Error) => void };
      const arrived = new Promise<DBusValue[]>((resolve, reject) => {
        waiter = { match, resolve, reject };
        waiting.add(waiter);
      });
      // Settled by the race below, or by close() once nobody waits any more: never unhandled.
      arrived.catch(() => {});
      try {
        await connection.call({ ...BUS, member: 'AddMatch', signature: 's', body: [rule] });
      } catch (error) {
        waiting.delete(waiter);
        throw error;
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          waiting.delete(waiter);
          reject(new Error(`No ${match.interface}.${match.member} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`));
        }, timeoutMs);
      });
      const next = Promise.race([arrived, timedOut]).finally(() => clearTimeout(timer));
      // A caller whose next step fails never awaits `next`; its later failure must not go unhandled.
      next.catch(() => {});
      return { next };
    },
    close() {
      if (!closed) fail(new Error('The D-Bus connection was closed'));
    },
  };
  return connection;
}
