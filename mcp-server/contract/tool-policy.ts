// Which tools an AI client sees. Pure, so the settings window can show the same answer the engine
// acts on; free of zod and of the definitions, so the opening of a stdio connection decides with the
// group and access the build captured (a tool's definition or its TOOL_CATALOG entry elsewhere).
import { type EvidenceSource, evidenceSourcesOn } from './evidence-sources.ts';
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
  /**
   * The evidence the host reads without the person's settings naming it (evidence/evidence.ts,
   * EvidenceReader.hosted): the team server's company calendar offers the evidence tools on its own.
   */
  hostedEvidence?: readonly EvidenceSource[];
}

/**
 * Why the switches or the policy keep a tool from AI clients, in the order they decide it; null where
 * they let it through. A withheld tool called by name says which (tools/offer.ts, whyNotOffered).
 */
export type SwitchedOff = 'no_evidence_source' | 'policy_whoami_only' | 'policy' | 'read_only' | 'settings';

/**
 * Why a tool is not offered: the back end cannot serve it for this person (`back_end`), or could for
 * another role there and the person's own role, as the back end named it, does not reach it (`role`:
 * TimeTracker's roleLacks), or cannot through the organisation's credential the team server acts for
 * them with (`organisation_account`: providers/acting-for.ts), or the switches or the policy keep it.
 */
export type NotOffered = 'back_end' | 'role' | 'organisation_account' | SwitchedOff;

export function whySwitchedOff(tool: CatalogedTool, settings: Settings, options: ToolPolicyOptions): SwitchedOff | null {
  if (options.allTools) return null;
  // The evidence tools have nothing to read until the person names a source: no AI client is offered them before.
  if (tool.group === 'evidence' && evidenceSourcesOn(settings.evidence, options.hostedEvidence).length === 0) return 'no_evidence_source';
  if (options.organisation?.whoamiOnly) return tool.name === 'whoami' ? null : 'policy_whoami_only';
  if (options.organisation && !options.organisation.allows(tool)) return 'policy';
  if (settings.tools.readOnly && tool.access !== 'read') return 'read_only';
  return (settings.tools.enabled[tool.name] ?? settings.tools.groups[tool.group] ?? isDefaultEnabled(tool)) ? null : 'settings';
}

export function isToolEnabled(tool: CatalogedTool, settings: Settings, options: ToolPolicyOptions): boolean {
  return whySwitchedOff(tool, settings, options) === null;
}
