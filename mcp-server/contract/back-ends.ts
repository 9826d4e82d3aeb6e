// Every back end Punchcard has: one line each, in the order people see them (the Account screen, the
// command line's list). Adding a back end is its folder (providers/<name>/), its descriptor
// (back-ends/<name>.ts) and its line here; the compiler then asks for its engine side in
// providers/back-ends.ts (docs/architecture.md, "Adding a back end"). What everything else needs of
// one is read from its descriptor (back-end-descriptor.ts), which is data: this module loads no zod
// and no back end's code, so the opening of a connection, the window (over IPC) and main read it alike.
import { normalizeBaseUrl, normalizeEmail } from './back-end-accounts.ts';
import { keychainAccount, secondKeychainAccount, type BackEndDescriptor, type ProfileOf, type ViewOf } from './back-end-descriptor.ts';
import { LOCAL } from './back-ends/local.ts';
import { KIMAI } from './back-ends/kimai.ts';
import { CLOCKODO } from './back-ends/clockodo.ts';
import { CALAMARI } from './back-ends/calamari.ts';
import { CLOCKIFY } from './back-ends/clockify.ts';
import { TOGGL } from './back-ends/toggl.ts';
import { HARVEST } from './back-ends/harvest.ts';
import { TEMPO } from './back-ends/tempo.ts';

export const BACK_ENDS = [LOCAL, KIMAI, CLOCKODO, CALAMARI, CLOCKIFY, TOGGL, HARVEST, TEMPO] as const satisfies readonly BackEndDescriptor[];

/** The back end a fresh install uses, and the one settings that cannot be read are taken for. */
export const DEFAULT_BACK_END = LOCAL;

export type BackEnd = (typeof BACK_ENDS)[number];
export type BackEndType = BackEnd['type'];
export type RemoteType = Extract<BackEnd, { remote: true }>['type'];

/** A back end's profile in config.json, one per back end (a union the compiler narrows by `type`). */
export type BackEndProfile = BackEnd extends infer D ? (D extends BackEndDescriptor ? ProfileOf<D> : never) : never;
/** A profile of a back end reached over the network, with a secret. */
export type RemoteProfile = Extract<BackEndProfile, { type: RemoteType }>;
/** A profile as the window shows it: every field there. */
export type ProfileView = BackEnd extends infer D ? (D extends BackEndDescriptor ? ViewOf<D> : never) : never;

export const BACK_END_TYPES = BACK_ENDS.map((backEnd) => backEnd.type) as readonly BackEndType[] as readonly [BackEndType, ...BackEndType[]];

const BY_TYPE: ReadonlyMap<string, BackEndDescriptor> = new Map(BACK_ENDS.map((backEnd) => [backEnd.type, backEnd]));

/** The descriptor of a back end by its type; throws for a type no back end has (a bug, never input: check with isBackEndType). */
export function backEndOf(type: string): BackEndDescriptor {
  const found = BY_TYPE.get(type);
  if (!found) throw new Error(`No back end is called ${JSON.stringify(type)}.`);
  return found;
}

export function isBackEndType(type: unknown): type is BackEndType {
  return typeof type === 'string' && BY_TYPE.has(type);
}

/** A back end reached over the network, with a secret; the local timesheet is not one. */
export function isRemote<P extends { type: string }>(profile: P): profile is Extract<P, { type: RemoteType }> {
  return backEndOf(profile.type).remote;
}

/** Has the descriptor a field of this kind: whether a profile of it has `url`, `email`, … */
export function hasField(type: string, kind: BackEndDescriptor['fields'][number]['kind']): boolean {
  return backEndOf(type).fields.some((field) => field.kind === kind);
}

/** The keychain account of a back end's secret (back-end-descriptor.ts, keychainAccount). */
export function credentialAccount(profile: { readonly type: string; readonly url?: string; readonly email?: string }): string {
  return keychainAccount(backEndOf(profile.type), profile);
}

/** The keychain account of a back end's second secret (back-end-descriptor.ts, secondKeychainAccount), or null where it has one secret. */
export function secondCredentialAccount(profile: { readonly type: string; readonly url?: string; readonly email?: string }): string | null {
  return secondKeychainAccount(backEndOf(profile.type), profile);
}

/** The variable a back end's secret may be given in instead of the keychain. */
export function tokenVariable(type: string): string {
  return `PUNCHCARD_${type.toUpperCase()}_TOKEN`;
}

/** The variable a back end's second secret may be given in (Tempo Timesheets' PUNCHCARD_JIRA_TOKEN), or null where it has one secret. */
export function secondTokenVariable(type: string): string | null {
  const second = backEndOf(type).secondSecret;
  return second ? tokenVariable(second.service) : null;
}

/** A back end where it is, in a sentence: "the local timesheet", "Kimai at https://kimai.example.com". */
export function backEndAt(profile: { readonly type: string; readonly url?: string }): string {
  const { inSentence } = backEndOf(profile.type);
  return profile.url === undefined ? inSentence : `${inSentence} at ${normalizeBaseUrl(profile.url)}`;
}

/** The same service at the same address for the same person: where a secret may go, and what a policy's fixed back end is. */
export function sameBackEnd(a: BackEndProfile, b: BackEndProfile): boolean {
  if (a.type !== b.type) return false;
  const address = (profile: BackEndProfile) => ('url' in profile ? normalizeBaseUrl(profile.url) : '');
  const person = (profile: BackEndProfile) => ('email' in profile ? normalizeEmail(profile.email) : '');
  return address(a) === address(b) && person(a) === person(b);
}
