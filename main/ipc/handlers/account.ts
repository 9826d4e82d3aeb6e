// Account screen: which back end the engine uses, and its secret. The secret goes from the form
// straight into the keychain (docs/decisions.md, "Secrets") and never comes back out to the window;
// the settings file only names the back end. Testing a connection asks the engine, before or after
// saving.
import { effectiveProfile, NO_POLICY, profileRefusal, type Policy } from '../../../mcp-server/for-the-app.ts';
import { connectionsOf, MAX_CONNECTIONS, type Connection } from '../../../mcp-server/contract/connections.ts';
import { fieldOf } from '../../../mcp-server/contract/back-end-descriptor.ts';
import {
  BACK_ENDS,
  backEndOf,
  credentialAccount,
  isBackEndType,
  isRemote,
  secondCredentialAccount,
  type BackEndProfile,
} from '../../../mcp-server/contract/back-ends.ts';
import { profileSchemaOf, type Settings } from '../../../mcp-server/contract/settings.ts';
import type { AccountView, BackEndChoice, BackEndType, ConnectionResult, ConnectionView, ProfileView } from '../../../window-contract/account.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { UserFacingError } from '../dispatch.ts';
import type { ProviderRequest } from '../../../window-contract/account.ts';
import { connectionNamed } from './connection-edits.ts';
import { ownSecretItem, secondSecretOf, secretOf } from './connection-secrets.ts';
import type { HandlerDeps } from './ports.ts';
import { listed } from './words.ts';

/** Every back end, as the Account screen offers it: its descriptor (mcp-server/contract/back-ends.ts). */
export const BACK_END_CHOICES: readonly BackEndChoice[] = BACK_ENDS;

/** The form's values as a settings profile, checked and normalised the way the engine reads them. */
export function profileFrom(request: ProviderRequest): BackEndProfile {
  const backEnd = backEndOf(request.type);
  const given: Record<string, unknown> = { type: request.type };
  for (const field of backEnd.fields) {
    // An optional field left empty is left out: the profile's default, or none.
    if (field.kind === 'url' && request.url) given.url = request.url;
    if (field.kind === 'email') given.email = request.email;
    if (field.kind === 'workspace' && request.workspace?.trim()) given.workspace = request.workspace;
    if (field.kind === 'account_id' && request.account_id?.trim()) given.account_id = request.account_id;
    if (field.kind === 'tls' && request.caFile) given.caFile = request.caFile;
    if (field.kind === 'tls' && request.allowInsecureTls) given.allowInsecureTls = true;
    if (field.kind === 'service_url' && request.tempoUrl) given[field.key] = request.tempoUrl;
  }
  const parsed = profileSchemaOf(request.type).safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // The field as the form names it: Clockodo's e-mail is the login.
  const path = issue?.path[0];
  const service = fieldOf(backEnd, 'service_url');
  const field =
    path === 'email'
      ? (fieldOf(backEnd, 'email')?.word ?? 'e-mail')
      : path === 'workspace'
        ? 'workspace'
        : path === 'account_id'
          ? 'account id'
          : service && path === service.key
            ? `${service.service} host`
            : 'address';
  throw new UserFacingError(`${backEndLabel(request.type)} ${field}: ${issue?.message ?? 'not valid'}.`);
}

/** What the window shows of a profile: everything but secrets, which a profile never holds. */
export function providerView(profile: BackEndProfile): ProfileView {
  const shown: Record<string, unknown> = { type: profile.type };
  const fields = profile as Partial<Record<string, string | boolean>>;
  for (const field of backEndOf(profile.type).fields) {
    if (field.kind === 'service_url') shown[field.key] = fields[field.key] ?? field.default;
    if (field.kind === 'url') shown.url = fields.url;
    if (field.kind === 'email') shown.email = fields.email;
    if (field.kind === 'workspace') shown.workspace = fields.workspace ?? null;
    if (field.kind === 'account_id') shown.account_id = fields.account_id ?? null;
    if (field.kind === 'tls') Object.assign(shown, { caFile: fields.caFile ?? null, allowInsecureTls: fields.allowInsecureTls ?? false });
  }
  return shown as ProfileView;
}

/**
 * A back end's name within a sentence: "Clockodo", "the local timesheet". The others are proper
 * names; the local timesheet's label ("Local timesheet") is a heading.
 */
export function backEndLabel(type: BackEndType): string {
  return backEndOf(type).inSentence;
}

type AccountDeps = Pick<HandlerDeps, 'settings' | 'credentials' | 'timesheet' | 'restartEngine' | 'policy' | 'trackerFolders'>;

/** The organisation's policy as it stands, and what it sets on this screen. */
export function policyOf(deps: Pick<HandlerDeps, 'policy'>): { policy: () => Policy; organisation: () => AccountView['organisation'] } {
  const policy = () => deps.policy?.() ?? NO_POLICY;
  const organisation = (): AccountView['organisation'] => {
    const { fixedProvider, providersAllowed } = policy();
    if (fixedProvider) return { fixed: true, allowed: [fixedProvider.type], note: 'Set by your organisation: every account here uses this back end.' };
    if (providersAllowed) {
      const allowed = providersAllowed.filter(isBackEndType);
      return { fixed: false, allowed, note: `Set by your organisation: only ${listed(allowed.map(backEndLabel))} may be used.` };
    }
    return null;
  };
  return { policy, organisation };
}

/** The Account screen's view: the default's back end as today's form edits it, and every connection. */
export function accountView(deps: Pick<HandlerDeps, 'settings' | 'credentials' | 'policy'>): () => Promise<AccountView> {
  const { policy, organisation } = policyOf(deps);
  return async () => {
    const settings = deps.settings.read();
    // The organisation's fixed back end is the one in use, whatever config.json names.
    const profile = effectiveProfile(policy(), settings.provider);
    let credentialProblem: string | null = null;
    const hasSecret = async (connection: Connection): Promise<boolean> => {
      try {
        return (await secretOf(deps.credentials, connection)) !== null;
      } catch (error) {
        credentialProblem ??= (error as Error).message;
        return false;
      }
    };
    const hasSecond = async (connection: Connection): Promise<boolean | null> => {
      if (!isRemote(connection.profile) || secondCredentialAccount(connection.profile) === null) return null;
      try {
        return (await secondSecretOf(deps.credentials, connection)) !== null;
      } catch (error) {
        credentialProblem ??= (error as Error).message;
        return false;
      }
    };
    const connections: ConnectionView[] = [];
    for (const connection of connectionsOf({ ...settings, provider: connection0(settings.provider, profile) })) {
      connections.push({
        name: connection.name,
        isDefault: connection.isDefault,
        provider: providerView(connection.profile),
        hasCredential: await hasSecret(connection),
        hasSecondCredential: await hasSecond(connection),
        workWeek: connection.workWeek ?? null,
      });
    }
    return {
      provider: providerView(profile),
      hasCredential: connections[0]?.hasCredential ?? false,
      hasSecondCredential: connections[0]?.hasSecondCredential ?? null,
      credentialProblem,
      choices: BACK_END_CHOICES,
      organisation: organisation(),
      connections,
      maxConnections: MAX_CONNECTIONS,
    };
  };
}

/** The default connection as served: the organisation's fixed back end where it sets one, under the settings' name. */
function connection0(provider: Settings['provider'], served: BackEndProfile): Settings['provider'] {
  return provider.name === undefined ? served : { ...served, name: provider.name };
}

export function accountHandlers(deps: AccountDeps): Pick<Handlers, 'getAccount' | 'saveAccount' | 'testConnection' | 'forgetCredential'> {
  const { policy, organisation } = policyOf(deps);
  const view = accountView(deps);

  return {
    getAccount: view,
    saveAccount: async ({ provider, token, secondToken }) => {
      const profile = withKeptDefaults(profileFrom(provider), deps.settings.read().provider);
      // Never a setting the policy forbids: it would only pretend to change the back end.
      const refusal = profileRefusal(policy(), profile);
      if (refusal) throw new UserFacingError(organisation()?.note ?? refusal);
      if (isRemote(profile)) {
        const account = credentialAccount(profile);
        const second = secondCredentialAccount(profile);
        const { label, secret, secondSecret } = backEndOf(profile.type);
        // Both missing secrets said before either is filed: the keychain holds what it held until the form is whole.
        // Whose each is, as its keychain account is: the login or the address.
        const whose = (keychainBy: 'url' | 'email' | undefined) => (keychainBy === 'email' && 'email' in profile ? profile.email : profile.url);
        if (token === undefined && (await deps.credentials.get(account)) === null) {
          throw new UserFacingError(`Enter your ${label} ${secret?.name} for ${whose(secret?.keychainBy)}: Punchcard has none saved for it.`);
        }
        if (second !== null && secondToken === undefined && (await deps.credentials.get(second)) === null) {
          throw new UserFacingError(
            `Enter your ${secondSecret?.service} ${secondSecret?.name} for ${whose(secondSecret?.keychainBy)}: Punchcard has none saved for it.`,
          );
        }
        // The secrets first: if the keychain refuses, the settings still name the old, working back end.
        if (token !== undefined) await deps.credentials.set(account, token.trim());
        if (second !== null && secondToken !== undefined) await deps.credentials.set(second, secondToken.trim());
      }
      const before = JSON.stringify(deps.settings.read().provider);
      // The default keeps its name: the other connections and the model know it by it; and its own week, where it has one.
      deps.settings.update((settings) => {
        const { name, workWeek } = settings.provider;
        return { ...settings, provider: { ...profile, ...(name === undefined ? {} : { name }), ...(workWeek === undefined ? {} : { workWeek }) } };
      });
      if (JSON.stringify(deps.settings.read().provider) !== before || token !== undefined || secondToken !== undefined) await deps.restartEngine();
      return view();
    },
    testConnection: async (request) => {
      if (request && 'connection' in request) return testSaved(deps, policy(), request.connection);
      // The saved account is tested as the engine uses it: the organisation's fixed back end wins.
      const profile = request ? profileFrom(request.provider) : effectiveProfile(policy(), deps.settings.read().provider);
      // A back end the policy does not allow is not contacted from here either (the engine refuses too).
      const refusal = profileRefusal(policy(), profile);
      if (refusal) return { ok: false, message: refusal };
      return deps.timesheet.testConnection(withoutName(profile), request?.token?.trim(), request?.secondToken?.trim());
    },
    forgetCredential: async () => {
      const profile = deps.settings.read().provider;
      if (isRemote(profile)) {
        await deps.credentials.delete(credentialAccount(profile));
        const second = secondCredentialAccount(profile);
        if (second !== null) await deps.credentials.delete(second);
        await deps.restartEngine();
      }
      return view();
    },
  };
}

/**
 * A saved connection, tested as the engine serves it: the default as the policy has it, and with its
 * own keychain item where it has one (the engine's test reads the account's item itself).
 */
async function testSaved(deps: AccountDeps, policy: Policy, name: string): Promise<ConnectionResult> {
  const connection = connectionNamed(deps.settings.read(), name);
  const profile = connection.isDefault ? withoutName(effectiveProfile(policy, connection.profile)) : connection.profile;
  const refusal = profileRefusal(policy, profile);
  if (refusal) return { ok: false, message: refusal };
  const own = isRemote(profile) ? await deps.credentials.get(ownSecretItem(credentialAccount(profile), name)) : null;
  const second = isRemote(profile) ? secondCredentialAccount(profile) : null;
  const ownSecond = second === null ? null : await deps.credentials.get(ownSecretItem(second, name));
  return deps.timesheet.testConnection(profile, own ?? undefined, ownSecond ?? undefined);
}

/**
 * The profile the form saves, with the defaults of fields the settings file alone holds (Tempo's workAttributes) kept
 * from the saved one where it is the same back end: the form shows them not, and saving must not lose them.
 */
function withKeptDefaults(profile: BackEndProfile, saved: BackEndProfile): BackEndProfile {
  if (saved.type !== profile.type) return profile;
  const kept: Record<string, unknown> = {};
  for (const field of backEndOf(profile.type).fields) {
    const value = (saved as Record<string, unknown>)[field.kind === 'field_defaults' ? field.key : ''];
    if (field.kind === 'field_defaults' && value !== undefined) kept[field.key] = value;
  }
  return { ...profile, ...kept } as BackEndProfile;
}

/** A profile without the connection's name: what the engine's flags describe. */
function withoutName(profile: BackEndProfile & { name?: string; workWeek?: unknown }): BackEndProfile {
  // Its week is the engine's to count with, not the back end's to be opened with.
  const { name: _name, workWeek: _week, ...rest } = profile;
  return rest as BackEndProfile;
}
