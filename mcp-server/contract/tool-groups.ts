// The words a tool's definition files it under (contract/tools/): its group and what it does to data,
// and which of them a fresh settings file switches on. Free of zod and of the tools themselves: the
// opening of a stdio connection decides tools/list with these and the build's captured list alone.

export const TOOL_GROUPS = [
  'timer',
  'entries',
  'reports',
  'catalog',
  'leave',
  'calendar',
  'account',
  'team',
  'admin',
  'evidence',
  'agents',
  'approvals',
] as const;
export type ToolGroup = (typeof TOOL_GROUPS)[number];

/**
 * - `read`: only reads.
 * - `create`: adds new records or stops the running timer; on by default.
 * - `change`: edits, archives or deletes existing records; off by default (docs/decisions.md,
 *   "Tools on by default").
 */
export type ToolAccess = 'read' | 'create' | 'change';

/** What the switches and the policy read of a tool: every definition carries it, and so does each tool the build captured for the opening. */
export interface ToolCatalogEntry<Name extends string = string> {
  readonly name: Name;
  readonly group: ToolGroup;
  readonly access: ToolAccess;
}

/**
 * Groups a fresh settings file leaves off, reads included: the team group reads colleagues' hours
 * and leave, which a person switches on for themselves (docs/decisions.md, "The team group"); the
 * agents group lets an AI client book time as its own, which the person decides to allow; the admin
 * group administers what the back end lets the person administer (docs/decisions.md, "The admin group"); the
 * approvals group submits a person's timesheet and decides colleagues', which a company that closes its
 * weeks this way switches on (docs/decisions.md, "The approvals group").
 */
export const GROUPS_OFF_BY_DEFAULT: ReadonlySet<ToolGroup> = new Set(['team', 'admin', 'agents', 'approvals']);

export function isDefaultEnabled(tool: Pick<ToolCatalogEntry, 'group' | 'access'>): boolean {
  return tool.access !== 'change' && !GROUPS_OFF_BY_DEFAULT.has(tool.group);
}
