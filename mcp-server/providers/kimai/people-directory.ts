// Kimai's people as an organisation account sees them (docs/back-ends/kimai.md, "Acting for others"): one
// list of every account, enabled or not, with e-mail, roles, zone and team memberships
// (`GET /api/users?visible=3&full=true`, view_user). A single account is read from that list too: Kimai's
// `GET /api/users/{id}` for another account needs view_other_profile, which only a super administrator holds.
import type { TrackerUser } from '../acting-for.ts';
import { sameEmail } from '../../contract/back-end-accounts.ts';
import type { KimaiApi } from './api.ts';
import type { KimaiUserFull } from './wire.ts';

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
