// Each connection's folder among several on the desktop, kept to whose the connection is (docs/several-trackers.md,
// "Whose a connection is"). A connection opens in the folder its name gives (providers/connection-folder.ts): before
// any back end has answered, nothing else can say whose it is. Where the login is the secret (Kimai, Clockify, Toggl
// Track, Harvest), its first call asks the back end whose the secret is, side by side for every connection at the
// same address, and each goes to the folder of its own login: a folder another login's (trackers renamed, a secret
// moved from one to another) is left to that login, with its outbox, numbers and facts. The engine holds one tracker
// per connection whatever its folder: a connection that moves is opened again in its folder and the old one closed.
import { join } from 'node:path';
import { backEndOf, isRemote, type BackEndProfile } from '../contract/back-ends.ts';
import { type Note, noticeOf } from '../contract/outcomes/notices.ts';
import type { ConnectionOf } from '../credentials/connection-secret.ts';
import type { Log } from '../log.ts';
import { connectionHome, connectionIdentity, type Home, recordedHome } from '../providers/connection-folder.ts';
import { OUTBOX_FILE, WHOSE_UNKNOWN, waitingWrites } from '../providers/outbox/outbox-store.ts';
import { outboxAccount } from '../providers/outbox/outbox-tracker.ts';
import type { TimeTracker } from '../providers/time-tracker.ts';

/** What a connection's tracker in one folder is made with: whose login a write kept now is for, and whether another connection is at its address. */
export interface Whose {
  /** The back end's id of the person the secret answered for; WHOSE_UNKNOWN or null before that is known (OutboxOptions.keptFor). */
  keptFor: () => string | null;
  /** Another connection has the same address (and account or workspace): before the person is known, the name alone tells them apart. */
  shared: boolean;
}

/** Makes a connection's tracker (its back end, and the outbox in front) in one folder. */
export type BuildIn = (home: Home, whose: Whose) => Promise<TimeTracker>;

/** The folders of the connections one desktop engine serves, and their trackers, each kept in the folder of its login. */
export class ConnectionHomes {
  readonly #userDataDir: string;
  readonly #log: Log;
  readonly #members = new Map<string, Promise<Homed>>();
  /** The folder each connection opened in, by name, before any person was known: how trackers.db's older rows are read. */
  readonly #openedIn = new Map<string, string>();
  /** The settling of each identity's connections under way. */
  readonly #settling = new Map<string, Promise<void>>();

  constructor(userDataDir: string, log: Log) {
    this.#userDataDir = userDataDir;
    this.#log = log;
  }

  /**
   * The connection's tracker, opened in the folder its name gives; its first call settles its folder by whose it is.
   * What the engine holds stays the same object while the tracker behind it moves.
   */
  open(connection: ConnectionOf, profile: BackEndProfile, build: BuildIn): Promise<TimeTracker> {
    const identity = connectionIdentity(profile);
    const shared = connection.connections.filter((each) => connectionIdentity(each.profile) === identity).length > 1;
    const home = connectionHome(this.#userDataDir, connection, this.#log);
    this.#openedIn.set(connection.name, home.key);
    const member = new Homed({ connection, profile, identity, shared, build, homes: this, log: this.#log });
    const opened = member.openIn(home).then(() => member);
    this.#members.set(connection.name, opened);
    // Settling awaits every member of the identity; one that fails to open is left out of it.
    opened.catch(() => {});
    return opened.then((homed) => homed.view);
  }

  /** The key of a connection's folder, settled by whose it is where that can be learned now; undefined for a connection not open. */
  async keyOf(name: string): Promise<string | undefined> {
    const member = await this.#members.get(name)?.catch(() => undefined);
    if (!member) return undefined;
    if (!member.settled) await this.settle(member.identity);
    return member.home.key;
  }

  /** The folder a connection opened in before its person was known: what an older trackers.db's row of that name meant. */
  openedIn(name: string): string | undefined {
    return this.#openedIn.get(name);
  }

  /**
   * Settles the folders of every connection of `identity` (one, or several logins at one address): each whose login
   * is its secret is asked whose it is, side by side, then each goes to the folder of its login, the connections
   * with a folder recorded for them first. A connection that cannot be asked (out of reach) stays where it is, and
   * the next call asks again. Calls at once share one settling.
   */
  settle(identity: string): Promise<void> {
    const running = this.#settling.get(identity);
    if (running) return running;
    const work = this.#settleGroup(identity)
      .catch((error: unknown) => this.#log(`Could not settle the trackers' folders: ${(error as Error).message}`))
      .finally(() => this.#settling.delete(identity));
    this.#settling.set(identity, work);
    return work;
  }

  async #settleGroup(identity: string): Promise<void> {
    const opened = await Promise.all([...this.#members.values()].map((member) => member.catch(() => undefined)));
    const members = opened.filter((member): member is Homed => member !== undefined && member.identity === identity);
    await Promise.all(members.filter((member) => !member.settled).map((member) => member.learn()));
    const known = members.filter((member) => member.person !== undefined);
    const recorded = (member: Homed) => recordedHome(this.#userDataDir, identity, member.person as string) !== undefined;
    // Those whose folder is recorded go first: another's folder is never taken as new while its owner is here.
    const order = [...known.filter(recorded), ...known.filter((member) => !recorded(member))];
    const left: Array<{ member: Homed; from: Home }> = [];
    for (const member of order) {
      const home = connectionHome(this.#userDataDir, member.connection, this.#log, member.person);
      if (home.key === member.home.key) continue;
      const from = member.home;
      if (await member.moveTo(home)) left.push({ member, from });
    }
    for (const { member, from } of left) member.tellLeft(from, members.find((other) => other.home.key === from.key)?.connection.name ?? null);
  }
}

interface HomedOptions {
  connection: ConnectionOf;
  profile: BackEndProfile;
  identity: string;
  shared: boolean;
  build: BuildIn;
  homes: ConnectionHomes;
  log: Log;
}

/** One connection's tracker and the folder it is in. */
class Homed {
  readonly connection: ConnectionOf;
  readonly identity: string;
  /** The tracker the engine holds: the one in the connection's folder now, whichever that is. */
  readonly view: TimeTracker;
  home!: Home;
  /** The back end's id of the person the secret answered for, once known this process. */
  person: string | undefined;
  /** Its folder is its login's (or its profile names its login): nothing to ask. */
  settled = false;
  readonly #options: HomedOptions;
  #tracker!: TimeTracker;
  readonly #listeners = new Set<() => void>();
  #unsubscribe: (() => void) | undefined;
  /** What the next call says: writes left in a folder another login's. */
  readonly #news: Note[] = [];

  constructor(options: HomedOptions) {
    this.connection = options.connection;
    this.identity = options.identity;
    this.#options = options;
    this.view = this.#forwarding();
  }

  async openIn(home: Home): Promise<void> {
    this.#tracker = await this.#options.build(home, this.#whose());
    this.home = home;
    if (!this.#tracker.account.personId) this.settled = true;
  }

  /** Asks the back end whose the secret is; a failure leaves it unknown (said in the log), for the next call to ask again. */
  async learn(): Promise<void> {
    const { account } = this.#tracker;
    if (!account.personId) {
      this.settled = true;
      return;
    }
    try {
      this.person = await account.personId();
      this.settled = true;
    } catch (error) {
      this.#options.log(
        `${this.connection.name}: could not ask whose its secret is (${(error as Error).message}); its folder stays as its name gives it until it answers.`,
      );
    }
  }

  /** Opens the tracker again in `home` and closes the one before; false (said in the log) where it cannot be opened there. */
  async moveTo(home: Home): Promise<boolean> {
    let next: TimeTracker;
    try {
      next = await this.#options.build(home, this.#whose());
    } catch (error) {
      this.#options.log(`${this.connection.name}: could not open its files in ${home.folder}: ${(error as Error).message}`);
      return false;
    }
    const before = this.#tracker;
    this.#options.log(`${this.connection.name}: its secret is another login's than ${this.home.folder}'s files; it keeps its files in ${home.folder}.`);
    this.#tracker = next;
    this.home = home;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#listeners.size > 0) this.#follow();
    before.close();
    for (const listener of this.#listeners) listener();
    return true;
  }

  /** Where writes kept for another login wait in the folder this connection left, the next call says so, and whose they are. */
  tellLeft(from: Home, belongsTo: string | null): void {
    const { profile } = this.#options;
    if (!isRemote(profile)) return;
    const writes = waitingWrites(join(from.folder, OUTBOX_FILE), outboxAccount(profile));
    if (writes === 0) return;
    this.#news.push(
      noticeOf('tracker_writes_of_another_login', { tracker: this.connection.name, service: backEndOf(profile.type).label, writes, belongs_to: belongsTo }),
    );
  }

  #whose(): Whose {
    return {
      keptFor: () => this.person ?? (this.#options.shared && this.#tracker?.account.personId ? WHOSE_UNKNOWN : null),
      shared: this.#options.shared,
    };
  }

  async #forCall(notes: Note[]): Promise<TimeTracker> {
    if (!this.settled) await this.#options.homes.settle(this.identity);
    notes.push(...this.#news.splice(0));
    const tracker = this.#tracker;
    return tracker.forCall ? tracker.forCall(notes) : tracker;
  }

  #follow(): void {
    this.#unsubscribe = this.#tracker.onCapabilitiesChange?.(() => {
      for (const listener of this.#listeners) listener();
    });
  }

  /** The tracker in the connection's folder now, as one object: its parts and what it offers, each read when asked. */
  #forwarding(): TimeTracker {
    const own: Partial<Record<PropertyKey, unknown>> = {
      forCall: (notes: Note[]) => this.#forCall(notes),
      onCapabilitiesChange: (listener: () => void) => {
        this.#listeners.add(listener);
        if (!this.#unsubscribe) this.#follow();
        return () => {
          this.#listeners.delete(listener);
          if (this.#listeners.size === 0) {
            this.#unsubscribe?.();
            this.#unsubscribe = undefined;
          }
        };
      },
      close: () => {
        this.#unsubscribe?.();
        this.#tracker.close();
      },
    };
    return new Proxy({} as TimeTracker, {
      get: (_target, key) => {
        if (Object.hasOwn(own, key)) return own[key];
        const value: unknown = Reflect.get(this.#tracker, key, this.#tracker);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(this.#tracker) : value;
      },
      has: (_target, key) => Object.hasOwn(own, key) || key in this.#tracker,
      ownKeys: () => [...new Set([...Reflect.ownKeys(this.#tracker), ...Reflect.ownKeys(own)])],
      getOwnPropertyDescriptor: (_target, key) => {
        if (Object.hasOwn(own, key)) return { configurable: true, enumerable: true, writable: false, value: own[key] };
        const descriptor = Reflect.getOwnPropertyDescriptor(this.#tracker, key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    });
  }
}
