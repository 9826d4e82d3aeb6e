// Sentences the prompts share, so every prompt that may lead to a write says the same thing about it.
import type { ToolName } from '../contract/tool-catalog.ts';
import type { PromptContext } from './define-prompt.ts';

export const ASK_BEFORE_WRITING = 'Change nothing before I have answered: ask me which to apply, then apply exactly those, and show what was done.';

/** The write tools among `tools` that the client has now, in order. */
export function writeTools(context: PromptContext, tools: readonly ToolName[]): ToolName[] {
  return tools.filter((tool) => context.offered(tool));
}
