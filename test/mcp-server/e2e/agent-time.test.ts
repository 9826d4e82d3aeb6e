// AI agents' own time through the built server over real stdio, in both eras: record_agent_time is
// off until the person switches the agents group on, the organisation's policy can deny the group,
// and the agent is the client's own name (the 2025 handshake's clientInfo, or the 2026 request's),
// never an argument; called while it is not offered, it says why in words (and an unknown name stays
// the protocol's error); a 2026 request that names no client is refused and nothing is recorded.
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';
import { makeUserDataDir } from '../../support/engine.ts';
import {
  cleanUp,
  type Era,
  eraRequest,
  legacyOpening,
  modernOpening,
  type RawServer,
  removeTempDir,
  serverEnv,
  spawnRawServer,
} from '../../support/raw-stdio.ts';

const AGENTS_ON = { timezone: 'Europe/Berlin', tools: { groups: { agents: true } } };
const WORK = { start: 'yesterday 09:00', end: 'yesterday 10:30', description: 'Wrote the importer tests', project: 'Importer' };

const folders: string[] = [];
afterEach(() => {
  cleanUp();
  for (const dir of folders.splice(0)) removeTempDir(dir);
});

function start(era: Era, settings?: Record<string, unknown>, policy?: unknown): RawServer {
  const dir = makeUserDataDir(settings);
  folders.push(dir);
  const extra: Record<string, string> = {};
  if (policy) {
    mkdirSync(join(dir, 'org'));
    extra.PUNCHCARD_POLICY_FILE = join(dir, 'org', 'policy.json');
    writeFileSync(extra.PUNCHCARD_POLICY_FILE, JSON.stringify(policy));
  }
  const server = spawnRawServer(['--user-data', dir], serverEnv(dir, extra));
  server.send(...(era === 'legacy' ? legacyOpening() : modernOpening()));
  return server;
}

async function listed(server: RawServer): Promise<string[]> {
  const { message } = await server.response(2);
  return ((message.result as { tools: Array<{ name: string }> }).tools ?? []).map((tool) => tool.name);
}

async function call(server: RawServer, request: object & { id: number }) {
  server.send(request);
  const { message } = await server.response(request.id);
  if (message.error) return { isError: true, text: message.error.message, structured: undefined, refusal: undefined };
  const result = message.result as {
    isError?: boolean;
    content: Array<{ text: string }>;
    structuredContent?: Record<string, unknown>;
    _meta?: Record<string, unknown>;
  };
  return {
    isError: result.isError === true,
    text: result.content[0]?.text ?? '',
    structured: result.structuredContent,
    refusal: result._meta?.[REFUSAL_META_KEY],
  };
}

describe.each<Era>(['legacy', 'modern'])('record_agent_time over stdio (%s era)', (era) => {
  it('is not offered until the person switches the agents group on', async () => {
    const server = start(era);
    expect(await listed(server)).not.toContain('record_agent_time');
    const refused = await call(server, eraRequest(era, 3, 'tools/call', { name: 'record_agent_time', arguments: WORK }) as { id: number });
    // Called by name all the same, it says why in words (a tool result the model reads), not the SDK's "Tool … disabled".
    expect(refused).toMatchObject({
      isError: true,
      text: "record_agent_time is switched off for AI clients in the settings Punchcard runs with: the Tools section of Punchcard's preferences switches it on (on a team server, its administrator does). Nothing was done.",
      refusal: { code: 'tool_withheld', facts: { tool: 'record_agent_time', why: 'settings', back_end: 'Local timesheet' } },
    });
    // Nothing was recorded.
    const entries = await call(
      server,
      eraRequest(era, 4, 'tools/call', { name: 'list_time_entries', arguments: { from: 'yesterday', to: 'yesterday' } }) as { id: number },
    );
    expect(entries.structured).toMatchObject({ entries: [] });
  });

  it("keeps an unknown tool the protocol's own error", async () => {
    const server = start(era);
    await listed(server);
    const unknown = await call(server, eraRequest(era, 3, 'tools/call', { name: 'record_agent_tim', arguments: WORK }) as { id: number });
    expect(unknown).toMatchObject({ isError: true, text: expect.stringMatching(/record_agent_tim not found/), refusal: undefined });
  });

  it("records the agent's time under the client's own name, which list_time_entries shows", async () => {
    const server = start(era, AGENTS_ON);
    expect(await listed(server)).toContain('record_agent_time');
    await call(server, eraRequest(era, 3, 'tools/call', { name: 'create_catalog_item', arguments: { kind: 'project', name: 'Importer' } }) as { id: number });
    const recorded = await call(server, eraRequest(era, 4, 'tools/call', { name: 'record_agent_time', arguments: WORK }) as { id: number });
    expect(recorded.isError, recorded.text).toBe(false);
    expect(recorded.structured).toMatchObject({ entry: { project: 'Importer', minutes: 90, agent: 'punchcard-bench' } });
    const entries = await call(
      server,
      eraRequest(era, 5, 'tools/call', { name: 'list_time_entries', arguments: { from: 'yesterday', to: 'yesterday' } }) as {
        id: number;
      },
    );
    expect(entries.structured).toMatchObject({ entries: [{ description: 'Wrote the importer tests', agent: 'punchcard-bench' }] });
  });

  it("is left out when the organisation's policy denies the agents group, whatever the settings say", async () => {
    const server = start(era, AGENTS_ON, { schemaVersion: 1, ai: { deniedGroups: ['agents'] } });
    expect(await listed(server)).not.toContain('record_agent_time');
    const refused = await call(server, eraRequest(era, 3, 'tools/call', { name: 'record_agent_time', arguments: WORK }) as { id: number });
    expect(refused).toMatchObject({
      isError: true,
      text: "Your organisation's policy does not let AI clients use record_agent_time. Nothing was done.",
      refusal: { code: 'tool_withheld', facts: { tool: 'record_agent_time', why: 'policy' } },
    });
  });
});

describe('record_agent_time without a client name', () => {
  it('refuses a 2026 request that names no client, in words, and records nothing', async () => {
    const server = start('modern', AGENTS_ON);
    await listed(server);
    const nameless = (id: number, name: string, args: object) => {
      const request = eraRequest('modern', id, 'tools/call', { name, arguments: args }) as { id: number; params: { _meta: Record<string, unknown> } };
      delete request.params._meta['io.modelcontextprotocol/clientInfo'];
      return request;
    };
    await call(server, nameless(3, 'create_catalog_item', { kind: 'project', name: 'Importer' }));
    const refused = await call(server, nameless(4, 'record_agent_time', WORK));
    expect(refused).toMatchObject({
      isError: true,
      text: "This client did not say its name (clientInfo.name), and agent time is recorded under the client's name; nothing was recorded.",
    });
    const entries = await call(server, nameless(5, 'list_time_entries', { from: 'yesterday', to: 'yesterday' }));
    expect(entries.structured).toMatchObject({ entries: [], total: 0 });
  });
});
