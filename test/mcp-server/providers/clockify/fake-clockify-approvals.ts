// The fake Clockify's approval requests (fake-clockify.ts registers these routes), as Clockify's Approval
// API describes them: getApprovalRequests lists a bare array of ApprovalDetailsDtoV1 (the request, its
// totals as ISO-8601 durations, its entries and expenses inline), filtered by `status` (PENDING,
// APPROVED, WITHDRAWN_APPROVAL; anything else 400), sorted by `sort-column` and `sort-order`, paged by
// `page` and `page-size` (default 50); createApprovalRequest and createApprovalForOther submit a period
// (`{periodStart, period}`, the period the workspace's setting names, 201 with ApprovalRequestDtoV1);
// updateApprovalStatus PATCHes `{state, note}`. There is no GET by id. Errors are `{message, code}`.
//
// Quirks kept on purpose (seen on the live API by others): a REJECTED request, like a withdrawn
// submission, reverts to unsubmitted and is listed no more, so "rejected" shows only on the PATCH
// answer; approved entries are locked for everyone, admins included, until the approval is withdrawn
// (lockedByApproval, which the entry PUT and DELETE in fake-clockify.ts ask). A new entry inside an
// approved period is taken, from the person or for them: the approval locks the period's entries, not
// the period, as resubmitApprovalRequest shows (it adds a period's entries that are neither pending nor
// approved to its request). GUESS: such an entry is then locked for changes as the period's others are.
//
// Who approves: owners and admins everyone's; besides them the workspace setting names either team
// managers (the members they manage, directly or through user groups they manage) or project managers
// (a person whose period has time on a project they manage). A person never approves, rejects or
// withdraws the approval of their own request unless they are an admin (GUESS for admins: the web app
// lets an admin approve their own).
//
// GUESS: the plan gate is the workspace's APPROVAL feature (Standard and up); without it every route
// here is a 403. A period starts on a Monday (WEEKLY), the 1st or 16th (SEMI_MONTHLY) or the 1st
// (MONTHLY); `periodStart` is a date or a date-time whose date (UTC) counts. Without `status` the list
// holds every listable request. A regular member lists only their own requests; a manager also those
// they may approve. Project managers' approvals are not combined: one approver's approval approves the
// whole request (Clockify waits for every project manager). The fake keeps no expenses and no amounts
// here: expenses[] is empty and the amounts are 0.
import { HttpAnswer } from '../../../support/fake-server.ts';
import { localDay } from '../../../support/wall-clock.ts';
import type { Call, FakeClockifyState, FakeEntry, FakeUser, FakeWorkspace } from './fake-clockify.ts';
import { newId, utc } from './fake-clockify.ts';

export type ApprovalPeriod = 'WEEKLY' | 'SEMI_MONTHLY' | 'MONTHLY';
export type ApprovalState = 'PENDING' | 'APPROVED' | 'WITHDRAWN_APPROVAL';

/** The workspace's approval settings (the fake's; Clockify's WorkspaceSettingsDtoV1 shows none of them). */
export interface FakeApprovalSettings {
  period: ApprovalPeriod;
  /** Besides owners and admins: team managers or project managers. */
  approvers: 'TEAM_MANAGERS' | 'PROJECT_MANAGERS';
}

export interface FakeApprovalRequest {
  id: string;
  workspaceId: string;
  ownerId: string;
  creatorId: string;
  /** 'YYYY-MM-DD', both included. */
  start: string;
  end: string;
  state: ApprovalState;
  note: string;
  updatedAt: number;
  updatedBy: string;
}

export interface ApprovalRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  now(): number;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
  entryJson(entry: FakeEntry): Record<string, unknown>;
}

const DEFAULT_SETTINGS: FakeApprovalSettings = { period: 'WEEKLY', approvers: 'TEAM_MANAGERS' };
const LISTABLE: ApprovalState[] = ['PENDING', 'APPROVED', 'WITHDRAWN_APPROVAL'];
const SORT_COLUMNS = ['ID', 'USER_ID', 'START', 'UPDATED_AT'];

/** The fake's approval data, per fake (by its state), as fake-clockify-corrections.ts keeps its marks. */
const stores = new WeakMap<FakeClockifyState, { requests: FakeApprovalRequest[]; settings: Map<string, FakeApprovalSettings> }>();
function storeOf(state: FakeClockifyState) {
  let found = stores.get(state);
  if (!found) stores.set(state, (found = { requests: [], settings: new Map() }));
  return found;
}

/** The fake's approval requests (tests may read and seed them). */
export function approvalRequestsOf(state: FakeClockifyState): FakeApprovalRequest[] {
  return storeOf(state).requests;
}

/** Sets a workspace's approval period and approvers (default WEEKLY, team managers). */
export function setApprovalSettings(state: FakeClockifyState, workspaceId: string, settings: Partial<FakeApprovalSettings>): void {
  const store = storeOf(state);
  store.settings.set(workspaceId, { ...(store.settings.get(workspaceId) ?? DEFAULT_SETTINGS), ...settings });
}

const settingsOf = (state: FakeClockifyState, workspaceId: string) => storeOf(state).settings.get(workspaceId) ?? DEFAULT_SETTINGS;

const zoneOf = (state: FakeClockifyState, userId: string) => state.users.find((user) => user.id === userId)?.timeZone ?? 'UTC';
/** The entry's day in its person's zone. */
const entryDay = (state: FakeClockifyState, entry: Pick<FakeEntry, 'userId' | 'start'>) => localDay(entry.start, zoneOf(state, entry.userId));

/** Whether an approved request covers the entry: then nobody, admins included, may change or delete it. */
export function lockedByApproval(state: FakeClockifyState, entry: Pick<FakeEntry, 'workspaceId' | 'userId' | 'start'>): boolean {
  const day = entryDay(state, entry);
  return storeOf(state).requests.some(
    (request) =>
      request.state === 'APPROVED' &&
      request.workspaceId === entry.workspaceId &&
      request.ownerId === entry.userId &&
      request.start <= day &&
      day <= request.end,
  );
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lastOfMonth = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The period's last day, or undefined where the day does not start such a period. */
function periodEnd(start: string, period: ApprovalPeriod): string | undefined {
  const dayOfMonth = Number(start.slice(8, 10));
  if (period === 'WEEKLY') return new Date(`${start}T00:00:00Z`).getUTCDay() === 1 ? addDays(start, 6) : undefined;
  if (period === 'MONTHLY') return dayOfMonth === 1 ? lastOfMonth(start) : undefined;
  if (dayOfMonth === 1) return `${start.slice(0, 8)}15`;
  return dayOfMonth === 16 ? lastOfMonth(start) : undefined;
}

function isoDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

export function registerApprovalRoutes(kit: ApprovalRouteKit): void {
  const { route, state, refuse } = kit;
  const requests = () => storeOf(state).requests;

  /** The workspace, if its plan has approvals. */
  const approvalWorkspace = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!workspace.features.includes('APPROVAL')) throw refuse(403, 'Approval is not available on your subscription plan. Upgrade to use it.', 4031);
    return workspace;
  };
  const userOf = (id: string) => state.users.find((user) => user.id === id);
  const periodEntries = (request: FakeApprovalRequest) =>
    state.entries.filter((entry) => {
      if (entry.workspaceId !== request.workspaceId || entry.userId !== request.ownerId || entry.end === null) return false;
      const day = entryDay(state, entry);
      return request.start <= day && day <= request.end;
    });

  /** Whether the user may decide the request: an admin, or the approver the workspace's setting names (never for their own). */
  const mayDecide = (user: FakeUser, request: FakeApprovalRequest): boolean => {
    if (kit.isAdmin(user, request.workspaceId)) return true;
    if (user.id === request.ownerId) return false;
    if (settingsOf(state, request.workspaceId).approvers === 'TEAM_MANAGERS') {
      return (
        state.teamManagers.some((item) => item.workspaceId === request.workspaceId && item.managerId === user.id && item.memberId === request.ownerId) ||
        state.userGroups.some(
          (group) => group.workspaceId === request.workspaceId && group.managerIds.includes(user.id) && group.userIds.includes(request.ownerId),
        )
      );
    }
    return periodEntries(request).some((entry) =>
      state.projectManagers.some((item) => item.workspaceId === request.workspaceId && item.managerId === user.id && item.projectId === entry.projectId),
    );
  };

  const requestJson = (request: FakeApprovalRequest, shownState: string = request.state) => {
    const owner = userOf(request.ownerId);
    const creator = userOf(request.creatorId);
    return {
      id: request.id,
      workspaceId: request.workspaceId,
      dateRange: { start: `${request.start}T00:00:00Z`, end: `${request.end}T23:59:59Z` },
      creator: { userId: request.creatorId, userName: creator?.name ?? '', userEmail: creator?.email ?? '' },
      owner: { userId: request.ownerId, userName: owner?.name ?? '', timeZone: owner?.timeZone ?? 'UTC', startOfWeek: 'MONDAY' },
      status: {
        state: shownState,
        note: request.note,
        updatedAt: utc(request.updatedAt),
        updatedBy: request.updatedBy,
        updatedByUserName: userOf(request.updatedBy)?.name ?? '',
      },
    };
  };

  const detailsJson = (request: FakeApprovalRequest) => {
    const entries = periodEntries(request);
    const sum = (items: FakeEntry[]) => items.reduce((total, entry) => total + ((entry.end ?? entry.start) - entry.start), 0);
    const tracked = sum(entries);
    return {
      approvalRequest: requestJson(request),
      trackedTime: isoDuration(tracked),
      approvedTime: isoDuration(request.state === 'APPROVED' ? tracked : 0),
      pendingTime: isoDuration(request.state === 'PENDING' ? tracked : 0),
      billableTime: isoDuration(sum(entries.filter((entry) => entry.billable))),
      breakTime: isoDuration(sum(entries.filter((entry) => entry.type === 'BREAK'))),
      billableAmount: 0,
      costAmount: 0,
      expenseTotal: 0,
      entries: entries.sort((a, b) => a.start - b.start).map((entry) => ({ ...kit.entryJson(entry), approvalRequestId: request.id })),
      expenses: [],
    };
  };

  route('GET', '/workspaces/:workspaceId/approval-requests', (call) => {
    const workspace = approvalWorkspace(call);
    const status = call.query.get('status');
    if (status !== null && !LISTABLE.includes(status as ApprovalState)) throw refuse(400, `status: must be one of ${LISTABLE.join(', ')}`);
    const column = call.query.get('sort-column') ?? 'START';
    if (!SORT_COLUMNS.includes(column)) throw refuse(400, `sort-column: must be one of ${SORT_COLUMNS.join(', ')}`);
    const order = call.query.get('sort-order') ?? 'ASCENDING';
    if (order !== 'ASCENDING' && order !== 'DESCENDING') throw refuse(400, 'sort-order: must be ASCENDING or DESCENDING');
    const key = (request: FakeApprovalRequest): string =>
      column === 'ID' ? request.id : column === 'USER_ID' ? request.ownerId : column === 'START' ? request.start : String(request.updatedAt).padStart(16, '0');
    const listed = requests()
      .filter((request) => request.workspaceId === workspace.id && (status === null || request.state === status))
      .filter((request) => request.ownerId === call.user.id || mayDecide(call.user, request))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1) * (order === 'DESCENDING' ? -1 : 1));
    const page = Math.max(1, Number(call.query.get('page') ?? 1) || 1);
    const size = Math.min(1000, Math.max(1, Number(call.query.get('page-size') ?? 50) || 50));
    // A bare array, as the API answers it (no envelope, no Last-Page header: GUESS).
    return listed.slice((page - 1) * size, page * size).map(detailsJson);
  });

  const submit = (call: Call, workspace: FakeWorkspace, owner: FakeUser) => {
    const { periodStart, period } = call.body;
    if (typeof periodStart !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(periodStart) || Number.isNaN(Date.parse(periodStart.slice(0, 10))))
      throw refuse(400, 'periodStart: must not be null');
    if (period !== 'WEEKLY' && period !== 'SEMI_MONTHLY' && period !== 'MONTHLY') throw refuse(400, 'period: must be one of WEEKLY, SEMI_MONTHLY, MONTHLY');
    if (period !== settingsOf(state, workspace.id).period) throw refuse(400, 'Period has to match the workspace approval period setting', 501);
    const start = periodStart.slice(0, 10);
    const end = periodEnd(start, period);
    if (end === undefined) throw refuse(400, `periodStart does not start a ${period} period`, 501);
    if (
      requests().some(
        (request) => request.workspaceId === workspace.id && request.ownerId === owner.id && request.start === start && request.state !== 'WITHDRAWN_APPROVAL',
      )
    )
      throw refuse(400, 'Approval request for this period already exists', 501);
    // A request whose approval was withdrawn is submitted anew in its place.
    const stale = requests().findIndex((request) => request.workspaceId === workspace.id && request.ownerId === owner.id && request.start === start);
    if (stale >= 0) requests().splice(stale, 1);
    const request: FakeApprovalRequest = {
      id: newId(0x61),
      workspaceId: workspace.id,
      ownerId: owner.id,
      creatorId: call.user.id,
      start,
      end,
      state: 'PENDING',
      note: '',
      updatedAt: kit.now(),
      updatedBy: call.user.id,
    };
    requests().push(request);
    return new HttpAnswer(201, requestJson(request));
  };

  route('POST', '/workspaces/:workspaceId/approval-requests', (call) => {
    const workspace = approvalWorkspace(call);
    return submit(call, workspace, call.user);
  });

  route('POST', '/workspaces/:workspaceId/approval-requests/users/:userId', (call) => {
    const workspace = approvalWorkspace(call);
    const owner = state.users.find((user) => user.id === call.params.userId && user.workspaces.includes(workspace.id));
    if (!owner) throw refuse(404, 'User not found', 501);
    // For another person: an admin, or their approver (as if the period were theirs to decide).
    const probe: FakeApprovalRequest = {
      id: '',
      workspaceId: workspace.id,
      ownerId: owner.id,
      creatorId: call.user.id,
      start: '0000-01-01',
      end: '9999-12-31',
      state: 'PENDING',
      note: '',
      updatedAt: 0,
      updatedBy: '',
    };
    if (owner.id !== call.user.id && !mayDecide(call.user, probe)) throw refuse(403, 'Access Denied');
    return submit(call, workspace, owner);
  });

  route('PATCH', '/workspaces/:workspaceId/approval-requests/:id', (call) => {
    const workspace = approvalWorkspace(call);
    const request = requests().find((item) => item.id === call.params.id && item.workspaceId === workspace.id);
    if (!request) throw refuse(404, 'Approval request not found', 501);
    const { state: wanted, note } = call.body;
    if (note !== undefined && typeof note !== 'string') throw refuse(400, 'note: must be a string');
    const own = request.ownerId === call.user.id;
    const mayAct = own || mayDecide(call.user, request);
    if (!mayAct) throw refuse(403, 'Access Denied');
    const decide = () => {
      if (!mayDecide(call.user, request)) throw refuse(403, 'Access Denied');
    };
    const stamp = (next: ApprovalState) => {
      request.state = next;
      request.note = typeof note === 'string' ? note : '';
      request.updatedAt = kit.now();
      request.updatedBy = call.user.id;
    };
    const revert = (shown: string) => {
      // The request goes back to unsubmitted: it is listed no more; only this answer shows the state.
      stamp(request.state);
      requests().splice(requests().indexOf(request), 1);
      return requestJson(request, shown);
    };
    switch (wanted) {
      case 'APPROVED':
        decide();
        if (request.state === 'APPROVED') throw refuse(400, 'Approval request is already approved', 501);
        stamp('APPROVED');
        return requestJson(request);
      case 'REJECTED':
        decide();
        if (request.state === 'APPROVED') throw refuse(400, 'An approved request cannot be rejected; withdraw the approval first', 501);
        return revert('REJECTED');
      case 'WITHDRAWN_SUBMISSION':
        // GUESS: an admin withdraws another's pending submission too (Clockify's record then names the admin in
        // status.updatedBy); a manager does not.
        if (!own && !kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Only the owner of the request can withdraw its submission');
        if (request.state === 'APPROVED') throw refuse(400, 'An approved request cannot be withdrawn by its owner', 501);
        return revert('WITHDRAWN_SUBMISSION');
      case 'WITHDRAWN_APPROVAL':
        if (own) throw refuse(403, 'Access Denied');
        decide();
        if (request.state !== 'APPROVED') throw refuse(400, 'Only an approved request can have its approval withdrawn', 501);
        stamp('WITHDRAWN_APPROVAL');
        return requestJson(request);
      case 'PENDING':
        throw refuse(400, 'A request cannot be set back to PENDING; submit it again', 501);
      default:
        throw refuse(400, 'state: must be one of PENDING, APPROVED, WITHDRAWN_SUBMISSION, WITHDRAWN_APPROVAL, REJECTED');
    }
  });
}
