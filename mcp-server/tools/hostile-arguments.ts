// The answer to a message holding the key "__proto__" where the SDK would drop it before a tool's strict
// schema sees it (stdio/hostile-keys.ts says how). The stdio layer answers from its opening's manifest; a
// host that has the tools themselves (the team server) answers from here: in the arguments of a tool, the
// tool's own refusal of an argument it does not take (a tool result with isError, the refusal as data);
// anywhere else in a request, invalid params. A notification or a response holding one gets no answer.
import { REFUSAL_META_KEY } from '../contract/outcomes/refusal-meta.ts';
import { hostileArgumentReason, invalidArgumentsWords } from './unknown-arguments.ts';
import { TOOLS } from './index.ts';

const INVALID_PARAMS = -32602;
const ARGUMENTS_PATH = 'params.arguments.';

type Request = { id: string | number; method: string; params?: Record<string, unknown> };

export function hostileKeyAnswer(message: unknown, path: string): object | undefined {
  if (!isRequest(message)) return undefined;
  const name = message.method === 'tools/call' ? message.params?.name : undefined;
  const tool = typeof name === 'string' && Object.hasOwn(TOOLS, name) ? TOOLS[name as keyof typeof TOOLS] : undefined;
  if (tool && path.startsWith(ARGUMENTS_PATH)) {
    const where = path.slice(ARGUMENTS_PATH.length);
    const accepted = Object.keys(tool.input.shape);
    const reason = hostileArgumentReason(tool.name, where, accepted);
    const problems = [{ path: '', message: reason }];
    return {
      jsonrpc: '2.0',
      id: message.id,
      result: {
        _meta: { [REFUSAL_META_KEY]: { code: 'invalid_arguments', facts: { tool: tool.name, problems } } },
        content: [{ type: 'text', text: invalidArgumentsWords(tool.name, problems) }],
        isError: true,
      },
    };
  }
  return { jsonrpc: '2.0', id: message.id, error: { code: INVALID_PARAMS, message: `Invalid params: the key "__proto__" (at ${path}) is not accepted.` } };
}

function isRequest(message: unknown): message is Request {
  if (typeof message !== 'object' || message === null) return false;
  const { id, method } = message as { id?: unknown; method?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number');
}
