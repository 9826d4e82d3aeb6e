// Captures the opening's answers by asking the SDK, over the same transport seam the engine uses:
// `initialize` for every 2025-era version (which ones it echoes, which it falls back to),
// `server/discover`, and `tools/list` and `prompts/list` in both eras with every tool on. The build runs this once and
// inlines the result into the bundle (vite.config.ts); tests run it too.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import { REFUSAL_META_KEY } from '../contract/outcomes/refusal-meta.ts';
import { PROMPT_LIST } from '../prompts/index.ts';
import { openDesktopEngine } from '../engine/desktop-engine.ts';
import { TOOL_LIST } from '../tools/index.ts';
import type { JsonObject, JsonRpcMessage } from './frames.ts';
import { type OpeningManifest, PROTOCOL_VERSION_KEY } from './opening.ts';
import { linkSdk } from './sdk-link.ts';
import type { Wire } from './wire.ts';

/** The 2026 revision the capture asks for; the SDK's own answer then lists what it speaks. */
const MODERN_REVISION = '2026-07-28';
const UNKNOWN_VERSION = '1999-01-01';
const CLIENT = { name: 'punchcard-build', version: '0' };

export async function captureOpeningManifest(): Promise<OpeningManifest> {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-opening-'));
  const engine = await openDesktopEngine({ userDataDir: dir, allTools: true, listEveryTool: true, now: Date.now, log: () => {} });
  const ask = (messages: JsonRpcMessage[]) => converse(() => engine.createServer(), messages);
  try {
    const initializeFor = async (protocolVersion: string) =>
      (await ask([{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion, capabilities: {}, clientInfo: CLIENT } }]))[0] as JsonObject;
    const answers = new Map<string, JsonObject>();
    for (const version of [...SUPPORTED_PROTOCOL_VERSIONS, UNKNOWN_VERSION]) answers.set(version, await initializeFor(version));
    const { protocolVersion: legacyFallback, ...initialize } = answers.get(UNKNOWN_VERSION) as JsonObject;
    const legacyVersions = SUPPORTED_PROTOCOL_VERSIONS.filter((version) => answers.get(version)?.protocolVersion === version);

    const [legacyList, legacyPrompts] = await ask([
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { jsonrpc: '2.0', id: 2, method: 'prompts/list' },
    ]);
    const _meta = { [PROTOCOL_VERSION_KEY]: MODERN_REVISION, 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': CLIENT };
    const [discover, modernList, modernPrompts] = await ask([
      { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta } },
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta } },
      { jsonrpc: '2.0', id: 3, method: 'prompts/list', params: { _meta } },
    ]);
    const { tools: _tools, ...modernListExtras } = modernList as JsonObject;
    const { prompts: _prompts, ...modernPromptListExtras } = modernPrompts as JsonObject;
    const refusedCall = { name: 'whoami', arguments: { unknown: true } };
    const [legacyRefusal] = await ask([{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: refusedCall }]);
    const [, modernRefusal] = await ask([
      { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta } },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { ...refusedCall, _meta } },
    ]);
    // What the SDK adds to a refused call in each era, less the refusal itself (its words and its data, which hostile-refusal.ts makes).
    const extras = (refusal: unknown): JsonObject => {
      const { content: _content, isError, _meta, ...rest } = refusal as JsonObject;
      if (isError !== true) throw new Error('The SDK did not refuse a tools/call with an unknown argument.');
      // The SDK's own part of _meta (a 2026 result's serverInfo), kept apart from the engine's refusal.
      const { [REFUSAL_META_KEY]: _refusal, ...sdkMeta } = (_meta ?? {}) as JsonObject;
      return Object.keys(sdkMeta).length > 0 ? { ...rest, _meta: sdkMeta } : rest;
    };
    const listed = (legacyList as { tools: JsonObject[] }).tools;
    const listedPrompts = (legacyPrompts as { prompts: JsonObject[] }).prompts;
    return {
      build: randomUUID(),
      initialize,
      legacyVersions,
      legacyFallback: legacyFallback as string,
      discover: discover as JsonObject,
      modernVersions: (discover as { supportedVersions: string[] }).supportedVersions,
      modernListExtras,
      modernPromptListExtras,
      refusedCallExtras: { legacy: extras(legacyRefusal), modern: extras(modernRefusal) },
      tools: TOOL_LIST.map((tool) => {
        const found = listed.find((entry) => entry.name === tool.name);
        if (!found) throw new Error(`tools/list did not list ${tool.name}`);
        return { name: tool.name, group: tool.group, access: tool.access, capability: tool.capability, listed: found };
      }),
      prompts: PROMPT_LIST.map((prompt) => {
        const found = listedPrompts.find((entry) => entry.name === prompt.name);
        if (!found) throw new Error(`prompts/list did not list ${prompt.name}`);
        return { name: prompt.name, tools: [...prompt.tools], listed: found };
      }),
    };
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `messages` to a fresh SDK connection and returns the results of the requests, in order. */
async function converse(createServer: Parameters<typeof linkSdk>[0]['createServer'], messages: JsonRpcMessage[]): Promise<unknown[]> {
  const results = new Map<unknown, unknown>();
  const ids = messages.filter((message) => 'id' in message).map((message) => (message as { id: unknown }).id);
  let answered: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const wire: Wire = {
    onmessage: () => {},
    onclose: () => {},
    start: () => {},
    close: () => {},
    send: async (message) => {
      const response = message as { id?: unknown; result?: unknown; error?: { message: string } };
      if (response.error) failed(new Error(`The SDK refused a capture request: ${response.error.message}`));
      if ('id' in response) results.set(response.id, response.result);
      if (ids.every((id) => results.has(id))) answered();
    },
  };
  const link = linkSdk({ wire, createServer, replay: [], onError: failed });
  for (const message of messages) link.deliver(message);
  try {
    await done;
  } finally {
    await link.close();
  }
  return ids.map((id) => results.get(id));
}
