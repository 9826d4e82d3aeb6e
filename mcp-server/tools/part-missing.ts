// What a call of a tool hears when the back end lacks the part its capability brings (checked in the
// one tool-call path, engine/run-tool.ts, before the handler runs). A tool is offered only where its
// capability is, so this is heard by a client that calls a tool it was not offered. The words are the
// refusal `part_missing`'s (contract/outcomes/call.ts).
import { refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import type { CapabilityParts } from '../providers/time-tracker.ts';

export function partMissing(part: keyof CapabilityParts, backEnd: string): string {
  return modelText(refusalSentence({ code: 'part_missing', facts: { part, back_end: backEnd } }));
}
