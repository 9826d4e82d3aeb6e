// The engines of the people signed in to the team server: one Engine (mcp-server/engine/engine.ts) a person,
// built on the settings every person gets, the organisation's policy (one source for everyone), their
// back end opened with their own credentials (or, for Calamari, the organisation's key scoped to
// their verified e-mail; under sign_in.organisation, the organisation's key acting for the tracker
// user they are pinned to), and a question key they alone can answer with. A person's back end rests
// after a quiet spell and their engine goes once nothing of it is open, so memory follows the people
// working now, not everyone who ever signed in. Nothing of one person's engine is reachable from
// another's: each request is served by an MCP server their own engine made.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { firstNonAscii } from '../../mcp-server/contract/back-end-accounts.ts';
import { backEndOf, hasField, isRemote } from '../../mcp-server/contract/back-ends.ts';
import { actsThroughOrganisation, type ServerConfig } from '../config/server-config.ts';
import { type BackEndProfile, type Settings } from '../../mcp-server/contract/settings.ts';
import { defaultSettings } from '../../mcp-server/contract/default-settings.ts';
import {
  BackEndError,
  createBlockedTracker,
  createTracker,
  type EndedCall,
  Engine,
  type EvidenceReader,
  type FinishedCall,
  type HolidaysOf,
  type Log,
  OUTBOX_FILE,
  type PolicySource,
  type RequestGate,
  type SettingsSource,
  waitingWrites,
} from '../../mcp-server/for-the-team-server.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import { type StoredCredentials, storedSecretFor } from '../auth/credentials.ts';
import type { PersonRecord, Store } from '../store/store.ts';
import { PendingSaves, personFacts, StoredIdNumbers } from './person-state.ts';
import { pinnedUserId } from './tracker-pin.ts';

/** How long a person's back end stays open after their last call. */
const IDLE_CLOSE_MS = 15 * 60_000;
/**
 * How long the opening of a person's back end waits, under one organisation credential, for its first check of whom
 * they lead (a tracker that answers slower goes on in the background, and list_changed brings the tools): below a
 * tool call's 45 s, and under a client's wait for its first answer.
 */
const FIRST_CHECK_MS = 10_000;

/** Who is calling, as the verified access token says. */
export interface Caller {
  person: PersonRecord;
  clientId: string;
  clientName: string;
  /** The token may change things (scope punchcard.write); without it every writing tool is hidden. */
  mayWrite: boolean;
}

export interface PersonEnginesOptions {
  config: ServerConfig;
  /** Where people's local timesheets are (one instance, SQLite). */
  dataDir: string;
  /** What a person's back end learned and the numbers of its ids are kept here, for every instance. */
  store: Store;
  keys: ServerKeys;
  policy: PolicySource;
  holidaysOf: HolidaysOf;
  /** The person as the store has them now (an engine opens with their latest e-mail and credentials). */
  findPerson: (id: string) => Promise<PersonRecord | undefined>;
  /** The person's stored tracker credentials, opened. */
  credentials: (person: PersonRecord) => Promise<StoredCredentials | null>;
  /** The server's environment (the back ends' deadlines, PUNCHCARD_<BACK END>_TIMEOUT_MS). */
  env: NodeJS.ProcessEnv;
  /**
   * The tracker credential that acts for people, read once at start (team-server/team/server-setup.ts):
   * sign_in.organisation's, or Calamari's own. Held here in memory only, never stored.
   */
  organisationKey?: string | undefined;
  /** Told of every finished call that may write; the answer waits for it (the audit record is kept first). */
  audit: (caller: Caller, call: FinishedCall) => Promise<void>;
  /** Told of every call as it ended (the metrics). */
  afterCall?: (call: EndedCall) => void;
  /**
   * The person's evidence for suggest_entries, where the server reads some (the company calendar:
   * company-calendar-evidence.ts); left out, or undefined for a person, the evidence tools are not offered.
   */
  evidenceOf?: (personId: string) => EvidenceReader | undefined;
  /** Passed before every request to the back end: the organisation's limit where it has one (Calamari). */
  requestGate?: RequestGate;
  /** How long one tool call may take. */
  callDeadlineMs: number;
  now: () => number;
  log: Log;
}

/** A person's engine and the record it was opened on (basisOf). */
interface PersonEngine {
  engine: Promise<Engine>;
  basis: string;
  /** What the engine reads as the person's settings and profile: their record as last seen. */
  person: PersonRecord;
}

export class PersonEngines {
  readonly #options: PersonEnginesOptions;
  readonly #engines = new Map<string, PersonEngine>();
  /** What people's back ends learned, still being written to the store (closeAll waits for it). */
  readonly #saves = new PendingSaves();
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: PersonEnginesOptions) {
    this.#options = options;
    this.#sweeper = setInterval(() => this.#restIdle(), 60_000);
    this.#sweeper.unref();
  }

  /** Engines open now (the bench reads memory per person from it). */
  get open(): number {
    return this.#engines.size;
  }

  /** The writes kept for a back end out of reach that wait, in the outboxes of the people whose engine is open here. */
  keptWritesWaiting(): number {
    let waiting = 0;
    for (const id of this.#engines.keys()) waiting += waitingWrites(join(this.#folderOf(id), OUTBOX_FILE), this.#options.config.provider.type);
    return waiting;
  }

  /** Where a person's back end keeps what it learned and, on the local timesheet or with an outbox, their files. */
  #folderOf(personId: string): string {
    return join(this.#options.dataDir, 'people', personId);
  }

  /**
   * The person was signed out (admin/sign-out.ts): their engine closes now, whatever it was doing, and
   * a next request of theirs (none can come: their tokens are gone) would open it afresh.
   */
  close(personId: string): boolean {
    const known = this.#engines.get(personId);
    if (!known) return false;
    this.#engines.delete(personId);
    void known.engine.then(
      (engine) => engine.close(),
      () => {},
    );
    return true;
  }

  /**
   * Opens the person's engine and their back end, where a store or a back end that does not answer
   * fails in its own words (http/mcp-endpoint.ts asks for it before the SDK makes a server).
   */
  async ready(person: PersonRecord): Promise<Engine> {
    const engine = await this.#engineOf(person);
    // The back end is open before the server decides its tools: the first tools/list is already right.
    await engine.tracker();
    return engine;
  }

  /** A fresh MCP server for `caller`, made by their engine: a 2025-era session's, for as long as it lasts. */
  async serverFor(caller: Caller): Promise<McpServer> {
    const engine = await this.ready(caller.person);
    return engine.createServer(this.#serverOptions(caller));
  }

  /**
   * An MCP server for one request of `caller`: one their engine kept from an earlier request of the
   * same client, token rights and name (what it was made with), or a new one.
   */
  async lendServer(caller: Caller): Promise<McpServer> {
    const engine = await this.ready(caller.person);
    const kind = JSON.stringify([caller.clientId, caller.clientName, caller.mayWrite, caller.person.name, caller.person.email]);
    return engine.lendServer(kind, this.#serverOptions(caller));
  }

  #serverOptions(caller: Caller) {
    return {
      readOnly: !caller.mayWrite,
      afterWrite: (call: FinishedCall) => this.#options.audit(caller, call),
      ...(this.#options.afterCall ? { afterCall: this.#options.afterCall } : {}),
    };
  }

  /**
   * Opens the person's back end anew at their next call when their engine was opened on other
   * credentials, e-mail or name than their record holds now (`person`, read from the store for this
   * request). The instance where they signed in again does so at once (forget); every other instance
   * sharing the store learns of it only here, from the record. A 2025-era session's server stays, and
   * goes on over the back end opened anew.
   */
  async keepCurrent(person: PersonRecord): Promise<void> {
    const known = this.#engines.get(person.id);
    if (!known || known.basis === basisOf(person)) return;
    known.basis = basisOf(person);
    known.person = person;
    const engine = await known.engine.catch(() => undefined);
    engine?.reopen();
  }

  /** The person's credentials changed or went: their back end is opened from what the store holds at their next call. */
  forget(personId: string): void {
    const known = this.#engines.get(personId);
    if (!known) return;
    known.basis = '';
    void known.engine.then(
      (engine) => engine.rest(),
      () => {},
    );
  }

  /** Closes every engine, and waits (up to five seconds) while what their back ends learned is written to the store. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    for (const id of [...this.#engines.keys()]) this.close(id);
    await this.#saves.settled(5_000);
  }

  /** The person's engine, opened when there is none (a back end that could not be opened is tried afresh at the next call). */
  async #engineOf(person: PersonRecord): Promise<Engine> {
    await this.keepCurrent(person);
    let known = this.#engines.get(person.id);
    if (!known) {
      const entry: PersonEngine = { engine: Promise.resolve(undefined as never), basis: basisOf(person), person };
      entry.engine = this.#openEngine(entry);
      known = entry;
      this.#engines.set(person.id, entry);
      entry.engine.catch(() => {
        if (this.#engines.get(person.id) === entry) this.#engines.delete(person.id);
      });
    }
    return known.engine;
  }

  #openEngine(entry: PersonEngine): Promise<Engine> {
    const { config, log, now } = this.#options;
    const personId = entry.person.id;
    const backEnd = backEndOf(config.provider.type);
    // Under one organisation credential (sign_in.organisation) a person acts only as the tracker user
    // they are pinned to; one signed in before the server acted for people so must sign in again.
    const actsForPeople = config.sign_in.organisation !== undefined && backEnd.secret?.whose === 'person';
    // The person's settings are the server's, named for them; their back end is the server's, made
    // theirs by the record the engine was last told of (keepCurrent): a new name or e-mail is seen
    // when the engine opens the back end anew.
    const settings: SettingsSource = {
      where: 'the server configuration',
      read: () => ({ settings: peopleSettings(config, entry.person.name), text: null, problem: null, notes: [] }),
      watch: () => () => {},
    };
    const evidence = this.#options.evidenceOf?.(personId);
    return Engine.open({
      settings,
      ...(evidence ? { evidence } : {}),
      policy: this.#options.policy,
      profile: () => this.#profileOf(entry.person, null),
      openTracker: async (_profile, basics) => {
        // The record as the store has it now (credentials are read only here, never kept in memory longer than the back end).
        const person = await this.#options.findPerson(personId);
        if (!person) throw new BackEndError('server_person_unknown');
        const folder = this.#folderOf(person.id);
        // The person's folder holds what their back end taught (a desktop's data folder always exists;
        // here nothing else makes it) and, on the local timesheet, their timesheet: theirs alone.
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        // Only a person's own secret is theirs to store; an organisation's key is the server's (below).
        const { secret } = backEnd;
        // An address that is not plain ASCII, kept from a sign-in before the company sign-in refused it, is refused
        // here too under one organisation credential: the tracker may take it for a colleague's (on Calamari it
        // names the person on every request), and a grant outlives the sign-in that made it.
        const character = actsThroughOrganisation(config) && person.email !== null ? firstNonAscii(person.email) : null;
        if (character !== null) {
          const error = new BackEndError('server_person_address_not_plain', { back_end: backEnd.label, email: person.email ?? '', character });
          return createBlockedTracker(
            { type: config.provider.type, label: `${backEnd.label} (not for this address)`, reason: error.message, refusal: error.refusal },
            basics.personName,
          );
        }
        const pinned = actsForPeople ? pinnedUserId(person.trackerPin, config.provider) : null;
        if (actsForPeople && pinned === null) {
          // Nothing is contacted for them: whoami says why, and every other call answers the same.
          const error = new BackEndError('server_person_not_linked', { back_end: backEnd.label });
          return createBlockedTracker(
            { type: config.provider.type, label: `${backEnd.label} (not linked to you yet)`, reason: error.message, refusal: error.refusal },
            basics.personName,
          );
        }
        const stored = secret?.whose === 'person' && !actsForPeople ? await this.#options.credentials(person) : null;
        const profile = this.#profileOf(person, stored);
        // The organisation's key, held in memory since the start: never the store's, never the environment's.
        const organisationKey = actsForPeople || secret?.whose === 'organisation' ? (this.#options.organisationKey ?? null) : null;
        // A remote back end remembers in the store, not in this instance's folder: every instance opens
        // the person's back end knowing what any of them learned, and numbers its ids alike.
        const remembered = !isRemote(profile)
          ? {}
          : {
              factsShelf: await personFacts(this.#options.store, person.id, now, log, this.#saves),
              idNumbers: new StoredIdNumbers(this.#options.store, person.id),
            };
        return createTracker({
          ...basics,
          profile,
          userDataDir: folder,
          ...remembered,
          env: this.#options.env,
          ...(this.#options.requestGate ? { requestGate: this.#options.requestGate } : {}),
          ...(pinned === null ? {} : { actingFor: { userId: pinned } }),
          // The person's own secret, never the server's environment or keychain: a person without one
          // is told to sign in again. An organisation's key (Calamari's, or sign_in.organisation's) is
          // the server's, read at start.
          credentials: {
            kind: 'team server',
            // Each secret for its own account: a second one (Tempo's Jira API token) only where the engine asks for it.
            get: async (account) => organisationKey ?? (stored && isRemote(profile) ? storedSecretFor(profile, stored)(account) : null),
            set: () => Promise.reject(new Error('The team server stores credentials only at sign-in.')),
            delete: () => Promise.resolve(false),
          },
        });
      },
      // Questions verify on any instance that has the server key, and only for the person asked.
      questions: { key: this.#options.keys.questionKey, bind: (request) => `${request.mcpReq.method}\n${personId}` },
      holidaysOf: this.#options.holidaysOf,
      callDeadlineMs: this.#options.callDeadlineMs,
      now,
      log,
      // Every person gets what the policy and the server's settings allow; nobody gets "every tool".
      allTools: false,
      // The back end is asked about its optional features as soon as it opens. Acting for a person with the
      // organisation's credential, whom they lead decides their team tools: that first asking is waited for, so a
      // client that lists its tools once gets the right ones (docs/team-server/README.md, "What a person can do, and what not").
      detection: { delayMs: 0, ...(actsForPeople ? { beforeUseMs: FIRST_CHECK_MS } : {}) },
      // The team server says once, for everyone, what the policy leaves AI clients.
      explainsPolicy: false,
    });
  }

  /**
   * The back end as the server names it, made this person's: their login (Clockodo) or verified e-mail
   * (Calamari); under one organisation credential, Clockodo's owner login that goes with its key.
   */
  #profileOf(person: PersonRecord, stored: StoredCredentials | null): BackEndProfile {
    const { provider, sign_in } = this.#options.config;
    if (!hasField(provider.type, 'email')) return provider as BackEndProfile;
    if (sign_in.organisation?.user !== undefined) return { ...provider, email: sign_in.organisation.user } as BackEndProfile;
    // A login that goes with the person's own secret (Clockodo's) is the one they gave with it.
    const email = backEndOf(provider.type).secret?.whose === 'person' ? (stored?.email ?? person.email) : person.email;
    return { ...provider, email: email ?? '' } as BackEndProfile;
  }

  /** The back end of a person quiet for IDLE_CLOSE_MS rests; their engine goes once no server of it is open either. */
  #restIdle(): void {
    const cutoff = this.#options.now() - IDLE_CLOSE_MS;
    for (const [id, known] of this.#engines) {
      void known.engine.then(
        (engine) => {
          if (engine.lastActive >= cutoff || this.#engines.get(id) !== known) return;
          if (engine.openServers > 0) return engine.rest();
          this.#engines.delete(id);
          engine.close();
        },
        () => {},
      );
    }
  }
}

/**
 * What of a person's record an engine is built on: their sealed credentials (sealed afresh at each
 * sign-in, so a new sign-in is seen even with the same secret), their e-mail (Clockodo's login,
 * Calamari's person), their name (the settings' user) and their pin (whom the organisation's
 * credential acts for: an unlink or a new pin reopens their back end on every instance).
 */
function basisOf(person: PersonRecord): string {
  return JSON.stringify([person.credentials, person.email, person.name, person.trackerPin]);
}

/** The settings every person on the server works with: the config's, named for the person. */
export function peopleSettings(config: ServerConfig, personName: string): Settings {
  const base = defaultSettings();
  const chosen = config.settings;
  return {
    ...base,
    provider: base.provider,
    timezone: chosen.timezone ?? '',
    workWeek: chosen.work_week ?? base.workWeek,
    holidays: chosen.holidays === undefined ? base.holidays : chosen.holidays,
    leave: chosen.leave
      ? { annualDays: chosen.leave.annual_days, carryOverDays: chosen.leave.carry_over_days, allowBeyondBalance: chosen.leave.allow_beyond_balance }
      : base.leave,
    tools: chosen.tools ? { readOnly: chosen.tools.read_only, groups: chosen.tools.groups, enabled: chosen.tools.enabled } : base.tools,
    // The tray's warnings are the desktop's: on the server the rules alone apply.
    workingTime: chosen.working_time ? { ...base.workingTime, rules: chosen.working_time.rules } : base.workingTime,
    user: { name: personName },
  };
}
