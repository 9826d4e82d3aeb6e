// What the changes of the catalog send to Clockify (docs/back-ends/clockify.md, "Administration"): getClient and
// updateClient (name, note), updateProject (name, billable, note, client), updateEstimate (the project's time and
// budget estimates) and updateTask (name, billable, estimates). A project and its tasks come from the root's api.ts.
// Nothing here decides which requests a call makes.
import { account, type ClockifyApiClient, id, ws } from '../api.ts';
import { remoteRefusal } from '../../remote/remote-error.ts';
import type { ClockifyRatedProject, ClockifyTask } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** A client as getClient answers it (ClientDtoV1), as far as Punchcard changes it. */
export interface ClockifyClientRecord {
  id: string;
  name: string;
  archived?: boolean;
  note?: string | null;
}

/** A task as the project's task list answers it (TaskDtoV1), with its estimates. */
export type ClockifyTaskRecord = ClockifyTask & { estimate?: string | null; budgetEstimate?: number | null };

/** One estimate as updateEstimate takes it (TimeEstimateRequest, EstimateWithOptionsRequest). */
export interface EstimateBody {
  estimate: string | number;
  active: boolean;
  type: 'MANUAL';
  resetOption: 'MONTHLY' | null;
}

export function catalogAdminEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { project, tasksPage } = client.api;
  return {
    project,
    tasksPage,
    clientRecord: (workspaceId: string, clientId: string, name: string) =>
      call<ClockifyClientRecord>('GET', `${ws(workspaceId)}/clients/${id(clientId)}`, {
        ...account(`read the client ${quotedLine(name)}`, remoteRefusal('clockify_item_gone', { item: 'client', name, deleted: null })),
        onlyReads: true,
      }),
    /** Renames a client or changes its note; the client as read goes with it, so that it stays archived or not. */
    updateClient: (workspaceId: string, client: ClockifyClientRecord, change: { name?: string; note?: string }) =>
      call<ClockifyClientRecord>(
        'PUT',
        `${ws(workspaceId)}/clients/${id(client.id)}`,
        account(`change the client ${quotedLine(client.name)}`, remoteRefusal('clockify_item_gone', { item: 'client', name: client.name, deleted: null })),
        { body: { name: change.name ?? client.name, archived: client.archived === true, note: change.note ?? client.note ?? '' } },
      ),
    /** Changes a project's name, billable mark, note or client; the project as read goes with them, so that nothing else changes. */
    updateProject: (workspaceId: string, project: ClockifyRatedProject, change: { name?: string; billable?: boolean; note?: string; clientId?: string }) =>
      call<ClockifyRatedProject>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(project.id)}`,
        account(`change the project ${quotedLine(project.name)}`, remoteRefusal('clockify_item_gone', { item: 'project', name: project.name, deleted: null })),
        {
          body: {
            name: change.name ?? project.name,
            billable: change.billable ?? project.billable === true,
            archived: project.archived === true,
            isPublic: project.public === true,
            note: change.note ?? project.note ?? '',
            ...((change.clientId ?? project.clientId) ? { clientId: change.clientId ?? project.clientId } : {}),
            ...(project.color ? { color: project.color } : {}),
          },
        },
      ),
    /** Sets the project's time estimate (an ISO 8601 duration) and/or its budget estimate (cents). */
    updateEstimate: (workspaceId: string, project: { id: string; name: string }, body: { timeEstimate?: EstimateBody; budgetEstimate?: EstimateBody }) =>
      call<ClockifyRatedProject>(
        'PATCH',
        `${ws(workspaceId)}/projects/${id(project.id)}/estimate`,
        account(
          `change the budget of the project ${quotedLine(project.name)}`,
          remoteRefusal('clockify_item_gone', { item: 'project', name: project.name, deleted: null }),
        ),
        { body },
      ),
    /** Changes a task; its name (required) and status go with it as read. */
    updateTask: (
      workspaceId: string,
      projectId: string,
      task: ClockifyTaskRecord,
      change: { name?: string; billable?: boolean; estimate?: string; budgetEstimate?: number },
    ) =>
      call<ClockifyTaskRecord>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(projectId)}/tasks/${id(task.id)}`,
        account(`change the task ${quotedLine(task.name)}`, remoteRefusal('clockify_item_gone', { item: 'task', name: task.name, deleted: null })),
        {
          body: {
            name: change.name ?? task.name,
            ...(task.status ? { status: task.status } : {}),
            billable: change.billable ?? task.billable === true,
            ...(change.estimate === undefined ? {} : { estimate: change.estimate }),
            ...(change.budgetEstimate === undefined ? {} : { budgetEstimate: change.budgetEstimate }),
          },
        },
      ),
  };
}

export type CatalogAdminEndpoints = ReturnType<typeof catalogAdminEndpoints>;
