// The catalog's writes on Clockify, for a workspace admin or owner (capability catalog_write;
// docs/back-ends/clockify.md, "Administration"): clients, projects and tasks (Punchcard's customers,
// projects and activities) created, archived and restored. A task lives inside a project, so a new
// activity needs its project and an archived one is a task marked done. What is written is numbered
// like the rest of the catalog, and the catalog reads afresh afterwards. Clockify's 403 withdraws both
// catalog tools at once (context.ts, refuseAdministration). The catalog (catalog.ts) makes them.
import type { TasksLeftOut } from '../../../contract/outcomes/clockify.ts';
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind } from '../../time-tracker.ts';
import type { ClockifyContext } from '../context.ts';
import type { CatalogEndpoints } from './endpoints.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/**
 * What the writes need of the catalog they change (catalog.ts, which makes them): its listing, and
 * forgetting what it read so the next read is fresh. Named here so the two files do not import each other.
 */
export type CatalogReads = {
  listing(includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<{ catalog: Catalog; left?: TasksLeftOut }>;
  forget(): void;
};

const WORD: Readonly<Record<CatalogKind, string>> = { customer: 'client', project: 'project', activity: 'task' };

export class ClockifyCatalogWrites {
  readonly #context: ClockifyContext;
  readonly #endpoints: CatalogEndpoints;
  readonly #catalog: CatalogReads;

  constructor(context: ClockifyContext, endpoints: CatalogEndpoints, catalog: CatalogReads) {
    this.#context = context;
    this.#endpoints = endpoints;
    this.#catalog = catalog;
  }

  async create(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const api = this.#endpoints;
    const { workspaceId } = await this.#context.ids();
    const name = item.name.trim();
    if (item.kind === 'customer') {
      const client = await this.#refused(`create the client ${quotedLine(name)}`, () => api.createClient(workspaceId, name));
      this.#catalog.forget();
      return { kind: 'customer', id: await this.#context.number('client', client.id), remoteId: client.id, name: client.name, archived: false };
    }
    if (item.kind === 'project') {
      const customer = item.customerId === undefined ? undefined : await this.#known('customer', item.customerId);
      const project = await this.#refused(`create the project ${quotedLine(name)}`, () => api.createProject(workspaceId, name, customer?.remoteId));
      this.#catalog.forget();
      return {
        kind: 'project',
        id: await this.#context.number('project', project.id),
        remoteId: project.id,
        name: project.name,
        archived: false,
        customer: customer ? { id: customer.id, name: customer.name } : null,
      };
    }
    // Said before anything is sent: Clockify has no task outside a project.
    if (item.projectId === undefined) throw new BackEndError('clockify_task_needs_parent');
    const project = await this.#known('project', item.projectId);
    const task = await this.#refused(`create the task ${quotedLine(name)} in ${quotedLine(project.name)}`, () =>
      api.createTask(workspaceId, project.remoteId as string, name, project.name),
    );
    this.#catalog.forget();
    return {
      kind: 'activity',
      id: await this.#context.number('task', task.id),
      remoteId: task.id,
      name: task.name,
      archived: false,
      project: { id: project.id, name: project.name },
    };
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const api = this.#endpoints;
    const { workspaceId } = await this.#context.ids();
    const item = await this.#known(kind, id);
    const verb = archived ? 'archive' : 'restore';
    if (item.archived === archived) throw new BackEndError('clockify_catalog_item_already', { kind, id, name: item.name, archived });
    const remote = item.remoteId as string;
    const action = `${verb} the ${WORD[kind]} ${quotedLine(item.name)}`;
    if (kind === 'customer') await this.#refused(action, () => api.archiveClient(workspaceId, remote, item.name, archived));
    else if (kind === 'project') await this.#refused(action, () => api.archiveProject(workspaceId, remote, item.name, archived));
    else {
      const projectId = await this.#context.remote('project', item.project?.id ?? 0, 'clockify_task_project_unknown', { task: item.name });
      await this.#refused(action, () => api.setTaskStatus(workspaceId, projectId, { id: remote, name: item.name }, archived));
    }
    this.#catalog.forget();
    return { ...item, archived };
  }

  /**
   * The catalog item as the person sees it (archived ones too). An activity is looked for among the
   * tasks one listing reads: where Clockify's many projects leave it unread, the refusal says how to find it.
   */
  async #known(kind: CatalogKind, id: number): Promise<CatalogItem> {
    const { catalog, left } = await this.#catalog.listing(true, [kind]);
    const list = kind === 'customer' ? catalog.customers : kind === 'project' ? catalog.projects : catalog.activities;
    const found = list.find((item) => item.id === id);
    if (found) return found;
    throw new BackEndError('clockify_record_unknown', {
      record: kind,
      id,
      visible: true,
      see: 'list_catalog',
      nothing_changed: true,
      ...(kind === 'activity' && left ? { unlisted: left } : {}),
    });
  }

  /** Clockify's refusal (403) of a catalog write withdraws both catalog tools at once, and says so. */
  #refused<T>(action: string, send: () => Promise<T>): Promise<T> {
    return this.#context.administering('catalog', ['clockify_administration_refused', { part: 'catalog', action }], send);
  }
}
