// The other instances on the same store, for 2025-era sessions. Such a session lives in the instance
// that opened it (mcp-endpoint.ts), and a load balancer without sticky sessions hands its next request
// to any instance. So a session's id names the instance that holds it, every instance says in the
// store where it can be reached, and an instance handed a request of another's session passes it
// there and streams the answer back. The request goes on with the client's own token, which the
// holder checks again; a mark signed with the server key tells the holder the request was counted
// against the limits already, and is not to be passed on again. A session whose instance is gone is
// not found, and the client opens a new one, still signed in.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Log } from '../../mcp-server/for-the-team-server.ts';
import type { Store } from '../store/store.ts';

/** How often an instance says it is alive; one not heard from for three times as long is taken for gone. */
const HEARTBEAT_MS = 30_000;
export const GONE_AFTER_MS = 3 * HEARTBEAT_MS;
/** The header that marks a request one instance passed to another. */
export const PEER_HEADER = 'x-punchcard-peer';
/** A passed request's mark is good for this long (instances' clocks may differ a little). */
const MARK_WINDOW_MS = 60_000;
/** The request headers a passed request keeps: what MCP and its authorization need, nothing else. */
const PASSED_HEADERS = ['authorization', 'content-type', 'accept', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id', 'user-agent'];
/**
 * How long a holder may take to begin its answer. Its answer to an MCP request begins at once (an
 * event stream whose events follow), so a holder silent for this long is taken for unreachable: an
 * address that swallows packets would otherwise keep the client's request open until the client gives
 * up. Once the answer has begun, only the client's own signal ends it.
 */
export const PEER_ANSWER_MS = 20_000;
/** The answer headers passed back; hop-by-hop ones (connection, transfer-encoding) are the server's own. */
const ANSWER_HEADERS = ['content-type', 'cache-control', 'mcp-session-id', 'www-authenticate', 'retry-after'];

export interface Peers {
  /** This instance's id: the first part of its session ids. */
  readonly id: string;
  /**
   * Says in the store where this instance is reached, and goes on saying it while it runs. Called once
   * it listens: before, the requests it passes to others and the marks it checks work already, but no
   * other instance passes it anything.
   */
  announce(address: string): Promise<void>;
  /** A new session id of this instance. */
  sessionId(): string;
  /** Whether the request was passed by another instance (its mark verifies). */
  passedByPeer(headers: { get(name: string): string | null }, sessionId: string | null): boolean;
  /**
   * Passes a request of another instance's session to it and answers with its answer; undefined
   * where the session is this instance's, or its instance is gone or does not answer.
   */
  pass(
    request: { method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined; signal: AbortSignal },
    sessionId: string,
  ): Promise<Response | undefined>;
  close(): Promise<void>;
}

export interface PeersOptions {
  store: Store;
  key: Buffer;
  /** The id of the server key this instance was started with (a rotation ends only once none runs with the old one). */
  serverKeyId: string;
  now: () => number;
  log: Log;
  answerWithinMs?: number;
}

/** The other instances, as this one knows them before it listens (announce says where it is reached). */
export function instancePeers(options: PeersOptions): Peers {
  const { store, key, serverKeyId, now, log, answerWithinMs = PEER_ANSWER_MS } = options;
  const id = randomBytes(8).toString('hex');
  let heartbeat: NodeJS.Timeout | undefined;
  const mark = (sessionId: string, slot: number) => createHmac('sha256', key).update(`${slot}\n${sessionId}`).digest('base64url');

  return {
    id,
    async announce(address) {
      const announceOnce = () => store.announceInstance(id, address, now(), serverKeyId);
      await announceOnce();
      let quiet = false;
      heartbeat = setInterval(() => {
        announceOnce().then(
          () => (quiet = false),
          (error: unknown) => {
            if (!quiet) log(`This instance could not tell the store it is alive (${(error as Error).message}); it tries again every ${HEARTBEAT_MS / 1000} s.`);
            quiet = true;
          },
        );
      }, HEARTBEAT_MS);
      heartbeat.unref();
    },
    sessionId: () => `${id}.${randomUUID()}`,
    passedByPeer(headers, sessionId) {
      const given = headers.get(PEER_HEADER);
      if (given === null || sessionId === null) return false;
      const slot = Math.floor(now() / MARK_WINDOW_MS);
      return [slot, slot - 1].some((candidate) => {
        const expected = Buffer.from(mark(sessionId, candidate));
        const actual = Buffer.from(given);
        return actual.length === expected.length && timingSafeEqual(actual, expected);
      });
    },
    async pass(request, sessionId) {
      const holder = sessionId.split('.')[0] ?? '';
      if (holder === id || !/^[0-9a-f]{16}$/.test(holder)) return undefined;
      const where = await store.instanceAddress(holder, now() - GONE_AFTER_MS);
      if (where === undefined) return undefined;
      const headers = new Headers();
      for (const name of PASSED_HEADERS) {
        const value = request.headers.get(name);
        if (value !== null) headers.set(name, value);
      }
      headers.set(PEER_HEADER, mark(sessionId, Math.floor(now() / MARK_WINDOW_MS)));
      let answer: Response;
      const silent = new AbortController();
      const giveUp = setTimeout(() => silent.abort(new Error(`no answer began within ${answerWithinMs / 1000} s`)), answerWithinMs);
      try {
        const signal = AbortSignal.any([request.signal, silent.signal]);
        answer = await fetch(`${where}/mcp`, { method: request.method, headers, signal, ...(request.body ? { body: request.body } : {}) });
      } catch (error) {
        const why = silent.signal.aborted ? (silent.signal.reason as Error) : (error as Error);
        if (!request.signal.aborted) log(`A 2025-era session's instance (${where}) did not answer: ${why.message}`);
        return undefined;
      } finally {
        clearTimeout(giveUp);
      }
      const kept = new Headers();
      for (const name of ANSWER_HEADERS) {
        const value = answer.headers.get(name);
        if (value !== null) kept.set(name, value);
      }
      return new Response(answer.body, { status: answer.status, headers: kept });
    },
    async close() {
      clearInterval(heartbeat);
      if (heartbeat === undefined) return;
      await store.withdrawInstance(id).catch(() => {});
    },
  };
}

/** The other instances, this one announced at `address` (for a test of the passing itself). */
export async function startPeers(options: PeersOptions & { address: string }): Promise<Peers> {
  const peers = instancePeers(options);
  await peers.announce(options.address);
  return peers;
}

/**
 * Where the other instances reach this one when the config does not say: the address it listens on,
 * or, where it listens on every address, this machine's first network address.
 */
export function listenAddress(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare !== '0.0.0.0' && bare !== '::') return `http://${bare.includes(':') ? `[${bare}]` : bare}:${port}`;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === 'IPv4');
  return `http://${external?.address ?? '127.0.0.1'}:${port}`;
}
