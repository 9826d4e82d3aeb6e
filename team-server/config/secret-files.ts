// The team server's secrets from files as well as from the environment: for every variable the
// server reads a secret from (the key, the identity provider's client secret, the database password,
// an organisation's tracker key), NAME_FILE may name a file that holds the value instead, as Docker
// and Kubernetes secrets are mounted (docs/team-server/container.md, "Secrets"). The file is read
// once at start; its value goes into the environment the server is handed, never into a log.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { backEndOf, tokenVariable } from '../../mcp-server/contract/back-ends.ts';
import type { ServerConfig } from './server-config.ts';

/** A secret is a key or a password: a few hundred bytes. Anything near this is the wrong file. */
export const SECRET_FILE_MAX_BYTES = 64 * 1024;

/**
 * A variable the team server reads a secret from: the one table the server's start, `admin check`,
 * the admin verbs' store and the secret files all read, so they name the same variables in the same
 * words.
 */
export interface SecretVariable {
  variable: string;
  /** The config key that names it. */
  from: 'key_env' | 'sign_in.oidc.client_secret_env' | 'postgres.password_env' | 'provider' | 'sign_in.organisation.key_env';
  /** What it is for, as `admin check` lists it. */
  what: string;
  /** Set at all counts (a database password may be empty), or only with more than blanks. */
  emptyAllowed: boolean;
  /** The refusal when it is not set. */
  unset: string;
}

/** The variables the team server reads a secret from under this configuration, the key first. */
export function secretVariables(config: Pick<ServerConfig, 'key_env' | 'sign_in' | 'postgres' | 'provider'>): SecretVariable[] {
  // The key's own refusal, with how to make one, is readServerKey's (team-server/auth/server-keys.ts).
  const found: SecretVariable[] = [
    { variable: config.key_env, from: 'key_env', what: 'key', emptyAllowed: false, unset: `The environment variable ${config.key_env} (key_env) is not set.` },
  ];
  const secret = config.sign_in.oidc?.client_secret_env;
  if (secret) {
    found.push({
      variable: secret,
      from: 'sign_in.oidc.client_secret_env',
      what: 'identity provider secret',
      emptyAllowed: false,
      unset: `The environment variable ${secret} (sign_in.oidc.client_secret_env) is not set; it must hold the client secret the identity provider gave Punchcard.`,
    });
  }
  const password = config.postgres?.password_env;
  if (password)
    found.push({
      variable: password,
      from: 'postgres.password_env',
      what: 'database password',
      emptyAllowed: true,
      unset: `The environment variable ${password} (postgres.password_env) is not set; it must hold the database password.`,
    });
  // The tracker's organisation credential acting for each person (sign_in.organisation), from the
  // variable the config names; on Calamari it takes the place of the one the engine reads.
  const backEnd = backEndOf(config.provider.type);
  const organisation = config.sign_in.organisation;
  if (organisation) {
    found.push({
      variable: organisation.key_env,
      from: 'sign_in.organisation.key_env',
      what: "the organisation's tracker credential",
      emptyAllowed: false,
      unset: `The environment variable ${organisation.key_env} (sign_in.organisation.key_env) is not set; it must hold ${backEnd.label}'s organisation credential that acts for each person.`,
    });
  } else if (backEnd.secret?.whose === 'organisation') {
    // A back end whose key is the organisation's (Calamari's) has it from the server's environment
    // and serves everyone with it (team-server/team/person-engines.ts).
    const variable = tokenVariable(backEnd.type);
    found.push({
      variable,
      from: 'provider',
      what: `${backEnd.label}'s key`,
      emptyAllowed: false,
      unset: `${backEnd.label}'s ${backEnd.secret.name} is the organisation's: set ${variable} for the server, as the engine reads it on a desktop.`,
    });
  }
  return found;
}

/**
 * Where Calamari's key is named twice, the refusal: sign_in.organisation.key_env takes the place of
 * the variable the engine reads (PUNCHCARD_CALAMARI_TOKEN), and a key set in both would leave the
 * administrator unsure which one acts for people. Undefined where there is one source.
 */
export function twoKeySources(config: Pick<ServerConfig, 'sign_in' | 'provider'>, env: NodeJS.ProcessEnv): string | undefined {
  const organisation = config.sign_in.organisation;
  const backEnd = backEndOf(config.provider.type);
  if (!organisation || backEnd.secret?.whose !== 'organisation') return undefined;
  const engines = tokenVariable(backEnd.type);
  if (organisation.key_env === engines) return undefined;
  const set = [engines, `${engines}_FILE`].filter((name) => Boolean(env[name]?.trim()));
  if (set.length === 0) return undefined;
  return `${backEnd.label}'s key is named twice: sign_in.organisation.key_env names ${organisation.key_env}, and ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set too; unset ${set.join(' and ')}, so the key comes from one place.`;
}

/**
 * The tracker credential that acts for people, read once at start and held by the server in memory
 * from then on (team-server/team/person-engines.ts, team-server/team/organisation-account.ts): the
 * variable sign_in.organisation.key_env names, else Calamari's own; undefined where people use their own.
 */
export function organisationKeyOf(config: Pick<ServerConfig, 'sign_in' | 'provider'>, env: NodeJS.ProcessEnv): string | undefined {
  const organisation = config.sign_in.organisation;
  const backEnd = backEndOf(config.provider.type);
  const variable = organisation ? organisation.key_env : backEnd.secret?.whose === 'organisation' ? tokenVariable(backEnd.type) : undefined;
  return (variable && env[variable]?.trim()) || undefined;
}

/** Whether `env` holds the secret. */
export function secretIsSet(secret: SecretVariable, env: NodeJS.ProcessEnv): boolean {
  const value = env[secret.variable];
  return secret.emptyAllowed ? value !== undefined : Boolean(value?.trim());
}

/** The refusal for the config's secret named by `from` when `env` lacks it, or undefined. */
export function unsetSecret(
  config: Pick<ServerConfig, 'key_env' | 'sign_in' | 'postgres' | 'provider'>,
  env: NodeJS.ProcessEnv,
  from: SecretVariable['from'],
): string | undefined {
  const secret = secretVariables(config).find((candidate) => candidate.from === from);
  return secret && !secretIsSet(secret, env) ? secret.unset : undefined;
}

/**
 * `env` with each secret variable that is unset but has a NAME_FILE filled from that file, or the
 * first problem as a sentence naming the variable and the file (never the value).
 */
export function withSecretFiles(
  env: NodeJS.ProcessEnv,
  variables: ReadonlyArray<Pick<SecretVariable, 'variable'> & { from: string }>,
): { env: NodeJS.ProcessEnv } | { problem: string } {
  const filled: NodeJS.ProcessEnv = { ...env };
  for (const { variable, from } of variables) {
    const fileVariable = `${variable}_FILE`;
    const path = env[fileVariable]?.trim();
    if (!path) continue;
    if (env[variable] !== undefined && env[variable] !== '') {
      return { problem: `Both ${variable} and ${fileVariable} are set (${from}); set one of them.` };
    }
    const read = readSecretFile(path);
    if (typeof read !== 'string') return { problem: `${fileVariable} (${from}) names ${path}, which cannot be used: ${read.problem}.` };
    filled[variable] = read;
  }
  return { env: filled };
}

/**
 * A secret file's value without its final line break, or why it is not read. Only an absolute path to
 * a regular file is read. A link is followed only within its own folder, as Kubernetes mounts a
 * Secret (key → ..data/key → ..2026_11_25…/key); a link out of it may point anywhere the server can
 * read, so it is refused.
 */
export function readSecretFile(path: string): string | { problem: string } {
  if (!isAbsolute(path)) return { problem: 'it is not an absolute path' };
  let target: string;
  try {
    const link = lstatSync(path);
    target = link.isSymbolicLink() ? realpathSync(path) : path;
    if (link.isSymbolicLink()) {
      const folder = realpathSync(dirname(path));
      const inside = relative(folder, target);
      if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
        return { problem: `it is a link out of its folder (to ${target}); mount the secret itself there` };
    }
  } catch (error) {
    return {
      problem:
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'there is no such file'
          : `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  let bytes: Buffer;
  let fd: number;
  try {
    // O_NOFOLLOW: the target was resolved above; a link swapped in since is not followed.
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { problem: `it cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'it is not a regular file' };
    if (stat.size > SECRET_FILE_MAX_BYTES) return { problem: `it is ${stat.size} bytes, more than a secret can be (${SECRET_FILE_MAX_BYTES})` };
    const buffer = Buffer.alloc(SECRET_FILE_MAX_BYTES + 1);
    let length = 0;
    for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0; read = readSync(fd, buffer, length, buffer.length - length, null)) {
      length += read;
      if (length > SECRET_FILE_MAX_BYTES) return { problem: `it grew past ${SECRET_FILE_MAX_BYTES} bytes while being read` };
    }
    bytes = buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
  if (bytes.includes(0)) return { problem: 'it holds a NUL byte, so it is not text' };
  const value = bytes.toString('utf8').replace(/\r?\n$/, '');
  if (value.trim() === '') return { problem: 'it is empty' };
  if (/[\r\n]/.test(value)) return { problem: 'it holds more than one line' };
  return value;
}
