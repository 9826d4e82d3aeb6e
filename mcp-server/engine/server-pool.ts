// MCP servers kept to serve again. The team server's 2026 era serves each request with a server of
// its own (the SDK's per-request handler), and building one (every tool and prompt registered, each
// schema compiled) was a tenth of a call's work. A server whose request ended is closed by the SDK
// and, being no longer connected, may serve the next request of the same caller: the pool keeps it,
// followed like any open server (live-servers.ts), so its tools stay as the settings, the policy and
// the back end decide while it waits.
//
// A server is kept for one kind of caller only (the team server: one person's client, with what its
// token may do), because what it was made with (the audit's caller, read-only or not) is fixed when it
// is made. It is kept only if no tool call of its own is still running: a call that outlived its
// request (the client went away) would otherwise send its progress on to the next request.
import type { McpServer } from '@modelcontextprotocol/server';
import type { LiveServers } from './live-servers.ts';
import { callsRunningOn } from './mcp-server.ts';

/** Servers kept idle for one kind of caller: as many requests as one client has in flight, at most. */
const IDLE_PER_KIND = 4;

export class ServerPool {
  readonly #live: LiveServers;
  readonly #idle = new Map<string, McpServer[]>();
  #idleCount = 0;
  #closed = false;

  constructor(live: LiveServers) {
    this.#live = live;
  }

  /** A server for `kind`: one kept since an earlier request, or `make`'s. It comes back when the SDK closes it. */
  lend(kind: string, make: () => McpServer): McpServer {
    const idle = this.#idle.get(kind);
    const kept = idle?.pop();
    if (kept) {
      this.#idleCount--;
      if (idle?.length === 0) this.#idle.delete(kind);
      return kept;
    }
    const made = make();
    const previous = made.server.onclose;
    made.server.onclose = () => {
      previous?.();
      this.#giveBack(kind, made);
    };
    return made;
  }

  /** Servers waiting to serve again (they are open servers to nobody). */
  get idle(): number {
    return this.#idleCount;
  }

  /** Drops every kept server (the engine's back end rests); servers lent out now are kept again when they come back. */
  clear(): void {
    for (const servers of this.#idle.values()) for (const server of servers) this.#live.forget(server);
    this.#idle.clear();
    this.#idleCount = 0;
  }

  /** Drops every kept server for good (the engine closes): none lent out now is kept when it comes back. */
  close(): void {
    this.#closed = true;
    this.clear();
  }

  #giveBack(kind: string, server: McpServer): void {
    if (this.#closed || callsRunningOn(server) > 0) return;
    const idle = this.#idle.get(kind) ?? [];
    if (idle.length >= IDLE_PER_KIND) return;
    idle.push(server);
    this.#idle.set(kind, idle);
    this.#idleCount++;
    this.#live.resume(server);
  }
}
