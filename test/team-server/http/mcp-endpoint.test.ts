// The MCP endpoint (team-server/http/mcp-endpoint.ts) when the server for a request cannot be made: the SDK's
// handler of the 2026 era answers any failure of its factory with a bare 500, "Internal server
// error". A store that does not answer (a pool past its wait, a database restarting) must instead
// reach the team server as itself, which answers 503 with Retry-After in words.
import type { AuthInfo } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { mcpEndpoint } from '../../../team-server/http/mcp-endpoint.ts';
import { StoreUnavailable } from '../../../team-server/store/store-errors.ts';
import { eraRequest } from '../../support/raw-stdio.ts';

const authInfo: AuthInfo = { token: 'opaque', clientId: 'client', scopes: ['punchcard.read'], expiresAt: Math.floor(Date.now() / 1000) + 600 };

function modernToolCall(): Request {
  return new Request('http://127.0.0.1/mcp', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'timer_status',
    },
    body: JSON.stringify(eraRequest('modern', 1, 'tools/call', { name: 'timer_status', arguments: {} })),
  });
}

describe("the MCP endpoint when a request's server cannot be made", () => {
  it('passes a store that does not answer on as itself, not as a bare 500', async () => {
    const logged: string[] = [];
    const endpoint = mcpEndpoint({
      serverFor: () => Promise.reject(new StoreUnavailable('The database does not answer.')),
      ownerOf: () => 'person\nclient',
      log: (message) => logged.push(message),
    });
    try {
      await expect(endpoint.fetch(modernToolCall(), authInfo)).rejects.toBeInstanceOf(StoreUnavailable);
    } finally {
      await endpoint.close();
    }
  });
});
