// A team server's setup as an administrator's commands meet it, in the test process: its config file
// on this computer (the local timesheet, a development sign-in, a SQLite store in the folder, the key in
// PUNCHCARD_SERVER_KEY; any key overridden), the store a server left there with a person in it, and
// the admin command run on that config with its answer, exit code and words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../../team-server/config/server-config.ts';
import { readServerConfigFile } from '../../team-server/config/server-config-file.ts';
import { runAdminCommand } from '../../team-server/admin/admin-command.ts';
import { sealCredentials } from '../../team-server/auth/credentials.ts';
import { openServerStore } from '../../team-server/team/server-setup.ts';

export interface ConfiguredServer {
  configPath: string;
  config: ServerConfig;
  /** The SQLite store's file, where the config names one. */
  storePath: string;
}

/** A server on this computer as its config file says it: the local timesheet, a development sign-in, its store in `dir`. */
export function localServerConfig(dir: string): Record<string, unknown> {
  return {
    public_url: 'http://127.0.0.1:9',
    listen: '127.0.0.1:0',
    provider: { type: 'local' },
    sign_in: { development: true },
    store: `sqlite:${join(dir, 'server.db')}`,
    key_env: 'PUNCHCARD_SERVER_KEY',
  };
}

/** Writes `server.json` (or `name`) into `dir` with `overrides` over localServerConfig, and reads it as the server does. */
export function writeServerConfig(dir: string, overrides: Record<string, unknown> = {}, name = 'server.json'): ConfiguredServer {
  const configPath = join(dir, name);
  const text = { ...localServerConfig(dir), ...overrides };
  writeFileSync(configPath, JSON.stringify(text));
  const read = readServerConfigFile(configPath);
  if (!read.ok) throw new Error(read.problem);
  return { configPath, config: read.config, storePath: String(text.store).replace(/^sqlite:/, '') };
}

/**
 * The store as a server leaves it after its first start with `key` (which it learned) and Ada's
 * sign-in: her record with her tracker secret sealed under the key.
 */
export async function storeWithAda(config: ServerConfig, key: string): Promise<void> {
  const { store, keys } = await openServerStore(config, { PUNCHCARD_SERVER_KEY: key }, Buffer.from(key, 'base64'), Date.now, () => {});
  try {
    await store.savePerson({ id: 'p1', identity: 'dev:ada', name: 'Ada', email: 'ada@example.com', at: Date.now() });
    await store.setCredentials('p1', sealCredentials(keys.atRest, 'p1', { secret: 'ada-secret' }));
  } finally {
    await store.close();
  }
}

/** `punchcard-mcp admin ARGV --config FILE` in this process, with `env` as its environment. */
export async function runAdmin(configPath: string, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(
    [...argv, '--config', configPath],
    env,
    (text) => out.push(text),
    (text) => err.push(text),
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}
