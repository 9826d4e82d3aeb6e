// Opening the store a config names: SQLite for one instance, PostgreSQL for several (store.ts says
// what a store keeps). Each kind loads only when it is named, so a SQLite server never loads pg.
import type { Store } from './store.ts';

/** How a config names its store: `sqlite:/path`, or `postgres://…` with its options. */
export interface StoreSpec {
  store: string;
  postgres?: { password_env?: string | undefined; tls: 'disable' | 'require' | 'verify-full'; ca_file?: string | undefined; pool_size: number } | undefined;
}

/**
 * Why the store a config names cannot be opened, in one line naming `store`: a store a newer
 * Punchcard migrated or a database that does not answer (their own words), a folder that cannot be
 * made, a file that cannot be written.
 */
export function storeProblem(spec: string, error: unknown): string {
  if (error instanceof Error && ['StoreVersionError', 'StoreUnavailable', 'StoreMissing'].includes(error.name)) return `store: ${error.message}`;
  const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
  return `store: "${spec}" cannot be opened (${message}). Check that the server's account may create and write it.`;
}

/**
 * The store a config names, opened (and migrated). With `mustExist` (the admin and audit commands)
 * a store that is not there yet is not made: StoreMissing says so.
 */
export async function openStore(
  spec: StoreSpec,
  options: { now: () => number; env: NodeJS.ProcessEnv; log?: (message: string) => void; mustExist?: boolean },
): Promise<Store> {
  if (spec.store.startsWith('sqlite:')) {
    const { openSqliteStore } = await import('./sqlite-store.ts');
    return openSqliteStore(spec.store.slice('sqlite:'.length), options);
  }
  const { openPostgresStore } = await import('./postgres-store.ts');
  const postgres = spec.postgres ?? { tls: 'verify-full' as const, pool_size: 10 };
  const password = postgres.password_env ? options.env[postgres.password_env] : undefined;
  return openPostgresStore({
    url: spec.store,
    ...(password === undefined ? {} : { password }),
    tls: postgres.tls,
    ...(postgres.ca_file ? { caFile: postgres.ca_file } : {}),
    poolSize: postgres.pool_size,
    now: options.now,
    ...(options.log ? { log: options.log } : {}),
    ...(options.mustExist ? { mustExist: true } : {}),
  });
}
