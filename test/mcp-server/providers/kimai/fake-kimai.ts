// A fake Kimai 2 server on loopback (HTTP, or HTTPS with a certificate made by `openssl` at test
// time) that follows docs/back-ends/kimai.md: the case-sensitive Bearer rule and its 401 shapes,
// local date-time input in the caller's profile zone and `+0200` output, strict query
// date-times, paging headers and the 404 past the last page, the nameless "extra fields" 400,
// permissions by role (and the view_team an administrator may grant), tracking modes, auto-stop of
// running timers, minute rounding on save, and the absence plugin present or absent, teams with their
// leads (a team lead sees the timesheets and absences of the teams they lead and nobody else's, and
// the teams' member lists only with view_team; an administrator everyone's), project budgets,
// and the plugin's confirm and reject, its `user` on a filing and a listing as Kimai treats a filter for others (an
// absence filed for the person named, with the right; a listing's `user` ignored without a word, without it), and
// the ApprovalBundle plugin present or absent (fake-kimai-approvals.ts). Reusable: the app's UI tests drive it too.
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { join } from 'node:path';
import { addDays, localDateTimeToEpoch, offsetMinutes } from '../../../../mcp-server/domain/time.ts';
import { writeDetection } from '../../../../mcp-server/providers/kimai/facts.ts';
import { type Failure, Failures, HttpAnswer, type RecordedRequest, type Reply, startFakeServer } from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';
import { type FakeApprovals, registerApprovalRoutes } from './fake-kimai-approvals.ts';
import { type FakeRate, registerRateRoutes } from './fake-kimai-rates.ts';
import { registerTeamWrites } from './fake-kimai-teams.ts';
import { type CatalogPermission, serveCatalogItems } from './fake-kimai-catalog.ts';
import { emailOf, registerPeopleRoutes } from './fake-kimai-people.ts';
import { type ActingPermission, holds, reachesProject } from './fake-kimai-acting.ts';
import { type FakeMetaRule, grantedRule, metaFieldsJson, ruleJson, setMeta } from './fake-kimai-meta.ts';

export { clockStartingAt } from '../../../support/fake-clock.ts';
export type { Failure, FakeMetaRule, RecordedRequest };

export type Role = 'ROLE_USER' | 'ROLE_TEAMLEAD' | 'ROLE_ADMIN' | 'ROLE_SUPER_ADMIN';

export interface FakeUser {
  id: number;
  username: string;
  alias: string | null;
  timezone: string;
  /**
   * Highest role; the stored roles of a plain user are `[]`, as Kimai often reports
   * (docs/back-ends/kimai.md, "Roles and permissions").
   */
  role: Role;
  token: string;
  /**
   * Without `api_access` every API call is a 403 with a code (docs/back-ends/kimai.md, "Bad
   * credentials").
   */
  apiAccess?: boolean;
  /** The account's e-mail; `username@example.com` when left out (fake-kimai-people.ts). */
  email?: string;
  /** A disabled account (Kimai's `enabled: false`); enabled when left out. */
  enabled?: boolean;
}

/** What a customer, project or activity keeps beyond its name (changed through fake-kimai-catalog.ts); absent is Kimai's default. */
interface FakeItemExtras {
  comment?: string | null;
  billable?: boolean;
  /** Money, seconds, and 'month' or null. */
  budget?: number;
  timeBudget?: number;
  budgetType?: 'month' | null;
}
export interface FakeCustomer extends FakeItemExtras {
  id: number;
  name: string;
  visible: boolean;
}
export interface FakeProject extends FakeItemExtras {
  id: number;
  name: string;
  customerId: number;
  visible: boolean;
  globalActivities: boolean;
  start: string | null;
  end: string | null;
  /** Seconds, money and 'month' or null (docs/back-ends/kimai.md, "Teams": shown to team leads and administrators). */
  timeBudget?: number;
  budget?: number;
  budgetType?: 'month' | null;
}
/** A team: its members, each a lead of it or not, and the catalog items it was granted (ids). */
export interface FakeTeam {
  id: number;
  name: string;
  members: Array<{ userId: number; teamlead: boolean }>;
  customers?: number[];
  projects?: number[];
  activities?: number[];
}
export interface FakeActivity extends FakeItemExtras {
  id: number;
  name: string;
  projectId: number | null;
  visible: boolean;
}
export interface FakeTimesheet {
  id: number;
  userId: number;
  begin: number;
  end: number | null;
  /**
   * The zone the record was saved in; its times are written in it (docs/back-ends/kimai.md,
   * "Times").
   */
  timezone: string;
  projectId: number;
  activityId: number;
  description: string | null;
  tags: string[];
  billable: boolean;
  exported: boolean;
  /** Meta fields by their (lowercased) name, as text (fake-kimai-meta.ts). */
  meta?: Record<string, string>;
}
/** A tag: a timesheet names it by `name`; a hidden one (`visible: false`) is listed nowhere. */
export interface FakeTag {
  id: number;
  name: string;
  visible: boolean;
  color?: string | null;
}
/** An invoice as Kimai keeps it: made on `createdAt` (an instant) in `timezone`. */
export interface FakeInvoice {
  id: number;
  invoiceNumber: string;
  customerId: number;
  createdAt: number;
  timezone: string;
  total: number;
  currency: string;
  status: 'new' | 'pending' | 'paid' | 'canceled';
}
export interface FakeAbsence {
  id: number;
  userId: number;
  date: string;
  endDate: string;
  type: string;
  status: string;
  halfDay: boolean;
  comment: string;
}

export interface FakeKimaiConfig {
  trackingMode: 'default' | 'punch' | 'duration_fixed_begin';
  activeEntriesHardLimit: number;
  absencePlugin: boolean;
  /**
   * The status the absence plugin gives a request filed for someone else (`user` on POST /api/absences, with
   * edit_other_absence): not known from any source (docs/back-ends/kimai.md, "Acting for others"), so a test says which.
   * Sickness is approved at once whoever files it, as the plugin's documentation says.
   */
  absenceStatusFiledForOthers: 'new' | 'approved';
  /** The ApprovalBundle plugin (weekly approval, fake-kimai-approvals.ts) installed; off by default, its routes are then 404s. */
  approvalPlugin: boolean;
  /** The custom-fields plugin (MetaFieldsBundle, fake-kimai-meta.ts) installed, with these rules; off by default, /api/metafields is then a 404. */
  metaFieldsPlugin: boolean;
  metaRules: FakeMetaRule[];
  /**
   * Permissions an administrator granted a role beyond what Kimai ships (Roles and permissions):
   * `view_team` lets a team lead read teams' member lists (docs/back-ends/kimai.md, "Teams"); `view_user` lets a role list
   * people (fake-kimai-acting.ts).
   */
  granted: Partial<Record<Role, Array<'view_team' | 'view_user'>>>;
  /** Permissions an administrator took from a role that Kimai ships it with (Roles and permissions). */
  /**
   * The lockdown Kimai keeps in its system settings (docs/back-ends/kimai.md, "Administration"): a
   * record begun up to `end` is a 403 to change for anyone but an administrator. No API shows it.
   */
  lockdown?: { start: number; end: number };
  revoked: Partial<Record<Role, Array<'view_invoice' | 'create_tag' | CatalogPermission | 'edit_team' | ActingPermission>>>;
}

export interface FakeKimaiOptions {
  users?: FakeUser[];
  config?: Partial<FakeKimaiConfig>;
  now?: () => number;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  version?: string;
  /** The most timesheets a page holds, whatever `size` asks for (X-Per-Page then says the size kept). */
  pageCap?: number;
}

export type KimaiRequest = RecordedRequest & { headers: http.IncomingHttpHeaders };

export interface FakeKimai {
  readonly url: string;
  readonly state: {
    users: FakeUser[];
    customers: FakeCustomer[];
    projects: FakeProject[];
    activities: FakeActivity[];
    timesheets: FakeTimesheet[];
    absences: FakeAbsence[];
    teams: FakeTeam[];
    tags: FakeTag[];
    invoices: FakeInvoice[];
    rates: FakeRate[];
  };
  readonly config: FakeKimaiConfig;
  /** Every request with the headers it came with: what a client sent Kimai, secrets included. */
  readonly requests: KimaiRequest[];
  /** The ApprovalBundle's weeks, and the approving and denying a lead does in Kimai's pages (no API). */
  readonly approvals: FakeApprovals;
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
  addCustomer(name: string, options?: { visible?: boolean }): FakeCustomer;
  addProject(name: string, customerId: number, options?: Partial<Omit<FakeProject, 'id' | 'name' | 'customerId'>>): FakeProject;
  addActivity(name: string, projectId: number | null, options?: { visible?: boolean }): FakeActivity;
  addTimesheet(sheet: Omit<FakeTimesheet, 'id' | 'tags' | 'billable' | 'exported' | 'timezone' | 'description'> & Partial<FakeTimesheet>): FakeTimesheet;
  addTeam(name: string, members: Array<{ userId: number; teamlead?: boolean }>): FakeTeam;
  addAbsence(absence: Omit<FakeAbsence, 'id' | 'halfDay' | 'comment' | 'endDate'> & Partial<FakeAbsence>): FakeAbsence;
  addInvoice(invoice: Omit<FakeInvoice, 'id' | 'timezone' | 'currency'> & Partial<FakeInvoice>): FakeInvoice;
  close(): Promise<void>;
}

export const DEFAULT_USERS: FakeUser[] = [
  { id: 1, username: 'ada', alias: 'Ada Lovelace', timezone: 'Europe/Berlin', role: 'ROLE_USER', token: 'token-ada-0123456789' },
  { id: 2, username: 'tom', alias: 'Tom Lead', timezone: 'Europe/Berlin', role: 'ROLE_TEAMLEAD', token: 'token-tom-0123456789' },
  { id: 3, username: 'root', alias: null, timezone: 'UTC', role: 'ROLE_SUPER_ADMIN', token: 'token-root-0123456789' },
];

const ROLE_RANK: Record<Role, number> = { ROLE_USER: 0, ROLE_TEAMLEAD: 1, ROLE_ADMIN: 2, ROLE_SUPER_ADMIN: 3 };
const STRICT_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const BODY_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?$/;
/** A body date-time with an offset: Kimai's form library parses it and converts it (docs/back-ends/kimai.md, "What the fake assumes"). */
const BODY_DATE_TIME_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})$/;
const ABSENCE_TYPES: Record<string, string> = {
  holiday: 'Holiday',
  time_off: 'Time off',
  sickness: 'Sickness',
  sickness_child: 'Sickness of child',
  parental: 'Parental leave',
  unpaid_vacation: 'Unpaid vacation',
  other: 'Other',
};

const notFound = () => new HttpAnswer(404, { code: 404, message: 'Not Found' });
const forbidden = () => new HttpAnswer(403, { code: 403, message: 'Forbidden' });
const badRequest = () => new HttpAnswer(400, { code: 400, message: 'Bad Request' });

/**
 * Kimai's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its own forms: its
 * JSON `{code, message}` for a permission refused and a route that is not there (a plugin not installed), and for a
 * token it does not take the 401 its authenticator sends, with nothing in the body. GUESS: Kimai itself never answers
 * 402 (no plans); a host in front of it may, in Kimai's own shape here, as its 500 is.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return { status: 402, body: { code: 402, message: 'Payment Required' } };
    if (own === 'forbidden') return { status: 403, body: { code: 403, message: 'Forbidden' } };
    if (own === 'not_found') return { status: 404, body: { code: 404, message: 'Not Found' } };
    if (own === 'token_refused')
      return { status: 401, raw: '', headers: { 'WWW-Authenticate': 'Bearer error="invalid_token",error_description="Invalid credentials."' } };
    return { status: 500, body: { code: 500, message: 'Internal Server Error' } };
  });
}

function formError(children: Record<string, string[]>, global: string[] = []): HttpAnswer {
  const body: Record<string, unknown> = {
    code: 400,
    message: 'Validation Failed',
    errors: { children: Object.fromEntries(Object.entries(children).map(([key, errors]) => [key, errors.length ? { errors } : {}])) },
  };
  if (global.length > 0) (body.errors as Record<string, unknown>).errors = global;
  return new HttpAnswer(400, body);
}

const extraFields = (fields: string[]) => formError(Object.fromEntries(fields.map((field) => [field, []])), ['This form should not contain extra fields.']);

/** '2026-05-04T09:00:00+0200' — Kimai's output shape (docs/back-ends/kimai.md, "Times"). */
export function kimaiFormat(epochMs: number, timezone: string): string {
  const offset = offsetMinutes(epochMs, timezone);
  const wall = new Date(epochMs + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const magnitude = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(magnitude / 60)).padStart(2, '0')}${String(magnitude % 60).padStart(2, '0')}`;
}

function parseLocal(text: string, timezone: string, strict: boolean): number | undefined {
  if (strict && !STRICT_DATE_TIME.test(text)) return undefined;
  const withOffset = strict ? null : BODY_DATE_TIME_WITH_OFFSET.exec(text);
  if (withOffset) {
    const offset = withOffset[4] === 'Z' ? 'Z' : (withOffset[4] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const epoch = Date.parse(`${withOffset[1]}T${withOffset[2]}:${withOffset[3] ?? '00'}${offset}`);
    return Number.isNaN(epoch) ? undefined : epoch;
  }
  const match = BODY_DATE_TIME.exec(text);
  if (!match) return undefined;
  try {
    return localDateTimeToEpoch(match[1] as string, `${match[2]}:${match[3] ?? '00'}`, timezone);
  } catch {
    return undefined;
  }
}

export async function startFakeKimai(options: FakeKimaiOptions = {}): Promise<FakeKimai> {
  const now = options.now ?? Date.now;
  const state: FakeKimai['state'] = {
    users: (options.users ?? DEFAULT_USERS).map((user) => ({ ...user })),
    customers: [],
    projects: [],
    activities: [],
    timesheets: [],
    absences: [],
    teams: [],
    tags: [],
    invoices: [],
    rates: [],
  };
  const config: FakeKimaiConfig = {
    trackingMode: 'default',
    activeEntriesHardLimit: 1,
    absencePlugin: false,
    absenceStatusFiledForOthers: 'new',
    approvalPlugin: false,
    metaFieldsPlugin: false,
    metaRules: [],
    granted: {},
    revoked: {},
    ...options.config,
  };
  const requests: KimaiRequest[] = [];
  const failures = new Failures();
  let nextId = 1;

  const can = {
    /** view_other_timesheet, and the other acting permissions (fake-kimai-acting.ts). */
    viewOther: (user: FakeUser) => holds(config, user, 'view_other_timesheet'),
    acts: (user: FakeUser, permission: ActingPermission) => holds(config, user, permission),
    billable: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_TEAMLEAD,
    rates: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_ADMIN,
    createCustomerOrProject: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_ADMIN,
    createActivity: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_TEAMLEAD,
    viewEntity: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_ADMIN,
    /** view_team: administrators as Kimai ships, and a role an administrator granted it. */
    viewTeams: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_ADMIN || (config.granted[user.role] ?? []).includes('view_team'),
    /** The budget fields in project lists (team leads and up, by default). */
    viewBudget: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_TEAMLEAD,
    /** view_invoice: team leads and up, as Kimai ships it, unless a test took it away (`config.revoked`). */
    viewInvoices: (user: FakeUser) => ROLE_RANK[user.role] >= ROLE_RANK.ROLE_TEAMLEAD && !(config.revoked[user.role] ?? []).includes('view_invoice'),
    /** create_tag: every role as Kimai ships it, unless a test took it away. */
    createTag: (user: FakeUser) => !(config.revoked[user.role] ?? []).includes('create_tag'),
  };
  /** The teams `user` leads. */
  const ledTeams = (user: FakeUser) => state.teams.filter((team) => team.members.some((member) => member.userId === user.id && member.teamlead));
  /**
   * Whose records `user` may see: their own; an administrator's everyone's; a team lead's the members
   * of the teams they lead (docs/back-ends/kimai.md, "Roles and permissions").
   */
  const sees = (user: FakeUser, owner: number) =>
    owner === user.id || (can.viewOther(user) && (can.rates(user) || ledTeams(user).some((team) => team.members.some((member) => member.userId === owner))));

  // ---------------------------------------------------------------------------------------------
  // Presentation

  /**
   * The teams granted an item (team access), as Kimai lists them on each customer, project and activity, to any
   * caller (docs/back-ends/kimai.md, "Acting for others"): the grants are readable without reading the teams.
   */
  const grantedTo = (kind: 'customers' | 'projects' | 'activities', id: number) =>
    state.teams.filter((team) => (team[kind] ?? []).includes(id)).map((team) => ({ id: team.id, name: team.name, color: null, 'color-safe': '#03A9F4' }));
  const customerJson = (customer: FakeCustomer) => ({
    id: customer.id,
    name: customer.name,
    number: null,
    comment: customer.comment ?? null,
    visible: customer.visible,
    billable: customer.billable ?? true,
    currency: 'EUR',
    country: 'DE',
    timezone: 'Europe/Berlin',
    color: null,
    'color-safe': '#03A9F4',
    metaFields: [],
    teams: grantedTo('customers', customer.id),
  });
  const projectJson = (project: FakeProject, expanded: boolean) => {
    const customer = state.customers.find((item) => item.id === project.customerId);
    return {
      id: project.id,
      name: project.name,
      customer: expanded && customer ? customerJson(customer) : project.customerId,
      parentTitle: customer?.name ?? null,
      visible: project.visible,
      billable: project.billable ?? true,
      globalActivities: project.globalActivities,
      start: project.start,
      end: project.end,
      number: null,
      orderNumber: null,
      orderDate: null,
      comment: project.comment ?? null,
      color: null,
      'color-safe': '#3b82f6',
      metaFields: [],
      teams: grantedTo('projects', project.id),
    };
  };
  const budgetJson = (project: FakeProject) => ({ budget: project.budget ?? 0, timeBudget: project.timeBudget ?? 0, budgetType: project.budgetType ?? null });
  const activityJson = (activity: FakeActivity) => ({
    id: activity.id,
    name: activity.name,
    project: activity.projectId,
    parentTitle: state.projects.find((project) => project.id === activity.projectId)?.name ?? null,
    visible: activity.visible,
    billable: activity.billable ?? true,
    number: null,
    comment: activity.comment ?? null,
    color: null,
    'color-safe': '#10b981',
    metaFields: [],
    teams: grantedTo('activities', activity.id),
  });
  const userShort = (user: FakeUser) => ({
    id: user.id,
    username: user.username,
    alias: user.alias,
    enabled: user.enabled !== false,
    title: null,
    language: 'en',
    locale: 'en_GB',
    timezone: user.timezone,
  });
  const customerOf = (projectId: number) => state.projects.find((item) => item.id === projectId)?.customerId;
  const sheetJson = (sheet: FakeTimesheet, expanded: boolean) => {
    const project = state.projects.find((item) => item.id === sheet.projectId);
    const activity = state.activities.find((item) => item.id === sheet.activityId);
    const user = state.users.find((item) => item.id === sheet.userId);
    const duration = sheet.end === null ? 0 : Math.round((sheet.end - sheet.begin) / 1000);
    return {
      id: sheet.id,
      begin: kimaiFormat(sheet.begin, sheet.timezone),
      end: sheet.end === null ? null : kimaiFormat(sheet.end, sheet.timezone),
      duration,
      break: 0,
      description: sheet.description,
      tags: sheet.tags,
      exported: sheet.exported,
      billable: sheet.billable,
      metaFields: metaFieldsJson(config.metaRules, sheet, customerOf),
      project: expanded && project ? projectJson(project, true) : sheet.projectId,
      activity: expanded && activity ? { ...activityJson(activity), project: activity.projectId } : sheet.activityId,
      user: expanded && user ? userShort(user) : sheet.userId,
    };
  };
  const teamShort = (team: FakeTeam) => ({ id: team.id, name: team.name, color: null, 'color-safe': '#03A9F4' });
  const absenceJson = (absence: FakeAbsence) => {
    const user = state.users.find((item) => item.id === absence.userId);
    return {
      id: absence.id,
      user: user ? userShort(user) : absence.userId,
      date: absence.date,
      endDate: absence.endDate === absence.date ? null : absence.endDate,
      duration: 0,
      type: absence.type,
      status: absence.status,
      halfDay: absence.halfDay,
      comment: absence.comment,
    };
  };

  // ---------------------------------------------------------------------------------------------
  // Rules

  const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  const ceilMinute = (ms: number) => Math.ceil(ms / 60_000) * 60_000;

  /**
   * After a running record was created or restarted, stop the owner's oldest ones over the limit
   * (docs/back-ends/kimai.md, "Timers").
   */
  function enforceActiveLimit(owner: number, keep: number): void {
    const running = state.timesheets.filter((sheet) => sheet.userId === owner && sheet.end === null && sheet.id !== keep).sort((a, b) => a.begin - b.begin);
    while (running.length + 1 > config.activeEntriesHardLimit) {
      const oldest = running.shift();
      if (!oldest) break;
      oldest.end = Math.max(ceilMinute(now()), oldest.begin);
    }
  }

  function timesheetFields(user: FakeUser, creating: boolean): Set<string> {
    const fields = new Set(['project', 'activity', 'description', 'tags']);
    if (config.trackingMode === 'default' || can.viewOther(user)) {
      fields.add('begin');
      fields.add('end');
    }
    // `user` is on the form with create_other_timesheet (creating) or edit_other_timesheet (changing): fake-kimai-acting.ts.
    if (can.acts(user, creating ? 'create_other_timesheet' : 'edit_other_timesheet')) fields.add('user');
    if (can.billable(user)) {
      fields.add('billable');
      fields.add('exported');
    }
    if (can.rates(user)) {
      fields.add('fixedRate');
      fields.add('hourlyRate');
    }
    return fields;
  }

  /** Validates and applies a timesheet body (create or update); returns an error answer or null. */
  function applyTimesheet(user: FakeUser, body: Record<string, unknown>, sheet: FakeTimesheet, creating: boolean): HttpAnswer | null {
    const allowed = timesheetFields(user, creating);
    const extra = Object.keys(body).filter((key) => !allowed.has(key));
    if (extra.length > 0) return extraFields([...allowed]);
    const children: Record<string, string[]> = { begin: [], end: [], project: [], activity: [], description: [], tags: [] };
    const global: string[] = [];
    const zone = creating ? user.timezone : sheet.timezone;
    if ('project' in body) {
      const project = state.projects.find((item) => item.id === Number(body.project));
      // Team access is the caller's (fake-kimai-acting.ts): an administrator books anyone on any project.
      if (!project || !project.visible || !reachesProject(state.teams, state.customers, user, project))
        children.project?.push('The selected choice is invalid.');
      else sheet.projectId = project.id;
    } else if (creating) {
      children.project?.push('This value should not be blank.');
    }
    if ('activity' in body) {
      const activity = state.activities.find((item) => item.id === Number(body.activity));
      if (!activity || !activity.visible) children.activity?.push('The selected choice is invalid.');
      else sheet.activityId = activity.id;
    } else if (creating) {
      children.activity?.push('This value should not be blank.');
    }
    for (const field of ['begin', 'end'] as const) {
      if (!(field in body)) continue;
      const value = body[field];
      const parsed = typeof value === 'string' ? parseLocal(value, zone, false) : undefined;
      if (parsed === undefined) children[field]?.push('This value is not valid.');
      else if (field === 'begin') sheet.begin = floorMinute(parsed);
      else sheet.end = ceilMinute(parsed);
    }
    if ('user' in body) {
      // The choices are the enabled people the caller may see; the record is then kept in its owner's zone (docs/back-ends/kimai.md, "Acting for others").
      const owner = state.users.find((item) => item.id === Number(body.user));
      if (!owner || owner.enabled === false || !sees(user, owner.id)) children.user = ['The selected choice is invalid.'];
      else {
        sheet.userId = owner.id;
        sheet.timezone = owner.timezone;
      }
    }
    if ('description' in body) sheet.description = body.description === null ? null : String(body.description);
    if ('tags' in body) {
      if (typeof body.tags !== 'string') children.tags?.push('This value is not valid.');
      // Kimai resolves the names to existing tags and drops unknown ones silently (docs/back-ends/kimai.md, "Tags").
      else
        sheet.tags = body.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter((name) => state.tags.some((tag) => tag.name === name));
    }
    if ('billable' in body) sheet.billable = body.billable === true;
    if ('exported' in body) sheet.exported = body.exported === true;
    const project = state.projects.find((item) => item.id === sheet.projectId);
    const activity = state.activities.find((item) => item.id === sheet.activityId);
    if (project && activity && !children.project?.length && !children.activity?.length) {
      if (activity.projectId !== null && activity.projectId !== project.id)
        children.activity?.push('Project mismatch, project specific activity and timesheet project are different.');
      if (activity.projectId === null && !project.globalActivities) children.activity?.push('Global activities are forbidden for the selected project.');
    }
    if (sheet.end !== null && sheet.end < sheet.begin) global.push('End date must not be earlier then start date.');
    if (Object.values(children).some((errors) => errors.length > 0) || global.length > 0) return formError(children, global);
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;
  /** `plugin`: true for the absence plugin's routes, 'approvals' for the ApprovalBundle's, 'metafields' for the custom-fields plugin's; each is an unknown route (404) when not installed. */
  const routes: Array<{ method: string; pattern: RegExp; plugin?: boolean | 'approvals' | 'metafields'; handler: Handler }> = [];
  const route = (method: string, pattern: RegExp, handler: Handler, plugin: boolean | 'approvals' | 'metafields' = false) =>
    routes.push({ method, pattern, handler, plugin });
  const visibleFilter = (query: URLSearchParams) => {
    const visible = query.get('visible') ?? '1';
    return (isVisible: boolean) => (visible === '3' ? true : visible === '2' ? !isVisible : isVisible);
  };

  route('GET', /^\/api\/ping$/, () => new HttpAnswer(200, { message: 'pong' }));
  route(
    'GET',
    /^\/api\/version$/,
    () => new HttpAnswer(200, { version: options.version ?? '2.66.0', versionId: 26600, copyright: 'Kimai 2.66.0 by Kevin Papst.' }),
  );
  route(
    'GET',
    /^\/api\/plugins$/,
    () =>
      new HttpAnswer(200, [
        ...(config.absencePlugin ? [{ name: 'ControllingBundle', version: '2.0.0' }] : []),
        ...(config.approvalPlugin ? [{ name: 'ApprovalBundle', version: '2.2.3' }] : []),
        ...(config.metaFieldsPlugin ? [{ name: 'MetaFieldsBundle', version: '2.9.0' }] : []),
      ]),
  );
  route(
    'GET',
    /^\/api\/users\/me$/,
    (user) =>
      new HttpAnswer(200, {
        ...userShort(user),
        email: emailOf(user),
        systemAccount: false,
        apiToken: false,
        accountNumber: null,
        initials: user.username.slice(0, 2).toUpperCase(),
        color: null,
        'color-safe': '#03A9F4',
        avatar: null,
        roles: user.role === 'ROLE_USER' ? [] : [user.role],
        teams: state.teams.filter((team) => team.members.some((member) => member.userId === user.id)).map(teamShort),
        memberships: state.teams.flatMap((team) =>
          team.members.filter((member) => member.userId === user.id).map((member) => ({ team: teamShort(team), teamlead: member.teamlead })),
        ),
        supervisor: null,
        preferences: [{ name: 'timezone', value: user.timezone }],
      }),
  );
  route(
    'GET',
    /^\/api\/config\/timesheet$/,
    () =>
      new HttpAnswer(200, {
        trackingMode: config.trackingMode,
        defaultBeginTime: 'now',
        activeEntriesHardLimit: config.activeEntriesHardLimit,
        isAllowFutureTimes: true,
        isAllowOverlapping: true,
      }),
  );

  // Tags (docs/back-ends/kimai.md, "Tags"): find lists visible tags whose name holds `name` (an empty
  // one holds every name), and nothing without it; a tag created without `visible: true` is hidden.
  const tagJson = (tag: FakeTag) => ({ id: tag.id, name: tag.name, color: tag.color ?? null, 'color-safe': tag.color ?? '#6c757d', visible: tag.visible });
  route('GET', /^\/api\/tags\/find$/, (_user, query) => {
    const name = query.get('name');
    if (name === null) return new HttpAnswer(200, []);
    const found = state.tags.filter((tag) => tag.visible && tag.name.toLowerCase().includes(name.toLowerCase()));
    return new HttpAnswer(200, found.map(tagJson));
  });
  route('POST', /^\/api\/tags$/, (user, _query, body) => {
    if (!can.createTag(user)) return forbidden();
    const extra = Object.keys(body).filter((key) => !['name', 'color', 'visible'].includes(key));
    if (extra.length > 0) return extraFields(extra);
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name.length < 2 || name.length > 100 || name.includes(',')) return formError({ name: ['This value is not valid.'], color: [], visible: [] });
    if (state.tags.some((tag) => tag.name.toLowerCase() === name.toLowerCase())) {
      return formError({ name: ['This value is already used.'], color: [], visible: [] });
    }
    const color = body.color === undefined || body.color === null ? null : body.color;
    if (color !== null && (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)))
      return formError({ name: [], color: ['This value is not a valid color.'], visible: [] });
    const tag: FakeTag = { id: nextId++, name, visible: body.visible === true, color };
    state.tags.push(tag);
    return new HttpAnswer(200, tagJson(tag));
  });

  // Invoices (docs/back-ends/kimai.md, "Administration"): view_invoice, strict begin/end (made at or
  // after, at or before, in the caller's zone), status[] of the four words only, customers[] of
  // ids, pages with their headers and a 404 past the last one; newest first.
  route('GET', /^\/api\/invoices$/, (user, query) => {
    if (!can.viewInvoices(user)) return forbidden();
    const bound = (name: string) => {
      const text = query.get(name);
      if (text === null || text === '') return null;
      return parseLocal(text, user.timezone, true) ?? Number.NaN;
    };
    const begin = bound('begin');
    const end = bound('end');
    if (Number.isNaN(begin) || Number.isNaN(end)) return badRequest();
    const statuses = query.getAll('status[]');
    if (statuses.some((status) => !['new', 'pending', 'paid', 'canceled'].includes(status))) return badRequest();
    const customerTexts = query.getAll('customers[]');
    if (customerTexts.some((text) => !/^\d+$/.test(text))) return badRequest();
    const customers = customerTexts.map(Number);
    const page = query.get('page') ?? '1';
    const size = query.get('size') ?? '50';
    if (!/^\d+$/.test(page) || !/^\d+$/.test(size)) return badRequest();
    const perPage = Math.min(Math.max(Number(size), 1), 500);
    const found = state.invoices
      .filter((invoice) => (begin === null || invoice.createdAt >= begin) && (end === null || invoice.createdAt <= end))
      .filter((invoice) => statuses.length === 0 || statuses.includes(invoice.status))
      .filter((invoice) => customers.length === 0 || customers.includes(invoice.customerId))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    const pages = Math.max(1, Math.ceil(found.length / perPage));
    if (Number(page) > pages || Number(page) < 1) return notFound();
    const items = found.slice((Number(page) - 1) * perPage, Number(page) * perPage).map((invoice) => {
      const customer = state.customers.find((item) => item.id === invoice.customerId);
      return {
        id: invoice.id,
        invoiceNumber: invoice.invoiceNumber,
        customer: customer ? customerJson(customer) : null,
        user: userShort(user),
        createdAt: kimaiFormat(invoice.createdAt, invoice.timezone),
        total: invoice.total,
        tax: 0,
        currency: invoice.currency,
        vat: 0,
        status: invoice.status,
        paymentDate: null,
      };
    });
    return new HttpAnswer(200, items, {
      'X-Page': page,
      'X-Total-Count': String(found.length),
      'X-Total-Pages': String(found.length === 0 ? 0 : pages),
      'X-Per-Page': String(perPage),
    });
  });

  route('GET', /^\/api\/customers$/, (_user, query) => {
    const keep = visibleFilter(query);
    return new HttpAnswer(
      200,
      state.customers
        .filter((item) => keep(item.visible))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(customerJson),
    );
  });
  route('GET', /^\/api\/projects$/, (user, query) => {
    const keep = visibleFilter(query);
    const today = new Date(now()).toISOString().slice(0, 10);
    const ignoreDates = query.get('ignoreDates') === '1' || query.get('ignoreDates') === 'true';
    return new HttpAnswer(
      200,
      state.projects
        .filter((project) => keep(project.visible && state.customers.find((customer) => customer.id === project.customerId)?.visible !== false))
        .filter((project) => ignoreDates || ((project.start === null || project.start <= today) && (project.end === null || project.end >= today)))
        .filter((project) => reachesProject(state.teams, state.customers, user, project))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((project) => ({ ...projectJson(project, false), ...(can.viewBudget(user) ? budgetJson(project) : {}) })),
    );
  });
  route('GET', /^\/api\/activities$/, (_user, query) => {
    const keep = visibleFilter(query);
    const projectId = query.get('project');
    const project = projectId === null ? undefined : state.projects.find((item) => item.id === Number(projectId));
    return new HttpAnswer(
      200,
      state.activities
        .filter((activity) => keep(activity.visible))
        .filter((activity) => query.get('globals') !== '1' || activity.projectId === null)
        .filter(
          (activity) => projectId === null || activity.projectId === Number(projectId) || (activity.projectId === null && project?.globalActivities !== false),
        )
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(activityJson),
    );
  });
  // One item's read and change: fake-kimai-catalog.ts.
  serveCatalogItems({
    state,
    config,
    route,
    presented: { customers: customerJson, projects: (project) => projectJson(project, false), activities: activityJson },
    formError,
    extraFields,
  });
  route('POST', /^\/api\/customers$/, (user, _query, body) => {
    if (!can.createCustomerOrProject(user)) return forbidden();
    if (typeof body.name !== 'string' || body.name.length < 2) return formError({ name: ['This value is too short. It should have 2 characters or more.'] });
    return new HttpAnswer(200, customerJson(fake.addCustomer(body.name)));
  });
  route('POST', /^\/api\/projects$/, (user, _query, body) => {
    if (!can.createCustomerOrProject(user)) return forbidden();
    const customer = state.customers.find((item) => item.id === Number(body.customer));
    if (typeof body.name !== 'string' || body.name.length < 2 || !customer) {
      return formError({
        name: typeof body.name === 'string' && body.name.length >= 2 ? [] : ['This value is too short.'],
        customer: customer ? [] : ['The selected choice is invalid.'],
      });
    }
    return new HttpAnswer(200, projectJson(fake.addProject(body.name, customer.id), false));
  });
  route('POST', /^\/api\/activities$/, (user, _query, body) => {
    if (!can.createActivity(user)) return forbidden();
    if (typeof body.name !== 'string' || body.name.length < 2) return formError({ name: ['This value is too short.'] });
    const projectId = body.project === undefined ? null : Number(body.project);
    if (projectId !== null && !state.projects.some((item) => item.id === projectId)) return formError({ project: ['The selected choice is invalid.'] });
    return new HttpAnswer(200, activityJson(fake.addActivity(body.name, projectId)));
  });

  route('GET', /^\/api\/timesheets$/, (user, query) => {
    for (const key of ['begin', 'end', 'modified_after']) {
      const value = query.get(key);
      if (value !== null && !STRICT_DATE_TIME.test(value)) return badRequest();
    }
    const begin = query.get('begin');
    const end = query.get('end');
    const from = begin === null ? undefined : parseLocal(begin, user.timezone, true);
    const to = end === null ? undefined : parseLocal(end, user.timezone, true);
    const userParam = query.get('user');
    const several = query.getAll('users[]').map(Number);
    // Several users, one of them hidden from the caller: 403 (docs/back-ends/kimai.md, "Timesheet filters").
    if (can.viewOther(user) && userParam !== 'all' && several.some((owner) => !sees(user, owner))) return forbidden();
    if (can.viewOther(user) && userParam !== null && userParam !== 'all' && !sees(user, Number(userParam))) return forbidden();
    const owners = (sheet: FakeTimesheet) =>
      // `user` is silently ignored without view_other_timesheet (docs/back-ends/kimai.md,
      // "Timesheet filters"); `all` is everyone the caller may see.
      !can.viewOther(user)
        ? sheet.userId === user.id
        : userParam === 'all'
          ? sees(user, sheet.userId)
          : several.length > 0
            ? several.includes(sheet.userId)
            : sheet.userId === (userParam === null ? user.id : Number(userParam));
    const projectIds = [query.get('project'), ...query.getAll('projects[]')].filter((value): value is string => value !== null).map(Number);
    const active = query.get('active');
    let found = state.timesheets
      .filter(owners)
      .filter((sheet) => from === undefined || sheet.begin >= from)
      // `end` filters on the record's begin, inclusively (docs/back-ends/kimai.md, "Timesheet
      // filters").
      .filter((sheet) => to === undefined || sheet.begin <= to)
      .filter((sheet) => projectIds.length === 0 || projectIds.includes(sheet.projectId))
      .filter((sheet) => query.get('activity') === null || sheet.activityId === Number(query.get('activity')))
      .filter((sheet) => active === null || (active === '1') === (sheet.end === null));
    const orderBy = query.get('orderBy') ?? 'begin';
    const direction = (query.get('order') ?? 'DESC').toUpperCase() === 'ASC' ? 1 : -1;
    const key = (sheet: FakeTimesheet) => (orderBy === 'id' ? sheet.id : orderBy === 'end' ? (sheet.end ?? Number.MAX_SAFE_INTEGER) : sheet.begin);
    found = found.sort((a, b) => direction * (key(a) - key(b) || a.id - b.id));
    let size = Number(query.get('size') ?? '50');
    if (!Number.isFinite(size) || size < 1) size = 50;
    size = Math.min(size, 500, options.pageCap ?? 500);
    const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
    const pages = Math.max(1, Math.ceil(found.length / size));
    if (page > pages) return notFound();
    const expanded = query.get('full') === 'true' || query.get('full') === '1';
    return new HttpAnswer(
      200,
      found.slice((page - 1) * size, page * size).map((sheet) => sheetJson(sheet, expanded)),
      { 'X-Page': String(page), 'X-Total-Count': String(found.length), 'X-Total-Pages': String(found.length === 0 ? 0 : pages), 'X-Per-Page': String(size) },
    );
  });
  route(
    'GET',
    /^\/api\/timesheets\/active$/,
    (user) =>
      new HttpAnswer(
        200,
        state.timesheets
          .filter((sheet) => sheet.userId === user.id && sheet.end === null)
          .sort((a, b) => b.begin - a.begin)
          .map((sheet) => sheetJson(sheet, true)),
      ),
  );
  route('GET', /^\/api\/timesheets\/recent$/, (user, query) => {
    const seen = new Set<string>();
    const recent: FakeTimesheet[] = [];
    for (const sheet of state.timesheets.filter((item) => item.userId === user.id).sort((a, b) => b.begin - a.begin || b.id - a.id)) {
      const combo = `${sheet.projectId}/${sheet.activityId}`;
      if (seen.has(combo)) continue;
      seen.add(combo);
      recent.push(sheet);
    }
    return new HttpAnswer(
      200,
      recent.slice(0, Number(query.get('size') ?? '10')).map((sheet) => sheetJson(sheet, true)),
    );
  });
  route('POST', /^\/api\/timesheets$/, (user, query, body) => {
    const sheet: FakeTimesheet = {
      id: 0,
      userId: user.id,
      begin: floorMinute(now()),
      end: null,
      timezone: user.timezone,
      projectId: 0,
      activityId: 0,
      description: null,
      tags: [],
      billable: true,
      exported: false,
    };
    const problem = applyTimesheet(user, body, sheet, true) ?? lockedPeriod(user, sheet);
    if (problem) return problem;
    sheet.id = nextId++;
    state.timesheets.push(sheet);
    if (sheet.end === null) enforceActiveLimit(sheet.userId, sheet.id);
    return new HttpAnswer(200, sheetJson(sheet, query.get('full') === 'true'));
  });
  /**
   * The ApprovalBundle's per-user lockdown (fake-kimai-approvals.ts): a record of its owner's that begins before the end of
   * their latest submitted or approved week. As with Kimai's lockdown, an administrator's role overrides it.
   */
  const lockedPerUser = (user: FakeUser, sheet: FakeTimesheet) => {
    if (!config.approvalPlugin || can.rates(user)) return false;
    const until = approvals.lockedUntil(sheet.userId);
    return until !== undefined && sheet.begin < until;
  };
  /** Moving or creating a record into a locked period is Kimai's form-level 400 (docs/back-ends/kimai.md, "Administration"). */
  const lockedPeriod = (user: FakeUser, sheet: FakeTimesheet) =>
    lockedPerUser(user, sheet) || inLockdown(user, sheet) ? formError({ begin: ['This period is locked, please choose a later date.'] }) : null;
  /** Kimai's own lockdown, judged against the caller: an administrator's role overrides it, a team lead's does not. */
  const inLockdown = (user: FakeUser, sheet: FakeTimesheet) => config.lockdown !== undefined && sheet.begin <= config.lockdown.end && !can.rates(user);
  /** Changing or deleting another's record needs the matching `*_other_timesheet` beyond seeing it (fake-kimai-acting.ts). */
  const othersRecord = (user: FakeUser, sheet: FakeTimesheet, permission: 'edit_other_timesheet' | 'delete_other_timesheet') =>
    sheet.userId !== user.id && !can.acts(user, permission);
  const ownSheet = (user: FakeUser, id: string | undefined): FakeTimesheet | HttpAnswer => {
    const sheet = state.timesheets.find((item) => item.id === Number(id));
    if (!sheet) return notFound();
    if (!sees(user, sheet.userId)) return forbidden();
    return sheet;
  };
  route('GET', /^\/api\/timesheets\/(\d+)$/, (user, _query, _body, [id]) => {
    const sheet = ownSheet(user, id);
    return sheet instanceof HttpAnswer ? sheet : new HttpAnswer(200, sheetJson(sheet, false));
  });
  route('PATCH', /^\/api\/timesheets\/(\d+)$/, (user, _query, body, [id]) => {
    const sheet = ownSheet(user, id);
    if (sheet instanceof HttpAnswer) return sheet;
    if (othersRecord(user, sheet, 'edit_other_timesheet')) return forbidden();
    if (sheet.exported && !can.rates(user)) return forbidden();
    // Kimai's lockdown: an administrator's role overrides it, a team lead's does not.
    if (inLockdown(user, sheet)) return forbidden();
    if (lockedPerUser(user, sheet)) return forbidden();
    const draft = { ...sheet };
    const problem = applyTimesheet(user, body, draft, false) ?? lockedPeriod(user, draft);
    if (problem) return problem;
    Object.assign(sheet, draft);
    return new HttpAnswer(200, sheetJson(sheet, false));
  });
  route('DELETE', /^\/api\/timesheets\/(\d+)$/, (user, _query, _body, [id]) => {
    const sheet = ownSheet(user, id);
    if (sheet instanceof HttpAnswer) return sheet;
    if (othersRecord(user, sheet, 'delete_other_timesheet')) return forbidden();
    // Exported records are locked for everyone without edit_exported_timesheet, deleting included.
    if (sheet.exported && !can.rates(user)) return forbidden();
    if (lockedPerUser(user, sheet) || inLockdown(user, sheet)) return forbidden();
    state.timesheets.splice(state.timesheets.indexOf(sheet), 1);
    return new HttpAnswer(204, undefined);
  });
  // The custom-fields plugin (fake-kimai-meta.ts).
  route(
    'GET',
    /^\/api\/metafields$/,
    (user, query) => {
      const entity = query.get('entity');
      return new HttpAnswer(
        200,
        config.metaRules
          .map((rule, index) => ({ rule, json: ruleJson(rule, index) }))
          .filter(({ rule, json }) => grantedRule(rule, user.role) && (entity === null || json.entityType === entity))
          .map(({ json }) => json),
      );
    },
    'metafields',
  );
  route('PATCH', /^\/api\/timesheets\/(\d+)\/meta$/, (user, _query, body, [id]) => {
    const sheet = ownSheet(user, id);
    if (sheet instanceof HttpAnswer) return sheet;
    if (othersRecord(user, sheet, 'edit_other_timesheet')) return forbidden();
    if (sheet.exported && !can.rates(user)) return forbidden();
    const problem = setMeta(config.metaRules, sheet, body, customerOf, { notFound, badRequest }, user.role);
    return problem ?? new HttpAnswer(200, sheetJson(sheet, false));
  });
  route('PATCH', /^\/api\/timesheets\/(\d+)\/stop$/, (user, _query, _body, [id]) => {
    const sheet = ownSheet(user, id);
    if (sheet instanceof HttpAnswer) return sheet;
    if (othersRecord(user, sheet, 'edit_other_timesheet')) return forbidden();
    if (sheet.end === null) sheet.end = Math.max(ceilMinute(now()), sheet.begin);
    return new HttpAnswer(200, sheetJson(sheet, false));
  });
  route('PATCH', /^\/api\/timesheets\/(\d+)\/restart$/, (user, _query, body, [id]) => {
    const sheet = ownSheet(user, id);
    if (sheet instanceof HttpAnswer) return sheet;
    const extra = Object.keys(body).filter((key) => key !== 'copy' && key !== 'begin');
    if (extra.length > 0) return extraFields(['copy', 'begin']);
    let begin = floorMinute(now());
    if (body.begin !== undefined) {
      const parsed = typeof body.begin === 'string' ? parseLocal(body.begin, user.timezone, true) : undefined;
      if (parsed === undefined) return badRequest();
      begin = floorMinute(parsed);
    }
    const copy = body.copy === 'all';
    // The new record is the caller's whoever owned the one restarted (docs/back-ends/kimai.md, "Acting for others").
    const started: FakeTimesheet = {
      id: nextId++,
      userId: user.id,
      begin,
      end: null,
      timezone: user.timezone,
      projectId: sheet.projectId,
      activityId: sheet.activityId,
      description: copy ? sheet.description : null,
      tags: copy ? [...sheet.tags] : [],
      billable: sheet.billable,
      exported: false,
      // `copy=all` copies the meta fields too (TimesheetController restartAction).
      ...(copy && sheet.meta ? { meta: { ...sheet.meta } } : {}),
    };
    state.timesheets.push(started);
    enforceActiveLimit(user.id, started.id);
    return new HttpAnswer(200, sheetJson(started, false));
  });

  // The absence plugin (docs/back-ends/kimai.md, "Absences": shapes as third-party clients use
  // them).
  route('GET', /^\/api\/absences\/types$/, () => new HttpAnswer(200, ABSENCE_TYPES), true);
  route(
    'GET',
    /^\/api\/absences$/,
    (user, query) => {
      const begin = query.get('begin');
      const end = query.get('end');
      if ((begin !== null && !STRICT_DATE_TIME.test(begin)) || (end !== null && !STRICT_DATE_TIME.test(end))) return badRequest();
      // `user` counts only for a caller who may see that person's absences; anyone else's filter is ignored without a
      // word and their own come back, as Kimai does with filters a caller may not use (docs/back-ends/kimai.md, "Acting for others").
      const requested = query.get('user') !== null ? Number(query.get('user')) : user.id;
      const owner = sees(user, requested) ? requested : user.id;
      const status = query.get('status') ?? 'all';
      return new HttpAnswer(
        200,
        state.absences
          .filter((absence) => absence.userId === owner)
          .filter((absence) => begin === null || absence.endDate >= begin.slice(0, 10))
          .filter((absence) => end === null || absence.date <= end.slice(0, 10))
          .filter((absence) => status === 'all' || (status === 'approved' ? absence.status === 'approved' : absence.status !== 'approved'))
          .map(absenceJson),
      );
    },
    true,
  );
  route(
    'POST',
    /^\/api\/absences$/,
    (user, _query, body) => {
      const extra = Object.keys(body).filter((key) => !['comment', 'date', 'end', 'type', 'user', 'halfDay', 'duration'].includes(key));
      if (extra.length > 0) return extraFields(['comment', 'date', 'end', 'type', 'user', 'halfDay', 'duration']);
      const owner = body.user === undefined ? user.id : Number(body.user);
      const date = typeof body.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.date) ? body.date : undefined;
      const endDate = body.end === undefined ? date : typeof body.end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.end) ? body.end : undefined;
      const children: Record<string, string[]> = { date: [], end: [], type: [], halfDay: [] };
      if (!date) children.date?.push('This value is not valid.');
      if (!endDate) children.end?.push('This value is not valid.');
      if (typeof body.type !== 'string' || !(body.type in ABSENCE_TYPES)) children.type?.push('The selected choice is invalid.');
      if (date && endDate) {
        if (endDate < date) children.end?.push('The end must not be before the start.');
        if (endDate.slice(0, 4) !== date.slice(0, 4)) children.end?.push('An absence cannot span two years.');
        if (addDays(date, 29) < endDate) children.end?.push('An absence may cover at most 30 days.');
        if (body.halfDay === true && endDate !== date) children.halfDay?.push('A half day must be a single day.');
        const clash = state.absences.find((absence) => absence.userId === owner && absence.date <= endDate && absence.endDate >= date);
        if (clash) children.date?.push('There is already an absence on this day.');
      }
      // Another's absence needs edit_other_absence: here whoever sees that person's absences (a lead their members', an administrator everyone's).
      if (owner !== user.id && (!state.users.some((candidate) => candidate.id === owner) || !sees(user, owner))) return forbidden();
      if (Object.values(children).some((errors) => errors.length > 0)) return formError(children);
      const absence: FakeAbsence = {
        id: nextId++,
        userId: owner,
        date: date as string,
        endDate: endDate as string,
        type: body.type as string,
        status: body.type === 'sickness' ? 'approved' : owner === user.id ? 'new' : config.absenceStatusFiledForOthers,
        halfDay: body.halfDay === true,
        comment: typeof body.comment === 'string' ? body.comment : '',
      };
      state.absences.push(absence);
      return new HttpAnswer(200, [absenceJson(absence)]);
    },
    true,
  );
  route(
    'DELETE',
    /^\/api\/absences\/(\d+)$/,
    (user, _query, _body, [id]) => {
      const absence = state.absences.find((item) => item.id === Number(id));
      if (!absence) return notFound();
      if (!sees(user, absence.userId)) return forbidden();
      state.absences.splice(state.absences.indexOf(absence), 1);
      return new HttpAnswer(204, undefined);
    },
    true,
  );

  // Deciding: the supervisor's, here a lead of a team the absence's owner is in, or an
  // administrator; never one's own. Only an absence still waiting may be decided.
  for (const [action, status] of [
    ['confirm', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    route(
      'PATCH',
      new RegExp(`^/api/absences/(\\d+)/${action}$`),
      (user, _query, body, [id]) => {
        const absence = state.absences.find((item) => item.id === Number(id));
        if (!absence) return notFound();
        if (absence.userId === user.id || !can.viewOther(user) || !sees(user, absence.userId)) return forbidden();
        if (Object.keys(body).length > 0) return extraFields([]);
        if (absence.status === 'approved' || absence.status === 'rejected') return formError({}, [`This absence is already ${absence.status}.`]);
        absence.status = status;
        return new HttpAnswer(200, absenceJson(absence));
      },
      true,
    );
  }

  // Teams (docs/back-ends/kimai.md, "Teams"): the list and one team with its members both need the
  // role permission view_team, whoever leads the team; the list shows a non-administrator the teams
  // they lead.
  const teamJson = (team: FakeTeam) => ({
    ...teamShort(team),
    members: team.members.map((member) => {
      const owner = state.users.find((item) => item.id === member.userId);
      return { user: owner ? userShort(owner) : { id: member.userId }, teamlead: member.teamlead };
    }),
    customers: (team.customers ?? []).flatMap((id) => state.customers.filter((item) => item.id === id).map(customerJson)),
    projects: (team.projects ?? []).flatMap((id) => state.projects.filter((item) => item.id === id).map((item) => projectJson(item, false))),
    activities: (team.activities ?? []).flatMap((id) => state.activities.filter((item) => item.id === id).map(activityJson)),
  });
  route('GET', /^\/api\/teams$/, (user) => {
    if (!can.viewTeams(user)) return forbidden();
    return new HttpAnswer(200, (can.rates(user) ? state.teams : ledTeams(user)).map(teamShort));
  });
  route('GET', /^\/api\/teams\/(\d+)$/, (user, _query, _body, [id]) => {
    const team = state.teams.find((item) => item.id === Number(id));
    if (!team) return notFound();
    if (!can.viewTeams(user)) return forbidden();
    return new HttpAnswer(200, teamJson(team));
  });
  registerTeamWrites({ route, state, config, newId: () => nextId++, teamJson, answers: { notFound, forbidden, badRequest, formError, extraFields } });

  // Rates (fake-kimai-rates.ts): editing the item is an administrator's, as Kimai ships it, unless a test took it away.
  registerRateRoutes({
    route,
    state,
    nextId: () => nextId++,
    mayEdit: (user, kind) =>
      ROLE_RANK[user.role] >= ROLE_RANK.ROLE_ADMIN &&
      !(config.revoked[user.role] ?? []).includes(`edit_${kind === 'activities' ? 'activity' : kind.slice(0, -1)}` as 'edit_project'),
    userShort,
    formError,
    extraFields,
  });

  registerPeopleRoutes({
    route,
    users: state.users,
    viewUsers: (user) => can.acts(user, 'view_user'),
    teamsOf: (user) => state.teams.filter((team) => team.members.some((member) => member.userId === user.id)),
    nextId: () => nextId++,
    formError,
    forbidden,
    notFound,
  });

  // The ApprovalBundle plugin (fake-kimai-approvals.ts): view_team_approval for team leads and view_all_approval for administrators.
  const approvals = registerApprovalRoutes({
    route,
    state,
    baseUrl: () => url,
    now,
    viewAll: (user) => can.rates(user),
    viewTeam: (user) => can.viewOther(user),
    ledTeams,
    sheetJson: (sheet) => sheetJson(sheet, false),
  });

  // ---------------------------------------------------------------------------------------------
  // The server

  function authenticate(header: string | undefined): FakeUser | HttpAnswer {
    // The extractor is case-sensitive: 'bearer x' is no credentials at all
    // (docs/back-ends/kimai.md, "Authentication").
    const match = header === undefined ? null : /^Bearer (.+)$/.exec(header);
    if (!match) return new HttpAnswer(401, { code: 401, message: 'Unauthorized' });
    const user = state.users.find((candidate) => candidate.token === match[1]);
    if (!user) return new HttpAnswer(401, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token",error_description="Invalid credentials."' });
    if (user.apiAccess === false) return forbidden();
    return user;
  }

  function answer(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): HttpAnswer {
    if (!url.pathname.startsWith('/api/')) return new HttpAnswer(404, '<!DOCTYPE html><html><body>Kimai page</body></html>');
    const user = authenticate(headers.authorization);
    if (user instanceof HttpAnswer) return user;
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return badRequest();
        body = parsed as Record<string, unknown>;
      } catch {
        return badRequest();
      }
    }
    for (const candidate of routes) {
      if (candidate.method !== method) continue;
      const match = candidate.pattern.exec(url.pathname);
      if (!match) continue;
      if (candidate.plugin === true && !config.absencePlugin) return notFound();
      if (candidate.plugin === 'approvals' && !config.approvalPlugin) return notFound();
      if (candidate.plugin === 'metafields' && !config.metaFieldsPlugin) return notFound();
      return candidate.handler(user, url.searchParams, body, match.slice(1));
    }
    return notFound();
  }

  /** Kimai's pages are HTML; its API answers JSON (a route that answers a bare JSON string, as the ApprovalBundle's do, says so in its headers). */
  const reply = (result: HttpAnswer): Reply => ({
    status: result.status,
    body: result.body === undefined ? '' : typeof result.body === 'string' ? result.body : JSON.stringify(result.body),
    headers: {
      ...(typeof result.body === 'string' ? { 'Content-Type': 'text/html' } : result.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...result.headers,
    },
  });
  const server = await startFakeServer({
    ...(options.tls ? { tls: options.tls } : {}),
    requests,
    record: (common, request) => ({ ...common, headers: request.headers }),
    respond: (method, url, headers, text) => reply(answer(method, url, headers, text)),
    failures,
  });
  const url = server.url;

  const fake: FakeKimai = {
    url,
    state,
    config,
    requests,
    approvals,
    failNext(match, failure) {
      failures.add(match, failure);
    },
    addCustomer(name, extra = {}) {
      const customer = { id: nextId++, name, visible: extra.visible ?? true };
      state.customers.push(customer);
      return customer;
    },
    addProject(name, customerId, extra = {}) {
      const project = { id: nextId++, name, customerId, visible: true, globalActivities: true, start: null, end: null, ...extra };
      state.projects.push(project);
      return project;
    },
    addActivity(name, projectId, extra = {}) {
      const activity = { id: nextId++, name, projectId, visible: extra.visible ?? true };
      state.activities.push(activity);
      return activity;
    },
    addTimesheet(sheet) {
      const owner = state.users.find((user) => user.id === sheet.userId);
      const full: FakeTimesheet = { tags: [], billable: true, exported: false, description: null, timezone: owner?.timezone ?? 'UTC', ...sheet, id: nextId++ };
      state.timesheets.push(full);
      return full;
    },
    addTeam(name, members) {
      const team: FakeTeam = { id: nextId++, name, members: members.map((member) => ({ userId: member.userId, teamlead: member.teamlead ?? false })) };
      state.teams.push(team);
      return team;
    },
    addAbsence(absence) {
      const full: FakeAbsence = { halfDay: false, comment: '', endDate: absence.date, ...absence, id: nextId++ };
      state.absences.push(full);
      return full;
    },
    addInvoice(invoice) {
      const full: FakeInvoice = { timezone: 'Europe/Berlin', currency: 'EUR', ...invoice, id: nextId++ };
      state.invoices.push(full);
      return full;
    },
    close: () => server.close(),
  };
  return fake;
}

/** The catalog the tests book on: customer ACME, its project Website with the activity Design, and the global Meeting. */
/** `count` plain users (person1 … with their own tokens), as the team server's load tests and benches sign them in. */
export function plainUsers(count: number): FakeUser[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    username: `person${index + 1}`,
    alias: `Person ${index + 1}`,
    timezone: 'Europe/Berlin',
    role: 'ROLE_USER',
    token: `token-person-${String(index + 1).padStart(5, '0')}-0123456789`,
  }));
}

export function seedCatalog(fake: FakeKimai): { acme: FakeCustomer; website: FakeProject; design: FakeActivity; meeting: FakeActivity } {
  const acme = fake.addCustomer('ACME');
  const website = fake.addProject('Website', acme.id);
  const design = fake.addActivity('Design', website.id);
  const meeting = fake.addActivity('Meeting', null);
  return { acme, website, design, meeting };
}

/** What an earlier start learned about the absence plugin at `url`, as the next start reads it. */
export function rememberPlugin(userDataDir: string, url: string, absences: boolean, approvals?: boolean): void {
  writeDetection(userDataDir, url, approvals === undefined ? { absences } : { absences, approvals }, (message) => {
    throw new Error(message);
  });
}

/**
 * A CA and a certificate for `localhost` (or the subject alternative names given, e.g. another host
 * to test a name mismatch) signed by it, made with `openssl` in `dir`. Returns the PEM texts and the
 * CA file's path (what Punchcard's caFile option takes).
 */
export function makeTestCertificates(dir: string, altNames = 'DNS:localhost,IP:127.0.0.1'): { key: string; cert: string; caFile: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Punchcard Test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'server.ext'), `subjectAltName=${altNames}\n`);
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  return { key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8'), caFile: join(dir, 'ca.pem') };
}

/**
 * A team of `size` workers (users from id 1000 on, named "Worker 001"…) led by `lead`, each with an
 * hour on Monday 16 November 2026 on `projectId`/`activityId` where given: a big team for paging.
 */
export function seedBigTeam(fake: FakeKimai, lead: FakeUser, size: number, booking?: { projectId: number; activityId: number }): FakeUser[] {
  const workers: FakeUser[] = Array.from({ length: size }, (_, index) => ({
    id: 1000 + index,
    username: `worker${String(index + 1).padStart(3, '0')}`,
    alias: `Worker ${String(index + 1).padStart(3, '0')}`,
    timezone: 'Europe/Berlin',
    role: 'ROLE_USER',
    token: `token-worker-${index}-0123456789`,
  }));
  fake.state.users.push(...workers);
  fake.addTeam('Big team', [{ userId: lead.id, teamlead: true }, ...workers.map((worker) => ({ userId: worker.id }))]);
  if (booking) {
    const begin = Date.parse('2026-11-16T09:00:00+01:00');
    for (const worker of workers) fake.addTimesheet({ userId: worker.id, begin, end: begin + 3_600_000, ...booking });
  }
  return workers;
}
