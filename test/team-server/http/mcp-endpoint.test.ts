// The MCP endpoint (team-server/http/mcp-endpoint.ts) when what a request's server stands on cannot be
// opened: the SDK's handler of the 2026 era answers any failure of its factory with a bare 500,
// "Internal server error". A store that does not answer (a pool past its wait, a database restarting)
// must instead reach the team server as itself, which answers 503 with Retry-After in words: the
// endpoint opens the caller's engine before it hands the SDK the request.
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
    let serversMade = 0;
    const endpoint = mcpEndpoint({
      ready: () => Promise.reject(new StoreUnavailable('The database does not answer.')),
      serverFor: () => {
        serversMade++;
        return Promise.reject(new Error('No server is made for a caller whose engine did not open.'));
      },
      ownerOf: () => 'person\nclient',
      log: (message) => logged.push(message),
    });
    try {
      await expect(endpoint.fetch(modernToolCall(), authInfo)).rejects.toBeInstanceOf(StoreUnavailable);
      expect(serversMade).toBe(0);
    } finally {
      await endpoint.close();
    }
  });
});
