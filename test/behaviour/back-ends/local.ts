// The local timesheet holding the world: punchcard.db in the data folder (docs/back-ends/local.md), the
// real SQLite file, which is this back end's "fake". Ada is the settings' person in Berlin; there are no
// colleagues on one person's timesheet. The catalog is made with the engine's own tools, as a person
// makes it: Development an activity of no project, Legacy archived. What the file holds is read with
// node:sqlite, read-only, beside the engine.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Capability } from '../../../mcp-server/contract/vocabulary.ts';
import { textOf } from '../../support/engine.ts';
import { type BehaviourBackEnd, type PlantedEntry, startEngine, type StoredEntry, utc, WORLD, type World } from '../harness.ts';

const CAPABILITIES: ReadonlySet<Capability> = new Set([
  'account',
  'timer',
  'entries',
  'entries_edit',
  'reports',
  'catalog',
  'catalog_write',
  'leave',
  'leave_cancel',
  'calendar',
]);

/** Every row of every table the file holds, by table: a write is a table whose rows changed. */
function tables(file: string): Map<string, string> {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const names = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
      name: string;
    }>;
    return new Map(names.map(({ name }) => [name, JSON.stringify(database.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())]));
  } finally {
    database.close();
  }
}

function entriesOf(file: string): StoredEntry[] {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = database
      .prepare(
        'SELECT e.start_ms, e.end_ms, p.name AS project, e.description FROM time_entries e LEFT JOIN projects p ON p.id = e.project_id ORDER BY e.start_ms',
      )
      .all() as Array<{ start_ms: number; end_ms: number | null; project: string | null; description: string }>;
    return rows.map((row) => ({
      start: utc(row.start_ms),
      end: row.end_ms === null ? null : utc(row.end_ms),
      project: row.project,
      description: row.description,
    }));
  } finally {
    database.close();
  }
}

/**
 * A row of Ada's as given, written into the file beside the engine as an older Punchcard or another program could
 * have (World.plantEntry); the table's own CHECK refuses one that ends before it starts.
 */
function plant(file: string, entry: PlantedEntry): void {
  const database = new DatabaseSync(file);
  try {
    const project = database.prepare('SELECT id FROM projects WHERE name = ?').get(entry.project) as { id: number } | undefined;
    if (!project) throw new Error(`The world has no ${entry.project} to plant an entry on.`);
    database
      .prepare('INSERT INTO time_entries (start_ms, end_ms, project_id, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.start, entry.end, project.id, entry.description, entry.start, entry.start);
  } finally {
    database.close();
  }
}

/** Every name the catalog holds rewritten (WorldOptions.hostile), as another program writing the file could leave it. */
function renameAll(file: string, hostile: (text: string) => string): void {
  const database = new DatabaseSync(file);
  try {
    for (const table of ['customers', 'projects', 'activities']) {
      const rows = database.prepare(`SELECT id, name FROM ${table}`).all() as Array<{ id: number; name: string }>;
      for (const row of rows) database.prepare(`UPDATE ${table} SET name = ? WHERE id = ?`).run(hostile(row.name), row.id);
    }
  } finally {
    database.close();
  }
}

/** Makes the world's catalog with the engine's tools, failing loudly where a step is refused. */
async function seed(world: Pick<World, 'call'>): Promise<void> {
  const made = async (args: Record<string, unknown>) => {
    const result = await world.call('create_catalog_item', args);
    if (result.isError) throw new Error(`The local world could not be made: ${textOf(result)}`);
    return result.structuredContent as { id: number };
  };
  await made({ kind: 'customer', name: WORLD.customer });
  await made({ kind: 'project', name: WORLD.website, parent: WORLD.customer });
  await made({ kind: 'project', name: WORLD.internal, parent: WORLD.customer });
  const legacy = await made({ kind: 'project', name: WORLD.archived, parent: WORLD.customer });
  await made({ kind: 'activity', name: WORLD.activity });
  const archived = await world.call('archive_catalog_item', { kind: 'project', id: legacy.id });
  if (archived.isError) throw new Error(`The local world could not be made: ${textOf(archived)}`);
}

const local: BehaviourBackEnd = {
  name: 'local timesheet',
  capabilities: CAPABILITIES,
  catalog: { customers: true, activities: 'global', listsArchived: true },
  namesColleagueEntries: false,
  agentLabel: 'column',
  async start(options = {}) {
    const engine = await startEngine({
      provider: { type: 'local' },
      settings: { timezone: WORLD.zone, user: { name: WORLD.person }, ...options.settings },
      capabilities: CAPABILITIES,
    });
    const file = join(engine.userDataDir, 'punchcard.db');
    const world: World = {
      engine,
      call: (tool, args) => engine.call(tool, args),
      mark() {
        const before = tables(file);
        return {
          writes: () => [...tables(file)].filter(([name, rows]) => before.get(name) !== rows).map(([name]) => `table ${name}`),
        };
      },
      entries: () => entriesOf(file),
      colleagueEntryId: null,
      plantEntry: (entry) => plant(file, entry),
      close: () => engine.close(),
    };
    await seed(world).catch(async (error: unknown) => {
      await engine.close();
      throw error;
    });
    if (options.hostile) renameAll(file, options.hostile);
    return world;
  },
  storesEntriesEndingBeforeStart: false,
};

export default local;
