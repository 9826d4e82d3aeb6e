// The person's Calamari projects as an engine last read them, kept where the back end's facts are (a
// file in the data folder, shared by every engine process of the desktop; on the team server the
// store's shelf for the person, shared by every instance) for the hour they are trusted, so that an
// engine which starts within it (another AI client's, the app's after a restart, the team server's
// after a quiet spell or on another instance) names a project without asking Calamari, whose request
// limit is the whole organisation's. A file of its own, read only where an engine would otherwise ask
// Calamari for the projects: the opening of a connection reads the facts file (facts.ts) for the
// tools, and a list of tens of kilobytes stays off that path. No zod and no HTTP here. And the
// projects as the capabilities share them (PersonProjects: the catalog lists them, the shifts book
// on them), kept for their hour in the engine and here.
import type { Log } from '../../log.ts';
import { Expiring } from '../remote/cache.ts';
import { defined, factsFile, type FactsPlace, pick } from '../remote/facts-file.ts';
import type { CalamariNamed } from './wire.ts';

export const CALAMARI_PROJECTS_FILE = 'calamari-projects.json';

/**
 * How much is kept: the team server keeps a facts file of at most 64 KiB
 * (team-server/team/person-state.ts), which two accounts' lists (a person's e-mail changed) must fit.
 * A list past either bound is not kept at all, as a part of it would make a name that is there look
 * unknown: each engine then reads the projects from Calamari, as it did before any were kept.
 */
export const KEPT_PROJECTS = { most: 500, chars: 30_000 } as const;

interface KeptEntry {
  /** In Calamari's order, each its id and name. */
  projects?: CalamariNamed[];
  /** When they were asked for (ISO time), by the clock of the engine that asked. */
  readAt?: string;
}

const projectsFile = factsFile<KeptEntry>(CALAMARI_PROJECTS_FILE, (entry) =>
  defined({ projects: keptProjects(entry.projects), readAt: pick.text(entry.readAt) }),
);

/**
 * The projects as kept: the id and name of each, in Calamari's order; undefined where the list is no
 * list of them (another version's, or edited) or is past KEPT_PROJECTS' bounds.
 */
export function keptProjects(value: unknown): CalamariNamed[] | undefined {
  if (!Array.isArray(value) || value.length > KEPT_PROJECTS.most) return undefined;
  const projects: CalamariNamed[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { id, name } = item as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof name !== 'string') return undefined;
    projects.push({ id, name });
  }
  return JSON.stringify(projects).length <= KEPT_PROJECTS.chars ? projects : undefined;
}

/** One account's kept list (keyed as its facts are: facts.ts, calamariFactsKey). */
export class KeptProjects {
  readonly #place: FactsPlace;
  readonly #key: string;
  readonly #ttlMs: number;
  readonly #log: Log;

  constructor(options: { place: FactsPlace; key: string; ttlMs: number; log: Log }) {
    this.#place = options.place;
    this.#key = options.key;
    this.#ttlMs = options.ttlMs;
    this.#log = options.log;
  }

  /**
   * The list an engine read less than `ttlMs` before `now()` and when its time ends; undefined where
   * none is. Read as the file is now: on the team server from the store, as another instance may
   * have read them since this one opened. A time ahead of `now()` is not trusted to be within it.
   */
  async fresh(now: () => number): Promise<{ projects: CalamariNamed[]; until: number } | undefined> {
    const entry = await projectsFile.readLatest(this.#place, this.#key);
    const at = now();
    const readAt = Date.parse(entry?.readAt ?? '');
    const projects = entry?.projects;
    return projects !== undefined && readAt <= at && at - readAt < this.#ttlMs ? { projects, until: readAt + this.#ttlMs } : undefined;
  }

  /** Keeps what Calamari answered at `readAt` for the next engine; a list past the bounds forgets the one kept before, which no longer says what Calamari does. */
  keep(projects: unknown, readAt: number): void {
    const kept = keptProjects(projects);
    if (!kept) return this.forget();
    projectsFile.write(this.#place, this.#key, { projects: kept, readAt: new Date(readAt).toISOString() }, this.#log);
  }

  forget(): void {
    projectsFile.write(this.#place, this.#key, { projects: undefined, readAt: undefined }, this.#log);
  }
}

/**
 * The projects the person may book on, kept for an hour: a clock-in or a shift by name within it
 * asks Calamari nothing more, and Calamari itself refuses a project archived meanwhile (then forget).
 * The hour is the listing's, not the engine's: an engine that starts within it takes the list kept
 * beside the facts (KeptProjects) rather than asking again, by its own clock, and each new listing
 * is kept there for the next.
 */
export class PersonProjects {
  /** The projects this engine read, kept for an hour. */
  readonly #projects: Expiring<CalamariNamed[]>;
  /** Where each listing is kept for the engines that start within its hour. */
  readonly #kept: KeptProjects;
  readonly #now: () => number;
  readonly #read: () => Promise<CalamariNamed[]>;
  /** A list an engine read and kept (another's, or this one's before it restarted), until an hour after it was read. */
  #taken: { projects: CalamariNamed[]; until: number } | undefined;
  /** Counts what Calamari refused: a listing asked for before a refusal is not kept for the next engine. */
  #refusals = 0;

  /** `read`: Calamari's listing of the person's projects, one request. */
  constructor(options: { place: FactsPlace; key: string; ttlMs: number; log: Log; now: () => number; read: () => Promise<CalamariNamed[]> }) {
    this.#projects = new Expiring<CalamariNamed[]>(options.ttlMs);
    this.#kept = new KeptProjects(options);
    this.#now = options.now;
    this.#read = options.read;
  }

  async list(): Promise<CalamariNamed[]> {
    if (!this.#projects.holds()) {
      const taken = await this.#keptInItsHour();
      if (taken) return taken;
    }
    return this.#projects.get(() => this.#listing());
  }

  /**
   * Calamari refused a project they named: the next call reads them afresh, here and in any engine
   * that starts after, so the kept list is forgotten too.
   */
  forget(): void {
    this.#refusals++;
    this.#projects.invalidate();
    this.#taken = undefined;
    this.#kept.forget();
  }

  /** The kept list where one was read within the hour: looked up once, then held until its hour ends. */
  async #keptInItsHour(): Promise<CalamariNamed[] | undefined> {
    const now = this.#now;
    if (this.#taken && now() < this.#taken.until) return this.#taken.projects;
    const refusals = this.#refusals;
    const fresh = await this.#kept.fresh(now);
    // Calamari refused a project while the list was being looked up: that list may still name it.
    if (refusals !== this.#refusals) return undefined;
    this.#taken = fresh;
    return fresh?.projects;
  }

  async #listing(): Promise<CalamariNamed[]> {
    const readAt = this.#now();
    const refusals = this.#refusals;
    const projects = await this.#read();
    // A listing asked for before Calamari refused one of them may still name it: not kept.
    if (refusals === this.#refusals) this.#kept.keep(projects, readAt);
    return projects;
  }
}
