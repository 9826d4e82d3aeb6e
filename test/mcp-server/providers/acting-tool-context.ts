// A tool call's context (mcp-server/tools/context.ts) over a back end's tracker as the team server builds it for one
// person with the organisation's credential: the tool's own checks and the narrowed API under it, against a fake
// whose request log says what was sent. What the engine adds around a call (the outbox, the request budget, asking
// the person) is left out, as in test/mcp-server/tools/local-tool-context.ts.
import type * as z from 'zod/v4';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { weekPlanDays } from '../../../mcp-server/domain/work-plan.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { NO_ASKING } from '../../../mcp-server/tools/asking.ts';
import type { ToolContext } from '../../../mcp-server/tools/context.ts';
import type { ToolDefinition } from '../../../mcp-server/tools/define-tool.ts';
import { said, type SaidOutcome } from '../../support/said-outcome.ts';

export interface ActingToolRunner {
  context: ToolContext;
  /** Runs a tool as the server does: its input schema first, then the handler. */
  run: <Input extends z.ZodObject, Output extends z.ZodObject>(
    tool: ToolDefinition<Input, Output>,
    args: Record<string, unknown>,
  ) => Promise<SaidOutcome<z.input<Output>>>;
}

export function actingToolRunner(tracker: TimeTracker, now: () => number, timezone: string): ActingToolRunner {
  const settings: Settings = { ...defaultSettings(), timezone, user: { ...defaultSettings().user, name: 'Ada' } };
  const context: ToolContext = {
    tracker: tracker as ToolContext['tracker'],
    settings,
    timezone,
    now,
    log: () => {},
    workDays: async (from, to) => weekPlanDays(from, to, settings.workWeek, new Map()),
    planSource: 'settings',
    notes: [],
    organisationPolicy: null,
    settingsFile: { problem: null, notes: [] },
    ask: NO_ASKING,
    catalogListed: true,
    evidence: null,
    client: null,
  };
  return { context, run: (tool, args) => said(tool.handler(tool.input.parse(args), context)) };
}
