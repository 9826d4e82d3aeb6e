// The tracker's organisation account under `sign_in.organisation` (docs/team-server/README.md, "One
// organisation credential"): made once from the credential the server read at start and holds in
// memory (never from the store, a file or the environment again), checked before the server serves
// anyone (`serve` refuses, `admin check` says why), then asked at each company sign-in who the person
// is in the tracker (team-server/auth/organisation-match.ts). What it says is the account's name and
// rights, never its key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backEndOf, hasField, isRemote } from '../../mcp-server/contract/back-ends.ts';
import type { BackEndProfile } from '../../mcp-server/contract/settings.ts';
import {
  BackEndError,
  createOrganisationAccount,
  type Log,
  type OrganisationAccount,
  type RequestGate,
  withoutControls,
} from '../../mcp-server/for-the-team-server.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { peopleSettings } from './person-engines.ts';

/** What the start check found: the account named, or why it cannot act for people, in one sentence. */
export type OrganisationVerdict = { ok: true; account: string } | { ok: false; said: string };

export interface OrganisationAccountOptions {
  config: ServerConfig;
  /** The organisation's credential, as read once at start. */
  key: string;
  /** Where the account may keep what a tracker keeps while it works (a folder of the server's own). */
  folder: string;
  requestGate?: RequestGate;
  now: () => number;
  log: Log;
}

/**
 * The back end as the organisation account sees it: the server's, with Clockodo's owner login
 * (sign_in.organisation.user) where the back end names an account by its login.
 */
export function organisationProfile(config: ServerConfig): BackEndProfile {
  const provider = config.provider;
  if (!hasField(provider.type, 'email')) return provider as BackEndProfile;
  return { ...provider, email: config.sign_in.organisation?.user ?? '' } as BackEndProfile;
}

/**
 * The organisation account, or null where the config names none or the back end keeps no directory
 * to match people against (Calamari: its key is the organisation's by nature, and the person is named
 * by their verified e-mail on every request, as without sign_in.organisation).
 */
export async function openOrganisationAccount(options: OrganisationAccountOptions): Promise<OrganisationAccount | null> {
  const { config, key } = options;
  if (!config.sign_in.organisation) return null;
  const profile = organisationProfile(config);
  if (!isRemote(profile)) return null;
  const settings = peopleSettings(config, '');
  return createOrganisationAccount({
    profile,
    userDataDir: options.folder,
    workWeek: () => settings.workWeek,
    holidays: async () => new Map(),
    timezone: () => settings.timezone,
    now: options.now,
    log: options.log,
    ...(options.requestGate ? { requestGate: options.requestGate } : {}),
    // The key held in memory, never the server's environment or a keychain.
    credentials: {
      kind: 'team server',
      get: async () => key,
      set: () => Promise.reject(new Error('The organisation credential is read from its variable only.')),
      delete: () => Promise.resolve(false),
    },
  });
}

/**
 * Whether the account can act for people: its check() in one sentence, the key's text blanked
 * wherever an answer might have echoed it. A back end that cannot be reached, or that refuses the
 * key, is said as the back end says it.
 */
export async function checkOrganisationAccount(account: OrganisationAccount, key: string, backEndLabel: string): Promise<OrganisationVerdict> {
  try {
    const checked = await account.check();
    if (checked.ok) return { ok: true, account: hidden(checked.account, key) };
    return { ok: false, said: hidden(BackEndError.of(checked.refusal).message, key) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, said: hidden(`${backEndLabel}'s organisation account could not be checked: ${message}`, key) };
  }
}

/**
 * The start check as `admin check` makes it: the account made in a scratch folder of its own
 * (removed after), asked, and closed. Null where the config names no organisation account to check.
 */
export async function checkOrganisationOnce(config: ServerConfig, key: string, now: () => number, log: Log): Promise<OrganisationVerdict | null> {
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-organisation-'));
  try {
    const account = await openOrganisationAccount({ config, key, folder, now, log });
    if (!account) return null;
    try {
      return await checkOrganisationAccount(account, key, backEndOf(config.provider.type).label);
    } finally {
      (account as { close?: () => void }).close?.();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `text` with every occurrence of the key blanked, and no controls. */
export function hidden(text: string, key: string): string {
  const plain = withoutControls(text);
  return key.length === 0 ? plain : plain.split(key).join('[hidden]');
}
