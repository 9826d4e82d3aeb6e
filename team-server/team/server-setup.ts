// What the team server needs before it builds anything, each refused in words the administrator can
// act on (ServeRefusal): the server key, the addresses, the secrets the config names, the policy,
// the store and the keys it keeps, and the folder local timesheets live in.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseListen, type ServerConfig } from '../config/server-config.ts';
import { backEndOf } from '../../mcp-server/contract/back-ends.ts';
import { type Log, type OrganisationAccount, PolicyFiles, policyPaths, profileRefusal } from '../../mcp-server/for-the-team-server.ts';
import { accessTokenTtl } from '../auth/authorization-server.ts';
import { keysFromStore } from '../auth/key-rotation.ts';
import { keyIdOf, readServerKey, type ServerKeys } from '../auth/server-keys.ts';
import { type AddressResolver, trustedProxies } from '../http/client-address.ts';
import { openMetrics, type OpenedMetrics } from '../metrics/open-metrics.ts';
import { organisationKeyOf, twoKeySources, unsetSecret } from '../config/secret-files.ts';
import { openStore, storeProblem } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { checkOrganisationAccount, openOrganisationAccount } from './organisation-account.ts';
import { ServeRefusal } from './serve-refusal.ts';

export interface CheckedSetup {
  serverKey: Buffer;
  proxies: AddressResolver;
  listen: { host: string; port: number };
  opened: OpenedMetrics;
  /** The company identity provider's client secret, read from the variable the config names. */
  clientSecret: string | undefined;
  accessTokenTtlSeconds: number;
  policy: PolicyFiles;
  /**
   * The tracker credential that acts for people (sign_in.organisation's, or Calamari's), read once
   * here and passed down: no part of the server reads it from the environment again.
   */
  organisationKey: string | undefined;
}

export async function checkedSetup(config: ServerConfig, env: NodeJS.ProcessEnv, log: Log, policyFiles: readonly string[] | undefined): Promise<CheckedSetup> {
  const serverKey = readServerKey(env, config.key_env);
  if (typeof serverKey === 'string') throw new ServeRefusal(serverKey);
  const proxies = trustedProxies(config.trusted_proxies);
  if (typeof proxies === 'string') throw new ServeRefusal(proxies);
  const listen = parseListen(config.listen);
  if (typeof listen === 'string') throw new ServeRefusal(`listen: ${listen}`);
  // The config's schema refused a metrics.listen that is no address (team-server/config/server-config.ts).
  const metricsListen = config.metrics?.listen === undefined ? undefined : (parseListen(config.metrics.listen) as { host: string; port: number });
  const opened = await openMetrics(metricsListen);
  const clientSecret = config.sign_in.oidc?.client_secret_env ? env[config.sign_in.oidc.client_secret_env]?.trim() || undefined : undefined;
  // The identity provider's client secret, and a back end's key where it is the organisation's.
  const unset =
    unsetSecret(config, env, 'sign_in.oidc.client_secret_env') ??
    unsetSecret(config, env, 'provider') ??
    unsetSecret(config, env, 'sign_in.organisation.key_env') ??
    twoKeySources(config, env);
  if (unset) throw new ServeRefusal(unset);
  const organisationKey = organisationKeyOf(config, env);
  const accessTokenTtlSeconds = accessTokenTtl(env);
  if (typeof accessTokenTtlSeconds === 'string') throw new ServeRefusal(accessTokenTtlSeconds);
  const policy = await PolicyFiles.open(policyFiles ?? policyPaths(env), log);
  const startingPolicy = policy.current();
  const refusal = startingPolicy.problem
    ? `The organisation's policy cannot be used (${startingPolicy.problem}).`
    : profileRefusal(startingPolicy, { ...config.provider, email: 'server@localhost' } as never);
  if (refusal) {
    policy.close();
    throw new ServeRefusal(`${refusal} The server does not start.`);
  }
  return { serverKey, proxies, listen, opened, clientSecret, accessTokenTtlSeconds, policy, organisationKey };
}

/**
 * The store the config names, opened (a SQLite store made where none is yet, said in the log), with
 * the keys kept in it (a rotation in progress included); refused, with nothing in it changed, when
 * the server key is not the store's. A store without a key yet learns this one.
 */
export async function openServerStore(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  serverKey: Buffer,
  now: () => number,
  log: Log,
): Promise<{ store: Store; keys: ServerKeys }> {
  const unset = unsetSecret(config, env, 'postgres.password_env');
  if (unset) throw new ServeRefusal(unset);
  const sqlitePath = config.store.startsWith('sqlite:') ? config.store.slice('sqlite:'.length) : undefined;
  const isNew = sqlitePath !== undefined && !existsSync(sqlitePath);
  let store: Store;
  try {
    store = await openStore(config, { now, env, log });
  } catch (error) {
    throw new ServeRefusal(storeProblem(config.store, error));
  }
  if (isNew)
    log(
      `A new store was made at ${sqlitePath}: nobody has signed in yet. If this server had people before, its store is elsewhere: check "store" in the config.`,
    );
  const before = await store.keyRotation().catch(() => undefined);
  const keys = await keysFromStore(serverKey, store, config.key_env, { learn: true });
  if (typeof keys === 'string') {
    await store.close();
    throw new ServeRefusal(keys);
  }
  if (before === undefined) log(`The store knows its key now: key ${keyIdOf(serverKey)}; a server, admin command or audit given another key is refused.`);
  return { store, keys };
}

/**
 * Where local timesheets live: the data folder (SQLite store only); what remote back ends learn lives
 * in the store. With PostgreSQL nothing needs a folder, so an instance without data_dir works in a
 * private scratch folder of its own (`scratch`, removed when it stops).
 */
export function dataFolder(config: ServerConfig): { dataDir: string; scratch: string | undefined } {
  const scratch = config.data_dir === undefined && !config.store.startsWith('sqlite:') ? mkdtempSync(join(tmpdir(), 'punchcard-instance-')) : undefined;
  return { dataDir: config.data_dir ?? scratch ?? dirname(config.store.slice('sqlite:'.length)), scratch };
}

/**
 * The organisation account under sign_in.organisation, made from the key read at start and checked:
 * a server whose account cannot act for people refuses to start, in the check's one sentence (never
 * the key). Null where the config names none, or the back end keeps no directory (Calamari).
 */
export async function checkedOrganisation(options: {
  config: ServerConfig;
  key: string | undefined;
  /** Where the account's tracker may keep what it keeps while it works: the server's own, beside no person's. */
  folder: string;
  now: () => number;
  log: Log;
}): Promise<OrganisationAccount | null> {
  const { config, key, folder, now, log } = options;
  if (!config.sign_in.organisation || !key) return null;
  const account = await openOrganisationAccount({ config, key, folder, now, log });
  if (!account) return null;
  const verdict = await checkOrganisationAccount(account, key, backEndOf(config.provider.type).label);
  if (!verdict.ok) {
    account.close();
    throw new ServeRefusal(`${verdict.said} The server does not start.`);
  }
  log(`The organisation account acts for people: ${verdict.account}.`);
  return account;
}
