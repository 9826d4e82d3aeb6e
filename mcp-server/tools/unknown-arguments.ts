// The refusal of an argument a tool does not take, in one wording for the tool's own strict schema
// (define-tool.ts) and for the stdio layer, which refuses a key the SDK would drop before that schema
// sees it (stdio/hostile-keys.ts). Free of zod: the stdio layer answers before zod loads.

/** "Unknown argument "projct": clock_in takes project, activity, …. Nothing was done." (the refusal `unknown_arguments`' words). */
import { unknownArgumentsWords } from '../contract/outcomes/call.ts';

export { unknownArgumentsWords as unknownArguments };

/** How a tool's input that does not validate is refused (the refusal `invalid_arguments`' words); the stdio layer says it the same way. */
export { invalidArgumentsWords } from '../contract/outcomes/call.ts';

/**
 * Why a "__proto__" key in a tool's arguments is refused (stdio/hostile-keys.ts), `where` its place under
 * `arguments`: as an argument the tool does not take, or, deeper, as a key no argument takes. One wording for
 * the stdio layer (stdio/hostile-refusal.ts) and for a host that has the tools (tools/hostile-arguments.ts).
 */
export function hostileArgumentReason(tool: string, where: string, accepted: readonly string[]): string {
  return where === '__proto__'
    ? unknownArgumentsWords(tool, ['__proto__'], accepted)
    : `${where.replace(/\.__proto__$/, '')} holds the key "__proto__", which no argument takes. Nothing was done.`;
}
