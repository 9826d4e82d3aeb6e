// Which tools an AI client sees. Pure, so the settings window can show the same answer the engine
// acts on.
import type { Settings } from './settings.ts';
import { isDefaultEnabled, TOOL_CATALOG, type ToolName } from './tool-catalog.ts';

export interface ToolPolicyOptions {
  /**
   * The app's own engine sees every tool, whatever the AI-facing switches say (docs/decisions.md,
   * "The app calls its own engine's tools").
   */
  allTools: boolean;
  /**
   * What the organisation's policy lets AI clients have (mcp-server/policy): `whoami` alone, or
   * the tools `allows` accepts. The settings can only narrow this further.
   */
  organisation?: { whoamiOnly: boolean; allows: (name: ToolName) => boolean };
}

export function isToolEnabled(name: ToolName, settings: Settings, options: ToolPolicyOptions): boolean {
  if (options.allTools) return true;
  if (options.organisation?.whoamiOnly) return name === 'whoami';
  if (options.organisation && !options.organisation.allows(name)) return false;
  const entry = TOOL_CATALOG[name];
  if (settings.tools.readOnly && entry.access !== 'read') return false;
  return settings.tools.enabled[name] ?? settings.tools.groups[entry.group] ?? isDefaultEnabled(name);
}
