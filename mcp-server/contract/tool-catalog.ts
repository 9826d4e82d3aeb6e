// What the settings window and the engine both need to know about each tool, without loading the
// tools themselves: its group, whether it writes, and whether a fresh settings file enables it.

export const TOOL_GROUPS = ['timer', 'entries', 'reports', 'catalog', 'leave', 'calendar', 'account', 'team'] as const;
export type ToolGroup = (typeof TOOL_GROUPS)[number];

/**
 * - `read`: only reads.
 * - `create`: adds new records or stops the running timer; on by default.
 * - `change`: edits, archives or deletes existing records; off by default (docs/decisions.md,
 *   "Tools on by default").
 */
export type ToolAccess = 'read' | 'create' | 'change';

export interface ToolCatalogEntry {
  readonly group: ToolGroup;
  readonly access: ToolAccess;
}

export const TOOL_CATALOG = {
  clock_in: { group: 'timer', access: 'create' },
  clock_out: { group: 'timer', access: 'create' },
  timer_status: { group: 'timer', access: 'read' },
  start_break: { group: 'timer', access: 'create' },
  end_break: { group: 'timer', access: 'create' },
  list_time_entries: { group: 'entries', access: 'read' },
  log_time: { group: 'entries', access: 'create' },
  update_time_entry: { group: 'entries', access: 'change' },
  delete_time_entry: { group: 'entries', access: 'change' },
  time_report: { group: 'reports', access: 'read' },
  list_catalog: { group: 'catalog', access: 'read' },
  create_catalog_item: { group: 'catalog', access: 'create' },
  archive_catalog_item: { group: 'catalog', access: 'change' },
  request_leave: { group: 'leave', access: 'create' },
  list_leave_requests: { group: 'leave', access: 'read' },
  cancel_leave_request: { group: 'leave', access: 'change' },
  leave_balance: { group: 'leave', access: 'read' },
  absence_calendar: { group: 'calendar', access: 'read' },
  whoami: { group: 'account', access: 'read' },
  team_report: { group: 'team', access: 'read' },
  project_status: { group: 'team', access: 'read' },
  list_pending_leave: { group: 'team', access: 'read' },
  decide_leave_request: { group: 'team', access: 'change' },
} as const satisfies Record<string, ToolCatalogEntry>;

export type ToolName = keyof typeof TOOL_CATALOG;
export const TOOL_NAMES = Object.keys(TOOL_CATALOG) as [ToolName, ...ToolName[]];

/**
 * Groups a fresh settings file leaves off, reads included: the team group reads colleagues' hours
 * and leave, which a person switches on for themselves (docs/decisions.md, "The team group").
 */
export const GROUPS_OFF_BY_DEFAULT: ReadonlySet<ToolGroup> = new Set(['team']);

export function isDefaultEnabled(name: ToolName): boolean {
  const entry: ToolCatalogEntry = TOOL_CATALOG[name];
  return entry.access !== 'change' && !GROUPS_OFF_BY_DEFAULT.has(entry.group);
}
