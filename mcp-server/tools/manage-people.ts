import type { AdminPerson, PersonChanges } from '../domain/admin-people.ts';
import { isEmail, normalizeEmail } from '../contract/back-end-accounts.ts';
import { managePeopleContract } from '../contract/tools/manage-people.ts';
import type { AdminPeoplePart } from '../providers/time-tracker.ts';
import { quoted } from './asking.ts';
import type { ToolContext } from './context.ts';
import { joined, modelText, outside, outsideOr, say, type Sentence } from '../contract/outcomes/sentence.ts';
import { defineTool } from './define-tool.ts';
import { refusedInput } from './shared.ts';
import { ToolInputError } from './tool-input-error.ts';

/** The longest value each text argument may have: Kimai's own limits (an e-mail 180, a name 150), and room for an e-mail or name as person. */
const FIELD_LIMITS = { person: 200, name: 150, email: 180, role: 60 } as const;
/** Whom or what a role manages, at most. */
const MAX_MANAGES = 50;

/** The limits the input schema does not advertise (the contract says why), refused in words before anything is sent. */
function checkLimits(args: Partial<Record<keyof typeof FIELD_LIMITS, string>> & { manages?: string[] | undefined; page?: number | undefined }): void {
  for (const [field, limit] of Object.entries(FIELD_LIMITS) as Array<[keyof typeof FIELD_LIMITS, number]>) {
    const value = args[field];
    if (value !== undefined && value.length > limit) throw new ToolInputError('person_field_too_long', { field, limit });
  }
  if (args.manages !== undefined && args.manages.length > MAX_MANAGES) throw new ToolInputError('person_manages_too_many', { limit: MAX_MANAGES });
  if (args.page !== undefined && (args.page < 1 || args.page > 10_000)) throw new ToolInputError('people_page_out_of_range', { page: args.page });
}

const shown = (person: AdminPerson) => ({ ...person, teams: [...person.teams] });
/** A person as the tracker names them: their name, e-mail address and role its words, quoted (contract/outcomes/quoted-line.ts). */
const label = (person: AdminPerson): Sentence => say`${outside(person.name)}${person.email ? say` <${outside(person.email)}>` : ''} (#${person.id})`;
/** The label as a question shows it to the person. */
const labelAsked = (person: AdminPerson) => modelText(label(person));
const line = (person: AdminPerson): Sentence =>
  say`#${person.id} ${outside(person.name)}${person.email ? say` <${outside(person.email)}>` : ''}${person.role ? say`, ${outside(person.role)}` : ''}${person.active ? '' : ' (inactive)'}${
    person.teams.length ? say`; teams: ${joined(person.teams.map(outside), ', ')}` : ''
  }`;

export default defineTool({
  ...managePeopleContract,
  async handler(args, context) {
    const part = context.tracker.adminPeople;
    const { action } = args;
    checkLimits(args);
    if (action === 'list') {
      const found = await part.people(args.include_inactive === true, args.page ?? 1);
      const { people, page, totalPages, total } = found;
      const more = page < totalPages ? ` Page ${page} of ${totalPages}; ask for page ${page + 1} for more.` : '';
      const count = total === null ? 'People' : `${total} ${total === 1 ? 'person' : 'people'}`;
      return {
        data: { action, people: people.map(shown), page, total_pages: totalPages, ...(total === null ? {} : { total }) },
        text:
          people.length === 0 && page === 1 ? ['Nobody.'] : joined([`${count}${args.include_inactive ? '' : ' (active)'}.${more}`, ...people.map(line)], '\n'),
      };
    }
    if (action === 'show') {
      const person = await part.person(required(args.person, 'show'));
      return { data: { action, people: [shown(person)] }, text: line(person) };
    }
    // Every write: what the back end cannot do at all is said before anything is sent, then the arguments are checked.
    const asked = Object.fromEntries(
      Object.entries({ role: args.role, manages: args.manages, name: args.name, email: args.email }).filter(([, value]) => value !== undefined),
    );
    // The back end's own words (providers/time-tracker.ts, AdminPeoplePart).
    const refusal = part.peopleWriteRefusal(action, asked);
    if (refusal) throw refusedInput(refusal);
    if (args.manages !== undefined && part.managesRefusal) throw refusedInput(part.managesRefusal);
    if (action === 'invite') return invite(part, args, context);
    const person = await part.person(required(args.person, action));
    const refusedFor = part.personRefusal?.(action, person);
    if (refusedFor) throw refusedInput(refusedFor);
    if (action === 'update') return update(part, person, args, context);
    const active = action === 'reactivate';
    if (!active && person.id === (await part.selfId())) throw new ToolInputError('person_deactivate_self');
    if (person.active === active) {
      return { data: { action, people: [shown(person)] }, text: say`${label(person)} is ${active ? 'active' : 'inactive'} already. Nothing was changed.` };
    }
    context.ask.confirm({
      key: action,
      message: active
        ? `Reactivate ${labelAsked(person)}, so they can sign in again?`
        : `Deactivate ${labelAsked(person)}? They can no longer sign in; their time stays.`,
      shows: { id: person.id, active },
      unchanged: say`${label(person)} was not ${active ? 'reactivated' : 'deactivated'}`,
    });
    const changed = await part.setActive(person, active);
    return { data: { action, people: [shown(changed)], before: shown(person) }, text: say`${active ? 'Reactivated' : 'Deactivated'} ${label(changed)}.` };
  },
});

type Args = { name?: string | undefined; email?: string | undefined; role?: string | undefined; manages?: string[] | undefined };
type Context = ToolContext<'admin_people'>;

function required(value: string | undefined, action: 'show' | 'update' | 'deactivate' | 'reactivate'): string {
  if (value === undefined || value.trim() === '') throw new ToolInputError('person_not_named', { action });
  return value.trim();
}

function checkedEmail(email: string): string {
  const trimmed = email.trim();
  if (!isEmail(trimmed)) throw new ToolInputError('person_email_invalid', { email: trimmed });
  return trimmed;
}

/** The back end's own role word, in any case; anything else is refused naming the words it takes. */
function checkedRole(part: AdminPeoplePart, role: string): string {
  const found = part.roleWords.find((word) => word.toLowerCase() === role.trim().toLowerCase());
  if (found) return found;
  if (part.roleWords.length === 0) throw new ToolInputError('person_role_none');
  throw new ToolInputError('person_role_unknown', { role: role.trim(), roles: [...part.roleWords] });
}

async function invite(part: AdminPeoplePart, args: Args, context: Context) {
  const name = args.name?.trim() ?? '';
  if (name === '' || args.email === undefined) throw new ToolInputError('person_invite_incomplete');
  const email = checkedEmail(args.email);
  const role = args.role === undefined ? undefined : checkedRole(part, args.role);
  context.ask.confirm({
    key: 'invite',
    message: `Invite "${quoted(name)}" <${email}>${role ? ` as ${role}` : ''}? ${part.inviteQuestion ?? 'They get an account that can sign in.'}`,
    shows: { name, email, role: role ?? null },
    unchanged: say`${outside(name)} was not invited`,
  });
  const made = await part.invite({ name, email, ...(role ? { role } : {}) });
  return { data: { action: 'invite' as const, people: [shown(made)] }, text: say`Invited ${label(made)}. ${part.inviteNote}` };
}

async function update(part: AdminPeoplePart, person: AdminPerson, args: Args, context: Context) {
  const changes: PersonChanges = {};
  const name = args.name?.trim();
  if (name !== undefined && name !== '' && name !== person.name) changes.name = name;
  if (args.email !== undefined) {
    const email = checkedEmail(args.email);
    if (normalizeEmail(email) !== normalizeEmail(person.email)) changes.email = email;
  }
  if (args.role !== undefined) {
    const role = checkedRole(part, args.role);
    if (role !== person.role) changes.role = role;
  }
  // Whom or what a managing role is over, where the back end's roles name it (managesRefusal is null).
  const manages = (args.manages ?? []).map((word) => word.trim()).filter(Boolean);
  if (manages.length > 0) changes.manages = manages;
  if (args.name === undefined && args.email === undefined && args.role === undefined && manages.length === 0) {
    throw new ToolInputError('person_update_empty');
  }
  if (Object.keys(changes).length === 0) {
    return { data: { action: 'update' as const, people: [shown(person)] }, text: say`${label(person)} has these already. Nothing was changed.` };
  }
  if ((changes.role !== undefined || changes.manages !== undefined) && person.id === (await part.selfId())) {
    throw new ToolInputError('person_role_self');
  }
  const said = joined(
    [
      changes.name === undefined ? null : say`name ${outside(person.name)} → ${outside(changes.name)}`,
      changes.email === undefined ? null : say`e-mail ${outsideOr(person.email, '(none)')} → ${outside(changes.email)}`,
      changes.role === undefined ? null : say`role ${outsideOr(person.role, '(none)')} → ${outside(changes.role)}`,
      changes.manages === undefined ? null : say`managing ${joined(changes.manages.map(outside), ', ')}`,
    ].filter((words): words is Sentence => words !== null),
    ', ',
  );
  context.ask.confirm({
    key: 'update',
    message: `Change ${labelAsked(person)}: ${modelText(said)}?`,
    shows: { id: person.id, ...changes },
    unchanged: say`${label(person)} was not changed`,
  });
  const changed = await part.update(person, changes);
  return { data: { action: 'update' as const, people: [shown(changed)], before: shown(person) }, text: say`Changed ${label(changed)}: ${said}.` };
}
