// Which tools `tools/list` shows: those the back end can serve (its capabilities, which may change
// while the server runs) and the settings and the organisation's policy let AI clients have. Free of
// the tools themselves and of zod, so the opening of a stdio connection (stdio/serve.ts) and the engine
// decide with the same two functions, and the opening answers with exactly what the engine will serve.
import type { BackEndProfile } from '../contract/back-ends.ts';
import type { Settings } from '../contract/settings.ts';
import type { CatalogedTool, NotOffered, ToolPolicyOptions } from '../contract/tool-policy.ts';
import { isToolEnabled, whySwitchedOff } from '../contract/tool-policy.ts';
import { isRestrictive, organisationRules, type Policy } from '../policy/policy.ts';
import type { Capability } from '../providers/time-tracker.ts';

export function isToolOffered(
  tool: CatalogedTool & { capability: Capability },
  capabilities: ReadonlySet<Capability>,
  settings: Settings,
  options: ToolPolicyOptions,
): boolean {
  return capabilities.has(tool.capability) && isToolEnabled(tool, settings, options);
}

/**
 * Why a tool is not offered (contract/tool-policy.ts, NotOffered), for a client that calls it by name
 * all the same. Null exactly where isToolOffered is true.
 */
export function whyNotOffered(
  tool: CatalogedTool & { capability: Capability },
  capabilities: ReadonlySet<Capability>,
  settings: Settings,
  options: ToolPolicyOptions,
  /** The back end acts for the person with the organisation's credential (the team server under one organisation credential). */
  actsThroughOrganisation: boolean,
): NotOffered | null {
  const switchedOff = whySwitchedOff(tool, settings, options);
  // A policy that leaves AI clients only whoami is the reason whatever else is true (whoami says why).
  if (switchedOff === 'policy_whoami_only') return switchedOff;
  // Then the back end: what the person cannot have here is not said to be a switch they could turn.
  if (!capabilities.has(tool.capability)) return actsThroughOrganisation ? 'organisation_account' : 'back_end';
  return switchedOff;
}

/** How the engine was started: `--all-tools`, and whether it proved to be the app's own (policy/app-engine-proof.ts). */
export interface ToolStart {
  allTools: boolean;
  appEngine: boolean;
}

/**
 * The switches' options under the organisation's policy for one back end. Only the app's own engine
 * may see every tool once a policy exists: --all-tools in an AI client's entry does not get past it.
 */
export function toolOptionsFor(start: ToolStart, policy: Policy, profile: BackEndProfile): ToolPolicyOptions {
  return { allTools: start.allTools && (start.appEngine || !isRestrictive(policy)), organisation: organisationRules(policy, profile) };
}
