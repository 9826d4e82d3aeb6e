// The organisation account on Kimai (providers/acting-for.ts; docs/back-ends/kimai.md, "Acting for others"):
// the API token of an account the team server acts for people with. Its start check names the account and
// the first right it lacks; its directory is the one list of people Kimai shows to view_user: every account,
// enabled or not, with e-mail, roles, zone and team memberships (`GET /api/users?visible=3&full=true`). A single
// account is read from that list too: Kimai's `GET /api/users/{id}` for another account needs view_other_profile,
// which only a super administrator holds.
import { sameEmail } from '../../contract/back-end-accounts.ts';
import type { OrganisationAccount, OrganisationCheck, TrackerUser } from '../acting-for.ts';
import type { OrganisationAccountFactory } from '../engine-side.ts';
import { RemoteError, remoteRefusal } from '../remote/remote-error.ts';
import { type KimaiApi, kimaiClientFor } from './api.ts';
import { isKimaiAdmin, personName } from './facts.ts';
import type { KimaiUser, KimaiUserFull } from './wire.ts';

export const createKimaiOrganisationAccount: OrganisationAccountFactory<'kimai'> = (options) => {
  const client = kimaiClientFor(options);
  return kimaiOrganisationAccount({ ...client.api, close: client.close });
};

/** How the account is named where its key must not be: `Root Admin <root@example.com> (#3)`. */
export function accountName(me: Pick<KimaiUser, 'id' | 'alias' | 'username' | 'email'>): string {
  return `${personName(me)}${typeof me.email === 'string' && me.email !== '' ? ` <${me.email}>` : ''} (#${me.id})`;
}

export function kimaiOrganisationAccount(api: Pick<KimaiApi, 'me' | 'users'> & { close(): void }): OrganisationAccount {
  return {
    close: () => api.close(),
    async check(): Promise<OrganisationCheck> {
      try {
        const me = await api.me();
        const account = accountName(me);
        const cannot = (needs: 'view_user' | 'view_other_timesheet'): OrganisationCheck => ({
          ok: false,
          refusal: remoteRefusal('organisation_account_cannot_act', { back_end: 'Kimai', account, needs }),
        });
        try {
          await readDirectory(api);
        } catch (error) {
          if (error instanceof RemoteError && error.failure === 'forbidden') return cannot('view_user');
          throw error;
        }
        // As Kimai ships its roles, the *_other_timesheet rights reach everyone only from an administrator up: a team
        // lead's reach the teams it leads, a plain user's nobody. A custom role map may differ; the owner check on
        // every answer (acting.ts) is what holds at run time.
        if (!isKimaiAdmin(me)) return cannot('view_other_timesheet');
        return { ok: true, account };
      } catch (error) {
        // A refused key, an unreachable Kimai: the failure's own sentence, which never holds the key.
        if (error instanceof RemoteError) return { ok: false, refusal: error.refusal };
        throw error;
      }
    },
    async usersWithEmail(email) {
      return withEmail(await readDirectory(api), email).map(trackerUser);
    },
    async user(id) {
      const found = withId(await readDirectory(api), id);
      return found ? trackerUser(found) : null;
    },
  };
}

/** Every account of the Kimai, disabled ones included (view_user). */
export function readDirectory(api: Pick<KimaiApi, 'users'>): Promise<KimaiUserFull[]> {
  return api.users(3);
}

/** An account as the team server matches and re-checks people: Kimai's `enabled` is whether it is active. */
export function trackerUser(user: KimaiUserFull): TrackerUser {
  return { id: String(user.id), name: user.alias || user.username, email: typeof user.email === 'string' ? user.email : null, active: user.enabled !== false };
}

/** The accounts whose e-mail is `email` exactly (trimmed, case-folded), enabled or not. */
export function withEmail(directory: readonly KimaiUserFull[], email: string): KimaiUserFull[] {
  return directory.filter((user) => sameEmail(user.email, email));
}

/** The account numbered `id` (as text, as a pin keeps it), or undefined. */
export function withId(directory: readonly KimaiUserFull[], id: string): KimaiUserFull | undefined {
  return /^\d+$/.test(id) ? directory.find((user) => user.id === Number(id)) : undefined;
}
