// Requests per tool call on Kimai (the efficiency budget: one or two for a typical call):
// a scripted session with the engine in the test's process; the fake Kimai counts what arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIMAI_CAPABILITIES } from '../../../mcp-server/providers/kimai/cells.ts';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { type CountingSession, type Measured, measureSteps, SESSION_VS_KIMAI_MCP, startCountingSession, STEPS } from '../providers/kimai/request-scenario.ts';

describe('HTTP requests per tool call on Kimai', () => {
  let session: CountingSession;
  let measured: Measured[];
  beforeAll(async () => {
    session = await startCountingSession({ where: 'in process' });
    measured = await measureSteps(session);
  });
  afterAll(async () => session?.close());

  it.each(STEPS.map((step, index) => [step.label, index] as const))('%s', (_label, index) => {
    const step = measured[index] as Measured;
    expect(step.requests, step.requests.join('\n')).toHaveLength(step.expected);
    // The two catalog writes are refused for a plain user (403); every other step succeeds.
    expect(step.isError).toBe(/_catalog_item/.test(step.tool));
  });

  it('covers every tool Kimai offers (a new tool needs a step here)', () => {
    const offered = TOOL_LIST.filter((tool) => KIMAI_CAPABILITIES.has(tool.capability)).map((tool) => tool.name);
    expect([...new Set(measured.map((step) => step.tool))].sort()).toEqual(offered.sort());
  });
});

describe('a short session on Kimai, against kimai-mcp', () => {
  let session: CountingSession;
  let measured: Measured[];
  beforeAll(async () => {
    session = await startCountingSession({ afterConnectionTest: true, where: 'in process' });
    measured = await measureSteps(session, SESSION_VS_KIMAI_MCP);
  });
  afterAll(async () => session?.close());

  it.each(SESSION_VS_KIMAI_MCP.map((step, index) => [step.label, index] as const))('%s', (_label, index) => {
    const step = measured[index] as Measured;
    expect(step.isError, step.label).toBe(false);
    expect(step.requests, step.requests.join('\n')).toHaveLength(step.expected);
  });

  it('costs no more requests than kimai-mcp, in fewer tool calls, but the one that looks for required fields it never checks', () => {
    const ours = measured.reduce((sum, step) => sum + step.requests.length, 0);
    const theirs = SESSION_VS_KIMAI_MCP.reduce((sum, step) => sum + step.kimaiMcp.requests, 0);
    // Issue 78: before its first write Punchcard looks for the custom-fields plugin's mandatory fields (GET /api/metafields,
    // a 404 here, then not asked again for an hour); kimai-mcp writes without them.
    const fieldsLookups = measured.flatMap((step) => step.requests).filter((request) => request.startsWith('GET /metafields')).length;
    expect(fieldsLookups).toBe(1);
    expect(ours - fieldsLookups).toBeLessThanOrEqual(theirs);
    expect(SESSION_VS_KIMAI_MCP.length).toBeLessThan(SESSION_VS_KIMAI_MCP.reduce((sum, step) => sum + step.kimaiMcp.toolCalls, 0));
  });

  it('starts cold: nothing was asked before the first step', () => {
    const first = measured[0] as Measured;
    expect(session.fake.requests.length).toBe(measured.reduce((sum, step) => sum + step.requests.length, 0));
    expect(first.requests).toEqual(['GET /users/me 200']);
  });
});
