// Which prompts `prompts/list` shows: those with at least one of their tools offered to the client
// right now, so the back end, the settings and the organisation's policy decide prompts as they
// decide tools. Free of zod and of the prompts themselves, so the opening answers as the engine will.
import type { ToolName } from '../contract/tool-catalog.ts';

export function isPromptOffered(prompt: { tools: readonly ToolName[] }, toolOffered: (tool: ToolName) => boolean): boolean {
  return prompt.tools.some(toolOffered);
}
