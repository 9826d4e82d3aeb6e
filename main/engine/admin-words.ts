// What the Administration screen says after a change, worded by the app from the tool's structured
// answer (mcp-server/contract/tools/): the engine's sentence is written for a model (record numbers,
// tool names, ISO days) and the app never reads it back (docs/architecture.md, "A refusal's way
// out"). Pure; each function takes the answer as its tool's output schema parses it.
import type * as z from 'zod/v4';
import type { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { day, peopleText, say } from '../../mcp-server/contract/outcomes/sentence.ts';

type Output<T extends { output: z.ZodType }> = z.output<T['output']>;
type Created = Output<typeof TOOL_CONTRACTS.create_catalog_item>;
type Archived = Output<typeof TOOL_CONTRACTS.archive_catalog_item>;
type Updated = Output<typeof TOOL_CONTRACTS.update_catalog_item>;
type Tags = Output<typeof TOOL_CONTRACTS.manage_tags>;
type People = Output<typeof TOOL_CONTRACTS.manage_people>;
type Teams = Output<typeof TOOL_CONTRACTS.manage_teams>;
type Rates = Output<typeof TOOL_CONTRACTS.manage_rates>;
type Correction = Output<typeof TOOL_CONTRACTS.correct_time_entries>;

export interface WordsOptions {
  /** The locale for days; the system's when left out. */
  locale?: string | undefined;
}

/** `Created project "Website" under Acme.` */
export function createdWords(item: Created): string {
  return `Created ${item.kind} "${item.name}"${item.parent ? ` under ${item.parent}` : ''}.`;
}

/** `Archived project "Website".` / `Restored …` */
export function archivedWords(item: Archived): string {
  return `${item.archived ? 'Archived' : 'Restored'} ${item.kind} "${item.name}".`;
}

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  budget_hours: 'time budget',
  budget_money: 'money budget',
  budget_period: 'budget period',
  billable: 'billable',
  comment: 'comment',
  customer: 'customer',
  start: 'start',
  end: 'end',
};

function fieldValue(field: string, value: unknown, options: WordsOptions): string {
  if (value === null || value === undefined || value === '') return 'none';
  // A budget of 0 is said as the engine keeps it; only a missing one is none.
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'budget_hours' && typeof value === 'number') return `${value} h`;
  if ((field === 'start' || field === 'end') && typeof value === 'string') return peopleText(say`${day(value)}`, options);
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/**
 * `Changed the project "Website": time budget 10 → 20; billable no → yes.`, or that it kept all that
 * already. `asked` is what the window sent, so a value the back end kept otherwise is said too.
 */
export function catalogUpdatedWords(item: Updated, asked: Partial<Record<keyof Updated['after'], unknown>> = {}, options: WordsOptions = {}): string {
  const fields = Object.keys(item.after) as Array<keyof Updated['after']>;
  if (fields.length === 0) return `The ${item.kind} "${item.name}" has all that already: nothing was changed.`;
  const changes = fields.map(
    (field) => `${FIELD_LABELS[field] ?? field} ${fieldValue(field, item.before[field], options)} → ${fieldValue(field, item.after[field], options)}`,
  );
  const otherwise = fields
    .filter((field) => asked[field] !== undefined && asked[field] !== item.after[field])
    .map(
      (field) =>
        ` The back end kept the ${FIELD_LABELS[field] ?? field} as ${fieldValue(field, item.after[field], options)}, not ${fieldValue(field, asked[field], options)} as asked.`,
    );
  return `Changed the ${item.kind} "${item.name}": ${changes.join('; ')}.${otherwise.join('')}`;
}

/** `Created the tag "urgent".` */
export function tagCreatedWords(answer: Tags): string {
  const tag = answer.tags[0];
  return tag ? `Created the tag "${tag.name}".` : 'Created the tag.';
}

const personLabel = (person: { name: string; email: string }) => `"${person.name}"${person.email ? ` <${person.email}>` : ''}`;

/** What a change of manage_people did: invited, changed (field by field), deactivated, reactivated, or nothing. */
export function personChangedWords(answer: People): string {
  const person = answer.people[0];
  if (!person) return 'Nothing was changed.';
  const label = personLabel(person);
  switch (answer.action) {
    case 'invite':
      return `Invited ${label}.`;
    case 'deactivate':
    case 'reactivate': {
      const active = answer.action === 'reactivate';
      if (!answer.before) return `${label} is ${active ? 'active' : 'inactive'} already. Nothing was changed.`;
      return `${active ? 'Reactivated' : 'Deactivated'} ${label}.`;
    }
    case 'update': {
      const before = answer.before;
      if (!before) return `${label} has these already. Nothing was changed.`;
      const said = (['name', 'email', 'role'] as const)
        .filter((field) => before[field] !== person[field])
        .map((field) => `${field === 'email' ? 'e-mail' : field} ${before[field] ?? 'none'} → ${person[field] ?? 'none'}`);
      return said.length === 0 ? `${label} has these already. Nothing was changed.` : `Changed ${label}: ${said.join(', ')}.`;
    }
    default:
      return `${label}.`;
  }
}

const listed = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;

/** What a change of manage_teams did, from the team as it is now and the people the window named (by id). */
export function teamChangedWords(
  answer: Teams,
  change: { action: string; name?: string; people?: ReadonlyArray<number | string>; person?: number },
  before?: { name: string; members: ReadonlyArray<{ id: number; name: string }> },
): string {
  if (answer.deleted) return `Deleted the team "${answer.deleted.name}".`;
  const team = answer.teams[0];
  if (!team) return 'Nothing was changed.';
  const members = team.members ?? [];
  const known = new Map([...(before?.members ?? []), ...members].map((member) => [String(member.id), member.name]));
  // People quoted, as the window lists them: a name is the person's own words.
  const named = (ids: ReadonlyArray<number | string>) => listed(ids.map((id) => `"${known.get(String(id)) ?? String(id)}"`));
  switch (change.action) {
    case 'create':
      return `Created the team "${team.name}"${members.length > 0 ? ` with ${named(members.map((member) => member.id))}` : ''}.`;
    case 'rename':
      return before ? `Renamed the team "${before.name}" to "${team.name}".` : `Renamed the team to "${team.name}".`;
    case 'add_members':
      return `Added ${named(change.people ?? [])} to the team "${team.name}"; it has ${members.length} ${members.length === 1 ? 'member' : 'members'} now.`;
    case 'remove_members':
      return `Removed ${named(change.people ?? [])} from the team "${team.name}"; ${members.length} ${members.length === 1 ? 'member stays' : 'members stay'}.`;
    case 'set_lead':
      return `${named(change.person === undefined ? [] : [change.person])} now leads the team "${team.name}".`;
    default:
      return `Changed the team "${team.name}".`;
  }
}

type RateValues = NonNullable<Rates['after']>;

function money(amount: number, currency: string | null): string {
  // As many decimals as the amount has, at least two (a cent) and at most four.
  const decimals = String(amount).split('.')[1]?.length ?? 0;
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(Math.min(4, Math.max(2, decimals)));
  return currency ? `${text} ${currency}` : text;
}

/** "80 EUR an hour, internal 50 EUR", "500 EUR per time entry (fixed)". */
export function rateValueWords(values: RateValues, currency: string | null): string {
  const amount = values.fixed ?? values.hourly;
  const main = amount === null ? 'no amount' : `${money(amount, currency)} ${values.fixed !== null ? 'per time entry (fixed)' : 'an hour'}`;
  return `${main}${values.internal === null ? '' : `, internal ${money(values.internal, currency)}`}`;
}

/** What a set or remove of manage_rates did, for the person (or everyone) the window named. */
export function rateChangedWords(answer: Rates, forWhom: string): string {
  const what = `the ${answer.kind} "${answer.item.name}" for ${forWhom}`;
  const inCurrency = answer.currency === null ? ' Amounts are in the currency of the customer booked for.' : '';
  const before = answer.before ?? null;
  const after = answer.after ?? null;
  if (answer.action === 'remove') return `Removed the rate of ${what}${before ? ` (was ${rateValueWords(before, answer.currency)})` : ''}.${inCurrency}`;
  if (after === null) return `Nothing was changed for ${what}.`;
  const same = before !== null && before.hourly === after.hourly && before.fixed === after.fixed && before.internal === after.internal;
  if (same) return `The rate of ${what} is ${rateValueWords(after, answer.currency)} already. Nothing was changed.`;
  return `Set the rate of ${what}: ${before ? rateValueWords(before, answer.currency) : 'none'} → ${rateValueWords(after, answer.currency)}.${inCurrency}`;
}

const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;
const hours = (value: number) => `${Number(value.toFixed(2))} h`;

/**
 * A bulk correction's preview or change: how many entries and hours, what it leaves alone and why,
 * and until when the period is locked. What it sets is the window's own (it shows it beside).
 */
export function correctionWords(answer: Correction, options: WordsOptions = {}): string {
  const locked = answer.not_touched.filter((entry) => entry.reason === 'locked').length;
  const exported = answer.not_touched.filter((entry) => entry.reason === 'exported').length;
  const alone = [locked > 0 ? `${entries(locked)} in the locked period` : '', exported > 0 ? `${entries(exported)} already exported` : '']
    .filter(Boolean)
    .join(' and ');
  const lockedUntil = answer.locked_until ? ` ${peopleText(say`The period is locked until ${day(answer.locked_until.slice(0, 10))}.`, options)}` : '';
  const leftAlone = alone ? ` It leaves ${alone} as they are.` : '';
  if (answer.changed) return `Changed ${entries(answer.count)} (${hours(answer.hours)}).${leftAlone}`;
  if (answer.count === 0) return `No entry would change.${leftAlone}${lockedUntil}`;
  return `Would change ${entries(answer.count)} (${hours(answer.hours)}).${leftAlone}${lockedUntil}\nNothing was changed yet.`;
}
