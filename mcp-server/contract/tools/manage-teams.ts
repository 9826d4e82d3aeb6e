// `manage_teams` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { CATALOG_KINDS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

export const TEAM_ACTIONS = ['list', 'show', 'create', 'rename', 'add_members', 'remove_members', 'set_lead', 'delete', 'grant', 'revoke'] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

/** People one call may name: each added or removed member is a request of its own. */
export const MAX_TEAM_PEOPLE = 20;

const ref = z.object({ id: z.int(), name: z.string() });
/** A team as the tool shows it; `members` and `access` only where the team itself was read (not in a list). */
const teamOutput = z.object({
  id: z.int(),
  name: z.string(),
  members: z.array(z.object({ id: z.int(), name: z.string(), lead: z.boolean() })).optional(),
  /** What the team's members may book on where access is restricted: Kimai's team access. */
  access: z.object({ customers: z.array(ref), projects: z.array(ref), activities: z.array(ref) }).optional(),
});

export const manageTeamsContract = toolContract({
  name: 'manage_teams',
  group: 'admin',
  access: 'change',
  title: 'Manage teams',
  description: 'Teams, members, leads, and access to catalog items.',
  capability: 'admin_teams',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  input: () =>
    z.object({
      action: z.enum(TEAM_ACTIONS),
      team: z.string().max(100).optional(),
      name: z.string().max(100).optional(),
      people: z.array(z.string().max(100)).max(MAX_TEAM_PEOPLE).optional(),
      lead: z.string().max(100).optional(),
      kind: z.enum(CATALOG_KINDS).optional(),
      item: z.string().max(100).optional(),
    }),
  output: () =>
    z.object({
      action: z.enum(TEAM_ACTIONS),
      /** The teams listed, or the one shown, made or changed (as it is now); empty after a delete. */
      teams: z.array(teamOutput),
      /** The team deleted, by id and name. */
      deleted: ref.optional(),
    }),
});
