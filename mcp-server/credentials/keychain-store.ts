// The OS keychain through @napi-rs/keyring (docs/decisions.md, "Secrets"): the macOS Keychain, the
// Windows Credential Manager, the Secret Service on Linux (gnome-keyring, KWallet) over D-Bus.
// The library is loaded on first use, not at import: a server that never needs a secret (the local
// tracker) starts without touching the keychain, and a machine without one still starts.
import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import { CredentialStoreError, KEYCHAIN_SERVICE, type CredentialStore } from './credential-store.ts';
import { envVariableFor } from './env-store.ts';

/** What this store needs of an OS keychain library: three calls; tests hand in a fake. */
export interface KeychainLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeychainStoreOptions {
  loadKeychain?: () => Promise<KeychainLike>;
}

/** The package that reaches the keychain; named in messages so a person knows what is missing. */
export const KEYCHAIN_MODULE = '@napi-rs/keyring';

export function createKeychainStore(options: KeychainStoreOptions = {}): CredentialStore {
  const loadKeychain = options.loadKeychain ?? importKeychain;
  let loading: Promise<KeychainLike> | undefined;

  async function keychain(account: string): Promise<KeychainLike> {
    // A failed load is kept too: the native module will not appear while this process runs.
    loading ??= loadKeychain();
    try {
      return await loading;
    } catch (error) {
      throw new CredentialStoreError(
        'unavailable',
        `The system keychain module (${KEYCHAIN_MODULE}) could not be loaded: ${describe(error)}. ` +
          `Reinstall Punchcard, or set ${envVariableFor(account)} for headless use.`,
      );
    }
  }

  return {
    kind: 'keychain',
    async get(account) {
      const api = await keychain(account);
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
      const api = await keychain(account);
      try {
        await api.setPassword(KEYCHAIN_SERVICE, account, secret);
      } catch (error) {
        throw keychainError('save', account, error, secret);
      }
    },
    async delete(account) {
      const api = await keychain(account);
      try {
        return await api.deletePassword(KEYCHAIN_SERVICE, account);
      } catch (error) {
        throw keychainError('delete', account, error);
      }
    },
  };
}

async function importKeychain(): Promise<KeychainLike> {
  // A CommonJS native addon. Loading it with require, not import, uses CommonJS resolution, which
  // Electron's asar support redirects to app.asar.unpacked reliably; ESM resolution of a bare name
  // from inside an asar archive has had bugs across Electron majors.
  const { AsyncEntry } = createRequire(import.meta.url)(KEYCHAIN_MODULE) as typeof Keyring;
  // Left to itself, the library falls back on Linux to the kernel's keyring when no Secret Service
  // answers: memory only, gone at the next log-out or reboot, while the app would say the token is
  // saved. Pinned to the Secret Service it fails instead, and the person hears why.
  const entry = (service: string, account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    getPassword: async (service, account) => entry(service, account).getPassword(),
    setPassword: async (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: async (service, account) => entry(service, account).deletePassword(),
  };
}

// The library reports everything as free text: its own summary ("Platform failure: …", "Couldn't
// access platform storage: …", the latter for a store that is there but refuses, typically locked)
// followed by the platform's words. These are the texts it, D-Bus and the Secret Service use for the
// situations a person can fix. macOS and Windows rarely fail outside 'denied'.
const NO_SESSION_BUS = /autolaunch|DBUS_SESSION_BUS_ADDRESS|dbus-launch|Could not connect|Failed to connect to socket/i;
const NO_SECRET_SERVICE = /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown|NameHasNoOwner/i;
const NO_DEFAULT_KEYRING = /Object does not exist at path/i;
const REFUSED = /locked|dismissed|cancel+ed|denied|not allowed|not authori[sz]ed|passphrase you entered is not correct|access platform storage/i;

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
