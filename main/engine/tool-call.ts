// One way for main to call a tool of its engine: by the tool's contract (mcp-server/contract/tools/),
// with its input typed and its answer parsed by the tool's own output schema, so a changed contract
// fails here loudly instead of showing wrong numbers (docs/decisions.md, "The app calls its own
// engine's tools"). A refusal comes out in a person's words from its code and facts (refusal-words.ts);
// one without a code (an engine of another version) in the engine's own sentence, as it came. What a
// tool did, main words from its structured answer beside each feature (*-words.ts): nothing here
// reads the engine's sentences, which are written for a model.
import type * as z from 'zod/v4';
import type { AppToolName, ToolContract } from '../../mcp-server/contract/tools/tool-contract.ts';
import type { ToolName } from '../../mcp-server/contract/tool-catalog.ts';
import type { EngineClient } from './engine-client.ts';
import { EngineError, messages } from './engine-error.ts';
import { refusalWords } from './refusal-words.ts';

export type Tool<Input extends z.ZodObject, Output extends z.ZodObject> = Pick<ToolContract<Input, Output, ToolName | AppToolName>, 'name' | 'output'>;

export type ToolCaller = <Input extends z.ZodObject, Output extends z.ZodObject>(tool: Tool<Input, Output>, args: z.input<Input>) => Promise<z.output<Output>>;

export function toolCaller(engine: EngineClient): ToolCaller {
  /** The tool's structured answer, parsed; its text is for a model and stays unread. */
  return async function call<Input extends z.ZodObject, Output extends z.ZodObject>(
    tool: Tool<Input, Output>,
    args: z.input<Input>,
  ): Promise<z.output<Output>> {
    let result: Awaited<ReturnType<EngineClient['callTool']>>;
    try {
      result = await engine.callTool(tool.name, args as Record<string, unknown>);
    } catch (error) {
      if (error instanceof EngineError && error.kind === 'tool') {
        const said = (error.refusal && refusalWords(error.refusal)) ?? error.message;
        throw new EngineError('tool', said, { tool: error.tool ?? tool.name, cause: error, ...(error.refusal ? { refusal: error.refusal } : {}) });
      }
      throw error;
    }
    const parsed = tool.output.safeParse(result.structured);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'the answer'}: ${issue.message}` : 'no structured answer';
      throw new EngineError('protocol', messages.unreadable(tool.name, where), { tool: tool.name });
    }
    return parsed.data as z.output<Output>;
  };
}

/** Only the fields that are given: the tools take a missing argument as "unchanged", never an undefined one. */
export function given<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The engine's `tracker` argument (several trackers; docs/internals/app.md, "The window's screens,
 * built from tools"), only when a connection is named: with one connection the engine offers no such
 * argument, so nothing is added. The contracts' input schemas do not list it (the engine adds it to
 * every tool with two or more connections), so it is typed as an empty object to spread into any
 * tool's arguments.
 */
export function onTracker(tracker: string | undefined): Record<never, never> {
  return tracker === undefined ? {} : ({ tracker } as Record<never, never>);
}
