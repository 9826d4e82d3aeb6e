// HTTP/1.1 over a bare socket, for requests no HTTP client would send: headers dribbled a byte at a
// time, a body larger than it says, a body that never ends. It keeps everything the server sends and
// notices when the server closes the connection.
import { connect, type Socket } from 'node:net';

export class RawConnection {
  readonly #socket: Socket;
  #received = Buffer.alloc(0);
  #closed = false;
  readonly closed: Promise<void>;
  readonly connected: Promise<void>;
  /** Bytes written before the server stopped taking them. */
  written = 0;

  constructor(origin: string) {
    const { hostname, port } = new URL(origin);
    this.#socket = connect({ host: hostname, port: Number(port) });
    this.connected = new Promise((resolve, reject) => {
      this.#socket.once('connect', () => resolve());
      this.#socket.once('error', reject);
    });
    this.#socket.on('data', (chunk: Buffer) => (this.#received = Buffer.concat([this.#received, chunk])));
    this.#socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      this.#socket.once('close', () => {
        this.#closed = true;
        resolve();
      }),
    );
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** What the server sent so far, as text. */
  get text(): string {
    return this.#received.toString('latin1');
  }

  /** The status code of the first response, once its status line arrived. */
  get status(): number | undefined {
    const match = /^HTTP\/1\.1 (\d{3})/.exec(this.text);
    return match ? Number(match[1]) : undefined;
  }

  /** A header of the first response. */
  header(name: string): string | undefined {
    const head = this.text.split('\r\n\r\n')[0] ?? '';
    const line = head.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line?.slice(name.length + 1).trim();
  }

  /** Writes and waits until the socket took it (false when the server has closed). */
  async write(data: string | Buffer): Promise<boolean> {
    if (this.#closed || this.#socket.destroyed || !this.#socket.writable) return false;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    return new Promise((resolve) => {
      this.#socket.write(bytes, (error) => {
        if (!error) this.written += bytes.length;
        resolve(!error);
      });
    });
  }

  /** Resolves once the server has answered a status line, or rejects after `timeoutMs`. */
  async response(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.status === undefined) {
      if (Date.now() > deadline) throw new Error(`No response within ${timeoutMs} ms; received: ${this.text.slice(0, 200)}`);
      if (this.#closed) throw new Error(`The server closed the connection without a response; received: ${this.text.slice(0, 200)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.status as number;
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
