// One line of stdin → one JSON-RPC 2.0 message, or the error JSON-RPC prescribes for it. The rules
// are the MCP SDK's own message schemas (strict objects: a request, a notification, a result or an
// error response), written out by hand because the engine answers the opening of a connection
// before zod and the SDK are loaded. A test holds these rules to the SDK's on generated input.
// Where the SDK's stdio reader drops a bad line silently (or logs a page of zod output), this layer
// answers it: -32700 for text that is not JSON, -32600 for JSON that is not a message, `id: null`.

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

export type RequestId = string | number;
export type JsonObject = Record<string, unknown>;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: JsonObject;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonObject;
}

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id?: RequestId;
  result?: JsonObject;
  error?: { code: number; message: string; data?: unknown };
}

export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

export type Frame = { ok: true; message: JsonRpcMessage } | { ok: false; code: typeof PARSE_ERROR | typeof INVALID_REQUEST; reason: string };

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const NOTIFICATION_KEYS = new Set(['jsonrpc', 'method', 'params']);
const RESULT_KEYS = new Set(['jsonrpc', 'id', 'result']);
const ERROR_KEYS = new Set(['jsonrpc', 'id', 'error']);
const RELATED_TASK_KEY = 'io.modelcontextprotocol/related-task';

export function readFrame(line: string): Frame {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, code: PARSE_ERROR, reason: `not JSON (${(error as Error).message})` };
  }
  const problem = messageProblem(value);
  return problem === undefined ? { ok: true, message: value as JsonRpcMessage } : { ok: false, code: INVALID_REQUEST, reason: problem };
}

/** What keeps `value` from being a JSON-RPC message the SDK accepts, or undefined when nothing does. */
function messageProblem(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'a batch (MCP sends one message per line)';
  if (!isObject(value)) return 'not a JSON object';
  if (value.jsonrpc !== '2.0') return `"jsonrpc" is ${JSON.stringify(value.jsonrpc) ?? 'missing'}, not "2.0"`;
  if ('method' in value) {
    if (typeof value.method !== 'string') return '"method" is not a string';
    const request = 'id' in value;
    if (request && !isRequestId(value.id)) return '"id" is not a string or an integer';
    return extraKey(value, request ? REQUEST_KEYS : NOTIFICATION_KEYS) ?? paramsProblem(value.params);
  }
  if ('result' in value) {
    if (!isRequestId(value.id)) return 'a result without a valid "id"';
    if (!isObject(value.result)) return '"result" is not an object';
    if ('_meta' in value.result && !isObject(value.result._meta)) return '"result._meta" is not an object';
    return extraKey(value, RESULT_KEYS);
  }
  if ('error' in value) {
    if ('id' in value && !isRequestId(value.id)) return 'an error whose "id" is not a string or an integer';
    const { error } = value;
    if (!isObject(error) || !Number.isSafeInteger(error.code) || typeof error.message !== 'string') {
      return '"error" needs an integer "code" and a string "message"';
    }
    return extraKey(value, ERROR_KEYS);
  }
  return 'neither a request, a notification nor a response';
}

function paramsProblem(params: unknown): string | undefined {
  if (params === undefined) return undefined;
  if (!isObject(params)) return '"params" is not an object';
  if (!('_meta' in params) || params._meta === undefined) return undefined;
  const meta = params._meta;
  if (!isObject(meta)) return '"params._meta" is not an object';
  if (meta.progressToken !== undefined && !isRequestId(meta.progressToken)) return '"progressToken" is not a string or an integer';
  const task = meta[RELATED_TASK_KEY];
  if (task !== undefined && (!isObject(task) || typeof task.taskId !== 'string')) return `"${RELATED_TASK_KEY}" needs a string "taskId"`;
  return undefined;
}

function extraKey(value: JsonObject, allowed: ReadonlySet<string>): string | undefined {
  const extra = Object.keys(value).find((key) => !allowed.has(key));
  return extra === undefined ? undefined : `unexpected member "${extra}"`;
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRequest(message: JsonRpcMessage): message is JsonRpcRequest {
  return 'method' in message && 'id' in message;
}
