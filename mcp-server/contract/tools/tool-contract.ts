// What a tool promises, apart from how it does it: its name, title, one-sentence description, input
// and output schemas, annotations and the back-end capability it needs. The engine adds a handler
// (tools/define-tool.ts); the app reads answers with `output` and shows `title` and `description`.
import type * as z from 'zod/v4';
import type { ToolName } from '../tool-catalog.ts';
import type { Capability } from '../vocabulary.ts';

/** openWorldHint is set by the server from the active back end: local data or a remote service. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
}

/** Tools only the app's own engine lists, for its window: never offered to an AI client (contract/app-tools/). */
export type AppToolName = 'kept_write_decisions' | 'decide_kept_write';

export interface ToolContract<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  Name extends ToolName | AppToolName = ToolName,
  Needs extends Capability = Capability,
> {
  name: Name;
  title: string;
  description: string;
  /** The back-end capability the tool needs; without it the tool is not offered, and its handler gets the part it brings. */
  capability: Needs;
  annotations: ToolAnnotations;
  input: Input;
  output: Output;
}

/** Keeps the schemas' own types, so a handler and the app both get the exact shapes. */
export function toolContract<
  Input extends z.ZodObject,
  Output extends z.ZodObject,
  Name extends ToolName | AppToolName = ToolName,
  Needs extends Capability = Capability,
>(contract: ToolContract<Input, Output, Name, Needs>): ToolContract<Input, Output, Name, Needs> {
  return contract;
}
