// Account screen: which back end the engine uses, and its secret. The secret goes from the form
// straight into the keychain (DESIGN.md §3) and never comes back out to the window; the settings
// file only names the back end. Testing a connection asks the engine, before or after saving.
import { effectiveProfile, NO_POLICY } from '../../../mcp-server/policy/policy.ts';
import { KimaiProviderSchema, kimaiCredentialAccount, type ProviderProfile } from '../../../mcp-server/contract/settings.ts';
import type { AccountView, Handlers, ProviderChoice } from '../contract.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

export const PROVIDER_CHOICES: ProviderChoice[] = [
  { type: 'local', label: 'Local timesheet', summary: 'Kept on this computer. No account needed.', needsUrl: false, needsToken: false },
  { type: 'kimai', label: 'Kimai', summary: 'Your company’s Kimai server (self-hosted, open source), with your personal API token.', needsUrl: true, needsToken: true },
];

type ProviderRequest = { type: 'local' } | { type: 'kimai'; url: string; caFile?: string | null | undefined; allowInsecureTls?: boolean | undefined };

/** The form's values as a settings profile, with the address checked and normalised the way the engine reads it. */
export function profileFrom(request: ProviderRequest): ProviderProfile {
  if (request.type === 'local') return { type: 'local' };
  const parsed = KimaiProviderSchema.safeParse({
    type: 'kimai',
    url: request.url,
    ...(request.caFile ? { caFile: request.caFile } : {}),
    ...(request.allowInsecureTls ? { allowInsecureTls: true } : {}),
  });
  if (!parsed.success) throw new UserFacingError(`Kimai address: ${parsed.error.issues[0]?.message ?? 'not valid'}.`);
  return parsed.data;
}

export function accountHandlers(
  deps: Pick<HandlerDeps, 'settings' | 'credentials' | 'timesheet' | 'restartEngine' | 'policy'>,
): Pick<Handlers, 'getAccount' | 'saveAccount' | 'testConnection' | 'forgetCredential'> {
  const policy = () => deps.policy?.() ?? NO_POLICY;
  const organisation = (): AccountView['organisation'] => {
    const { fixedProvider, providersAllowed } = policy();
    if (fixedProvider) return { fixed: true, allowed: [fixedProvider.type], note: 'Set by your organisation: every account here uses this back end.' };
    if (providersAllowed) {
      const allowed = providersAllowed.filter((type): type is 'local' | 'kimai' => type === 'local' || type === 'kimai');
      return { fixed: false, allowed, note: `Set by your organisation: only ${allowed.join(' and ')} may be used.` };
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
      hasCredential = (await deps.credentials.get(kimaiCredentialAccount(profile.url))) !== null;
    } catch (error) {
      credentialProblem = (error as Error).message;
    }
    return {
      provider: { type: 'kimai', url: profile.url, caFile: profile.caFile ?? null, allowInsecureTls: profile.allowInsecureTls ?? false },
      hasCredential,
      credentialProblem,
      choices: PROVIDER_CHOICES,
      organisation: organisation(),
    };
  };

  return {
    getAccount: view,
    saveAccount: async ({ provider, token }) => {
      const profile = profileFrom(provider);
      // Never a setting the policy forbids: it would only pretend to change the back end.
      const rules = organisation();
      const fixed = policy().fixedProvider;
      if (fixed && (profile.type !== fixed.type || (profile.type === 'kimai' && fixed.type === 'kimai' && profile.url !== fixed.url))) {
        throw new UserFacingError(rules?.note ?? 'Set by your organisation.');
      }
      if (rules?.allowed && !rules.allowed.includes(profile.type)) throw new UserFacingError(rules.note);
      if (profile.type === 'kimai') {
        const account = kimaiCredentialAccount(profile.url);
        // The token first: if the keychain refuses, the settings still name the old, working back end.
        if (token !== undefined) await deps.credentials.set(account, token.trim());
        else if ((await deps.credentials.get(account)) === null) {
          throw new UserFacingError(`Enter your Kimai API token for ${profile.url}: Punchcard has none saved for that address.`);
        }
      }
      const before = JSON.stringify(deps.settings.read().provider);
      deps.settings.update((settings) => ({ ...settings, provider: profile }));
      if (JSON.stringify(profile) !== before || token !== undefined) await deps.restartEngine();
      return view();
    },
    testConnection: async (request) => {
      const profile = request ? profileFrom(request.provider) : deps.settings.read().provider;
      return deps.timesheet.testConnection(profile, request?.token?.trim());
    },
    forgetCredential: async () => {
      const profile = deps.settings.read().provider;
      if (profile.type === 'kimai') {
        await deps.credentials.delete(kimaiCredentialAccount(profile.url));
        await deps.restartEngine();
      }
      return view();
    },
  };
}
