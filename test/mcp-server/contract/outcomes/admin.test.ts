// The admin family (mcp-server/contract/outcomes/admin.ts) as the tools throw it: manage_people,
// manage_rates, manage_tags, update_catalog_item, correct_time_entries and list_invoices over the local
// timesheet with hand-written admin parts and a catalog of their own. Each refusal carries its code and
// facts, its words for the model are the sentences the tools always said, and a person's leave out the
// numbers, tools and arguments only a model needs.
import { describe, expect, it } from 'vitest';
import { type Refusal, refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import type { AdminTag } from '../../../../mcp-server/domain/admin.ts';
import type { AdminPerson } from '../../../../mcp-server/domain/admin-people.ts';
import { CHANGE_FIELDS, type CatalogItemRecord } from '../../../../mcp-server/domain/catalog-changes.ts';
import type { CorrectionSubject, CorrectionWorld } from '../../../../mcp-server/domain/corrections.ts';
import type { Catalog, CatalogItem } from '../../../../mcp-server/domain/records.ts';
import {
  type AdminPeoplePart,
  type AdminRatesPart,
  type AdminTagsPart,
  BackEndError,
  type CapabilityParts,
  type CatalogAdminPart,
  type CorrectionsPart,
} from '../../../../mcp-server/providers/time-tracker.ts';
import { runInCallScope } from '../../../../mcp-server/tools/call-scope.ts';
import correctTimeEntries from '../../../../mcp-server/tools/correct-time-entries.ts';
import type { ToolDefinition } from '../../../../mcp-server/tools/define-tool.ts';
import listInvoices from '../../../../mcp-server/tools/list-invoices.ts';
import managePeople from '../../../../mcp-server/tools/manage-people.ts';
import manageRates from '../../../../mcp-server/tools/manage-rates.ts';
import manageTags from '../../../../mcp-server/tools/manage-tags.ts';
import updateCatalogItem from '../../../../mcp-server/tools/update-catalog-item.ts';
import type { ToolInputError } from '../../../../mcp-server/tools/tool-input-error.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { trackerWithPart } from '../../tools/tracker-with-part.ts';
import { expectRefused } from './refused.ts';
import { said } from '../../../support/said-outcome.ts';

const never = () => Promise.reject(new Error('nothing may be sent'));
const item = (kind: CatalogItem['kind'], id: number, name: string, more: Partial<CatalogItem> = {}): CatalogItem => ({
  kind,
  id,
  name,
  archived: false,
  ...more,
});
const ACME = { id: 4, name: 'Acme' };
const CATALOG: Catalog = {
  customers: [item('customer', 4, 'Acme'), item('customer', 7, 'Oldco', { archived: true })],
  projects: [
    item('project', 3, 'Website', { customer: ACME }),
    item('project', 8, 'Website', { customer: { id: 5, name: 'Globex' } }),
    item('project', 9, 'Intranet', { customer: ACME }),
  ],
  activities: [item('activity', 5, 'Design', { project: { id: 3, name: 'Website' } }), item('activity', 6, 'Meeting', { project: null })],
};

const openTimesheet = useLocalTimesheet({ now: Date.parse('2026-11-18T14:00:00Z'), timezone: 'Europe/Berlin' });

/** A tool over the local timesheet with the admin part given and the catalog above. */
async function withPart<C extends 'admin_people' | 'admin_rates' | 'admin_tags' | 'admin_catalog' | 'admin_corrections' | 'admin_invoices'>(
  capability: C,
  part: CapabilityParts[C],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tool of the admin group
  tool: ToolDefinition<any, any, any, any>,
  more: { catalogListed?: boolean } = {},
) {
  const local = await openTimesheet();
  const tracker = trackerWithPart(local.tracker, capability, part);
  const context = { ...local.context, ...more, tracker: { ...tracker, catalog: { ...tracker.catalog, catalog: async () => CATALOG } } };
  return (args: Record<string, unknown>) => said(tool.handler(tool.input.parse(args), context));
}

const ADA: AdminPerson = { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', role: 'ROLE_USER', active: true, teams: [] };
const ANN: AdminPerson = { id: 7, name: 'Ann Admin', email: 'ann@example.com', role: 'ROLE_ADMIN', active: true, teams: [] };

function peoplePart(roleWords: string[] = ['ROLE_USER', 'ROLE_ADMIN']): AdminPeoplePart {
  return {
    roleWords,
    people: async () => ({ people: [ADA, ANN], page: 1, totalPages: 1, total: 2 }),
    person: async (reference) => (reference === 'Ann' ? ANN : ADA),
    peopleWriteRefusal: () => null,
    managesRefusal: null,
    inviteNote: '',
    invite: never,
    update: never,
    setActive: never,
    selfId: async () => ANN.id,
  };
}

describe('manage_people refuses with codes and facts', () => {
  it('arguments past their limits, or missing', async () => {
    const run = await withPart('admin_people', peoplePart(), managePeople);
    await expectRefused(
      run({ action: 'show', email: 'x'.repeat(181) }),
      { code: 'person_field_too_long', facts: { field: 'email', limit: 180 } },
      'email is at most 180 characters long.',
      'The e-mail address is at most 180 characters long.',
    );
    await expectRefused(
      run({ action: 'update', person: 'Ada', manages: Array.from({ length: 51 }, (_, n) => `p${n}`) }),
      { code: 'person_manages_too_many', facts: { limit: 50 } },
      'manages names at most 50 people or things.',
    );
    await expectRefused(run({ action: 'list', page: 0 }), { code: 'people_page_out_of_range', facts: { page: 0 } }, 'page is a number from 1 to 10000.');
    await expectRefused(
      run({ action: 'deactivate' }),
      { code: 'person_not_named', facts: { action: 'deactivate' } },
      'To deactivate someone, name them as person: their id, e-mail or name.',
      'To deactivate someone, name them: their id, e-mail or name.',
    );
    await expectRefused(
      run({ action: 'invite', name: 'Bea' }),
      { code: 'person_invite_incomplete', facts: {} },
      'To invite someone, give their name and email.',
    );
    await expectRefused(
      run({ action: 'update', person: 'Ada' }),
      { code: 'person_update_empty', facts: {} },
      'To update someone, give what changes: name, email or role.',
    );
  });

  it('an e-mail address or a role that is none, and changes of your own account', async () => {
    const run = await withPart('admin_people', peoplePart(), managePeople);
    await expectRefused(
      run({ action: 'invite', name: 'Bea', email: 'bea(at)example.com' }),
      { code: 'person_email_invalid', facts: { email: 'bea(at)example.com' } },
      '"bea(at)example.com" is not an e-mail address; give one like ada@example.com.',
    );
    await expectRefused(
      run({ action: 'update', person: 'Ada', role: 'boss' }),
      { code: 'person_role_unknown', facts: { role: 'boss', roles: ['ROLE_USER', 'ROLE_ADMIN'] } },
      '"boss" is no role here; the roles are "ROLE_USER", "ROLE_ADMIN".',
    );
    await expectRefused(
      run({ action: 'deactivate', person: 'Ann' }),
      { code: 'person_deactivate_self', facts: {} },
      'You cannot deactivate your own account: you would lock yourself out. Another administrator can. Nothing was sent.',
    );
    await expectRefused(
      run({ action: 'update', person: 'Ann', role: 'ROLE_USER' }),
      { code: 'person_role_self', facts: {} },
      'You cannot change your own role: another administrator can. Nothing was sent.',
    );
    const roleless = await withPart('admin_people', peoplePart([]), managePeople);
    await expectRefused(
      roleless({ action: 'invite', name: 'Bea', email: 'bea@example.com', role: 'admin' }),
      { code: 'person_role_none', facts: {} },
      'This back end takes no role through Punchcard. Leave out role. Nothing was sent.',
    );
  });
});

function ratesPart(rateKinds: AdminRatesPart['rateKinds'] = ['customer', 'project', 'activity']): AdminRatesPart {
  return {
    rateKinds,
    rates: async (rated) => ({ target: { kind: rated.kind, id: rated.id, name: rated.name, currency: 'EUR' }, rates: [] }),
    findPerson: async () => ({ id: 1, name: 'Ada Lovelace' }),
    setRate: never,
    removeRate: never,
  };
}

describe('manage_rates refuses with codes and facts', () => {
  it('kinds the back end keeps no rates on, and amounts out of place or range', async () => {
    const run = await withPart('admin_rates', ratesPart(['project', 'workspace']), manageRates);
    await expectRefused(
      run({ action: 'list', kind: 'activity', item: 'Design' }),
      { code: 'rate_kind_unsupported', facts: { back_end: 'Local timesheet', kind: 'activity', kinds: ['project', 'workspace'] } },
      'Local timesheet keeps no rates per activity: only per project, workspace. Nothing was sent.',
    );
    await expectRefused(
      run({ action: 'list', kind: 'workspace', item: 'Main' }),
      { code: 'rate_workspace_unsupported', facts: { back_end: 'Local timesheet' } },
      'Local timesheet keeps no workspace rates. Nothing was sent.',
    );
    await expectRefused(
      run({ action: 'remove', kind: 'project', item: 'Website', hourly: 80, internal: 60 }),
      { code: 'rate_amounts_not_for_action', facts: { given: ['hourly', 'internal'], action: 'remove' } },
      'hourly and internal are for set only; leave them out to remove.',
      'hourly and internal are for setting a rate only; leave them out to remove.',
    );
    await expectRefused(
      run({ action: 'set', kind: 'project', item: 'Website', hourly: 80, fixed: 500 }),
      { code: 'rate_hourly_and_fixed', facts: {} },
      'A rate is hourly or fixed per time entry, not both: give hourly or fixed.',
    );
    await expectRefused(
      run({ action: 'set', kind: 'project', item: '#9' }),
      { code: 'rate_amount_missing', facts: {} },
      'To set a rate, give hourly (per hour) or fixed (per time entry), and internal if there is a cost rate.',
    );
    await expectRefused(
      run({ action: 'set', kind: 'project', item: 'Website', person: ' ' }),
      { code: 'rate_name_length', facts: { field: 'person', max: 200 } },
      'person is a name or number of 1 to 200 characters; leave it out for everyone.',
    );
    await expectRefused(
      run({ action: 'set', kind: 'project', item: 'Website', hourly: 2_000_000 }),
      { code: 'rate_amount_out_of_range', facts: { field: 'hourly', amount: 2_000_000, max: 1_000_000 } },
      "hourly is an amount in the currency's units, from 0 to 1,000,000; 2000000 is not.",
    );
  });

  it('an item unknown, and a rate to remove that there is not', async () => {
    const run = await withPart('admin_rates', ratesPart(), manageRates);
    await expectRefused(
      run({ action: 'list', kind: 'project', item: 'Web' }),
      {
        code: 'rate_item_not_found',
        facts: {
          kind: 'project',
          item: 'Web',
          close: [
            { id: 3, name: 'Website' },
            { id: 8, name: 'Website' },
          ],
        },
      },
      'No project "Web". Known: "Website" (#3), "Website" (#8).',
      'No project "Web". Known: "Website", "Website".',
    );
    await expectRefused(
      run({ action: 'list', kind: 'customer', item: 'Globex' }),
      { code: 'rate_item_not_found', facts: { kind: 'customer', item: 'Globex', close: [] } },
      'No customer "Globex". list_catalog shows them.',
      'No customer "Globex".',
    );
    await expectRefused(
      run({ action: 'remove', kind: 'project', item: '#9', person: 'Ada' }),
      { code: 'rate_none_to_remove', facts: { kind: 'project', item: { id: 9, name: 'Intranet' }, person: { id: 1, name: 'Ada Lovelace' } } },
      'The project "Intranet" (#9) has no rate for "Ada Lovelace" (#1). Nothing was removed.',
      'The project "Intranet" has no rate for "Ada Lovelace". Nothing was removed.',
    );
  });
});

const URGENT: AdminTag = { id: 4, name: 'urgent', color: null, archived: false };
const OLD: AdminTag = { id: 6, name: 'old', color: null, archived: true };

function tagsPart(changes: boolean): AdminTagsPart {
  const tags = [URGENT, OLD];
  return {
    tags: async () => tags,
    findTag: async (name) => tags.find((tag) => tag.name.toLowerCase() === name.toLowerCase()),
    createTag: never,
    ...(changes ? { renameTag: never, setTagArchived: never } : {}),
  };
}

describe('manage_tags refuses with codes and facts', () => {
  it("a tag's name missing, too short, with a comma, taken or its own", async () => {
    const run = await withPart('admin_tags', tagsPart(true), manageTags);
    await expectRefused(
      run({ action: 'create', name: ' ' }),
      { code: 'tag_name_missing', facts: { action: 'create' } },
      'To create a tag, give its new name as name.',
      'To create a tag, give its new name.',
    );
    await expectRefused(run({ action: 'create', name: 'x' }), { code: 'tag_name_length', facts: { length: 1 } }, 'A tag name is 2 to 100 characters long.');
    await expectRefused(
      run({ action: 'create', name: 'Design, UX' }),
      { code: 'tag_name_comma', facts: { name: 'Design, UX' } },
      'A tag name cannot hold a comma: entries list their tags separated by commas.',
    );
    await expectRefused(
      run({ action: 'create', name: 'Urgent' }),
      { code: 'tag_exists', facts: { tag: { id: 4, name: 'urgent' }, action: 'create' } },
      'The tag "urgent" (#4) exists already. Nothing was created.',
      'The tag "urgent" exists already. Nothing was created.',
    );
    await expectRefused(
      run({ action: 'rename', tag: 'old', name: 'URGENT' }),
      { code: 'tag_exists', facts: { tag: { id: 4, name: 'urgent' }, action: 'rename' } },
      'The tag "urgent" (#4) exists already. Nothing was renamed.',
    );
    await expectRefused(
      run({ action: 'rename', tag: '#4', name: 'urgent' }),
      { code: 'tag_name_same', facts: { tag: { id: 4, name: 'urgent' } } },
      'The tag "urgent" (#4) is called that already. Nothing was changed.',
    );
  });

  it('a tag unnamed, unknown, archived twice, or a change the back end cannot make', async () => {
    const run = await withPart('admin_tags', tagsPart(true), manageTags);
    await expectRefused(
      run({ action: 'archive' }),
      { code: 'tag_not_named', facts: { action: 'archive' } },
      'To archive a tag, name it as tag (its name, or its number from manage_tags list).',
      'To archive a tag, name it (its name).',
    );
    await expectRefused(
      run({ action: 'restore', tag: 'urgnet' }),
      { code: 'tag_not_found', facts: { tag: 'urgnet' } },
      'There is no tag "urgnet"; manage_tags with action list shows the tags. Nothing was changed.',
      'There is no tag "urgnet". Nothing was changed.',
    );
    await expectRefused(
      run({ action: 'archive', tag: 'old' }),
      { code: 'tag_archived_already', facts: { tag: { id: 6, name: 'old' }, archived: true } },
      'The tag "old" (#6) is archived already. Nothing was changed.',
    );
    await expectRefused(
      run({ action: 'restore', tag: 'urgent' }),
      { code: 'tag_archived_already', facts: { tag: { id: 4, name: 'urgent' }, archived: false } },
      'The tag "urgent" (#4) is in use, not archived, already. Nothing was changed.',
    );
    const unchanging = await withPart('admin_tags', tagsPart(false), manageTags);
    await expectRefused(
      unchanging({ action: 'rename', tag: 'urgent', name: 'soon' }),
      { code: 'tag_change_unsupported', facts: { action: 'rename' } },
      'This back end cannot rename a tag. Nothing was sent.',
    );
  });
});

function catalogPart(): CatalogAdminPart {
  return {
    catalogItem: async (kind, id): Promise<CatalogItemRecord> => ({
      kind,
      id,
      fields: {
        name: 'Intranet',
        budgetHours: null,
        budgetMoney: null,
        budgetPeriod: null,
        billable: true,
        comment: '',
        customer: ACME,
        start: '2026-01-01',
        end: '2026-12-31',
      },
    }),
    changeable: () => CHANGE_FIELDS,
    refusal: () => undefined,
    updateCatalogItem: never,
  };
}

describe('update_catalog_item refuses with codes and facts', () => {
  it('the item or the change missing, and fields a customer or an activity does not have', async () => {
    const run = await withPart('admin_catalog', catalogPart(), updateCatalogItem);
    await expectRefused(
      run({ kind: 'project', item: ' ', name: 'Web' }),
      { code: 'catalog_update_item_unnamed', facts: { kind: 'project' } },
      'Name the project to change as item: its id or its name (list_catalog shows both).',
      'Name the project to change: its id or its name.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet' }),
      { code: 'catalog_update_nothing_asked', facts: { kind: 'project' } },
      'Say what to change: name, budget_hours, budget_money, budget_period, billable or comment, customer, start or end. Nothing was sent.',
      'Say what to change: the name, budget, budget period, billable or comment, customer, start or end. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'activity', item: 'Design', customer: 'Acme' }),
      { code: 'catalog_update_customer_not_project', facts: { kind: 'activity' } },
      'Only a project has a customer: leave customer out for an activity. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'customer', item: 'Acme', end: '2026-12-31' }),
      { code: 'catalog_update_dates_not_project', facts: { kind: 'customer' } },
      'Only a project has start and end dates: leave start and end out for a customer. Nothing was sent.',
    );
  });

  it('values out of range, and dates out of order, given or against those kept', async () => {
    const run = await withPart('admin_catalog', catalogPart(), updateCatalogItem);
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', name: 'I' }),
      { code: 'catalog_update_name_length', facts: { length: 1 } },
      'A name is 2 to 150 characters long. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', comment: 'x'.repeat(5_001) }),
      { code: 'catalog_update_comment_too_long', facts: { length: 5_001, max: 5_000 } },
      'A comment is at most 5,000 characters long. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', budget_hours: -1 }),
      { code: 'catalog_update_budget_negative', facts: { field: 'budget_hours' } },
      'budget_hours cannot be negative: give 0 for no budget. Nothing was sent.',
      'The time budget cannot be negative: give 0 for no budget. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', budget_money: 2e9 }),
      { code: 'catalog_update_budget_too_large', facts: { field: 'budget_money', max: 1_000_000_000 } },
      "budget_money is at most 1,000,000,000 (in the customer's currency). Nothing was sent.",
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', start: '2026-06-02', end: '2026-06-01' }),
      { code: 'catalog_update_dates_out_of_order', facts: { start: '2026-06-02', end: '2026-06-01', given: 'both' } },
      'The start 2026-06-02 is after the end 2026-06-01: a project cannot start after it ends. Nothing was sent.',
      'The start Jun 2, 2026 is after the end Jun 1, 2026: a project cannot start after it ends. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', start: '2027-01-01' }),
      { code: 'catalog_update_dates_out_of_order', facts: { start: '2027-01-01', end: '2026-12-31', given: 'start' } },
      "The start 2027-01-01 is after the project's end 2026-12-31: give end too, or an earlier start. Nothing was sent.",
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', end: '2025-12-31' }),
      { code: 'catalog_update_dates_out_of_order', facts: { start: '2026-01-01', end: '2025-12-31', given: 'end' } },
      "The end 2025-12-31 is before the project's start 2026-01-01: give start too, or a later end. Nothing was sent.",
    );
  });

  it('an item named twice or unknown, and a new customer unnamed or archived', async () => {
    const run = await withPart('admin_catalog', catalogPart(), updateCatalogItem);
    await expectRefused(
      run({ kind: 'project', item: 'website', billable: false }),
      {
        code: 'catalog_update_item_ambiguous',
        facts: {
          kind: 'project',
          name: 'website',
          count: 2,
          items: [
            { id: 3, parent: 'Acme' },
            { id: 8, parent: 'Globex' },
          ],
        },
      },
      '2 projects are named "website": give the id of the one to change (#3 ("Acme"), #8 ("Globex")). Nothing was sent.',
      '2 projects are named "website": give the number of the one to change. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'customer', item: 'Acne', billable: false }),
      { code: 'catalog_update_item_not_found', facts: { kind: 'customer', name: 'Acne', listed: true } },
      'No customer "Acne". list_catalog shows the customers with their ids. Nothing was sent.',
      'No customer "Acne". Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', customer: ' ' }),
      { code: 'catalog_update_customer_unnamed', facts: {} },
      'Name the new customer as customer: its id or its name. Nothing was sent.',
    );
    await expectRefused(
      run({ kind: 'project', item: 'Intranet', customer: 'oldco' }),
      { code: 'catalog_update_customer_archived', facts: { customer: { id: 7, name: 'Oldco' } } },
      'The customer "Oldco" (#7) is archived: restore it first with archive_catalog_item. Nothing was sent.',
      'The customer "Oldco" is archived: restore it first. Nothing was sent.',
    );
  });

  it('an item unknown where the client lists no catalog', async () => {
    const run = await withPart('admin_catalog', catalogPart(), updateCatalogItem, { catalogListed: false });
    await expectRefused(
      run({ kind: 'activity', item: 'Desgin', billable: false }),
      { code: 'catalog_update_item_not_found', facts: { kind: 'activity', name: 'Desgin', listed: false } },
      'No activity "Desgin". Check the name with the person. Nothing was sent.',
    );
  });
});

const HOUR = 3_600_000;
/** Ada's entries of Monday 2 November 2026 on Website · Design, an hour each from 09:00 Berlin. */
const entries = (count: number): CorrectionSubject[] =>
  Array.from({ length: count }, (_, n) => {
    const start = Date.parse('2026-11-02T08:00:00Z') + n * HOUR;
    return {
      id: n + 1,
      start,
      end: start + HOUR,
      personId: 1,
      person: 'Ada Lovelace',
      login: 'ada',
      projectId: 3,
      activityId: 5,
      billable: false,
      exported: false,
      tags: [],
    };
  });

function correctionsPart(world: Partial<CorrectionWorld> = {}, count = 3, correct: CorrectionsPart['correct'] = never): CorrectionsPart {
  return {
    correctionWorld: async () => ({ entries: entries(count), locked: undefined, editsExported: false, covers: "everyone's time entries", ...world }),
    knownTags: async () => [],
    correct,
  };
}

const WEEK = { from: '2026-11-02', to: '2026-11-06' };

describe('correct_time_entries refuses with codes and facts', () => {
  it('nothing to set, a tag unknown, un-exporting without the right', async () => {
    const run = await withPart('admin_corrections', correctionsPart(), correctTimeEntries);
    await expectRefused(
      run({ ...WEEK, set: {} }),
      { code: 'corrections_nothing_set', facts: {} },
      'Say what changes in set: project, activity, billable, exported or add_tags. Nothing was changed.',
      'Say what changes: project, activity, billable, exported or tags to add. Nothing was changed.',
    );
    await expectRefused(
      run({ ...WEEK, set: { add_tags: ['urgent'] } }),
      { code: 'corrections_tag_unknown', facts: { tags: ['urgent'], why: null } },
      'There is no tag "urgent"; Kimai would drop it without a word. Create it first (manage_tags). Nothing was changed.',
      'There is no tag "urgent"; Kimai would drop it without a word. Create it first. Nothing was changed.',
    );
    await expectRefused(
      run({ ...WEEK, set: { exported: false } }),
      { code: 'corrections_unexport_denied', facts: {} },
      'Un-exporting entries needs the permission edit_exported_timesheet (Kimai gives it administrators); your account lacks it. Nothing was changed.',
    );
  });

  it('an activity that does not fit the new project, or that the move would clear where one is required', async () => {
    const kimai = await withPart('admin_corrections', correctionsPart({}, 7), correctTimeEntries);
    await expectRefused(
      kimai({ ...WEEK, set: { project: 'Intranet' } }),
      { code: 'corrections_activity_misfit', facts: { entries: [1, 2, 3, 4, 5], more: 2 } },
      'Entries #1, #2, #3, #4, #5 and 2 more have an activity of another project, which the new project cannot take: name set.activity (a global one or the project’s own). Nothing was changed.',
      '7 entries have an activity of another project, which the new project cannot take: name an activity (a global one or the project’s own). Nothing was changed.',
    );
    const tasks = { projectActivities: { noun: 'task', required: 'This workspace requires a task on every time entry' } };
    const clockify = await withPart('admin_corrections', correctionsPart(tasks, 2), correctTimeEntries);
    await expectRefused(
      clockify({ ...WEEK, set: { project: 'Intranet' } }),
      {
        code: 'corrections_activity_required',
        facts: { requirement: 'This workspace requires a task on every time entry', noun: 'task', entries: [1, 2], more: 0 },
      },
      "This workspace requires a task on every time entry, and the move would clear the task of #1, #2: name set.activity, one of the new project's tasks. Nothing was changed.",
      "This workspace requires a task on every time entry, and the move would clear the task of 2 entries: name the task, one of the new project's tasks. Nothing was changed.",
    );
  });

  it('a count that moved since the preview, with the preview as it is now', async () => {
    const run = await withPart('admin_corrections', correctionsPart(), correctTimeEntries);
    const preview = await run({ ...WEEK, set: { billable: true } });
    const words = preview.text.split('\n').slice(0, -1).join('\n');
    const error = (await run({ ...WEEK, set: { billable: true }, confirm_count: 2 }).catch((thrown: unknown) => thrown)) as ToolInputError;
    expect(error.refusal).toEqual({ code: 'corrections_count_moved', facts: { confirmed: 2, now: 3, preview: words } });
    expect(error.message).toBe(`confirm_count is 2 but the correction now covers 3 entries; nothing was changed. ${words}`);
    expect(peopleText(refusalSentence(error.refusal as Refusal))).toBe('The preview showed 2 entries, but the correction now covers 3; nothing was changed.');
  });

  it('more requests than the call has left', async () => {
    const run = await withPart('admin_corrections', correctionsPart(), correctTimeEntries);
    const scope = { requests: 2, deadlineMs: 10_000, cancelled: new AbortController().signal, tool: 'correct_time_entries' };
    await expectRefused(
      runInCallScope(scope, () => run({ ...WEEK, set: { billable: true }, confirm_count: 3 })),
      { code: 'corrections_too_many_requests', facts: { count: 3, each: 1, left: 2, limit: 40 } },
      'This would change 3 entries, one request each, and this call may send only 2 more (40 in all). Nothing was changed. Narrow it and correct in parts: a shorter range, fewer people, a project or activity, or ids.',
    );
  });

  it("the back end's refusal part-way, inside its own: what was changed and what was not", async () => {
    let calls = 0;
    const correct: CorrectionsPart['correct'] = async (subject) => {
      calls++;
      if (calls === 2) throw new BackEndError('entry_not_yours', { entry: subject.id });
      return { ...subject, billable: true };
    };
    const run = await withPart('admin_corrections', correctionsPart({}, 3, correct), correctTimeEntries);
    await expectRefused(
      run({ ...WEEK, set: { billable: true }, confirm_count: 3 }),
      { code: 'corrections_stopped', facts: { changed: [1], not_changed: [2, 3], cause: { code: 'entry_not_yours', facts: { entry: 2 } } } },
      'Changed #1; then: Time entry #2 is not yours; Punchcard only reads and changes your own entries. Not changed: #2, #3. Preview again for what is still to change.',
      'Changed 1 entry; then: This time entry is not yours; Punchcard only reads and changes your own entries. Not changed: 2 entries. Preview again for what is still to change.',
    );
  });
});

describe('list_invoices refuses with a code', () => {
  it('a customer unknown, naming close ones', async () => {
    const run = await withPart('admin_invoices', { invoices: never }, listInvoices);
    await expectRefused(
      run({ customer: 'Ac' }),
      { code: 'invoices_customer_not_found', facts: { customer: 'Ac', close: [ACME] } },
      'There is no customer "Ac"; did you mean "Acme" (#4)?',
      'There is no customer "Ac"; did you mean "Acme"?',
    );
    await expectRefused(
      run({ customer: 'Globex' }),
      { code: 'invoices_customer_not_found', facts: { customer: 'Globex', close: [] } },
      'There is no customer "Globex"; list_catalog shows the customers.',
      'There is no customer "Globex".',
    );
  });
});
