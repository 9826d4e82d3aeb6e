// One tool = one `defineTool({...})` object (docs/decisions.md, "House style: tools as defineTool
// objects"): its definition spread in, its handler beside it. The types check that every definition
// carries a title, its group and access, complete annotations and both schemas; the server turns a
// handler's `{ data, text }` into `structuredContent` plus a short text rendering, made from parts.
import * as z from 'zod/v4';
import type { AppToolName, ToolAnnotations, ToolContract, ToolShape } from '../contract/tools/tool-contract.ts';
import type { ToolName } from '../contract/tool-catalog.ts';
import type { Capability } from '../contract/vocabulary.ts';
import { refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText, type Sentence } from '../contract/outcomes/sentence.ts';
import type { ToolContext } from './context.ts';

export type { ToolAnnotations };

export interface ToolOutcome<Data> {
  data: Data;
  /**
   * What the model reads, as parts (contract/outcomes/sentence.ts): a tracker's names, notes and words in it are
   * `outside` parts, said as quoted lines, never as the tool's own words (docs/security.md).
   */
  text: Sentence;
}

/**
 * A tool's definition (contract/tools/ for an AI client's, contract/app-tools/ for the window's) and the
 * handler that carries it out. The handler's tracker has the part the tool's capability brings
 * (engine/run-tool.ts checks it first), so a team tool calls `teamWork` as the compiler knows it, with
 * no check of its own. A method, not a function property: the registry holds every tool as one that
 * needs some capability.
 */
export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  Name extends ToolName | AppToolName = ToolName,
  Needs extends Capability = Capability,
> extends ToolShape<Input, Output, Name, Needs> {
  handler(args: z.output<Input>, context: ToolContext<Needs>): Promise<ToolOutcome<z.input<Output>>>;
}

/** An AI client's tool: its definition, group and access included, with its handler. */
export type AiTool<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  Name extends ToolName = ToolName,
  Needs extends Capability = Capability,
> = ToolDefinition<Input, Output, Name, Needs> & ToolContract<Input, Output, Name, Needs>;

export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject, Name extends ToolName, Needs extends Capability = Capability>(
  definition: AiTool<Input, Output, Name, Needs>,
): AiTool<Input, Output, Name, Needs> {
  return { ...definition, input: refusingUnknownKeys(definition.name, definition.input) };
}

/** A tool of the window's own (app-tools/): never in an AI client's catalog, so no group or access. */
export function defineAppTool<Input extends z.ZodObject, Output extends z.ZodObject, Name extends AppToolName, Needs extends Capability = Capability>(
  definition: ToolDefinition<Input, Output, Name, Needs>,
): ToolDefinition<Input, Output, Name, Needs> {
  return { ...definition, input: refusingUnknownKeys(definition.name, definition.input) };
}

/**
 * The tool's input with unknown keys refused (and advertised so: `additionalProperties: false`): a
 * misspelt argument must not silently change what a write does ("projct" clocking in on no project).
 * The message is the refusal `unknown_arguments`' words (contract/outcomes/call.ts): it names what the
 * tool does take, so the model can correct itself in one step.
 */
function refusingUnknownKeys<Input extends z.ZodObject>(tool: string, input: Input): Input {
  const accepted = Object.keys(input.shape);
  return z.strictObject(input.shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? modelText(refusalSentence({ code: 'unknown_arguments', facts: { tool, unknown: issue.keys, accepted } }))
        : undefined,
  }) as unknown as Input;
}
