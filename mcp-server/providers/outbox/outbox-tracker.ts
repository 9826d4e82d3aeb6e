// A remote back end with an outbox in front of it (docs/decisions.md, "The outbox"). While the back
// end answers, everything goes through, and what it says of the running timer, the catalog, the
// person's zone and recent entries is remembered. When it cannot be reached (out-of-reach.ts), a
// clock-in, a clock-out and a logged entry are kept with the moment they happened and answered as
// kept; reads show what was last known, with its age, and the kept writes laid over it. Before each
// call, and in the background with a growing pause, the kept writes are sent in order
// (outbox-sender.ts), and what came of them is said in the next answer.
import { join } from 'node:path';
import type {
  AccountPart,
  Catalog,
  CatalogItem,
  CatalogKind,
  CatalogPart,
  EntriesPart,
  EntryFields,
  EntryFieldsPart,
  EntryQuery,
  Ref,
  TimeEntry,
  TimerPart,
  TimeTracker,
  WorkSpan,
} from '../time-tracker.ts';
import { BackEndError, TimerRunningError } from '../time-tracker.ts';
import { backEndOf, isBackEndType } from '../../contract/back-ends.ts';
import { type Note, noticeOf } from '../../contract/outcomes/notices.ts';
import { signalSettled } from './settled-signal.ts';
import { isOutOfReach, reachProblem } from './out-of-reach.ts';
import { OUTBOX_FILE, type OutboxKind, type OutboxOrigin, type OutboxRow, OutboxStore, OutboxUnusable, type Remembered } from './outbox-store.ts';
import { type FlushResult, OutboxSender, type SenderOptions } from './outbox-sender.ts';
import {
  type ClockInPayload,
  type ClockOutPayload,
  endedByPending,
  type LogTimePayload,
  pendingEntries,
  pendingEntry,
  pendingSeq,
  pendingSpans,
  runningAfter,
  type TimerRef,
  type WaitReason,
} from './pending.ts';
import type { RemoteError } from '../remote/remote-error.ts';
import type { EntryFieldDefinition, FieldWrite } from '../../domain/entry-fields.ts';

/** Writes kept for one account at most: far more than a day away from the network makes. */
export const MAX_KEPT = 200;

export interface OutboxOptions extends SenderOptions {
  /** Who is writing through this engine: the app's own engine, or an AI client's. */
  origin: OutboxOrigin;
  /**
   * Whose login a write kept now is for (docs/several-trackers.md, "Whose a connection is"): the back end's id of the
   * person the secret answered for, WHOSE_UNKNOWN where that is not known yet and another tracker has the same
   * address, null (the default) where any login of the account may send it.
   */
  keptFor?: () => string | null;
}

/** One call's view of the outbox: the notices it adds to the answer, and whether the back end was found out of reach in it. */
interface CallState {
  notes: Note[];
  unreachable: RemoteError | null;
  /** What was last known and shown instead, said once per call. */
  saidStale: boolean;
  /** Marks the outbox news in `notes` as told, once the call's answer carries them. */
  told?: () => Promise<void>;
}

/** The engine's outbox over one remote back end. */
export class EngineOutbox {
  readonly #inner: TimeTracker;
  readonly #options: OutboxOptions;
  readonly #sender: OutboxSender;
  /** What was said of an outbox file that cannot be opened (its words), so it is said once (again if it changes, or after it worked). */
  #saidUnusable: string | null = null;
  /** Names of projects and activities by id, from every catalog read: a kept write shows them. */
  readonly #names = new Map<string, Ref>();
  /** The view used outside calls (completions, the engine's own reads). */
  readonly tracker: TimeTracker;

  constructor(inner: TimeTracker, options: OutboxOptions) {
    this.#inner = inner;
    this.#options = options;
    this.#sender = new OutboxSender(inner, options);
    this.tracker = this.view({ notes: [], unreachable: null, saidStale: false });
  }

  /**
   * Before a call: kept writes are sent first (a few; the rest in the background), and what was sent,
   * adjusted or needs a decision since the person last heard goes into the call's answer. The call
   * then works through a view that adds its sentences to `notes`.
   */
  async prepareCall(notes: Note[]): Promise<TimeTracker> {
    const state: CallState = { notes, unreachable: null, saidStale: false };
    let result: FlushResult;
    try {
      result = await this.#sender.sendFirst();
    } catch (error) {
      if (error instanceof OutboxUnusable) return this.#withoutOutbox(error, notes);
      this.#options.log(`Sending the outbox failed: ${(error as Error).message}`);
      result = { kind: 'failed' };
      this.#sender.schedule(); // The background tries again.
    }
    this.#saidUnusable = null;
    if (result.kind === 'out_of_reach') state.unreachable = result.error;
    await this.#tell(state);
    return this.view(state);
  }

  /**
   * The outbox file cannot be opened (a folder that cannot be written, a damaged file, one a newer
   * Punchcard wrote): the call goes straight to the back end, and the person hears so once. Writes are
   * sent now and, while the back end is out of reach, fail in its own words instead of being kept.
   * Not refused: the outbox is a net for a network that drops, and a person who is online expects a
   * clock-in to happen; refusing every write over a local file would turn the net into an outage.
   * Writes kept in that file are not lost by it: once it opens again they are sent, and the look before
   * each send (deliver.ts) keeps them from overwriting what was written straight meanwhile.
   */
  #withoutOutbox(error: OutboxUnusable, notes: Note[]): TimeTracker {
    if (this.#saidUnusable !== error.message) {
      this.#saidUnusable = error.message;
      this.#options.log(error.message);
      notes.push(noticeOf('outbox_unusable', { service: this.#options.service, file: error.problem }));
    }
    return this.#inner;
  }

  /** Starts the background sender where writes are waiting (an engine that starts after a crash, or one that just kept a write). */
  start(): Promise<void> {
    return this.#sender.start();
  }

  /**
   * What the person has not yet heard: each settled kept write. The rows count as told only once the
   * call's answer carries these notes (the call's tracker hears `answered`); until then every call says them again.
   */
  async #tell(state: CallState): Promise<void> {
    const { store, log } = this.#options;
    const { notes } = state;
    const rows = await store.untold();
    if (rows.length === 0) return;
    const seqs = rows.map((row) => row.seq);
    state.told = () =>
      store.markTold(seqs).catch((error: unknown) => {
        // Not marked: the next answer says it again, which is better than never.
        log(`Marking outbox rows ${seqs.join(', ')} as told failed: ${(error as Error).message}`);
      });
    const { service } = this.#options;
    const outcomes = (state: OutboxRow['state']) =>
      rows.filter((row) => row.state === state).map((row) => row.outcome ?? noticeOf('kept_write_not_sent', { service }));
    const sent = outcomes('sent');
    const adjusted = outcomes('adjusted');
    const decide = outcomes('needs_decision');
    if (sent.length > 0) notes.push(noticeOf('kept_writes_sent', { service, writes: sent }));
    if (adjusted.length > 0) notes.push(noticeOf('kept_writes_adjusted', { service, writes: adjusted }));
    if (decide.length > 0) notes.push(noticeOf('kept_writes_to_decide', { service, writes: decide }));
  }

  /**
   * One call's tracker: the back end's own, with the outbox in front of the parts it keeps writes for
   * or remembers reads of (the account's zone, the timer, the entries, the catalog), and the kept
   * writes that wait for the person. Every other part is the back end's, as it built it: leave and
   * the team's reads and decisions are not kept offline; they go to the back end or fail in words.
   */
  view(state: CallState): TimeTracker {
    const inner = this.#inner;
    const call = new OutboxCall(inner, this.#sender, this.#options, state, this.#names);
    // A remote tracker is a plain object of its parts (remote-tracker.ts), so the rest is handed on as it is.
    return {
      ...inner,
      get capabilities() {
        return inner.capabilities;
      },
      account: call,
      timer: call,
      entries: call,
      catalog: call,
      keptWrites: this.#sender,
      ...(inner.entryFields ? { entryFields: call.entryFieldsOver(inner.entryFields) } : {}),
      forCall: (notes) => this.prepareCall(notes),
      answered: async () => {
        const told = state.told;
        state.told = undefined;
        await told?.();
      },
      close: () => {
        this.#sender.close();
        inner.close();
      },
    };
  }
}

/** What a call reads and writes through the outbox: the account's zone, the timer, the entries and the catalog. */
class OutboxCall implements AccountPart, TimerPart, EntriesPart, CatalogPart {
  readonly activitiesBelongToProjects?: boolean;
  readonly entriesNeedActivity?: boolean;
  readonly archiveTakes?: CatalogPart['archiveTakes'];
  /** Whose the secret is, where the back end can say (never kept: it is asked of the back end each time). */
  readonly personId?: () => Promise<string>;
  readonly #inner: TimeTracker;
  readonly #sender: OutboxSender;
  readonly #options: OutboxOptions;
  readonly #state: CallState;
  readonly #names: Map<string, Ref>;

  constructor(inner: TimeTracker, sender: OutboxSender, options: OutboxOptions, state: CallState, names: Map<string, Ref>) {
    this.#inner = inner;
    this.#sender = sender;
    this.#options = options;
    this.#state = state;
    this.#names = names;
    if (inner.catalog.activitiesBelongToProjects) this.activitiesBelongToProjects = true;
    if (inner.catalog.entriesNeedActivity) this.entriesNeedActivity = true;
    const { catalog } = inner;
    const takes = catalog.archiveTakes;
    if (takes) this.archiveTakes = (kind, id) => takes.call(catalog, kind, id);
    const { account } = inner;
    const personId = account.personId;
    if (personId) this.personId = () => personId.call(account);
  }

  whoami() {
    return this.#inner.account.whoami();
  }
  createCatalogItem(item: Parameters<CatalogPart['createCatalogItem']>[0]) {
    return this.#inner.catalog.createCatalogItem(item);
  }
  setArchived(kind: CatalogKind, id: number, archived: boolean) {
    return this.#inner.catalog.setArchived(kind, id, archived);
  }

  /**
   * A project by its key, where the back end names projects beyond its listing (Tempo's Jira issues): asked of the
   * back end, its name remembered for a kept write; while it is out of reach, the keys of projects read before.
   */
  async projectByKey(text: string): Promise<CatalogItem | undefined> {
    const { catalog } = this.#inner;
    if (!catalog.projectByKey) return undefined;
    const item = await this.#readOr(
      `project-key:${text.trim().toLowerCase()}`,
      async () => (await catalog.projectByKey?.(text)) ?? null,
      (known: CatalogItem | null) => known,
      () => new BackEndError('outbox_catalog_unknown', { service: this.#options.service }),
    );
    if (item) this.#names.set(`project:${item.id}`, { id: item.id, name: item.name });
    return item ?? undefined;
  }

  /** Projects by several keys: the back end's answer, or none while it is out of reach (the day from evidence maps none then). */
  async projectsByKey(keys: readonly string[]): Promise<ReadonlyMap<string, CatalogItem>> {
    const { catalog } = this.#inner;
    if (!catalog.projectsByKey || this.#state.unreachable) return new Map();
    try {
      return await catalog.projectsByKey(keys);
    } catch (error) {
      if (!isOutOfReach(error)) throw error;
      this.#state.unreachable = error;
      return new Map();
    }
  }

  async timeZone(): Promise<string | null> {
    const { account } = this.#inner;
    const timeZone = account.timeZone;
    if (!timeZone) return null;
    return this.#readOr(
      'zone',
      () => timeZone.call(account),
      (known) => known,
    );
  }

  /**
   * Every catalog read adds its items to one remembered list, so a name can be looked up while the back
   * end is out of reach whichever list (projects, one project's activities, all of them) was read before.
   */
  async catalog(includeArchived: boolean, kinds?: readonly CatalogKind[], projectId?: number): Promise<Catalog> {
    const catalog = await this.#readOr(
      'catalog',
      () => this.#inner.catalog.catalog(includeArchived, kinds, projectId),
      (known: KnownCatalog) => knownCatalog(known, includeArchived, kinds, projectId),
      // Never read before: nothing to show, and no name can be turned into the back end's project, so
      // neither a list nor a write by name can go on. Said as the network's fault it is, with what works.
      () => new BackEndError('outbox_catalog_unknown', { service: this.#options.service }),
      async (read) => mergedCatalog((await this.#recalled<KnownCatalog>('catalog'))?.value, read),
    );
    for (const item of [...catalog.projects, ...catalog.activities]) this.#names.set(`${item.kind}:${item.id}`, { id: item.id, name: item.name });
    return catalog;
  }

  async runningEntry(): Promise<TimeEntry | null> {
    const base = await this.#readOr(
      'running',
      () => this.#inner.timer.runningEntry(),
      (known: TimeEntry | null) => known,
    );
    const open = await this.#options.store.open();
    return runningAfter(base, open, this.#options.service);
  }

  async listEntries(query: EntryQuery): Promise<{ entries: TimeEntry[]; total: number }> {
    const key = `entries:${query.from}:${query.to}:${query.projectId ?? ''}:${query.limit}:${query.offset}`;
    const listed = await this.#readOr(
      key,
      () => this.#inner.entries.listEntries(query),
      (known: { entries: TimeEntry[]; total: number }) => known,
    );
    const open = await this.#options.store.open();
    const waiting = pendingEntries(open, this.#options.service, query.from, query.to).filter(
      (entry) => query.projectId === undefined || entry.project?.id === query.projectId,
    );
    if (waiting.length === 0 || query.offset > 0) return listed;
    return { entries: [...listed.entries, ...waiting].sort((a, b) => a.start - b.start), total: listed.total + waiting.length };
  }

  async getEntry(id: number): Promise<TimeEntry> {
    this.#refuseWaiting(id, 'read');
    return this.#inner.entries.getEntry(id);
  }

  async workSpans(from: number, to: number, now: number, projectId?: number): Promise<WorkSpan[]> {
    const key = `spans:${from}:${to}:${projectId ?? ''}`;
    let stale = false;
    const spans = await this.#readOr(
      key,
      () => this.#inner.entries.workSpans(from, to, now, projectId),
      (known: WorkSpan[]) => {
        stale = true;
        return known;
      },
    );
    const open = await this.#options.store.open();
    if (open.length === 0) return spans;
    // A timer known to run when the back end was last heard ran on only to its kept clock-out.
    const running = stale ? await this.#recalled<TimeEntry | null>('running') : undefined;
    const end = running?.value ? endedByPending(running.value, open) : null;
    const cut =
      end === null
        ? spans
        : spans.map((span) => (running?.value && span.start >= running.value.start && span.end > end ? { ...span, end: Math.max(span.start, end) } : span));
    const own = pendingSpans(open, this.#options.service, from, to, now).filter((span) => projectId === undefined || span.project?.id === projectId);
    return [...cut, ...own];
  }

  async lastEntryEndingBetween(from: number, to: number): Promise<TimeEntry | null> {
    const key = `last:${from}:${to}`;
    return this.#readOr(
      key,
      () => this.#inner.entries.lastEntryEndingBetween(from, to),
      (known: TimeEntry | null) => known,
      () => new BackEndError('outbox_day_end_unknown', { service: this.#options.service }),
    );
  }

  async startTimer(
    fields: Omit<EntryFields, 'end' | 'start'> & { start?: number },
    switchRunning: boolean,
  ): Promise<{ started: TimeEntry; stopped: TimeEntry | null }> {
    return this.#writeOr(
      async () => {
        const answer = await this.#inner.timer.startTimer(fields, switchRunning);
        // What runs now is known without asking again.
        await this.#remember('running', answer.started);
        return answer;
      },
      async (reason) => {
        this.#refuseKeepingFields(fields.customFields);
        const start = fields.start ?? this.#options.now();
        const running = await this.#knownRunning();
        if (running && !switchRunning) throw new TimerRunningError(running);
        if (running && start < running.start) throw new BackEndError('timer_starts_before_running');
        const payload: ClockInPayload = {
          start,
          projectId: fields.projectId,
          activityId: fields.activityId,
          description: fields.description,
          project: this.#name('project', fields.projectId),
          activity: this.#name('activity', fields.activityId),
          switchFrom: running && switchRunning ? timerRef(running) : null,
        };
        const row = await this.#keep('clock_in', payload, start);
        const stopped = running && switchRunning ? { ...running, end: start, waiting: { service: this.#options.service, reason } } : null;
        return { started: pendingEntry(row, this.#options.service, reason), stopped };
      },
    );
  }

  async stopTimer(end?: number, note?: string, fields?: readonly FieldWrite[]): Promise<TimeEntry> {
    return this.#writeOr(
      async () => {
        const stopped = await this.#inner.timer.stopTimer(end, note, fields);
        await this.#remember('running', null);
        return stopped;
      },
      async (reason) => {
        this.#refuseKeepingFields(fields);
        const running = await this.#knownRunning();
        if (!running) throw new BackEndError('timer_not_running');
        const at = end ?? this.#options.now();
        const payload: ClockOutPayload = { end: at, note: note ?? null, timer: timerRef(running), entry: { ...running, waiting: undefined } as TimeEntry };
        await this.#keep('clock_out', payload, at);
        return { ...running, end: at, waiting: { service: this.#options.service, reason } };
      },
    );
  }

  async createEntry(fields: EntryFields & { end: number }): Promise<TimeEntry> {
    return this.#writeOr(
      () => this.#inner.entries.createEntry(fields),
      async (reason) => {
        this.#refuseKeepingFields(fields.customFields);
        const payload: LogTimePayload = {
          start: fields.start,
          end: fields.end,
          projectId: fields.projectId,
          activityId: fields.activityId,
          description: fields.description,
          project: this.#name('project', fields.projectId),
          activity: this.#name('activity', fields.activityId),
          ...(fields.agent ? { agent: fields.agent } : {}),
        };
        const row = await this.#keep('log_time', payload, fields.start);
        return pendingEntry(row, this.#options.service, reason);
      },
    );
  }

  async updateEntry(id: number, patch: Partial<EntryFields>): Promise<TimeEntry> {
    this.#refuseWaiting(id, 'changed');
    return this.#inner.entries.updateEntry(id, patch);
  }

  async deleteEntry(id: number): Promise<TimeEntry> {
    this.#refuseWaiting(id, 'deleted');
    return this.#inner.entries.deleteEntry(id);
  }

  /**
   * A write: sent where the back end answers and nothing kept waits before it; kept where earlier
   * kept writes wait (so the order holds), or where the back end turns out to be out of reach.
   */
  async #writeOr<T>(send: () => Promise<T>, keep: (reason: WaitReason) => Promise<T>): Promise<T> {
    if (this.#state.unreachable) return keep('out_of_reach');
    if ((await this.#options.store.open()).length > 0) return keep('behind');
    try {
      return await send();
    } catch (error) {
      if (!isOutOfReach(error)) throw error;
      this.#state.unreachable = error;
      return keep('out_of_reach');
    }
  }

  /**
   * The back end's custom-field definitions, remembered like the catalog: while it is out of reach, the
   * last known; none where they were never read (the write is kept, and the back end judges it when it
   * is sent). Whether the person is an admin, and a project's customer, are asked only where a field needs them.
   */
  entryFieldsOver(part: EntryFieldsPart): EntryFieldsPart {
    const none = new Error('no custom fields known');
    return {
      valueForm: part.valueForm,
      timerStartsWithout: part.timerStartsWithout,
      definitions: (projectId) =>
        this.#readOr(
          `entry-fields:${projectId ?? ''}`,
          () => part.definitions(projectId),
          (known: EntryFieldDefinition[]) => known,
          () => none,
        ).catch((error: unknown) => {
          if (error === none) return [];
          throw error;
        }),
      ...(part.customerOf ? { customerOf: (projectId: number) => (part as Required<EntryFieldsPart>).customerOf(projectId) } : {}),
      isAdmin: () => part.isAdmin(),
    };
  }

  /** A write with custom fields is not kept for later (the kept writes' file keeps no fields): refused, nothing sent. */
  #refuseKeepingFields(fields: readonly FieldWrite[] | undefined): void {
    if (fields && fields.length > 0) throw new BackEndError('fields_not_kept', { back_end: this.#options.service });
  }

  /**
   * A read: from the back end where it answers (and remembered), else what was last known, said with
   * its age; where nothing is known, the back end's own failure (or `unknown`'s words).
   */
  async #readOr<T, K = T>(key: string, read: () => Promise<T>, known: (value: K) => T, unknown?: () => Error, kept?: (value: T) => Promise<K>): Promise<T> {
    if (!this.#state.unreachable) {
      try {
        const value = await read();
        await this.#remember(key, kept ? await kept(value) : value);
        return value;
      } catch (error) {
        if (!isOutOfReach(error)) throw error;
        this.#state.unreachable = error;
      }
    }
    const recalled = await this.#recalled<K>(key);
    if (!recalled) throw unknown?.() ?? this.#state.unreachable;
    this.#sayStale(recalled.at);
    return known(recalled.value);
  }

  async #remember(key: string, value: unknown): Promise<void> {
    try {
      await this.#options.store.remember(key, value);
    } catch (error) {
      // Remembering is a convenience for later: a locked file must not fail the read that worked.
      this.#options.log(`Remembering ${key} in the outbox failed: ${(error as Error).message}`);
    }
  }

  async #recalled<T>(key: string): Promise<Remembered<T> | undefined> {
    return this.#options.store.recall<T>(key);
  }

  /** The timer as it runs with the kept writes applied; null where none runs or nothing is known. */
  async #knownRunning(): Promise<TimeEntry | null> {
    const recalled = this.#state.unreachable ? await this.#recalled<TimeEntry | null>('running') : undefined;
    const base = this.#state.unreachable ? (recalled?.value ?? null) : await this.#inner.timer.runningEntry().catch(() => null);
    return runningAfter(base, await this.#options.store.open(), this.#options.service);
  }

  async #keep(kind: OutboxKind, payload: unknown, happenedAt: number): Promise<OutboxRow> {
    const { store, service } = this.#options;
    // A client calling in a loop while the back end is away must not grow the file without end.
    if ((await store.open()).length >= MAX_KEPT) throw new BackEndError('outbox_full', { service, limit: MAX_KEPT });
    // What would not be sent is not kept either, so "kept" never turns into "not sent" for that reason
    // alone: an AI client's entry with --all-tools may call a tool switched off for AI clients, but
    // its writes go out under their rules (may-send.ts).
    if (this.#options.mayStillWrite(kind, this.#options.origin) !== null) throw new BackEndError('outbox_write_switched_off', { service, tool: kind });
    const seq = await store.add({ kind, origin: this.#options.origin, payload, happenedAt, person: this.#options.keptFor?.() ?? null });
    this.#sender.schedule();
    return (await store.row(seq)) as OutboxRow;
  }

  #name(kind: 'project' | 'activity', id: number | null): Ref | null {
    if (id === null) return null;
    return this.#names.get(`${kind}:${id}`) ?? { id, name: `#${id}` };
  }

  #sayStale(at: number): void {
    if (this.#state.saidStale) return;
    this.#state.saidStale = true;
    const { unreachable } = this.#state;
    this.#state.notes.push(
      noticeOf('outbox_stale', {
        service: this.#options.service,
        problem: unreachable ? reachProblem(unreachable) : null,
        status: unreachable?.status ?? null,
        minutes_ago: Math.floor(Math.max(0, this.#options.now() - at) / 60_000),
      }),
    );
  }

  #refuseWaiting(id: number, action: 'read' | 'changed' | 'deleted'): void {
    if (pendingSeq(id) === undefined) return;
    throw new BackEndError('outbox_entry_waiting', { service: this.#options.service, entry: id, action });
  }
}

/** Every catalog item read so far, by kind and id, archived or not. */
interface KnownCatalog {
  items: CatalogItem[];
}

function mergedCatalog(known: KnownCatalog | undefined, read: Catalog): KnownCatalog {
  const items = new Map((known?.items ?? []).map((item) => [`${item.kind}:${item.id}`, item]));
  for (const item of [...read.customers, ...read.projects, ...read.activities]) items.set(`${item.kind}:${item.id}`, item);
  return { items: [...items.values()] };
}

/** The remembered items a catalog read would have answered with. */
function knownCatalog(known: KnownCatalog, includeArchived: boolean, kinds: readonly CatalogKind[] | undefined, projectId: number | undefined): Catalog {
  const wanted = (kind: CatalogKind) => kinds === undefined || kinds.includes(kind);
  const items = known.items.filter((item) => wanted(item.kind) && (includeArchived || !item.archived));
  return {
    customers: items.filter((item) => item.kind === 'customer'),
    projects: items.filter((item) => item.kind === 'project'),
    activities: items.filter((item) => item.kind === 'activity' && (projectId === undefined || !item.project || item.project.id === projectId)),
  };
}

function timerRef(entry: TimeEntry): TimerRef {
  const seq = pendingSeq(entry.id);
  return seq === undefined ? { id: entry.id, start: entry.start } : { seq };
}

/** Which account a kept write belongs to: the back end, its address and whose (never a secret). */
export function outboxAccount(profile: { type: string; url?: string; email?: string; workspace?: string }): string {
  return [profile.type, profile.url ?? '', profile.email ?? '', profile.workspace ?? ''].join(' ');
}

/**
 * The remote tracker with its outbox in front (the engine serves this one; each call works through
 * the tracker its `forCall` makes); the background sender starts where writes wait from before.
 */
export function keepingWritesOffline(
  tracker: TimeTracker,
  options: Omit<OutboxOptions, 'store' | 'service'> & {
    /** The folder the outbox is kept in: the data folder, or a tracker's own among several (providers/connection-folder.ts). */
    userDataDir: string;
    account: string;
    /** The folder the app watches for a settled write, where that is not `userDataDir`: the data folder itself. */
    signalDir?: string;
    /** Another tracker has the same address and its login is its secret: writes kept before persons were recorded wait for the person (outbox-store.ts). */
    keptBeforePersonsAmbiguous?: boolean;
  },
): TimeTracker {
  const store = new OutboxStore({
    path: join(options.userDataDir, OUTBOX_FILE),
    backEnd: options.account,
    now: options.now,
    log: options.log,
    ...(options.keptBeforePersonsAmbiguous ? { keptBeforePersonsAmbiguous: true } : {}),
    onSettled: () => signalSettled(options.signalDir ?? options.userDataDir, options.now(), options.log),
  });
  const outbox = new EngineOutbox(tracker, { ...options, store, service: isBackEndType(tracker.type) ? backEndOf(tracker.type).label : tracker.label });
  outbox.start().catch((error: unknown) => options.log(`The outbox could not be read: ${(error as Error).message}`));
  return outbox.tracker;
}
