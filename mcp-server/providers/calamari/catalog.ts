// Calamari's projects as far as the person may book on them: no customers, no activities, and nothing
// Punchcard may add or archive (Calamari's administrators set projects up).
import { BackEndPart, factsPlace } from '../remote-tracker.ts';
import { Expiring } from '../remote/cache.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError } from '../time-tracker.ts';
import { type CalamariContext, REFERENCE_TTL_MS } from './context.ts';
import { calamariFactsKey } from './facts.ts';
import { KeptProjects } from './kept-projects.ts';
import type { CalamariNamed } from './wire.ts';

export class CalamariCatalog extends BackEndPart<CalamariContext> {
  /** The projects this engine read, kept for an hour. */
  readonly #projects = new Expiring<CalamariNamed[]>(REFERENCE_TTL_MS);
  /** Where each listing is kept for the engines that start within its hour (kept-projects.ts). */
  readonly #kept = new KeptProjects({
    place: factsPlace(this.context.options),
    key: calamariFactsKey(this.context.options.profile),
    ttlMs: REFERENCE_TTL_MS,
    log: this.context.options.log,
  });
  /** A list an engine read and kept (another's, or this one's before it restarted), until an hour after it was read. */
  #taken: { projects: CalamariNamed[]; until: number } | undefined;
  /** Counts what Calamari refused: a listing asked for before a refusal is not kept for the next engine. */
  #refusals = 0;

  async catalog(_includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = !kinds || kinds.includes('project');
    const projects = wants ? await this.projects() : [];
    return {
      customers: [],
      projects: projects.map((project): CatalogItem => ({ kind: 'project', id: project.id, name: project.name, archived: false, customer: null })),
      activities: [],
    };
  }

  async createCatalogItem(): Promise<CatalogItem> {
    throw new BackEndError('calamari_projects_admin_only', { write: 'add' });
  }

  async setArchived(): Promise<CatalogItem> {
    throw new BackEndError('calamari_projects_admin_only', { write: 'archive' });
  }

  /**
   * The projects the person may book on, kept for an hour: a clock-in or a shift by name within it
   * asks Calamari nothing more, and Calamari itself refuses a project archived meanwhile (then forget).
   * The hour is the listing's, not the engine's: an engine that starts within it takes the list kept
   * beside the facts (kept-projects.ts) rather than asking again, by its own clock, and each new
   * listing is kept there for the next.
   */
  async projects(): Promise<CalamariNamed[]> {
    if (!this.#projects.holds()) {
      const taken = await this.#keptInItsHour();
      if (taken) return taken;
    }
    return this.#projects.get(() => this.#read());
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
    const now = this.context.options.now;
    if (this.#taken && now() < this.#taken.until) return this.#taken.projects;
    const refusals = this.#refusals;
    const fresh = await this.#kept.fresh(now);
    // Calamari refused a project while the list was being looked up: that list may still name it.
    if (refusals !== this.#refusals) return undefined;
    this.#taken = fresh;
    return fresh?.projects;
  }

  async #read(): Promise<CalamariNamed[]> {
    const readAt = this.context.options.now();
    const refusals = this.#refusals;
    const projects = await this.context.api.projects();
    // A listing asked for before Calamari refused one of them may still name it: not kept.
    if (refusals === this.#refusals) this.#kept.keep(projects, readAt);
    return projects;
  }
}
