// The MCP servers an engine made that are still open, so that each follows what decides its tools
// and prompts (the settings, the organisation's policy, what the back end can do) while it lives. A
// server is not built anew for each change: a client of the 2025 era keeps its server for the whole
// session (on the team server up to half an hour idle, on stdio for days), and a server that decided
// its tools once, when it was built, would go on offering a tool the policy has since denied.
// createMcpServer (mcp-server.ts) enrols every server it makes, so no host can forget to; the host says
// when something changed, and each server tells its client where its lists did change
// (`notifications/tools/list_changed`).
import type { McpServer } from '@modelcontextprotocol/server';

export class LiveServers {
  readonly #servers = new Set<WeakRef<McpServer>>();
  /** Each server's refresh, alive exactly as long as its server (a WeakMap holds it no longer). */
  readonly #refreshOf = new WeakMap<McpServer, () => void>();
  /**
   * A server the SDK closes before it was ever connected (its per-request handler does, for a
   * request it refuses or a `subscriptions/listen`) never reports closing; it is forgotten once
   * nothing holds it, so such requests, however many, leave nothing here.
   */
  readonly #gone = new FinalizationRegistry<WeakRef<McpServer>>((entry) => this.#servers.delete(entry));
  /** Each server's place in #servers, to follow it again when it serves again (server-pool.ts). */
  readonly #entryOf = new WeakMap<McpServer, WeakRef<McpServer>>();

  /** Follows `server` until it closes: `refresh` decides its tools and prompts again. */
  follow(server: McpServer, refresh: () => void): void {
    const entry = new WeakRef(server);
    this.#servers.add(entry);
    this.#refreshOf.set(server, refresh);
    this.#entryOf.set(server, entry);
    this.#gone.register(server, entry);
    // Whoever serves the server may set its own onclose later (the SDK's per-request handler keeps
    // the one it found and calls it): closing still forgets it here.
    const previous = server.server.onclose;
    server.server.onclose = () => {
      this.#servers.delete(entry);
      previous?.();
    };
  }

  /** A server that closed and is kept to serve again (server-pool.ts) is followed again, as when it was made. */
  resume(server: McpServer): void {
    const entry = this.#entryOf.get(server);
    if (entry) this.#servers.add(entry);
  }

  /** A kept server that will not serve again is no longer followed. */
  forget(server: McpServer): void {
    const entry = this.#entryOf.get(server);
    if (entry) this.#servers.delete(entry);
  }

  /** How many servers are open (a server nothing holds any more counts until it is collected). */
  get size(): number {
    return this.#servers.size;
  }

  /** Something that decides tools changed: every open server decides them again. */
  refreshAll(): void {
    for (const entry of this.#servers) {
      const server = entry.deref();
      if (!server) {
        this.#servers.delete(entry);
        continue;
      }
      try {
        this.#refreshOf.get(server)?.();
      } catch {
        // A server closing just now may fail to announce its lists; the others are still told.
      }
    }
  }

  clear(): void {
    this.#servers.clear();
  }
}
