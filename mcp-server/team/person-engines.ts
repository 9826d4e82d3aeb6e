// One engine per person signed in to the team server: their back end opened with their own
// credentials (or, for Calamari, the organisation's key scoped to their verified e-mail), the
// settings every person gets, the organisation's policy, and a question key they alone can answer
// with. An engine is kept while its person calls and closed after a quiet spell, so memory follows the
// people working now, not everyone who ever signed in. Nothing of one person's engine is reachable
// from another's: each request is served by an MCP server built over its own person's parts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequestStateCodec, type McpServer, type RequestStateCodec } from '@modelcontextprotocol/server';
import type * as z from 'zod/v4';
import type { ServerConfig } from '../contract/server-config.ts';
import { defaultSettings, type ProviderProfile, type Settings } from '../contract/settings.ts';
import { isToolEnabled } from '../contract/tool-policy.ts';
import type { Log } from '../log.ts';
import { aiGate, organisationRules, type Policy } from '../policy/policy.ts';
import { createTracker } from '../providers/create-tracker.ts';
import type { RequestGate } from '../providers/http/json-http.ts';
import { ProviderError, type TimeTracker } from '../providers/time-tracker.ts';
import { callDeadlineOf, callParts, createMcpServer, type FinishedCall, type HolidaysOf } from '../server.ts';
import type { RoundState } from '../tools/asking.ts';
import { TOOLS } from '../tools/index.ts';
import { isToolOffered } from '../tools/offer.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import type { StoredCredentials } from '../auth/credentials.ts';
import type { PersonRecord, Store } from '../store/store.ts';
import { personFacts, StoredIdNumbers } from './person-state.ts';

/** How long a person's engine stays open after their last call. */
const IDLE_CLOSE_MS = 15 * 60_000;
/** How long a question may wait for its answer, as on the desktop. */
const QUESTION_TTL_SECONDS = 900;

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
  policy: () => Policy;
  holidaysOf: HolidaysOf;
  /** The person as the store has them now (an engine opens with their latest e-mail and credentials). */
  findPerson: (id: string) => Promise<PersonRecord | undefined>;
  /** The person's stored tracker credentials, opened. */
  credentials: (person: PersonRecord) => Promise<StoredCredentials | null>;
  /** The organisation's key (Calamari), from the variable the engine reads for it. */
  env: NodeJS.ProcessEnv;
  audit: (caller: Caller, call: FinishedCall) => void;
  /** Passed before every request to the back end: the organisation's limit where it has one (Calamari). */
  requestGate?: RequestGate;
  now: () => number;
  log: Log;
}

interface PersonEngine {
  /** What the engine was opened with (basisOf): a person whose record says otherwise now gets a new one. */
  basis: string;
  tracker: TimeTracker;
  parts: ReturnType<typeof callParts>;
  questions: RequestStateCodec<RoundState>;
  settings: Settings;
  promptSchemas: Map<string, z.ZodType>;
  lastUsed: number;
}

export class PersonEngines {
  readonly #options: PersonEnginesOptions;
  readonly #engines = new Map<string, Promise<PersonEngine>>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: PersonEnginesOptions) {
    this.#options = options;
    this.#sweeper = setInterval(() => this.#closeIdle(), 60_000);
    this.#sweeper.unref();
  }

  /** Engines open now (the bench reads memory per person from it). */
  get open(): number {
    return this.#engines.size;
  }

  /** A fresh MCP server for one request of `caller`, over their engine. */
  async serverFor(caller: Caller): Promise<McpServer> {
    let engine = await this.#engineOf(caller.person.id, caller.person);
    engine.lastUsed = this.#options.now();
    // A 2025-era session keeps its server for many calls: each call takes the person's engine as it
    // is now, so one opened again since (new credentials, a new e-mail, closed while idle) is used.
    // Its later requests do not come through here: the team server passes each one's person to
    // keepCurrent first, which closes an engine opened on what the person has since replaced.
    const current = async () => {
      engine = await this.#engineOf(caller.person.id);
      engine.lastUsed = this.#options.now();
      return engine.parts;
    };
    const policy = this.#options.policy();
    const profile = engine.tracker.type === 'local' ? ({ type: 'local' } as ProviderProfile) : this.#profileOf(caller.person, null);
    const settings: Settings = caller.mayWrite ? engine.settings : { ...engine.settings, tools: { ...engine.settings.tools, readOnly: true } };
    const { server } = createMcpServer({
      trackerNow: () => engine.tracker,
      capabilities: () => engine.tracker.capabilities,
      context: async () => (await current()).context(),
      settings,
      // Every person gets what the organisation's policy and the server's settings allow; nobody
      // gets the app's "every tool".
      toolOptions: () => ({ allTools: false, organisation: organisationRules(policy, profile) }),
      log: this.#options.log,
      promptClock: async () => (await current()).promptClock(),
      completionData: { catalog: async () => (await current()).completionData.catalog(), leave: async () => (await current()).completionData.leave() },
      questions: engine.questions,
      afterWrite: (call) => this.#options.audit(caller, call),
      promptSchemas: engine.promptSchemas,
      callDeadlineMs: callDeadlineOf(this.#options.env),
    });
    return server;
  }

  /**
   * Closes the person's engine when it was opened on other credentials, e-mail or name than their
   * record holds now (`person`, read from the store for this request), so their next call opens one
   * on what they have now. The instance where they signed in again closes it at once (forget);
   * every other instance sharing the store learns of it only here, from the record.
   */
  async keepCurrent(person: PersonRecord): Promise<void> {
    const cached = this.#engines.get(person.id);
    if (!cached) return;
    const open = await cached.catch(() => undefined);
    // Another call may have replaced it meanwhile; that one was opened from the store after this record was read.
    if (open && open.basis !== basisOf(person) && this.#engines.get(person.id) === cached) this.forget(person.id);
  }

  /** Closes a person's engine now (their credentials changed or went). */
  forget(personId: string): void {
    const engine = this.#engines.get(personId);
    this.#engines.delete(personId);
    void engine?.then((open) => open.tracker.close(), () => {});
  }

  close(): void {
    clearInterval(this.#sweeper);
    for (const id of [...this.#engines.keys()]) this.forget(id);
  }

  /**
   * The person's engine, opened when there is none; given the person's record as the store has it
   * now, an engine opened on anything else is closed and a new one opened.
   */
  async #engineOf(personId: string, person?: PersonRecord): Promise<PersonEngine> {
    if (person) await this.keepCurrent(person);
    let engine = this.#engines.get(personId);
    if (!engine) {
      engine = this.#openEngine(personId);
      this.#engines.set(personId, engine);
      // A back end that could not be opened is tried afresh on the next call.
      engine.catch(() => {
        if (this.#engines.get(personId) === engine) this.#engines.delete(personId);
      });
    }
    return engine;
  }

  async #openEngine(personId: string): Promise<PersonEngine> {
    const { config, log, now } = this.#options;
    const person = await this.#options.findPerson(personId);
    if (!person) throw new ProviderError('denied', 'You are no longer known to this Punchcard server. Connect your client again.');
    const settings = peopleSettings(config, person.name);
    const folder = join(this.#options.dataDir, 'people', person.id);
    // The person's folder holds what their back end taught (a desktop's data folder always exists;
    // here nothing else makes it) and, on the local timesheet, their timesheet: theirs alone.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stored = config.provider.type === 'local' || config.provider.type === 'calamari' ? null : await this.#options.credentials(person);
    const profile = this.#profileOf(person, stored);
    // A remote back end remembers in the store, not in this instance's folder: every instance opens
    // the person's back end knowing what any of them learned, and numbers its ids alike.
    const remembered = profile.type === 'local' ? {} : { factsShelf: await personFacts(this.#options.store, person.id, now, log), idNumbers: new StoredIdNumbers(this.#options.store, person.id) };
    const tracker = await createTracker({
      profile,
      userDataDir: folder,
      ...remembered,
      personName: () => person.name,
      workWeek: () => settings.workWeek,
      teamToolsWanted: () => isToolEnabled('team_report', settings, { allTools: false }),
      holidays: (from, to) => this.#options.holidaysOf(settings, from, to),
      timezone: () => settings.timezone,
      now,
      log,
      env: this.#options.env,
      ...(this.#options.requestGate ? { requestGate: this.#options.requestGate } : {}),
      // The person's own secret, never the server's environment or keychain: a person without one
      // is told to sign in again. Calamari's key is the organisation's, from its variable.
      credentials: {
        kind: 'team server',
        get: async () => (profile.type === 'calamari' ? (this.#options.env.PUNCHCARD_CALAMARI_TOKEN?.trim() || null) : (stored?.secret ?? null)),
        set: () => Promise.reject(new Error('The team server stores credentials only at sign-in.')),
        delete: () => Promise.resolve(false),
      },
    });
    void tracker.detectFeatures?.();
    const parts = callParts({
      trackerNow: () => tracker,
      settings: () => settings,
      holidaysOf: this.#options.holidaysOf,
      now,
      log,
      organisationPolicy: () => aiGate(this.#options.policy(), profile),
      settingsFile: () => ({ problem: null, notes: [] }),
      // Refusals may name the catalog only where list_catalog is offered (the policy and settings decide).
      catalogListed: (current) => isToolOffered(TOOLS.list_catalog, tracker.capabilities, current, { allTools: false, organisation: organisationRules(this.#options.policy(), profile) }),
    });
    // Questions verify on any instance that has the server key, and only for the person asked.
    const questions = createRequestStateCodec<RoundState>({
      key: this.#options.keys.questionKey,
      ttlSeconds: QUESTION_TTL_SECONDS,
      bind: (request) => `${request.mcpReq.method}\n${person.id}`,
    });
    return { basis: basisOf(person), tracker, parts, questions, settings, promptSchemas: new Map(), lastUsed: now() };
  }

  /** The back end as the server names it, made this person's: their login (Clockodo) or verified e-mail (Calamari). */
  #profileOf(person: PersonRecord, stored: StoredCredentials | null): ProviderProfile {
    const provider = this.#options.config.provider;
    if (provider.type === 'clockodo') return { ...provider, email: stored?.email ?? person.email ?? '' };
    if (provider.type === 'calamari') return { ...provider, email: person.email ?? '' };
    return provider;
  }

  #closeIdle(): void {
    const cutoff = this.#options.now() - IDLE_CLOSE_MS;
    for (const [id, engine] of this.#engines) {
      void engine.then((open) => {
        if (open.lastUsed < cutoff && this.#engines.get(id) === engine) this.forget(id);
      }, () => {});
    }
  }
}

/**
 * What of a person's record an engine is built on: their sealed credentials (sealed afresh at each
 * sign-in, so a new sign-in is seen even with the same secret), their e-mail (Clockodo's login,
 * Calamari's person) and their name (the settings' user).
 */
function basisOf(person: PersonRecord): string {
  return JSON.stringify([person.credentials, person.email, person.name]);
}

/** The settings every person on the server works with: the config's, named for the person. */
export function peopleSettings(config: ServerConfig, personName: string): Settings {
  const base = defaultSettings();
  const chosen = config.settings;
  return {
    ...base,
    provider: { type: 'local' },
    timezone: chosen.timezone ?? '',
    workWeek: chosen.work_week ?? base.workWeek,
    holidays: chosen.holidays === undefined ? base.holidays : chosen.holidays,
    leave: chosen.leave ? { annualDays: chosen.leave.annual_days, carryOverDays: chosen.leave.carry_over_days, allowBeyondBalance: chosen.leave.allow_beyond_balance } : base.leave,
    tools: chosen.tools ? { readOnly: chosen.tools.read_only, groups: chosen.tools.groups, enabled: chosen.tools.enabled } : base.tools,
    user: { name: personName },
  };
}

