// Where provider secrets live (docs/decisions.md, "Secrets"): the OS keychain, or environment
// variables for headless use. Callers see one small interface so the engine never cares which one
// answered.

/** Keychain service every Punchcard secret is filed under; the app writes, the server reads. */
export const KEYCHAIN_SERVICE = 'Punchcard';

export interface CredentialStore {
  /** What backs the store, for diagnostics ('keychain', 'environment', …). */
  readonly kind: string;
  /** `account` is provider + base URL, e.g. 'kimai:https://kimai.example.com'. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves `false` when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
}

/**
 * - `unavailable`: there is no keychain to talk to (no D-Bus, no Secret Service, native module missing).
 * - `denied`: the keychain is there but refused (locked, prompt cancelled, read-only source).
 * - `failed`: anything else.
 */
export type CredentialStoreErrorReason = 'unavailable' | 'denied' | 'failed';

/** Messages are written for a person to act on and never contain a secret. */
export class CredentialStoreError extends Error {
  readonly reason: CredentialStoreErrorReason;

  constructor(reason: CredentialStoreErrorReason, message: string) {
    super(message);
    this.name = 'CredentialStoreError';
    this.reason = reason;
  }
}
