// What a tool promises, apart from how it does it: its name, group and access, title, one-sentence
// description, input and output schemas, annotations and the back-end capability it needs. The
// engine adds a handler (tools/define-tool.ts); the app reads answers with `output` and shows
// `title` and `description`; the catalog (contract/tool-catalog.ts) is read off these.
import * as z from 'zod/v4';
import type { ToolAccess, ToolGroup } from '../tool-groups.ts';
import type { Capability } from '../vocabulary.ts';

/** openWorldHint is set by the server from the active back end: local data or a remote service. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
}

/** Tools only the app's own engine lists, for its window: never offered to an AI client (contract/app-tools/). */
export type AppToolName = 'kept_write_decisions' | 'decide_kept_write' | 'catalog_item_fields' | 'submission_entries';

/** What every tool, an AI client's or the window's own, is made of. */
export interface ToolShape<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  Name extends string = string,
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

/** A tool AI clients may be offered: filed under a group, with what it does to data (contract/tool-groups.ts). */
export interface ToolContract<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
  Name extends string = string,
  Needs extends Capability = Capability,
> extends ToolShape<Input, Output, Name, Needs> {
  group: ToolGroup;
  access: ToolAccess;
  /**
   * What the tool does, as a person names it while it happens ("Clocking in"): said where a write of it made earlier is
   * held back (contract/outcomes/outbox.ts). Only a tool whose writes the outbox file may hold has it.
   */
  doing?: string;
}

/**
 * A definition as its file writes it: the schemas behind functions, so loading every definition (the
 * settings' schema needs their names, main their contracts) builds no schema until one is used.
 * Building all of them took a settings file's check from 33 to 41 ms of CPU on the opening's path.
 */
export type ToolDefinitionSource<Input extends z.ZodObject, Output extends z.ZodObject, Name extends string, Needs extends Capability> = Omit<
  ToolContract<Input, Output, Name, Needs>,
  'input' | 'output'
> & { input: () => Input; output: () => Output };

/** Keeps the schemas' own types, so a handler and the app both get the exact shapes; each schema is built once, when first read. */
export function toolContract<Input extends z.ZodObject, Output extends z.ZodObject, const Name extends string, Needs extends Capability = Capability>(
  source: ToolDefinitionSource<Input, Output, Name, Needs>,
): ToolContract<Input, Output, Name, Needs> {
  const { input, output, ...facts } = source;
  const built: { input?: Input; output?: Output } = {};
  return Object.defineProperties(facts, {
    input: { enumerable: true, get: () => (built.input ??= input()) },
    output: { enumerable: true, get: () => (built.output ??= withNotices(output())) },
  }) as ToolContract<Input, Output, Name, Needs>;
}

/**
 * What a call noted beside its result, as data (contract/outcomes/notices.ts): every tool's answer may
 * carry them, so every output schema says so. The facts' shape is the code's; a client that reads one
 * looks it up by its code (docs/tools.md, "Refusals and notices").
 */
const NOTICES_FIELD = z.array(z.object({ code: z.string(), facts: z.looseObject({}) })).optional();

/** With several trackers, the connection an answer resolved to (docs/several-trackers.md); absent with one. */
const TRACKER_FIELD = z.string().optional();

function withNotices<Output extends z.ZodObject>(output: Output): Output {
  return output.extend({ notices: NOTICES_FIELD, tracker: TRACKER_FIELD }) as unknown as Output;
}

/** The same for a tool of the window's own (contract/app-tools/): no group, no switch, never an AI client's. */
export function appToolContract<Input extends z.ZodObject, Output extends z.ZodObject, Name extends AppToolName, Needs extends Capability = Capability>(
  contract: ToolShape<Input, Output, Name, Needs>,
): ToolShape<Input, Output, Name, Needs> {
  return { ...contract, output: withNotices(contract.output) };
}
