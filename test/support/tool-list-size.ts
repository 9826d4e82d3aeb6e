// How big a tool list is, counted where it costs. Clients hand the model each tool's name,
// description and input schema on every turn; the output schema (and title, annotations) only
// serve validation and display. One definition for the registry test and the benchmark.

interface ListedTool {
  name: string;
  description?: string;
  inputSchema: unknown;
}

/** Characters the model reads: JSON of `{name, description, inputSchema}` per tool, summed. */
export function modelFacingChars(tools: readonly ListedTool[]): number {
  return tools.reduce((sum, tool) => sum + JSON.stringify({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }).length, 0);
}

/** Characters of the whole `tools/list` result, output schemas and all. */
export function wholeListChars(tools: readonly object[]): number {
  return JSON.stringify({ tools }).length;
}

/**
 * The budget for what the model reads, for every tool there will be but the team group's
 * (docs/decisions.md, "Tool list budget"); with the team group switched on too, the whole list may
 * grow to MODEL_FACING_BUDGET_WITH_TEAM.
 */
export const MODEL_FACING_BUDGET = 6_000;
export const MODEL_FACING_BUDGET_WITH_TEAM = 7_500;

/**
 * The groups a person switches on for themselves beyond the everyday tools: the team's, and the day
 * from evidence (offered once a source is named) with AI agents' own time. The latter two together
 * may add EVIDENCE_GROUPS_BUDGET to what the model reads.
 */
export const OPT_IN_GROUPS: ReadonlySet<string> = new Set(['team', 'evidence', 'agents']);
export const EVIDENCE_GROUPS: ReadonlySet<string> = new Set(['evidence', 'agents']);
export const EVIDENCE_GROUPS_BUDGET = 1_500;

interface ListedPrompt {
  name: string;
  description?: string;
  arguments?: unknown;
}

/**
 * Characters of the prompt list a model may read: JSON of `{name, description, arguments}` per
 * prompt. Clients show prompts to the person (a menu, slash commands) and send the chosen one's
 * text, so this is paid only where a client also hands the list to the model.
 */
export function promptFacingChars(prompts: readonly ListedPrompt[]): number {
  return prompts.reduce((sum, prompt) => sum + JSON.stringify({ name: prompt.name, description: prompt.description, arguments: prompt.arguments }).length, 0);
}
