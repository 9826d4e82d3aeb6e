// The window's data: one small store per bridge read, shared by the screens. A store keeps the last
// answer while it reloads (no flicker, no layout jump) and takes the fresh view every change call
// returns, so a screen never asks twice for what it was just told.
import { useSyncExternalStore } from 'react';
import type { AccountView } from '../../window-contract/account.ts';
import type { AdminCatalogView, AdminTagView, InvoicesView, RatesView, CatalogKind } from '../../window-contract/admin-catalog.ts';
import type { PeopleView, AdminTeamSummary, AdminTeamView } from '../../window-contract/admin-people.ts';
import type { AdminSection } from '../../window-contract/admin-sections.ts';
import type { ApprovalsToDecideView } from '../../window-contract/approvals.ts';
import type { Screen } from '../../window-contract/channels.ts';
import type { DraftsView, EvidenceView } from '../../window-contract/evidence.ts';
import type { CalendarView, LeaveView } from '../../window-contract/leave.ts';
import type { ClientCard, ExtensionView, TeamServerView } from '../../window-contract/registration.ts';
import type { ReportView } from '../../window-contract/reports.ts';
import type { HolidayRegionOption, PreferencesView, ToolsView } from '../../window-contract/settings.ts';
import type { IdleQuestion, StatusView } from '../../window-contract/status.ts';
import type { PendingLeaveView, TeamAvailability, TeamHoursView } from '../../window-contract/team.ts';
import type { CatalogView, TimesheetView } from '../../window-contract/timesheet.ts';
import type { UpdateView } from '../../window-contract/updates.ts';
import type { WorkingTimeSettingsView, WorkingTimeView } from '../../window-contract/working-time.ts';
import { api, errorMessage } from './bridge.ts';
import { localDateOf, mondayOf, monthEnd, monthOf, monthStart } from './format.ts';

export interface Loadable<T> {
  data: T | undefined;
  /** Why the last load failed; the previous data, if any, stays. */
  error: string | undefined;
  loading: boolean;
}

export class Store<T> {
  private state: Loadable<T> = { data: undefined, error: undefined, loading: false };
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<void> | null = null;
  /** Bumped by every `set`: a load that started before a newer answer arrived is dropped. */
  private version = 0;

  private readonly fetcher: () => Promise<T>;
  /** Where answers can be told apart by age: whether `incoming` is newer than `current`. */
  private readonly isNewer: ((incoming: T, current: T) => boolean) | undefined;

  constructor(fetcher: () => Promise<T>, isNewer?: (incoming: T, current: T) => boolean) {
    this.fetcher = fetcher;
    this.isNewer = isNewer;
  }

  readonly get = (): Loadable<T> => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  load(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const started = this.version;
    this.update({ loading: true });
    this.inFlight = this.fetcher().then(
      (data) => {
        this.inFlight = null;
        // A newer answer was set meanwhile: this load is dropped, unless its answer is newer still.
        const current = this.state.data;
        const newer = this.version === started || (this.isNewer !== undefined && current !== undefined && this.isNewer(data, current));
        if (newer) this.update({ data, error: undefined, loading: false });
        else this.update({ loading: false });
      },
      (error: unknown) => {
        this.inFlight = null;
        this.update({ error: errorMessage(error), loading: false });
      },
    );
    return this.inFlight;
  }

  /** Loads once; later calls reuse what is there. */
  ensure(): Promise<void> {
    return this.state.data === undefined && !this.state.error ? this.load() : (this.inFlight ?? Promise.resolve());
  }

  set(data: T): void {
    // An answer older than the one shown (an announcement overtaken by a load) changes nothing.
    const current = this.state.data;
    if (this.isNewer && current !== undefined && !this.isNewer(data, current)) return;
    this.version++;
    this.update({ data, error: undefined });
  }

  private update(patch: Partial<Loadable<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export function useStore<T>(store: Store<T>): Loadable<T> {
  return useSyncExternalStore(store.subscribe, store.get);
}

const NOTHING: Loadable<never> = { data: undefined, error: undefined, loading: false };

/**
 * A store per period (a week, a month, a year): each kept once loaded, so going back shows it at
 * once while it is asked again; change calls put their fresh answers in.
 */
export class KeyedStore<T> {
  private readonly stores = new Map<string, Store<T>>();
  private readonly listeners = new Set<() => void>();
  private readonly fetcher: (key: string) => Promise<T>;

  constructor(fetcher: (key: string) => Promise<T>) {
    this.fetcher = fetcher;
  }

  of(key: string): Store<T> {
    let store = this.stores.get(key);
    if (!store) {
      store = new Store(() => this.fetcher(key));
      store.subscribe(() => {
        for (const listener of this.listeners) listener();
      });
      this.stores.set(key, store);
    }
    return store;
  }

  readonly get = (key: string): Loadable<T> => this.stores.get(key)?.get() ?? NOTHING;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every period held, for a change that may touch any of them (another back end, leave filed). */
  keys(): string[] {
    return [...this.stores.keys()];
  }
}

export function useKeyed<T>(store: KeyedStore<T>, key: string): Loadable<T> {
  return useSyncExternalStore(store.subscribe, () => store.get(key));
}

/** The person's today: the engine's once the status says it, the computer's before. */
export function today(): string {
  return stores.status.get().data?.today ?? localDateOf(Date.now());
}

export type ReportPeriod = 'week' | 'month';

/** A report's key: "week:2026-05-11" or "month:2026-05". */
export function reportKey(period: ReportPeriod, date: string): string {
  return period === 'week' ? `week:${mondayOf(date)}` : `month:${monthOf(date)}`;
}

export function reportRange(key: string): { from: string; to: string } {
  const [period, start = ''] = key.split(':');
  if (period === 'week') return { from: start, to: new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10) };
  return { from: monthStart(start), to: monthEnd(start) };
}

/** A keyed store's current period as a plain store, for the preloading of SCREEN_STORES. */
function current<T>(store: KeyedStore<T>, key: () => string): Pick<Store<T>, 'load' | 'ensure'> {
  return { load: () => store.of(key()).load(), ensure: () => store.of(key()).ensure() };
}

export const stores = {
  status: new Store<StatusView>(
    () => api.getStatus(),
    (incoming, current) => incoming.sequence >= current.sequence,
  ),
  tools: new Store<ToolsView>(() => api.getTools()),
  clients: new Store<ClientCard[]>(() => api.listClients()),
  extension: new Store<ExtensionView>(() => api.getExtension()),
  teamServer: new Store<TeamServerView>(() => api.getTeamServer()),
  account: new Store<AccountView>(() => api.getAccount()),
  preferences: new Store<PreferencesView>(() => api.getPreferences()),
  countries: new Store<HolidayRegionOption[]>(() => api.listHolidayRegions()),
  evidence: new Store<EvidenceView>(() => api.getEvidence()),
  catalog: new Store<CatalogView>(() => api.getCatalog()),
  idle: new Store<IdleQuestion | null>(() => api.getIdleQuestion()),
  updates: new Store<UpdateView>(() => api.getUpdates()),
  /** By day: the Timesheet's drafts from evidence (none, and no engine call, while no source is on). */
  drafts: new KeyedStore<DraftsView>((date) => api.getDrafts({ date })),
  /** By the week's Monday. */
  timesheet: new KeyedStore<TimesheetView>((monday) => api.getTimesheet({ date: monday })),
  /** By reportKey(). */
  reports: new KeyedStore<ReportView>((key) => api.getReport(reportRange(key))),
  /** By year. */
  leave: new KeyedStore<LeaveView>((year) => api.getLeave({ year: Number(year) })),
  /** By month, YYYY-MM. */
  calendar: new KeyedStore<CalendarView>((month) => api.getCalendar({ month })),
  /** By the week's Monday: what the team tools offer, and the first window of the week's hours. */
  team: new KeyedStore<{ availability: TeamAvailability; hours: TeamHoursView | null }>((monday) => api.getTeamHours({ date: monday })),
  /** Asked only where the team's availability offers leave decisions. */
  pendingLeave: new Store<PendingLeaveView>(() => api.getPendingLeave()),
  /** The timesheets the person may decide: asked only where the status offers Approvals. */
  approvals: new Store<ApprovalsToDecideView>(() => api.getApprovalsToDecide()),
  /** The Administration screen's sections, each asked only where the status offers it. */
  adminCatalog: new Store<AdminCatalogView>(() => api.getAdminCatalog()),
  adminTags: new Store<AdminTagView[]>(() => api.getAdminTags()),
  /** By page, from 1. */
  invoices: new KeyedStore<InvoicesView>((page) => api.getInvoices({ page: Number(page) })),
  /** By page and whether the deactivated are listed: "1" or "1+inactive". */
  people: new KeyedStore<PeopleView>((key) => api.getAdminPeople({ page: Number.parseInt(key, 10), includeInactive: key.endsWith('+inactive') })),
  adminTeams: new Store<AdminTeamSummary[]>(() => api.getAdminTeams()),
  /** By the team's id: its members and leads. */
  adminTeam: new KeyedStore<AdminTeamView>((id) => api.getAdminTeam({ id: Number(id) })),
  /** The whole catalog, to pick whose rates to show. */
  rateCatalog: new Store<AdminCatalogView>(() => api.getRateCatalog()),
  /** By "kind:id", e.g. "project:12". */
  rates: new KeyedStore<RatesView>((key) => {
    const [kind = 'project', id = '0'] = key.split(':');
    return api.getRates({ kind: kind as CatalogKind, item: Number(id) });
  }),
  // Working time (issue 92).
  /** The rule set and the tray's warnings: no engine call. */
  workingTimeSettings: new Store<WorkingTimeSettingsView>(() => api.getWorkingTimeSettings()),
  /** By workingTimeKey(): a month for Reports, today for Status. */
  workingTime: new KeyedStore<WorkingTimeView>((key) => {
    const [from = '', to = from] = key.split('/');
    return api.getWorkingTime({ from, to });
  }),
};

/** The working-time store's key of a range of days. */
export function workingTimeKey(from: string, to: string): string {
  return `${from}/${to}`;
}

/** Whether the status offers this Administration section. */
export function adminOffers(section: AdminSection): boolean {
  return stores.status.get().data?.adminSections.includes(section) === true;
}

/**
 * A section's store, loaded only where the section is offered: a refused call would only say what the
 * screen already knows. Opened on Administration, the status is asked first, as it says which.
 */
function whereOffered(section: AdminSection, store: Pick<Store<unknown>, 'load' | 'ensure'>): Pick<Store<unknown>, 'load' | 'ensure'> {
  const when = (then: () => Promise<void>) => stores.status.ensure().then(() => (adminOffers(section) ? then() : undefined));
  return { load: () => when(() => store.load()), ensure: () => when(() => store.ensure()) };
}

/** The Approvals' store, loaded only where the status offers the decision of timesheets. */
function whereDecides(store: Pick<Store<unknown>, 'load' | 'ensure'>): Pick<Store<unknown>, 'load' | 'ensure'> {
  const when = (then: () => Promise<void>) => stores.status.ensure().then(() => (stores.status.get().data?.decidesTimesheets ? then() : undefined));
  return { load: () => when(() => store.load()), ensure: () => when(() => store.ensure()) };
}

/** What each screen shows; loaded first for the screen that opens, the rest right after. */
export const SCREEN_STORES: Record<Screen, ReadonlyArray<Pick<Store<unknown>, 'load' | 'ensure'>>> = {
  status: [stores.status, stores.idle, stores.updates, stores.workingTimeSettings],
  timesheet: [current(stores.timesheet, () => mondayOf(today()))],
  reports: [current(stores.reports, () => reportKey('month', today()))],
  leave: [current(stores.leave, () => today().slice(0, 4))],
  calendar: [current(stores.calendar, () => monthOf(today()))],
  team: [current(stores.team, () => mondayOf(today()))],
  approvals: [whereDecides(stores.approvals)],
  admin: [
    whereOffered('catalog', stores.adminCatalog),
    whereOffered('tags', stores.adminTags),
    whereOffered('invoices', stores.invoices.of('1')),
    whereOffered('people', stores.people.of('1')),
    whereOffered('teams', stores.adminTeams),
    whereOffered('rates', stores.rateCatalog),
  ],
  tools: [stores.tools],
  connect: [stores.clients, stores.extension, stores.teamServer],
  account: [stores.account],
  preferences: [stores.preferences, stores.countries, stores.updates, stores.evidence, stores.workingTimeSettings],
};

/**
 * Screens whose data is asked only when they are first shown: each costs engine calls (and requests
 * to a remote back end) that a window opened for the timer should not spend.
 */
export const ON_DEMAND: ReadonlySet<Screen> = new Set(['timesheet', 'reports', 'leave', 'calendar', 'team', 'approvals', 'admin']);

/** Screens whose data can change behind the window's back: reloaded whenever they are shown again. */
export const REVALIDATE_ON_SHOW: ReadonlySet<Screen> = new Set([
  'status',
  'connect',
  'timesheet',
  'reports',
  'leave',
  'calendar',
  'team',
  'approvals',
  'admin',
]);

/** Replaces one client's card with the fresh one an action returned. */
export function replaceClient(card: ClientCard): void {
  const cards = stores.clients.get().data;
  if (!cards) return;
  stores.clients.set(cards.map((existing) => (existing.id === card.id ? card : existing)));
}
