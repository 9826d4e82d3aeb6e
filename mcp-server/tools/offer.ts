// Which tools `tools/list` shows: those the back end can serve (its capabilities, which may change
// while the server runs) and the settings let AI clients have. Free of the tools themselves and of
// zod, so the opening of a connection answers with exactly what the engine will serve.
import type { Settings } from '../contract/settings.ts';
import type { ToolName } from '../contract/tool-catalog.ts';
import { isToolEnabled, type ToolPolicyOptions } from '../contract/tool-policy.ts';
import type { Capability } from '../providers/time-tracker.ts';

export function isToolOffered(
  tool: { name: ToolName; capability: Capability },
  capabilities: ReadonlySet<Capability>,
  settings: Settings,
  options: ToolPolicyOptions,
): boolean {
  return capabilities.has(tool.capability) && isToolEnabled(tool.name, settings, options);
}
