// The local timesheet's customers, projects and activities.
import { BackEndError, type Catalog, type CatalogItem, type CatalogKind, type CatalogPart } from '../time-tracker.ts';
import { isUniqueViolation } from './database.ts';
import { CATALOG_TABLES, type LocalSheet, type LocalTrackerOptions, ref } from './sheet.ts';

export class LocalCatalog implements CatalogPart {
  readonly #sheet: LocalSheet;
  readonly #options: LocalTrackerOptions;

  constructor(sheet: LocalSheet, options: LocalTrackerOptions) {
    this.#sheet = sheet;
    this.#options = options;
  }

  async catalog(includeArchived: boolean): Promise<Catalog> {
    return this.#sheet.read(() => {
      const archived = includeArchived ? '' : 'WHERE x.archived = 0';
      const customers = this.#sheet.statement(`SELECT x.id, x.name, x.archived FROM customers x ${archived} ORDER BY x.name COLLATE NOCASE`).all() as Array<{
        id: number;
        name: string;
        archived: number;
      }>;
      const projects = this.#sheet
        .statement(
          `SELECT x.id, x.name, x.archived, c.id AS ref_id, c.name AS ref_name
           FROM projects x LEFT JOIN customers c ON c.id = x.customer_id ${archived} ORDER BY x.name COLLATE NOCASE`,
        )
        .all() as Array<{ id: number; name: string; archived: number; ref_id: number | null; ref_name: string | null }>;
      const activities = this.#sheet
        .statement(
          `SELECT x.id, x.name, x.archived, p.id AS ref_id, p.name AS ref_name
           FROM activities x LEFT JOIN projects p ON p.id = x.project_id ${archived} ORDER BY x.name COLLATE NOCASE`,
        )
        .all() as Array<{ id: number; name: string; archived: number; ref_id: number | null; ref_name: string | null }>;
      return {
        customers: customers.map((row) => ({ kind: 'customer', id: row.id, name: row.name, archived: row.archived === 1 })),
        projects: projects.map((row) => ({
          kind: 'project',
          id: row.id,
          name: row.name,
          archived: row.archived === 1,
          customer: ref(row.ref_id, row.ref_name),
        })),
        activities: activities.map((row) => ({
          kind: 'activity',
          id: row.id,
          name: row.name,
          archived: row.archived === 1,
          project: ref(row.ref_id, row.ref_name),
        })),
      };
    });
  }

  async createCatalogItem(item: { kind: CatalogKind; name: string; customerId?: number; projectId?: number }): Promise<CatalogItem> {
    const name = item.name.trim();
    try {
      return await this.#sheet.write(() => {
        const now = this.#options.now();
        let id: number;
        if (item.kind === 'customer') {
          id = Number(this.#sheet.statement('INSERT INTO customers (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
        } else if (item.kind === 'project') {
          if (item.customerId !== undefined) this.#sheet.requireRow('customer', item.customerId);
          id = Number(
            this.#sheet.statement('INSERT INTO projects (name, customer_id, created_at) VALUES (?, ?, ?)').run(name, item.customerId ?? null, now)
              .lastInsertRowid,
          );
        } else {
          if (item.projectId !== undefined) this.#sheet.requireRow('project', item.projectId);
          id = Number(
            this.#sheet.statement('INSERT INTO activities (name, project_id, created_at) VALUES (?, ?, ?)').run(name, item.projectId ?? null, now)
              .lastInsertRowid,
          );
        }
        return this.#sheet.catalogItem(item.kind, id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new BackEndError('local_catalog_name_taken', { kind: item.kind, name });
      }
      throw error;
    }
  }

  async setArchived(kind: CatalogKind, id: number, archived: boolean): Promise<CatalogItem> {
    return this.#sheet.write(() => {
      this.#sheet.requireRow(kind, id);
      this.#sheet.statement(`UPDATE ${CATALOG_TABLES[kind]} SET archived = ? WHERE id = ?`).run(archived ? 1 : 0, id);
      return this.#sheet.catalogItem(kind, id);
    });
  }
}
