// The behaviour suite's harness (README.md beside it): the one world every back end's fake is seeded
// with, what a back end tells the suite about itself (BehaviourBackEnd, one file each in back-ends/),
// and the engine started over its fake in this process. The suite reaches a back end only through the
// engine's tools and its fake: nothing here imports from a back end's own folder (mcp-server/providers/<name>/),
// so the suite keeps passing while those folders change shape, which is its point.
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/client';
import { expect, vi } from 'vitest';
import type { Capability, CatalogKind, RateKind } from '../../mcp-server/contract/vocabulary.ts';
import { type InProcessEngineHandle, makeUserDataDir, startActingEngine, startInProcessEngine, type ToolResult } from '../support/engine.ts';
import type { Failure, RecordedRequest } from '../support/fake-server.ts';
import { NO_ANSWER, type OptionalAnswer } from '../support/optional-answers.ts';
import { PATIENCE_MS } from '../support/patience.ts';

/** Wednesday noon in Berlin: the engine's and every fake's clock start here and run in real time. */
export const NOW = '2026-11-18T12:00:00+01:00';

/**
 * The world every back end's fake holds, the same for each, mapped to each fake's own records by its
 * file in back-ends/. Ada tracks time; Bob is her colleague, with an hour of his own on Website last
 * Monday (an entry that is not Ada's). The catalog: the customer Acme, its projects Website and
 * Internal, the activity Development to book on both (a global activity, service or task where the
 * back end has them; a task of each project where its activities belong to projects), and Legacy, a
 * project of Acme's that is archived (hidden, completed): listed only when asked, never booked on. Ada
 * works 8 hours Monday to Friday, with no holiday in November before the 18th: the back end's own plan
 * where it keeps one, else the settings' default.
 */
export const WORLD = {
  zone: 'Europe/Berlin',
  person: 'Ada',
  colleague: 'Bob',
  customer: 'Acme',
  website: 'Website',
  internal: 'Internal',
  archived: 'Legacy',
  activity: 'Development',
  /** Bob's hour: Monday 16 November 2026, 09:00–10:00 Berlin, on Website. */
  colleagueEntry: { start: '2026-11-16T09:00:00+01:00', end: '2026-11-16T10:00:00+01:00' },
} as const;

/**
 * The fields Acme adds to entries, where the back end keeps such fields (Clockify's custom fields, Kimai's meta
 * fields; BehaviourBackEnd.fields) and a file asks for them (WorldOptions.fields): a Ticket, text, that every entry
 * on Website needs and no other asks for, and a Cost centre any entry may carry, one of its choices. These are the
 * words a person gives them in; each tracker names them its own way (BehaviourBackEnd.fields).
 */
export const FIELDS = {
  ticket: 'Ticket',
  costCentre: 'Cost centre',
  choices: ['Sales', 'Research'],
} as const;

/** How a back end's catalog is built, which decides how the world shows in list_catalog and what a booking names. */
export interface CatalogShape {
  /** Whether projects belong to customers (Calamari has projects only). */
  customers: boolean;
  /** Activities any project takes, activities of one project each (Clockify's tasks), or none (Calamari). */
  activities: 'global' | 'per_project' | 'none';
  /** Whether an archived project is listed with include_archived (Calamari's API lists only the projects a person may book on). */
  listsArchived: boolean;
}

/** An entry as the fake stores it, in the world's words: instants in UTC, the project by name. */
export interface StoredEntry {
  start: string;
  end: string | null;
  project: string | null;
  description: string;
}

/** A point in a fake's history: what was asked of it since. */
export interface WriteMark {
  /** The requests since the mark that asked the back end to change something, whatever it answered ("POST /api/timesheets"); for the local timesheet, the tables whose rows changed. */
  writes(): string[];
}

/** A back end's fake, seeded with the world, and the engine started over it in this process. */
export interface World {
  readonly engine: InProcessEngineHandle;
  call(tool: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** Marks the fake's history now. */
  mark(): WriteMark;
  /** Ada's entries as the fake stores them, oldest first. */
  entries(): StoredEntry[];
  /** Bob's entry as the engine would number it; null where no number can name it (BehaviourBackEnd.namesColleagueEntries). */
  readonly colleagueEntryId: number | null;
  /** Bob's leave (COLLEAGUE_LEAVE) as the engine would number it, where the back end has colleagues (not the local timesheet). */
  readonly colleagueLeave?: ColleagueLeaveIds;
  close(): Promise<void>;
  /** The fields each of Ada's entries carries as the fake stores them, oldest first, by the tracker's names: where the back end keeps fields (BehaviourBackEnd.fields). */
  entryFields?(): Array<Record<string, string>>;
  /** How many requests like `request` the back end was sent so far, answered or not: where it has optional reads (BehaviourBackEnd.optionalReads). */
  asked?(request: RequestMatch): number;
  /**
   * Puts an entry into the fake as Ada's, start and end as given, as the back end's own pages would never keep it (one
   * that ends before it starts, one of a thousand hours): what the engine makes of it is the scenario's
   * (impossible-entries.test.ts). Every back end's file gives it; its store may refuse an entry that ends before it
   * starts (BehaviourBackEnd.storesEntriesEndingBeforeStart).
   */
  plantEntry?(entry: PlantedEntry): void;
}

/** A request as the fake's log shows it: its method and its path. */
export interface RequestMatch {
  method: string;
  path: RegExp;
}

/**
 * A read of an optional feature the back end makes beside the everyday requests (docs/internals/back-ends.md,
 * "Optional reads"; each back end's page lists its own): a paid plan's, a plugin's, a module's. Refused as
 * unavailable it is not known and the everyday tools go on; any other failure fails in words
 * (optional-reads.test.ts).
 */
export interface OptionalReadCase {
  /** What is read, as the back end's page names it. */
  name: string;
  /** The request that reads it. */
  request: RequestMatch;
  /**
   * How the everyday tools meet it: `calls`, a call that needs it asks for it (and fails in words where it fails);
   * `checks`, a check a write makes first of what the back end would refuse itself (the approved periods), which never
   * holds a write back where the back end is in trouble or out of reach (tools/approval-lock.ts: it judges the write
   * itself), and fails in words where it refuses the token; `background`, a detection the engine makes on its own,
   * which no everyday call waits for.
   */
  met: 'calls' | 'checks' | 'background';
  /** What a booking leaves out while it is not known: `activity` where it is what activities are read from (Toggl's tasks). */
  bookingWithout?: 'activity';
  /**
   * The settings the world is started with where only they make the read (a part of the person's role, read once the
   * team group is on: Toggl's project users); none where every world makes it.
   */
  settings?: Record<string, unknown>;
}

/** An entry planted into a fake as Ada's (World.plantEntry): instants in epoch ms, the project by the world's name. */
export interface PlantedEntry {
  start: number;
  end: number;
  project: string;
  description: string;
}

/** What a capability file asks of a world beyond the common one; each back end's file does what applies to it. */
export interface WorldOptions {
  /** More settings for the engine: the evidence a file sets up (its calendar, its rules). */
  settings?: Record<string, unknown>;
  /** Acme's fields on entries (FIELDS) seeded too, where the back end keeps such fields (BehaviourBackEnd.fields). */
  fields?: boolean;
  /** One of the back end's optional reads answered one way, every time it is asked, from before the engine starts. */
  optional?: { read: OptionalReadCase; answer: OptionalAnswer };
  /**
   * Every text the fake holds that a tracker names or keeps as written (HOSTILE_KEYS: names, notes, currencies,
   * numbers, reasons) rewritten through this once the world is seeded and before the engine starts (hostileWorld),
   * as a tracker whose people typed whatever they liked would hold it (tracker-text.test.ts).
   */
  hostile?: (text: string) => string;
}

/**
 * The keys of a fake's records whose text a tracker's people write: what it names (people, projects, tasks, clients,
 * tags, teams, types, workspaces), keeps as written (descriptions, notes, comments, reasons) or prints (currencies,
 * invoice numbers). Never a key the engine finds a record by (ids, e-mail addresses, logins).
 */
const HOSTILE_KEYS: ReadonlySet<string> = new Set([
  'name',
  // A Jira issue's title and a Jira user's name (Tempo Timesheets' fake).
  'summary',
  'displayName',
  'description',
  'text',
  'notes',
  'note',
  'comment',
  'currency',
  'number',
  'alias',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'reason',
  'lockedReason',
  'title',
]);

/**
 * Rewrites every text under HOSTILE_KEYS in a fake's state, however deep, through `hostile` (WorldOptions.hostile).
 * The state is rewritten in place, and its Maps, but a record or list with a text to rewrite is replaced by a rewritten
 * copy: a seed may put a module's constant in the state (a user pushed as is), and the files of a worker share their
 * modules, so rewriting it in place would hand the hostile names to every later file of that worker.
 */
export function hostileWorld(state: object, hostile: (text: string) => string): void {
  const seen = new Map<object, unknown>();
  const rewrite = (key: string, item: unknown): unknown => (typeof item === 'string' && item !== '' && HOSTILE_KEYS.has(key) ? hostile(item) : walk(item));
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return seen.get(value);
    seen.set(value, value);
    if (value instanceof Map) {
      for (const [key, item] of value) value.set(key, walk(item));
      return value;
    }
    let copy: unknown[] | Record<string, unknown> | undefined;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const rewritten = walk(item);
        if (rewritten === item) return;
        copy ??= [...value];
        (copy as unknown[])[index] = rewritten;
      });
    } else {
      const record = value as Record<string, unknown>;
      for (const [key, item] of Object.entries(record)) {
        const rewritten = rewrite(key, item);
        if (rewritten === item) continue;
        copy ??= Object.assign(Object.create(Object.getPrototypeOf(record) as object | null) as Record<string, unknown>, record);
        (copy as Record<string, unknown>)[key] = rewritten;
      }
    }
    seen.set(value, copy ?? value);
    return copy ?? value;
  };
  const root = state as Record<string, unknown>;
  for (const [key, item] of Object.entries(root)) root[key] = rewrite(key, item);
}

/** What a back end tells the suite about itself: one object per file in back-ends/. */
export interface BehaviourBackEnd {
  /** As every test name says it: Kimai, Clockodo, … */
  name: string;
  /** What the engine offers Ada over this world, in the engine's own vocabulary; whoami must say exactly these (start checks it). */
  capabilities: ReadonlySet<Capability>;
  catalog: CatalogShape;
  /**
   * Whether a number can name a colleague's entry: not on the local timesheet (one person's, no colleagues),
   * nor on Clockify (its ids are not numbers; the engine numbers an entry once it listed it for the person, and
   * it never lists a colleague's).
   */
  namesColleagueEntries: boolean;
  /** Starts the fake, seeds the world (and what `options` add), starts the engine over it and waits until it offers `capabilities`. */
  start(options?: WorldOptions): Promise<World>;
  /**
   * How an AI agent's own time is labelled (record_agent_time; docs/tools.md, "AI agents' own time"): a tag `ai-<agent>`
   * (Kimai, Clockify), a prefix `[ai:<agent>] ` of the description (Clockodo, Calamari), or a column of its own (the
   * local timesheet). Where it is a prefix, a description that looks like one is refused from every other tool.
   */
  agentLabel: 'tag' | 'description_prefix' | 'column';
  /**
   * Acme's fields (FIELDS) as this tracker names them, where it keeps fields on entries (Clockify's custom fields,
   * Kimai's meta fields); absent where it keeps none, and `fields` is refused there (custom_fields_none).
   */
  fields?: { ticket: string; costCentre: string };
  /**
   * The team server acting for Ada with one credential of the organisation's (docs/team-server/README.md, "One
   * organisation credential"), where the back end has one; absent where it has none (the local timesheet).
   */
  organisation?: OrganisationWorld;
  /** Lea, who leads Ada and Bob, and what the back end shows of colleagues; absent where there are none (the local timesheet). */
  team?: TeamSide;
  /** The administrator beside Ada, where the suite gives the back end one (admin.test.ts); absent elsewhere. */
  admin?: AdminSide;
  /** What it reads beside the everyday requests of an optional feature, each as its fake can answer it every way; absent where none (the local timesheet). */
  optionalReads?: readonly OptionalReadCase[];
  /**
   * The name its words give the service that answered, where that is not `name`: Tempo Timesheets' refusals say Tempo
   * or Jira, the service of the two that answered (optional-reads.test.ts looks for it in a failure's words).
   */
  service?: string;
  /**
   * Whether its store can hold an entry that ends before it starts (World.plantEntry): every fake can but the local
   * timesheet's SQLite file, whose table refuses one (a CHECK on end_ms).
   */
  storesEntriesEndingBeforeStart: boolean;
}

/**
 * The world as the team server holds it for Ada with the organisation's credential: the same world, the key
 * another's (an administrator's, the owner's, the organisation's), and beside it Secret, a project Ada may not book
 * (ORGANISATION).
 */
export interface OrganisationWorld {
  /**
   * Whether the team server acts for Ada as a tracker user she is pinned to, with a key that could act for anyone
   * (Kimai, Clockify, Clockodo): then what the key could do beyond her is withheld as the organisation account's
   * (tool_withheld, why organisation_account). Calamari's key is the organisation's by nature and names Ada on every
   * request, pinned to nobody: its world is the ordinary one, and what it lacks is the back end's.
   */
  pinned: boolean;
  /** What the engine offers Ada this way; start waits until whoami names exactly these. */
  capabilities: ReadonlySet<Capability>;
  /** Starts the fake with the world and Secret, and the engine as the team server builds it for Ada (startActingEngineOver). */
  start(): Promise<World>;
}

/**
 * What the organisation's world adds: Secret, a project Ada may not book, though the key could: granted to Bob's team
 * (Kimai), private to Bob (Clockify), open to Bob alone (Calamari), outside Ada's access map (Clockodo).
 */
export const ORGANISATION = { closed: 'Secret' } as const;

/** What a booking on `project` names: the world's activity where the back end has activities. */
export function booking(backEnd: BehaviourBackEnd, project: string): { project: string; activity?: string } {
  return backEnd.catalog.activities === 'none' ? { project } : { project, activity: WORLD.activity };
}

/** The engine over a seeded fake, with what it needs from the back end's file. */
export interface EngineStart {
  /** The settings' `provider`. */
  provider: Record<string, unknown>;
  /** The back end's token (PUNCHCARD_<NAME>_TOKEN) and paces. */
  env?: Record<string, string>;
  /** More settings (the local timesheet's zone and name). */
  settings?: Record<string, unknown>;
  /** Writes what an earlier start would have remembered into the data folder, before the engine opens it. */
  prepare?: (userDataDir: string) => void;
  /** What whoami must name before the world is handed out; left out, the engine is not waited for (scripted: what it offers may follow from the answer). */
  capabilities?: ReadonlySet<Capability>;
  /** Declares form elicitation on the client and answers each question the engine asks with this (the administrator's: AdminWorld). */
  elicitation?: (params: ElicitRequestFormParams) => ElicitResult;
}

/**
 * Starts the engine in this process with every tool the back end can serve (`--all-tools`: the suite
 * tests what a back end does, not the switches), and waits until whoami names exactly the capabilities
 * the back end's file declares: some are learned in the background after the first call, and a file
 * that declares what the engine does not offer fails here, not in a scenario.
 */
export async function startEngine(start: EngineStart): Promise<InProcessEngineHandle> {
  const userDataDir = makeUserDataDir({ provider: start.provider, ...start.settings });
  start.prepare?.(userDataDir);
  const engine = await startInProcessEngine({
    userDataDir,
    args: ['--all-tools'],
    env: { PUNCHCARD_NOW: NOW, ...start.env },
    ...(start.elicitation ? { elicitation: start.elicitation } : {}),
  });
  return start.capabilities ? offering(engine, start.capabilities) : engine;
}

/** A fake a test may script the answers of. */
interface ScriptableFake {
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
}

/**
 * What a back end's start does for WorldOptions.optional: the fake answers the read that way every time, from before
 * the engine starts, and the engine's requests wait NO_ANSWER.timeoutMs where it does not answer. Answers the engine's
 * variables to add, and the capabilities to wait for: none where the read is scripted (what the engine offers may
 * follow from its answer), else `capabilities`.
 */
export function scriptOptional(
  fake: ScriptableFake,
  options: WorldOptions,
  backEnd: { type: string; optionalAnswer: (answer: OptionalAnswer) => Failure; capabilities: ReadonlySet<Capability> },
): { env: Record<string, string>; capabilities?: ReadonlySet<Capability> } {
  const { optional } = options;
  if (!optional) return { env: {}, capabilities: backEnd.capabilities };
  fake.failNext(optional.read.request, backEnd.optionalAnswer(optional.answer));
  return { env: optional.answer === 'no_answer' ? { [`PUNCHCARD_${backEnd.type.toUpperCase()}_TIMEOUT_MS`]: String(NO_ANSWER.timeoutMs) } : {} };
}

/** `engine` once whoami names exactly `capabilities`; closed where it never does. */
async function offering(engine: InProcessEngineHandle, capabilities: ReadonlySet<Capability>): Promise<InProcessEngineHandle> {
  try {
    await vi.waitFor(
      async () => {
        const said = (await engine.call('whoami')).structuredContent?.capabilities as string[] | undefined;
        expect(said?.toSorted(), 'the capabilities whoami names').toEqual([...capabilities].sort());
      },
      { timeout: PATIENCE_MS, interval: 50 },
    );
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

/** A remote back end's fake as remoteWorld needs it: its request log and how to close it. */
interface RemoteFake {
  readonly requests: ReadonlyArray<Pick<RecordedRequest, 'method' | 'path' | 'query' | 'status'>>;
  close(): Promise<void>;
}

/**
 * The World over a remote back end's fake: its writes are the requests `isWrite` picks from the fake's
 * log (each back end's API says what a change is: a method, or Calamari's paths), its entries what
 * `entries` reads from the fake's state.
 */
export function remoteWorld(options: {
  fake: RemoteFake;
  engine: InProcessEngineHandle;
  isWrite: (request: { method: string; path: string }) => boolean;
  entries: () => StoredEntry[];
  colleagueEntryId: number | null;
  colleagueLeave?: ColleagueLeaveIds;
  /** World.plantEntry, in the fake's own records. */
  plant?: (entry: PlantedEntry) => void;
}): World {
  const { fake, engine, isWrite } = options;
  return {
    engine,
    call: (tool, args) => engine.call(tool, args),
    mark() {
      const from = fake.requests.length;
      return {
        writes: () =>
          fake.requests
            .slice(from)
            .filter(isWrite)
            .map((request) => `${request.method} ${request.path}`),
      };
    },
    entries: options.entries,
    asked: (request) => fake.requests.filter((sent) => sent.method === request.method && request.path.test(sent.path)).length,
    colleagueEntryId: options.colleagueEntryId,
    ...(options.colleagueLeave ? { colleagueLeave: options.colleagueLeave } : {}),
    ...(options.plant ? { plantEntry: options.plant } : {}),
    async close() {
      await engine.close();
      await fake.close();
    },
  };
}

/** Starts the engine over a fake already started, closing the fake when the engine does not start. */
export async function startEngineOver(fake: RemoteFake, start: EngineStart): Promise<InProcessEngineHandle> {
  try {
    return await startEngine(start);
  } catch (error) {
    await fake.close();
    throw error;
  }
}

/** The engine the team server builds for Ada under one organisation credential, with what it needs from the back end's file. */
export interface ActingStart {
  /** The back end as the team server's config names it (its address; Clockodo's owner login, Clockify's workspace). */
  provider: Record<string, unknown>;
  /** The organisation's credential: an administrator's token or key, the owner's. */
  key: string;
  /** The tracker user Ada is pinned to, as the tracker names her; none on Calamari, whose provider names her e-mail. */
  actingFor?: string;
  /** The engine's variables besides PUNCHCARD_NOW (a back end's pace). */
  env?: Record<string, string>;
  capabilities: ReadonlySet<Capability>;
}

/**
 * The engine as the team server builds it for Ada under one organisation credential (test/support/engine.ts,
 * startActingEngine: through the team server's entry to the engine, mcp-server/for-the-team-server.ts), over a fake
 * already started, once whoami names exactly `capabilities`; the fake closed where it does not start.
 */
export async function startActingEngineOver(fake: RemoteFake, start: ActingStart): Promise<InProcessEngineHandle> {
  try {
    const engine = await startActingEngine({
      provider: start.provider,
      key: start.key,
      ...(start.actingFor === undefined ? {} : { actingFor: start.actingFor }),
      person: { name: WORLD.person, timezone: WORLD.zone },
      env: { PUNCHCARD_NOW: NOW, ...start.env },
    });
    return await offering(engine, start.capabilities);
  } catch (error) {
    await fake.close();
    throw error;
  }
}

/** The world's instant `time` ('09:00') on `day` ('2026-11-16') in Berlin, as the engine's answers write it (+01:00 in November). */
export function at(day: string, time: string): string {
  return `${day}T${time}:00+01:00`;
}

/** An ISO instant in UTC, as StoredEntry holds them. */
export function utc(instant: string | number): string {
  return new Date(instant).toISOString();
}

// Leave and the team (leave.test.ts, team.test.ts, approvals.test.ts): what the world holds of Bob's
// leave and of Lea, and what a back end with colleagues tells the suite of them (TeamSide).

/**
 * Bob's vacation days in every world with colleagues, seeded by each back end's file: one approved on
 * Wednesday 2 December 2026, one waiting for approval on Thursday 3 December. Ada's own leave is filed
 * through the engine by the scenarios.
 */
export const COLLEAGUE_LEAVE = { approved: '2026-12-02', pending: '2026-12-03' } as const;

/** Bob's two requests as the engine would number them; null where no number can name one (Clockify numbers only what it listed). */
export interface ColleagueLeaveIds {
  approved: number | null;
  pending: number | null;
}

/** The world's people as a back end names them in its answers (its fake's own names: "Ada Lovelace", "Bob Builder"). */
export interface PeopleNames {
  person: string;
  colleague: string;
  lead: string;
}

/** The world with Lea, who leads Ada and Bob: one fake, Ada's engine (the World) and Lea's beside it. */
export interface TeamWorld extends World {
  readonly lead: Pick<World, 'engine' | 'call'>;
}

/**
 * What a back end with colleagues tells the suite of them. Lea leads Ada and Bob as the back end
 * has people lead (a Kimai team lead, a Clockodo team's leader, Clockify's team manager, Calamari's
 * direct manager); nothing of her own is seeded.
 */
export interface TeamSide {
  names: PeopleNames;
  /** Whether absence_calendar shows Ada a colleague's leave (Bob's approved day); Kimai's absence plugin lists one person's at a time. */
  showsColleaguesLeave: boolean;
  /** What the engine offers Ada in the team's world: her own, with what its fake has more there (Kimai's ApprovalBundle plugin). */
  capabilities: ReadonlySet<Capability>;
  /** What the engine offers Lea; start waits until whoami names exactly these, as for Ada. */
  leadCapabilities: ReadonlySet<Capability>;
  /**
   * Ada's role as the back end names it, where the back end says it (docs/tools.md, `tool_withheld`), and the
   * capabilities a role decides there: those Ada lacks are withheld from her with why `role` and this role, every other
   * with why `back_end`. Left out: all with why `back_end`.
   */
  personRole?: { role: string; decides: readonly Capability[] };
  /**
   * Starts the fake, seeds the world, Bob's leave and Lea, and starts both engines with the team and
   * approvals groups switched on (so each learns whom its person leads, where that costs requests); `hostile` as
   * for a World; `settings` both engines' (the organisation's: its working-time rules).
   */
  start(options?: Pick<WorldOptions, 'hostile' | 'settings'>): Promise<TeamWorld>;
}

/** The team and approvals groups on: an engine learns whom its person leads, and asks for approvals, only once they are. */
export const TEAM_SETTINGS = { tools: { groups: { team: true, approvals: true } } } as const;

/**
 * The team's world over a remote fake already seeded: Ada's engine and Lea's, each waiting until it
 * offers what its start says; the fake and any engine started are closed where one does not start.
 */
export async function startTeamOver(
  fake: RemoteFake,
  options: {
    person: EngineStart;
    lead: EngineStart;
    /** The request with which an engine learns whom its person leads (Clockodo's teams, Clockify's roles, …). */
    asksWhomOneLeads: (request: Pick<RecordedRequest, 'method' | 'path' | 'query'>) => boolean;
    /** More settings for both engines (TeamSide.start's). */
    settings?: Record<string, unknown> | undefined;
  } & Omit<Parameters<typeof remoteWorld>[0], 'fake' | 'engine'>,
): Promise<TeamWorld> {
  const { person, lead, asksWhomOneLeads, settings, ...world } = options;
  const engine = await startEngineOver(fake, { ...person, settings: { ...TEAM_SETTINGS, ...settings, ...person.settings } });
  let leadEngine: InProcessEngineHandle;
  try {
    // Whom Ada leads is learned in the background on most back ends: answered before Lea's engine starts, so that what
    // Ada is offered is what her engine learned, not what it has not asked yet.
    await vi.waitFor(() => expect(fake.requests.some((request) => asksWhomOneLeads(request) && request.status !== 0)).toBe(true), {
      timeout: PATIENCE_MS,
      interval: 20,
    });
    leadEngine = await startEngine({ ...lead, settings: { ...TEAM_SETTINGS, ...settings, ...lead.settings } });
  } catch (error) {
    await engine.close();
    await fake.close();
    throw error;
  }
  const ada = remoteWorld({ fake, engine, ...world });
  return {
    ...ada,
    lead: { engine: leadEngine, call: (tool, args) => leadEngine.call(tool, args) },
    async close() {
      await leadEngine.close();
      await ada.close();
    },
  };
}

// Administration (admin.test.ts): an administrator beside Ada over one fake, her client answering the engine's
// questions as the scenario says, and what a back end with one tells the suite of it (AdminSide).

/** The world with an administrator: one fake, Ada's engine (the World) and the administrator's beside it. */
export interface AdminWorld extends World {
  /** The administrator's engine, whose client declares elicitation and answers each question as `answer` last said. */
  readonly admin: Pick<World, 'engine' | 'call'>;
  /** How the administrator's client answers the questions asked from now on (accept until said otherwise). */
  answer(action: 'accept' | 'decline'): void;
  /** How many questions the administrator's client was asked so far. */
  questions(): number;
  /** A catalog item as the fake keeps it, by kind and name: whether it is archived; undefined where the fake holds none. */
  catalogItem(kind: CatalogKind, name: string): { archived: boolean } | undefined;
}

/**
 * What a back end with an administrator tells the suite of them: who administers (an account's administrator, a
 * workspace's admin, the owner), the people as the back end names them, what the engine offers each, and the rate the
 * administrator may set and what becomes of removing it, as the back end's page says.
 */
export interface AdminSide {
  /** Ada, Bob and the administrator as the back end names them, and everyone active it holds (whom a list covers). */
  names: { person: string; colleague: string; admin: string; everyone: readonly string[] };
  /** What the engine offers the administrator; start waits until whoami names exactly these. */
  capabilities: ReadonlySet<Capability>;
  /** What it offers Ada in the same world; start waits for these too. */
  personCapabilities: ReadonlySet<Capability>;
  /**
   * Ada's role as the back end names it, where it says one, and the administration's capabilities a role decides
   * there: those are withheld from her with why `role`, every other with why `back_end` (as TeamSide.personRole).
   */
  personRole?: { role: string; decides: readonly Capability[] };
  /**
   * A rate the administrator sets (manage_rates: `kind`, `item` by the world's name) and what removing it does, as the
   * back end's page says: removed, or refused with its code before anything is sent (Harvest deletes no rate).
   */
  rates?: { kind: RateKind; item: string; removal: 'removed' | { refused: string } };
  /** A customer a project is created under where the back end needs one (create_catalog_item's `parent`). */
  projectParent?: string;
  start(): Promise<AdminWorld>;
}

/** Acme's one invoice in the administrator's world, where the back end keeps invoices: made on 2 November 2026, sent and not yet paid. */
export const INVOICE = { number: 'ACME-2026-11', customer: WORLD.customer, date: '2026-11-02', status: 'pending', total: 1200.5, currency: 'EUR' } as const;

/** The administration's group on, beside the team's (whose lead reads the role too): a role decides the tools only once an engine asked it. */
export const ADMIN_SETTINGS = { tools: { groups: { team: true, approvals: true, admin: true } } } as const;

/** The administrator's answers: accept or decline each question, counted. */
function answering(): {
  elicitation: (params: ElicitRequestFormParams) => ElicitResult;
  answer(action: 'accept' | 'decline'): void;
  questions(): number;
} {
  let action: 'accept' | 'decline' = 'accept';
  let asked = 0;
  return {
    elicitation: () => {
      asked += 1;
      return action === 'accept' ? { action: 'accept', content: {} } : { action: 'decline' };
    },
    answer: (next) => {
      action = next;
    },
    questions: () => asked,
  };
}

/**
 * The administrator's world over a remote fake already seeded: Ada's engine and the administrator's, as the team's
 * world starts them (startTeamOver: Ada's role is read before the administrator's engine starts), both with the
 * administration's group on, the administrator's client answering questions (answering).
 */
export async function startAdminOver(
  fake: RemoteFake,
  options: Parameters<typeof startTeamOver>[1] & { catalogItem: AdminWorld['catalogItem'] },
): Promise<AdminWorld> {
  const { catalogItem, ...team } = options;
  const answers = answering();
  const world = await startTeamOver(fake, {
    ...team,
    settings: { ...ADMIN_SETTINGS, ...team.settings },
    lead: { ...team.lead, elicitation: answers.elicitation },
  });
  const { lead, ...ada } = world;
  return { ...ada, admin: lead, answer: answers.answer, questions: answers.questions, catalogItem };
}
