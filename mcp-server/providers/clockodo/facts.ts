// What Punchcard learned about a Clockodo login that shapes the next start (remote/facts-file.ts): the
// person's id (every "my …" request names it), their zone, their role and right to add customers and
// projects (which decide the catalog-writing tools), whether the company uses Clockodo's absence
// module (which decides the leave tools), and whether they lead anyone or decide anyone's absences
// (which decide the team tools, whatever their role). Keyed by address and login. No zod and no HTTP here: the
// opening of a connection reads it to list the right tools.
import { type Capability, isCapability } from '../../contract/vocabulary.ts';
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const CLOCKODO_FACTS_FILE = 'clockodo-accounts.json';

export interface ClockodoFacts {
  userId?: number;
  timezone?: string;
  role?: 'owner' | 'manager' | 'worker';
  canAddCustomers?: boolean;
  /** The company's absence module is on. */
  absences?: boolean;
  /** The person may decide colleagues' absences (an owner, or `can_generally_manage_absences`). */
  managesAbsences?: boolean;
  /** The person leads a team in Clockodo, or is someone's boss: they see those people's time, whatever their role. */
  leads?: boolean;
  /** Clockodo names others whose absences the person manages (a team leader, a boss, an absence manager). */
  decidesLeave?: boolean;
  /** When leading was last read (ISO time): only once the team tools are on, again a day later. */
  leadershipCheckedAt?: string;
  /** When the person and the company were last read (ISO time): a start reads them again a day later. */
  checkedAt?: string;
  /**
   * The capabilities Clockodo refused (403) under the role last learned (the administration's, which its owner
   * alone has): each stays off until another role is learned (context.ts, refuse).
   */
  refused?: Capability[];
}

const ROLES = new Set(['owner', 'manager', 'worker']);

export const clockodoFacts = factsFile<ClockodoFacts>(CLOCKODO_FACTS_FILE, (entry) =>
  defined({
    userId: pick.integer(entry.userId),
    timezone: pick.text(entry.timezone),
    role: typeof entry.role === 'string' && ROLES.has(entry.role) ? (entry.role as ClockodoFacts['role']) : undefined,
    canAddCustomers: pick.boolean(entry.canAddCustomers),
    absences: pick.boolean(entry.absences),
    managesAbsences: pick.boolean(entry.managesAbsences),
    leads: pick.boolean(entry.leads),
    decidesLeave: pick.boolean(entry.decidesLeave),
    leadershipCheckedAt: pick.text(entry.leadershipCheckedAt),
    checkedAt: pick.text(entry.checkedAt),
    refused: refusedOf(entry),
  }),
);

/** What an earlier Punchcard kept as a flag each, read as the capabilities they withdrew. */
const REFUSED_FLAGS: Readonly<Record<string, Capability>> = {
  peopleRefused: 'admin_people',
  teamsRefused: 'admin_teams',
  catalogRefused: 'admin_catalog',
  correctionsRefused: 'admin_corrections',
};

/** The capabilities refused under the role learned: the list, or the flags a file of an earlier Punchcard holds. */
function refusedOf(entry: Record<string, unknown>): Capability[] | undefined {
  if (Array.isArray(entry.refused)) return entry.refused.filter((item): item is Capability => typeof item === 'string' && isCapability(item));
  const flagged = Object.entries(REFUSED_FLAGS).flatMap(([flag, capability]) => (entry[flag] === true ? [capability] : []));
  return flagged.length > 0 ? flagged : undefined;
}

/** One login at one address. */
export function clockodoFactsKey(profile: { url: string; email: string }): string {
  return `${profile.email} at ${profile.url}`;
}

/** The leave tools, where the company uses the absence module. */
export const ABSENCE_MODULE: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];
/** Colleagues' hours and a project's time, for one who leads people. */
export const LEADS: readonly Capability[] = ['team_hours', 'team_projects'];

/**
 * Deciding colleagues' leave, for one known to manage absences generally or to be named others' absence manager, in a
 * company with the module; unknown is no.
 */
export function decidesLeave(facts: ClockodoFacts | undefined): readonly Capability[] {
  return (facts?.managesAbsences === true || facts?.decidesLeave === true) && facts.absences !== false ? ['team_leave'] : [];
}

/** Each capability Clockodo's role decides, and the least role that has it (its owner has them all). */
const ROLE_NEEDS: Readonly<Partial<Record<Capability, 'manager' | 'owner'>>> = {
  team_hours: 'manager',
  team_projects: 'manager',
  catalog_write: 'manager',
  admin_people: 'owner',
  admin_teams: 'owner',
  admin_catalog: 'owner',
  admin_corrections: 'owner',
};
const RANK: Readonly<Record<NonNullable<ClockodoFacts['role']>, number>> = { worker: 0, manager: 1, owner: 2 };

/**
 * The person's role and the one that would have `capability`, where the role Clockodo named is why it is not offered;
 * undefined where it is not: no role learned, a capability no role decides (leave: the absence module; deciding
 * absences: a right of its own), or one Clockodo refused (403) under the role, which keeps the generic words.
 */
export function clockodoRoleLacking(facts: ClockodoFacts | undefined, capability: Capability): { role: string; needs: string } | undefined {
  const needs = ROLE_NEEDS[capability];
  const role = facts?.role;
  if (needs === undefined || role === undefined || RANK[role] >= RANK[needs] || facts?.refused?.includes(capability)) return undefined;
  return { role, needs };
}
