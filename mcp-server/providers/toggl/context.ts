// What Toggl Track's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts), the person the token belongs to (asked once per process: /me counts on
// the person's own hourly quota, and a new token may be another person's; its answer carries the token, so only the
// fields Punchcard reads are kept, and only in memory), the workspace Punchcard works in (the one named, else the
// person's default one; remembered between starts for a day, with what it requires on every entry and its lock), its
// optional reads (the lock and the tasks, each a paid plan's: providers/remote/optional-read.ts), and the grid the
// cells are made in (TogglGrid). Toggl has no organisation account acting for people (TogglGrid).
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { TOGGL } from '../../contract/back-ends/toggl.ts';
import type { TogglRequired } from '../../contract/outcomes/remote-toggl.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { firstValidZone, isValidTimeZone, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { Expiring } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads } from '../remote/optional-read.ts';
import { hostOf, remoteRefusal } from '../remote/remote-error.ts';
import { learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import type { CatalogPart, Ref } from '../time-tracker.ts';
import { createTogglApiClient, type TogglApi, type TogglApiClient } from './api.ts';
import { TogglError } from './errors.ts';
import { togglFacts, togglFactsKey, type TogglFacts } from './facts.ts';
import { chooseWorkspace, lockOf, planOf, requiredOf, type TogglPlan, type Workspace, workspaceIdIn } from './mapping.ts';
import type { TogglProject, TogglTask, TogglUser, TogglWorkspace } from './wire.ts';

export type TogglProfile = ProfileOf<typeof TOGGL>;
export type TogglTrackerOptions = RemoteTrackerOptions<TogglProfile>;

/** The workspace is asked about again after a day (its plan, its required fields and its lock change rarely). */
const RECHECK_MS = 24 * 3_600_000;
/** The person and their workspace are read once per process; a refused token reads them again. */
const PER_PROCESS_MS = Number.POSITIVE_INFINITY;

/** The person as Punchcard keeps them: never /me's answer as it came (it carries the token). */
export interface TogglPerson {
  id: number;
  name: string;
  email: string | null;
  timezone: string | null;
  defaultWorkspaceId: number | null;
  /** The workspaces the token sees, where /me was asked with them (a workspace named by name). */
  workspaces?: TogglWorkspace[];
}

/** What a new or changed entry books on, checked: Toggl's ids and the billable flag the project sets. */
export interface Booking {
  projectId: number | null;
  taskId: number | null;
  billable: boolean;
}

/** The catalog as the other capabilities use it: names of entries' projects and tasks, what may be booked on. */
export interface TogglCatalogView extends CatalogPart {
  /** What a new or changed entry books on, checked (the project open to the person, the task one of its open tasks). */
  booking(projectId: number | null, taskId: number | null): Promise<Booking>;
  /** A project's and a task's names by id, from the lists kept (read where none is kept yet); null where the lists have none. */
  nameOf(projectId: number | null, taskId: number | null): Promise<{ project: Ref | null; task: Ref | null }>;
  /** The names of up to `count` projects open for booking, for a refusal to give as examples. */
  projectExamples(count: number): Promise<string[]>;
  projects(): Promise<TogglProject[]>;
  tasks(): Promise<TogglTask[]>;
}

/**
 * What Toggl's cells are made in (providers/grid/cell.ts). Toggl Track has no organisation account that acts for
 * people: each person connects their own token (docs/back-ends/toggl.md, "The team server"), so no cell narrows its
 * endpoints to one or offers anything under an organisation's credential.
 */
export interface TogglGrid extends Grid {
  readonly client: TogglApiClient;
  readonly person: NoOrganisationAccount;
  readonly context: TogglContext;
  readonly known: TogglFacts | undefined;
  readonly parts: RemoteParts & { catalog: TogglCatalogView };
}

export class TogglContext {
  readonly options: TogglTrackerOptions;
  readonly client: TogglApiClient;
  readonly api: TogglApi;
  readonly facts: LearnedFacts<TogglFacts>;
  /** What Toggl may refuse as a feature the workspace's plan lacks, and what the tools do without it (docs/back-ends/toggl.md, "Optional reads"). */
  readonly optional: OptionalReads<'lock' | 'tasks'>;
  readonly #person = new Expiring<TogglPerson>(PER_PROCESS_MS);
  readonly #workspace = new Expiring<Workspace>(PER_PROCESS_MS);

  constructor(options: TogglTrackerOptions, capabilitiesOf: (facts: TogglFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    this.client = createTogglApiClient({
      connection: remoteConnection(options),
      clock: { now: () => options.now(), zone: () => firstValidZone(this.facts.current.timezone, options.timezone()) },
      onTokenRefused: () => {
        this.#person.invalidate();
        this.#workspace.invalidate();
      },
    });
    this.api = this.client.api;
    this.facts = learnedFacts(options, { file: togglFacts, key: togglFactsKey(options.profile), capabilitiesOf });
    this.optional = optionalReads(
      { service: 'Toggl Track', log: options.log, now: options.now },
      {
        lock: {
          what: "the workspace's lock of older entries",
          without: 'no entry is held back as locked by Punchcard (Toggl still refuses a write into a locked period itself)',
        },
        tasks: { what: "the workspace's tasks", without: 'the catalog lists no tasks, and an entry is booked on its project alone' },
      },
    );
  }

  /**
   * The person the token belongs to, once per process. Where the settings name the workspace by name and it is not
   * remembered, /me is asked with the person's workspaces in the same request, so finding it costs nothing more on
   * the person's quota.
   */
  person(): Promise<TogglPerson> {
    return this.#person.get(async () => {
      const wanted = this.options.profile.workspace;
      const withWorkspaces = wanted !== undefined && workspaceIdIn(wanted) === undefined && !this.#remembered(undefined);
      const user = withWorkspaces ? await this.api.meWithWorkspaces() : await this.api.me();
      const person = personOf(user);
      if (withWorkspaces) {
        const { workspaces } = user as { workspaces?: unknown };
        person.workspaces = Array.isArray(workspaces) ? (workspaces as TogglWorkspace[]) : [];
      }
      if (person.timezone && person.timezone !== this.facts.current.timezone) this.facts.learn({ timezone: person.timezone });
      return person;
    });
  }

  /** The workspace: the one the settings name (by id or name), else the person's default one. `fresh` asks for it and its lock again. */
  workspace(fresh = false): Promise<Workspace> {
    if (fresh) {
      this.#workspace.invalidate();
      this.optional.lock.forget();
    }
    return this.#workspace.get(async () => this.#resolveWorkspace(await this.person(), fresh));
  }

  /**
   * The workspace's lock of older entries (epoch ms): undefined where it locks none, or where the lock is not known.
   * Read with the workspace; where Toggl would not answer it (a paid plan's), nothing is held back as locked and it is
   * asked again after the hour, here, by the next write that checks it.
   */
  async lockedBefore(): Promise<number | undefined> {
    const workspace = await this.workspace();
    if (workspace.lockKnown) return workspace.lockedBefore;
    const lockedAt = await this.#readLock(workspace.id);
    if (lockedAt === undefined) return undefined;
    // The workspace as kept for the process learns its lock: the next write asks nothing.
    Object.assign(workspace, { lockKnown: true, lockedBefore: lockOf(lockedAt) });
    this.facts.learn({ lockedAt });
    return workspace.lockedBefore;
  }

  async workspaceId(): Promise<number> {
    return (await this.workspace()).id;
  }

  /** The person's zone in Toggl (their profile's), remembered between starts; null where it names none. */
  async timeZone(): Promise<string | null> {
    const zone = (await this.person()).timezone ?? this.facts.current.timezone;
    return zone && isValidTimeZone(zone) ? zone : null;
  }

  async zone(): Promise<string> {
    return firstValidZone(await this.timeZone(), this.options.timezone());
  }

  async today(): Promise<string> {
    return localDate(this.options.now(), await this.zone());
  }

  /** "Toggl Track at host as Ada (ada@…) in the workspace "Acme" (Starter plan)." */
  async connectionLine(): Promise<string> {
    const [person, workspace] = await Promise.all([this.person(), this.workspace()]);
    const email = person.email && person.email !== person.name ? ` (${person.email})` : '';
    return `Toggl Track at ${hostOf(this.options.profile.url)} as ${person.name}${email} in the workspace "${workspace.name}" (${PLAN_NAMES[workspace.plan]} plan).`;
  }

  /** Whether what an earlier start learned about the workspace is older than a day. */
  stale(): boolean {
    const checkedAt = Date.parse(this.facts.current.checkedAt ?? '');
    return Number.isNaN(checkedAt) || this.options.now() - checkedAt > RECHECK_MS;
  }

  close(): void {
    this.client.close();
  }

  /** The workspace as an earlier start resolved it, where that serves: named the same way and under a day old (the default one while it stays the default). */
  #remembered(defaultId: number | null | undefined): Workspace | undefined {
    const facts = this.facts.current;
    if (facts.workspaceId === undefined || facts.workspaceName === undefined || this.stale()) return undefined;
    if (this.options.profile.workspace === undefined && facts.workspaceId !== defaultId) return undefined;
    return {
      id: facts.workspaceId,
      name: facts.workspaceName,
      plan: facts.plan === 'premium' || facts.plan === 'starter' ? facts.plan : 'free',
      requires: new Set((facts.requires ?? '').split(' ').filter(Boolean) as TogglRequired[]),
      lockedBefore: lockOf(facts.lockedAt),
      lockKnown: facts.lockedAt !== undefined,
    };
  }

  async #resolveWorkspace(person: TogglPerson, fresh: boolean): Promise<Workspace> {
    const wanted = this.options.profile.workspace;
    const remembered = fresh ? undefined : this.#remembered(person.defaultWorkspaceId);
    if (remembered) return remembered;
    const id = workspaceIdIn(wanted) ?? (wanted === undefined ? person.defaultWorkspaceId : undefined);
    let found: TogglWorkspace;
    if (id !== undefined && id !== null) {
      found = await this.api.workspace(id).catch(async (error: unknown) => {
        // A workspace the token does not see: refused naming the ones it does.
        if (!(error instanceof TogglError) || (error.status !== 403 && error.status !== 404)) throw error;
        const seen = (await this.api.meWithWorkspaces()).workspaces ?? [];
        return chooseWorkspace(seen, wanted ?? String(id), undefined);
      });
    } else {
      const seen = person.workspaces ?? (await this.api.meWithWorkspaces()).workspaces ?? [];
      found = chooseWorkspace(seen, wanted, person.defaultWorkspaceId);
    }
    if (typeof found?.id !== 'number' || typeof found.name !== 'string')
      throw new TogglError('wrong_service', remoteRefusal('toggl_unreadable', { what: 'a workspace without its id or name' }));
    const lockedAt = await this.#readLock(found.id);
    const workspace: Workspace = {
      id: found.id,
      name: found.name,
      plan: planOf(found),
      requires: requiredOf(found),
      lockedBefore: lockOf(lockedAt),
      lockKnown: lockedAt !== undefined,
    };
    this.facts.learn({
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      plan: workspace.plan,
      requires: [...workspace.requires].join(' '),
      ...(lockedAt === undefined ? {} : { lockedAt }),
      checkedAt: new Date(this.options.now()).toISOString(),
    });
    return workspace;
  }

  /** The workspace's report_locked_at ('' where it locks nothing); undefined where Toggl refused it as unavailable (an optional read). */
  #readLock(workspaceId: number): Promise<string | undefined> {
    return this.optional.lock.read(async () => {
      const preferences = await this.api.preferences(workspaceId);
      return typeof preferences?.report_locked_at === 'string' ? preferences.report_locked_at : '';
    }, undefined);
  }
}

const PLAN_NAMES: Record<TogglPlan, string> = { free: 'Free', starter: 'Starter', premium: 'Premium' };

/** The fields Punchcard reads of /me's answer, and nothing else of it (the answer carries the token). */
export function personOf(user: TogglUser | undefined): TogglPerson {
  if (!user || typeof user.id !== 'number') throw new TogglError('wrong_service', remoteRefusal('toggl_unreadable', { what: 'a profile without its id' }));
  const email = typeof user.email === 'string' && user.email.trim() !== '' ? user.email.trim() : null;
  const name = (typeof user.fullname === 'string' ? user.fullname.trim() : '') || email || 'you';
  const timezone = typeof user.timezone === 'string' && isValidTimeZone(user.timezone) ? user.timezone : null;
  const defaultWorkspaceId = typeof user.default_workspace_id === 'number' ? user.default_workspace_id : null;
  return { id: user.id, name, email, timezone, defaultWorkspaceId };
}
