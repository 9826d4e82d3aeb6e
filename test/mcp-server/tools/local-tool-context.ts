// A tool call's context (mcp-server/tools/context.ts) over the real local timesheet in a temporary
// folder, with a clock that stands still and a zone of its own: a handler's outcome can then be read
// back from the timesheet itself. What the engine adds around a call (the outbox, the request budget,
// asking the person) is left out; the e2e tests cover it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import type { EvidenceReader } from '../../../mcp-server/evidence/evidence.ts';
import type { ClientIdentity } from '../../../mcp-server/domain/agents.ts';
import { weekPlanDays } from '../../../mcp-server/domain/work-plan.ts';
import { createTracker } from '../../../mcp-server/providers/create-tracker.ts';
import type { TimeTracker } from '../../../mcp-server/providers/time-tracker.ts';
import { NO_ASKING } from '../../../mcp-server/tools/asking.ts';
import type { ToolContext } from '../../../mcp-server/tools/context.ts';
import type { ToolDefinition } from '../../../mcp-server/tools/define-tool.ts';
import { said, type SaidOutcome } from '../../support/said-outcome.ts';
import type * as z from 'zod/v4';
import { closeAfterEach } from '../../support/close-after-each.ts';

export interface LocalToolContext {
  context: ToolContext;
  tracker: TimeTracker;
  /** What the handler logged. */
  logged: string[];
  /** Runs a tool as the server does: its input schema first, then the handler. */
  run: <Input extends z.ZodObject, Output extends z.ZodObject>(
    tool: ToolDefinition<Input, Output>,
    args: Record<string, unknown>,
  ) => Promise<SaidOutcome<z.input<Output>>>;
  close: () => void;
}

export interface LocalToolOptions {
  /** The clock: an instant that stands still, or one the test moves (a timer clocked in, and out hours later). */
  now: number | (() => number);
  timezone: string;
  settings?: (settings: Settings) => Settings;
  evidence?: EvidenceReader;
  /** The MCP client making the calls (record_agent_time's agent); none by default. */
  client?: ClientIdentity | null;
}

/**
 * A test file's timesheets: called at the top of the file, it returns the opener of a fresh timesheet at the
 * clock and zone given (a call may add settings, evidence or a client), and closes every one a test opened
 * after that test.
 */
export function useLocalTimesheet(clock: Pick<LocalToolOptions, 'now' | 'timezone'>) {
  const opened = closeAfterEach();
  return async (more: Omit<LocalToolOptions, 'now' | 'timezone'> = {}) => opened(await localToolContext({ ...clock, ...more }));
}

export async function localToolContext(options: LocalToolOptions): Promise<LocalToolContext> {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-tool-'));
  const base: Settings = { ...defaultSettings(), timezone: options.timezone, user: { ...defaultSettings().user, name: 'Ada' } };
  const settings = options.settings ? options.settings(base) : base;
  const logged: string[] = [];
  const log = (message: string) => void logged.push(message);
  const { now: clock } = options;
  const now = typeof clock === 'function' ? clock : () => clock;
  const tracker = await createTracker({
    profile: settings.provider,
    userDataDir: dir,
    personName: () => settings.user.name,
    workWeek: () => settings.workWeek,
    holidays: async () => new Map(),
    timezone: () => settings.timezone,
    now,
    log,
  });
  const context: ToolContext = {
    tracker,
    settings,
    timezone: options.timezone,
    now,
    log,
    // No holiday region in these settings: the work week alone says which days are worked.
    workDays: async (from, to) => weekPlanDays(from, to, settings.workWeek, new Map()),
    planSource: 'settings',
    notes: [],
    organisationPolicy: null,
    settingsFile: { problem: null, notes: [] },
    ask: NO_ASKING,
    catalogListed: true,
    evidence: options.evidence ?? null,
    client: options.client ?? null,
  };
  return {
    context,
    tracker,
    logged,
    run: (tool, args) => said(tool.handler(tool.input.parse(args), context)),
    close: () => {
      tracker.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
