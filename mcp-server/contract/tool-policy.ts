// Which tools an AI client sees. Pure, so the settings window can show the same answer the engine
// acts on; free of zod and of the definitions, so the opening of a stdio connection decides with the
// group and access the build captured (a tool's definition or its TOOL_CATALOG entry elsewhere).
import { evidenceSourcesOn } from './evidence-sources.ts';
import type { Settings } from './settings.ts';
import { isDefaultEnabled, type ToolCatalogEntry } from './tool-groups.ts';
import type { ToolName } from './tools/index.ts';

/** What the switches and the policy decide a tool by. */
export type CatalogedTool = ToolCatalogEntry<ToolName>;

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
  organisation?: { whoamiOnly: boolean; allows: (tool: CatalogedTool) => boolean };
}

export function isToolEnabled(tool: CatalogedTool, settings: Settings, options: ToolPolicyOptions): boolean {
  if (options.allTools) return true;
  // The evidence tools have nothing to read until the person names a source: no AI client is offered them before.
  if (tool.group === 'evidence' && evidenceSourcesOn(settings.evidence).length === 0) return false;
  if (options.organisation?.whoamiOnly) return tool.name === 'whoami';
  if (options.organisation && !options.organisation.allows(tool)) return false;
  if (settings.tools.readOnly && tool.access !== 'read') return false;
  return settings.tools.enabled[tool.name] ?? settings.tools.groups[tool.group] ?? isDefaultEnabled(tool);
}
