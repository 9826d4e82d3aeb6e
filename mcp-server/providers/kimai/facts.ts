// What Punchcard learned about a Kimai server that shapes the next start (remote/facts-file.ts): whether
// the absence plugin answers (which decides the leave tools, so the first `tools/list` is right and
// clients that read the list once see them), and the person's time zone in their Kimai profile (so a
// first call needs no profile request just to know what "09:00" means; every profile read corrects
// it), their role and what Kimai refused under it (which decide the administration tools); and how a person's
// roles read (their highest, whether they administer or lead anyone). Keyed by Kimai URL. No zod and no HTTP here:
// the opening of a connection reads it (cells.ts).
import type { Capability } from '../../contract/vocabulary.ts';
import { defined, factsFile, pick } from '../remote/facts-file.ts';
import type { KimaiUser } from './wire.ts';

export const DETECTION_FILE_NAME = 'kimai-servers.json';

export interface KimaiDetection {
  /** The absence plugin answers (and the user may use it); absent when never checked. */
  absences?: boolean;
  /**
   * The ApprovalBundle plugin (weekly timesheet approval) answers; absent when never checked, which
   * counts as no (cells.ts). Asked again every hour (account/account.ts).
   */
  approvals?: boolean;
  /** The IANA zone of the person's Kimai profile, as last read. */
  timezone?: string;
  /**
   * The person's role lets them see others' timesheets (team lead, administrator) and they lead a
   * team or administer all: the team tools' condition. Absent when never read.
   */
  leads?: boolean;
  /**
   * The person's highest role in their Kimai profile as last read (`ROLE_USER` where it names none):
   * what the admin group's capabilities start from (cells.ts). Absent when never read.
   */
  role?: string;
  /** Kimai answered 403 to creating a tag, or to listing invoices, under that role: withdrawn until the role changes. */
  tagsRefused?: boolean;
  invoicesRefused?: boolean;
  /** Kimai answered 403 to a correction of an entry Kimai itself had listed under that role. */
  correctionsRefused?: boolean;
  /** Kimai answered 403 to reading or changing a rate under that role: manage_rates withdrawn until the role changes. */
  ratesRefused?: boolean;
  /** Kimai answered 403 to reading or changing its teams (view_team, edit_team) under that role. */
  teamsRefused?: boolean;
  /** Kimai answered 403 to reading or changing a customer, project or activity under that role. */
  catalogRefused?: boolean;
  /** Kimai answered 403 to reading or changing its people (a super administrator's rights) under that role. */
  peopleRefused?: boolean;
}

export const detectionFile = factsFile<KimaiDetection>(DETECTION_FILE_NAME, (entry) =>
  defined({
    absences: pick.boolean(entry.absences),
    approvals: pick.boolean(entry.approvals),
    timezone: pick.text(entry.timezone),
    leads: pick.boolean(entry.leads),
    role: pick.text(entry.role),
    tagsRefused: pick.boolean(entry.tagsRefused),
    invoicesRefused: pick.boolean(entry.invoicesRefused),
    correctionsRefused: pick.boolean(entry.correctionsRefused),
    ratesRefused: pick.boolean(entry.ratesRefused),
    teamsRefused: pick.boolean(entry.teamsRefused),
    catalogRefused: pick.boolean(entry.catalogRefused),
    peopleRefused: pick.boolean(entry.peopleRefused),
  }),
);

export function readDetection(userDataDir: string, url: string): KimaiDetection | undefined {
  return detectionFile.read(userDataDir, url);
}

export function writeDetection(userDataDir: string, url: string, learned: KimaiDetection, log: (message: string) => void): void {
  detectionFile.write(userDataDir, url, learned, log);
}

/** What the absence plugin adds: the person's own leave, its cancellation and the calendar. */
export const ABSENCE_CAPABILITIES: readonly Capability[] = ['leave', 'leave_cancel', 'calendar'];

/** Roles as Kimai ranks them; a role this list does not know counts as a plain user's. */
const ROLE_RANK: Readonly<Record<string, number>> = { ROLE_TEAMLEAD: 1, ROLE_ADMIN: 2, ROLE_SUPER_ADMIN: 3 };

/** The highest of a profile's roles, `ROLE_USER` where it names none Kimai ships above it. */
export function highestRole(roles: readonly string[] | undefined): string {
  return (roles ?? []).reduce((best, role) => ((ROLE_RANK[role] ?? 0) > (ROLE_RANK[best] ?? 0) ? role : best), 'ROLE_USER');
}

/**
 * The rank of the role a profile read named, for what the person may administer (docs/back-ends/kimai.md,
 * "Administration"): 0 a plain user, 1 a team lead, 2 an administrator, 3 a super administrator; -1 where no profile
 * was read yet (unknown is nothing to administer).
 */
export function roleRank(facts: Pick<KimaiDetection, 'role'> | undefined): number {
  return facts?.role === undefined ? -1 : (ROLE_RANK[facts.role] ?? 0);
}

/** The name a person goes by in Kimai: the alias when one is set. */
export function personName(user: Pick<KimaiUser, 'alias' | 'username'>): string {
  return user.alias || user.username;
}

/** Roles that administer all of Kimai: every team, every timesheet. */
const ADMIN_ROLES = new Set(['ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

export function isKimaiAdmin(user: KimaiUser): boolean {
  return (user.roles ?? []).some((role) => ADMIN_ROLES.has(role));
}

/**
 * Whether the person leads anyone in Kimai: an administrator, or a team lead of at least one team
 * (Kimai shows a team lead the timesheets of the teams they lead, and nobody else's).
 */
export function leadsPeople(user: KimaiUser): boolean {
  return isKimaiAdmin(user) || ((user.roles ?? []).includes('ROLE_TEAMLEAD') && (user.memberships ?? []).some((membership) => membership.teamlead));
}

/**
 * Each capability Kimai's role decides, the least role that has it, and the 403 that withdrew it under the role
 * (docs/back-ends/kimai.md, "Administration"). The team's tools need a team lead who leads a team: a plain user is
 * told the role, a team lead of no team keeps the generic words.
 */
const ROLE_NEEDS: Readonly<Partial<Record<Capability, { needs: string; refused?: keyof KimaiDetection }>>> = {
  team_hours: { needs: 'ROLE_TEAMLEAD' },
  team_projects: { needs: 'ROLE_TEAMLEAD' },
  admin_invoices: { needs: 'ROLE_TEAMLEAD', refused: 'invoicesRefused' },
  admin_corrections: { needs: 'ROLE_TEAMLEAD', refused: 'correctionsRefused' },
  admin_tags: { needs: 'ROLE_ADMIN', refused: 'tagsRefused' },
  admin_rates: { needs: 'ROLE_ADMIN', refused: 'ratesRefused' },
  admin_teams: { needs: 'ROLE_ADMIN', refused: 'teamsRefused' },
  admin_catalog: { needs: 'ROLE_ADMIN', refused: 'catalogRefused' },
  admin_people: { needs: 'ROLE_SUPER_ADMIN', refused: 'peopleRefused' },
};

/** The person's role and the one that would have `capability`, where the role Kimai named is why it is not offered. */
export function kimaiRoleLacking(facts: KimaiDetection | undefined, capability: Capability): { role: string; needs: string } | undefined {
  const rule = ROLE_NEEDS[capability];
  if (rule === undefined || facts?.role === undefined || (rule.refused !== undefined && facts[rule.refused] === true)) return undefined;
  return roleRank(facts) < (ROLE_RANK[rule.needs] ?? 0) ? { role: facts.role, needs: rule.needs } : undefined;
}
