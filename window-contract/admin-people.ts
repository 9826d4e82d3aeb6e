// The window's contract for Administration's people, teams and bulk corrections (the sections of
// admin-sections.ts), each through the engine's own tools.
import * as z from 'zod/v4';
import { day, none, personId } from './request-parts.ts';

/** One person as manage_people lists them; `role` is the back end's own word, null where it shows none. */
export interface AdminPerson {
  id: number;
  name: string;
  email: string;
  role: string | null;
  active: boolean;
  teams: string[];
}

/** A page of the people the back end lets the person see (manage_people, list). */
export interface PeopleView {
  people: AdminPerson[];
  page: number;
  totalPages: number;
  total: number;
}

/** A change to a person: the engine's sentence about it, and the person as the back end keeps them now. */
export interface PersonChange {
  message: string;
  person: AdminPerson;
}

/** A team as manage_teams lists it. */
export interface AdminTeamSummary {
  id: number;
  name: string;
}

/** A team as manage_teams shows it: its members, leads marked. */
export interface AdminTeamView extends AdminTeamSummary {
  members: Array<{ id: number; name: string; lead: boolean }>;
}

/** A change to a team: the engine's sentence, the teams now, and the team as it is now (null once deleted). */
export interface TeamChange {
  message: string;
  teams: AdminTeamSummary[];
  team: AdminTeamView | null;
}

/** What a bulk correction changes, as correct_time_entries takes it; only what is given changes. */
export interface CorrectionSetView {
  project?: string;
  activity?: string;
  billable?: boolean;
  exported?: boolean;
  addTags?: string[];
}

/** correct_time_entries' answer: the preview (`changed` false) or what it changed, in the same shape. */
export interface CorrectionView {
  changed: boolean;
  count: number;
  hours: number;
  /** The locked period's end where the account's settings name one, or null: then locked periods are unknown. */
  lockedUntil: string | null;
  notTouched: Array<{ id: number; start: string; person: string; reason: 'locked' | 'exported' }>;
  /** The first 20 it changes or would change. */
  entries: Array<{ id: number; start: string; hours: number; person: string; project: string; activity: string }>;
  /** The engine's words about it. */
  message: string;
}

const personName = z.string().trim().min(1, 'a name').max(200);
const email = z
  .string()
  .trim()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address like ada@example.com')
  .max(200);
const roleWord = z.string().trim().min(1).max(100);
const itemName = z.string().trim().min(1).max(100);
/** Which entries a bulk correction covers and what it sets; at least one thing set (correct_time_entries refuses none). */
const correctionRequest = {
  from: day,
  to: day,
  people: z.array(itemName).max(20).optional(),
  project: itemName.optional(),
  activity: itemName.optional(),
  set: z
    .object({
      project: itemName.optional(),
      activity: itemName.optional(),
      billable: z.boolean().optional(),
      exported: z.boolean().optional(),
      addTags: z.array(itemName).min(1).max(5).optional(),
    })
    .strict()
    .refine((set) => Object.values(set).some((value) => value !== undefined), 'something to change: a project, an activity, billable, exported or tags'),
};

/** A team by the id its list showed, and a change to it (manage_teams): one action per request, each with what it needs. */
const teamId = z.number().int().min(1);
/** A team's name as manage_teams takes it (Kimai: 2 to 100 characters). */
const teamName = z.string().trim().min(2, 'a team name of 2 to 100 characters').max(100);
/** People to add as manage_teams finds them: an id, an e-mail or a name each; at most the 20 one call may name. */
const teamPeople = z.array(z.string().trim().min(1).max(100)).min(1, 'someone to add').max(20);
const teamChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), name: teamName }).strict(),
  z.object({ action: z.literal('rename'), id: teamId, name: teamName }).strict(),
  z.object({ action: z.literal('add_members'), id: teamId, people: teamPeople }).strict(),
  z.object({ action: z.literal('remove_members'), id: teamId, people: z.array(personId).min(1, 'someone to remove').max(20) }).strict(),
  z.object({ action: z.literal('set_lead'), id: teamId, person: personId }).strict(),
  z.object({ action: z.literal('delete'), id: teamId }).strict(),
]);

export const adminPeopleChannels = {
  /** A page of the people (manage_people, list), the deactivated too where asked. */
  getAdminPeople: { request: z.object({ page: z.number().int().min(1).max(10_000), includeInactive: z.boolean() }).strict(), response: {} as PeopleView },
  /** Invites or creates a person (manage_people, invite), with the back end's role word where given. */
  invitePerson: { request: z.object({ name: personName, email, role: roleWord.optional() }).strict(), response: {} as PersonChange },
  /** Changes a person's name, e-mail or role (manage_people, update); at least one of them. */
  updatePerson: {
    request: z
      .object({ id: personId, name: personName.optional(), email: email.optional(), role: roleWord.optional() })
      .strict()
      .refine((change) => change.name !== undefined || change.email !== undefined || change.role !== undefined, 'a name, e-mail or role to change'),
    response: {} as PersonChange,
  },
  /** Deactivates a person, or reactivates them with `active: true` (manage_people). */
  setPersonActive: { request: z.object({ id: personId, active: z.boolean() }).strict(), response: {} as PersonChange },
  /** The preview of a bulk correction (correct_time_entries without confirm_count): nothing changes. */
  previewCorrection: { request: z.object(correctionRequest).strict(), response: {} as CorrectionView },
  /** The correction itself, with the count its preview showed: a different count is refused with the fresh preview. */
  applyCorrection: { request: z.object({ ...correctionRequest, confirmCount: z.number().int().min(0) }).strict(), response: {} as CorrectionView },
  /** The teams (manage_teams, list). */
  getAdminTeams: { request: none, response: [] as AdminTeamSummary[] },
  /** One team with its members and leads (manage_teams, show). */
  getAdminTeam: { request: z.object({ id: teamId }).strict(), response: {} as AdminTeamView },
  /** Creates, renames or deletes a team, adds or removes members, or makes one a lead (manage_teams). */
  changeTeam: { request: teamChange, response: {} as TeamChange },
} as const;
