// A workspace admin's writes to Toggl Track's catalog (create_catalog_item, archive_catalog_item; docs/back-ends/toggl.md,
// "Administration"): a client, a project (open to the whole workspace) or a task of a project added; a project or a task
// archived as `active: false` (a done task) and restored as `true`; a client archived by Toggl's own archive, which
// takes its projects with it (asked first, naming them) and is a Premium plan's (refused below Premium before anything
// is asked or sent), and restored alone. Nothing is ever deleted: a project's DELETE would take its time entries too.
// Anyone but a workspace admin is refused before anything is sent (the tools are not offered them: rights.ts), and
// Toggl's 403 withdraws the tool.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { BackEndError, type CatalogItem, type CatalogKind, type Ref } from '../../time-tracker.ts';
import type { TogglContext, Withdrawn } from '../context.ts';
import { clientItem, projectItem, taskItem } from '../mapping.ts';
import { ADMIN_NEEDS, administers } from '../rights.ts';
import type { TogglClient, TogglProject, TogglTask } from '../wire.ts';
import type { CatalogEndpoints } from './endpoints.ts';

/** Toggl's own word for each kind, as an action names it. */
export const TOGGL_NOUN: Record<CatalogKind, string> = { customer: 'client', project: 'project', activity: 'task' };

const CREATE: Withdrawn = { capability: 'catalog_write', tool: 'create_catalog_item', needs: ADMIN_NEEDS };
const ARCHIVE: Withdrawn = { capability: 'catalog_write', tool: 'archive_catalog_item', needs: ADMIN_NEEDS };

/** What the writes read of the catalog kept: an item as Toggl listed it (archived ones too), and forgetting the lists after a write. */
export interface KeptCatalog {
  record(kind: 'customer', id: number): Promise<TogglClient | undefined>;
  record(kind: 'project', id: number): Promise<TogglProject | undefined>;
  record(kind: 'activity', id: number): Promise<TogglTask | undefined>;
  clientsById(): Promise<ReadonlyMap<number, TogglClient>>;
  /** The active projects, as listed (kept a quarter of an hour). */
  activeProjects(): Promise<TogglProject[]>;
  changed(): void;
}

export class TogglCatalogWrites {
  readonly #context: TogglContext;
  readonly #endpoints: CatalogEndpoints;
  readonly #kept: KeptCatalog;

  constructor(context: TogglContext, endpoints: CatalogEndpoints, kept: KeptCatalog) {
    this.#context = context;
    this.#endpoints = endpoints;
    this.#kept = kept;
  }

  async create(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const { kind, name } = item;
    const action = `add the ${TOGGL_NOUN[kind]} ${quotedLine(name)}`;
    await this.#administrator('create_catalog_item', action);
    // Toggl's tasks live inside a project: one without is refused before anything is sent.
    if (kind === 'activity' && item.projectId === undefined) throw new BackEndError('toggl_activity_needs_project', { name });
    const workspace = await this.#context.workspace();
    // Tasks are a paid plan's: a Free workspace has none (Toggl's 402), said before anything is sent.
    if (kind === 'activity' && workspace.plan === 'free') throw new BackEndError('toggl_premium_feature', { action, message: null, needs: 'Starter' });
    try {
      if (kind === 'customer') {
        const client = await this.#context.administering(CREATE, action, () => this.#endpoints.createClient(workspace.id, { name }, action));
        return clientItem(client);
      }
      if (kind === 'project') {
        const body = { name, active: true as const, is_private: false as const, ...(item.customerId === undefined ? {} : { client_id: item.customerId }) };
        const project = await this.#context.administering(CREATE, action, () => this.#endpoints.createProject(workspace.id, body, action));
        return projectItem(project, await this.#kept.clientsById());
      }
      const projectId = item.projectId as number;
      const task = await this.#context.administering(CREATE, action, () => this.#endpoints.createTask(workspace.id, projectId, { name }, action));
      const project = await this.#kept.record('project', projectId);
      return taskItem({ ...task, project_id: task.project_id ?? projectId }, new Map(project ? [[project.id, project]] : []));
    } finally {
      this.#kept.changed();
    }
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    const verb = archived ? 'archive' : 'restore';
    await this.#administrator('archive_catalog_item', `${verb} the ${TOGGL_NOUN[kind]} #${id}`);
    const workspace = await this.#context.workspace();
    try {
      if (kind === 'project') {
        // The answer names the project: nothing of the catalog is read for it.
        const action = `${verb} the project #${id}`;
        const project = await this.#context.administering(ARCHIVE, action, () =>
          this.#endpoints.updateProject(workspace.id, id, { active: !archived }, action),
        );
        return { ...projectItem(project, new Map()), archived: project.active === false };
      }
      if (kind === 'activity') {
        // A task is addressed through its project: known from the tasks listed.
        const task = await this.#kept.record('activity', id);
        if (!task) throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: 'activity', id, any_more: true });
        const action = `${verb} the task ${quotedLine(task.name)} (#${id})`;
        const done = await this.#context.administering(ARCHIVE, action, () =>
          this.#endpoints.updateTask(workspace.id, task.project_id, id, { active: !archived }, action),
        );
        return { kind, id, name: done.name ?? task.name, archived: done.active === false };
      }
      const client = await this.#kept.record('customer', id);
      if (!client) throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: 'customer', id, any_more: true });
      const action = `${verb} the client ${quotedLine(client.name)}`;
      // Toggl archives a client (and its projects) on Premium alone ("Only for premium workspaces").
      if (workspace.plan !== 'premium') throw new BackEndError('toggl_premium_feature', { action, message: null, needs: 'Premium' });
      if (archived) await this.#context.administering(ARCHIVE, action, () => this.#endpoints.archiveClient(workspace.id, id, action));
      else await this.#context.administering(ARCHIVE, action, () => this.#endpoints.restoreClient(workspace.id, id, action));
      return { ...clientItem(client), archived };
    } finally {
      this.#kept.changed();
    }
  }

  /**
   * What a client's archive takes with it: its active projects (Toggl archives them too), for the question before it;
   * refused first where the role or the plan would refuse the archive. Nothing else takes anything along.
   */
  async takes(kind: CatalogKind, id: number): Promise<{ name: string; projects: Ref[] } | undefined> {
    if (kind !== 'customer') return undefined;
    await this.#administrator('archive_catalog_item', `archive the client #${id}`);
    const client = await this.#kept.record('customer', id);
    if (!client) throw new BackEndError('remote_record_missing', { service: 'Toggl Track', record: 'customer', id, any_more: true });
    const action = `archive the client ${quotedLine(client.name)}`;
    if ((await this.#context.workspace()).plan !== 'premium') throw new BackEndError('toggl_premium_feature', { action, message: null, needs: 'Premium' });
    const projects = (await this.#kept.activeProjects()).filter((project) => (project.client_id ?? project.cid ?? null) === id);
    return { name: client.name, projects: projects.map((project) => ({ id: project.id, name: project.name })) };
  }

  /** A workspace admin's writes: anyone else is refused before anything is sent. */
  async #administrator(tool: string, action: string): Promise<void> {
    const rights = await this.#context.rights();
    if (!administers(rights)) throw this.#context.lacks(rights, tool, action, ADMIN_NEEDS);
  }
}
