// A refused call as the AI clients people use read it, against the built engine over stdio (run
// `npm run build` first): the MCP Inspector's command line and the TypeScript SDK v2 in both eras,
// the TypeScript SDK v1 (2025 era only: v1 speaks no other), and two agents through a fake model that
// calls the tool, Gemini CLI (which bundles SDK v1, so 2025 era too) and Codex; and SDK v1 over
// Streamable HTTP against the built team server. Every one must get the engine's sentence. A client
// that checks a result's structured content against the tool's output schema (which describes the
// tool's success) rejects a refusal that carries any, so a refusal has its sentence in `content` and
// its code and facts in `_meta` (docs/tools.md, "Refusals and notices"). Each client starts its own
// engine once.
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { REFUSAL_META_KEY } from '../../../mcp-server/contract/outcomes/refusal-meta.ts';
import { type Refusal, refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText } from '../../../mcp-server/contract/outcomes/sentence.ts';
import { startFakeGemini, startFakeResponses } from '../../support/fake-model-apis.ts';
import { makeUserDataDir, SERVER_BUNDLE, startEngine, textOf, type ToolResult } from '../../support/engine.ts';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { signInByHand } from '../../support/team-oauth.ts';
import { startTeamServer, stopAndRemoveServers } from '../../support/team-server.ts';
import { codexExec, geminiPrompt, inspectorCall } from './client-runs.ts';

// A fresh folder has no timer running: clock_out is refused, and its output schema (a stopped entry)
// is one no refusal matches.
const TOOL = 'clock_out';
const REFUSAL: Refusal = { code: 'clock_out_no_timer', facts: {} };
const SENTENCE = modelText(refusalSentence(REFUSAL));
const PROMPT = 'Clock me out.';

/** What every refusal answers, whichever client reads it. */
function expectRefusal(result: ToolResult): void {
  expect(result.isError).toBe(true);
  expect(textOf(result)).toBe(SENTENCE);
  expect(result).not.toHaveProperty('structuredContent');
  expect(result._meta?.[REFUSAL_META_KEY]).toEqual(REFUSAL);
}

const close = closeAfterEach();

describe('the official SDKs', () => {
  test.each(['legacy', 'modern'] as const)('the SDK v2 gets the sentence, and the code and facts in _meta (%s era)', async (era) => {
    const engine = close(await startEngine({ era }));
    expectRefusal(await engine.call(TOOL));
  });

  test('the SDK v1 callTool answers the refusal instead of throwing that it does not match the output schema', async () => {
    const userData = makeUserDataDir();
    close({ close: () => rmSync(userData, { recursive: true, force: true }) });
    const client = close(new ClientV1({ name: 'punchcard-tests-v1', version: '1.0.0' }));
    await client.connect(
      new StdioTransportV1({
        command: process.execPath,
        args: [SERVER_BUNDLE, '--user-data', userData],
        env: { PATH: process.env.PATH ?? '', HOME: userData },
      }),
    );
    expectRefusal(await callAsClientsDo(client));
  });

  test('the SDK v1 over Streamable HTTP gets the same from the built team server', async () => {
    const server = await startTeamServer({ built: true });
    close({ close: () => stopAndRemoveServers(server) });
    const { accessToken } = await signInByHand(server);
    const client = close(new ClientV1({ name: 'punchcard-tests-v1', version: '1.0.0' }));
    await client.connect(new HttpTransportV1(new URL(server.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${accessToken}` } } }));
    expectRefusal(await callAsClientsDo(client));
  });
});

/** The refused call through SDK v1, after the list from which callTool learns each tool's output schema to check answers against. */
async function callAsClientsDo(client: ClientV1): Promise<ToolResult> {
  expect((await client.listTools()).tools.map((tool) => tool.name)).toContain(TOOL);
  return (await client.callTool({ name: TOOL, arguments: {} })) as ToolResult;
}

describe('the MCP Inspector command line', () => {
  test.each(['legacy', 'modern'] as const)('prints the refusal and exits as for a tool error (%s era)', async (era) => {
    const run = await inspectorCall(era, TOOL, {});
    // 5 is its exit code for an isError result (1 where it rejected the answer against the output schema).
    expect(run.code, run.stderr).toBe(5);
    const { result } = JSON.parse(run.stdout) as { result: ToolResult };
    expectRefusal(result);
  });
});

/**
 * The one tool result the model received holds the sentence, however deeply the client quoted it in
 * JSON (Gemini CLI hands on the whole answer as a string): the sentence needs no escaping, so it reads
 * the same at every depth.
 */
function expectModelGotSentence(received: readonly unknown[]): void {
  expect(JSON.stringify(SENTENCE)).toBe(`"${SENTENCE}"`);
  expect(received).toHaveLength(1);
  expect(JSON.stringify(received[0])).toContain(SENTENCE);
}

describe('agents through a fake model', () => {
  test('Gemini CLI hands its model the sentence', async () => {
    const model = close(await startFakeGemini({ tool: TOOL, args: {} }));
    const run = await geminiPrompt(model.url, PROMPT);
    expect(run.code, run.stderr).toBe(0);
    expect(model.offeredAs(), run.stderr).toBe('mcp_punchcard_clock_out');
    expectModelGotSentence(model.results);
  });

  test('Codex hands its model the sentence, not only the refusal as data', async () => {
    const model = close(await startFakeResponses({ namespace: 'mcp__punchcard', tool: TOOL, args: {} }));
    const run = await codexExec(model.url, PROMPT);
    expect(run.code, run.stderr).toBe(0);
    expect(model.offeredAs(), run.stderr).toBe('mcp__punchcard/clock_out');
    // Where the answer has structured content, Codex hands the model that alone: the code without the sentence.
    expectModelGotSentence(model.results);
  });
});
