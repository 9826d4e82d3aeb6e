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

/** The budget for what the model reads, for every tool there will be (docs/decisions.md, "Tool list budget"). */
export const MODEL_FACING_BUDGET = 6_000;
