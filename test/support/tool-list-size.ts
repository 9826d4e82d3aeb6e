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
 * grow to MODEL_FACING_BUDGET_WITH_TEAM. Raised from 6,000 by what the `fields` argument of the tools
 * that write entries costs there (issue 78 allowed it 300 characters over all six tools: FIELDS_ARGUMENT_BUDGET),
 * and from 6,100 by working_time, the one tool issue 92 adds to the everyday list.
 */
export const MODEL_FACING_BUDGET = 6_400;
/** Raised from 7,500 by working_time too: it is in the everyday list the team group adds to. */
export const MODEL_FACING_BUDGET_WITH_TEAM = 7_800;

/**
 * The day from evidence (offered once a source is named) and AI agents' own time (off by default),
 * measured apart from the budgets above: their tools, with the arguments they added to tools of other
 * groups (EVIDENCE_GROUP_ARGUMENTS), add at most EVIDENCE_GROUPS_BUDGET characters to what the model reads.
 * Raised from 1,500, which they filled to a character, when suggest_entries came to tell the model that
 * the titles and subjects it quotes are data, not instructions (48 characters; issue 64); from 1,550 by the
 * `fields` argument of record_agent_time and book_suggested_entries' drafts (issue 78).
 */
export const EVIDENCE_GROUPS: ReadonlySet<string> = new Set(['evidence', 'agents']);
export const EVIDENCE_GROUP_ARGUMENTS: Readonly<Record<string, readonly string[]>> = { time_report: ['include_agents'] };
export const EVIDENCE_GROUPS_BUDGET = 1_610;

/**
 * The custom fields a company requires on entries (issue 78): the one `fields` argument of log_time, clock_in,
 * clock_out, update_time_entry, record_agent_time and book_suggested_entries (in each of its drafts) may add at
 * most this much to what the model reads, all six together. The budgets above were raised by its share.
 */
export const FIELDS_ARGUMENT_BUDGET = 300;
export const FIELDS_ARGUMENT_TOOLS: Readonly<Record<string, 'top' | 'entries'>> = {
  log_time: 'top',
  clock_in: 'top',
  clock_out: 'top',
  update_time_entry: 'top',
  record_agent_time: 'top',
  book_suggested_entries: 'entries',
};

/** Characters the `fields` argument adds to what the model reads, over the tools that take it. */
export function fieldsArgumentChars(tools: readonly ListedTool[]): number {
  const listed = tools.filter((tool) => FIELDS_ARGUMENT_TOOLS[tool.name] !== undefined);
  return modelFacingChars(listed) - modelFacingChars(listed.map(withoutFields));
}

function withoutFields<Tool extends ListedTool>(tool: Tool): Tool {
  if (FIELDS_ARGUMENT_TOOLS[tool.name] === 'top') return withoutArguments(tool, ['fields']);
  const schema = tool.inputSchema as { properties?: Record<string, { items?: { properties?: Record<string, unknown> } }> };
  const entries = schema.properties?.entries;
  if (!entries?.items?.properties) return tool;
  const { fields: _fields, ...kept } = entries.items.properties;
  return { ...tool, inputSchema: { ...schema, properties: { ...schema.properties, entries: { ...entries, items: { ...entries.items, properties: kept } } } } };
}

/** The tools without what the evidence and agents groups added: their tools, and their arguments of other tools. */
export function withoutEvidenceGroups<Tool extends ListedTool>(tools: readonly Tool[], groupOf: (name: string) => string): Tool[] {
  return tools.filter((tool) => !EVIDENCE_GROUPS.has(groupOf(tool.name))).map((tool) => withoutArguments(tool, EVIDENCE_GROUP_ARGUMENTS[tool.name] ?? []));
}

/** Characters the evidence and agents groups add to what the model reads: their tools, and their arguments of other tools. */
export function evidenceGroupsChars(tools: readonly ListedTool[], groupOf: (name: string) => string): number {
  return modelFacingChars(tools) - modelFacingChars(withoutEvidenceGroups(tools, groupOf));
}

/**
 * The admin group (off by default, offered only to a person the back end says may administer
 * something; docs/decisions.md, "The admin group"), measured apart from the budgets above: its tools
 * add at most ADMIN_GROUP_BUDGET characters to what the model reads.
 */
export const ADMIN_GROUP = 'admin';
export const ADMIN_GROUP_BUDGET = 4_100;

/**
 * The approvals group (off by default, offered where the back end has an approval workflow;
 * docs/decisions.md, "The approvals group"), measured apart as the admin group is: its four tools add
 * at most APPROVALS_GROUP_BUDGET characters to what the model reads.
 */
export const APPROVALS_GROUP = 'approvals';
export const APPROVALS_GROUP_BUDGET = 2_000;

function withoutArguments<Tool extends ListedTool>(tool: Tool, names: readonly string[]): Tool {
  if (names.length === 0) return tool;
  const schema = tool.inputSchema as { properties?: Record<string, unknown> };
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !names.includes(name)));
  return { ...tool, inputSchema: { ...schema, properties } };
}

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
