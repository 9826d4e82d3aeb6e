// A loopback TCP relay in front of a fake back end, as the network between a laptop and its tracker:
// `cut()` closes the port and drops every connection (the next ones are refused, as on a train), `hang()`
// takes connections and never answers (a deadline passes, as behind a captive network), `swallow()`
// lets requests through but loses the answers to those that match (the write happened, the engine
// never hears so), and `restore()` serves the same port again, so the engine reaches the back end at
// the address it was given.
import net from 'node:net';

export interface NetworkSwitch {
  /** The fake's address with the relay's port in its place. */
  readonly url: string;
  cut(): Promise<void>;
  hang(): Promise<void>;
  /** Requests whose first line matches reach the back end, and their answers are lost on the way back. */
  swallow(requestLine: RegExp): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startNetworkSwitch(targetUrl: string): Promise<NetworkSwitch> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let mode: 'open' | 'hang' = 'open';
  let swallowed: RegExp | undefined;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (mode === 'hang') return;
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    let deaf = false;
    client.on('data', (chunk: Buffer) => {
      if (swallowed?.test(chunk.toString('latin1').split('\r\n', 1)[0] ?? '')) deaf = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!deaf) client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.port = String(port);
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  let listening = true;
  const stop = () =>
    new Promise<void>((resolve) => {
      dropAll();
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
    });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (listening) return resolve();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        listening = true;
        server.off('error', reject);
        resolve();
      });
    });
  return {
    url: url.toString().replace(/\/$/, targetUrl.endsWith('/') ? '/' : ''),
    cut: stop,
    async hang() {
      dropAll();
      mode = 'hang';
      await listen();
    },
    async swallow(requestLine) {
      dropAll();
      mode = 'open';
      swallowed = requestLine;
      await listen();
    },
    async restore() {
      dropAll();
      mode = 'open';
      swallowed = undefined;
      await listen();
    },
    close: stop,
  };
}
