// Calamari's projects as far as the person may book on them: no customers, no activities, and nothing
// Punchcard may add or archive (Calamari's administrators set projects up).
import { BackEndPart } from '../remote-tracker.ts';
import { Expiring } from '../remote/cache.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError } from '../time-tracker.ts';
import { type CalamariContext, REFERENCE_TTL_MS } from './context.ts';
import type { CalamariNamed } from './wire.ts';

export class CalamariCatalog extends BackEndPart<CalamariContext> {
  readonly #projects = new Expiring<CalamariNamed[]>(REFERENCE_TTL_MS);

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
    throw new BackEndError('unavailable', "Calamari's projects are set up by its administrators; Punchcard cannot add one.");
  }

  async setArchived(): Promise<CatalogItem> {
    throw new BackEndError('unavailable', "Calamari's projects are set up by its administrators; Punchcard cannot archive one.");
  }

  /**
   * The projects the person may book on, kept for an hour: a clock-in or a shift by name within it
   * asks Calamari nothing more, and Calamari itself refuses a project archived meanwhile (then forget).
   */
  projects(): Promise<CalamariNamed[]> {
    return this.#projects.get(() => this.context.api.projects());
  }

  /** Calamari refused a project they named: the next call reads them afresh. */
  forget(): void {
    this.#projects.invalidate();
  }
}
