// The window's data: one small store per bridge read, shared by the screens. A store keeps the last
// answer while it reloads (no flicker, no layout jump) and takes the fresh view every change call
// returns, so a screen never asks twice for what it was just told.
import { useSyncExternalStore } from 'react';
import type { AccountView, ClientCard, ExtensionView, HolidayRegionOption, PreferencesView, Screen, StatusView, ToolsView } from '../../main/ipc/contract.ts';
import { api, errorMessage } from './bridge.ts';

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

  constructor(fetcher: () => Promise<T>) {
    this.fetcher = fetcher;
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
        if (this.version === started) this.update({ data, error: undefined, loading: false });
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

export const stores = {
  status: new Store<StatusView>(() => api.getStatus()),
  tools: new Store<ToolsView>(() => api.getTools()),
  clients: new Store<ClientCard[]>(() => api.listClients()),
  extension: new Store<ExtensionView>(() => api.getExtension()),
  account: new Store<AccountView>(() => api.getAccount()),
  preferences: new Store<PreferencesView>(() => api.getPreferences()),
  countries: new Store<HolidayRegionOption[]>(() => api.listHolidayRegions()),
};

/** What each screen shows; loaded first for the screen that opens, the rest right after. */
export const SCREEN_STORES: Record<Screen, ReadonlyArray<Store<unknown>>> = {
  status: [stores.status],
  tools: [stores.tools],
  connect: [stores.clients, stores.extension],
  account: [stores.account],
  preferences: [stores.preferences, stores.countries],
};

/** Screens whose data can change behind the window's back: reloaded whenever they are shown again. */
export const REVALIDATE_ON_SHOW: ReadonlySet<Screen> = new Set(['status', 'connect']);

/** Replaces one client's card with the fresh one an action returned. */
export function replaceClient(card: ClientCard): void {
  const cards = stores.clients.get().data;
  if (!cards) return;
  stores.clients.set(cards.map((existing) => (existing.id === card.id ? card : existing)));
}
