// Account screen: which back end the engine uses, and its secret. The secret goes from the form
// straight into the keychain (docs/decisions.md, "Secrets") and never comes back out to the window;
// the settings file only names the back end. Testing a connection asks the engine, before or after
// saving.
import { effectiveProfile, NO_POLICY, profileRefusal } from '../../../mcp-server/policy/policy.ts';
import {
  CalamariProviderSchema,
  ClockifyProviderSchema,
  ClockodoProviderSchema,
  credentialAccount,
  KimaiProviderSchema,
  type ProviderProfile,
} from '../../../mcp-server/contract/settings.ts';
import type { AccountView, Handlers, ProviderChoice, ProviderType, ProviderView } from '../contract.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';
import { listed } from './words.ts';

export const PROVIDER_CHOICES: ProviderChoice[] = [
  {
    type: 'local',
    label: 'Local timesheet',
    summary: 'Kept on this computer. No account needed.',
    url: 'none',
    workspace: false,
    needsEmail: false,
    needsToken: false,
    secretName: '',
    secretHelp: null,
    note: null,
  },
  {
    type: 'kimai',
    label: 'Kimai',
    summary: 'Your company’s Kimai server (self-hosted, open source), with your personal API token.',
    url: 'required',
    workspace: false,
    needsEmail: false,
    needsToken: true,
    secretName: 'API token',
    secretHelp: 'kimai-api-tokens',
    note: null,
  },
  {
    type: 'clockodo',
    label: 'Clockodo',
    summary: 'Clockodo in the cloud, with your login e-mail and your personal API key.',
    url: 'optional',
    workspace: false,
    needsEmail: true,
    needsToken: true,
    secretName: 'API key',
    secretHelp: 'clockodo-api-key',
    note: null,
  },
  {
    type: 'calamari',
    label: 'Calamari',
    summary: 'Calamari’s Time & Attendance and Time Off, with an API key from your administrator.',
    url: 'required',
    workspace: false,
    needsEmail: true,
    needsToken: true,
    secretName: 'API key',
    secretHelp: 'calamari-api-keys',
    note: 'A Calamari API key belongs to the whole organisation; Punchcard uses it only for the e-mail above, never for anyone else.',
  },
  {
    type: 'clockify',
    label: 'Clockify',
    summary: 'Clockify’s timer and time off, with your personal API key.',
    url: 'optional',
    workspace: true,
    needsEmail: false,
    needsToken: true,
    secretName: 'API key',
    secretHelp: 'clockify-api-key',
    note: 'Punchcard acts as the person the API key belongs to, in one workspace, and only on their own time entries and time off.',
  },
];

type ProviderRequest =
  | { type: 'local' }
  | { type: 'kimai'; url: string; caFile?: string | null | undefined; allowInsecureTls?: boolean | undefined }
  | { type: 'clockodo'; email: string; url?: string | null | undefined }
  | { type: 'calamari'; url: string; email: string }
  | { type: 'clockify'; url?: string | null | undefined; workspace?: string | null | undefined };

/** The form's values as a settings profile, checked and normalised the way the engine reads them. */
export function profileFrom(request: ProviderRequest): ProviderProfile {
  if (request.type === 'local') return { type: 'local' };
  if (request.type === 'clockify') {
    const clockify = ClockifyProviderSchema.safeParse({ type: 'clockify', ...(request.url ? { url: request.url } : {}), ...(request.workspace?.trim() ? { workspace: request.workspace } : {}) });
    if (clockify.success) return clockify.data;
    const issue = clockify.error.issues[0];
    throw new UserFacingError(`Clockify ${issue?.path[0] === 'workspace' ? 'workspace' : 'address'}: ${issue?.message ?? 'not valid'}.`);
  }
  const parsed =
    request.type === 'kimai'
      ? KimaiProviderSchema.safeParse({
          type: 'kimai',
          url: request.url,
          ...(request.caFile ? { caFile: request.caFile } : {}),
          ...(request.allowInsecureTls ? { allowInsecureTls: true } : {}),
        })
      : request.type === 'clockodo'
        ? ClockodoProviderSchema.safeParse({ type: 'clockodo', email: request.email, ...(request.url ? { url: request.url } : {}) })
        : CalamariProviderSchema.safeParse({ type: 'calamari', url: request.url, email: request.email });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // The field as the form names it: Clockodo's e-mail is the login.
  const field = issue?.path[0] !== 'email' ? 'address' : request.type === 'clockodo' ? 'login' : 'e-mail';
  throw new UserFacingError(`${providerLabel(request.type)} ${field}: ${issue?.message ?? 'not valid'}.`);
}

/** What the window shows of a profile: everything but secrets, which a profile never holds. */
export function providerView(profile: ProviderProfile): ProviderView {
  if (profile.type === 'local') return { type: 'local' };
  if (profile.type === 'clockodo') return { type: 'clockodo', email: profile.email, url: profile.url };
  if (profile.type === 'calamari') return { type: 'calamari', url: profile.url, email: profile.email };
  if (profile.type === 'clockify') return { type: 'clockify', url: profile.url, workspace: profile.workspace ?? null };
  return { type: 'kimai', url: profile.url, caFile: profile.caFile ?? null, allowInsecureTls: profile.allowInsecureTls ?? false };
}

function choiceOf(type: ProviderType): ProviderChoice {
  return PROVIDER_CHOICES.find((choice) => choice.type === type) as ProviderChoice;
}

/**
 * A back end's name within a sentence: "Clockodo", "the local timesheet". The others are proper
 * names; the local timesheet's label ("Local timesheet") is a heading.
 */
export function providerLabel(type: ProviderType): string {
  return type === 'local' ? 'the local timesheet' : choiceOf(type).label;
}

export function accountHandlers(
  deps: Pick<HandlerDeps, 'settings' | 'credentials' | 'timesheet' | 'restartEngine' | 'policy'>,
): Pick<Handlers, 'getAccount' | 'saveAccount' | 'testConnection' | 'forgetCredential'> {
  const policy = () => deps.policy?.() ?? NO_POLICY;
  const organisation = (): AccountView['organisation'] => {
    const { fixedProvider, providersAllowed } = policy();
    if (fixedProvider) return { fixed: true, allowed: [fixedProvider.type], note: 'Set by your organisation: every account here uses this back end.' };
    if (providersAllowed) {
      const known = new Set<string>(PROVIDER_CHOICES.map((choice) => choice.type));
      const allowed = providersAllowed.filter((type): type is ProviderType => known.has(type));
      return { fixed: false, allowed, note: `Set by your organisation: only ${listed(allowed.map(providerLabel))} may be used.` };
    }
    return null;
  };
  const view = async (): Promise<AccountView> => {
    // The organisation's fixed back end is the one in use, whatever config.json names.
    const profile = effectiveProfile(policy(), deps.settings.read().provider);
    if (profile.type === 'local') return { provider: { type: 'local' }, hasCredential: false, credentialProblem: null, choices: PROVIDER_CHOICES, organisation: organisation() };
    let hasCredential = false;
    let credentialProblem: string | null = null;
    try {
      hasCredential = (await deps.credentials.get(credentialAccount(profile))) !== null;
    } catch (error) {
      credentialProblem = (error as Error).message;
    }
    return { provider: providerView(profile), hasCredential, credentialProblem, choices: PROVIDER_CHOICES, organisation: organisation() };
  };

  return {
    getAccount: view,
    saveAccount: async ({ provider, token }) => {
      const profile = profileFrom(provider);
      // Never a setting the policy forbids: it would only pretend to change the back end.
      const refusal = profileRefusal(policy(), profile);
      if (refusal) throw new UserFacingError(organisation()?.note ?? refusal);
      if (profile.type !== 'local') {
        const account = credentialAccount(profile);
        const { label, secretName } = choiceOf(profile.type);
        // The secret first: if the keychain refuses, the settings still name the old, working back end.
        if (token !== undefined) await deps.credentials.set(account, token.trim());
        else if ((await deps.credentials.get(account)) === null) {
          const whose = profile.type === 'clockodo' ? profile.email : profile.url;
          throw new UserFacingError(`Enter your ${label} ${secretName} for ${whose}: Punchcard has none saved for it.`);
        }
      }
      const before = JSON.stringify(deps.settings.read().provider);
      deps.settings.update((settings) => ({ ...settings, provider: profile }));
      if (JSON.stringify(profile) !== before || token !== undefined) await deps.restartEngine();
      return view();
    },
    testConnection: async (request) => {
      // The saved account is tested as the engine uses it: the organisation's fixed back end wins.
      const profile = request ? profileFrom(request.provider) : effectiveProfile(policy(), deps.settings.read().provider);
      // A back end the policy does not allow is not contacted from here either (the engine refuses too).
      const refusal = profileRefusal(policy(), profile);
      if (refusal) return { ok: false, message: refusal };
      return deps.timesheet.testConnection(profile, request?.token?.trim());
    },
    forgetCredential: async () => {
      const profile = deps.settings.read().provider;
      if (profile.type !== 'local') {
        await deps.credentials.delete(credentialAccount(profile));
        await deps.restartEngine();
      }
      return view();
    },
  };
}
