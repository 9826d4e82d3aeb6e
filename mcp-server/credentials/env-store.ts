// Secrets from environment variables, for servers that run where no keychain exists (CI, a
// container, a remote shell). One variable per provider: a headless setup has one account each.
import { variableValue } from '../variables.ts';
import { CredentialStoreError, type CredentialStore } from './credential-store.ts';

/** 'kimai:https://kimai.example.com' → 'PUNCHCARD_KIMAI_TOKEN'. */
export function envVariableFor(account: string): string {
  const separator = account.indexOf(':');
  const provider = separator === -1 ? account : account.slice(0, separator);
  if (provider.trim() === '') {
    throw new Error(`Credential account '${account}' does not start with a provider name (like 'kimai:').`);
  }
  // Shells only accept letters, digits and underscores in variable names.
  return `PUNCHCARD_${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_TOKEN`;
}

export function createEnvStore(env: NodeJS.ProcessEnv = process.env): CredentialStore {
  const readOnly = (account: string): CredentialStoreError =>
    new CredentialStoreError(
      'denied',
      `Secrets from environment variables are read-only: change or unset ${envVariableFor(account)} where the server is started.`,
    );

  return {
    kind: 'environment',
    async get(account) {
      // Surrounding whitespace is never part of a token but easily slips in from a file or a paste;
      // a variable set to nothing, or to a placeholder a client left unfilled ("${user_config.secret}"),
      // counts as unset: sent as a token, the placeholder would only be refused, and said back.
      return variableValue(env, envVariableFor(account)) ?? null;
    },
    async set(account) {
      throw readOnly(account);
    },
    async delete(account) {
      throw readOnly(account);
    },
  };
}
