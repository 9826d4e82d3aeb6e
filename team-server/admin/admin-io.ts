// What every admin verb is handed (the environment, where to write) and the store it works on, opened
// as the server opens it.
import type { ServerConfig } from '../../mcp-server/contract/server-config.ts';

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The store the config names, opened as the server opens it, or the reason it cannot be (said on stderr). */
export async function openConfiguredStore(config: ServerConfig, io: AdminIo) {
  const { openStore, storeProblem } = await import('../store/open-store.ts');
  const { unsetSecret } = await import('../../mcp-server/settings/secret-files.ts');
  const unset = unsetSecret(config, io.env, 'postgres.password_env');
  if (unset) return void io.err(`${unset}\n`);
  try {
    return await openStore(config, { now: Date.now, env: io.env });
  } catch (error) {
    io.err(`${storeProblem(config.store, error)}\n`);
    return undefined;
  }
}
