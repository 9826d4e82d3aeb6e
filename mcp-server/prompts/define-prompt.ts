// One prompt = one `definePrompt({...})` object, as tools are defineTool objects: a name people pick
// from a client's menu or slash commands, a title and one sentence, its arguments (each a string,
// as MCP prompt arguments are, with what completes it), the tools it works through, and `render`,
// which turns the arguments into one instruction for the model. Prompts never act themselves; they
// tell the model which tools to call, and every prompt that could lead to a write says to ask first.
import type { ToolName } from '../contract/tool-catalog.ts';
import type { WorkingTimeRules } from '../contract/working-time.ts';

/** What an argument's completions (completion/complete) come from; see completions.ts. */
export type CompletionSource = 'date' | 'week' | 'month' | 'from' | 'to' | 'project' | 'activity' | 'leave_type' | 'days';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
  /** The longest value taken; longer is refused before anything is rendered. */
  max: number;
  completes?: CompletionSource;
}

/** What `render` may know: the person's day and zone, and which tools the client has right now. */
export interface PromptContext {
  /** YYYY-MM-DD in the person's zone. */
  today: string;
  timezone: string;
  now: number;
  /** Whether the tool is offered to this client now (back end, settings, policy). */
  offered: (tool: ToolName) => boolean;
  /** The working-time rules the calls are checked by (the policy's over the settings'): a review says their findings. */
  workingTimeRules: WorkingTimeRules;
}

/** An argument that cannot be read: the message says what to write instead. */
export class PromptArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptArgumentError';
  }
}

export interface PromptDefinition<Name extends string = string> {
  name: Name;
  title: string;
  /** One sentence, shown in the client's menu. */
  description: string;
  /**
   * The tools the prompt works through. It is listed while at least one of them is offered, and its
   * text names only those offered when it is rendered.
   */
  tools: readonly [ToolName, ...ToolName[]];
  arguments: readonly PromptArgument[];
  /** The instruction, from arguments already held to their `max` (absent ones are undefined). */
  render(args: Readonly<Record<string, string | undefined>>, context: PromptContext): string;
}

export function definePrompt<Name extends string>(definition: PromptDefinition<Name>): PromptDefinition<Name> {
  return definition;
}

type Step = { tool?: ToolName; text: string };

/**
 * A numbered list of the steps whose tool is offered (a step without a tool always stays), so the
 * instruction never names a tool the client does not have.
 */
export function steps(context: PromptContext, items: ReadonlyArray<Step | false>): string {
  const kept = items.filter((item): item is Step => item !== false && (item.tool === undefined || context.offered(item.tool)));
  return kept.map((item, index) => `${index + 1}. ${item.text}`).join('\n');
}
