// Calamari's projects as far as the person may book on them: no customers, no activities, and nothing
// Punchcard may add or archive (Calamari's administrators set projects up). The projects are the
// root's (context.ts, projects), kept for their hour, as the shifts book on them too.
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode, type NoEndpoints } from '../../grid/cell.ts';
import { type Catalog, type CatalogItem, type CatalogKind, BackEndError } from '../../time-tracker.ts';
import type { CalamariContext, CalamariGrid } from '../context.ts';

export class CalamariCatalog extends CellPart<CalamariContext, NoEndpoints> {
  async catalog(_includeArchived: boolean, kinds?: readonly CatalogKind[]): Promise<Catalog> {
    const wants = !kinds || kinds.includes('project');
    const projects = wants ? await this.context.projects.list() : [];
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
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid>({
  parts: (context, endpoints) => ({ catalog: new CalamariCatalog(context, endpoints, {}) }),
});
