// What Punchcard learned about a Toggl Track workspace that shapes the next start (remote/facts-file.ts): the
// workspace it resolved to (its id and name, so a start needs no list of workspaces), its plan (which decides the
// billable flag Punchcard may send), what it requires on every entry, its lock of older entries, when that was last
// asked, the person's zone, and their role (remote/remembered-role.ts: the workspace's role and whether they manage a
// project), which decides the team tools (rights.ts). Keyed by address and the configured workspace. Never the token, nor /me's answer (it
// carries the token): each process asks Toggl once whose the token is. No zod and no HTTP here: the opening reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';
import { pickRoleFacts, type RoleFacts } from '../remote/remembered-role.ts';

export const TOGGL_FACTS_FILE = 'toggl-accounts.json';

export interface TogglFacts extends RoleFacts {
  workspaceId?: number;
  workspaceName?: string;
  /** 'free', 'starter' or 'premium' (mapping.ts, planOf). */
  plan?: string;
  /** What the workspace requires on every entry, space-separated ('project description'). */
  requires?: string;
  /** The workspace's lock of older entries (report_locked_at), as Toggl wrote it; '' where none. */
  lockedAt?: string;
  /** When the workspace was last asked about (ISO time): asked again a day later. */
  checkedAt?: string;
  timezone?: string;
  /** The person's role in the workspace in Toggl's words ('admin', 'user', 'projectlead', 'teamlead'), read with it. */
  workspaceRole?: string;
  /** The workspace's organization (its `organization_id`), whose admins invite people. */
  organizationId?: number;
  /**
   * When Toggl last refused a Team Lead the workspace users (403: who besides admins may list them is not documented):
   * for a day, the team's people come from the lighter `GET …/users` instead, without targets.
   */
  peopleRefusedAt?: string;
}

export const togglFacts = factsFile<TogglFacts>(TOGGL_FACTS_FILE, (entry) =>
  defined({
    workspaceId: pick.integer(entry.workspaceId),
    workspaceName: pick.text(entry.workspaceName),
    plan: pick.text(entry.plan),
    requires: typeof entry.requires === 'string' ? entry.requires : undefined,
    lockedAt: typeof entry.lockedAt === 'string' ? entry.lockedAt : undefined,
    checkedAt: pick.text(entry.checkedAt),
    timezone: pick.text(entry.timezone),
    workspaceRole: pick.text(entry.workspaceRole),
    organizationId: pick.integer(entry.organizationId),
    peopleRefusedAt: pick.text(entry.peopleRefusedAt),
    ...pickRoleFacts(entry),
  }),
);

/** One configured workspace (or the person's default one) at one address. */
export function togglFactsKey(profile: { url: string; workspace?: string | undefined }): string {
  return `${profile.workspace === undefined ? 'the default workspace' : `workspace ${profile.workspace}`} at ${profile.url}`;
}
