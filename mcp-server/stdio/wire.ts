// The stdio wire: newline-delimited JSON-RPC on stdin and stdout. It hands every valid message to
// one receiver, in order, and answers a line that is not a message itself (JSON-RPC's -32700 /
// -32600 with `id: null`), with one line on stderr; the connection goes on. stdout carries nothing
// but protocol messages, and every message leaves through `send`, which is where the text in them
// loses the characters that steer a terminal (plain-text.ts).
import type { Readable, Writable } from 'node:stream';
import { withoutControls } from '../plain-text.ts';
import { INVALID_REQUEST, type JsonRpcMessage, readFrame } from './frames.ts';
import { hostileKeyPath } from './hostile-keys.ts';

/** The SDK's own cap on a buffered line; a longer one is refused, not allowed to grow memory. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

export interface Wire {
  /**
   * Where valid messages go; set before `start()`. `hostileKey` is where the message holds a key the
   * receiver must refuse before any schema copies it (hostile-keys.ts).
   */
  onmessage: (message: JsonRpcMessage, hostileKey?: string) => void;
  /** stdin ended or stdout broke: the client is gone. */
  onclose: () => void;
  start(): void;
  /** Resolves once the line is handed to the operating system (after a drain, when stdout is full). */
  send(message: object): Promise<void>;
  close(): void;
}

export function createWire(input: Readable, output: Writable, log: (message: string) => void): Wire {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Dropping the rest of an over-long line until its newline. */
  let skipping = false;
  let closed = false;

  const wire: Wire = {
    onmessage: () => {},
    onclose: () => {},
    start() {
      input.on('data', onData);
      input.once('end', close);
      input.once('close', close);
      input.on('error', (error) => log(`stdin: ${error.message}`));
      output.on('error', onOutputError);
    },
    send(message) {
      if (closed) return Promise.resolve();
      return new Promise((resolve) => {
        if (output.write(`${lineOf(message)}\n`)) resolve();
        else output.once('drain', resolve);
      });
    },
    close,
  };

  function onData(chunk: Buffer | string): void {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a)) {
      const tail = data.subarray(0, newline);
      data = data.subarray(newline + 1);
      if (skipping) {
        skipping = false;
        continue;
      }
      const line = pendingBytes === 0 ? tail : Buffer.concat([...pending, tail]);
      pending = [];
      pendingBytes = 0;
      receive(line.toString('utf8').replace(/\r$/, ''));
      if (closed) return;
    }
    if (skipping || data.length === 0) return;
    if (pendingBytes + data.length > MAX_LINE_BYTES) {
      pending = [];
      pendingBytes = 0;
      skipping = true;
      refuse(INVALID_REQUEST, `longer than ${MAX_LINE_BYTES / 1024 / 1024} MB`);
      return;
    }
    pending.push(data);
    pendingBytes += data.length;
  }

  function receive(line: string): void {
    // A blank line is no frame at all (some clients end with an extra newline).
    if (line.trim() === '') return;
    const frame = readFrame(line);
    if (frame.ok) wire.onmessage(frame.message, hostileKeyPath(line, frame.message));
    else refuse(frame.code, frame.reason);
  }

  function refuse(code: number, reason: string): void {
    const message = code === INVALID_REQUEST ? 'Invalid Request' : 'Parse error';
    log(`Refused a line from the client (${code} ${message}): ${reason}.`);
    void wire.send({ jsonrpc: '2.0', id: null, error: { code, message: `${message}: ${reason}` } });
  }

  function onOutputError(error: Error): void {
    // EPIPE and the like: nobody is reading any more, so there is nobody to answer.
    if (!closed) log(`stdout: ${error.message}`);
    close();
  }

  function close(): void {
    if (closed) return;
    closed = true;
    input.off('data', onData);
    input.pause();
    wire.onclose();
  }

  return wire;
}

/** Keys whose strings a client chose and matches byte for byte: never changed on the way back. */
const CLIENT_TOKENS: ReadonlySet<string> = new Set(['progressToken', 'requestId']);

/**
 * A message as the line that carries it, every string in it without terminal controls. Names,
 * notes, questions, completions, prompt text and error messages all hold words from back ends and
 * people (a catalog item a shared server named with an OSC 8 link, a model's description), and all
 * of them leave here: one rule in one place, rather than one per kind of answer that the next kind
 * could miss. The message's own id and the tokens a client chose go back as they came.
 */
export function lineOf(message: object): string {
  return JSON.stringify(message, function keepingClientTokens(this: unknown, key: string, value: unknown) {
    if (typeof value !== 'string') return value;
    if ((this === message && key === 'id') || CLIENT_TOKENS.has(key)) return value;
    return withoutControls(value);
  });
}
