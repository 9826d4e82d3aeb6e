// Refusals of the admin group (docs/decisions.md, "The admin group"): people's accounts (manage_people),
// rates (manage_rates), tags (manage_tags), a catalog item's fields (update_catalog_item), bulk
// corrections of time entries (correct_time_entries) and invoices (list_invoices). Every one is said
// before anything is sent. A name in the facts is as it came (the back end's, or the call's words), said as
// one quoted line (`outside`, quoted-line.ts); a number is the back end's id. The teams' are in team.ts.
import { counted } from './format.ts';
import { quotedLine } from './quoted-line.ts';
import { day, either, forModelOnly, outside, type Part, type Sentence, say } from './sentence.ts';
import { type Nested, type NestedRefusal, refusalFamily } from './wording.ts';

/** A record as the back end names it. */
export type Named = { id: number; name: string };
export type ItemKind = 'customer' | 'project' | 'activity';

/** `"Web" (#50)`: a model reads the number, a person the name, both the name as the back end's words. */
export function quotedName(one: Named): Sentence {
  return say`${outside(one.name)}${forModelOnly(` (#${one.id})`)}`;
}

/** `"Ada Lovelace" (#1)`: a person's name, the same way (a name is always quoted: it is the back end's words). */
export function plainName(one: Named): Sentence {
  return quotedName(one);
}

/** "A", "A and B", "A, B and C". */
export function listed(parts: readonly Part[]): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [index === parts.length - 1 ? ' and ' : ', ', part]));
}

/** "A, B, C". */
export function joined(parts: readonly Part[], separator = ', '): Sentence {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part]));
}

export const PLURALS: Readonly<Record<ItemKind, string>> = { customer: 'customers', project: 'projects', activity: 'activities' };

/** "#3, #4 and 2 more". */
const idList = (ids: readonly number[], more: number) => `${ids.map((id) => `#${id}`).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;

/** "#3, #4 and 2 more" for a model, "4 entries" for a person. */
function someEntries(ids: readonly number[], more: number): Part {
  return either(idList(ids, more), counted(ids.length + more, 'entry', 'entries'));
}

/** The arguments of manage_people with a length limit, as a person calls them. */
const PERSON_FIELDS = { person: 'The person', name: 'The name', email: 'The e-mail address', role: 'The role' } as const;
/** The budget arguments of update_catalog_item, as a person calls them, and the unit of each. */
const BUDGETS = {
  budget_hours: { people: 'The time budget', unit: 'hours' },
  budget_money: { people: 'The money budget', unit: "in the customer's currency" },
} as const;

const article = (kind: ItemKind) => (kind === 'activity' ? 'an activity' : `a ${kind}`);

const peopleRefusals = refusalFamily({
  /** A text argument of manage_people past the length the back ends take. */
  person_field_too_long: {
    kind: 'input',
    say: (facts: { field: keyof typeof PERSON_FIELDS; limit: number }) =>
      say`${either(facts.field, PERSON_FIELDS[facts.field])} is at most ${facts.limit} characters long.`,
    example: { field: 'email', limit: 180 },
  },
  /** More people or things for a role to manage than one call names. */
  person_manages_too_many: {
    kind: 'input',
    say: (facts: { limit: number }) => say`${either('manages names', 'A role manages')} at most ${facts.limit} people or things.`,
    example: { limit: 50 },
  },
  /** A page of the people that cannot be one. */
  people_page_out_of_range: {
    kind: 'input',
    say: (_facts: { page: number }) => say`${either('page is', 'The page is')} a number from 1 to 10000.`,
    example: { page: 0 },
  },
  /** A change of someone's account without naming them. */
  person_not_named: {
    kind: 'input',
    say: (facts: { action: 'show' | 'update' | 'deactivate' | 'reactivate' }) =>
      say`To ${facts.action} someone, name them${forModelOnly(' as person')}: their id, e-mail or name.`,
    example: { action: 'deactivate' },
  },
  /** An e-mail address that is not one. */
  person_email_invalid: {
    kind: 'input',
    say: (facts: { email: string }) => say`${outside(facts.email)} is not an e-mail address; give one like ada@example.com.`,
    example: { email: 'ada(at)example.com' },
  },
  /** A role given to a back end that takes none through Punchcard. */
  person_role_none: {
    kind: 'input',
    say: () => say`This back end takes no role through Punchcard. Leave out role. Nothing was sent.`,
    example: {},
  },
  /** A role that is not one of the back end's role words. */
  person_role_unknown: {
    kind: 'input',
    say: (facts: { role: string; roles: readonly string[] }) => say`${outside(facts.role)} is no role here; the roles are ${joined(facts.roles.map(outside))}.`,
    example: { role: 'boss', roles: ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN'] },
  },
  /** An invitation without a name or an e-mail address. */
  person_invite_incomplete: {
    kind: 'input',
    say: () => say`To invite someone, give their name and ${either('email', 'e-mail address')}.`,
    example: {},
  },
  /** An update that names nothing to change. */
  person_update_empty: {
    kind: 'input',
    say: () => say`To update someone, give what changes: name, ${either('email', 'e-mail address')} or role.`,
    example: {},
  },
  /** Deactivating one's own account: nobody would be left to undo it. */
  person_deactivate_self: {
    kind: 'input',
    say: () => say`You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.`,
    example: {},
  },
  /** Changing one's own role. */
  person_role_self: {
    kind: 'input',
    say: () => say`You cannot change your own role: another administrator can. Nothing was sent.`,
    example: {},
  },
});

type RateTarget = { kind: ItemKind | 'workspace'; item: Named };
const rateTarget = (facts: RateTarget) => say`${facts.kind} ${quotedName(facts.item)}`;

const rateRefusals = refusalFamily({
  /** A kind of item the back end keeps no rates on. */
  rate_kind_unsupported: {
    kind: 'input',
    say: (facts: { back_end: string; kind: string; kinds: readonly string[] }) =>
      say`${facts.back_end} keeps no rates per ${facts.kind}: only per ${facts.kinds.join(', ')}. Nothing was sent.`,
    example: { back_end: 'Clockify', kind: 'activity', kinds: ['workspace', 'project'] },
  },
  /** Workspace rates asked of a back end that keeps none. */
  rate_workspace_unsupported: {
    kind: 'input',
    say: (facts: { back_end: string }) => say`${facts.back_end} keeps no workspace rates. Nothing was sent.`,
    example: { back_end: 'Kimai' },
  },
  /** Amounts given to an action that takes none (list, remove). */
  rate_amounts_not_for_action: {
    kind: 'input',
    say: (facts: { given: readonly string[]; action: 'list' | 'remove' }) =>
      say`${facts.given.join(' and ')} ${facts.given.length === 1 ? 'is' : 'are'} for ${either('set', 'setting a rate')} only; leave ${facts.given.length === 1 ? 'it' : 'them'} out to ${facts.action}.`,
    example: { given: ['hourly'], action: 'remove' },
  },
  /** Both an hourly and a fixed amount. */
  rate_hourly_and_fixed: {
    kind: 'input',
    say: () => say`A rate is hourly or fixed per time entry, not both: give hourly or fixed.`,
    example: {},
  },
  /** A rate set without an amount, where none is kept to start from. */
  rate_amount_missing: {
    kind: 'input',
    say: () => say`To set a rate, give hourly (per hour) or fixed (per time entry), and internal if there is a cost rate.`,
    example: {},
  },
  /** An item or person named by an empty or overlong text. */
  rate_name_length: {
    kind: 'input',
    say: (facts: { field: 'item' | 'person'; max: number }) =>
      say`${either(facts.field, facts.field === 'item' ? 'The item' : 'The person')} is a name or number of 1 to ${facts.max} characters${facts.field === 'person' ? '; leave it out for everyone' : ''}.`,
    example: { field: 'person', max: 200 },
  },
  /** An amount out of the range Punchcard sends. */
  rate_amount_out_of_range: {
    kind: 'input',
    say: (facts: { field: 'hourly' | 'internal' | 'fixed'; amount: number; max: number }) =>
      say`${either(facts.field, `The ${facts.field} amount`)} is an amount in the currency's units, from 0 to ${facts.max.toLocaleString('en')}; ${facts.amount} is not.`,
    example: { field: 'hourly', amount: -5, max: 1_000_000 },
  },
  /**
   * A rate removed where the back end removes none (Toggl Track): a new one set from today replaces it, and the time
   * before keeps the old one. The item and the person as the call named them.
   */
  rate_remove_unsupported: {
    kind: 'input',
    say: (facts: { back_end: string; kind: ItemKind | 'workspace'; item: string; person: string | null }) =>
      say`${facts.back_end} removes no rate: set a new one for ${facts.person === null ? 'everyone' : outside(facts.person)} on the ${facts.kind} ${outside(facts.item)}${forModelOnly(' (manage_rates set)')}, which applies from today and keeps the earlier one for the time before. Nothing was sent.`,
    example: { back_end: 'Toggl Track', kind: 'project', item: 'Website', person: 'Ada Lovelace' },
  },
  /** A rate removed that the item does not have for that person. */
  rate_none_to_remove: {
    kind: 'input',
    say: (facts: RateTarget & { person: Named | null }) =>
      say`The ${rateTarget(facts)} has no rate for ${facts.person === null ? 'everyone' : plainName(facts.person)}. Nothing was removed.`,
    example: { kind: 'project', item: { id: 3, name: 'Website' }, person: { id: 1, name: 'Ada Lovelace' } },
  },
  /** No customer, project or activity by that name or number. */
  rate_item_not_found: {
    kind: 'input',
    say: (facts: { kind: ItemKind; item: string; close: readonly Named[] }) =>
      say`No ${facts.kind} ${outside(facts.item)}.${
        facts.close.length > 0 ? say` Known: ${joined(facts.close.map(quotedName))}.` : forModelOnly(' list_catalog shows them.')
      }`,
    example: { kind: 'project', item: 'Web', close: [{ id: 3, name: 'Website' }] },
  },
});

type Tag = { tag: Named };
type TagChange = 'rename' | 'archive' | 'restore';

const tagRefusals = refusalFamily({
  /** A tag made or renamed without its name. */
  tag_name_missing: {
    kind: 'input',
    say: (facts: { action: 'create' | 'rename' }) => say`To ${facts.action} a tag, give its new name${forModelOnly(' as name')}.`,
    example: { action: 'create' },
  },
  /** A tag's name shorter or longer than the back ends take. */
  tag_name_length: {
    kind: 'input',
    say: (_facts: { length: number }) => say`A tag name is 2 to 100 characters long.`,
    example: { length: 1 },
  },
  /** A comma in a tag's name, which separates tags on an entry. */
  tag_name_comma: {
    kind: 'input',
    say: (_facts: { name: string }) => say`A tag name cannot hold a comma: entries list their tags separated by commas.`,
    example: { name: 'Design, UX' },
  },
  /** A tag made, or renamed to a name, that another tag has. */
  tag_exists: {
    kind: 'input',
    say: (facts: Tag & { action: 'create' | 'rename' }) =>
      say`The tag ${quotedName(facts.tag)} exists already. Nothing was ${facts.action === 'create' ? 'created' : 'renamed'}.`,
    example: { tag: { id: 4, name: 'urgent' }, action: 'create' },
  },
  /** A change of a tag the back end's API cannot make, where it gives no words of its own. */
  tag_change_unsupported: {
    kind: 'input',
    say: (facts: { action: TagChange }) => say`This back end cannot ${facts.action} a tag. Nothing was sent.`,
    example: { action: 'archive' },
  },
  /** A tag renamed to the name it has. */
  tag_name_same: {
    kind: 'input',
    say: (facts: Tag) => say`The tag ${quotedName(facts.tag)} is called that already. Nothing was changed.`,
    example: { tag: { id: 4, name: 'urgent' } },
  },
  /** A tag archived that is archived, or restored that is in use. */
  tag_archived_already: {
    kind: 'input',
    say: (facts: Tag & { archived: boolean }) =>
      say`The tag ${quotedName(facts.tag)} is ${facts.archived ? 'archived' : 'in use, not archived,'} already. Nothing was changed.`,
    example: { tag: { id: 4, name: 'urgent' }, archived: true },
  },
  /** A change of a tag without naming it. */
  tag_not_named: {
    kind: 'input',
    say: (facts: { action: TagChange }) =>
      say`To ${facts.action} a tag, name it${forModelOnly(' as tag')} (its name${forModelOnly(', or its number from manage_tags list')}).`,
    example: { action: 'rename' },
  },
  /** No tag by that name or number. */
  tag_not_found: {
    kind: 'input',
    say: (facts: { tag: string }) =>
      say`There is no tag ${outside(facts.tag)}${forModelOnly('; manage_tags with action list shows the tags')}. Nothing was changed.`,
    example: { tag: 'urgnet' },
  },
});

const catalogRefusals = refusalFamily({
  /** update_catalog_item without the item, or with an overlong name for it. */
  catalog_update_item_unnamed: {
    kind: 'input',
    say: (facts: { kind: ItemKind }) =>
      say`Name the ${facts.kind} to change${forModelOnly(' as item')}: its id or its name${forModelOnly(' (list_catalog shows both)')}.`,
    example: { kind: 'project' },
  },
  /** Nothing to change given. */
  catalog_update_nothing_asked: {
    kind: 'input',
    say: (facts: { kind: ItemKind }) =>
      say`Say what to change: ${either(
        'name, budget_hours, budget_money, budget_period, billable or comment',
        'the name, budget, budget period, billable or comment',
      )}${facts.kind === 'project' ? ', customer, start or end' : ''}. Nothing was sent.`,
    example: { kind: 'activity' },
  },
  /** A customer given for a customer or an activity. */
  catalog_update_customer_not_project: {
    kind: 'input',
    say: (facts: { kind: ItemKind }) => say`Only a project has a customer: leave customer out for ${article(facts.kind)}. Nothing was sent.`,
    example: { kind: 'activity' },
  },
  /** Dates given for a customer or an activity. */
  catalog_update_dates_not_project: {
    kind: 'input',
    say: (facts: { kind: ItemKind }) => say`Only a project has start and end dates: leave start and end out for ${article(facts.kind)}. Nothing was sent.`,
    example: { kind: 'customer' },
  },
  /** A new name shorter or longer than the back ends take. */
  catalog_update_name_length: {
    kind: 'input',
    say: (_facts: { length: number }) => say`A name is 2 to 150 characters long. Nothing was sent.`,
    example: { length: 1 },
  },
  /** A comment longer than Punchcard sends. */
  catalog_update_comment_too_long: {
    kind: 'input',
    say: (facts: { length: number; max: number }) => say`A comment is at most ${facts.max.toLocaleString('en')} characters long. Nothing was sent.`,
    example: { length: 6_000, max: 5_000 },
  },
  /** A negative budget. */
  catalog_update_budget_negative: {
    kind: 'input',
    say: (facts: { field: keyof typeof BUDGETS }) =>
      say`${either(facts.field, BUDGETS[facts.field].people)} cannot be negative: give 0 for no budget. Nothing was sent.`,
    example: { field: 'budget_hours' },
  },
  /** A budget past what Punchcard sends. */
  catalog_update_budget_too_large: {
    kind: 'input',
    say: (facts: { field: keyof typeof BUDGETS; max: number }) =>
      say`${either(facts.field, BUDGETS[facts.field].people)} is at most ${facts.max.toLocaleString('en')} (${BUDGETS[facts.field].unit}). Nothing was sent.`,
    example: { field: 'budget_money', max: 1_000_000_000 },
  },
  /** A project's dates out of order after the change: both given, or one given against the other kept. */
  catalog_update_dates_out_of_order: {
    kind: 'input',
    say: (facts: { start: string; end: string; given: 'both' | 'start' | 'end' }) => {
      const start = day(facts.start);
      const end = day(facts.end);
      const why =
        facts.given === 'both'
          ? say`The start ${start} is after the end ${end}: a project cannot start after it ends.`
          : facts.given === 'start'
            ? say`The start ${start} is after the project's end ${end}: give end too, or an earlier start.`
            : say`The end ${end} is before the project's start ${start}: give start too, or a later end.`;
      return say`${why} Nothing was sent.`;
    },
    example: { start: '2026-06-01', end: '2026-05-31', given: 'start' },
  },
  /** A name that several items of the kind have. */
  catalog_update_item_ambiguous: {
    kind: 'input',
    say: (facts: { kind: ItemKind; name: string; count: number; items: ReadonlyArray<{ id: number; parent: string | null }> }) => {
      const which = facts.items.map((item) => `#${item.id}${item.parent === null ? '' : ` (${quotedLine(item.parent)})`}`).join(', ');
      return say`${facts.count} ${PLURALS[facts.kind]} are named ${outside(facts.name)}: give the ${either('id', 'number')} of the one to change${forModelOnly(` (${which})`)}. Nothing was sent.`;
    },
    example: {
      kind: 'project',
      name: 'Website',
      count: 2,
      items: [
        { id: 3, parent: 'Acme' },
        { id: 9, parent: 'Globex' },
      ],
    },
  },
  /** No item of the kind by that name or number; `listed`: the client is offered list_catalog. */
  catalog_update_item_not_found: {
    kind: 'input',
    say: (facts: { kind: ItemKind; name: string; listed: boolean }) =>
      say`No ${facts.kind} ${outside(facts.name)}.${
        facts.listed ? either(` list_catalog shows the ${PLURALS[facts.kind]} with their ids.`, '') : ' Check the name with the person.'
      } Nothing was sent.`,
    example: { kind: 'customer', name: 'Acne', listed: true },
  },
  /** A project's new customer named by nothing, or an overlong text. */
  catalog_update_customer_unnamed: {
    kind: 'input',
    say: () => say`Name the new customer${forModelOnly(' as customer')}: its id or its name. Nothing was sent.`,
    example: {},
  },
  /** An archived customer for a project: the project would vanish from every list with it. */
  catalog_update_customer_archived: {
    kind: 'input',
    say: (facts: { customer: Named }) =>
      say`The customer ${quotedName(facts.customer)} is archived: restore it first${forModelOnly(' with archive_catalog_item')}. Nothing was sent.`,
    example: { customer: { id: 4, name: 'Acme' } },
  },
});

const correctionRefusals = refusalFamily({
  /** correct_time_entries with nothing in set. */
  corrections_nothing_set: {
    kind: 'input',
    say: () =>
      say`Say what changes${forModelOnly(' in set')}: project, activity, billable, exported or ${either('add_tags', 'tags to add')}. Nothing was changed.`,
    example: {},
  },
  /** Un-exporting entries without Kimai's edit_exported_timesheet. */
  corrections_unexport_denied: {
    kind: 'input',
    say: () =>
      say`Un-exporting entries needs the permission edit_exported_timesheet (Kimai gives it administrators); your account lacks it. Nothing was changed.`,
    example: {},
  },
  /**
   * The count confirmed is not the count the correction covers now: the entries changed since the
   * preview. `preview` is the preview's text as the tool answers it (a successful answer's words).
   */
  corrections_count_moved: {
    kind: 'input',
    say: (facts: { confirmed: number; now: number; preview: string }) =>
      say`${either(
        `confirm_count is ${facts.confirmed} but the correction now covers ${facts.now} entries; nothing was changed.`,
        `The preview showed ${facts.confirmed} entries, but the correction now covers ${facts.now}; nothing was changed.`,
      )}${forModelOnly(` ${facts.preview}`)}`,
    example: { confirmed: 2, now: 3, preview: 'Would change 3 entries (4 h) from 2026-05-01 to 2026-05-31 among your time entries: billable.' },
  },
  /** More requests than the call has left, one (or more) per entry. */
  corrections_too_many_requests: {
    kind: 'input',
    say: (facts: { count: number; each: number; left: number; limit: number }) =>
      say`This would change ${facts.count} entries, ${facts.each === 1 ? 'one request' : `${facts.each} requests`} each, and this call may send only ${facts.left} more (${facts.limit} in all). Nothing was changed. Narrow it and correct in parts: a shorter range, fewer people, a project or activity, or ids.`,
    example: { count: 90, each: 1, left: 37, limit: 40 },
  },
  /** The back end refused a change part-way: what was changed stays changed, what was not is named. */
  corrections_stopped: {
    kind: 'input',
    say: (facts: { changed: readonly number[]; not_changed: readonly number[]; cause: NestedRefusal }, nested: Nested) => {
      const before = facts.changed.length === 0 ? '' : say`Changed ${someEntries(facts.changed, 0)}; then: `;
      const after =
        facts.not_changed.length === 0
          ? ''
          : either(
              ` Not changed: ${facts.not_changed.map((id) => `#${id}`).join(', ')}.`,
              ` Not changed: ${counted(facts.not_changed.length, 'entry', 'entries')}.`,
            );
      return say`${before}${nested(facts.cause)}${after} Preview again for what is still to change.`;
    },
    example: { changed: [3, 4], not_changed: [6], cause: { code: 'failure_said', facts: { message: 'Kimai is not reachable right now.' } } },
  },
  /** Tags the back end does not have; `why` is the back end's own clause where its provider gives one (else Kimai's silent drop). */
  corrections_tag_unknown: {
    kind: 'input',
    say: (facts: { tags: readonly string[]; why: string | null }) =>
      say`There is no tag ${joined(facts.tags.map(outside))}; ${facts.why ?? 'Kimai would drop it without a word'}. Create it first${forModelOnly(' (manage_tags)')}. Nothing was changed.`,
    example: { tags: ['urgent'], why: null },
  },
  /** A move that would take off an activity the back end requires on every entry; `requirement` is the back end's own clause. */
  corrections_activity_required: {
    kind: 'input',
    say: (facts: { requirement: string; noun: string; entries: readonly number[]; more: number }) =>
      say`${facts.requirement}, and the move would clear the ${facts.noun} of ${someEntries(facts.entries, facts.more)}: name ${either('set.activity', `the ${facts.noun}`)}, one of the new project's ${facts.noun}s. Nothing was changed.`,
    example: { requirement: 'This workspace requires a task on every time entry', noun: 'task', entries: [3, 4], more: 0 },
  },
  /** A move to a project whose activities do not include the entries' own. */
  corrections_activity_misfit: {
    kind: 'input',
    say: (facts: { entries: readonly number[]; more: number }) =>
      say`${either(`Entries ${idList(facts.entries, facts.more)} have`, facts.entries.length + facts.more === 1 ? 'One entry has' : `${facts.entries.length + facts.more} entries have`)} an activity of another project, which the new project cannot take: name ${either('set.activity', 'an activity')} (a global one or the project’s own). Nothing was changed.`,
    example: { entries: [3, 4, 5, 6, 7], more: 2 },
  },
});

const invoiceRefusals = refusalFamily({
  /** No customer by that name or number to list invoices of. */
  invoices_customer_not_found: {
    kind: 'input',
    say: (facts: { customer: string; close: readonly Named[] }) =>
      say`There is no customer ${outside(facts.customer)}${
        facts.close.length > 0 ? say`; did you mean ${joined(facts.close.map(plainName))}?` : either('; list_catalog shows the customers.', '.')
      }`,
    example: { customer: 'Acne', close: [{ id: 4, name: 'Acme' }] },
  },
});

const roleRefusals = refusalFamily({
  /**
   * What the person's role in the back end does not allow, known before anything is sent (Harvest's roles, read from the
   * person's own profile: docs/back-ends/harvest.md, "Roles"): the tool, what it would have done, the role, and the role
   * or permission it needs, in the back end's words.
   */
  role_lacks: {
    kind: 'denied',
    say: (facts: { back_end: string; tool: string; action: string; role: string; needs: string }) =>
      say`Your role in ${facts.back_end} (${facts.role}) does not let you ${facts.action}${forModelOnly(` with ${facts.tool}`)}: that needs ${facts.needs}. Ask an administrator there. Nothing was sent.`,
    example: { back_end: 'Harvest', tool: 'manage_people', action: "change a teammate's e-mail", role: 'manager', needs: 'an administrator' },
  },
});

export const adminRefusals = {
  ...roleRefusals,
  ...peopleRefusals,
  ...rateRefusals,
  ...tagRefusals,
  ...catalogRefusals,
  ...correctionRefusals,
  ...invoiceRefusals,
} as const;
