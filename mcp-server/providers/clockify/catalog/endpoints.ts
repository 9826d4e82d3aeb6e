// What the catalog sends to Clockify (docs/back-ends/clockify.md): the clients, projects and tasks the person may book
// on, and, for a workspace admin or owner, clients, projects and tasks created, archived and restored (createClient,
// updateClient, createNewProject, updateProject, createTask, updateTask). The endpoints it shares with other
// capabilities come from the root's api.ts; the rest are its own.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { account, type ClockifyApiClient, id, tracking, ws } from '../api.ts';
import type { ClockifyClient, ClockifyProject, ClockifyTask } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

export function catalogEndpoints(client: ClockifyApiClient) {
  const { call, listPage } = client;
  const { projectsPage, tasksPage } = client.api;
  return {
    projectsPage,
    tasksPage,
    clientsPage: (workspaceId: string, page: number) => listPage<ClockifyClient>(`${ws(workspaceId)}/clients`, tracking('list clients'), {}, page),
    createClient: (workspaceId: string, name: string) =>
      call<ClockifyClient>('POST', `${ws(workspaceId)}/clients`, account(`create the client ${quotedLine(name)}`), { body: { name } }),
    /** Archives or restores a client (updateClient); its projects stay as they are. */
    archiveClient: (workspaceId: string, clientId: string, name: string, archived: boolean) =>
      call<ClockifyClient>(
        'PUT',
        `${ws(workspaceId)}/clients/${id(clientId)}`,
        account(
          `${archived ? 'archive' : 'restore'} the client ${quotedLine(name)}`,
          remoteRefusal('clockify_item_gone', { item: 'client', name, deleted: null }),
        ),
        { body: { name, archived } },
      ),
    createProject: (workspaceId: string, name: string, clientId: string | undefined) =>
      call<ClockifyProject>('POST', `${ws(workspaceId)}/projects`, account(`create the project ${quotedLine(name)}`), {
        body: { name, ...(clientId ? { clientId } : {}) },
      }),
    archiveProject: (workspaceId: string, projectId: string, name: string, archived: boolean) =>
      call<ClockifyProject>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(projectId)}`,
        account(
          `${archived ? 'archive' : 'restore'} the project ${quotedLine(name)}`,
          remoteRefusal('clockify_item_gone', { item: 'project', name, deleted: null }),
        ),
        { body: { archived } },
      ),
    createTask: (workspaceId: string, projectId: string, name: string, projectName: string) =>
      call<ClockifyTask>(
        'POST',
        `${ws(workspaceId)}/projects/${id(projectId)}/tasks`,
        account(`create the task ${quotedLine(name)} in ${quotedLine(projectName)}`),
        {
          body: { name },
        },
      ),
    /** Marks a task done (Clockify's archive) or active again (updateTask, whose body needs the name). */
    setTaskStatus: (workspaceId: string, projectId: string, task: Pick<ClockifyTask, 'id' | 'name'>, done: boolean) =>
      call<ClockifyTask>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(projectId)}/tasks/${id(task.id)}`,
        account(
          `${done ? 'archive' : 'restore'} the task ${quotedLine(task.name)}`,
          remoteRefusal('clockify_item_gone', { item: 'task', name: task.name, deleted: null }),
        ),
        { body: { name: task.name, status: done ? 'DONE' : 'ACTIVE' } },
      ),
  };
}

export type CatalogEndpoints = ReturnType<typeof catalogEndpoints>;
