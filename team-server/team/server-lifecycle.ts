// The team server's HTTP listener from its start to its end: a slow or oversized client cut off by
// Node's own limits, a malformed request answered with its status instead of a bare reset, and a
// shutdown that stops taking requests, lets those in flight finish (up to a bound), then ends the rest.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ServeRefusal } from './serve-refusal.ts';

/** How long a client may take to send its headers, and its whole request: a slow client is cut off. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node looks for connections past those timeouts (its default, 30 s, would let a slow client stay 40 s). */
const TIMEOUT_CHECK_MS = 1_000;
/** Headers larger than this are refused (431) before anything reads them. */
const MAX_HEADER_BYTES = 16 * 1024;
/** How long a shutdown waits for calls in flight before it ends them. */
const DRAIN_MS = 25_000;

export interface Listening {
  /** The address bound (the port is the real one when the config said 0). */
  readonly bound: AddressInfo;
  /** http://host:port, an IPv6 host in brackets. */
  readonly url: string;
  /** Stops taking requests, waits while `inFlight` says calls run (up to DRAIN_MS), then ends every connection. */
  close(inFlight: () => number): Promise<void>;
}

/** Listens on `listen` (as the config wrote it: `configured`, for the refusal's words). */
export async function listenOn(listen: { host: string; port: number }, configured: string, listener: RequestListener): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
      keepAliveTimeout: 5_000,
    },
    listener,
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ServeRefusal(
          error.code === 'EADDRINUSE' ? `listen: ${configured} is in use by another program.` : `listen: ${configured} cannot be used (${error.message}).`,
        ),
      ),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    bound,
    url: `http://${host}:${bound.port}`,
    async close(inFlight) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_MS;
      while (inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
