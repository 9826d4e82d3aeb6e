// The fake Clockify's endpoints for what a workspace admin administers (fake-clockify.ts registers
// them), as Clockify's OpenAPI describes them (tag.yml, invoice.yml, client.yml, project.yml,
// task.yml): updateTag renames and archives a tag (200 with the tag); getInvoicesInfo, a search sent
// as a POST, answers a page of invoices and the count of all (InvoiceInfoResponseDtoV1) by issue
// date, status and client, amounts in cents; createClient, createNewProject and createTask answer 201,
// updateClient, updateProject and updateTask 200, errors `{message, code}`.
//
// GUESS: everything here is a workspace admin's (or the owner's) alone and a regular member gets 403
// "Access Denied": Clockify's workspace settings name admins alone (onlyAdminsCreateProject, …Task,
// …Tag) and invoices are an admin's page. A second tag, client or project of the same name is a 400.
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { Body, Call, FakeClockifyState, FakeProject, FakeTask, FakeUser, FakeWorkspace } from './fake-clockify.ts';
import { newId } from './fake-clockify.ts';
import { applyProjectFields, applyTaskFields } from './fake-clockify-catalog.ts';
import { applyProjectRates } from './fake-clockify-rates.ts';

/** An invoice (InvoiceInfoV1), its amount in cents. */
export interface FakeInvoice {
  id: string;
  workspaceId: string;
  number: string;
  clientId: string | null;
  currency: string;
  /** 'YYYY-MM-DD'. */
  issuedDate: string;
  status: 'UNSENT' | 'SENT' | 'PAID' | 'PARTIALLY_PAID' | 'VOID' | 'OVERDUE';
  amount: number;
}

/** What the fake's routes share with these. */
export interface AdminRouteKit {
  route(method: string, path: string, handler: (call: Call) => unknown): void;
  state: FakeClockifyState;
  workspaceOf(call: Call): FakeWorkspace;
  isAdmin(user: FakeUser, workspaceId: string): boolean;
  paged<T>(call: Call, items: T[], maxSize?: number, defaultSize?: number): HttpAnswer;
  refuse(status: number, message: string, code?: number): Error;
  projectJson(project: FakeProject): unknown;
  taskJson(task: FakeTask): unknown;
}

const STATUSES = ['UNSENT', 'SENT', 'PAID', 'PARTIALLY_PAID', 'VOID', 'OVERDUE'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function registerAdminRoutes(kit: AdminRouteKit): void {
  const { route, state, refuse } = kit;
  /** The workspace, where the caller administers it. */
  const administered = (call: Call): FakeWorkspace => {
    const workspace = kit.workspaceOf(call);
    if (!kit.isAdmin(call.user, workspace.id)) throw refuse(403, 'Access Denied');
    return workspace;
  };
  const text = (body: Body, field: string, min: number, max: number): string => {
    const value = typeof body[field] === 'string' ? (body[field] as string).trim() : '';
    if (value.length < min || value.length > max) throw refuse(400, `${field}: size must be between ${min} and ${max}`);
    return value;
  };
  const flag = (body: Body, field: string): boolean | undefined => {
    if (body[field] === undefined) return undefined;
    if (typeof body[field] !== 'boolean') throw refuse(400, `${field}: must be a boolean`);
    return body[field] as boolean;
  };

  // updateTag (UpdateTagRequest: name, archived). GUESS: archived left out means false, as its default says.
  route('PUT', '/workspaces/:workspaceId/tags/:id', (call) => {
    const workspace = administered(call);
    const tag = state.tags.find((item) => item.id === call.params.id && item.workspaceId === workspace.id);
    if (!tag) throw refuse(404, 'Tag not found', 501);
    const name = text(call.body, 'name', 1, 100);
    if (state.tags.some((item) => item !== tag && item.workspaceId === workspace.id && item.name.toLowerCase() === name.toLowerCase()))
      throw refuse(400, 'Tag with that name already exists', 501);
    tag.name = name;
    tag.archived = flag(call.body, 'archived') ?? false;
    return { id: tag.id, name: tag.name, workspaceId: tag.workspaceId, archived: tag.archived };
  });

  // getInvoicesInfo (InvoiceFilterRequestV1): issue dates both included, statuses any of, clients by id; page and pageSize in the body.
  route('POST', '/workspaces/:workspaceId/invoices/info', (call) => {
    const workspace = administered(call);
    const { body } = call;
    const range = (body.issueDate ?? {}) as Record<string, unknown>;
    const from = range['issue-date-start'];
    const to = range['issue-date-end'];
    if ((from !== undefined && !(typeof from === 'string' && DAY.test(from))) || (to !== undefined && !(typeof to === 'string' && DAY.test(to))))
      throw refuse(400, 'issueDate: must be yyyy-MM-dd');
    const statuses = body.statuses === undefined ? [] : body.statuses;
    if (!Array.isArray(statuses) || statuses.some((status) => !STATUSES.includes(status as string))) throw refuse(400, 'statuses: unknown status');
    const clients = body.clients as { ids?: unknown } | undefined;
    const clientIds = Array.isArray(clients?.ids) ? (clients.ids as string[]) : undefined;
    const page = Number(body.page ?? 1);
    const size = Number(body.pageSize ?? 50);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1) throw refuse(400, 'page and pageSize must be positive');
    const found = state.invoices
      .filter((invoice) => invoice.workspaceId === workspace.id)
      .filter((invoice) => (from === undefined || invoice.issuedDate >= (from as string)) && (to === undefined || invoice.issuedDate <= (to as string)))
      .filter((invoice) => statuses.length === 0 || statuses.includes(invoice.status))
      .filter((invoice) => clientIds === undefined || (invoice.clientId !== null && clientIds.includes(invoice.clientId)))
      .sort((a, b) => (body.sortOrder === 'DESCENDING' ? -1 : 1) * (a.issuedDate.localeCompare(b.issuedDate) || a.number.localeCompare(b.number)));
    return {
      total: found.length,
      invoices: found.slice((page - 1) * size, page * size).map((invoice) => ({
        id: invoice.id,
        number: invoice.number,
        clientId: invoice.clientId,
        clientName: state.clients.find((client) => client.id === invoice.clientId)?.name ?? null,
        currency: invoice.currency,
        issuedDate: `${invoice.issuedDate}T00:00:00Z`,
        dueDate: `${invoice.issuedDate}T00:00:00Z`,
        status: invoice.status,
        amount: invoice.amount,
        balance: invoice.status === 'PAID' ? 0 : invoice.amount,
        paid: invoice.status === 'PAID' ? invoice.amount : 0,
        billFrom: 'Acme Consulting',
        daysOverdue: 0,
      })),
    };
  });

  const clientJson = (client: FakeClockifyState['clients'][number]) => ({
    id: client.id,
    name: client.name,
    archived: client.archived,
    workspaceId: client.workspaceId,
    address: null,
    note: client.note ?? null,
  });

  route('POST', '/workspaces/:workspaceId/clients', (call) => {
    const workspace = administered(call);
    const name = text(call.body, 'name', 1, 100);
    if (state.clients.some((client) => client.workspaceId === workspace.id && client.name.toLowerCase() === name.toLowerCase()))
      throw refuse(400, 'Client with that name already exists', 501);
    const client = { id: newId(0x63), workspaceId: workspace.id, name, archived: false };
    state.clients.push(client);
    return new HttpAnswer(201, clientJson(client));
  });
  route('PUT', '/workspaces/:workspaceId/clients/:id', (call) => {
    const workspace = administered(call);
    const client = state.clients.find((item) => item.id === call.params.id && item.workspaceId === workspace.id);
    if (!client) throw refuse(404, 'Client not found', 501);
    if (call.body.name !== undefined) client.name = text(call.body, 'name', 1, 100);
    if (call.body.note !== undefined) client.note = text(call.body, 'note', 0, 3000);
    client.archived = flag(call.body, 'archived') ?? client.archived;
    // archive-projects: the client's projects archived with it, only where asked.
    if (client.archived && call.query.get('archive-projects') === 'true')
      for (const project of state.projects) if (project.clientId === client.id) project.archived = true;
    return clientJson(client);
  });

  route('POST', '/workspaces/:workspaceId/projects', (call) => {
    const workspace = administered(call);
    const name = text(call.body, 'name', 2, 250);
    const clientId = typeof call.body.clientId === 'string' && call.body.clientId !== '' ? call.body.clientId : null;
    if (clientId && !state.clients.some((client) => client.id === clientId && client.workspaceId === workspace.id)) throw refuse(400, 'Client not found', 501);
    if (
      state.projects.some(
        (project) => project.workspaceId === workspace.id && project.clientId === clientId && project.name.toLowerCase() === name.toLowerCase(),
      )
    )
      throw refuse(400, 'Project with that name already exists', 501);
    const project: FakeProject = {
      id: newId(0x70),
      workspaceId: workspace.id,
      name,
      clientId,
      archived: false,
      billable: flag(call.body, 'billable') ?? false,
      public: flag(call.body, 'isPublic') ?? false,
      memberIds: [call.user.id],
    };
    state.projects.push(project);
    return new HttpAnswer(201, kit.projectJson(project));
  });
  route('PUT', '/workspaces/:workspaceId/projects/:projectId', (call) => {
    const workspace = administered(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw refuse(404, 'Project not found', 501);
    if (call.body.name !== undefined) project.name = text(call.body, 'name', 2, 250);
    project.archived = flag(call.body, 'archived') ?? project.archived;
    applyProjectFields(state, project, call.body, refuse);
    applyProjectRates(state.rates, project, call.body, refuse);
    return kit.projectJson(project);
  });

  route('POST', '/workspaces/:workspaceId/projects/:projectId/tasks', (call) => {
    const workspace = administered(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    if (!project) throw refuse(404, 'Project not found', 501);
    const name = text(call.body, 'name', 1, 1000);
    if (state.tasks.some((task) => task.projectId === project.id && task.name.toLowerCase() === name.toLowerCase()))
      throw refuse(400, 'Task with that name already exists', 501);
    const task: FakeTask = { id: newId(0x6b), projectId: project.id, name, status: 'ACTIVE', billable: project.billable };
    state.tasks.push(task);
    return new HttpAnswer(201, kit.taskJson(task));
  });
  // updateTask (UpdateTaskRequest): name required; status ACTIVE or DONE.
  route('PUT', '/workspaces/:workspaceId/projects/:projectId/tasks/:taskId', (call) => {
    const workspace = administered(call);
    const project = state.projects.find((item) => item.id === call.params.projectId && item.workspaceId === workspace.id);
    const task = state.tasks.find((item) => item.id === call.params.taskId && item.projectId === project?.id);
    if (!task) throw refuse(404, 'Task not found', 501);
    task.name = text(call.body, 'name', 1, 1000);
    if (call.body.status !== undefined) {
      if (call.body.status !== 'ACTIVE' && call.body.status !== 'DONE') throw refuse(400, 'status: must be ACTIVE or DONE');
      task.status = call.body.status;
    }
    applyTaskFields(task, call.body, refuse);
    return kit.taskJson(task);
  });
}
