// The opening of a connection, answered without the SDK: `initialize` (2025 era), `server/discover`
// (2026-07-28), `ping`, `tools/list` and `prompts/list`. Every answer comes from the manifest the build captured by
// asking the SDK itself (opening-manifest.ts), so it is the answer the SDK would give; a test holds
// the two to each other. Anything else — another method, paging, an envelope or parameters that are
// not plainly well-formed, a version this server does not speak — is deferred: the engine loads
// and the SDK answers it, with the opening replayed to it first. Deferring is always safe; answering
// here is only ever the common case done early.
import { declaresApps } from '../apps/app-catalog.ts';
import type { Capability } from '../providers/time-tracker.ts';
import type { ToolName } from '../contract/tool-catalog.ts';
import type { CatalogedTool } from '../contract/tool-policy.ts';
import { isObject, isRequest, type JsonObject, type JsonRpcMessage, type JsonRpcRequest } from './frames.ts';

export const PROTOCOL_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';
const CLIENT_INFO_KEY = 'io.modelcontextprotocol/clientInfo';
const ENVELOPE_KEYS = new Set([PROTOCOL_VERSION_KEY, CLIENT_CAPABILITIES_KEY, CLIENT_INFO_KEY]);
const UNSUPPORTED_PROTOCOL_VERSION = -32022;

/** What the build learned from the SDK about the answers of an opening (see opening-manifest.ts). */
export interface OpeningManifest {
  /** Different for every build: what one build validated, another does not take on trust. */
  build: string;
  /** The `initialize` result, less `protocolVersion`, which depends on the request. */
  initialize: JsonObject;
  /** 2025-era versions the SDK echoes when a client asks for them… */
  legacyVersions: string[];
  /** …and the one it answers with otherwise. */
  legacyFallback: string;
  /** The `server/discover` result. */
  discover: JsonObject;
  /** 2026-era revisions (`supportedVersions` of discover). */
  modernVersions: string[];
  /** What a 2026-era `tools/list` result carries besides `tools` (resultType, ttlMs, cacheScope, _meta). */
  modernListExtras: JsonObject;
  /** The same for `prompts/list`, besides `prompts`. */
  modernPromptListExtras: JsonObject;
  /**
   * What the SDK's result of a tools/call it refuses for its arguments carries besides `content`,
   * `isError` and the engine's refusal in `_meta`, per era (a 2026 result names its type, and the
   * server in a `_meta` of its own): the stdio layer refuses some arguments itself (hostile-refusal.ts)
   * and answers in the same shape.
   */
  refusedCallExtras: { legacy: JsonObject; modern: JsonObject };
  /** Every tool as the SDK lists it for the local timesheet (breaks too, which it cannot serve), in registry order, with the group and access the switches decide by. */
  tools: Array<CatalogedTool & { capability: Capability; listed: JsonObject }>;
  /** Every prompt as the SDK lists it, with the tools it works through (prompts/offer.ts), in registry order. */
  prompts: Array<{ name: string; tools: ToolName[]; listed: JsonObject }>;
}

/** What the client is offered right now, as `tools/list` and `prompts/list` show it. */
export interface Offered {
  tools: () => JsonObject[];
  prompts: () => JsonObject[];
}

/**
 * `undecided` until the client shows which protocol it speaks: `legacy` after a plain `initialize`
 * (or any request without the 2026 envelope), `modern` after a 2026 request other than the
 * `server/discover` probe (a dual-era client may still fall back after it).
 */
export type Era = 'undecided' | 'legacy' | 'modern';

export interface OpeningState {
  era: Era;
  /** What the SDK must see again before it takes over, in order (the 2025 handshake). */
  replay: JsonRpcMessage[];
  /** The tool names the client was last given, to tell it when that list is out of date. */
  announced: readonly string[] | undefined;
  /** The same for prompts. */
  announcedPrompts: readonly string[] | undefined;
  /** The 2025 handshake declared MCP Apps: its tool list carries the apps' links, which the SDK adds. */
  apps: boolean;
}

export type OpeningOutcome = { answer: object } | { accepted: true } | { defer: true };

export function newOpeningState(): OpeningState {
  return { era: 'undecided', replay: [], announced: undefined, announcedPrompts: undefined, apps: false };
}

/** Answers `message` if it belongs to the opening, updating `state`; `offered` lists what is offered right now. */
export function answerOpening(message: JsonRpcMessage, state: OpeningState, manifest: OpeningManifest, offered: Offered): OpeningOutcome {
  if (!('method' in message)) return { defer: true };
  if (!isRequest(message)) {
    // The 2025 handshake's last step carries nothing to answer; the SDK sees it on replay.
    if (message.method === 'notifications/initialized' && state.era === 'legacy' && message.params === undefined) {
      state.replay.push(message);
      return { accepted: true };
    }
    return { defer: true };
  }
  const params = message.params ?? {};
  const meta = params._meta;
  if (isObject(meta) && PROTOCOL_VERSION_KEY in meta) return answerModern(message, meta, state, manifest, offered);
  if (state.era === 'modern' || meta !== undefined) return { defer: true };
  if (message.method === 'initialize' && state.era === 'undecided' && isPlainInitialize(params)) {
    const requested = params.protocolVersion as string;
    const protocolVersion = manifest.legacyVersions.includes(requested) ? requested : manifest.legacyFallback;
    state.era = 'legacy';
    state.apps = declaresApps(params.capabilities);
    state.replay.push(message);
    return { answer: result(message, { protocolVersion, ...manifest.initialize }) };
  }
  if (Object.keys(params).length > 0) return { defer: true };
  if (message.method === 'ping') {
    state.era = 'legacy';
    return { answer: result(message, {}) };
  }
  // The manifest holds the list without the apps' links (apps/serve-apps.ts).
  if (message.method === 'tools/list' && !state.apps) {
    state.era = 'legacy';
    return { answer: result(message, { tools: listTools(state, offered) }) };
  }
  if (message.method === 'prompts/list') {
    state.era = 'legacy';
    return { answer: result(message, { prompts: listPrompts(state, offered) }) };
  }
  return { defer: true };
}

function answerModern(message: JsonRpcRequest, meta: JsonObject, state: OpeningState, manifest: OpeningManifest, offered: Offered): OpeningOutcome {
  const version = meta[PROTOCOL_VERSION_KEY];
  const onlyMeta = Object.keys(message.params ?? {}).every((key) => key === '_meta');
  if (state.era === 'legacy' || !onlyMeta || !isPlainEnvelope(meta) || !manifest.modernVersions.includes(version as string)) {
    return { defer: true };
  }
  if (message.method === 'server/discover') return { answer: result(message, manifest.discover) };
  if (message.method === 'tools/list' && !declaresApps(meta[CLIENT_CAPABILITIES_KEY])) {
    state.era = 'modern';
    return { answer: result(message, { tools: listTools(state, offered), ...manifest.modernListExtras }) };
  }
  if (message.method === 'prompts/list') {
    state.era = 'modern';
    return { answer: result(message, { prompts: listPrompts(state, offered), ...manifest.modernPromptListExtras }) };
  }
  return { defer: true };
}

function listTools(state: OpeningState, offered: Offered): JsonObject[] {
  const tools = offered.tools();
  state.announced = tools.map((tool) => tool.name as string);
  return tools;
}

function listPrompts(state: OpeningState, offered: Offered): JsonObject[] {
  const prompts = offered.prompts();
  state.announcedPrompts = prompts.map((prompt) => prompt.name as string);
  return prompts;
}

/**
 * Follows the era of a message the SDK answers, as the SDK decides it: the first message without the
 * 2026 envelope makes a 2025 connection; the first 2026 request other than the `server/discover`
 * probe makes a 2026 one.
 */
export function noteEra(message: JsonRpcMessage, state: OpeningState, manifest: OpeningManifest): void {
  if (state.era !== 'undecided' || !('method' in message)) return;
  const meta = message.params?._meta;
  if (!isObject(meta) || !(PROTOCOL_VERSION_KEY in meta)) {
    state.era = 'legacy';
  } else if (
    isRequest(message) &&
    message.method !== 'server/discover' &&
    isPlainEnvelope(meta) &&
    manifest.modernVersions.includes(meta[PROTOCOL_VERSION_KEY] as string)
  ) {
    state.era = 'modern';
  }
}

/**
 * A 2026-era request on a 2026 connection that names a revision this server does not speak gets
 * -32022 (the SDK checks this only for the first request of a connection); undefined otherwise.
 */
export function unsupportedRevision(message: JsonRpcMessage, state: OpeningState, manifest: OpeningManifest): object | undefined {
  if (state.era !== 'modern' || !isRequest(message) || !isObject(message.params?._meta)) return undefined;
  const requested = message.params._meta[PROTOCOL_VERSION_KEY];
  if (typeof requested !== 'string' || manifest.modernVersions.includes(requested)) return undefined;
  return {
    jsonrpc: '2.0',
    id: message.id,
    error: {
      code: UNSUPPORTED_PROTOCOL_VERSION,
      message: `Unsupported protocol version: ${requested}`,
      data: { supported: manifest.modernVersions, requested },
    },
  };
}

/** The SDK's order of members, so an early answer reads exactly like a late one. */
function result(request: JsonRpcRequest, value: object): object {
  return { result: value, jsonrpc: '2.0', id: request.id };
}

// What counts as plainly well-formed is deliberately narrower than what the SDK accepts: anything
// unusual goes to the SDK, which knows every rule.

function isPlainInitialize(params: JsonObject): boolean {
  return (
    onlyKeys(params, ['protocolVersion', 'capabilities', 'clientInfo']) &&
    typeof params.protocolVersion === 'string' &&
    isPlainCapabilities(params.capabilities) &&
    isPlainClientInfo(params.clientInfo)
  );
}

function isPlainEnvelope(meta: JsonObject): boolean {
  return (
    Object.keys(meta).every((key) => ENVELOPE_KEYS.has(key)) &&
    isPlainCapabilities(meta[CLIENT_CAPABILITIES_KEY]) &&
    (meta[CLIENT_INFO_KEY] === undefined || isPlainClientInfo(meta[CLIENT_INFO_KEY]))
  );
}

/**
 * Known capabilities, each an object of objects (`elicitation: {form: {}}`), but for `roots`, whose
 * one member `listChanged` is a boolean.
 */
function isPlainCapabilities(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, ['roots', 'sampling', 'elicitation', 'experimental', 'extensions'])) return false;
  return Object.entries(value).every(([name, capability]) =>
    name === 'roots'
      ? isObject(capability) && onlyKeys(capability, ['listChanged']) && ['boolean', 'undefined'].includes(typeof capability.listChanged)
      : isObject(capability) && Object.values(capability).every(isObject),
  );
}

function isPlainClientInfo(value: unknown): boolean {
  return (
    isObject(value) &&
    onlyKeys(value, ['name', 'title', 'version', 'description', 'websiteUrl']) &&
    typeof value.name === 'string' &&
    typeof value.version === 'string' &&
    Object.values(value).every((field) => typeof field === 'string')
  );
}

function onlyKeys(value: JsonObject, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
