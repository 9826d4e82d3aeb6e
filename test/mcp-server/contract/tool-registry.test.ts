// The registry (contract/tools/index.ts) is the one list of tools: the catalog the switches, the
// policy and the settings window read, and the contracts main calls tools by, are read off it.
import * as z from 'zod/v4';
import { describe, expect, it } from 'vitest';
import { TOOL_CATALOG, TOOL_GROUPS, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { TOOL_CONTRACTS } from '../../../mcp-server/contract/tools/index.ts';
import { toolContract } from '../../../mcp-server/contract/tools/tool-contract.ts';

describe('the tool registry', () => {
  it.each(TOOL_NAMES)('files %s under the group and access its definition gives', (name) => {
    const definition = TOOL_CONTRACTS[name];
    expect(definition.name).toBe(name);
    expect(TOOL_GROUPS).toContain(definition.group);
    expect(['read', 'create', 'change']).toContain(definition.access);
    expect(TOOL_CATALOG[name]).toEqual(expect.objectContaining({ name, group: definition.group, access: definition.access }));
  });

  it('lists every definition once, in the order tools/list shows them', () => {
    expect(Object.keys(TOOL_CONTRACTS)).toEqual(TOOL_NAMES);
    expect(new Set(TOOL_NAMES).size).toBe(TOOL_NAMES.length);
    expect(TOOL_NAMES.slice(0, 3)).toEqual(['clock_in', 'clock_out', 'timer_status']);
  });

  it("builds a definition's schemas only when one is read, and once", () => {
    let built = 0;
    const definition = toolContract({
      name: 'example',
      group: 'timer',
      access: 'read',
      title: 'Example',
      description: 'An example.',
      capability: 'timer',
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true },
      input: () => {
        built += 1;
        return z.object({ day: z.string() });
      },
      output: () => z.object({ ok: z.boolean() }),
    });
    expect(built).toBe(0);
    expect(definition.input.parse({ day: 'today' })).toEqual({ day: 'today' });
    expect(definition.input).toBe(definition.input);
    expect(built).toBe(1);
    // A handler spreads its definition in (tools/define-tool.ts): the copy carries the built schemas.
    expect({ ...definition }.input).toBe(definition.input);
  });
});
