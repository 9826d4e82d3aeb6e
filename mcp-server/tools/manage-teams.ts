// manage_teams: a team's life as an administrator leads it (docs/tools.md, "Administration"). Every
// check the back end would answer with a bare refusal (a member added twice, a non-member or a lead
// removed, an item granted twice, a team left empty) is made here first, on the team as just read,
// and refused before anything is sent (contract/outcomes/team.ts); every change asks first, naming
// exactly what changes. One small handler per action, in one table.
import type * as z from 'zod/v4';
import type { AdminTeam, TeamAccessKind, TeamMember, TeamPerson } from '../domain/admin-teams.ts';
import { ACCESS_LISTS } from '../domain/admin-teams.ts';
import type { CatalogItem } from '../domain/records.ts';
import type { AdminTeamsPart } from '../providers/time-tracker.ts';
import { manageTeamsContract, type TeamAction } from '../contract/tools/manage-teams.ts';
import { joined, modelText, outside, type Part, say, type Sentence } from '../contract/outcomes/sentence.ts';
import type { ToolContext } from './context.ts';
import { defineTool, type ToolOutcome } from './define-tool.ts';
import { findCatalogItem, refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

type Args = z.output<(typeof manageTeamsContract)['input']>;
type Output = z.input<(typeof manageTeamsContract)['output']>;
/** One call of one action: its arguments, its context and the back end's part. */
interface TeamCall {
  args: Args;
  context: ToolContext<'admin_teams'>;
  part: AdminTeamsPart;
}
type Act = (call: TeamCall) => Promise<ToolOutcome<Output>>;

type Shown = { id: number; name: string; members?: Array<{ id: number; name: string; lead: boolean }>; access?: AdminTeam['access'] };

const shown = (team: AdminTeam): Shown => ({
  id: team.id,
  name: team.name,
  ...(team.members ? { members: team.members.map((member) => ({ id: member.id, name: member.name, lead: member.lead })) } : {}),
  ...(team.access ? { access: team.access } : {}),
});
/** A team as the text names it: its name the tracker's words, quoted (contract/outcomes/quoted-line.ts), and its number. */
const label = (team: { id: number; name: string }): Sentence => say`${outside(team.name)} (#${team.id})`;
const who = (people: readonly { id: number; name: string }[]) => listed(people.map((one) => say`${outside(one.name)} (#${one.id})`));
/** A team or an item as a refusal's facts name it: its id, and its name as it came (the refusal's words quote it). */
const named = (one: { id: number; name: string }) => ({ id: one.id, name: one.name });
/** People as a refusal's facts name them. */
const namedPeople = (people: readonly { id: number; name: string }[]) => people.map(named);
/** A question's words for the person, from the same parts as the answer's. */
const question = (strings: TemplateStringsArray, ...values: ReadonlyArray<Part | number>): string => modelText(say(strings, ...values));

/** "A", "A and B", "A, B and C". */
function listed(words: readonly Part[]): Sentence {
  return words.length <= 1 ? (words[0] === undefined ? [] : [words[0]]) : [...joined(words.slice(0, -1), ', '), ' and ', words.at(-1) as Part];
}

/** A team's name as Kimai takes it: 2 to 100 characters. */
function checkedName(name: string | undefined, action: 'create' | 'rename'): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw new ToolInputError('team_name_missing', { action });
  if (trimmed.length < 2) throw new ToolInputError('team_name_short', { length: trimmed.length });
  return trimmed;
}

/** The team a word names: by id ("4", "#4") or by its whole name in any case; else refused, naming the teams. */
async function teamNamed(part: AdminTeamsPart, text: string | undefined): Promise<AdminTeam> {
  const word = text?.trim() ?? '';
  if (word === '') throw new ToolInputError('team_not_named');
  const teams = await part.teams();
  const id = /^#?(\d{1,15})$/.exec(word);
  const found = id ? teams.find((team) => team.id === Number(id[1])) : teams.find((team) => team.name.toLowerCase() === word.toLowerCase());
  if (found) return part.read(found.id);
  const close = teams.filter((team) => team.name.toLowerCase().includes(word.toLowerCase())).slice(0, 5);
  throw new ToolInputError('team_not_found', { team: word, close: close.map(named), teams: teams.slice(0, 10).map(named) });
}

/** The people named, each once, in the order named. */
function distinct(people: readonly TeamPerson[]): TeamPerson[] {
  const seen = new Set<number>();
  return people.filter((one) => !seen.has(one.id) && seen.add(one.id));
}

/** What a question shows of a team: a change to any of it since asks again. */
const state = (team: AdminTeam) => ({
  id: team.id,
  name: team.name,
  members: team.members?.map((member) => [member.id, member.lead]),
  ...(team.outsideLead ? { outsideLead: team.outsideLead.id } : {}),
  access: team.access,
});

/** Who leads the team now: its members who lead it, and one who leads it from outside (Clockodo). */
const leadsOf = (team: AdminTeam): TeamPerson[] => [...(team.members ?? []).filter((member) => member.lead), ...(team.outsideLead ? [team.outsideLead] : [])];

function describe(team: AdminTeam): Sentence {
  const members = team.members ?? [];
  const leads = members.filter((member) => member.lead);
  const others = members.filter((member) => !member.lead);
  const access = team.access;
  const granted = access
    ? (['customer', 'project', 'activity'] as const)
        .map((kind) => {
          const items = access[ACCESS_LISTS[kind]];
          return items.length > 0
            ? [
                say`${ACCESS_LISTS[kind]}: ${joined(
                  items.map((item) => say`${outside(item.name)} (#${item.id})`),
                  ', ',
                )}`,
              ]
            : [];
        })
        .flat()
    : [];
  const leadWords = [...(leads.length > 0 ? [who(leads)] : []), ...(team.outsideLead ? [say`${who([team.outsideLead])}, not a member`] : [])];
  return joined(
    [
      say`Team ${label(team)}: ${members.length} member${members.length === 1 ? '' : 's'}.`,
      say`Lead${leadWords.length === 1 && leads.length <= 1 ? '' : 's'}: ${leadWords.length > 0 ? joined(leadWords, '; ') : 'none'}.`,
      ...(others.length > 0 ? [say`Members: ${who(others)}.`] : []),
      granted.length > 0 ? say`Access to ${joined(granted, '; ')}.` : ['Access to no customer, project or activity of its own.'],
    ],
    '\n',
  );
}

/** The catalog item `text` names (by id or whole name, archived ones too, as the catalog tools resolve them). */
function itemNamed(items: readonly CatalogItem[], kind: TeamAccessKind, text: string): CatalogItem {
  const word = text.trim();
  const exact = items.filter((item) => item.name.toLowerCase() === word.replace(/^#/, '').toLowerCase());
  if (exact.length > 1 && !/^#?\d+$/.test(word)) throw new ToolInputError('team_item_ambiguous', { kind, item: word, items: exact.map(named) });
  const found = findCatalogItem(items, word);
  if (found) return found;
  const close = items.filter((item) => item.name.toLowerCase().includes(word.toLowerCase())).slice(0, 5);
  throw new ToolInputError('team_item_not_found', { kind, item: word, close: close.map(named) });
}

/** The team a call names, as just read. */
const teamOf = (call: TeamCall) => teamNamed(call.part, call.args.team);
const answer = (call: TeamCall, team: AdminTeam, text: Sentence) => ({ data: { action: call.args.action, teams: [shown(team)] }, text });
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const list: Act = async ({ args, part }) => {
  const teams = await part.teams();
  return {
    data: { action: args.action, teams: teams.map(shown) },
    text:
      teams.length === 0
        ? ['No teams.']
        : joined(
            teams.map((team) => say`#${team.id} ${outside(team.name)}`),
            '\n',
          ),
  };
};

const show: Act = async (call) => {
  const team = await teamOf(call);
  return answer(call, team, describe(team));
};

const create: Act = async (call) => {
  const { args, context, part } = call;
  const name = checkedName(args.name ?? args.team, 'create');
  const existing = (await part.teams()).find((team) => team.name.toLowerCase() === name.toLowerCase());
  if (existing) throw new ToolInputError('team_exists', { team: named(existing) });
  const words = args.people ?? [];
  const people = await part.people([...words, ...(args.lead ? [args.lead] : [])]);
  const lead = args.lead ? people.at(-1) : undefined;
  // Nobody named: the person herself, who then leads it.
  const chosen = words.length === 0 && !lead ? [await part.me()] : distinct(people);
  const leadId = lead?.id ?? (words.length === 0 ? chosen[0]?.id : undefined);
  if (part.needsLead && leadId === undefined) throw new ToolInputError('team_needs_lead', { back_end: context.tracker.label });
  const members: TeamMember[] = chosen.map((one) => ({ ...one, lead: one.id === leadId }));
  // One team per person (Clockodo): making the team moves its members, and the question and the answer say from where.
  const moves = part.moves ? ` ${await part.moves({ name }, chosen)}` : '';
  context.ask.confirm({
    key: 'create',
    message: question`Create the team ${outside(name)} with ${listed(members.map((member) => say`${outside(member.name)} (#${member.id}${member.lead ? ', lead' : ''})`))}?${moves}`,
    shows: { name, members: members.map((member) => [member.id, member.lead]), ...(moves ? { moves } : {}) },
    unchanged: say`The team ${outside(name)} was not created`,
  });
  const created = await part.create(
    name,
    members.map((member) => ({ id: member.id, name: member.name, lead: member.lead })),
  );
  return answer(call, created, say`Created the team ${label(created)} with ${who(created.members ?? members)}.${moves}`);
};

const rename: Act = async (call) => {
  const { args, context, part } = call;
  const team = await teamOf(call);
  const name = checkedName(args.name, 'rename');
  if (name === team.name) throw new ToolInputError('team_name_same', { team: named(team) });
  const other = (await part.teams()).find((one) => one.id !== team.id && one.name.toLowerCase() === name.toLowerCase());
  if (other) throw new ToolInputError('team_name_taken', { team: named(other) });
  context.ask.confirm({
    key: 'rename',
    message: question`Rename the team ${label(team)} to ${outside(name)}?`,
    shows: { team: state(team), name },
    unchanged: say`The team ${label(team)} was not renamed`,
  });
  const renamed = await part.rename(team, name);
  return answer(call, renamed, say`Renamed the team ${outside(team.name)} (#${team.id}) to ${outside(renamed.name)}.`);
};

/** The people an add, a remove or a lead names (the lead first), each once; refused where none is named. */
async function peopleNamed({ args, part }: TeamCall, action: 'add_members' | 'remove_members' | 'set_lead'): Promise<TeamPerson[]> {
  const words = action === 'set_lead' ? [...(args.lead ? [args.lead] : []), ...(args.people ?? [])] : (args.people ?? []);
  if (words.length === 0) throw new ToolInputError('team_people_missing', { action });
  return distinct(await part.people(words));
}

/** The members among `people`, refused where any is not one. */
function membersOnly(team: AdminTeam, people: readonly TeamPerson[], action: 'remove_members' | 'set_lead'): Map<number, TeamMember> {
  const byId = new Map((team.members ?? []).map((member) => [member.id, member]));
  const strangers = people.filter((one) => !byId.has(one.id));
  if (strangers.length > 0) throw new ToolInputError('team_not_members', { team: named(team), people: namedPeople(strangers), action });
  return byId;
}

const addMembers: Act = async (call) => {
  const { context, part } = call;
  const team = await teamOf(call);
  const members = team.members ?? [];
  const people = await peopleNamed(call, 'add_members');
  const already = people.filter((one) => members.some((member) => member.id === one.id));
  if (already.length > 0) throw new ToolInputError('team_members_already', { team: named(team), people: namedPeople(already) });
  // One team per person (Clockodo): adding moves them, and the question and the answer say from where.
  const moves = part.moves ? ` ${await part.moves(team, people)}` : '';
  context.ask.confirm({
    key: 'add',
    message: question`Add ${who(people)} to the team ${label(team)}? It has ${count(members.length, 'member')} now.${moves}`,
    shows: { team: state(team), people: people.map((one) => one.id), ...(moves ? { moves } : {}) },
    unchanged: say`Nobody was added to the team ${label(team)}`,
  });
  const changed = await part.addMembers(team, people);
  return answer(
    call,
    changed,
    say`Added ${who(people)} to the team ${label(changed)}; it has ${changed.members?.length ?? members.length + people.length} members now.${moves}`,
  );
};

/** What the set_lead question says of the leads the team has: where it has one lead (Clockodo) they go, elsewhere they stay. */
function leadsNow(team: AdminTeam, oneLead: boolean): string {
  const leads = leadsOf(team);
  if (leads.length === 0) return 'Nobody leads it now.';
  const verb = leads.length === 1 ? 'leads' : 'lead';
  return oneLead
    ? question`${who(leads)} ${verb} it now and no longer will.`
    : question`${who(leads)} ${verb} it now and stay${leads.length === 1 ? 's' : ''}.`;
}

const setLead: Act = async (call) => {
  const { context, part } = call;
  const team = await teamOf(call);
  const people = await peopleNamed(call, 'set_lead');
  const byId = membersOnly(team, people, 'set_lead');
  const already = people.filter((one) => byId.get(one.id)?.lead);
  if (already.length > 0) throw new ToolInputError('team_leads_already', { team: named(team), people: namedPeople(already) });
  // The back end's own words (providers/time-tracker.ts, AdminTeamsPart.oneLead).
  if (part.oneLead && people.length > 1) throw refusedInput(part.oneLead);
  context.ask.confirm({
    key: 'lead',
    message: question`Make ${who(people)} ${part.oneLead ? 'the lead' : people.length === 1 ? 'a lead' : 'leads'} of the team ${label(team)}? ${leadsNow(team, Boolean(part.oneLead))}`,
    shows: { team: state(team), people: people.map((one) => one.id) },
    unchanged: say`Nobody was made a lead of the team ${label(team)}`,
  });
  const changed = await part.setLeads(team, people);
  return answer(call, changed, say`${who(people)} now ${people.length === 1 ? 'leads' : 'lead'} the team ${label(changed)}.`);
};

const removeMembers: Act = async (call) => {
  const { context, part } = call;
  const team = await teamOf(call);
  const people = await peopleNamed(call, 'remove_members');
  const byId = membersOnly(team, people, 'remove_members');
  const leading = people.filter((one) => byId.get(one.id)?.lead);
  // Clockify takes a lead's role over the group away with them; a back end that cannot (Kimai) refuses it.
  const leadsGo = leading.length > 0 && part.leadsLeave ? ` ${part.leadsLeave(team, leading)}` : '';
  if (leading.length > 0 && !leadsGo) {
    throw new ToolInputError('team_lead_not_removable', { team: named(team), people: namedPeople(leading), back_end: context.tracker.label });
  }
  const staying = (team.members ?? []).filter((member) => !people.some((one) => one.id === member.id));
  if (staying.length === 0 && part.keepsEmptyTeams !== true) throw new ToolInputError('team_left_empty', { team: named(team) });
  context.ask.confirm({
    key: 'remove',
    message: question`Remove ${who(people)} from the team ${label(team)}? ${staying.length === 0 ? 'Nobody stays in it.' : say`${who(staying)} stay${staying.length === 1 ? 's' : ''}.`}${leadsGo}`,
    shows: { team: state(team), people: people.map((one) => one.id) },
    unchanged: say`Nobody was removed from the team ${label(team)}`,
  });
  const changed = await part.removeMembers(team, people);
  return answer(
    call,
    changed,
    say`Removed ${who(people)} from the team ${label(changed)}; ${changed.members?.length ?? staying.length} members stay.${leadsGo}`,
  );
};

const deleteTeam: Act = async (call) => {
  const { args, context, part } = call;
  const team = await teamOf(call);
  const members = team.members ?? [];
  context.ask.confirm({
    key: 'delete',
    message: question`Delete the team ${label(team)} and its ${count(members.length, 'membership')} (${who(members.slice(0, 5))}${members.length > 5 ? ', …' : ''})? ${part.deleteNote ?? 'Their time entries stay; the access it gave them goes.'}`,
    shows: state(team),
    unchanged: say`The team ${label(team)} was not deleted`,
  });
  await part.delete(team);
  return { data: { action: args.action, teams: [], deleted: { id: team.id, name: team.name } }, text: say`Deleted the team ${label(team)}.` };
};

/** The team, and the one customer, project or activity a grant or revoke names, with whether the team has access to it now. */
async function accessNamed(call: TeamCall, action: 'grant' | 'revoke') {
  const { args, context } = call;
  const team = await teamOf(call);
  if (!args.kind || !args.item) throw new ToolInputError('team_access_unnamed', { action });
  const kind = args.kind;
  const items = (await context.tracker.catalog.catalog(true, [kind]))[ACCESS_LISTS[kind]];
  const item = itemNamed(items, kind, args.item);
  const granted = (team.access?.[ACCESS_LISTS[kind]] ?? []).some((one) => one.id === item.id);
  const facts = { team: named(team), kind, item: named(item) };
  return { team, kind, item, granted, facts, what: say`the ${kind} ${outside(item.name)} (#${item.id})` };
}

const grant: Act = async (call) => {
  const { context, part } = call;
  const { team, kind, item, granted, facts, what } = await accessNamed(call, 'grant');
  if (granted) throw new ToolInputError('team_access_already', facts);
  context.ask.confirm({
    key: 'grant',
    message: question`Give the team ${label(team)} access to ${what}? ${part.accessNotes?.grant ?? "Once any team has access to it, only those teams' members (and administrators) see it."}`,
    shows: { team: state(team), kind, item: item.id },
    unchanged: say`The team ${label(team)} was given no access`,
  });
  const changed = await part.grant(team, kind, item);
  return answer(call, changed, say`The team ${label(changed)} has access to ${what} now.`);
};

const revoke: Act = async (call) => {
  const { context, part } = call;
  const { team, kind, item, granted, facts, what } = await accessNamed(call, 'revoke');
  if (!granted) throw new ToolInputError('team_access_none', facts);
  context.ask.confirm({
    key: 'revoke',
    message: question`Take the team ${label(team)}'s access to ${what} away? ${part.accessNotes?.revoke ?? 'Its members lose it unless another team of theirs has it; with no team left on it, everyone sees it again.'}`,
    shows: { team: state(team), kind, item: item.id },
    unchanged: say`The team ${label(team)} keeps its access`,
  });
  const changed = await part.revoke(team, kind, item);
  return answer(call, changed, say`The team ${label(changed)} no longer has access to ${what}.`);
};

const ACTIONS: Record<TeamAction, Act> = {
  list,
  show,
  create,
  rename,
  add_members: addMembers,
  remove_members: removeMembers,
  set_lead: setLead,
  delete: deleteTeam,
  grant,
  revoke,
};

export default defineTool({
  ...manageTeamsContract,
  async handler(args, context) {
    const part = context.tracker.adminTeams;
    // What the back end's API cannot do at all (Clockodo's team access) is said in its own words before anything is read or sent.
    const refusal = args.action === 'list' || args.action === 'show' ? null : (part.actionRefusal?.(args.action, args.kind) ?? null);
    if (refusal) throw refusedInput(refusal);
    return ACTIONS[args.action]({ args, context, part });
  },
});
