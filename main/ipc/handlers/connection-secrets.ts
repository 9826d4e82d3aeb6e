// Where a connection's secret is in the keychain (docs/using-the-app.md, "Several connections"): under its back
// end's account as today (`kimai:<url>`, `clockify:<url>`, …), so connections at one account share one
// secret (one Clockify key for two workspaces is one item); a connection whose secret differs from the
// one already filed there for another connection is filed as `<account>#<name>`. The engine reads
// `<account>#<name>` first, then `<account>`; so does this module.
import { credentialAccount, isRemote, secondCredentialAccount } from '../../../mcp-server/contract/back-ends.ts';
import type { Connection } from '../../../mcp-server/contract/connections.ts';
import type { HandlerDeps } from './ports.ts';

type Credentials = HandlerDeps['credentials'];

/** The item of a connection's own secret, beside its account's. */
export function ownSecretItem(account: string, name: string): string {
  return `${account}#${name}`;
}

/** The secret a connection is served with: its own item, else its account's; null for none (or the local timesheet). */
export async function secretOf(credentials: Credentials, connection: Connection): Promise<string | null> {
  if (!isRemote(connection.profile)) return null;
  const account = credentialAccount(connection.profile);
  return (await credentials.get(ownSecretItem(account, connection.name))) ?? (await credentials.get(account));
}

/** The second secret a connection is served with (Tempo's Jira API token): its own item, else its account's; null for none. */
export async function secondSecretOf(credentials: Credentials, connection: Connection): Promise<string | null> {
  if (!isRemote(connection.profile)) return null;
  const account = secondCredentialAccount(connection.profile);
  if (account === null) return null;
  return (await credentials.get(ownSecretItem(account, connection.name))) ?? (await credentials.get(account));
}

/**
 * Where a new secret for connections at `account` goes: the account's item while no connection reads
 * a different secret there, else each new connection's own item. `existing` are the connections
 * already configured.
 */
export async function fileSecret(
  credentials: Credentials,
  existing: readonly Connection[],
  account: string,
  names: readonly string[],
  secret: string,
): Promise<void> {
  const filed = await credentials.get(account);
  if (filed === secret) return;
  if (filed !== null) {
    // Who reads the account's item: the connections at that account without an item of their own.
    const readers = [];
    for (const connection of existing) {
      if (!isRemote(connection.profile) || (credentialAccount(connection.profile) !== account && secondCredentialAccount(connection.profile) !== account))
        continue;
      if ((await credentials.get(ownSecretItem(account, connection.name))) === null) readers.push(connection.name);
    }
    if (readers.length > 0) {
      for (const name of names) await credentials.set(ownSecretItem(account, name), secret);
      return;
    }
  }
  await credentials.set(account, secret);
}

/** Whether connections called `names` at `account` have a secret to be served with, without a new one. */
export async function hasSecretFor(credentials: Credentials, account: string, names: readonly string[]): Promise<boolean> {
  if ((await credentials.get(account)) !== null) return true;
  for (const name of names) if ((await credentials.get(ownSecretItem(account, name))) === null) return false;
  return names.length > 0;
}
