// Clockify's organisation account (providers/acting-for.ts; docs/back-ends/clockify.md, "Acting for others"): a
// workspace owner's or administrator's API key, with which the team server acts for the people of one workspace.
// Its start check says whose key it is and whether it can act for others at all (an owner or admin of the workspace,
// on a paid plan: Clockify adds time for others on paid plans only); its directory finds the members whose e-mail
// is exactly the one asked (getUsersOfWorkspace's `email` matches any address that CONTAINS it, so every answer is
// compared whole, without the case of ASCII letters alone: sameEmail) and one member by id, each with their membership's status in the workspace.
import { Expiring } from '../remote/cache.ts';
import { remoteConnection } from '../remote-tracker.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import { sameEmail } from '../../contract/back-end-accounts.ts';
import type { OrganisationAccount, OrganisationCheck, TrackerUser } from '../acting-for.ts';
import type { OrganisationAccountFactory } from '../engine-side.ts';
import { type ClockifyApi, type ClockifyApiClient, createClockifyApiClient, organisationPace } from './api.ts';
import { ClockifyError } from './errors.ts';
import { chooseWorkspace, type Workspace, workspaceOf } from './mapping.ts';
import type { ClockifyMember } from './wire.ts';

/** The workspace of an organisation account is read again after an hour (a plan or a name changes rarely). */
const WORKSPACE_TTL_MS = 60 * 60_000;
/** Pages of members one e-mail may fill before the directory stops: a whole address matches a few at most. */
const MAX_EMAIL_PAGES = 5;

/** The workspace the organisation account acts in: the one the profile names, else the key's user's active one. */
export async function organisationWorkspace(api: ClockifyApi, wanted: string | undefined): Promise<Workspace> {
  const user = await api.user();
  if (!user || typeof user.id !== 'string' || user.id === '') throw new ClockifyError('wrong_service', remoteRefusal('clockify_key_owner_unnamed', {}));
  const active = user.activeWorkspace || user.defaultWorkspace || undefined;
  return workspaceOf(chooseWorkspace(await api.workspaces(), wanted, active));
}

/** Whether a member's membership of `workspaceId` is active: an invitation pending or declined, or a deactivated member, is not. */
export function activeIn(member: ClockifyMember, workspaceId: string): boolean {
  const membership = (member.memberships ?? []).find((item) => item?.targetId === workspaceId && (item.membershipType ?? 'WORKSPACE') === 'WORKSPACE');
  // No membership shown is no proof of one: fail closed.
  return membership?.membershipStatus?.toUpperCase() === 'ACTIVE';
}

export function trackerUserOf(member: ClockifyMember, workspaceId: string): TrackerUser {
  const email = member.email?.trim() || null;
  return { id: member.id, name: member.name?.trim() || email || member.id, email, active: activeIn(member, workspaceId) };
}

/** The members whose e-mail is `email` exactly (case-folded), active or not, as Clockify lists them with their membership. */
export async function memberRecordsWithEmail(api: ClockifyApi, workspaceId: string, email: string): Promise<ClockifyMember[]> {
  const asked = email.trim();
  if (asked === '') return [];
  const found: ClockifyMember[] = [];
  for (let page = 1; page <= MAX_EMAIL_PAGES; page++) {
    const answer = await api.peoplePage(workspaceId, true, page, asked);
    found.push(...answer.items);
    if (answer.last !== false || answer.items.length === 0) break;
  }
  const seen = new Set<string>();
  return found.filter((member) => typeof member?.id === 'string' && sameEmail(member.email, asked) && !seen.has(member.id) && Boolean(seen.add(member.id)));
}

/** The members whose e-mail is `email` exactly (case-folded), active or not, with their status in the workspace. */
export async function membersWithEmail(api: ClockifyApi, workspaceId: string, email: string): Promise<TrackerUser[]> {
  return (await memberRecordsWithEmail(api, workspaceId, email)).map((member) => trackerUserOf(member, workspaceId));
}

/**
 * One member by id as Clockify lists them, or null where the workspace has none: their member profile names their
 * e-mail (Clockify has no read of one member with their status), and the members with that e-mail give the rest.
 */
export async function memberRecordById(api: ClockifyApi, workspaceId: string, userId: string): Promise<ClockifyMember | null> {
  let email: string | null | undefined;
  try {
    email = (await api.memberProfile(workspaceId, userId))?.email;
  } catch (error) {
    if (error instanceof ClockifyError && error.status === 404) return null;
    throw error;
  }
  if (!email) return null;
  return (await memberRecordsWithEmail(api, workspaceId, email)).find((member) => member.id === userId) ?? null;
}

/** One member by id with their status in the workspace, or null where the workspace has none. */
export async function memberById(api: ClockifyApi, workspaceId: string, userId: string): Promise<TrackerUser | null> {
  const member = await memberRecordById(api, workspaceId, userId);
  return member && trackerUserOf(member, workspaceId);
}

export class ClockifyOrganisationAccount implements OrganisationAccount {
  readonly #client: ClockifyApiClient;
  readonly #api: ClockifyApi;
  readonly #wanted: string | undefined;
  readonly #workspace = new Expiring<Workspace>(WORKSPACE_TTL_MS);

  constructor(options: Parameters<OrganisationAccountFactory<'clockify'>>[0]) {
    this.#client = createClockifyApiClient({
      connection: { ...remoteConnection(options), pace: organisationPace(options.profile.url, options.perSecond) },
      onRefused: (status) => {
        if (status === 401) this.#workspace.invalidate();
      },
    });
    this.#api = this.#client.api;
    this.#wanted = options.profile.workspace;
  }

  async check(): Promise<OrganisationCheck> {
    try {
      const user = await this.#api.user();
      if (!user || typeof user.id !== 'string' || user.id === '') throw new ClockifyError('wrong_service', remoteRefusal('clockify_key_owner_unnamed', {}));
      const name = user.name?.trim() || user.email?.trim() || 'Clockify user';
      const account = `${name}${user.email ? ` <${user.email.trim()}>` : ''} (#${user.id})`;
      const workspace = await this.#workspaceOf();
      const cannot = (needs: 'workspace_admin' | 'paid_plan'): OrganisationCheck => ({
        ok: false,
        refusal: { code: 'organisation_account_cannot_act', facts: { back_end: 'Clockify', account, needs } } as Refusal,
      });
      // Owners are not counted as admins by this filter: both are asked for.
      const leads = await this.#api.workspacesWithRoles(['WORKSPACE_ADMIN', 'OWNER']);
      if (!leads.some((item) => item.id === workspace.id)) return cannot('workspace_admin');
      if (workspace.plan?.toUpperCase() === 'FREE') return cannot('paid_plan');
      return { ok: true, account };
    } catch (error) {
      // A key Clockify refuses (401) or a workspace it will not show: the refusal in Clockify's words; any other failure as it came.
      if (error instanceof ClockifyError && (error.status === 401 || error.status === 403 || error.failure === 'config')) {
        return { ok: false, refusal: error.refusal as Refusal };
      }
      throw error;
    }
  }

  async usersWithEmail(email: string): Promise<TrackerUser[]> {
    const { id } = await this.#workspaceOf();
    return membersWithEmail(this.#api, id, email);
  }

  async user(id: string): Promise<TrackerUser | null> {
    const workspace = await this.#workspaceOf();
    return memberById(this.#api, workspace.id, id);
  }

  close(): void {
    this.#client.close();
  }

  #workspaceOf(): Promise<Workspace> {
    return this.#workspace.get(() => organisationWorkspace(this.#api, this.#wanted));
  }
}

export const createClockifyOrganisationAccount: OrganisationAccountFactory<'clockify'> = (options) => new ClockifyOrganisationAccount(options);
