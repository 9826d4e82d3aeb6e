// The Account screen's connections (docs/using-the-app.md, "Several connections"): add one or several (one Clockify key's
// workspaces), make one the default, rename, give one a week of its own, remove. The settings change is
// connection-edits.ts's; here the secret is filed in the keychain (connection-secrets.ts), a connection's folder
// follows its name (settings/tracker-folders.ts), and the app's engine starts over, since it opens its connections
// when it starts (a week it reads as the settings say it now).
import { credentialAccount, isRemote, backEndOf, secondCredentialAccount, type BackEndProfile } from '../../../mcp-server/contract/back-ends.ts';
import { connectionsOf, type TrackerProfile } from '../../../mcp-server/contract/connections.ts';
import { profileRefusal } from '../../../mcp-server/for-the-app.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { UserFacingError } from '../dispatch.ts';
import { accountView, policyOf, profileFrom } from './account.ts';
import { connectionNamed, withAdded, withDefault, withRemoved, withRenamed, withWeek } from './connection-edits.ts';
import { fileSecret, hasSecretFor, ownSecretItem } from './connection-secrets.ts';
import type { HandlerDeps } from './ports.ts';

type Deps = Pick<HandlerDeps, 'settings' | 'credentials' | 'restartEngine' | 'policy' | 'trackerFolders'> & {
  workday: Pick<HandlerDeps['workday'], 'forget'>;
};

export function connectionHandlers(
  deps: Deps,
): Pick<Handlers, 'addConnections' | 'makeDefaultConnection' | 'renameConnection' | 'setConnectionWeek' | 'removeConnection'> {
  const { policy, organisation } = policyOf(deps);
  const view = accountView(deps);
  const allowed = (profile: BackEndProfile) => {
    const refusal = profileRefusal(policy(), profile);
    if (refusal) throw new UserFacingError(organisation()?.note ?? refusal);
  };

  return {
    addConnections: async ({ connections, token, secondToken }) => {
      const added = connections.map(
        ({ name, provider, workWeek }) => ({ ...profileFrom(provider), name, ...(workWeek ? { workWeek } : {}) }) as TrackerProfile,
      );
      for (const profile of added) allowed(profile);
      const current = deps.settings.read();
      // The names and the count first: nothing reaches the keychain for a change that cannot be made.
      withAdded(current, added);
      await fileSecrets(deps, connectionsOf(current), added, token?.trim(), secondToken?.trim());
      deps.settings.update((settings) => withAdded(settings, added));
      await deps.restartEngine();
      return view();
    },
    makeDefaultConnection: async ({ name }) => {
      const chosen = connectionNamed(deps.settings.read(), name);
      if (chosen.isDefault) return view();
      if (organisation()?.fixed) throw new UserFacingError(organisation()?.note as string);
      allowed(chosen.profile);
      deps.settings.update((settings) => withDefault(settings, name));
      await deps.restartEngine();
      return view();
    },
    renameConnection: async ({ name, to }) => {
      const current = deps.settings.read();
      const renamed = connectionNamed(current, name);
      if (name === to) return view();
      withRenamed(current, name, to);
      const folderProblem = deps.trackerFolders.renameProblem(name, to);
      if (folderProblem) throw new UserFacingError(folderProblem);
      // Its own secrets, where it has any (a second one too: Tempo's Jira API token), follow the name the engine looks them up by.
      const accounts = isRemote(renamed.profile)
        ? [credentialAccount(renamed.profile), secondCredentialAccount(renamed.profile)].filter((item) => item !== null)
        : [];
      const owned: Array<{ account: string; secret: string }> = [];
      for (const account of accounts) {
        const own = await deps.credentials.get(ownSecretItem(account, name));
        if (own !== null) owned.push({ account, secret: own });
      }
      for (const { account, secret } of owned) await deps.credentials.set(ownSecretItem(account, to), secret);
      deps.trackerFolders.rename(name, to);
      try {
        deps.settings.update((settings) => withRenamed(settings, name, to));
      } catch (error) {
        deps.trackerFolders.rename(to, name);
        for (const { account } of owned) await deps.credentials.delete(ownSecretItem(account, to));
        throw error;
      }
      for (const { account } of owned) await deps.credentials.delete(ownSecretItem(account, name));
      await deps.restartEngine();
      return view();
    },
    setConnectionWeek: async ({ name, workWeek }) => {
      const current = deps.settings.read();
      const changed = connectionNamed(current, name);
      if (workWeek !== null && backEndOf(changed.profile.type).app.keepsPlan) {
        throw new UserFacingError(`${backEndOf(changed.profile.type).label} keeps ${name}'s targets itself; Punchcard counts with those.`);
      }
      deps.settings.update((settings) => withWeek(settings, name, workWeek));
      // Each engine reads a connection's week as the settings say it now: nothing starts over, the targets are asked again.
      deps.workday.forget();
      return view();
    },
    removeConnection: async ({ name }) => {
      const removed = connectionNamed(deps.settings.read(), name);
      withRemoved(deps.settings.read(), name);
      deps.settings.update((settings) => withRemoved(settings, name));
      deps.trackerFolders.retire(name);
      // Its own secrets were its alone; its account's may be others' too, and stay (Forget removes them with the default).
      if (isRemote(removed.profile)) {
        await deps.credentials.delete(ownSecretItem(credentialAccount(removed.profile), name));
        const second = secondCredentialAccount(removed.profile);
        if (second !== null) await deps.credentials.delete(ownSecretItem(second, name));
      }
      await deps.restartEngine();
      return view();
    },
  };
}

/**
 * The secret of the connections being added: the one typed, filed where it is theirs; else the one
 * the keychain holds for their account. One secret is for one account, so connections added together
 * with it are at one account (one Clockify key's workspaces).
 */
async function fileSecrets(
  deps: Deps,
  existing: ReturnType<typeof connectionsOf>,
  added: readonly TrackerProfile[],
  token: string | undefined,
  secondToken: string | undefined,
): Promise<void> {
  const remote = added.filter((profile) => isRemote(profile));
  const accounts = [...new Set(remote.map((profile) => credentialAccount(profile)))];
  if (accounts.length > 1) throw new UserFacingError('One secret is for one account: add connections of different accounts one at a time.');
  const account = accounts[0];
  const first = remote[0];
  if (account === undefined || first === undefined) return;
  const names = remote.map((profile) => profile.name);
  const { label, secret, secondSecret } = backEndOf(first.type);
  const whose = (keychainBy: 'url' | 'email' | undefined) => (keychainBy === 'email' && 'email' in first ? first.email : 'url' in first ? first.url : account);
  // Both secrets checked before either is filed: nothing reaches the keychain for connections that cannot be added.
  const second = secondCredentialAccount(first);
  if (!token && !(await hasSecretFor(deps.credentials, account, names))) {
    throw new UserFacingError(`Enter your ${label} ${secret?.name} for ${whose(secret?.keychainBy)}: Punchcard has none saved for it.`);
  }
  if (second !== null && !secondToken && !(await hasSecretFor(deps.credentials, second, names))) {
    throw new UserFacingError(
      `Enter your ${secondSecret?.service} ${secondSecret?.name} for ${whose(secondSecret?.keychainBy)}: Punchcard has none saved for it.`,
    );
  }
  if (token) await fileSecret(deps.credentials, existing, account, names, token);
  if (second !== null && secondToken) await fileSecret(deps.credentials, existing, second, names, secondToken);
}
