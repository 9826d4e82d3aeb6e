// A person's tracker credentials on the team server: checked against the back end when they give
// them, then kept sealed to that person under the server key (store/sealed.ts). The server sends a
// person's secret only to the back end it was given for, and only on that person's calls.
import type { ServerProvider } from '../config/server-config.ts';
import { isEmail, normalizeEmail } from '../../mcp-server/contract/back-end-accounts.ts';
import { backEndOf, hasField, secondCredentialAccount, type RemoteProfile } from '../../mcp-server/contract/back-ends.ts';
import { type ConnectedUser, createRemoteTracker, type Log, withoutControls } from '../../mcp-server/for-the-team-server.ts';
import { type SealingKeys, seal, unseal } from '../store/sealed.ts';
import type { PersonRecord } from '../store/store.ts';

export interface StoredCredentials {
  secret: string;
  /** The login that goes with the secret (Clockodo's e-mail). */
  email?: string;
  /** The back end's second secret, where it has one (Tempo Timesheets' Jira API token). */
  secondSecret?: string;
}

/** The longest secret a sign-in form takes: API keys and tokens are far shorter. */
export const MAX_SECRET_LENGTH = 512;

const bound = (personId: string) => `credentials:${personId}`;

export function sealCredentials(key: Buffer | SealingKeys, personId: string, credentials: StoredCredentials): string {
  return seal(key, JSON.stringify(credentials), bound(personId));
}

export function openCredentials(key: Buffer | SealingKeys, person: PersonRecord): StoredCredentials | null {
  if (person.credentials === null) return null;
  const parsed = JSON.parse(unseal(key, person.credentials, bound(person.id))) as StoredCredentials;
  return typeof parsed.secret === 'string' ? parsed : null;
}

export type TrackerCheck = { ok: true; user: ConnectedUser; credentials: StoredCredentials; identity: string } | { ok: false; message: string };

/** Whether people sign in with their own credentials for this back end: its secret is each person's own. */
export function takesTrackerSignIn(provider: ServerProvider): boolean {
  return backEndOf(provider.type).secret?.whose === 'person';
}

/**
 * What the sign-in form asks for on this back end: its secret, the login that goes with it where it has one
 * (Clockodo's), and its second secret where it has one (Tempo's Jira API token, whose login is that e-mail).
 */
export function trackerFields(provider: ServerProvider): { secretLabel: string; needsEmail: boolean; secondSecretLabel: string | null } {
  const { label, secret, secondSecret } = backEndOf(provider.type);
  return {
    secretLabel: secret ? `${label} ${secret.name}` : 'secret',
    needsEmail: hasField(provider.type, 'email'),
    secondSecretLabel: secondSecret ? `${secondSecret.service} ${secondSecret.name}` : null,
  };
}

/** A secret as the sign-in form takes it: one line without spaces or control characters, not too long. */
function secretProblem(secret: string): boolean {
  return secret === '' || secret.length > MAX_SECRET_LENGTH || /\s/.test(secret) || withoutControls(secret) !== secret;
}

/**
 * The person's stored secrets as the credential store the engine reads them from, by keychain account: the second
 * secret for its own account (Tempo's Jira API token, `jira:<e-mail>`), the secret for any other.
 */
export function storedSecretFor(profile: RemoteProfile, stored: Pick<StoredCredentials, 'secret' | 'secondSecret'>): (account: string) => string | null {
  const second = secondCredentialAccount(profile);
  return (account) => (second !== null && account === second ? (stored.secondSecret ?? null) : stored.secret);
}

/**
 * Asks the back end whose the credentials are (its connection test, as `--test-connection` does):
 * the person is whoever the back end says, never whoever the form claims.
 */
export async function checkTrackerCredentials(
  provider: ServerProvider,
  form: { secret: string; email?: string; secondSecret?: string },
  options: { dataDir: string; env: NodeJS.ProcessEnv; log: Log; now: () => number },
): Promise<TrackerCheck> {
  const secret = form.secret.trim();
  if (!takesTrackerSignIn(provider)) {
    return { ok: false, message: 'This server does not take tracker credentials; sign in with your company account.' };
  }
  const { secretLabel, needsEmail, secondSecretLabel } = trackerFields(provider);
  if (secretProblem(secret)) {
    return { ok: false, message: `Enter your ${secretLabel}: one line without spaces, as ${backEndOf(provider.type).label} shows it.` };
  }
  const secondSecret = form.secondSecret?.trim() ?? '';
  if (secondSecretLabel !== null && secretProblem(secondSecret)) {
    return { ok: false, message: `Enter your ${secondSecretLabel}: one line without spaces, as ${backEndOf(provider.type).secondSecret?.service} shows it.` };
  }
  let email: string | undefined;
  if (needsEmail) {
    if (!form.email || !isEmail(form.email)) return { ok: false, message: `Enter the e-mail address you sign in to ${backEndOf(provider.type).label} with.` };
    email = normalizeEmail(form.email);
  }
  const profile = (email === undefined ? provider : { ...provider, email }) as RemoteProfile;
  const tracker = await createRemoteTracker({
    profile,
    // A check remembers nothing: what a start learns is kept per person once they are signed in.
    userDataDir: options.dataDir,
    factsShelf: { read: () => undefined, write: () => {} },
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => '',
    now: options.now,
    log: options.log,
    env: options.env,
    credentials: {
      kind: 'sign-in form',
      get: async (account) => storedSecretFor(profile, { secret, ...(secondSecretLabel !== null ? { secondSecret } : {}) })(account),
      set: async () => {},
      delete: async () => false,
    },
  });
  try {
    const report = await tracker.testConnection();
    if (!report.ok || !report.user) return { ok: false, message: forTheSignInPage(report.message) };
    const identity = `${profile.type}:${profile.url}:${report.user.id}`;
    const credentials = { secret, ...(email ? { email } : {}), ...(secondSecretLabel !== null ? { secondSecret } : {}) };
    return { ok: true, user: report.user, credentials, identity };
  } finally {
    tracker.close();
  }
}

/**
 * The back end's verdict as the sign-in page shows it: its own words, less the desktop's advice to
 * save the secret in the app or a variable, which a person on this page cannot follow. They enter it
 * here instead.
 */
export function forTheSignInPage(message: string): string {
  return message.replace(/ and save it in (?:Punchcard|the Punchcard app)(?:, or set PUNCHCARD_[A-Z]+_TOKEN)?/g, ' and enter it here');
}
