// The OS keychain through keytar (macOS Keychain, Windows Credential Vault, libsecret on Linux).
// keytar is loaded on first use, not at import: a server that never needs a secret (the local
// tracker) starts without touching the keychain, and a machine without one still starts.
import { createRequire } from 'node:module';
import { CredentialStoreError, KEYCHAIN_SERVICE, type CredentialStore } from './credential-store.ts';
import { envVariableFor } from './env-store.ts';

/** The part of keytar this store uses; tests hand in a fake. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  loadKeytar?: () => Promise<KeytarLike>;
}

export function createKeytarStore(options: KeytarStoreOptions = {}): CredentialStore {
  const loadKeytar = options.loadKeytar ?? importKeytar;
  let loading: Promise<KeytarLike> | undefined;

  async function keytar(account: string): Promise<KeytarLike> {
    // A failed load is kept too: the native module will not appear while this process runs.
    loading ??= loadKeytar();
    try {
      return await loading;
    } catch (error) {
      throw new CredentialStoreError(
        'unavailable',
        `The system keychain module (keytar) could not be loaded: ${describe(error)}. ` +
          `Reinstall Punchcard (on Linux also install libsecret-1-0), or set ${envVariableFor(account)} for headless use.`,
      );
    }
  }

  return {
    kind: 'keychain',
    async get(account) {
      const api = await keytar(account);
      try {
        return await api.getPassword(KEYCHAIN_SERVICE, account);
      } catch (error) {
        throw keychainError('read', account, error);
      }
    },
    async set(account, secret) {
      if (secret === '') {
        throw new CredentialStoreError('failed', `An empty secret cannot be saved for ${account}; delete the credential instead.`);
      }
      const api = await keytar(account);
      try {
        await api.setPassword(KEYCHAIN_SERVICE, account, secret);
      } catch (error) {
        throw keychainError('save', account, error, secret);
      }
    },
    async delete(account) {
      const api = await keytar(account);
      try {
        return await api.deletePassword(KEYCHAIN_SERVICE, account);
      } catch (error) {
        throw keychainError('delete', account, error);
      }
    },
  };
}

async function importKeytar(): Promise<KeytarLike> {
  // keytar is a CommonJS native addon. Loading it with require, not import, uses CommonJS
  // resolution, which Electron's asar support redirects to app.asar.unpacked reliably; ESM
  // resolution of a bare name from inside an asar archive has had bugs across Electron majors.
  return createRequire(import.meta.url)('keytar') as KeytarLike;
}

// libsecret (Linux) reports everything as free text; these are the texts it and D-Bus use for the
// situations a person can fix. macOS and Windows rarely fail outside 'denied'.
const NO_SESSION_BUS = /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|dbus-launch|Could not connect|Failed to connect to socket/i;
const NO_SECRET_SERVICE = /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown|NameHasNoOwner/i;
const NO_DEFAULT_KEYRING = /Object does not exist at path/i;
const REFUSED = /locked|dismissed|cancel+ed|denied|not allowed|not authori[sz]ed|passphrase you entered is not correct/i;

function keychainError(operation: 'read' | 'save' | 'delete', account: string, error: unknown, secret?: string): CredentialStoreError {
  const detail = describe(error, secret);
  const headless = `set ${envVariableFor(account)} for headless use`;
  const missing = missingKeychain(detail);
  if (missing) {
    return new CredentialStoreError('unavailable', `The system keychain is not available (${missing.why}). ${missing.fix}, or ${headless}.`);
  }
  if (REFUSED.test(detail)) {
    return new CredentialStoreError(
      'denied',
      `The system keychain refused to ${operation} the credential for ${account} (${detail}). ` +
        `Unlock the keychain and allow Punchcard to use it, then try again, or ${headless}.`,
    );
  }
  return new CredentialStoreError('failed', `The system keychain could not ${operation} the credential for ${account}: ${detail}.`);
}

/** Why there is no keychain to talk to and what would provide one, or null when there is one. */
function missingKeychain(detail: string): { why: string; fix: string } | null {
  if (NO_SESSION_BUS.test(detail)) {
    return { why: 'no D-Bus session bus', fix: 'Run Punchcard inside a desktop session with gnome-keyring unlocked' };
  }
  if (NO_SECRET_SERVICE.test(detail)) return { why: 'no Secret Service on D-Bus', fix: 'Install and unlock gnome-keyring' };
  if (NO_DEFAULT_KEYRING.test(detail)) {
    return { why: 'no default keyring, and none could be created without a password prompt', fix: 'Unlock gnome-keyring from a desktop session' };
  }
  return null;
}

/**
 * The underlying message as a phrase to embed: its first line (Node's module errors append a
 * require stack), without a closing full stop, and with the secret cut out in case a back end
 * ever echoes its input.
 */
function describe(error: unknown, secret?: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const redacted = secret ? text.split(secret).join('***') : text;
  return (redacted.trim().split('\n')[0] ?? '').trim().replace(/\.$/, '');
}
