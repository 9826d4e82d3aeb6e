// Clockify's endpoints for what a workspace admin administers through Punchcard (docs/back-ends/clockify.md,
// "Administration"): the tag list (getTags, updateTag), invoices (getInvoicesInfo) and the catalog's
// writes (createClient, updateClient, createNewProject, updateProject, createTask,
// updateTask). One method per endpoint over the API module's request functions (api.ts), each with
// what it is for in words; nothing here decides which requests a call makes.
import type { OpenPage } from '../remote/paging.ts';
import type { QueryValue } from '../remote/remote-client.ts';
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { ClockifyClient, ClockifyInvoices, ClockifyProject, ClockifyTag, ClockifyTask } from './wire.ts';

/** Tags per page asked for: Clockify's getTags sets no largest page; 200 lists most workspaces' tags in one go. */
const TAG_PAGE = 200;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The API module's request functions the administration's endpoints go through. */
export interface AdminRequests {
  call<T>(method: Method, path: string, purpose: RequestPurpose, extra?: { query?: Record<string, QueryValue>; body?: unknown }): Promise<T>;
  listPage<T>(path: string, purpose: RequestPurpose, query: Record<string, QueryValue>, page: number, size?: number): Promise<OpenPage<T>>;
}

/** What Clockify's invoice filter (InvoiceFilterRequestV1) takes from Punchcard. */
interface InvoiceFilter {
  /** 'YYYY-MM-DD', both included: the issue date's range. */
  issuedFrom: string;
  issuedTo: string;
  statuses: readonly string[];
  clientId?: string;
  page: number;
  pageSize: number;
}

export function clockifyAdminEndpoints({ call, listPage }: AdminRequests) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent;
  const admin = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
  return {
    /** A page of the tags, archived ones or the others (getTags' `archived`, which left out means false). */
    tagsPage: (workspaceId: string, archived: boolean, name: string, page: number) =>
      listPage<ClockifyTag>(
        `${ws(workspaceId)}/tags`,
        admin('list the tags'),
        { archived, ...(name ? { name } : {}), 'sort-column': 'NAME', 'sort-order': 'ASCENDING' },
        page,
        TAG_PAGE,
      ),
    /** Renames or archives a tag (updateTag): the body carries both, as the tag should be afterwards. */
    updateTag: (workspaceId: string, tagId: string, body: { name: string; archived: boolean }, action: string) =>
      call<ClockifyTag>(
        'PUT',
        `${ws(workspaceId)}/tags/${id(tagId)}`,
        admin(action, remoteRefusal('clockify_item_gone', { item: 'tag', name: null, deleted: 'by_someone' })),
        {
          body,
        },
      ),
    /** A page of the invoices by Clockify's filter, newest issued first (getInvoicesInfo: a search sent as a POST). */
    invoices: (workspaceId: string, filter: InvoiceFilter) =>
      call<ClockifyInvoices>(
        'POST',
        `${ws(workspaceId)}/invoices/info`,
        { ...admin('list the invoices'), onlyReads: true },
        {
          body: {
            issueDate: { 'issue-date-start': filter.issuedFrom, 'issue-date-end': filter.issuedTo },
            ...(filter.statuses.length > 0 ? { statuses: filter.statuses } : {}),
            ...(filter.clientId ? { clients: { contains: 'CONTAINS', ids: [filter.clientId], status: 'ALL' } } : {}),
            sortColumn: 'ISSUE_DATE',
            sortOrder: 'DESCENDING',
            page: filter.page,
            pageSize: filter.pageSize,
          },
        },
      ),
    createClient: (workspaceId: string, name: string) =>
      call<ClockifyClient>('POST', `${ws(workspaceId)}/clients`, admin(`create the client "${name}"`), { body: { name } }),
    /** Archives or restores a client (updateClient); its projects stay as they are. */
    archiveClient: (workspaceId: string, clientId: string, name: string, archived: boolean) =>
      call<ClockifyClient>(
        'PUT',
        `${ws(workspaceId)}/clients/${id(clientId)}`,
        admin(`${archived ? 'archive' : 'restore'} the client "${name}"`, remoteRefusal('clockify_item_gone', { item: 'client', name, deleted: null })),
        { body: { name, archived } },
      ),
    createProject: (workspaceId: string, name: string, clientId: string | undefined) =>
      call<ClockifyProject>('POST', `${ws(workspaceId)}/projects`, admin(`create the project "${name}"`), {
        body: { name, ...(clientId ? { clientId } : {}) },
      }),
    archiveProject: (workspaceId: string, projectId: string, name: string, archived: boolean) =>
      call<ClockifyProject>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(projectId)}`,
        admin(`${archived ? 'archive' : 'restore'} the project "${name}"`, remoteRefusal('clockify_item_gone', { item: 'project', name, deleted: null })),
        { body: { archived } },
      ),
    createTask: (workspaceId: string, projectId: string, name: string, projectName: string) =>
      call<ClockifyTask>('POST', `${ws(workspaceId)}/projects/${id(projectId)}/tasks`, admin(`create the task "${name}" in "${projectName}"`), {
        body: { name },
      }),
    /** Marks a task done (Clockify's archive) or active again (updateTask, whose body needs the name). */
    setTaskStatus: (workspaceId: string, projectId: string, task: Pick<ClockifyTask, 'id' | 'name'>, done: boolean) =>
      call<ClockifyTask>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(projectId)}/tasks/${id(task.id)}`,
        admin(`${done ? 'archive' : 'restore'} the task "${task.name}"`, remoteRefusal('clockify_item_gone', { item: 'task', name: task.name, deleted: null })),
        { body: { name: task.name, status: done ? 'DONE' : 'ACTIVE' } },
      ),
  };
}
