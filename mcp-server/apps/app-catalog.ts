// The MCP Apps Punchcard serves (the `io.modelcontextprotocol/ui` extension): which page each is,
// and which tools' answers open it. Pure data, shared by the engine (tools/list, resources) and the
// pages themselves (renderer/apps), so the two cannot disagree about a name.
import type { ToolName } from '../contract/tool-catalog.ts';

export const UI_EXTENSION = 'io.modelcontextprotocol/ui';
/** The MIME type of an app's page, as the extension names it. */
export const APP_MIME_TYPE = 'text/html;profile=mcp-app';

export type AppName = 'timer' | 'week' | 'leave' | 'suggested-day';

export interface AppEntry {
  name: AppName;
  uri: `ui://punchcard/${AppName}`;
  title: string;
  description: string;
  /** The tools whose answers the host shows in this app. */
  tools: readonly ToolName[];
  /**
   * Tools the page reads only where this client is offered them: the answers of `tools` name those
   * that are (contract/app-offers.ts), so a page asks nothing the engine would refuse every time.
   */
  readsWhereOffered?: readonly ToolName[];
}

export const APPS: readonly AppEntry[] = [
  {
    name: 'timer',
    uri: 'ui://punchcard/timer',
    title: 'Punchcard timer',
    description: 'The running timer, with its clock-out and switch buttons.',
    tools: ['timer_status', 'clock_in', 'clock_out'],
  },
  {
    name: 'week',
    uri: 'ui://punchcard/week',
    title: 'Punchcard week',
    description: "A week of time entries against each day's target, to fix, fill or delete in place.",
    tools: ['list_time_entries', 'time_report'],
    // The week's approval status: most people have no approvals (the back end has none, or the group is off).
    readsWhereOffered: ['list_timesheet_approvals'],
  },
  {
    name: 'leave',
    uri: 'ui://punchcard/leave',
    title: 'Punchcard leave planner',
    description: 'A month of working days, holidays and who is away, to choose leave days and see their cost.',
    tools: ['absence_calendar', 'leave_balance'],
  },
  {
    name: 'suggested-day',
    uri: 'ui://punchcard/suggested-day',
    title: 'Punchcard suggested day',
    description: 'A day drafted from your evidence beside what is booked, each draft accepted, changed or dropped, then booked.',
    tools: ['suggest_entries'],
  },
];

/** The app a tool's answers open, if any. */
export function appOfTool(tool: string): AppEntry | undefined {
  return APPS.find((app) => (app.tools as readonly string[]).includes(tool));
}

export function appOfUri(uri: string): AppEntry | undefined {
  return APPS.find((app) => app.uri === uri);
}

/**
 * Whether declared client capabilities include the UI extension with HTML pages: the extension
 * under `extensions`, and, where it lists the MIME types it renders, ours among them.
 */
export function declaresApps(capabilities: unknown): boolean {
  if (!isRecord(capabilities) || !isRecord(capabilities.extensions)) return false;
  const ui = capabilities.extensions[UI_EXTENSION];
  if (!isRecord(ui)) return false;
  return ui.mimeTypes === undefined || (Array.isArray(ui.mimeTypes) && ui.mimeTypes.includes(APP_MIME_TYPE));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
