// The person's role in a back end that decides what the person may be offered, read from their own profile (never
// probed by trying what it may not do) and remembered between starts (remote/facts-file.ts), so the first tools/list
// is already right: learned anew at least daily, whenever a call reads the profile anyway, and at once after the back
// end refused (403) what the role seemed to allow, which withdraws that capability until another role is learned.
// Kept with whose role it is: a token replaced by another person's offers nothing of the first one's once the
// profile is read. Pure: a back end's facts hold these fields, and its context writes what these functions say.
// Harvest's roles are read this way (docs/back-ends/harvest.md, "Roles"); no zod and no HTTP here, as the opening reads it.
import { type Capability, isCapability } from '../../contract/vocabulary.ts';
import { pick } from './facts-file.ts';

/** The role is read again after a day, whatever else was read meanwhile. */
export const ROLE_RECHECK_MS = 24 * 3_600_000;

/** What a back end's facts keep of the person's role: the same fields on every back end that learns one. */
export interface RoleFacts {
  /** Whose role it is: the person's id in the back end, as text. */
  roleOf?: string;
  /** The role in the back end's words, space-separated where it is several ("manager people_manager"). */
  role?: string;
  /** When it was last read (ISO time). */
  roleCheckedAt?: string;
  /** Capabilities the back end refused (403) under this role: each off until another role is learned. */
  refused?: Capability[];
}

/** The role fields of a stored entry, as a facts file reads them. */
export function pickRoleFacts(entry: Record<string, unknown>): RoleFacts {
  return {
    roleOf: pick.text(entry.roleOf),
    role: typeof entry.role === 'string' ? entry.role : undefined,
    roleCheckedAt: pick.text(entry.roleCheckedAt),
    refused: Array.isArray(entry.refused) ? entry.refused.filter((item): item is Capability => typeof item === 'string' && isCapability(item)) : undefined,
  } as RoleFacts;
}

/** The role's words as remembered; undefined where none was ever read, which offers nothing a role decides. */
export function roleWords(facts: RoleFacts | undefined): ReadonlySet<string> | undefined {
  return facts?.role === undefined ? undefined : new Set(facts.role.split(' ').filter(Boolean));
}

/** Whether the back end refused `capability` under the role remembered. */
export function refusedUnderRole(facts: RoleFacts | undefined, capability: Capability): boolean {
  return facts?.refused?.includes(capability) === true;
}

/** Whether the role is older than a day, or was never read, or was another person's. */
export function roleStale(facts: RoleFacts | undefined, now: number, personId?: string): boolean {
  if (facts?.role === undefined) return true;
  if (personId !== undefined && facts.roleOf !== personId) return true;
  const checked = Date.parse(facts.roleCheckedAt ?? '');
  return Number.isNaN(checked) || now - checked > ROLE_RECHECK_MS;
}

/**
 * What reading the role teaches the facts: the role and whose it is, when (moved at most hourly, so a profile read every
 * few minutes does not rewrite the file), and the refusals cleared where the role or the person differs (a refusal under
 * one role says nothing of another). Undefined where nothing is new.
 *
 * `whole` is false where the read is a part of the role only (Harvest's profile without the person's assignments): a
 * change of its words is learned at once, but it moves no check time, so a role never read whole stays due (roleStale)
 * and the background check reads it whole; and it teaches nothing of a person whose role was never read whole, whose
 * remembered role, another person's, is forgotten instead (offering nothing until theirs is read).
 */
export function roleLearned(facts: RoleFacts | undefined, personId: string, words: readonly string[], now: number, whole = true): RoleFacts | undefined {
  const role = [...new Set(words.filter((word) => word.trim() !== ''))].sort().join(' ');
  const samePerson = facts?.roleOf === personId;
  const same = facts?.role === role && samePerson;
  if (!whole) {
    if (!samePerson) return facts?.role === undefined || facts.role === '' ? undefined : { role: '', roleOf: personId, roleCheckedAt: NEVER, refused: [] };
    return same ? undefined : { role, refused: [] };
  }
  const checked = Date.parse(facts?.roleCheckedAt ?? '');
  const noteDue = Number.isNaN(checked) || now - checked >= 3_600_000;
  if (same && !noteDue) return undefined;
  return {
    role,
    roleOf: personId,
    roleCheckedAt: new Date(now).toISOString(),
    ...(same ? {} : { refused: [] }),
  };
}

/** A check time that is always due: a role forgotten is read again at the next background check. */
const NEVER = new Date(0).toISOString();

/** What a refusal (403) of `capability` under the role teaches the facts; undefined where it was refused already. */
export function roleRefused(facts: RoleFacts | undefined, capability: Capability): RoleFacts | undefined {
  const refused = facts?.refused ?? [];
  return refused.includes(capability) ? undefined : { refused: [...refused, capability] };
}

/**
 * `capabilities` where the role remembered allows them (`allowed`, over the back end's reading of its words) and the back
 * end did not refuse them under it; none where no role was read (unknown offers nothing a role decides). The same rule
 * for every back end that learns a role, so a cell's offer is one line (Toggl's rights.ts).
 */
export function offeredUnderRole<R>(
  facts: RoleFacts | undefined,
  rightsOf: (words: ReadonlySet<string>) => R,
  allowed: (rights: R) => boolean,
  capabilities: readonly Capability[],
): readonly Capability[] {
  const words = roleWords(facts);
  if (words === undefined || !allowed(rightsOf(words))) return [];
  return capabilities.filter((capability) => !refusedUnderRole(facts, capability));
}
