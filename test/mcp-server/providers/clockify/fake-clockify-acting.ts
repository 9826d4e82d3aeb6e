// How the fake Clockify lets one key act for others (docs/back-ends/clockify.md, "Acting for others"), as Clockify's
// OpenAPI gives the operations (time-entry.yml): createForOthers (`POST …/user/{userId}/time-entries`, 201 with the
// entry), beside getTimeEntries and stopRunningTimeEntry on the same path (fake-clockify.ts). Who may: the owner and
// admins; a team manager for the members they manage only where the workspace lets team managers add time for others
// (FakeWorkspace.teamManagersTrackForOthers). The booking's rights are the CALLER's: an admin's key books anyone on
// any project, private ones included, and the workspace's lock (`lockTimeEntries`) does not bind an admin. Clockify
// narrows nothing to the person named in the path; the fake keeps it so, so a test proves the narrowing Punchcard does.
//
// GUESS: the OpenAPI says nothing of who may or of the plan; the fake answers 403 "Access Denied" to a member acting
// for another, and 403 in the plan's words on a FREE workspace. A member whose membership is INACTIVE or PENDING is
// booked for like any other (Clockify's answer is not documented): only Punchcard's own check refuses them.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { Body, Call, FakeClockifyState, FakeEntry, FakeProject, FakeUser, FakeWorkspace } from './fake-clockify.ts';
import { newId } from './fake-clockify.ts';
import { newEntryValues, refuseMissingRequired, sentValues } from './fake-clockify-fields.ts';

/** What the fake's routes share with these. */
export interface ActingRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  /** Whether `user` manages `memberId` as a team manager (directly or through a user group). */
  manages(user: FakeUser, memberId: string, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
  times(body: Body): { start: number; end: number | null };
  booking(body: Body, workspace: FakeWorkspace, user: FakeUser): Pick<FakeEntry, 'projectId' | 'taskId' | 'description' | 'billable' | 'tagIds'>;
  running(workspaceId: string, userId: string): FakeEntry | undefined;
  entryJson(entry: FakeEntry): unknown;
}

/** The workspace's lock (`lockTimeEntries`, an instant): an entry starting before it is locked, for anyone but an admin. */
export function lockedForCaller(workspace: FakeWorkspace, start: number, isAdmin: boolean): boolean {
  const lock = workspace.settings.lockTimeEntries === undefined ? Number.NaN : Date.parse(workspace.settings.lockTimeEntries);
  return !isAdmin && !Number.isNaN(lock) && start < lock;
}

/**
 * getProjects' `users` (ids, comma-separated or repeated) with `contains-user` (true unless said), and `access`
 * (PUBLIC or PRIVATE): GUESS: `users` counts direct members only, not members through a user group.
 */
export function projectMatches(query: URLSearchParams, project: FakeProject): boolean {
  const users = query
    .getAll('users')
    .flatMap((ids) => ids.split(','))
    .filter(Boolean);
  if (users.length > 0 && users.some((id) => project.memberIds.includes(id)) !== (query.get('contains-user') !== 'false')) return false;
  const access = query
    .getAll('access')
    .flatMap((values) => values.split(','))
    .filter(Boolean);
  return access.length === 0 || access.includes(project.public ? 'PUBLIC' : 'PRIVATE');
}

export function registerActingRoutes(kit: ActingRouteKit): void {
  const { route, state, refuse } = kit;
  route('POST', '/workspaces/:workspaceId/user/:userId/time-entries', (call) => {
    const workspace = kit.workspaceOf(call);
    const member = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    if (!member) throw refuse(404, 'User not found', 501);
    const admin = kit.isAdmin(call.user, workspace.id);
    const asManager = workspace.teamManagersTrackForOthers === true && kit.manages(call.user, member.id, workspace.id);
    if (member.id !== call.user.id && !admin && !asManager) throw refuse(403, 'Access Denied');
    if (member.id !== call.user.id && workspace.plan === 'FREE')
      throw refuse(403, 'Adding time for others is not available on your subscription plan. Upgrade to use it.');
    const { start, end } = kit.times(call.body);
    // The project is judged by the caller's access (an admin reaches every project), not by the member's.
    const fields = kit.booking(call.body, workspace, call.user);
    if (lockedForCaller(workspace, start, admin)) throw refuse(400, 'Time entry is locked', 501);
    // Custom field values as for one's own entry (fake-clockify-fields.ts), judged by the caller's role.
    const customFieldValues = newEntryValues(sentValues(call.body, workspace, admin, state, refuse), workspace, fields.projectId, state);
    if (end !== null) refuseMissingRequired(customFieldValues, workspace, fields.projectId, state, refuse, 'created', admin);
    // As for one's own: a new entry inside the member's approved period is taken (fake-clockify-approvals.ts).
    if (end === null) {
      // As for one's own: a new running entry stops the member's running one where it starts.
      const current = kit.running(workspace.id, member.id);
      if (current) current.end = Math.max(current.start, start);
    }
    const entry: FakeEntry = {
      id: newId(0x65),
      workspaceId: workspace.id,
      userId: member.id,
      ...fields,
      start,
      end,
      type: call.body.type === 'BREAK' ? 'BREAK' : 'REGULAR',
      isLocked: false,
      customFieldValues,
    };
    state.entries.push(entry);
    return new HttpAnswer(201, kit.entryJson(entry));
  });
}
