// An AI agent's label is set by record_agent_time alone (docs/tools.md, "AI agents' own time"): a tool
// that writes a tag or a description refuses one that looks like a label, in words, before it sends
// anything, so no other call turns a person's entry into an agent's (out of her hours) or back. A tag
// `ai-…` is refused wherever tags are kept; a description `[ai:…]` only where the back end keeps the
// label there (Clockodo, Calamari): elsewhere it is only words. What looks like one is the domain's
// (domain/agents.ts): any spelling a reader takes for a label, and the look-alikes a person would.
import { looksLikeAgentPrefix, looksLikeAgentTag } from '../domain/agents.ts';
import type { TimeTracker } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import { ToolInputError } from './tool-input-error.ts';

const SET_BY = "Agent labels are set by record_agent_time alone, under the calling client's own name";

/** Refuses the first of `names` shaped like an agent's tag, naming the argument (`field`); `nothing` ends the sentence ("Nothing was changed."). */
export function refuseAgentTags(names: readonly (string | undefined)[], field: string, nothing: string): void {
  const label = names.find((name) => name !== undefined && looksLikeAgentTag(name));
  if (label === undefined) return;
  throw new ToolInputError(
    `${field}: "${quoted(label)}" is shaped like an AI agent's label: a tag that starts with ai- marks an agent's own time, which is not the person's hours. ` +
      `${SET_BY}; no other tool adds, removes or renames one. ${nothing}`,
  );
}

/** Refuses a description (or note) that starts like an agent's label where the back end keeps the label there. */
export function refuseAgentPrefix(tracker: Pick<TimeTracker, 'agentLabel' | 'label'>, text: string | undefined, field: string, nothing: string): void {
  if (tracker.agentLabel !== 'description-prefix' || text === undefined || !looksLikeAgentPrefix(text)) return;
  throw new ToolInputError(
    `${field} starts like an AI agent's label: ${tracker.label} marks an agent's own time, which is not the person's hours, with [ai:…] at the start of ` +
      `the description. ${SET_BY}; say it without [ai:…] at the start. ${nothing}`,
  );
}
