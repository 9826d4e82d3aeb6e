// The fake Clockify's invoiced mark for bulk corrections (fake-clockify.ts registers this route), as
// Clockify's OpenAPI describes it (time-entry.yml): updateInvoicedStatus, a PATCH of
// `{invoiced, timeEntryIds}` (both required, at least one id, no duplicates) answered 200 without a
// body; errors `{message, code}`. The mark shows on no time entry's answer (TimeEntryDtoImplV1 has no such
// field), so the fake keeps it apart and tests read it with invoicedOf. The workspace's lock is its
// settings' `lockTimeEntries` (FakeWorkspace.settings), which getWorkspaceOfUser answers.
//
// GUESS: marking is a workspace admin's (or the owner's) alone and a regular member gets 403 "Access
// Denied"; an id of no entry in the workspace is a 404 and nothing is marked.
import type { Call, FakeClockify, FakeClockifyState, FakeUser, FakeWorkspace } from './fake-clockify.ts';

export interface CorrectionRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
}

/** The ids of the entries marked invoiced, per fake (by its state). */
const marks = new WeakMap<FakeClockifyState, Set<string>>();
const marked = (state: FakeClockifyState) => {
  let found = marks.get(state);
  if (!found) marks.set(state, (found = new Set()));
  return found;
};

/** The ids of the fake's entries Clockify would have marked invoiced. */
export function invoicedOf(fake: FakeClockify): ReadonlySet<string> {
  return marked(fake.state);
}

export function registerCorrectionRoutes(kit: CorrectionRouteKit): void {
  const { route, state, refuse } = kit;
  route('PATCH', '/workspaces/:workspaceId/time-entries/invoiced', (call) => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    const { invoiced, timeEntryIds } = call.body;
    if (typeof invoiced !== 'boolean') throw refuse(400, 'invoiced: must not be null');
    if (!Array.isArray(timeEntryIds) || timeEntryIds.length === 0 || timeEntryIds.some((id) => typeof id !== 'string'))
      throw refuse(400, 'timeEntryIds: size must be between 1 and 2147483647');
    if (new Set(timeEntryIds).size !== timeEntryIds.length) throw refuse(400, 'timeEntryIds: must only contain unique elements');
    const ids = timeEntryIds as string[];
    const missing = ids.find((id) => !state.entries.some((entry) => entry.id === id && entry.workspaceId === workspace.id));
    if (missing !== undefined) throw refuse(404, 'Time entry not found', 501);
    for (const id of ids) {
      if (invoiced) marked(state).add(id);
      else marked(state).delete(id);
    }
    return undefined;
  });
}
