// Whether a kept write may still be sent, judged by who kept it and never by which engine sends it:
// every engine on the machine sends every row of the shared outbox, and the app's own engine sees
// every tool (docs/decisions.md, "The app calls its own engine's tools"). Checked against the settings
// and the organisation's policy as they are when the write goes out. Pure.
import { switchedOff } from '../../contract/outcomes/outbox.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import type { Settings } from '../../contract/settings.ts';
import { TOOL_CATALOG } from '../../contract/tool-catalog.ts';
import { isToolEnabled, type ToolPolicyOptions } from '../../contract/tool-policy.ts';
import type { OutboxKind, OutboxOrigin } from './outbox-store.ts';

/**
 * Null where the write may go out now, else why not, in words (the outbox says it as the refusal or
 * the outcome it is part of: `outbox_write_switched_off`, `kept_write_switched_off`). A write the app's own engine kept is
 * the person's own in the tray and goes out as the tray would send it; any other engine's (an AI
 * client's, also one started with --all-tools) meets the read-only switch, the tool switches and the
 * policy that AI clients have now, so a tool switched off for them is never sent through the outbox.
 */
export function keptWriteRefusal(tool: OutboxKind, origin: OutboxOrigin, settings: Settings, organisation: ToolPolicyOptions['organisation']): string | null {
  const rules: ToolPolicyOptions = origin === 'app' ? { allTools: true } : { allTools: false, ...(organisation ? { organisation } : {}) };
  return isToolEnabled(TOOL_CATALOG[tool], settings, rules) ? null : modelText(switchedOff(tool));
}
