// What a call of a tool hears when the back end lacks the part its capability brings (checked in the
// one tool-call path, engine/run-tool.ts, before the handler runs). A tool is offered only where its
// capability is, so this is heard by a client that calls a tool it was not offered.
import type { CapabilityParts } from '../providers/time-tracker.ts';

const WORDS: { [C in keyof CapabilityParts]: (backEnd: string) => string } = {
  breaks: (backEnd) => `${backEnd} has no breaks.`,
  team_hours: (backEnd) => `${backEnd} shows Punchcard nobody's time but yours.`,
  team_projects: (backEnd) => `${backEnd} shows Punchcard no project's hours but your own.`,
  team_leave: (backEnd) => `${backEnd} leaves nobody's leave to your decision through Punchcard.`,
  admin_tags: (backEnd) => `${backEnd} lets you administer no tags through Punchcard.`,
  admin_invoices: (backEnd) => `${backEnd} shows you no invoices through Punchcard.`,
  admin_corrections: (backEnd) => `${backEnd} lets you correct nobody's time entries through Punchcard.`,
  admin_rates: (backEnd) => `${backEnd} lets you administer no rates through Punchcard.`,
  admin_teams: (backEnd) => `${backEnd} lets you administer no teams through Punchcard.`,
  admin_catalog: (backEnd) => `${backEnd} lets you change no catalog item through Punchcard.`,
  admin_people: (backEnd) => `${backEnd} lets you administer nobody's account through Punchcard.`,
};

export function partMissing(part: keyof CapabilityParts, backEnd: string): string {
  return WORDS[part](backEnd);
}
