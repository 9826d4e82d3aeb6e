// The refusal of an argument a tool does not take, in one wording for the tool's own strict schema
// (define-tool.ts) and for the stdio layer, which refuses a key the SDK would drop before that schema
// sees it (stdio/hostile-keys.ts). Free of zod: the stdio layer answers before zod loads.

/** "Unknown argument "projct": clock_in takes project, activity, …. Nothing was done." (the refusal `unknown_arguments`' words). */
export { unknownArgumentsWords as unknownArguments } from '../contract/outcomes/call.ts';

/** How a tool's input that does not validate is refused (the refusal `invalid_arguments`' words); the stdio layer says it the same way. */
export { invalidArgumentsWords } from '../contract/outcomes/call.ts';
