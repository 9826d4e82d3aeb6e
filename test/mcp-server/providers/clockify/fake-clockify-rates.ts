// The fake Clockify's hourly and cost rates (fake-clockify.ts registers these routes), as Clockify's
// OpenAPI describes them (workspace.yml, project.yml): getWorkspaceOfUser answers the workspace with its
// rates and every member's (WorkspaceDtoV1: hourlyRate, costRate, memberships); setWorkspaceHourlyRate
// (RateWithCurrencyRequestV1: amount and currency), setWorkspaceCostRate, setHourlyRateForUser and
// setCostRateForUser answer the workspace; updateProject's hourlyRate and costRate, addUsersHourlyRate
// and addUsersCostRate answer the project (ProjectDtoImplV1). Amounts are integers in cents; errors
// `{message, code}`.
//
// GUESS: rates are a workspace admin's (or the owner's) alone and a regular member gets 403 "Access
// Denied"; a negative or fractional amount is a 400; a person's rate in a private project they are no
// member of is a 400; a member sees only their own membership in the workspace's answer.
import type { Body, Call, FakeClockifyState, FakeProject, FakeUser, FakeWorkspace } from './fake-clockify.ts';

/** A rate kept for a workspace's or a project's member, in cents; null where they have none of their own. */
export interface FakeMemberRate {
  /** The workspace's or the project's id. */
  targetId: string;
  userId: string;
  hourly: number | null;
  cost: number | null;
}

/** The rates of the fake, in cents: each workspace's default and currency, each project's own, and members' own. */
export interface FakeRates {
  workspaces: Record<string, { hourly: number; cost: number | null; currency: string }>;
  projects: Record<string, { hourly: number | null; cost: number | null }>;
  members: FakeMemberRate[];
}

export const emptyRates = (): FakeRates => ({ workspaces: {}, projects: {}, members: [] });

export interface RateRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  refuse(status: number, message: string, code?: number): Error;
  projectJson(project: FakeProject): unknown;
}

const rateJson = (amount: number | null | undefined, currency: string) => (amount === null || amount === undefined ? null : { amount, currency });

/** The workspace's currency (USD where none was set, as RateWithCurrencyRequestV1's default says). */
export const currencyOf = (rates: FakeRates, workspaceId: string) => rates.workspaces[workspaceId]?.currency ?? 'USD';

/** What getProject adds for the rates: the project's own, and each member's in memberships. */
export function projectRatesJson(rates: FakeRates, project: FakeProject) {
  const currency = currencyOf(rates, project.workspaceId);
  const own = rates.projects[project.id];
  const member = (userId: string) => rates.members.find((item) => item.targetId === project.id && item.userId === userId);
  return {
    hourlyRate: rateJson(own?.hourly, currency),
    costRate: rateJson(own?.cost, currency),
    memberships: project.memberIds.map((userId) => ({
      userId,
      targetId: project.id,
      membershipType: 'PROJECT',
      membershipStatus: 'ACTIVE',
      hourlyRate: rateJson(member(userId)?.hourly, currency),
      costRate: rateJson(member(userId)?.cost, currency),
    })),
  };
}

/** An amount as the requests carry one: an object with a whole, non-negative `amount` in cents. */
export function amountOf(body: Body, field: string, refuse: RateRouteKit['refuse']): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const amount = (value as Body).amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > 2_147_483_647)
    throw refuse(400, `${field}.amount: must be a whole number of cents, at least 0`);
  return amount;
}

/** updateProject's rates: the project's own hourly and cost rate, where the body carries them. */
export function applyProjectRates(rates: FakeRates, project: FakeProject, body: Body, refuse: RateRouteKit['refuse']): void {
  const hourly = amountOf(body, 'hourlyRate', refuse);
  const cost = amountOf(body, 'costRate', refuse);
  if (hourly === undefined && cost === undefined) return;
  const own = (rates.projects[project.id] ??= { hourly: null, cost: null });
  if (hourly !== undefined) own.hourly = hourly;
  if (cost !== undefined) own.cost = cost;
}

export function registerRateRoutes(kit: RateRouteKit): void {
  const { route, state, refuse } = kit;
  const rates = () => state.rates;
  const administered = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  };
  const required = (call: Call, field = 'amount'): number => {
    const amount = amountOf({ [field]: call.body }, field, refuse);
    if (amount === undefined) throw refuse(400, 'amount: must not be null');
    return amount;
  };
  const memberRate = (targetId: string, userId: string): FakeMemberRate => {
    let found = rates().members.find((item) => item.targetId === targetId && item.userId === userId);
    if (!found) rates().members.push((found = { targetId, userId, hourly: null, cost: null }));
    return found;
  };
  const workspaceRates = (workspace: FakeWorkspace) => (rates().workspaces[workspace.id] ??= { hourly: 0, cost: null, currency: 'USD' });
  const workspaceJson = (workspace: FakeWorkspace, viewer: FakeUser) => {
    const own = workspaceRates(workspace);
    const members = state.users.filter((user) => user.workspaces.includes(workspace.id) && (kit.isAdmin(viewer, workspace.id) || user.id === viewer.id));
    const member = (userId: string) => rates().members.find((item) => item.targetId === workspace.id && item.userId === userId);
    return {
      id: workspace.id,
      name: workspace.name,
      hourlyRate: { amount: own.hourly, currency: own.currency },
      costRate: rateJson(own.cost, own.currency),
      currencies: [{ id: '5b641568b07987035750aaaa', code: own.currency, isDefault: true }],
      memberships: members.map((user) => ({
        userId: user.id,
        targetId: workspace.id,
        membershipType: 'WORKSPACE',
        membershipStatus: 'ACTIVE',
        hourlyRate: rateJson(member(user.id)?.hourly, own.currency),
        costRate: rateJson(member(user.id)?.cost, own.currency),
      })),
      featureSubscriptionType: workspace.plan,
      ...(workspace.featuresShown === false ? {} : { features: workspace.features }),
      workspaceSettings: workspace.settings,
    };
  };
  const memberOf = (call: Call, workspace: FakeWorkspace): FakeUser => {
    const user = state.users.find((item) => item.id === call.params.userId && item.workspaces.includes(workspace.id));
    if (!user) throw refuse(404, 'User not found', 501);
    return user;
  };
  const projectOf = (call: Call, workspace: FakeWorkspace): FakeProject => {
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw refuse(404, 'Project not found', 501);
    return project;
  };

  route('GET', '/workspaces/:workspaceId', (call) => workspaceJson(kit.workspaceOf(call), call.user));

  route('PUT', '/workspaces/:workspaceId/hourly-rate', (call) => {
    const workspace = administered(call);
    const amount = required(call);
    const currency = call.body.currency;
    if (typeof currency !== 'string' || currency.length < 1 || currency.length > 100) throw refuse(400, 'currency: size must be between 1 and 100');
    Object.assign(workspaceRates(workspace), { hourly: amount, currency });
    return workspaceJson(workspace, call.user);
  });
  route('PUT', '/workspaces/:workspaceId/cost-rate', (call) => {
    const workspace = administered(call);
    workspaceRates(workspace).cost = required(call);
    return workspaceJson(workspace, call.user);
  });
  for (const [path, field] of [
    ['hourly-rate', 'hourly'],
    ['cost-rate', 'cost'],
  ] as const) {
    route('PUT', `/workspaces/:workspaceId/users/:userId/${path}`, (call) => {
      const workspace = administered(call);
      const user = memberOf(call, workspace);
      memberRate(workspace.id, user.id)[field] = required(call);
      return workspaceJson(workspace, call.user);
    });
    route('PUT', `/workspaces/:workspaceId/projects/:projectId/users/:userId/${path}`, (call) => {
      const workspace = administered(call);
      const project = projectOf(call, workspace);
      const user = memberOf(call, workspace);
      if (!project.memberIds.includes(user.id)) throw refuse(400, 'User is not a member of the project', 501);
      memberRate(project.id, user.id)[field] = required(call);
      return kit.projectJson(project);
    });
  }
}
