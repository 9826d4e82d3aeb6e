// An AI agent's label is set by record_agent_time alone (docs/tools.md, "AI agents' own time"): a tool
// that writes a tag or a description refuses one that looks like a label, in words, before it sends
// anything, so no other call turns a person's entry into an agent's (out of her hours) or back. A tag
// `ai-…` is refused wherever tags are kept; a description `[ai:…]` only where the back end keeps the
// label there (Clockodo, Calamari): elsewhere it is only words. What looks like one is the domain's
// (domain/agents.ts): any spelling a reader takes for a label, and the look-alikes a person would.
import type { NotDone } from '../contract/outcomes/agents.ts';
import { looksLikeAgentPrefix, looksLikeAgentTag } from '../domain/agents.ts';
import type { TimeTracker } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import { ToolInputError } from './tool-input-error.ts';

/** How the refusal ends, as the caller says it ("Nothing was changed."): the refusal's facts keep what was not done. */
export type NothingDone = `Nothing was ${NotDone}.`;

function notDone(nothing: NothingDone): NotDone {
  return nothing.slice('Nothing was '.length, -1) as NotDone;
}

/** Refuses the first of `names` shaped like an agent's tag, naming the argument (`field`); `nothing` ends the sentence ("Nothing was changed."). */
export function refuseAgentTags(names: readonly (string | undefined)[], field: string, nothing: NothingDone): void {
  const label = names.find((name) => name !== undefined && looksLikeAgentTag(name));
  if (label === undefined) return;
  throw new ToolInputError('agent_tag_refused', { field, tag: quoted(label), not_done: notDone(nothing) });
}

/** Refuses a description (or note) that starts like an agent's label where the back end keeps the label there. */
export function refuseAgentPrefix(tracker: Pick<TimeTracker, 'agentLabel' | 'label'>, text: string | undefined, field: string, nothing: NothingDone): void {
  if (tracker.agentLabel !== 'description-prefix' || text === undefined || !looksLikeAgentPrefix(text)) return;
  throw new ToolInputError('agent_prefix_refused', { field, back_end: tracker.label, not_done: notDone(nothing) });
}
