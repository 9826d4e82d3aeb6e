// The Clockify approvals part over the fake Clockify, where the engine's tools do not reach yet or where a
// call's work is counted (providers/clockify/approvals/approvals.ts): the locks of approved periods (the person's,
// or a named user's for an administrator's change; none for a pending one), the scan of the lists bounded
// to MAX_PAGES pages a state, and a page read once a call.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { MAX_PAGES } from '../../../../mcp-server/providers/clockify/approvals/approvals.ts';
import { APPROVAL_PAGE } from '../../../../mcp-server/providers/clockify/api.ts';
import { loadClockifyTracker } from '../../../../mcp-server/providers/clockify/tracker.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import type { ApprovalsPart } from '../../../../mcp-server/providers/time-tracker.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { type ApprovalState, approvalRequestsOf } from './fake-clockify-approvals.ts';
import { ADA_KEY, addMembers, BOB_KEY, type FakeClockify, SEED, seedTeam, seedWorkspace, startFakeClockify } from './fake-clockify.ts';

const NOW = '2026-11-19T15:00:00+01:00';
const opened = closeAfterEach();

async function workspace(): Promise<FakeClockify> {
  const fake = opened(await startFakeClockify({ now: clockStartingAt(NOW) }));
  seedWorkspace(fake);
  seedTeam(fake);
  return fake;
}

async function approvalsOf(fake: FakeClockify, key: string): Promise<ApprovalsPart> {
  const tracker = (await loadClockifyTracker())({
    profile: { type: 'clockify', url: fake.url } as never,
    secret: async () => key,
    userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-approvals-')),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: clockStartingAt(NOW),
    log: () => {},
  });
  opened({ close: async () => tracker.close?.() });
  if (!tracker.approvals) throw new Error('The Clockify tracker has no approvals part.');
  return tracker.approvals;
}

let next = 0;
function request(fake: FakeClockify, ownerId: string, start: string, end: string, state: ApprovalState): string {
  const id = `6666666100000000000f${String(++next).padStart(4, '0')}`;
  approvalRequestsOf(fake.state).push({
    id,
    workspaceId: SEED.workspaces.acme,
    ownerId,
    creatorId: ownerId,
    start,
    end,
    state,
    note: '',
    updatedAt: Date.parse(NOW),
    updatedBy: ownerId,
  });
  return id;
}

const call = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);
const lists = (fake: FakeClockify) => fake.requests.filter((item) => item.path.endsWith('/approval-requests') && item.method === 'GET');

describe('the locks of approved periods on Clockify', () => {
  it("are the person's approved periods touching the days, reopened by an approver; a pending one locks nothing", async () => {
    const fake = await workspace();
    request(fake, SEED.users.ada, '2026-11-02', '2026-11-08', 'APPROVED');
    request(fake, SEED.users.ada, '2026-11-09', '2026-11-15', 'PENDING');
    request(fake, SEED.users.cleo, '2026-11-09', '2026-11-15', 'APPROVED');
    const ada = await approvalsOf(fake, ADA_KEY);
    expect(await call(() => ada.locks({ firstDay: '2026-11-06', lastDay: '2026-11-12' }))).toEqual([
      { firstDay: '2026-11-02', lastDay: '2026-11-08', status: 'approved', reopenedBy: 'an_approver' },
    ]);
    expect(await call(() => ada.locks({ firstDay: '2026-11-09', lastDay: '2026-11-12' }))).toEqual([]);
    // One request a check: the approved list.
    expect(lists(fake).map((item) => new URLSearchParams(item.query).get('status'))).toEqual(['APPROVED', 'APPROVED']);
  });

  it("are a named user's for an administrator, whose lists hold everyone's", async () => {
    const fake = await workspace();
    request(fake, SEED.users.cleo, '2026-11-09', '2026-11-15', 'APPROVED');
    request(fake, SEED.users.bob, '2026-11-16', '2026-11-22', 'APPROVED');
    const bob = await approvalsOf(fake, BOB_KEY);
    const span = { firstDay: '2026-11-01', lastDay: '2026-11-30' };
    expect(await call(() => bob.locks(span, SEED.users.cleo))).toEqual([expect.objectContaining({ firstDay: '2026-11-09', lastDay: '2026-11-15' })]);
    expect(await call(() => bob.locks(span))).toEqual([expect.objectContaining({ firstDay: '2026-11-16', lastDay: '2026-11-22' })]);
  });
});

describe("the scan of Clockify's lists", () => {
  it(`stops after ${MAX_PAGES} pages of a state, and reads a page once a call`, async () => {
    const fake = await workspace();
    // More pending requests than MAX_PAGES pages hold, all of the same week: the scan never finds an older one to stop at.
    const people = addMembers(fake, MAX_PAGES * APPROVAL_PAGE + 10);
    for (const person of people) request(fake, person.id, '2026-11-09', '2026-11-15', 'PENDING');
    const bob = await approvalsOf(fake, BOB_KEY);
    const span = { firstDay: '2026-11-09', lastDay: '2026-11-15' };
    const found = await call(async () => {
      const first = await bob.toDecide({ span, status: 'pending', person: undefined, limit: 1_000 });
      // The same call again: the pages it read are read no more.
      await bob.toDecide({ span, status: 'pending', person: undefined, limit: 1_000 });
      return first;
    });
    expect(found).toHaveLength(MAX_PAGES * APPROVAL_PAGE);
    expect(lists(fake)).toHaveLength(MAX_PAGES);
    // An id past the pages scanned (the fake sorts a day's requests by id, descending here) is not found, and nothing is sent.
    const last = approvalRequestsOf(fake.state)[0]?.id as string;
    await expect(call(() => bob.findForDecision(last))).rejects.toMatchObject({ refusal: { code: 'timesheet_submission_not_found' } });
    expect(fake.requests.filter((item) => item.method === 'PATCH')).toEqual([]);
  });

  it('calls no request of the person rejected that may lie past the pages read', async () => {
    const fake = await workspace();
    const bob = await approvalsOf(fake, BOB_KEY);
    const week = { firstDay: '2026-11-09', lastDay: '2026-11-15' };
    const mine = await call(() => bob.submit(week, 'week'));
    // Then more requests of a later week than four pages hold: Bob's, still pending, sorts past them.
    for (const person of addMembers(fake, MAX_PAGES * APPROVAL_PAGE + 10)) request(fake, person.id, '2026-11-16', '2026-11-22', 'PENDING');
    const own = await call(() => bob.own(week));
    expect(own.filter((item) => item.id === mine.id && item.status === 'rejected')).toEqual([]);
    expect(approvalRequestsOf(fake.state).find((item) => item.id === mine.id)?.state).toBe('PENDING');
  });
});

describe('a refusal of the approval-requests API', () => {
  it('of one request gone (404) is that request not found, and leaves the approvals offered: no feature missing', async () => {
    const fake = await workspace();
    const cleos = request(fake, SEED.users.cleo, '2026-11-09', '2026-11-15', 'PENDING');
    const logs: string[] = [];
    const tracker = (await loadClockifyTracker())({
      profile: { type: 'clockify', url: fake.url } as never,
      secret: async () => BOB_KEY,
      userDataDir: mkdtempSync(join(tmpdir(), 'punchcard-clockify-approvals-')),
      workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
      holidays: async () => new Map(),
      timezone: () => 'Europe/Berlin',
      now: clockStartingAt(NOW),
      log: (line) => logs.push(line),
    });
    opened({ close: async () => tracker.close?.() });
    const bob = tracker.approvals as ApprovalsPart;
    const found = await call(() => bob.findForDecision(cleos));
    // Cleo withdrew it meanwhile: Clockify knows no such request.
    approvalRequestsOf(fake.state).splice(0);
    const refused = await call(() => bob.decide(found, 'approve', undefined)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ refusal: { code: 'timesheet_submission_not_found', facts: { id: cleos } } });
    expect(tracker.capabilities.has('approvals')).toBe(true);
    expect(logs.filter((line) => /approvals/i.test(line))).toEqual([]);
  });
});
