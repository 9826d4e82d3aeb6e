// Clockodo's organisation account (providers/acting-for.ts; docs/back-ends/clockodo.md, "Acting for others"): the
// company owner's login and API key, with which the team server acts for each person. Only the owner will do: a
// manager may start another's clock but not stop it, so a person under a manager's key could be left with a clock
// running. The start check says who the account is (its name, login and id, never the key); the directory is the
// owner's list of users, read whole (paged) and matched by e-mail here, whole and without the case of ASCII letters
// alone (sameEmail).
import { BackEndError } from '../time-tracker.ts';
import { refusalOf } from '../../contract/outcomes/refusals.ts';
import type { OrganisationAccount, OrganisationCheck, TrackerUser } from '../acting-for.ts';
import type { OrganisationAccountFactory } from '../engine-side.ts';
import { sameEmail } from '../../contract/back-end-accounts.ts';
import { allPages } from '../remote/paging.ts';
import { remoteConnection } from '../remote-tracker.ts';
import { type ClockodoApi, type ClockodoClient, createClockodoClient, USER_PAGE } from './api.ts';
import { ClockodoError } from './errors.ts';
import type { ClockodoUser } from './wire.ts';

/** How the account is named in words: `Olga Owner <owner@example.com> (#4)`. */
export function describeClockodoAccount(user: ClockodoUser, login: string): string {
  const name = user.name?.trim() || login;
  return `${name} <${user.email ?? login}> (#${user.id})`;
}

/** A Clockodo user as the organisation's directory shows them; a user whose `active` is not said counts as active. */
export function trackerUserOf(user: ClockodoUser): TrackerUser {
  return { id: String(user.id), name: user.name?.trim() || (user.email ?? `#${user.id}`), email: user.email ?? null, active: user.active !== false };
}

/** The account's own user: the aggregate, or /v4/users/me once the aggregate is retired (as context.ts reads it). */
async function whoIs(api: ClockodoApi): Promise<ClockodoUser> {
  try {
    return (await api.usersMeAggregate()).user;
  } catch (error) {
    if (!(error instanceof ClockodoError) || (error.status !== 410 && error.status !== 404)) throw error;
    return api.usersMe();
  }
}

export class ClockodoOrganisationAccount implements OrganisationAccount {
  readonly #client: ClockodoClient;
  readonly #api: ClockodoApi;
  readonly #login: string;

  constructor(client: ClockodoClient, login: string) {
    this.#client = client;
    this.#api = client.api;
    this.#login = login;
  }

  async check(): Promise<OrganisationCheck> {
    let user: ClockodoUser;
    try {
      user = await whoIs(this.#api);
    } catch (error) {
      // A refused login or key is a finding in words; Clockodo out of reach is thrown as it came.
      if (error instanceof BackEndError && error.kind === 'denied') return { ok: false, refusal: error.refusal };
      throw error;
    }
    const account = describeClockodoAccount(user, this.#login);
    if (user.role !== 'owner') return { ok: false, refusal: refusalOf('organisation_account_cannot_act', { back_end: 'Clockodo', account, needs: 'owner' }) };
    return { ok: true, account };
  }

  async usersWithEmail(email: string): Promise<TrackerUser[]> {
    if (email.trim() === '') return [];
    return (await this.#users()).filter((user) => sameEmail(user.email, email)).map(trackerUserOf);
  }

  async user(id: string): Promise<TrackerUser | null> {
    if (!/^\d{1,15}$/.test(id)) return null;
    try {
      return trackerUserOf(await this.#api.user(Number(id), 'read the linked person'));
    } catch (error) {
      if (error instanceof ClockodoError && error.status === 404) return null;
      throw error;
    }
  }

  close(): void {
    this.#client.close();
  }

  /** Every user the owner sees, active or not (the owner sees the whole company). */
  #users(): Promise<ClockodoUser[]> {
    return allPages(this.#client.pager, (page) => this.#api.usersPage(undefined, page, USER_PAGE, 'read the users of the company'));
  }
}

/** The factory CLOCKODO_ENGINE.organisation() offers: the owner's login is the profile's `email`, the key its secret. */
export const createClockodoOrganisationAccount: OrganisationAccountFactory<'clockodo'> = (options) =>
  new ClockodoOrganisationAccount(createClockodoClient({ connection: remoteConnection(options), email: options.profile.email }), options.profile.email);
