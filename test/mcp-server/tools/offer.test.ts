// The opening of a stdio connection (stdio/serve.ts) and the engine decide tools/list with the same
// functions: these are what both apply to the start's flags and the organisation's policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { TOOL_CATALOG } from '../../../mcp-server/contract/tool-catalog.ts';
import { loadPolicy, NO_POLICY } from '../../../mcp-server/policy/policy.ts';
import { isToolOffered, toolOptionsFor } from '../../../mcp-server/tools/offer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function policyOf(content: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-offer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(content));
  return loadPolicy([join(dir, 'policy.json')]);
}
const LOCAL = { type: 'local' } as const;
const EVERY_CAPABILITY = new Set(Object.values(TOOL_CATALOG).map((tool) => tool.capability));

describe('toolOptionsFor', () => {
  it('lets --all-tools see every tool while no policy exists', () => {
    expect(toolOptionsFor({ allTools: true, appEngine: false }, NO_POLICY, LOCAL).allTools).toBe(true);
    expect(toolOptionsFor({ allTools: false, appEngine: true }, NO_POLICY, LOCAL).allTools).toBe(false);
  });

  it("keeps an AI client's --all-tools from getting past a policy, and lets the app's own engine past it", async () => {
    const policy = await policyOf({ schemaVersion: 1, ai: { deniedTools: ['delete_time_entry'] } });
    const asClient = toolOptionsFor({ allTools: true, appEngine: false }, policy, LOCAL);
    const asApp = toolOptionsFor({ allTools: true, appEngine: true }, policy, LOCAL);
    expect(asClient.allTools).toBe(false);
    expect(asApp.allTools).toBe(true);
    const settings = { ...defaultSettings(), tools: { ...defaultSettings().tools, enabled: { delete_time_entry: true } } };
    expect(isToolOffered(TOOL_CATALOG.delete_time_entry, EVERY_CAPABILITY, settings, asClient)).toBe(false);
    expect(isToolOffered(TOOL_CATALOG.delete_time_entry, EVERY_CAPABILITY, settings, asApp)).toBe(true);
    expect(isToolOffered(TOOL_CATALOG.log_time, EVERY_CAPABILITY, settings, asClient)).toBe(true);
  });
});
