// Where a connection's secret is found when the engine serves several trackers (docs/several-trackers.md,
// "Secrets"). A connection's own secret comes first: its variable PUNCHCARD_TRACKER_<NAME>_TOKEN, then the
// keychain item filed under `<account>#<name>` (a second login at an account another connection uses).
// Then what connections at one account share: the back end's PUNCHCARD_<BACK END>_TOKEN, and the keychain
// item `<account>`, as with one tracker. The back end's variable names no address, so it counts only while
// every connection of that back end is at one account (two Clockify workspaces on one key); where they are
// at different ones (two Kimai servers), sending it to either could send one server's token to the other,
// so it is used for none and a connection without a secret of its own says so, naming its variable.
// With one connection none of this runs: the secret is found as it always was (remote/remote-access.ts).
//
// A back end's second secret (Tempo Timesheets' Jira API token) is found the same way without a variable of the
// connection's own: its keychain item `<account>#<name>`, then PUNCHCARD_<SERVICE>_TOKEN while every connection of
// the back end has the same second account (one Atlassian login), then the account's item.
import { credentialAccount, isRemote, secondCredentialAccount, secondTokenVariable, tokenVariable, type BackEndProfile } from '../contract/back-ends.ts';
import { type Connection, trackerTokenVariable } from '../contract/connections.ts';
import { variableValue } from '../variables.ts';
import type { CredentialStore } from './credential-store.ts';

/** Which connection a tracker is opened for, among all the engine serves (present only with two or more). */
export interface ConnectionOf {
  name: string;
  connections: readonly Connection[];
}

/** The keychain item of a connection whose secret differs from another's at the same account. */
export function connectionKeychainAccount(account: string, name: string): string {
  return `${account}#${name}`;
}

/** Whether every connection of `type` is at one keychain account, so the back end's own variable may serve them all. */
export function typeVariableShared(connections: readonly Connection[], type: string): boolean {
  const accounts = new Set(connections.filter((connection) => connection.profile.type === type && isRemote(connection.profile)).map(accountOf));
  return accounts.size <= 1;
}

/** Whether every connection of `type` has one second keychain account (one Jira login), so the second secret's variable may serve them all. */
export function secondVariableShared(connections: readonly Connection[], type: string): boolean {
  const accounts = new Set(
    connections
      .filter((connection) => connection.profile.type === type && isRemote(connection.profile))
      .map((connection) => secondCredentialAccount(connection.profile as BackEndProfile & { url?: string; email?: string })),
  );
  return accounts.size <= 1;
}

/**
 * The environment a connection's secret is read from: as given, but without its back end's variable where
 * that variable is not this connection's (connections of its back end are at different accounts), so no
 * later step (the Claude Desktop extension's secret, the store) can send it here. `ignored` names the
 * variable where it was set and dropped, for the connection's refusal.
 */
export function connectionEnv(env: NodeJS.ProcessEnv, connection: ConnectionOf, type: string): { env: NodeJS.ProcessEnv; ignored: string | null } {
  const variable = tokenVariable(type);
  const second = secondTokenVariable(type);
  // The second secret's variable, where the back end's connections are at different logins, is no connection's either.
  const withoutSecond = second !== null && !secondVariableShared(connection.connections, type) ? withoutVariable(env, second) : env;
  if (typeVariableShared(connection.connections, type)) return { env: withoutSecond, ignored: null };
  return { env: withoutVariable(withoutSecond, variable), ignored: variableValue(env, variable) === undefined ? null : variable };
}

function withoutVariable(env: NodeJS.ProcessEnv, variable: string): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== variable));
}

/**
 * A connection's secret, in its order: its variable, its own keychain item, its back end's variable (where
 * `env` still holds it: connectionEnv), the account's keychain item; null where none is found. `keychain` is
 * read for the two items only (its own variables, if it has any, are the caller's).
 */
export async function connectionSecret(
  env: NodeJS.ProcessEnv,
  keychain: Pick<CredentialStore, 'get'>,
  account: string,
  type: string,
  name: string,
): Promise<string | null> {
  const own = variableValue(env, trackerTokenVariable(name));
  if (own !== undefined) return own;
  return sharedSecret(env, keychain, account, tokenVariable(type), name);
}

/**
 * A connection's second secret (Tempo Timesheets' Jira API token), in its order: its own keychain item, the
 * service's variable (where `env` still holds it: connectionEnv), the second account's item; null where none is found.
 */
export async function connectionSecondSecret(
  env: NodeJS.ProcessEnv,
  keychain: Pick<CredentialStore, 'get'>,
  account: string,
  variable: string,
  name: string,
): Promise<string | null> {
  return sharedSecret(env, keychain, account, variable, name);
}

async function sharedSecret(
  env: NodeJS.ProcessEnv,
  keychain: Pick<CredentialStore, 'get'>,
  account: string,
  variable: string,
  name: string,
): Promise<string | null> {
  const filed = await keychain.get(connectionKeychainAccount(account, name));
  if (filed) return filed;
  const shared = variableValue(env, variable);
  if (shared !== undefined) return shared;
  return keychain.get(account);
}

/**
 * The lines whoami's `settings_notes` carries where a back end's variable is set but used for no connection
 * (its connections are at different accounts): the variable, why, and the variables to set instead. None
 * where every connection without its own variable may use it.
 */
export function connectionSecretNotes(connections: readonly Connection[], env: NodeJS.ProcessEnv): string[] {
  if (connections.length < 2) return [];
  const types = [...new Set(connections.filter((connection) => isRemote(connection.profile)).map((connection) => connection.profile.type))];
  return types.flatMap((type) => {
    const variable = tokenVariable(type);
    if (variableValue(env, variable) === undefined || typeVariableShared(connections, type)) return [];
    const ofType = connections.filter((connection) => connection.profile.type === type);
    const wanting = ofType.map((connection) => trackerTokenVariable(connection.name)).filter((own) => variableValue(env, own) === undefined);
    if (wanting.length === 0) return [];
    return [
      `${variable} is set but used for no tracker: the ${type} trackers ${list(ofType.map((connection) => connection.name))} are at different addresses, ` +
        `and a secret goes only where it was given for. Set ${list(wanting)} instead (or save each one's secret in the Punchcard app).`,
    ];
  });
}

function accountOf(connection: Connection): string {
  return credentialAccount(connection.profile as BackEndProfile & { url?: string; email?: string });
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
