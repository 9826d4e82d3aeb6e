// With one connection nothing of several trackers shows (docs/several-trackers.md): over one remote back end (Kimai,
// its connection named or not), no tool lists tracker and no answer carries one. With several, the everyday tool list
// (what the model reads: name, description, input schema; test/support/tool-list-size.ts) grows by at most 650
// characters over the same tools with one connection, and with one by none.
import { rmSync } from 'node:fs';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { TOOL_CATALOG } from '../../../mcp-server/contract/tool-catalog.ts';
import { openDesktopEngine } from '../../../mcp-server/engine/desktop-engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, textOf } from '../../support/engine.ts';
import { modelFacingChars, withoutEvidenceGroups } from '../../support/tool-list-size.ts';
import { KIMAI_ADA, NOW, startKimai, startTrackers } from './remote-trackers.ts';

const opened = closeAfterEach();
/** The budget for what `tracker` adds to the everyday list with several connections. */
const TRACKER_ARGUMENT_BUDGET = 650;

/**
 * The everyday list as registry.test.ts measures it: every tool the catalog has (listEveryTool, as the build's capture),
 * less the evidence and agents groups (with their arguments), the admin, approvals and team groups.
 */
async function everydayList(settings: Record<string, unknown>) {
  const dir = makeUserDataDir(settings);
  const engine = await openDesktopEngine({ userDataDir: dir, allTools: true, listEveryTool: true, now: () => Date.parse(NOW), log: () => {} });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await engine.createServer().connect(serverTransport);
  const client = new Client({ name: 'budget-test', version: '1' });
  await client.connect(clientTransport);
  const { tools } = await client.listTools();
  await client.close();
  engine.close();
  rmSync(dir, { recursive: true, force: true });
  return withoutEvidenceGroups(tools, groupOf).filter((tool) => !['admin', 'approvals', 'team'].includes(groupOf(tool.name)));
}

const groupOf = (name: string): string => TOOL_CATALOG[name as keyof typeof TOOL_CATALOG].group;

/** Every key anywhere in `value`. */
function keysIn(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...keysIn(child)]);
}

describe('one connection', () => {
  it.each([
    ['unnamed', {}],
    ['named', { name: 'acme' }],
  ])('over Kimai (%s): no tool lists tracker, no answer carries one', async (_named, name) => {
    const kimai = opened(await startKimai());
    const engine: InProcessEngineHandle = opened(
      await startTrackers({ provider: { type: 'kimai', url: `${kimai.url}/`, ...name } }, { PUNCHCARD_KIMAI_TOKEN: KIMAI_ADA.token }),
    );
    const { tools } = await engine.client.listTools();
    for (const tool of tools) expect(tool.inputSchema.properties?.tracker, tool.name).toBeUndefined();
    expect(engine.client.getInstructions()).not.toContain('Trackers');
    const answers = [
      await engine.call('whoami'),
      await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'Website', activity: 'Development', description: 'one' }),
      await engine.call('list_time_entries', { from: '2026-11-16', to: '2026-11-18' }),
      await engine.call('time_report', { from: '2026-11-16', to: '2026-11-18' }),
      await engine.call('timer_status'),
    ];
    for (const answer of answers) {
      expect(answer.isError, textOf(answer)).toBeFalsy();
      const keys = keysIn(answer.structuredContent);
      expect(keys).not.toContain('tracker');
      expect(keys).not.toContain('trackers');
      expect(keys).not.toContain('by_tracker');
      expect(textOf(answer)).not.toMatch(/^acme: /m);
    }
  });
});

describe('the tool list budget', () => {
  it(`with several connections the everyday list grows by at most ${TRACKER_ARGUMENT_BUDGET} characters; with one, by none`, async () => {
    const one = await everydayList({ provider: { type: 'local' } });
    const oneNamed = await everydayList({ provider: { name: 'acme', type: 'local' } });
    const several = await everydayList({ provider: { name: 'acme', type: 'local' }, trackers: [{ name: 'beta', type: 'local' }] });
    expect(oneNamed).toEqual(one);
    expect(several.map((tool) => tool.name)).toEqual(one.map((tool) => tool.name));
    const grown = modelFacingChars(several) - modelFacingChars(one);
    // 29 characters a tool, 44 where a tool had no properties (measured at 19 tools: 6,066 → 6,643, +577).
    expect(one).toHaveLength(20);
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(TRACKER_ARGUMENT_BUDGET);
    // Descriptions are unchanged: only the schemas grew.
    expect(several.map((tool) => tool.description)).toEqual(one.map((tool) => tool.description));
  });
});
