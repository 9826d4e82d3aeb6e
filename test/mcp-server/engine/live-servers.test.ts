// The open MCP servers of an engine (mcp-server/engine/live-servers.ts): each is told of every change until
// it closes, however it closes, and whatever its host hung on its close keeps being called.
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { expect, it } from 'vitest';
import { LiveServers } from '../../../mcp-server/engine/live-servers.ts';

function server(): McpServer {
  return new McpServer({ name: 'test', version: '1.0.0' });
}

it('tells every open server of a change, and forgets one once it closed', async () => {
  const live = new LiveServers();
  const [first, second] = [server(), server()];
  const told: string[] = [];
  live.follow(first, () => told.push('first'));
  live.follow(second, () => told.push('second'));
  const [, serverSide] = InMemoryTransport.createLinkedPair();
  await first.connect(serverSide);
  live.refreshAll();
  expect(told).toEqual(['first', 'second']);
  await first.close();
  live.refreshAll();
  expect(told).toEqual(['first', 'second', 'second']);
});

it('keeps calling a close handler set before or after it began following', async () => {
  const live = new LiveServers();
  const followed = server();
  const closed: string[] = [];
  followed.server.onclose = () => closed.push('before');
  live.follow(followed, () => closed.push('refreshed'));
  const host = followed.server.onclose;
  followed.server.onclose = () => {
    closed.push('after');
    host?.();
  };
  const [, serverSide] = InMemoryTransport.createLinkedPair();
  await followed.connect(serverSide);
  await followed.close();
  live.refreshAll();
  expect(closed).toEqual(['after', 'before']);
});

it('goes on telling the others when one fails to hear', () => {
  const live = new LiveServers();
  const told: string[] = [];
  live.follow(server(), () => {
    throw new Error('closing');
  });
  const kept = server();
  live.follow(kept, () => told.push('kept'));
  live.refreshAll();
  expect(told).toEqual(['kept']);
});
