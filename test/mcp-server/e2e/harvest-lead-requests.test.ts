// What each tool of a lead or an administrator sends to Harvest, counted in the fake's log (docs/back-ends/harvest.md,
// "Requests per call"): cold, the first call after the engine learned the role (the person, the company, the people
// and the catalog not read yet); warm, the same call again within five minutes. And the limit that keeps a call within
// Harvest's 100 requests in 15 seconds a token: team_report reads at most twenty people a call, a larger limit read
// as twenty, the rest at next_offset.
import { describe, expect, it } from 'vitest';
import { accept } from '../../support/admin-engine.ts';
import { BOB, harvestRoles, requestsOf } from '../../support/harvest-roles.ts';
import type { FakeHarvest } from '../providers/harvest/fake-harvest.ts';

const LEAD_TOOLS = [
  'team_report',
  'project_status',
  'manage_people',
  'manage_rates',
  'create_catalog_item',
  'update_catalog_item',
  'archive_catalog_item',
  'list_invoices',
  'list_timesheet_approvals',
];
const { company, connect } = harvestRoles({ team: true, admin: true, approvals: true }, { archive_catalog_item: true });

/** Each tool's call cold, then warm: the same, or the same kind of change to another item. */
const WEEK = { from: '2026-11-16', to: '2026-11-18' };
const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const ARGS: Readonly<Record<string, readonly [Record<string, unknown>, Record<string, unknown>]>> = {
  team_report: [WEEK, WEEK],
  project_status: [{ project: 'Website' }, { project: 'Website' }],
  manage_people: [{ action: 'list' }, { action: 'list' }],
  manage_rates: [
    { action: 'set', kind: 'workspace', item: 'Acme', person: 'Ada Lovelace', hourly: 90 },
    { action: 'set', kind: 'workspace', item: 'Acme', person: 'Max Manager', hourly: 95 },
  ],
  create_catalog_item: [
    { kind: 'customer', name: 'Umbrella' },
    { kind: 'customer', name: 'Hooli' },
  ],
  update_catalog_item: [
    { kind: 'project', item: 'Website', name: 'Website 2027' },
    { kind: 'project', item: 'Internal', name: 'Internal 2027' },
  ],
  archive_catalog_item: [
    { kind: 'customer', id: 8_001 },
    { kind: 'customer', id: 8_002 },
  ],
  list_invoices: [MONTH, MONTH],
  list_timesheet_approvals: [
    { person: '*', from: '2026-11-16', to: '2026-11-22' },
    { person: '*', from: '2026-11-09', to: '2026-11-15' },
  ],
};

const ENTRIES = 'GET /v2/time_entries';
const USERS = 'GET /v2/users';
const ASSIGNMENTS = 'GET /v2/users/me/project_assignments';
/**
 * What each sends for Bob, the administrator, of the company's four people, ids as {id}: cold, then warm. A write's
 * next call reads again what the write changed (the catalog: the person's assignments; the people). update_catalog_item
 * reads the item once to ask and again once answered, so a change made meanwhile is seen (tools/asking.ts).
 */
const PER_TOOL: ReadonlyArray<[string, string[], string[]]> = [
  ['team_report', [USERS, ENTRIES, ENTRIES, ENTRIES, ENTRIES], [ENTRIES, ENTRIES, ENTRIES, ENTRIES]],
  ['project_status', ['GET /v2/projects', 'GET /v2/projects/{id}', ENTRIES], ['GET /v2/projects/{id}', ENTRIES]],
  ['manage_people', [USERS], [USERS]],
  ['manage_rates', [USERS, 'POST /v2/users/{id}/billable_rates'], [USERS, 'POST /v2/users/{id}/billable_rates']],
  ['create_catalog_item', ['POST /v2/clients'], [ASSIGNMENTS, 'POST /v2/clients']],
  [
    'update_catalog_item',
    ['GET /v2/clients', 'GET /v2/projects', 'GET /v2/projects/{id}', 'GET /v2/projects/{id}', 'PATCH /v2/projects/{id}'],
    [ASSIGNMENTS, 'GET /v2/clients', 'GET /v2/projects', 'GET /v2/projects/{id}', 'GET /v2/projects/{id}', 'PATCH /v2/projects/{id}'],
  ],
  ['archive_catalog_item', ['PATCH /v2/clients/{id}'], [ASSIGNMENTS, 'PATCH /v2/clients/{id}']],
  ['list_invoices', ['GET /v2/invoices'], ['GET /v2/invoices']],
  // Everyone but Bob himself: his own weeks are not his to decide.
  ['list_timesheet_approvals', [USERS, ENTRIES, ENTRIES, ENTRIES], [ENTRIES, ENTRIES, ENTRIES]],
];

const acmeOf = (fake: FakeHarvest) => fake.state.clients.find((client) => client.name === 'Acme')?.id ?? 0;

type Report = { people: Array<{ id: number }>; total_people: number; next_offset: number | null };

/** The requests Bob's engine sends for one call, as "METHOD path". */
async function sentBy(fake: FakeHarvest, call: () => Promise<{ isError?: boolean }>): Promise<string[]> {
  const before = requestsOf(fake, BOB).length;
  const result = await call();
  expect(result.isError).toBeFalsy();
  return requestsOf(fake, BOB)
    .slice(before)
    .map((request) => `${request.method} ${request.path}`);
}

describe("what a lead's and an administrator's tools send to Harvest", () => {
  it('reads at most twenty of 25 people a call, within 40 requests, a larger limit read as twenty; the rest at next_offset', async () => {
    const { fake } = await company();
    // The company's four and 21 more: 25 people active.
    for (let index = 0; index < 21; index++) {
      fake.state.users.push({
        ...(fake.state.users[0] as (typeof fake.state.users)[number]),
        id: 3_000 + index,
        first_name: 'Zoe',
        last_name: `Z${String(index).padStart(2, '0')}`,
        email: `zoe${index}@example.com`,
        token: `pat-zoe-${index}`,
      });
    }
    const bob = await connect(fake, BOB, { tools: LEAD_TOOLS, offered: LEAD_TOOLS }, accept);
    const week = { from: '2026-11-16', to: '2026-11-18' };
    let first: Report | undefined;
    const cold = await sentBy(fake, async () => {
      const result = await bob.call('team_report', { ...week, limit: 50 });
      first = result.structuredContent as Report;
      return result;
    });
    expect(first?.people).toHaveLength(20);
    expect(first?.total_people).toBe(25);
    expect(first?.next_offset).toBe(20);
    expect(cold.length).toBeLessThanOrEqual(40);
    expect(cold.filter((request) => request === 'GET /v2/time_entries')).toHaveLength(20);
    let rest: Report | undefined;
    const warm = await sentBy(fake, async () => {
      const result = await bob.call('team_report', { ...week, offset: 20, limit: 50 });
      rest = result.structuredContent as Report;
      return result;
    });
    expect(rest?.people).toHaveLength(5);
    expect(rest?.next_offset).toBeNull();
    expect(warm).toEqual(Array(5).fill('GET /v2/time_entries'));
    // Every one of the 25 once, across the two windows.
    expect(new Set([...(first?.people ?? []), ...(rest?.people ?? [])].map((person) => person.id)).size).toBe(25);
  });

  it.each(PER_TOOL)('%s sends these requests cold, and these warm (docs/back-ends/harvest.md, "Requests per call")', async (tool, cold, warm) => {
    const { fake, website } = await company();
    fake.state.invoices.push({
      id: fake.newId(),
      clientId: acmeOf(fake),
      number: '2026-001',
      amount: 100,
      currency: 'EUR',
      state: 'open',
      issue_date: '2026-11-09',
      projectIds: [website],
    });
    fake.state.clients.push({ id: 8_001, name: 'Globex' }, { id: 8_002, name: 'Initech' });
    const bob = await connect(fake, BOB, { tools: LEAD_TOOLS, offered: LEAD_TOOLS }, accept);
    const [first, second] = ARGS[tool] as [Record<string, unknown>, Record<string, unknown>];
    const shown = (sent: string[]) => sent.map((request) => request.replace(/\/\d+(?=\/|$)/g, '/{id}'));
    expect(shown(await sentBy(fake, () => bob.call(tool, first)))).toEqual(cold);
    expect(shown(await sentBy(fake, () => bob.call(tool, second)))).toEqual(warm);
  });
});
