// What the fake Harvest (fake-harvest.ts) serves beyond a person's own timesheet, by Harvest's role rules
// (docs/back-ends/harvest.md, "Roles"): the account's people (/v2/users, a manager's teammates), their dated billable and
// cost rates, clients, projects, tasks and the assignments between them, and invoices. Each route answers 403 to a role
// Harvest's pages say may not make the request (an administrator sees and does everything; a manager what her extra
// permissions and her teammates and managed projects allow; a member nothing here), so a test that finds no 403 in the
// request log knows Punchcard sent nothing a role could not make.
//
// Assumed, and switchable where it matters (FakeHarvestOptions in fake-harvest.ts): whom a manager's GET /v2/users lists
// (`managerUsers`: her teammates alone, or everyone on the projects she manages too, herself either way; or no list at
// all, answered 403 or 404 as a route not hers); that a manager with project_creator who creates a project manages it; that a billable rate created
// with a start_date ends the one before it the day before and replaces any that start on or after it.
import { addDays } from '../../../../mcp-server/domain/time.ts';

/** Harvest's access roles as the fake keeps them on a user (people_manager is added for whoever has teammates). */
export type AccessRole =
  | 'administrator'
  | 'manager'
  | 'member'
  | 'project_creator'
  | 'billable_rates_manager'
  | 'managed_projects_invoice_drafter'
  | 'managed_projects_invoice_manager'
  | 'client_and_task_manager'
  | 'time_and_expenses_manager'
  | 'estimates_manager';

/** A person's dated rate, billable or cost: effective from `start_date` to `end_date` (null: still). */
export interface FakeRate {
  id: number;
  userId: number;
  amount: number;
  start_date: string;
  end_date: string | null;
  created_at: string;
}

export interface FakeInvoice {
  id: number;
  clientId: number;
  number: string;
  amount: number;
  currency: string;
  /** Harvest's states: draft, open, paid, closed. */
  state: 'draft' | 'open' | 'paid' | 'closed';
  issue_date: string;
  /** The projects its line items are on. */
  projectIds: number[];
}

/** What the admin routes need of the fake's state and answers (fake-harvest.ts hands them over). */
export interface AdminWorld {
  state: AdminState;
  now: () => number;
  newId: () => number;
  managerUsers: 'teammates' | 'project_people' | 'forbidden' | 'not_found';
  ok: (body: unknown, status?: number) => Answer;
  fail: (status: number, message: string) => Answer;
  page: (url: URL, key: string, items: unknown[]) => Answer;
}

export type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** The parts of the fake's state these routes read and change, as fake-harvest.ts declares them. */
export interface AdminState {
  users: Array<{
    id: number;
    first_name: string;
    last_name: string;
    email: string;
    timezone: string;
    zone: string;
    weekly_capacity: number;
    access_roles: string[];
    token: string;
    accounts: number[];
    is_active?: boolean;
  }>;
  clients: Array<{ id: number; name: string; isActive?: boolean; currency?: string }>;
  tasks: Array<{ id: number; name: string; isActive?: boolean; billableByDefault?: boolean; defaultHourlyRate?: number | null }>;
  projects: Array<{
    id: number;
    accountId: number;
    name: string;
    clientId: number;
    isActive: boolean;
    isBillable?: boolean;
    billBy?: string;
    budgetBy?: string;
    budget?: number | null;
    costBudget?: number | null;
    budgetIsMonthly?: boolean;
    notes?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
    hourlyRate?: number | null;
  }>;
  assignments: Array<{
    id: number;
    userId: number;
    projectId: number;
    isActive: boolean;
    isProjectManager?: boolean;
    useDefaultRates?: boolean;
    hourlyRate?: number | null;
    tasks: Array<{ id: number; taskId: number; isActive: boolean; billable: boolean; hourlyRate?: number | null }>;
  }>;
  entries: Array<{ id: number; userId: number; projectId: number; accountId: number }>;
  teammates: Array<{ managerId: number; userId: number }>;
  billableRates: FakeRate[];
  costRates: FakeRate[];
  invoices: FakeInvoice[];
}

type User = AdminState['users'][number];
type Project = AdminState['projects'][number];

/** The roles Harvest shows on a user: as kept, with people_manager for a manager who has teammates. */
export function rolesOf(state: AdminState, user: User): string[] {
  const roles = [...user.access_roles];
  if (roles.includes('manager') && state.teammates.some((pair) => pair.managerId === user.id) && !roles.includes('people_manager'))
    roles.push('people_manager');
  return roles;
}

const isAdmin = (user: User) => user.access_roles.includes('administrator');
const isManager = (user: User) => user.access_roles.includes('manager');
const has = (user: User, role: AccessRole) => isManager(user) && user.access_roles.includes(role);

export function teammatesOf(state: AdminState, manager: User): number[] {
  return state.teammates.filter((pair) => pair.managerId === manager.id).map((pair) => pair.userId);
}

export function managesProject(state: AdminState, user: User, projectId: number): boolean {
  return state.assignments.some(
    (assignment) => assignment.userId === user.id && assignment.projectId === projectId && assignment.isActive && assignment.isProjectManager === true,
  );
}

/** Whose time a user may read: an administrator everyone's; a manager her own, her teammates' and her projects'; a member their own. */
export function seesEntry(state: AdminState, user: User, entry: { userId: number; projectId: number }): boolean {
  if (isAdmin(user) || entry.userId === user.id) return true;
  if (!isManager(user)) return false;
  return teammatesOf(state, user).includes(entry.userId) || managesProject(state, user, entry.projectId);
}

/** Whom a user's GET /v2/users lists: everyone for an administrator; for a manager with teammates, them, herself, and (switch) her projects' people. */
function usersSeenBy(world: AdminWorld, user: User): User[] | null {
  const { state } = world;
  if (isAdmin(user)) return state.users;
  if (!isManager(user) || teammatesOf(state, user).length === 0) return null;
  const ids = new Set([user.id, ...teammatesOf(state, user)]);
  if (world.managerUsers === 'project_people') {
    for (const assignment of state.assignments) {
      if (managesProject(state, user, assignment.projectId) && assignment.isActive) ids.add(assignment.userId);
    }
  }
  return state.users.filter((candidate) => ids.has(candidate.id));
}

const stamp = (at: number) => new Date(at).toISOString().replace(/\.\d+Z$/, 'Z');

function userJson(state: AdminState, user: User): unknown {
  const current = (rates: FakeRate[]) => rates.filter((rate) => rate.userId === user.id && rate.end_date === null).at(-1)?.amount ?? 0;
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    telephone: '',
    timezone: user.timezone,
    has_access_to_all_future_projects: false,
    is_contractor: false,
    is_active: user.is_active !== false,
    weekly_capacity: user.weekly_capacity,
    default_hourly_rate: current(state.billableRates),
    cost_rate: current(state.costRates),
    roles: [],
    access_roles: rolesOf(state, user),
    avatar_url: null,
  };
}

function clientJson(client: AdminState['clients'][number]): unknown {
  return { id: client.id, name: client.name, is_active: client.isActive !== false, address: null, currency: client.currency ?? 'EUR' };
}

function taskJson(task: AdminState['tasks'][number]): unknown {
  return {
    id: task.id,
    name: task.name,
    billable_by_default: task.billableByDefault !== false,
    default_hourly_rate: task.defaultHourlyRate ?? null,
    is_default: false,
    is_active: task.isActive !== false,
  };
}

function projectJson(state: AdminState, project: Project): unknown {
  const client = state.clients.find((candidate) => candidate.id === project.clientId);
  return {
    id: project.id,
    client: client ? { id: client.id, name: client.name, currency: client.currency ?? 'EUR' } : null,
    name: project.name,
    code: null,
    is_active: project.isActive,
    is_billable: project.isBillable !== false,
    is_fixed_fee: false,
    bill_by: project.billBy ?? 'People',
    hourly_rate: project.hourlyRate ?? null,
    budget_by: project.budgetBy ?? 'none',
    budget_is_monthly: project.budgetIsMonthly === true,
    budget: project.budget ?? null,
    cost_budget: project.costBudget ?? null,
    cost_budget_include_expenses: false,
    notify_when_over_budget: false,
    show_budget_to_all: false,
    fee: null,
    notes: project.notes ?? '',
    starts_on: project.startsOn ?? null,
    ends_on: project.endsOn ?? null,
  };
}

function taskAssignmentJson(state: AdminState, project: Project, task: AdminState['assignments'][number]['tasks'][number]): unknown {
  const named = state.tasks.find((candidate) => candidate.id === task.taskId);
  return {
    id: task.id,
    project: { id: project.id, name: project.name, code: null },
    task: { id: task.taskId, name: named?.name ?? '' },
    is_active: task.isActive,
    billable: task.billable,
    hourly_rate: task.hourlyRate ?? null,
    budget: null,
  };
}

function rateJson(rate: FakeRate): unknown {
  return { id: rate.id, amount: rate.amount, start_date: rate.start_date, end_date: rate.end_date, created_at: rate.created_at, updated_at: rate.created_at };
}

/**
 * A project's task assignments, one per task: Harvest keeps them on the project, the fake on each person's assignment
 * (fake-harvest.ts), so the first assignment that has the task stands for the project's.
 */
function projectTasks(state: AdminState, project: Project): AdminState['assignments'][number]['tasks'] {
  const seen = new Map<number, AdminState['assignments'][number]['tasks'][number]>();
  for (const assignment of state.assignments.filter((candidate) => candidate.projectId === project.id)) {
    for (const task of assignment.tasks) if (!seen.has(task.taskId)) seen.set(task.taskId, task);
  }
  return [...seen.values()];
}

const FORBIDDEN = 'You do not have permission to perform this action.';

/** A route of the admin side, or undefined where the path is none of them (the fake answers 404 then). */
export function adminRoute(world: AdminWorld, method: string, url: URL, user: User, accountId: number, body: Record<string, unknown>): Answer | undefined {
  const path = url.pathname;
  if (path === '/v2/users' || /^\/v2\/users\/\d+(\/.*)?$/.test(path)) return usersRoute(world, method, url, user, body);
  if (path.startsWith('/v2/clients')) return catalogRoute(world, method, url, user, body, 'clients');
  if (path.startsWith('/v2/tasks')) return catalogRoute(world, method, url, user, body, 'tasks');
  if (path.startsWith('/v2/projects')) return projectsRoute(world, method, url, user, accountId, body);
  if (path === '/v2/task_assignments' && method === 'GET') return allTaskAssignments(world, url, user, accountId);
  if (path === '/v2/invoices' && method === 'GET') return invoicesRoute(world, url, user);
  return undefined;
}

function usersRoute(world: AdminWorld, method: string, url: URL, user: User, body: Record<string, unknown>): Answer {
  const { state, fail, ok } = world;
  const seen = usersSeenBy(world, user);
  if (url.pathname === '/v2/users') {
    if (method === 'GET') {
      if (seen === null) return fail(403, FORBIDDEN);
      if (!isAdmin(user) && world.managerUsers === 'forbidden') return fail(403, FORBIDDEN);
      if (!isAdmin(user) && world.managerUsers === 'not_found') return fail(404, 'Not found');
      const active = url.searchParams.get('is_active');
      const listed = seen.filter((candidate) => active === null || (candidate.is_active !== false) === (active === 'true'));
      // Harvest lists the most recently created first: the fake's later users first.
      return world.page(
        url,
        'users',
        [...listed].reverse().map((candidate) => userJson(state, candidate)),
      );
    }
    if (method === 'POST') {
      if (!isAdmin(user)) return fail(403, FORBIDDEN);
      for (const field of ['first_name', 'last_name', 'email'] as const) {
        if (typeof body[field] !== 'string' || (body[field] as string).trim() === '') return fail(422, `${field.replace('_', ' ')} can't be blank`);
      }
      if (state.users.some((candidate) => candidate.email.toLowerCase() === String(body.email).toLowerCase())) return fail(422, 'Email has already been taken');
      const made: User = {
        id: world.newId(),
        first_name: String(body.first_name),
        last_name: String(body.last_name),
        email: String(body.email),
        timezone: 'Berlin',
        zone: 'Europe/Berlin',
        weekly_capacity: 126_000,
        access_roles: Array.isArray(body.access_roles) ? (body.access_roles as string[]) : ['member'],
        token: `pat-invited-${world.newId()}`,
        accounts: [],
        is_active: true,
      };
      state.users.push(made);
      return ok(userJson(state, made), 201);
    }
    return fail(404, 'Not found');
  }
  const match = /^\/v2\/users\/(\d+)(?:\/(billable_rates|cost_rates|teammates|project_assignments))?$/.exec(url.pathname);
  if (!match) return fail(404, 'Not found');
  const target = state.users.find((candidate) => candidate.id === Number(match[1]));
  if (!target) return fail(404, 'Not found');
  const admin = isAdmin(user);
  const teammate = teammatesOf(state, user).includes(target.id);
  if (match[2] === 'teammates') {
    if (!admin) return fail(403, FORBIDDEN);
    if (!target.access_roles.includes('manager')) return fail(422, 'User must be a manager');
    return world.page(
      url,
      'teammates',
      teammatesOf(state, target).map((id) => userJson(state, state.users.find((candidate) => candidate.id === id) as User)),
    );
  }
  if (match[2] === 'billable_rates' || match[2] === 'cost_rates') {
    const cost = match[2] === 'cost_rates';
    // Cost rates are an administrator's alone; billable rates also a billable-rates manager's, for her teammates.
    if (!admin && (cost || !has(user, 'billable_rates_manager') || !teammate)) return fail(403, FORBIDDEN);
    const rates = cost ? state.costRates : state.billableRates;
    if (method === 'GET') return world.page(url, match[2], rates.filter((rate) => rate.userId === target.id).map(rateJson));
    if (method === 'POST') return createRate(world, rates, target, body);
    return fail(404, 'Not found');
  }
  if (match[2] === 'project_assignments') return fail(404, 'Not found');
  if (method === 'GET') {
    if (!admin && !teammate && target.id !== user.id) return fail(403, FORBIDDEN);
    return ok(userJson(state, target));
  }
  if (method === 'PATCH') {
    if (!admin) {
      // A manager edits her teammates' names and little else: no e-mail, role, permission or activity.
      if (!teammate || !isManager(user)) return fail(403, FORBIDDEN);
      if (['email', 'access_roles', 'is_active', 'roles'].some((field) => body[field] !== undefined)) return fail(403, FORBIDDEN);
    }
    if (
      body.email !== undefined &&
      state.users.some((candidate) => candidate !== target && candidate.email.toLowerCase() === String(body.email).toLowerCase())
    ) {
      return fail(422, 'Email has already been taken');
    }
    if (typeof body.first_name === 'string') target.first_name = body.first_name;
    if (typeof body.last_name === 'string') target.last_name = body.last_name;
    if (typeof body.email === 'string') target.email = body.email;
    if (Array.isArray(body.access_roles)) target.access_roles = body.access_roles as string[];
    if (typeof body.is_active === 'boolean') target.is_active = body.is_active;
    return ok(userJson(state, target));
  }
  if (method === 'DELETE') {
    if (!admin) return fail(403, FORBIDDEN);
    if (state.entries.some((entry) => entry.userId === target.id)) return fail(422, 'This user has tracked time and cannot be deleted. Archive them instead.');
    state.users.splice(state.users.indexOf(target), 1);
    return { status: 200, body: '' };
  }
  return fail(404, 'Not found');
}

/** A dated rate made as Harvest documents it: no start in the future; a start ends the rate before it and replaces later ones. */
function createRate(world: AdminWorld, rates: FakeRate[], target: User, body: Record<string, unknown>): Answer {
  const { fail, ok } = world;
  if (typeof body.amount !== 'number' || body.amount < 0) return fail(422, 'Amount must be a number');
  const today = new Date(world.now()).toISOString().slice(0, 10);
  const start = body.start_date === undefined || body.start_date === null ? null : String(body.start_date);
  if (start !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(start) || start > today)) return fail(422, 'Start date cannot be in the future');
  const own = rates.filter((rate) => rate.userId === target.id);
  // Without a start date, Harvest replaces every rate the person had.
  const replaced = start === null ? own : own.filter((rate) => rate.start_date >= start);
  for (const rate of replaced) rates.splice(rates.indexOf(rate), 1);
  if (start !== null)
    for (const rate of own) if (!replaced.includes(rate) && (rate.end_date === null || rate.end_date >= start)) rate.end_date = addDays(start, -1);
  const made: FakeRate = {
    id: world.newId(),
    userId: target.id,
    amount: body.amount,
    start_date: start ?? '2000-01-01',
    end_date: null,
    created_at: stamp(world.now()),
  };
  rates.push(made);
  return ok(rateJson(made), 201);
}

function catalogRoute(world: AdminWorld, method: string, url: URL, user: User, body: Record<string, unknown>, kind: 'clients' | 'tasks'): Answer {
  const { state, fail, ok } = world;
  // Clients and tasks: an administrator's, and a manager's with client_and_task_manager.
  if (!isAdmin(user) && !has(user, 'client_and_task_manager')) return fail(403, FORBIDDEN);
  const list: Array<{ id: number; name: string; isActive?: boolean }> = kind === 'clients' ? state.clients : state.tasks;
  const json = (item: (typeof list)[number]) => (kind === 'clients' ? clientJson(item) : taskJson(item));
  if (url.pathname === `/v2/${kind}`) {
    if (method === 'GET') {
      const active = url.searchParams.get('is_active');
      const listed = list.filter((item) => active === null || (item.isActive !== false) === (active === 'true'));
      return world.page(url, kind, listed.map(json));
    }
    if (method === 'POST') {
      if (typeof body.name !== 'string' || body.name.trim() === '') return fail(422, "Name can't be blank");
      if (list.some((item) => item.name.toLowerCase() === String(body.name).toLowerCase())) return fail(422, 'Name has already been taken');
      const made = {
        id: world.newId(),
        name: body.name,
        isActive: body.is_active !== false,
        ...(kind === 'tasks'
          ? { billableByDefault: body.billable_by_default !== false }
          : { currency: typeof body.currency === 'string' ? body.currency : 'EUR' }),
      };
      list.push(made);
      return ok(json(made), 201);
    }
    return fail(404, 'Not found');
  }
  const match = new RegExp(`^/v2/${kind}/(\\d+)$`).exec(url.pathname);
  const item = match ? list.find((candidate) => candidate.id === Number(match[1])) : undefined;
  if (!item) return fail(404, 'Not found');
  if (method === 'GET') return ok(json(item));
  if (method === 'PATCH') {
    if (typeof body.name === 'string') {
      if (list.some((other) => other !== item && other.name.toLowerCase() === String(body.name).toLowerCase())) return fail(422, 'Name has already been taken');
      item.name = body.name;
    }
    if (typeof body.is_active === 'boolean') item.isActive = body.is_active;
    if (kind === 'tasks' && typeof body.billable_by_default === 'boolean') (item as AdminState['tasks'][number]).billableByDefault = body.billable_by_default;
    return ok(json(item));
  }
  if (method === 'DELETE') {
    const used =
      kind === 'clients'
        ? state.projects.some((project) => project.clientId === item.id)
        : state.assignments.some((a) => a.tasks.some((t) => t.taskId === item.id));
    if (used) return fail(422, `This ${kind === 'clients' ? 'client' : 'task'} is in use and cannot be deleted. Archive it instead.`);
    list.splice(list.indexOf(item), 1);
    return { status: 200, body: '' };
  }
  return fail(404, 'Not found');
}

function projectsRoute(world: AdminWorld, method: string, url: URL, user: User, accountId: number, body: Record<string, unknown>): Answer {
  const { state, fail, ok } = world;
  const admin = isAdmin(user);
  const ofAccount = state.projects.filter((project) => project.accountId === accountId);
  if (url.pathname === '/v2/projects') {
    if (method === 'GET') {
      // An administrator's every project; a manager's those she manages; a member's none.
      if (!admin && !isManager(user)) return fail(403, FORBIDDEN);
      const active = url.searchParams.get('is_active');
      const client = url.searchParams.get('client_id');
      const listed = ofAccount
        .filter((project) => admin || managesProject(state, user, project.id))
        .filter((project) => active === null || project.isActive === (active === 'true'))
        .filter((project) => client === null || project.clientId === Number(client));
      return world.page(
        url,
        'projects',
        listed.map((project) => projectJson(state, project)),
      );
    }
    if (method === 'POST') {
      if (!admin && !has(user, 'project_creator')) return fail(403, FORBIDDEN);
      for (const field of ['client_id', 'name', 'is_billable', 'bill_by', 'budget_by']) {
        if (body[field] === undefined || body[field] === null || body[field] === '') return fail(422, `${field.replace(/_/g, ' ')} can't be blank`);
      }
      if (!state.clients.some((client) => client.id === body.client_id)) return fail(422, 'Client not found');
      if (ofAccount.some((project) => project.name.toLowerCase() === String(body.name).toLowerCase())) return fail(422, 'Name has already been taken');
      const made: Project = {
        id: world.newId(),
        accountId,
        name: String(body.name),
        clientId: body.client_id as number,
        isActive: true,
        isBillable: body.is_billable === true,
        billBy: String(body.bill_by),
        budgetBy: String(body.budget_by),
      };
      state.projects.push(made);
      // Assumed: a manager who creates a project manages it, so she may edit it afterwards.
      if (!admin) state.assignments.push({ id: world.newId(), userId: user.id, projectId: made.id, isActive: true, isProjectManager: true, tasks: [] });
      return ok(projectJson(state, made), 201);
    }
    return fail(404, 'Not found');
  }
  const match = /^\/v2\/projects\/(\d+)(?:\/(task_assignments|user_assignments)(?:\/(\d+))?)?$/.exec(url.pathname);
  const project = match ? ofAccount.find((candidate) => candidate.id === Number(match[1])) : undefined;
  if (!match || !project) return fail(404, 'Not found');
  const manages = admin || managesProject(state, user, project.id);
  if (!manages) return fail(403, FORBIDDEN);
  if (match[2] === 'task_assignments') return taskAssignmentsRoute(world, method, url, user, project, body, match[3]);
  if (match[2] === 'user_assignments') return userAssignmentsRoute(world, method, url, user, project, body, match[3]);
  if (method === 'GET') return ok(projectJson(state, project));
  if (method === 'PATCH') {
    // Editing a project: an administrator's, and a project creator's for the projects she manages; rates need the billable-rates right.
    if (!admin && !has(user, 'project_creator')) return fail(403, FORBIDDEN);
    if (!admin && body.hourly_rate !== undefined && !has(user, 'billable_rates_manager')) return fail(403, FORBIDDEN);
    if (typeof body.name === 'string') {
      if (ofAccount.some((other) => other !== project && other.name.toLowerCase() === String(body.name).toLowerCase()))
        return fail(422, 'Name has already been taken');
      project.name = body.name;
    }
    if (typeof body.client_id === 'number') {
      if (!state.clients.some((client) => client.id === body.client_id)) return fail(422, 'Client not found');
      project.clientId = body.client_id;
    }
    if (typeof body.is_active === 'boolean') project.isActive = body.is_active;
    if (typeof body.is_billable === 'boolean') project.isBillable = body.is_billable;
    if (typeof body.budget_by === 'string') project.budgetBy = body.budget_by;
    if (body.budget !== undefined) project.budget = body.budget as number | null;
    if (body.cost_budget !== undefined) project.costBudget = body.cost_budget as number | null;
    if (typeof body.budget_is_monthly === 'boolean') project.budgetIsMonthly = body.budget_is_monthly;
    if (body.notes !== undefined) project.notes = body.notes as string | null;
    if (body.starts_on !== undefined) project.startsOn = body.starts_on as string | null;
    if (body.ends_on !== undefined) project.endsOn = body.ends_on as string | null;
    if (body.hourly_rate !== undefined) project.hourlyRate = body.hourly_rate as number | null;
    return ok(projectJson(state, project));
  }
  if (method === 'DELETE') {
    if (!admin) return fail(403, FORBIDDEN);
    // Deleting a project deletes its time entries and expenses (Harvest's own warning): Punchcard never asks it.
    state.entries.splice(0, state.entries.length, ...state.entries.filter((entry) => entry.projectId !== project.id));
    state.projects.splice(state.projects.indexOf(project), 1);
    return { status: 200, body: '' };
  }
  return fail(404, 'Not found');
}

function taskAssignmentsRoute(
  world: AdminWorld,
  method: string,
  url: URL,
  user: User,
  project: Project,
  body: Record<string, unknown>,
  id: string | undefined,
): Answer {
  const { state, fail, ok } = world;
  const tasks = projectTasks(state, project);
  if (id === undefined) {
    if (method === 'GET')
      return world.page(
        url,
        'task_assignments',
        tasks.map((task) => taskAssignmentJson(state, project, task)),
      );
    if (method === 'POST') {
      const task = state.tasks.find((candidate) => candidate.id === body.task_id);
      if (!task) return fail(422, 'Task not found');
      if (tasks.some((candidate) => candidate.taskId === task.id)) return fail(422, 'Task has already been taken');
      const made = { id: world.newId(), taskId: task.id, isActive: true, billable: task.billableByDefault !== false };
      // The fake keeps a project's tasks on its people's assignments: each gets it.
      const onProject = state.assignments.filter((assignment) => assignment.projectId === project.id);
      for (const [index, assignment] of onProject.entries()) assignment.tasks.push(index === 0 ? made : { ...made, id: world.newId() });
      if (onProject.length === 0) state.assignments.push({ id: world.newId(), userId: user.id, projectId: project.id, isActive: false, tasks: [made] });
      return ok(taskAssignmentJson(state, project, made), 201);
    }
    return fail(404, 'Not found');
  }
  const task = tasks.find((candidate) => candidate.id === Number(id));
  if (!task) return fail(404, 'Not found');
  if (method === 'GET') return ok(taskAssignmentJson(state, project, task));
  if (method === 'PATCH') {
    if (body.hourly_rate !== undefined && !isAdmin(user) && !has(user, 'billable_rates_manager')) return fail(403, FORBIDDEN);
    // The same task on every person's assignment of the project changes with it.
    for (const assignment of state.assignments.filter((candidate) => candidate.projectId === project.id)) {
      for (const each of assignment.tasks.filter((candidate) => candidate.taskId === task.taskId)) {
        if (body.hourly_rate !== undefined) each.hourlyRate = body.hourly_rate as number | null;
        if (typeof body.is_active === 'boolean') each.isActive = body.is_active;
        if (typeof body.billable === 'boolean') each.billable = body.billable;
      }
    }
    return ok(taskAssignmentJson(state, project, task));
  }
  return fail(404, 'Not found');
}

function userAssignmentsRoute(
  world: AdminWorld,
  method: string,
  url: URL,
  user: User,
  project: Project,
  body: Record<string, unknown>,
  id: string | undefined,
): Answer {
  const { state, fail, ok } = world;
  const json = (assignment: AdminState['assignments'][number]) => {
    const person = state.users.find((candidate) => candidate.id === assignment.userId);
    return {
      id: assignment.id,
      project: { id: project.id, name: project.name, code: null },
      user: { id: assignment.userId, name: person ? `${person.first_name} ${person.last_name}` : '' },
      is_active: assignment.isActive,
      is_project_manager: assignment.isProjectManager === true,
      use_default_rates: assignment.useDefaultRates !== false,
      hourly_rate: assignment.hourlyRate ?? null,
      budget: null,
    };
  };
  const onProject = state.assignments.filter((assignment) => assignment.projectId === project.id);
  if (id === undefined) {
    if (method === 'GET') return world.page(url, 'user_assignments', onProject.map(json));
    return fail(404, 'Not found');
  }
  const assignment = onProject.find((candidate) => candidate.id === Number(id));
  if (!assignment) return fail(404, 'Not found');
  if (method === 'GET') return ok(json(assignment));
  if (method === 'PATCH') {
    if ((body.hourly_rate !== undefined || body.use_default_rates !== undefined) && !isAdmin(user) && !has(user, 'billable_rates_manager')) {
      return fail(403, FORBIDDEN);
    }
    if (typeof body.use_default_rates === 'boolean') assignment.useDefaultRates = body.use_default_rates;
    if (body.hourly_rate !== undefined) assignment.hourlyRate = body.hourly_rate as number | null;
    return ok(json(assignment));
  }
  return fail(404, 'Not found');
}

function allTaskAssignments(world: AdminWorld, url: URL, user: User, accountId: number): Answer {
  const { state, fail } = world;
  if (!isAdmin(user) && !isManager(user)) return fail(403, FORBIDDEN);
  const active = url.searchParams.get('is_active');
  const items = state.projects
    .filter((project) => project.accountId === accountId && (isAdmin(user) || managesProject(state, user, project.id)))
    .flatMap((project) => projectTasks(state, project).map((task) => ({ project, task })))
    .filter(({ task }) => active === null || task.isActive === (active === 'true'))
    .map(({ project, task }) => taskAssignmentJson(state, project, task));
  return world.page(url, 'task_assignments', items);
}

function invoicesRoute(world: AdminWorld, url: URL, user: User): Answer {
  const { state, fail } = world;
  const drafter = has(user, 'managed_projects_invoice_drafter') || has(user, 'managed_projects_invoice_manager');
  if (!isAdmin(user) && !drafter) return fail(403, FORBIDDEN);
  const query = url.searchParams;
  const listed = state.invoices
    // A manager with an invoice role sees the invoices of the projects she manages.
    .filter((invoice) => isAdmin(user) || invoice.projectIds.some((id) => managesProject(state, user, id)))
    .filter((invoice) => query.get('from') === null || invoice.issue_date >= (query.get('from') as string))
    .filter((invoice) => query.get('to') === null || invoice.issue_date <= (query.get('to') as string))
    .filter((invoice) => query.get('state') === null || invoice.state === query.get('state'))
    .filter((invoice) => query.get('client_id') === null || invoice.clientId === Number(query.get('client_id')))
    .sort((a, b) => b.issue_date.localeCompare(a.issue_date) || b.id - a.id);
  return world.page(
    url,
    'invoices',
    listed.map((invoice) => {
      const client = state.clients.find((candidate) => candidate.id === invoice.clientId);
      return {
        id: invoice.id,
        number: invoice.number,
        amount: invoice.amount,
        due_amount: invoice.state === 'paid' ? 0 : invoice.amount,
        currency: invoice.currency,
        state: invoice.state,
        issue_date: invoice.issue_date,
        client: client ? { id: client.id, name: client.name } : null,
        line_items: invoice.projectIds.map((id) => ({ project: { id, name: state.projects.find((project) => project.id === id)?.name ?? '' } })),
      };
    }),
  );
}
