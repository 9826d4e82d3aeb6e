// The answer to a message that holds a "__proto__" key (hostile-keys.ts). In the arguments of a tool
// the client is offered, it is refused as the tool refuses any argument it does not take: a tool
// result with isError, worded and shaped as the SDK shapes that refusal in the message's era (the
// shape the build captured, opening-manifest.ts). Anywhere else in a request it is invalid params; a
// notification or a response holding one is dropped (the caller logs it).
import { isObject, isRequest, type JsonObject, type JsonRpcMessage } from './frames.ts';
import { type OpeningManifest, PROTOCOL_VERSION_KEY } from './opening.ts';
import { REFUSAL_META_KEY } from '../contract/outcomes/refusal-meta.ts';
import { hostileArgumentReason, invalidArgumentsWords } from '../tools/unknown-arguments.ts';

const INVALID_PARAMS = -32602;
const ARGUMENTS_PATH = 'params.arguments.';

export function refuseHostileKey(message: JsonRpcMessage, path: string, manifest: OpeningManifest, offered: readonly string[]): object | undefined {
  if (!isRequest(message)) return undefined;
  const params = message.params ?? {};
  const name = message.method === 'tools/call' && typeof params.name === 'string' && offered.includes(params.name) ? params.name : undefined;
  const tool = name === undefined ? undefined : manifest.tools.find((each) => each.name === name);
  if (tool && path.startsWith(ARGUMENTS_PATH)) {
    const where = path.slice(ARGUMENTS_PATH.length);
    const accepted = Object.keys((tool.listed.inputSchema as { properties?: JsonObject } | undefined)?.properties ?? {});
    const reason = hostileArgumentReason(tool.name, where, accepted);
    const meta = params._meta;
    const era = isObject(meta) && PROTOCOL_VERSION_KEY in meta ? 'modern' : 'legacy';
    // The refusal as data too, in _meta as the engine answers it (contract/outcomes/call.ts,
    // invalid_arguments), beside what the SDK puts in a result's _meta in this era (its serverInfo).
    const problems = [{ path: '', message: reason }];
    const refusal = { code: 'invalid_arguments', facts: { tool: tool.name, problems } };
    const { _meta: sdkMeta, ...extras } = manifest.refusedCallExtras[era];
    return {
      result: {
        _meta: { [REFUSAL_META_KEY]: refusal, ...(isObject(sdkMeta) ? sdkMeta : {}) },
        content: [{ type: 'text', text: invalidArgumentsWords(tool.name, problems) }],
        isError: true,
        ...extras,
      },
      jsonrpc: '2.0',
      id: message.id,
    };
  }
  return { jsonrpc: '2.0', id: message.id, error: { code: INVALID_PARAMS, message: `Invalid params: the key "__proto__" (at ${path}) is not accepted.` } };
}
