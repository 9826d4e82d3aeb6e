// The fake Clockify's changes of what a client, project or task keeps (fake-clockify.ts registers the
// routes; fake-clockify-admin.ts's updateProject and updateTask call the field helpers), as Clockify's
// OpenAPI describes them (client.yml, project.yml, task.yml): getClient answers a client with its note;
// updateProject takes `billable`, `note` and `clientId`; updateEstimate (`PATCH …/projects/{id}/estimate`,
// ProjectEstimateRequest) takes `timeEstimate` {estimate: an ISO 8601 duration, active, resetOption}
// and `budgetEstimate` {estimate: cents, active, resetOption}; updateTask takes `billable`, `estimate`
// (an ISO 8601 duration) and `budgetEstimate` (cents). Errors `{message, code}`.
//
// GUESS: all of it is a workspace admin's (or the owner's) alone, a regular member gets 403 "Access
// Denied"; a field left out of updateProject stays as it is; a duration that is not ISO 8601 and a
// negative or fractional amount are a 400; an inactive estimate is no estimate.
import type { Body, Call, FakeClockifyState, FakeProject, FakeTask, FakeUser, FakeWorkspace } from './fake-clockify.ts';

export interface CatalogRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
  projectJson(project: FakeProject): unknown;
}
type Refuse = CatalogRouteKit['refuse'];

const RESETS = ['WEEKLY', 'MONTHLY', 'YEARLY'] as const;

/** An ISO 8601 duration ('PT10H30M', 'P1DT2H') in milliseconds; a 400 otherwise. */
export function durationMs(value: unknown, field: string, refuse: Refuse): number {
  const match = typeof value === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value) : null;
  if (!match || value === 'P' || value === 'PT') throw refuse(400, `${field}: must be an ISO 8601 duration`);
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

function cents(value: unknown, field: string, refuse: Refuse): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw refuse(400, `${field}: must be a whole number, at least 0`);
  return value;
}

function resetOf(value: unknown, refuse: Refuse): 'WEEKLY' | 'MONTHLY' | 'YEARLY' | null {
  if (value === undefined || value === null) return null;
  if (!RESETS.includes(value as (typeof RESETS)[number])) throw refuse(400, 'resetOption: must be WEEKLY, MONTHLY or YEARLY');
  return value as (typeof RESETS)[number];
}

/** updateProject's billable mark, note and client, where the body carries them. */
export function applyProjectFields(state: FakeClockifyState, project: FakeProject, body: Body, refuse: Refuse): void {
  if (body.billable !== undefined) {
    if (typeof body.billable !== 'boolean') throw refuse(400, 'billable: must be a boolean');
    project.billable = body.billable;
  }
  if (body.note !== undefined) {
    if (typeof body.note !== 'string' || body.note.length > 16_384) throw refuse(400, 'note: size must be between 0 and 16384');
    project.note = body.note;
  }
  if (typeof body.clientId === 'string' && body.clientId !== project.clientId) {
    if (!state.clients.some((client) => client.id === body.clientId && client.workspaceId === project.workspaceId)) throw refuse(400, 'Client not found', 501);
    project.clientId = body.clientId;
  }
}

/** updateTask's billable mark and estimates, where the body carries them. */
export function applyTaskFields(task: FakeTask, body: Body, refuse: Refuse): void {
  if (body.billable !== undefined) {
    if (typeof body.billable !== 'boolean') throw refuse(400, 'billable: must be a boolean');
    task.billable = body.billable;
  }
  if (body.estimate !== undefined) task.estimateMs = durationMs(body.estimate, 'estimate', refuse);
  if (body.budgetEstimate !== undefined) task.budgetEstimate = cents(body.budgetEstimate, 'budgetEstimate', refuse);
}

export function registerCatalogRoutes(kit: CatalogRouteKit): void {
  const { route, state, refuse } = kit;
  const administered = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  };

  route('GET', '/workspaces/:workspaceId/clients/:id', (call) => {
    const workspace = kit.workspaceOf(call);
    const client = state.clients.find((item) => item.id === call.params.id && item.workspaceId === workspace.id);
    if (!client) throw refuse(404, 'Client not found', 501);
    return { id: client.id, name: client.name, archived: client.archived, workspaceId: client.workspaceId, note: client.note ?? null, address: null };
  });

  route('PATCH', '/workspaces/:workspaceId/projects/:projectId/estimate', (call) => {
    const workspace = administered(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw refuse(404, 'Project not found', 501);
    const time = call.body.timeEstimate as Body | undefined;
    const budget = call.body.budgetEstimate as Body | undefined;
    if (time) {
      const ms = time.estimate === undefined ? (project.timeEstimate?.ms ?? 0) : durationMs(time.estimate, 'timeEstimate.estimate', refuse);
      if (time.active === true && ms > 0) project.timeEstimate = { ms, resetOption: resetOf(time.resetOption, refuse) };
      else delete project.timeEstimate;
    }
    if (budget) {
      const amount = budget.estimate === undefined ? (project.budgetEstimate ?? 0) : cents(budget.estimate, 'budgetEstimate.estimate', refuse);
      if (budget.active === true && amount > 0) {
        project.budgetEstimate = amount;
        project.budgetReset = resetOf(budget.resetOption, refuse);
      } else {
        delete project.budgetEstimate;
        delete project.budgetReset;
      }
    }
    return kit.projectJson(project);
  });
}
