// Refusals around an AI agent's own time (docs/tools.md, "AI agents' own time"): a tag or a description
// shaped like an agent's label, which record_agent_time alone sets (tools/agent-labels.ts), and
// record_agent_time's own: a client without a usable name, no description, no project.
import { argumentAsSubject, argumentNamed } from './input.ts';
import { either, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** What a refused call did not do, as its refusal ends: "Nothing was sent." */
export type NotDone = 'sent' | 'changed' | 'created' | 'booked';

const SET_BY = say`Agent labels are set by ${either('record_agent_time', 'recording agent time')} alone, under the calling client's own name`;

export const agentsRefusals = refusalFamily({
  /** A tag that starts with ai-, which marks an agent's own time, given to a tool other than record_agent_time. */
  agent_tag_refused: {
    kind: 'input',
    say: (facts: {
      /** The argument it was given as. */
      field: string;
      /** The tag as the refusal quotes it: one line, at most 80 characters. */
      tag: string;
      not_done: NotDone;
    }) =>
      say`${argumentNamed(facts.field)}${outside(facts.tag)} is shaped like an AI agent's label: a tag that starts with ai- marks an agent's own time, which is not the person's hours. ${SET_BY}; no other tool adds, removes or renames one. Nothing was ${facts.not_done}.`,
    example: { field: 'name', tag: 'ai-claude', not_done: 'created' },
  },
  /** A description (or note) that starts like an agent's label, where the back end keeps the label there (Clockodo, Calamari). */
  agent_prefix_refused: {
    kind: 'input',
    say: (facts: { field: string; back_end: string; not_done: NotDone }) =>
      say`${argumentAsSubject(facts.field)} starts like an AI agent's label: ${facts.back_end} marks an agent's own time, which is not the person's hours, with [ai:…] at the start of the description. ${SET_BY}; say it without [ai:…] at the start. Nothing was ${facts.not_done}.`,
    example: { field: 'description', back_end: 'Clockodo', not_done: 'sent' },
  },
  /** record_agent_time from a client that gave no name (clientInfo.name): agent time is recorded under it. */
  agent_client_unnamed: {
    kind: 'input',
    say: () =>
      say`This client did not say its name${either(' (clientInfo.name)', '')}, and agent time is recorded under the client's name; nothing was recorded.`,
    example: {},
  },
  /** record_agent_time from a client whose name has nothing to label entries with. */
  agent_client_name_unusable: {
    kind: 'input',
    say: (facts: { name: string }) => say`The client's name ${outside(facts.name)} has no letter or digit to label entries with; nothing was recorded.`,
    example: { name: '***' },
  },
  /** record_agent_time with an empty description. */
  agent_description_missing: {
    kind: 'input',
    say: () => say`${either('description: ', 'Description: ')}say what the agent did; agent time is recorded with a description.`,
    example: {},
  },
  /** record_agent_time with an empty project. */
  agent_project_missing: {
    kind: 'input',
    say: () => say`${either('project: ', 'Project: ')}name the project the agent worked on${either(' (list_catalog lists them)', '')}.`,
    example: {},
  },
});
