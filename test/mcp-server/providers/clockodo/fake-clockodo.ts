// A fake Clockodo REST API on loopback that follows docs/back-ends/clockodo.md (Clockodo's API
// pages and its OpenAPI file): the client-identification header, both ways to authenticate, strict
// 'YYYY-MM-DDTHH:MM:SSZ' times, the three error shapes (GeneralErrors, the simple `{error}` of
// /v2/entries and /v2/clock, and the 422 resource errors), one running clock per user, paged lists,
// rights by role and access map, leading apart from the role (team leaders, bosses and absence
// managers: fake-leadership.ts), absences with what colleagues may not see, and the figures a time
// account needs (target hours, non-business days, holiday quota, the user report). It follows the
// API, not any client: the end-to-end tests of the Clockodo client run against it.
//
// Where the facts are unknown the fake makes one documented choice; the comments say "Assumption".
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
import type http from 'node:http';
import { addDays, eachDate, isValidDate, isoWeekday, localDate } from '../../../../mcp-server/domain/time.ts';

import {
  type Failure,
  Failures,
  HttpAnswer,
  type RecordedRequest as CommonRecordedRequest,
  type Reply,
  startFakeServer,
} from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';
import { absencesManagedBy, bossOf, defaultTeams, type FakeTeam, ledBy } from './fake-leadership.ts';
import { registerAdminRoutes } from './fake-clockodo-admin.ts';
import { applyOwnerFields, editLocked } from './fake-clockodo-owner-rules.ts';
import { EDIT_LOCKED, mayStopClockOf } from './fake-clockodo-acting.ts';

export type { Failure, FakeTeam };

export type Role = 'owner' | 'manager' | 'worker';

export interface FakeUser {
  id: number;
  name: string;
  email: string;
  apiKey: string;
  role: Role;
  timezone: string;
  /** An inactive user's key is refused with 401. */
  active: boolean;
  canAddCustomers: boolean;
  /** `can_generally_see_absences`: a worker sees the absences (not their details) of their team. */
  canSeeAbsences: boolean;
  canManageAbsences: boolean;
  teamsId: number | null;
  nonbusinessGroupId: number | null;
  /** A boss set in the personnel data (docs/back-ends/clockodo.md, "Teams"); else their team's leader. */
  boss?: number | null;
  /** `absence_managers_id`: who decides this person's absences besides the general absence managers. */
  absenceManagers?: number[];
  /** `edit_lock`: their entries up to this day may not be changed (fake-clockodo-admin.ts). */
  editLock?: string | null;
  /** `edit_lock_dyn` (assumption: days before today). */
  editLockDyn?: number | null;
}

export interface FakeCompany {
  id: number;
  name: string;
  moduleAbsence: boolean;
  moduleTargetHours: boolean;
  moduleUserReports: boolean;
  /** Whether an entry may book on a customer without a project. */
  allowEntriesForCustomers: boolean;
  timezoneDefault: string;
}

export interface FakeCustomer {
  id: number;
  name: string;
  active: boolean;
  billableDefault: boolean;
  note?: string | null;
}
export interface FakeProject {
  id: number;
  name: string;
  customersId: number;
  active: boolean;
  completed: boolean;
  billableDefault: boolean;
  /** The v4 budget object (docs/back-ends/clockodo.md, "Teams"): hours, or money where monetary. */
  budget?: { amount: number; monetary: boolean; hard: boolean; from_subprojects: boolean } | null;
  note?: string | null;
  startDate?: string | null;
  deadline?: string | null;
}
export interface FakeService {
  id: number;
  name: string;
  active: boolean;
  note?: string | null;
}

/** Access maps as Clockodo serves them (GET /v2/users/{id}/access/...): true, false, or per customer true | { projects: { [id]: true } }. */
export interface FakeAccess {
  add: boolean | Record<string, true | { projects: Record<string, true> }>;
  report: boolean | Record<string, unknown>;
  edit: boolean | Record<string, unknown>;
  services: boolean | Record<string, true>;
}

export interface FakeEntry {
  id: number;
  /** 1 time entry, 2 lump-sum value, 3 lump-sum service. */
  type: 1 | 2 | 3;
  usersId: number;
  customersId: number;
  projectsId: number | null;
  servicesId: number | null;
  /** 0 not billable, 1 billable, 2 billed. */
  billable: 0 | 1 | 2;
  text: string | null;
  timeSince: number;
  /** null while the clock runs. */
  timeUntil: number | null;
  clocked: boolean;
  lumpsum?: number;
  /**
   * Type 3 only (the SDK's lump-sum service fields; added so such entries can be listed
   * faithfully).
   */
  lumpsumServicesId?: number;
  lumpsumServicesAmount?: number;
}

export interface FakeAbsence {
  id: number;
  usersId: number;
  dateSince: string;
  dateUntil: string;
  /** 1–15 (docs/back-ends/clockodo.md, "Absences"). */
  type: number;
  /** 0 enquired, 1 approved, 2 declined, 3 approval cancelled, 4 request cancelled. */
  status: 0 | 1 | 2 | 3 | 4;
  /** Not on the wire (AbsenceV4 has no half_day); shows as count_days 0.5. */
  halfDay: boolean;
  countDays: number | null;
  countHours: number | null;
  note: string | null;
  publicNote: string | null;
  sickNote: boolean | null;
  /**
   * Restricted fields the API serves for own absences (docs/back-ends/clockodo.md, "Absences";
   * default null).
   */
  dateEnquired?: string | null;
  dateApproved?: string | null;
  approvedBy?: number | null;
}

export interface FakeTargetHours {
  id: number;
  usersId: number;
  type: 'weekly' | 'monthly';
  dateSince: string;
  /** null = open-ended. */
  dateUntil: string | null;
  /** Hours Monday … Sunday (weekly rows). */
  week?: [number, number, number, number, number, number, number];
  /** Hours per month (monthly rows), spread evenly over the month's workdays. */
  monthlyTarget?: number;
  workdays?: [boolean, boolean, boolean, boolean, boolean, boolean, boolean];
}

export interface FakeNonbusinessDay {
  id: number;
  groupId: number;
  name: string;
  date: string;
  halfDay: boolean;
}

/** A request as the fake Clockodo saw it: the common fields and its headers. */
export interface RecordedRequest extends CommonRecordedRequest {
  /** Request headers with lower-case names (arrays joined with ', '). */
  headers: Record<string, string | undefined>;
}

export interface FakeClockodoOptions {
  users?: FakeUser[];
  company?: Partial<FakeCompany>;
  now?: () => number;
  /** Retire these paths with 410 Gone. */
  retiredPaths?: string[];
  /**
   * The most items a page of entries holds, whatever `items_per_page` asks for, as a server may keep
   * a size of its own; `paging` then says the size it kept.
   */
  entryPageCap?: number;
}

export interface FakeClockodo {
  /** e.g. http://127.0.0.1:PORT — the API lives under `${url}/api/...`. */
  readonly url: string;
  readonly state: {
    company: FakeCompany;
    users: FakeUser[];
    /** GET /v3/teams: each with its leader (none by default). */
    teams: FakeTeam[];
    customers: FakeCustomer[];
    projects: FakeProject[];
    services: FakeService[];
    /** A worker without a map may book everything and report/edit nothing (assumption); owners and managers always get `true`. */
    access: Map<number, FakeAccess>;
    entries: FakeEntry[];
    absences: FakeAbsence[];
    targetHours: FakeTargetHours[];
    nonbusinessDays: FakeNonbusinessDay[];
    holidaysQuota: Array<{ id: number; usersId: number; yearSince: number; yearUntil: number | null; count: number }>;
    holidaysCarry: Array<{ id: number; usersId: number; year: number; count: number }>;
  };
  readonly requests: RecordedRequest[];
  /** `path` matches the full path including `/api`. */
  failNext(match: { method?: string; path: string | RegExp }, failure: Failure): void;
  addCustomer(name: string, options?: Partial<Omit<FakeCustomer, 'id' | 'name'>>): FakeCustomer;
  addProject(name: string, customersId: number, options?: Partial<Omit<FakeProject, 'id' | 'name' | 'customersId'>>): FakeProject;
  addService(name: string, options?: Partial<Omit<FakeService, 'id' | 'name'>>): FakeService;
  addEntry(entry: Omit<FakeEntry, 'id' | 'type' | 'billable' | 'text' | 'clocked'> & Partial<FakeEntry>): FakeEntry;
  /** count_days is worked out from the target hours and non-business days in `state` at the time of the call, unless given. */
  addAbsence(
    absence: Omit<FakeAbsence, 'id' | 'halfDay' | 'countDays' | 'countHours' | 'note' | 'publicNote' | 'sickNote'> & Partial<FakeAbsence>,
  ): FakeAbsence;
  close(): Promise<void>;
}

export const DEFAULT_USERS: FakeUser[] = [
  {
    id: 1,
    name: 'Ada Worker',
    email: 'ada@example.com',
    apiKey: 'key-ada-0123456789abcdef',
    role: 'worker',
    timezone: 'Europe/Berlin',
    active: true,
    canAddCustomers: false,
    canSeeAbsences: true,
    canManageAbsences: false,
    teamsId: 1,
    nonbusinessGroupId: 1,
  },
  {
    id: 2,
    name: 'Bob Colleague',
    email: 'bob@example.com',
    apiKey: 'key-bob-0123456789abcdef',
    role: 'worker',
    timezone: 'Europe/Berlin',
    active: true,
    canAddCustomers: false,
    canSeeAbsences: false,
    canManageAbsences: false,
    teamsId: 1,
    nonbusinessGroupId: 1,
  },
  {
    id: 3,
    name: 'Mia Manager',
    email: 'mia@example.com',
    apiKey: 'key-mia-0123456789abcdef',
    role: 'manager',
    timezone: 'Europe/Berlin',
    active: true,
    canAddCustomers: true,
    canSeeAbsences: true,
    canManageAbsences: true,
    teamsId: 2,
    nonbusinessGroupId: 1,
  },
  {
    id: 4,
    name: 'Olga Owner',
    email: 'olga@example.com',
    apiKey: 'key-olga-0123456789abcdef',
    role: 'owner',
    timezone: 'UTC',
    active: true,
    canAddCustomers: true,
    canSeeAbsences: true,
    canManageAbsences: true,
    teamsId: null,
    nonbusinessGroupId: 1,
  },
];

const DEFAULT_COMPANY: FakeCompany = {
  id: 1,
  name: 'Punchcard Test GmbH',
  moduleAbsence: true,
  moduleTargetHours: true,
  moduleUserReports: true,
  allowEntriesForCustomers: true,
  timezoneDefault: 'Europe/Berlin',
};

/** Retired paths answer 410 (docs/back-ends/clockodo.md, "Address and versions"). */
const ALWAYS_RETIRED = ['/api/clock', '/api/entries', '/api/v2/users'];
const STRICT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/**
 * The SDK's limit on `name;email`; Clockodo states none (docs/back-ends/clockodo.md, "Client
 * identification").
 */
const MAX_APPLICATION_LENGTH = 50;
/** A clocked entry is cut at 23:59:59 h (docs/back-ends/clockodo.md, "The clock"). */
const MAX_CLOCKED_MS = (24 * 3600 - 1) * 1000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const SICK_TYPES = new Set([4, 5, 11, 12, 15]);
/** Absence types that keep the day's target (home office, work out of office, overtime reduction). */
const TARGET_KEEPING_TYPES = new Set([3, 8, 9]);
/** The user report's sum_absence keys and the absence types each one adds up. */
const ABSENCE_SUMS: Record<string, number[]> = {
  regular_holidays: [1],
  sick_self: [4, 11, 15],
  sick_child: [5, 12],
  special_leaves: [2, 10],
  school: [6],
  maternity_protection: [7],
  home_office: [8],
  out_of_office: [9],
  quarantine: [13],
  military_service: [14],
};
const FULL_ACCESS: FakeAccess = { add: true, report: true, edit: true, services: true };
const WORKER_DEFAULT_ACCESS: FakeAccess = { add: true, report: false, edit: false, services: true };

const ok = (body: unknown) => new HttpAnswer(200, body);

/**
 * GeneralErrors, for 400/401/403/404/405/410 outside /v2/entries and /v2/clock
 * (docs/back-ends/clockodo.md, "Errors", the first shape).
 */
function generalError(status: number, type: string, message: string, details: Record<string, unknown> | null = null): HttpAnswer {
  return new HttpAnswer(status, { errors: [{ type, message, details, path: null }] });
}
const unauthorized = (message: string) => generalError(401, 'Unauthorized', message);
const forbidden = (message = 'You do not have the access rights for this.') => generalError(403, 'Forbidden', message);
const notFound = (what: string) => generalError(404, 'ResourceNotFound', `The ${what} does not exist.`);
const badRequest = (message: string, fields: string[] = []) => generalError(400, 'BadRequest', message, fields.length > 0 ? { fields } : null);

/**
 * Clockodo's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its GeneralErrors
 * shape: a right or a module the person lacks a 403, a route that is not there a 404 of its own, a key it does not take
 * its 401. GUESS: the 402's and the 500's types and words, which the documentation does not show.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  const said = (status: number, type: string, message: string): Failure => ({ status, body: { errors: [{ type, message, details: null, path: null }] } });
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return said(402, 'PaymentRequired', 'This feature is not part of your subscription.');
    if (own === 'forbidden') return said(403, 'Forbidden', 'You do not have the access rights for this.');
    if (own === 'not_found') return said(404, 'ResourceNotFound', 'The resource does not exist.');
    if (own === 'token_refused') return said(401, 'Unauthorized', 'The e-mail address or the API key is wrong, or the user is inactive.');
    return said(500, 'InternalServerError', 'An internal error occurred.');
  });
}

/**
 * The 400 of /v2/entries and /v2/clock (docs/back-ends/clockodo.md, "Errors", the second shape).
 */
function simpleError(message: string, fields: string[]): HttpAnswer {
  return new HttpAnswer(400, { error: { code: 400, message, fields } });
}

interface ResourceError {
  type: string;
  message: string;
  details?: Record<string, unknown>;
  path?: string;
}

/**
 * 422 with the resource-error shape as the spec writes it, `errors[].error`
 * (docs/back-ends/clockodo.md, "Errors", the third shape).
 */
function unprocessable(errors: ResourceError[]): HttpAnswer {
  return new HttpAnswer(422, {
    errors: errors.map((error) => ({ error: { type: error.type, message: error.message, details: error.details ?? null, path: error.path ?? null } })),
  });
}

/** 'YYYY-MM-DDTHH:MM:SSZ' */
export function clockodoTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/** The instant of a strict Clockodo time; undefined for milliseconds, offsets and days that do not exist. */
function parseClockodoTime(text: string): number | undefined {
  if (!STRICT_TIME.test(text)) return undefined;
  const epochMs = Date.parse(text);
  return Number.isNaN(epochMs) || clockodoTime(epochMs) !== text ? undefined : epochMs;
}

const floorSecond = (epochMs: number) => Math.floor(epochMs / 1000) * 1000;

// Converters from JSON values or query strings; undefined means "not this kind of value".
const toId = (value: unknown) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) && number > 0 ? number : undefined;
};
const toInt = (value: unknown) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(number) ? number : undefined;
};
const toNumber = (value: unknown) => {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
};
const toBool = (value: unknown) => {
  if (value === true || value === 1 || value === 'true' || value === '1') return true;
  if (value === false || value === 0 || value === 'false' || value === '0') return false;
  return undefined;
};
const toTime = (value: unknown) => (typeof value === 'string' ? parseClockodoTime(value) : undefined);
const toDate = (value: unknown) => (typeof value === 'string' && isValidDate(value) ? value : undefined);
const toText = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Reads typed values from a JSON body or a query; remembers the names of values that are present but
 * malformed, so a handler can answer one 400 naming them all.
 */
class Fields {
  readonly bad: string[] = [];
  readonly source: Record<string, unknown>;
  constructor(source: Record<string, unknown>) {
    this.source = source;
  }
  has(name: string): boolean {
    return this.source[name] !== undefined;
  }
  /** undefined when absent; null only where `nullable` and sent as null. */
  private read<T>(name: string, convert: (value: unknown) => T | undefined, nullable: boolean): T | null | undefined {
    const value = this.source[name];
    if (value === undefined) return undefined;
    if (value === null && nullable) return null;
    const converted = convert(value);
    if (converted === undefined) this.bad.push(name);
    return converted;
  }
  id(name: string): number | undefined {
    return this.read(name, toId, false) ?? undefined;
  }
  nullableId(name: string): number | null | undefined {
    return this.read(name, toId, true);
  }
  int(name: string, allowed?: readonly number[]): number | undefined {
    return (
      this.read(
        name,
        (value) => {
          const number = toInt(value);
          return number !== undefined && (allowed === undefined || allowed.includes(number)) ? number : undefined;
        },
        false,
      ) ?? undefined
    );
  }
  number(name: string, min: number, max: number): number | undefined {
    return (
      this.read(
        name,
        (value) => {
          const number = toNumber(value);
          return number !== undefined && number >= min && number <= max ? number : undefined;
        },
        false,
      ) ?? undefined
    );
  }
  bool(name: string): boolean | undefined {
    return this.read(name, toBool, false) ?? undefined;
  }
  nullableBool(name: string): boolean | null | undefined {
    return this.read(name, toBool, true);
  }
  time(name: string): number | undefined {
    return this.read(name, toTime, false) ?? undefined;
  }
  date(name: string): string | undefined {
    return this.read(name, toDate, false) ?? undefined;
  }
  nullableDate(name: string): string | null | undefined {
    return this.read(name, toDate, true);
  }
  text(name: string): string | null | undefined {
    return this.read(name, toText, true);
  }
  ids(name: string): number[] | undefined {
    return (
      this.read(
        name,
        (value) => {
          if (!Array.isArray(value)) return undefined;
          const ids = value.map(toId);
          return ids.every((id) => id !== undefined) ? (ids as number[]) : undefined;
        },
        false,
      ) ?? undefined
    );
  }
}

/**
 * Numbers of an array filter in any of the forms it may come in: `key[]=1&key[]=2`, `key=1`, or
 * `key=1,2` (docs/back-ends/clockodo.md, "Query filters"). Pushes `key` to `bad` when one is not a
 * number.
 */
function queryNumbers(query: URLSearchParams, key: string, bad: string[]): number[] | undefined {
  const raw = [...query.getAll(`${key}[]`), ...query.getAll(key)]
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (raw.length === 0) return undefined;
  const numbers = raw.map(toInt);
  if (numbers.some((number) => number === undefined)) {
    bad.push(key);
    return undefined;
  }
  return numbers as number[];
}

interface PageRequest {
  page: number;
  perPage: number;
}

/** `page` (1-based) and `items_per_page` (1–max); a malformed or too large value is a bad field. */
function readPage(input: Fields, max: number, fallback: number): PageRequest {
  const page = input.number('page', 1, Number.MAX_SAFE_INTEGER);
  const perPage = input.number('items_per_page', 1, max);
  return { page: page === undefined ? 1 : Math.floor(page), perPage: perPage === undefined ? fallback : Math.floor(perPage) };
}

/** Assumption: an empty list has count_pages 1; a page past the last is 200 with no items. */
function paged<T>(items: T[], request: PageRequest): { paging: Record<string, number>; items: T[] } {
  const start = (request.page - 1) * request.perPage;
  return {
    paging: {
      items_per_page: request.perPage,
      current_page: request.page,
      count_pages: Math.max(1, Math.ceil(items.length / request.perPage)),
      count_items: items.length,
    },
    items: items.slice(start, start + request.perPage),
  };
}

const byName = <T extends { id: number; name: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id - b.id;

/** Whether an access map lets its holder book on the customer (and project). */
function customerProjectAllowed(map: FakeAccess['add'], customersId: number, projectsId: number | null): boolean {
  if (typeof map === 'boolean') return map;
  const grant = map[String(customersId)];
  if (grant === undefined) return false;
  if (grant === true) return true;
  // Assumption: a per-project grant does not cover booking on the customer alone.
  return projectsId !== null && grant.projects[String(projectsId)] === true;
}

function serviceAllowed(map: FakeAccess['services'], servicesId: number): boolean {
  return typeof map === 'boolean' ? map : map[String(servicesId)] === true;
}

const isAdmin = (user: FakeUser) => user.role !== 'worker';
/** Assumption: an owner manages every absence; a manager only with `can_generally_manage_absences`. */
const managesAbsences = (user: FakeUser) => user.role === 'owner' || (user.role === 'manager' && user.canManageAbsences);

export async function startFakeClockodo(options: FakeClockodoOptions = {}): Promise<FakeClockodo> {
  const now = options.now ?? Date.now;
  const state: FakeClockodo['state'] = {
    company: { ...DEFAULT_COMPANY, ...options.company },
    users: (options.users ?? DEFAULT_USERS).map((user) => ({ ...user })),
    teams: defaultTeams(),
    customers: [],
    projects: [],
    services: [],
    access: new Map(),
    entries: [],
    absences: [],
    targetHours: [],
    nonbusinessDays: [],
    holidaysQuota: [],
    holidaysCarry: [],
  };
  const retired = [...ALWAYS_RETIRED, ...(options.retiredPaths ?? [])];
  const requests: RecordedRequest[] = [];
  const failures = new Failures();
  // One counter for every kind, from 100, so an id of the wrong kind never finds something by luck.
  let nextId = 100;
  /** time_insert / time_last_change per entry id; entries seeded straight into state fall back to time_since. */
  const entryStamps = new Map<number, { insert: number; change: number }>();
  /** Clockodo stores each distinct description once and hands out its texts_id. */
  const textIds = new Map<string, number>();

  const userById = (id: number) => state.users.find((user) => user.id === id);
  const accessOf = (user: FakeUser): FakeAccess => (isAdmin(user) ? FULL_ACCESS : (state.access.get(user.id) ?? WORKER_DEFAULT_ACCESS));
  const runningEntryOf = (usersId: number) => state.entries.find((entry) => entry.type === 1 && entry.usersId === usersId && entry.timeUntil === null);
  const todayOf = (user: FakeUser) => localDate(now(), user.timezone);
  /** Whom the caller leads (their team's members, those whose boss they are): they see their entries. */
  const ledByCaller = (caller: FakeUser) => ledBy(caller.id, state.users, state.teams);
  /** Whose absences the caller decides without the general right (those they lead, those naming them). */
  const managedByCaller = (caller: FakeUser) => absencesManagedBy(caller.id, state.users, state.teams);

  function touch(entry: FakeEntry): void {
    const stamp = entryStamps.get(entry.id);
    entryStamps.set(entry.id, { insert: stamp?.insert ?? floorSecond(now()), change: floorSecond(now()) });
  }

  /** Ends a running entry at `until`, capped at 23:59:59 h; true when it had to cut. */
  function stopEntry(entry: FakeEntry, until: number): boolean {
    const capped = Math.min(until, entry.timeSince + MAX_CLOCKED_MS);
    entry.timeUntil = capped;
    touch(entry);
    return capped < until;
  }

  /** Who a `users_id` names: the caller when absent; someone else only for owners and managers. */
  function actingFor(caller: FakeUser, usersId: number | undefined): FakeUser | HttpAnswer {
    if (usersId === undefined || usersId === caller.id) return caller;
    if (!isAdmin(caller)) return forbidden('A worker may act only for themselves.');
    return userById(usersId) ?? notFound('user');
  }

  /** The users a list call covers: the requested ones (a worker only themselves) or, when none, the caller or everyone. */
  function usersInScope(caller: FakeUser, requested: number[] | undefined): FakeUser[] | HttpAnswer {
    if (requested === undefined) return isAdmin(caller) ? state.users : [caller];
    if (!isAdmin(caller) && requested.some((id) => id !== caller.id)) return forbidden('A worker may read only their own figures.');
    return state.users.filter((user) => requested.includes(user.id));
  }

  /**
   * Users whose absences a caller sees: a worker only with can_generally_see_absences, then their
   * team (without details); and those whose absences they decide, as a leader or absence manager.
   */
  function absenceVisibleUsers(caller: FakeUser): Set<number> {
    if (isAdmin(caller)) return new Set(state.users.map((user) => user.id));
    const managed = managedByCaller(caller);
    if (!caller.canSeeAbsences || caller.teamsId === null) return new Set([caller.id, ...managed]);
    return new Set([...state.users.filter((user) => user.id === caller.id || user.teamsId === caller.teamsId).map((user) => user.id), ...managed]);
  }

  // ---------------------------------------------------------------------------------------------
  // Calendar: target hours, non-business days, working days

  /** The row valid on the day; the latest start wins where rows overlap. */
  function targetRowOn(usersId: number, date: string): FakeTargetHours | undefined {
    return state.targetHours
      .filter((row) => row.usersId === usersId && row.dateSince <= date && (row.dateUntil === null || row.dateUntil >= date))
      .sort((a, b) => b.dateSince.localeCompare(a.dateSince))[0];
  }

  /** Target hours of the weekday before non-business days; a monthly target spreads over the month's workdays. */
  function targetHoursOn(usersId: number, date: string): number {
    const row = targetRowOn(usersId, date);
    if (!row) return 0;
    const weekday = isoWeekday(date) - 1;
    if (row.type === 'weekly') return row.week?.[weekday] ?? 0;
    const workdays = row.workdays ?? [true, true, true, true, true, false, false];
    if (!workdays[weekday]) return 0;
    const monthDays = eachDate(`${date.slice(0, 7)}-01`, addDays(`${date.slice(0, 7)}-28`, 3)).filter((day) => day.slice(0, 7) === date.slice(0, 7));
    const count = monthDays.filter((day) => workdays[isoWeekday(day) - 1]).length;
    return count === 0 ? 0 : (row.monthlyTarget ?? 0) / count;
  }

  /** 1 on a non-business day of the user's group, 0.5 on a half one, else 0. */
  function nonbusinessShare(user: FakeUser, date: string): number {
    const day = state.nonbusinessDays.find((candidate) => candidate.groupId === user.nonbusinessGroupId && candidate.date === date);
    return day === undefined ? 0 : day.halfDay ? 0.5 : 1;
  }

  /** How much of the day is a working day. Assumption: without a target row, Monday–Friday are. */
  function workShare(user: FakeUser, date: string): number {
    const workday = targetRowOn(user.id, date) ? targetHoursOn(user.id, date) > 0 : isoWeekday(date) <= 5;
    return workday ? 1 - nonbusinessShare(user, date) : 0;
  }

  /** count_days: working days in the range; a half day is at most 0.5; null for overtime reduction (type 3). */
  function countDays(usersId: number, since: string, until: string, halfDay: boolean, type: number): number | null {
    if (type === 3) return null;
    const user = userById(usersId);
    if (!user) return 0;
    if (halfDay) return Math.min(0.5, workShare(user, since));
    return eachDate(since, until).reduce((sum, date) => sum + workShare(user, date), 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Presentation

  const textIdOf = (text: string) => {
    if (!textIds.has(text)) textIds.set(text, nextId++);
    return textIds.get(text) as number;
  };

  /**
   * 'single' (clock, one entry) carries `text`; a plain list does not; 'enhanced' adds names
   * (docs/back-ends/clockodo.md, "Entries").
   */
  type EntryView = 'single' | 'list' | 'enhanced';
  function entryJson(entry: FakeEntry, view: EntryView): Record<string, unknown> {
    const stamps = entryStamps.get(entry.id) ?? { insert: entry.timeSince, change: entry.timeSince };
    const json: Record<string, unknown> = {
      id: entry.id,
      type: entry.type,
      users_id: entry.usersId,
      customers_id: entry.customersId,
      projects_id: entry.projectsId,
      subprojects_id: null,
      billable: entry.billable,
      texts_id: entry.text ? textIdOf(entry.text) : null,
      time_since: clockodoTime(entry.timeSince),
      time_until: entry.timeUntil === null ? null : clockodoTime(entry.timeUntil),
      time_insert: clockodoTime(stamps.insert),
      time_last_change: clockodoTime(stamps.change),
      test_data: false,
    };
    if (entry.type === 1) {
      Object.assign(json, {
        services_id: entry.servicesId,
        duration: entry.timeUntil === null ? null : Math.round((entry.timeUntil - entry.timeSince) / 1000),
        offset: 0,
        clocked: entry.clocked,
        clocked_offline: false,
        time_clocked_since: entry.clocked ? clockodoTime(entry.timeSince) : null,
        time_last_change_work_time: clockodoTime(stamps.change),
      });
    } else if (entry.type === 2) {
      Object.assign(json, { services_id: entry.servicesId, lumpsum: entry.lumpsum ?? 0 });
    } else {
      Object.assign(json, { lumpsum_services_id: entry.lumpsumServicesId ?? null, lumpsum_services_amount: entry.lumpsumServicesAmount ?? null });
    }
    if (view !== 'list') json.text = entry.text;
    if (view === 'enhanced') {
      json.customers_name = state.customers.find((customer) => customer.id === entry.customersId)?.name ?? '';
      json.projects_name = state.projects.find((project) => project.id === entry.projectsId)?.name ?? null;
      json.users_name = userById(entry.usersId)?.name ?? '';
    }
    return json;
  }

  /**
   * The fields only owners and managers get (`manage_customers_and_projects`;
   * docs/back-ends/clockodo.md, "Catalog and access").
   */
  const managedFields = (caller: FakeUser, item: { note?: string | null }) => (isAdmin(caller) ? { note: item.note ?? null, bill_service_id: null } : {});
  const customerJson = (customer: FakeCustomer, caller: FakeUser) => ({
    id: customer.id,
    name: customer.name,
    number: null,
    active: customer.active,
    billable_default: customer.billableDefault,
    color: 1,
    test_data: false,
    ...managedFields(caller, customer),
  });
  const projectJson = (project: FakeProject, caller: FakeUser) => ({
    id: project.id,
    customers_id: project.customersId,
    name: project.name,
    number: null,
    active: project.active,
    billable_default: project.billableDefault,
    completed: project.completed,
    completed_at: null,
    count_subprojects: 0,
    deadline: project.deadline ?? null,
    start_date: project.startDate ?? null,
    budget: isAdmin(caller) ? (project.budget ?? null) : null,
    test_data: false,
    ...managedFields(caller, project),
  });
  const serviceJson = (service: FakeService, caller: FakeUser) => ({
    id: service.id,
    name: service.name,
    number: null,
    active: service.active,
    ...managedFields(caller, service),
  });

  /** UserV3 (/v3/users, and /v4/users/me, whose schema is unknown — assumption: the same). */
  const userJson = (user: FakeUser) => ({
    id: user.id,
    name: user.name,
    number: null,
    email: user.email,
    role: user.role,
    active: user.active,
    timeformat_12h: false,
    weekstart_monday: true,
    weekend_friday: false,
    language: 'en',
    timezone: user.timezone,
    can_generally_see_absences: user.canSeeAbsences,
    can_generally_manage_absences: user.canManageAbsences,
    can_add_customers: user.canAddCustomers,
    edit_lock: user.editLock ?? null,
    edit_lock_dyn: user.editLockDyn ?? null,
    edit_lock_sync: null,
    work_time_regulations_id: null,
    default_work_time_regulation: true,
    teams_id: user.teamsId,
    nonbusiness_groups_id: user.nonbusinessGroupId,
    absence_managers_id: user.absenceManagers ?? [],
    boss: bossOf(user, state.teams),
    future_coworker: false,
    start_date: null,
  });
  /**
   * UserV1 of the aggregate: note `nonbusinessgroups_id` and `worktime_regulation_id`
   * (docs/back-ends/clockodo.md, "Users and rights").
   */
  const aggregateUserJson = (user: FakeUser) => ({
    id: user.id,
    name: user.name,
    number: null,
    email: user.email,
    role: user.role,
    active: user.active,
    timeformat_12h: false,
    weekstart_monday: true,
    weekend_friday: false,
    language: 'en',
    timezone: user.timezone,
    wage_type: 0,
    can_generally_see_absences: user.canSeeAbsences,
    can_generally_manage_absences: user.canManageAbsences,
    can_add_customers: user.canAddCustomers,
    worktime_regulation_id: null,
    teams_id: user.teamsId,
    initials:
      user.name
        .split(/\s+/)
        .map((part) => part.charAt(0))
        .join('')
        .toUpperCase() || null,
    nonbusinessgroups_id: user.nonbusinessGroupId,
    boss: bossOf(user, state.teams),
    absence_managers_id: user.absenceManagers ?? [],
    default_holidays_count: true,
    default_target_hours: true,
    edit_lock: user.editLock ?? null,
    edit_lock_dyn: user.editLockDyn ?? null,
    edit_lock_sync: null,
    work_time_edit_lock_days: 0,
    creator: null,
    support_pin: '0000',
  });
  const companyJson = () => {
    const company = state.company;
    return {
      id: company.id,
      name: company.name,
      timezone_default: company.timezoneDefault,
      currency: 'EUR',
      allow_entries_text_multiline: true,
      allow_entries_for_customers: company.allowEntriesForCustomers,
      // True because the fake does not refuse overlapping entries.
      allow_entry_overlaps: true,
      force_linked_entry_times: false,
      default_customers_id: null,
      default_services_id: null,
      module_absence: company.moduleAbsence,
      module_work_time: false,
      module_targethours: company.moduleTargetHours,
      module_target_hours: company.moduleTargetHours,
      module_userreports: company.moduleUserReports,
      module_user_reports: company.moduleUserReports,
      module_project_times: false,
      module_entries_texts: true,
      nonbusiness_group_default: 1,
      onboarding_complete: true,
      worktime_regulation_default: null,
      worktime_evaluate_regulations_since: null,
      worktime_force_breaks: 0,
      holidays_count_default: 30,
      absence_reduces_target_hours: true,
      compensate_day_default: 0,
      compensate_month_default: 0,
      target_hours_default: { monday: 8, tuesday: 8, wednesday: 8, thursday: 8, friday: 8, saturday: 0, sunday: 0 },
    };
  };

  /**
   * AbsenceV4; `full` adds what only the owner of the absence and absence administrators see
   * (docs/back-ends/clockodo.md, "Absences").
   */
  const absenceJson = (absence: FakeAbsence, full: boolean) => {
    const json: Record<string, unknown> = {
      id: absence.id,
      users_id: absence.usersId,
      date_since: absence.dateSince,
      date_until: absence.dateUntil,
      status: absence.status,
      public_note: absence.publicNote,
      count_days: absence.countDays,
    };
    if (full) {
      Object.assign(json, {
        type: absence.type,
        note: absence.note,
        sick_note: absence.sickNote,
        count_hours: absence.countHours,
        date_enquired: absence.dateEnquired ?? null,
        date_approved: absence.dateApproved ?? null,
        approved_by: absence.approvedBy ?? null,
      });
    }
    return json;
  };
  const seesFullAbsence = (caller: FakeUser, absence: FakeAbsence) =>
    isAdmin(caller) || absence.usersId === caller.id || managedByCaller(caller).has(absence.usersId);

  const targetHoursJson = (row: FakeTargetHours) => {
    const common = {
      id: row.id,
      users_id: row.usersId,
      surcharge_models_id: null,
      type: row.type,
      date_since: row.dateSince,
      date_until: row.dateUntil,
      test_data: false,
      compensation_monthly: 0,
    };
    if (row.type === 'weekly') {
      const week = row.week ?? [0, 0, 0, 0, 0, 0, 0];
      return { ...common, ...Object.fromEntries(WEEKDAYS.map((day, index) => [day, week[index] ?? 0])), absence_fixed_credit: false, compensation_daily: 0 };
    }
    const workdays = row.workdays ?? [true, true, true, true, true, false, false];
    return {
      ...common,
      monthly_target: row.monthlyTarget ?? 0,
      ...Object.fromEntries(WEEKDAYS.map((day, index) => [`workday_${day}`, workdays[index] ?? false])),
    };
  };

  const nonbusinessDayJson = (day: FakeNonbusinessDay) => ({
    id: day.id,
    nonbusiness_group_id: day.groupId,
    type: 'DISTINCT_ONCE',
    name: day.name,
    half_day: day.halfDay,
    surcharge_special: false,
    evaluated_date: day.date,
    day: Number(day.date.slice(8, 10)),
    month: Number(day.date.slice(5, 7)),
    year: Number(day.date.slice(0, 4)),
  });

  /**
   * The year's time account. Assumptions: the target counts every day from 1 January up to and
   * including today (the user's zone), less non-business days and approved (status 1) absences that
   * do not keep the target; hours are the time entries (a running one up to now) that start in the
   * year; diff = sum_hours − sum_target; sum_absence counts approved absences of the whole year.
   */
  function userReportJson(user: FakeUser, year: number) {
    const first = `${year}-01-01`;
    const today = todayOf(user);
    const last = today < `${year}-12-31` ? today : `${year}-12-31`;
    const approved = state.absences.filter((absence) => absence.usersId === user.id && absence.status === 1 && absence.dateSince.startsWith(`${year}-`));
    const absentShare = (date: string) =>
      approved
        .filter((absence) => !TARGET_KEEPING_TYPES.has(absence.type) && absence.dateSince <= date && absence.dateUntil >= date)
        .reduce((share, absence) => Math.max(share, absence.halfDay ? 0.5 : 1), 0);
    let sumTarget = 0;
    for (const date of last < first ? [] : eachDate(first, last)) {
      sumTarget += targetHoursOn(user.id, date) * 3600 * (1 - nonbusinessShare(user, date)) * (1 - absentShare(date));
    }
    const sumHours = state.entries
      .filter(
        (entry) =>
          entry.type === 1 && entry.usersId === user.id && entry.timeSince <= now() && localDate(entry.timeSince, user.timezone).startsWith(`${year}-`),
      )
      .reduce((sum, entry) => sum + Math.round(((entry.timeUntil ?? floorSecond(now())) - entry.timeSince) / 1000), 0);
    const sumAbsence = Object.fromEntries(
      Object.entries(ABSENCE_SUMS).map(([key, types]) => [
        key,
        approved.filter((absence) => types.includes(absence.type)).reduce((sum, absence) => sum + (absence.countDays ?? 0), 0),
      ]),
    );
    const reductionUsed = approved.filter((absence) => absence.type === 3).reduce((sum, absence) => sum + (absence.countHours ?? 0) * 3600, 0);
    return {
      users_id: user.id,
      users_name: user.name,
      users_number: null,
      users_email: user.email,
      sum_target: Math.round(sumTarget),
      sum_hours: sumHours,
      sum_reduction_used: Math.round(reductionUsed),
      sum_reduction_planned: 0,
      overtime_carryover: 0,
      overtime_reduced: 0,
      diff: sumHours - Math.round(sumTarget),
      holidays_quota: holidaysQuotaFor(user.id, year),
      holidays_carry: state.holidaysCarry.find((row) => row.usersId === user.id && row.year === year)?.count ?? 0,
      sum_absence: sumAbsence,
    };
  }

  const quotaApplies = (row: FakeClockodo['state']['holidaysQuota'][number], year: number) =>
    row.yearSince <= year && (row.yearUntil === null || row.yearUntil >= year);
  const holidaysQuotaFor = (usersId: number, year: number) => state.holidaysQuota.find((row) => row.usersId === usersId && quotaApplies(row, year))?.count ?? 0;

  // ---------------------------------------------------------------------------------------------
  // Rules for entries and the clock

  /**
   * What an entry books on must exist, be active (a project also not completed, and of the
   * customer), and a worker's access maps must allow it. Assumption: unknown or archived targets are
   * the simple 400 naming the field; a booking the maps forbid is 403.
   */
  function bookingProblem(caller: FakeUser, customersId: number, projectsId: number | null, servicesId: number | null): HttpAnswer | null {
    const customer = state.customers.find((item) => item.id === customersId);
    if (!customer || !customer.active) return simpleError('The customer does not exist or is archived.', ['customers_id']);
    if (projectsId !== null) {
      const project = state.projects.find((item) => item.id === projectsId);
      if (!project || !project.active || project.customersId !== customersId)
        return simpleError('The project does not exist, is archived or belongs to another customer.', ['projects_id']);
      if (project.completed) return simpleError('The project is completed.', ['projects_id']);
    } else if (!state.company.allowEntriesForCustomers) {
      return simpleError('Entries need a project in this company.', ['projects_id']);
    }
    if (servicesId !== null) {
      const service = state.services.find((item) => item.id === servicesId);
      if (!service || !service.active) return simpleError('The service does not exist or is archived.', ['services_id']);
    }
    const access = accessOf(caller);
    if (!customerProjectAllowed(access.add, customersId, projectsId) || (servicesId !== null && !serviceAllowed(access.services, servicesId))) {
      return forbidden('You may not book on this customer, project or service.');
    }
    return null;
  }

  const billableDefault = (customersId: number, projectsId: number | null): 0 | 1 => {
    const project = state.projects.find((item) => item.id === projectsId);
    const customer = state.customers.find((item) => item.id === customersId);
    return (project ? project.billableDefault : customer?.billableDefault) ? 1 : 0;
  };

  /** An entry the caller may read and change: a worker only their own. */
  function ownEntry(caller: FakeUser, id: string | undefined): FakeEntry | HttpAnswer {
    const entry = state.entries.find((item) => item.id === Number(id));
    if (!entry) return notFound('entry');
    if (!isAdmin(caller) && entry.usersId !== caller.id) return forbidden('A worker may read and change only their own entries.');
    return entry;
  }

  // ---------------------------------------------------------------------------------------------
  // Rules for absences

  /**
   * The 422 problems of an absence as it would be saved (docs/back-ends/clockodo.md, "Absences").
   */
  function absenceProblems(draft: FakeAbsence, allowOverride: number[]): ResourceError[] {
    const problems: ResourceError[] = [];
    if (draft.dateUntil < draft.dateSince)
      problems.push({ type: 'UntilBeforeSinceIsForbidden', message: 'date_until must not be before date_since.', path: 'date_until' });
    if (draft.dateUntil.slice(0, 4) !== draft.dateSince.slice(0, 4))
      problems.push({ type: 'UntilMustBeInSameYear', message: 'An absence must end in the year it starts.', path: 'date_until' });
    if (draft.halfDay && draft.dateUntil !== draft.dateSince)
      problems.push({ type: 'HalfDayAbsenceTooLong', message: 'A half-day absence covers exactly one day.', path: 'half_day' });
    if (draft.type !== 3 && draft.countHours !== null)
      problems.push({ type: 'FieldsShouldBeEmpty', message: 'count_hours is only for overtime reduction.', details: { fields: ['count_hours'] } });
    if (problems.length > 0) return problems;
    const colliding = collidingAbsences(draft);
    if (colliding.some((absence) => !allowOverride.includes(absence.id))) {
      problems.push({
        type: 'AbsenceCollision',
        message: 'The absence overlaps other absences.',
        details: { collidingAbsences: colliding.map((absence) => absence.id) },
      });
    }
    return problems;
  }

  /** The same user's enquired or approved absences that overlap the draft. */
  const collidingAbsences = (draft: FakeAbsence) =>
    state.absences.filter(
      (absence) =>
        absence.id !== draft.id &&
        absence.usersId === draft.usersId &&
        (absence.status === 0 || absence.status === 1) &&
        absence.dateSince <= draft.dateUntil &&
        absence.dateUntil >= draft.dateSince,
    );

  /**
   * What allow_override permits: the server shortens or deletes the overridden absences. Assumption:
   * one that the new absence covers goes, one it cuts in two is split, others lose the overlap.
   */
  function overrideAbsences(draft: FakeAbsence): void {
    for (const old of collidingAbsences(draft)) {
      const before = old.dateSince < draft.dateSince;
      const after = old.dateUntil > draft.dateUntil;
      if (!before && !after) {
        state.absences.splice(state.absences.indexOf(old), 1);
        continue;
      }
      if (before && after) {
        const rest: FakeAbsence = { ...old, id: nextId++, dateSince: addDays(draft.dateUntil, 1) };
        rest.countDays = countDays(rest.usersId, rest.dateSince, rest.dateUntil, rest.halfDay, rest.type);
        state.absences.push(rest);
      }
      if (before) old.dateUntil = addDays(draft.dateSince, -1);
      else old.dateSince = addDays(draft.dateUntil, 1);
      old.countDays = countDays(old.usersId, old.dateSince, old.dateUntil, old.halfDay, old.type);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  type Handler = (caller: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;
  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
  const route = (method: string, pattern: RegExp, handler: Handler) => routes.push({ method, pattern, handler });
  const queryFields = (query: URLSearchParams) => new Fields(Object.fromEntries(query));

  // Current user.
  route('GET', /^\/api\/v2\/aggregates\/users\/me$/, (caller) => ok({ user: aggregateUserJson(caller), company: companyJson(), worktime_regulation: null }));
  route('GET', /^\/api\/v4\/users\/me$/, (caller) => ok({ data: userJson(caller) }));

  // The running clock.
  route('GET', /^\/api\/v2\/clock$/, (caller, query) => {
    const input = queryFields(query);
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    const owner = actingFor(caller, usersId);
    if (owner instanceof HttpAnswer) return owner;
    const running = runningEntryOf(owner.id);
    return ok({ running: running ? entryJson(running, 'single') : null, current_time: clockodoTime(now()) });
  });
  route('POST', /^\/api\/v2\/clock$/, (caller, _query, body) => {
    const input = new Fields(body);
    const customersId = input.id('customers_id');
    const servicesId = input.id('services_id');
    const projectsId = input.nullableId('projects_id') ?? null;
    const billable = input.int('billable', [0, 1]);
    const text = input.text('text') ?? null;
    const since = input.time('time_since');
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    const missing = [customersId === undefined ? 'customers_id' : '', servicesId === undefined ? 'services_id' : ''].filter(Boolean);
    if (customersId === undefined || servicesId === undefined) return simpleError('Missing required parameters.', missing);
    const owner = actingFor(caller, usersId);
    if (owner instanceof HttpAnswer) return owner;
    // Assumption: any past start is fine ("keep it simple"); a future one is not.
    const start = since ?? floorSecond(now());
    if (start > now()) return simpleError('time_since must not be in the future.', ['time_since']);
    const problem = bookingProblem(caller, customersId, projectsId, servicesId);
    if (problem) return problem;
    const previous = runningEntryOf(owner.id);
    // Assumption: a start before the running entry's own start would end it before it began.
    if (previous && start < previous.timeSince) return simpleError('time_since must not be before the start of the running entry.', ['time_since']);
    const truncated = previous ? stopEntry(previous, start) : false;
    const entry: FakeEntry = {
      id: nextId++,
      type: 1,
      usersId: owner.id,
      customersId,
      projectsId,
      servicesId,
      billable: billable === undefined ? billableDefault(customersId, projectsId) : (billable as 0 | 1),
      text,
      timeSince: start,
      timeUntil: null,
      clocked: true,
    };
    state.entries.push(entry);
    touch(entry);
    return ok({
      running: entryJson(entry, 'single'),
      stopped: previous ? entryJson(previous, 'single') : null,
      stopped_has_been_truncated: truncated,
      current_time: clockodoTime(now()),
    });
  });
  route('DELETE', /^\/api\/v2\/clock\/(\d+)$/, (caller, query, body, [id]) => {
    // The spec declares query parameters; the SDK sends users_id in a JSON body. Both are read, the query wins.
    const input = new Fields({ ...body, ...Object.fromEntries(query) });
    const until = input.time('time_until');
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    const owner = actingFor(caller, usersId);
    if (owner instanceof HttpAnswer) return owner;
    if (!mayStopClockOf(caller, owner)) return forbidden("Only the owner may stop another user's clock.");
    const running = runningEntryOf(owner.id);
    if (!running || running.id !== Number(id)) return notFound('running entry');
    const end = until ?? floorSecond(now());
    if (end > now()) return simpleError('time_until must not be in the future.', ['time_until']);
    if (end < running.timeSince) return simpleError('time_until must not be before time_since.', ['time_until']);
    const truncated = stopEntry(running, end);
    // Assumption: start_new and away are not modelled.
    return ok({ stopped: entryJson(running, 'single'), running: null, stopped_has_been_truncated: truncated, current_time: clockodoTime(now()) });
  });

  // Entries.
  route('GET', /^\/api\/v2\/entries$/, (caller, query) => {
    const input = queryFields(query);
    const since = input.time('time_since');
    const until = input.time('time_until');
    const enhanced = input.bool('enhanced_list') ?? false;
    const filter = {
      users_id: input.id('filter[users_id]'),
      customers_id: input.id('filter[customers_id]'),
      projects_id: input.id('filter[projects_id]'),
      services_id: input.id('filter[services_id]'),
      billable: input.int('filter[billable]', [0, 1, 2, 12]),
    };
    const asked = readPage(input, 1000, 1000);
    const page = { ...asked, perPage: Math.min(asked.perPage, options.entryPageCap ?? asked.perPage) };
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    if (since === undefined || until === undefined)
      return simpleError(
        'time_since and time_until are required.',
        [since === undefined ? 'time_since' : '', until === undefined ? 'time_until' : ''].filter(Boolean),
      );
    if (until < since) return simpleError('time_until must not be before time_since.', ['time_until']);
    // A team leader or boss sees the time entries of the people they lead (docs/back-ends/clockodo.md, "Teams").
    const led = isAdmin(caller) ? new Set<number>() : ledByCaller(caller);
    if (!isAdmin(caller) && filter.users_id !== undefined && filter.users_id !== caller.id && !led.has(filter.users_id))
      return forbidden('A worker may read only their own entries and those of the people they lead.');
    const given = Object.entries(filter).filter(([, value]) => value !== undefined);
    const found = state.entries
      .filter((entry) => isAdmin(caller) || entry.usersId === caller.id || led.has(entry.usersId))
      // Assumption: an entry is in the range when it starts in [time_since, time_until).
      .filter((entry) => entry.timeSince >= since && entry.timeSince < until)
      .filter((entry) => filter.users_id === undefined || entry.usersId === filter.users_id)
      .filter((entry) => filter.customers_id === undefined || entry.customersId === filter.customers_id)
      .filter((entry) => filter.projects_id === undefined || entry.projectsId === filter.projects_id)
      .filter((entry) => filter.services_id === undefined || entry.servicesId === filter.services_id)
      .filter((entry) => filter.billable === undefined || (filter.billable === 12 ? entry.billable > 0 : entry.billable === filter.billable))
      .sort((a, b) => a.timeSince - b.timeSince || a.id - b.id);
    const { paging, items } = paged(found, page);
    return ok({
      paging,
      filter: given.length > 0 ? Object.fromEntries(given) : null,
      entries: items.map((entry) => entryJson(entry, enhanced ? 'enhanced' : 'list')),
    });
  });
  route('GET', /^\/api\/v2\/entries\/(\d+)$/, (caller, _query, _body, [id]) => {
    const entry = ownEntry(caller, id);
    return entry instanceof HttpAnswer ? entry : ok({ entry: entryJson(entry, 'single') });
  });
  route('POST', /^\/api\/v2\/entries$/, (caller, _query, body) => {
    const input = new Fields(body);
    const customersId = input.id('customers_id');
    const billable = input.int('billable', [0, 1, 2]);
    const projectsId = input.nullableId('projects_id') ?? null;
    const servicesId = input.id('services_id');
    const since = input.time('time_since');
    const until = input.time('time_until');
    const lumpsum = input.number('lumpsum', -1e9, 1e9);
    const lumpsumServicesId = input.id('lumpsum_services_id');
    const lumpsumServicesAmount = input.number('lumpsum_services_amount', 0, 1e9);
    const text = input.text('text') ?? null;
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    const type: FakeEntry['type'] = lumpsumServicesId !== undefined ? 3 : lumpsum !== undefined ? 2 : 1;
    const required: Record<string, unknown> = { customers_id: customersId, billable, time_since: since };
    if (type === 1) Object.assign(required, { services_id: servicesId, time_until: until });
    if (type === 2) Object.assign(required, { services_id: servicesId });
    if (type === 3) Object.assign(required, { lumpsum_services_amount: lumpsumServicesAmount });
    const missing = Object.entries(required)
      .filter(([, value]) => value === undefined)
      .map(([name]) => name);
    if (missing.length > 0 || customersId === undefined || billable === undefined || since === undefined)
      return simpleError('Missing required parameters.', missing);
    if (type === 1 && until !== undefined && until <= since) return simpleError('time_until must be after time_since.', ['time_until']);
    const owner = actingFor(caller, usersId);
    if (owner instanceof HttpAnswer) return owner;
    const problem = bookingProblem(caller, customersId, projectsId, servicesId ?? null);
    if (problem) return problem;
    // The person's edit lock binds a new entry of theirs too, whoever books it (fake-clockodo-acting.ts).
    if (editLocked(since, owner, now())) return forbidden(EDIT_LOCKED);
    const entry: FakeEntry = {
      id: nextId++,
      type,
      usersId: owner.id,
      customersId,
      projectsId,
      servicesId: servicesId ?? null,
      billable: billable as 0 | 1 | 2,
      text,
      timeSince: since,
      timeUntil: until ?? since,
      clocked: false,
    };
    if (lumpsum !== undefined) entry.lumpsum = lumpsum;
    if (lumpsumServicesId !== undefined) entry.lumpsumServicesId = lumpsumServicesId;
    if (lumpsumServicesAmount !== undefined) entry.lumpsumServicesAmount = lumpsumServicesAmount;
    state.entries.push(entry);
    touch(entry);
    return ok({ entry: entryJson(entry, 'single') });
  });
  route('PUT', /^\/api\/v2\/entries\/(\d+)$/, (caller, _query, body, [id]) => {
    const entry = ownEntry(caller, id);
    if (entry instanceof HttpAnswer) return entry;
    const input = new Fields(body);
    const customersId = input.id('customers_id');
    const projectsId = input.nullableId('projects_id');
    const servicesId = input.id('services_id');
    const billable = input.int('billable', entry.timeUntil === null ? [0, 1] : [0, 1, 2]);
    const since = input.time('time_since');
    const until = input.time('time_until');
    const lumpsum = input.number('lumpsum', -1e9, 1e9);
    const text = input.text('text');
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return simpleError('Invalid parameters.', input.bad);
    const owner = actingFor(caller, usersId ?? entry.usersId);
    if (owner instanceof HttpAnswer) return owner;
    // Assumption: the edit lock holds for every role, the owner's too (fake-clockodo-admin.ts).
    const lockedFor = userById(entry.usersId);
    if (lockedFor && editLocked(entry.timeSince, lockedFor, now())) return forbidden(EDIT_LOCKED);
    const draft: FakeEntry = {
      ...entry,
      usersId: owner.id,
      customersId: customersId ?? entry.customersId,
      projectsId: projectsId === undefined ? entry.projectsId : projectsId,
      servicesId: servicesId ?? entry.servicesId,
      billable: (billable ?? entry.billable) as 0 | 1 | 2,
      timeSince: since ?? entry.timeSince,
      timeUntil: until ?? entry.timeUntil,
      text: text === undefined ? entry.text : text,
    };
    if (lumpsum !== undefined) draft.lumpsum = lumpsum;
    if (draft.type === 1 && draft.timeUntil !== null && draft.timeUntil <= draft.timeSince)
      return simpleError('time_until must be after time_since.', ['time_until']);
    // The booking is checked only when it changes: an entry on a since archived service stays editable.
    if (customersId !== undefined || projectsId !== undefined || servicesId !== undefined) {
      const problem = bookingProblem(caller, draft.customersId, draft.projectsId, draft.servicesId);
      if (problem) return problem;
    }
    Object.assign(entry, draft);
    touch(entry);
    const running = runningEntryOf(entry.usersId);
    return ok({ entry: entryJson(entry, 'single'), running: running ? entryJson(running, 'single') : null });
  });
  route('DELETE', /^\/api\/v2\/entries\/(\d+)$/, (caller, _query, _body, [id]) => {
    const entry = ownEntry(caller, id);
    if (entry instanceof HttpAnswer) return entry;
    const lockedFor = userById(entry.usersId);
    if (lockedFor && editLocked(entry.timeSince, lockedFor, now())) return forbidden(EDIT_LOCKED);
    // Assumption: a hard delete (Clockodo does not say).
    state.entries.splice(state.entries.indexOf(entry), 1);
    return ok({ success: true });
  });

  // Access maps.
  route('GET', /^\/api\/v2\/users\/(\d+)\/access\/(customers-projects|services)$/, (caller, _query, _body, [id, kind]) => {
    const user = userById(Number(id));
    if (!isAdmin(caller) && Number(id) !== caller.id) return forbidden('A worker may read only their own access rights.');
    if (!user) return notFound('user');
    const access = accessOf(user);
    return ok(kind === 'services' ? { add: access.services } : { add: access.add, report: access.report, edit: access.edit });
  });

  // Catalog: customers, projects, services.
  interface CatalogKind<T extends { id: number; name: string; active: boolean }> {
    path: string;
    what: string;
    items: () => T[];
    json: (item: T, caller: FakeUser) => Record<string, unknown>;
    /** Extra list filters; may push bad fields to `input`. */
    listFilter?: (input: Fields) => (item: T) => boolean;
    mayWrite: (caller: FakeUser) => boolean;
    /** Reads the body and adds the item, or answers why not (a malformed field adds nothing). */
    create: (input: Fields) => T | HttpAnswer;
    /** Applies the fields other than `active`. */
    update: (item: T, input: Fields) => void;
    /** Whether a running entry books on the item (archiving it is then refused). */
    runningOn: (item: T, entry: FakeEntry) => boolean;
  }
  const mayAddCustomers = (caller: FakeUser) => isAdmin(caller) || caller.canAddCustomers;
  function catalogRoutes<T extends { id: number; name: string; active: boolean }>(kind: CatalogKind<T>): void {
    const escaped = kind.path.replaceAll('/', '\\/');
    const itemOf = (id: string | undefined) => kind.items().find((item) => item.id === Number(id));
    route('GET', new RegExp(`^${escaped}$`), (caller, query) => {
      const input = queryFields(query);
      const active = input.bool('filter[active]');
      const fulltext = input.text('filter[fulltext]');
      const extra = kind.listFilter?.(input) ?? (() => true);
      // Assumption: default page size 1000 (unstated); sorted by name. Lists are not cut down by
      // access maps: the client pre-filters with /v2/users/{id}/access/...
      // (docs/back-ends/clockodo.md, "Catalog and access").
      const page = readPage(input, 5000, 1000);
      if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
      const found = kind
        .items()
        .filter((item) => active === undefined || item.active === active)
        .filter((item) => typeof fulltext !== 'string' || item.name.toLowerCase().includes(fulltext.toLowerCase()))
        .filter(extra)
        .sort(byName);
      const { paging, items } = paged(found, page);
      return ok({ paging, data: items.map((item) => kind.json(item, caller)) });
    });
    route('GET', new RegExp(`^${escaped}\\/(\\d+)$`), (caller, _query, _body, [id]) => {
      const item = itemOf(id);
      return item ? ok({ data: kind.json(item, caller) }) : notFound(kind.what);
    });
    route('POST', new RegExp(`^${escaped}$`), (caller, _query, body) => {
      if (!kind.mayWrite(caller)) return forbidden(`You may not add a ${kind.what}.`);
      const created = kind.create(new Fields(body));
      return created instanceof HttpAnswer ? created : ok({ data: kind.json(created, caller) });
    });
    route('PUT', new RegExp(`^${escaped}\\/(\\d+)$`), (caller, _query, body, [id]) => {
      const item = itemOf(id);
      if (!item) return notFound(kind.what);
      if (!kind.mayWrite(caller)) return forbidden(`You may not change this ${kind.what}.`);
      const input = new Fields(body);
      const active = input.bool('active');
      if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
      if (active === false && item.active && state.entries.some((entry) => entry.timeUntil === null && kind.runningOn(item, entry))) {
        return unprocessable([{ type: 'RunningEntriesPreventArchiving', message: `A running entry books on this ${kind.what}.` }]);
      }
      // Applied to a copy first, so a malformed field changes nothing.
      const draft = { ...item };
      kind.update(draft, input);
      if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
      const owners = applyOwnerFields(kind.what, draft, input, caller, (customerId) => state.customers.some((customer) => customer.id === customerId), {
        forbidden,
        badRequest,
      });
      if (owners) return owners;
      Object.assign(item, draft);
      if (active !== undefined) item.active = active;
      return ok({ data: kind.json(item, caller) });
    });
  }
  const invalid = (input: Fields) => (input.bad.length > 0 ? badRequest('Invalid parameters.', input.bad) : null);
  /** The name every create needs; a missing one is a 400, as for other missing parameters. */
  const requiredName = (input: Fields): string | HttpAnswer => {
    const name = input.text('name');
    return typeof name === 'string' && name.trim() !== '' ? name : badRequest('name is required.', ['name']);
  };
  catalogRoutes<FakeCustomer>({
    path: '/api/v3/customers',
    what: 'customer',
    items: () => state.customers,
    json: customerJson,
    mayWrite: mayAddCustomers,
    create: (input) => {
      const name = requiredName(input);
      const active = input.bool('active');
      const billable = input.bool('billable_default');
      if (name instanceof HttpAnswer) return name;
      return invalid(input) ?? fake.addCustomer(name, { active: active ?? true, billableDefault: billable ?? true });
    },
    update: (item, input) => {
      const name = input.text('name');
      const billable = input.bool('billable_default');
      if (typeof name === 'string') item.name = name;
      if (billable !== undefined) item.billableDefault = billable;
    },
    runningOn: (item, entry) => entry.customersId === item.id,
  });
  catalogRoutes<FakeProject>({
    path: '/api/v4/projects',
    what: 'project',
    items: () => state.projects,
    json: projectJson,
    mayWrite: mayAddCustomers,
    listFilter: (input) => {
      const customersId = input.id('filter[customers_id]');
      const completed = input.bool('filter[completed]');
      return (project) => (customersId === undefined || project.customersId === customersId) && (completed === undefined || project.completed === completed);
    },
    create: (input) => {
      const name = requiredName(input);
      const customersId = input.id('customers_id');
      const active = input.bool('active');
      const billable = input.bool('billable_default');
      if (name instanceof HttpAnswer) return name;
      const problem = invalid(input);
      if (problem) return problem;
      if (customersId === undefined) return badRequest('customers_id is required.', ['customers_id']);
      const customer = state.customers.find((item) => item.id === customersId);
      if (!customer)
        return unprocessable([
          { type: 'ResourcesNotFound', message: 'The customer does not exist.', details: { not_found_ids: [customersId] }, path: 'customers_id' },
        ]);
      return fake.addProject(name, customersId, { active: active ?? true, billableDefault: billable ?? customer.billableDefault });
    },
    update: (item, input) => {
      const name = input.text('name');
      const billable = input.bool('billable_default');
      if (typeof name === 'string') item.name = name;
      if (billable !== undefined) item.billableDefault = billable;
    },
    runningOn: (item, entry) => entry.projectsId === item.id,
  });
  catalogRoutes<FakeService>({
    path: '/api/v4/services',
    what: 'service',
    items: () => state.services,
    json: serviceJson,
    // Assumption: a worker never manages services (the spec: only with manage_services, which the
    // fake does not model).
    mayWrite: isAdmin,
    create: (input) => {
      const name = requiredName(input);
      const active = input.bool('active');
      if (name instanceof HttpAnswer) return name;
      return invalid(input) ?? fake.addService(name, { active: active ?? true });
    },
    update: (item, input) => {
      const name = input.text('name');
      if (typeof name === 'string') item.name = name;
    },
    runningOn: (item, entry) => entry.servicesId === item.id,
  });
  route('PUT', /^\/api\/v4\/projects\/(\d+)\/complete$/, (caller, _query, body, [id]) => {
    const project = state.projects.find((item) => item.id === Number(id));
    if (!project) return notFound('project');
    if (!mayAddCustomers(caller)) return forbidden('You may not change this project.');
    const input = new Fields(body);
    const completed = input.bool('completed');
    if (input.bad.length > 0 || completed === undefined) return badRequest('completed is required.', ['completed']);
    project.completed = completed;
    return ok({ data: projectJson(project, caller) });
  });

  // Users.
  /**
   * Assumption: a worker lists themselves and the people they lead, plus their team for
   * scope=viewAbsences when they may see absences; scope=manageAbsences lists whose absences the
   * caller may decide: everyone for an owner or a manager allowed to, else those they lead or are
   * named absence manager of.
   */
  const listableUsers = (caller: FakeUser, scope: string | null) => {
    if (scope === 'manageAbsences') {
      const managed = managesAbsences(caller) ? undefined : managedByCaller(caller);
      return state.users.filter((user) => managed === undefined || managed.has(user.id));
    }
    if (isAdmin(caller)) return state.users;
    const visible = scope === 'viewAbsences' ? absenceVisibleUsers(caller) : new Set([caller.id, ...ledByCaller(caller)]);
    return state.users.filter((user) => visible.has(user.id));
  };
  route('GET', /^\/api\/v3\/users$/, (caller, query) => {
    const input = queryFields(query);
    const active = input.bool('filter[active]');
    const page = readPage(input, 1000, 1000);
    if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
    const found = listableUsers(caller, query.get('scope'))
      .filter((user) => active === undefined || user.active === active)
      .sort(byName);
    const { paging, items } = paged(found, page);
    return ok({ paging, data: items.map(userJson) });
  });
  route('GET', /^\/api\/v3\/users\/(\d+)$/, (caller, query, _body, [id]) => {
    const user = listableUsers(caller, query.get('scope')).find((item) => item.id === Number(id));
    if (user) return ok({ data: userJson(user) });
    return userById(Number(id)) ? forbidden('You may not see this user.') : notFound('user');
  });

  // Teams. Assumption: every user may list the teams and their leaders (names and ids only).
  route('GET', /^\/api\/v3\/teams$/, (_caller, query) => {
    const input = queryFields(query);
    const page = readPage(input, 1000, 1000);
    if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
    const { paging, items } = paged([...state.teams].sort(byName), page);
    return ok({ paging, data: items.map((team) => ({ id: team.id, name: team.name, leader: team.leader })) });
  });

  // Absences.
  const absenceModuleOff = () => (state.company.moduleAbsence ? null : forbidden('The absence module is switched off.'));
  route('GET', /^\/api\/v4\/absences$/, (caller, query) => {
    const off = absenceModuleOff();
    if (off) return off;
    const bad: string[] = [];
    const usersIds = queryNumbers(query, 'filter[users_id]', bad);
    const years = queryNumbers(query, 'filter[year]', bad);
    const statuses = queryNumbers(query, 'filter[status]', bad);
    const types = queryNumbers(query, 'filter[type]', bad);
    if (bad.length > 0) return badRequest('Invalid parameters.', bad);
    // Assumption: manageableAbsences leaves a worker (and a manager without absence-management
    // rights) their own and those they decide as a leader or absence manager; users one may not see
    // are left out, not refused.
    const visible =
      query.get('scope') === 'manageableAbsences' && !managesAbsences(caller) ? new Set([caller.id, ...managedByCaller(caller)]) : absenceVisibleUsers(caller);
    const found = state.absences
      .filter((absence) => visible.has(absence.usersId))
      .filter((absence) => usersIds === undefined || usersIds.includes(absence.usersId))
      .filter((absence) => years === undefined || years.includes(Number(absence.dateSince.slice(0, 4))))
      .filter((absence) => statuses === undefined || statuses.includes(absence.status))
      // Assumption: a type one may not see does not match a type filter either.
      .filter((absence) => types === undefined || (seesFullAbsence(caller, absence) && types.includes(absence.type)))
      .sort((a, b) => a.dateSince.localeCompare(b.dateSince) || a.id - b.id);
    return ok({ data: found.map((absence) => absenceJson(absence, seesFullAbsence(caller, absence))) });
  });
  route('GET', /^\/api\/v4\/absences\/(\d+)$/, (caller, _query, _body, [id]) => {
    const off = absenceModuleOff();
    if (off) return off;
    const absence = state.absences.find((item) => item.id === Number(id));
    if (!absence) return notFound('absence');
    if (!absenceVisibleUsers(caller).has(absence.usersId)) return forbidden('You may not see this absence.');
    return ok({ data: absenceJson(absence, seesFullAbsence(caller, absence)) });
  });
  route('POST', /^\/api\/v4\/absences$/, (caller, _query, body) => {
    const off = absenceModuleOff();
    if (off) return off;
    const input = new Fields(body);
    const since = input.date('date_since');
    const until = input.nullableDate('date_until');
    const type = input.int('type');
    const halfDay = input.bool('half_day') ?? false;
    const countHours = input.number('count_hours', 0.01, 1000);
    const status = input.int('status', [0, 1, 2, 3, 4]);
    const sickNote = input.nullableBool('sick_note');
    const note = input.text('note');
    const publicNote = input.text('public_note');
    const allowOverride = input.ids('allow_override') ?? [];
    const usersId = input.id('users_id');
    if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
    const missing = [
      since === undefined ? 'date_since' : '',
      type === undefined ? 'type' : '',
      type === 3 && countHours === undefined ? 'count_hours' : '',
    ].filter(Boolean);
    if (since === undefined || type === undefined || missing.length > 0) return badRequest('Missing required parameters.', missing);
    if (type < 1 || type > 15)
      return unprocessable([
        {
          type: 'UnexpectedValue',
          message: 'Unknown absence type.',
          details: { expected_values: Array.from({ length: 15 }, (_, index) => String(index + 1)) },
          path: 'type',
        },
      ]);
    let owner = caller;
    if (usersId !== undefined && usersId !== caller.id) {
      // Assumption: the absence API's own error type for this, rather than a 403.
      if (!isAdmin(caller)) return unprocessable([{ type: 'UserIsNotManageable', message: 'You may not manage absences of this user.', path: 'users_id' }]);
      const user = userById(usersId);
      if (!user) return notFound('user');
      owner = user;
    }
    // Assumption: a worker's request waits for approval; an owner's or manager's absence is approved at once.
    const initial = (status ?? (isAdmin(caller) ? 1 : 0)) as FakeAbsence['status'];
    if (!isAdmin(caller) && initial !== 0) return unprocessable([{ type: 'StatusIsForbidden', message: 'You may not set this status.', path: 'status' }]);
    const dateUntil = until ?? since;
    const draft: FakeAbsence = {
      id: 0,
      usersId: owner.id,
      dateSince: since,
      dateUntil,
      type,
      status: initial,
      halfDay,
      countDays: null,
      countHours: countHours ?? null,
      note: note ?? null,
      publicNote: publicNote ?? null,
      sickNote: SICK_TYPES.has(type) ? (sickNote ?? false) : null,
      dateEnquired: todayOf(caller),
      dateApproved: initial === 1 ? todayOf(caller) : null,
      approvedBy: initial === 1 ? caller.id : null,
    };
    const problems = absenceProblems(draft, allowOverride);
    if (problems.length > 0) return unprocessable(problems);
    overrideAbsences(draft);
    draft.id = nextId++;
    draft.countDays = countDays(draft.usersId, draft.dateSince, draft.dateUntil, draft.halfDay, draft.type);
    state.absences.push(draft);
    return ok({ data: absenceJson(draft, true) });
  });
  route('PUT', /^\/api\/v4\/absences\/(\d+)$/, (caller, _query, body, [id]) => {
    const off = absenceModuleOff();
    if (off) return off;
    const absence = state.absences.find((item) => item.id === Number(id));
    if (!absence) return notFound('absence');
    const statusForbidden = () => unprocessable([{ type: 'StatusIsForbidden', message: 'You may not set this status.', path: 'status' }]);
    const decides = managesAbsences(caller) || managedByCaller(caller).has(absence.usersId);
    if (!isAdmin(caller) && !decides) {
      if (!absenceVisibleUsers(caller).has(absence.usersId)) return notFound('absence');
      if (absence.usersId !== caller.id) return unprocessable([{ type: 'UserIsNotManageable', message: 'You may not manage absences of this user.' }]);
      // A worker can only withdraw their own open request (status 0 → 4), nothing else.
      const keys = Object.keys(body);
      if (keys.length !== 1 || toInt(body.status) !== 4 || absence.status !== 0) return statusForbidden();
      absence.status = 4;
      return ok({ data: absenceJson(absence, true) });
    }
    const input = new Fields(body);
    const since = input.date('date_since');
    const until = input.date('date_until');
    const type = input.int('type');
    const halfDay = input.bool('half_day');
    const countHours = input.number('count_hours', 0.01, 1000);
    const status = input.int('status', [0, 1, 2, 3, 4]);
    const note = input.text('note');
    const publicNote = input.text('public_note');
    const sickNote = input.nullableBool('sick_note');
    const allowOverride = input.ids('allow_override') ?? [];
    if (input.bad.length > 0) return badRequest('Invalid parameters.', input.bad);
    if (type !== undefined && (type < 1 || type > 15)) return unprocessable([{ type: 'UnexpectedValue', message: 'Unknown absence type.', path: 'type' }]);
    // Deciding another's absence takes absence-management rights: an owner, a manager allowed to, or
    // the person's team leader, boss or absence manager.
    if (absence.usersId !== caller.id && !decides)
      return unprocessable([{ type: 'UserIsNotManageable', message: 'You may not manage absences of this user.' }]);
    // Owners and managers approve (1), decline (2) or cancel an approval (3, only of an approved one).
    if (status !== undefined && status !== absence.status && (status === 0 || status === 4 || (status === 3 && absence.status !== 1))) return statusForbidden();
    const draft: FakeAbsence = {
      ...absence,
      dateSince: since ?? absence.dateSince,
      dateUntil: until ?? absence.dateUntil,
      type: type ?? absence.type,
      halfDay: halfDay ?? absence.halfDay,
      countHours: countHours ?? absence.countHours,
      status: (status ?? absence.status) as FakeAbsence['status'],
      note: note === undefined ? absence.note : note,
      publicNote: publicNote === undefined ? absence.publicNote : publicNote,
      sickNote: sickNote === undefined ? absence.sickNote : sickNote,
    };
    if (draft.type !== 3 && type !== undefined) draft.countHours = countHours ?? null;
    const problems = absenceProblems(draft, allowOverride);
    if (problems.length > 0) return unprocessable(problems);
    overrideAbsences(draft);
    draft.countDays = countDays(draft.usersId, draft.dateSince, draft.dateUntil, draft.halfDay, draft.type);
    if (status !== undefined && status !== absence.status) {
      draft.approvedBy = caller.id;
      draft.dateApproved = status === 1 ? todayOf(caller) : (absence.dateApproved ?? null);
    }
    Object.assign(absence, draft);
    return ok({ data: absenceJson(absence, true) });
  });
  route('DELETE', /^\/api\/v4\/absences\/(\d+)$/, (caller, _query, _body, [id]) => {
    const off = absenceModuleOff();
    if (off) return off;
    const absence = state.absences.find((item) => item.id === Number(id));
    if (!absence) return notFound('absence');
    if (!isAdmin(caller)) return forbidden('Only owners and managers delete absences.');
    state.absences.splice(state.absences.indexOf(absence), 1);
    return ok({ success: true });
  });

  // Target hours (unversioned).
  route('GET', /^\/api\/targethours$/, (caller, query) => {
    if (!state.company.moduleTargetHours) return forbidden('The target hours module is switched off.');
    const bad: string[] = [];
    const requested = queryNumbers(query, 'users_id', bad);
    if (bad.length > 0) return badRequest('Invalid parameters.', bad);
    const users = usersInScope(caller, requested);
    if (users instanceof HttpAnswer) return users;
    const ids = new Set(users.map((user) => user.id));
    const rows = state.targetHours.filter((row) => ids.has(row.usersId)).sort((a, b) => a.usersId - b.usersId || a.dateSince.localeCompare(b.dateSince));
    return ok({ targethours: rows.map(targetHoursJson) });
  });
  route('GET', /^\/api\/targethours\/(\d+)$/, (caller, _query, _body, [id]) => {
    if (!state.company.moduleTargetHours) return forbidden('The target hours module is switched off.');
    const row = state.targetHours.find((item) => item.id === Number(id));
    if (!row) return notFound('target hours row');
    if (!isAdmin(caller) && row.usersId !== caller.id) return forbidden('A worker may read only their own target hours.');
    return ok({ targethoursRow: targetHoursJson(row) });
  });

  // Non-business days per user.
  route('GET', /^\/api\/v2\/usersNonbusinessDays$/, (caller, query) => {
    const input = queryFields(query);
    const year = input.number('year', 2000, 2037) ?? Number(todayOf(caller).slice(0, 4));
    const page = readPage(input, 100, 100);
    const bad = [...input.bad];
    const requested = queryNumbers(query, 'filter[users_id]', bad);
    if (bad.length > 0) return badRequest('Invalid parameters.', bad);
    const users = usersInScope(caller, requested);
    if (users instanceof HttpAnswer) return users;
    const { paging, items } = paged(
      [...users].sort((a, b) => a.id - b.id),
      page,
    );
    const days = (user: FakeUser) =>
      state.nonbusinessDays
        .filter((day) => day.groupId === user.nonbusinessGroupId && day.date.startsWith(`${year}-`))
        .sort((a, b) => a.date.localeCompare(b.date));
    return ok({ paging, data: items.map((user) => ({ users_id: user.id, days: days(user).map(nonbusinessDayJson) })) });
  });

  // Holiday quota and carry-over: `users_id`/`year`, also as filter[…] (docs/back-ends/clockodo.md,
  // "Plan, balances and the time account").
  const usersAndYear = (caller: FakeUser, query: URLSearchParams): { users: FakeUser[]; year: number | undefined } | HttpAnswer => {
    const bad: string[] = [];
    const requested = queryNumbers(query, 'users_id', bad) ?? queryNumbers(query, 'filter[users_id]', bad);
    const years = queryNumbers(query, 'year', bad) ?? queryNumbers(query, 'filter[year]', bad);
    if (bad.length > 0) return badRequest('Invalid parameters.', bad);
    const users = usersInScope(caller, requested);
    return users instanceof HttpAnswer ? users : { users, year: years?.[0] };
  };
  route('GET', /^\/api\/v2\/holidaysQuota$/, (caller, query) => {
    const scope = usersAndYear(caller, query);
    if (scope instanceof HttpAnswer) return scope;
    const ids = new Set(scope.users.map((user) => user.id));
    const rows = state.holidaysQuota.filter((row) => ids.has(row.usersId) && (scope.year === undefined || quotaApplies(row, scope.year)));
    return ok({
      data: rows.map((row) => ({ id: row.id, users_id: row.usersId, year_since: row.yearSince, year_until: row.yearUntil, count: row.count, note: null })),
    });
  });
  route('GET', /^\/api\/v3\/holidaysCarry$/, (caller, query) => {
    const scope = usersAndYear(caller, query);
    if (scope instanceof HttpAnswer) return scope;
    const ids = new Set(scope.users.map((user) => user.id));
    const rows = state.holidaysCarry.filter((row) => ids.has(row.usersId) && (scope.year === undefined || row.year === scope.year));
    return ok({ data: rows.map((row) => ({ id: row.id, users_id: row.usersId, year: row.year, count: row.count, note: null })) });
  });

  // User reports (unversioned). Assumption: only the year figures; `type` 1–4 detail is not modelled.
  const reportYear = (caller: FakeUser, query: URLSearchParams): number | HttpAnswer => {
    if (!state.company.moduleUserReports) return forbidden('The user reports module is switched off.');
    const input = queryFields(query);
    const year = input.number('year', 2000, Number(todayOf(caller).slice(0, 4)) + 1);
    input.int('type', [0, 1, 2, 3, 4]);
    if (input.bad.length > 0 || year === undefined)
      return badRequest('year is required and may be at most next year.', input.bad.length > 0 ? input.bad : ['year']);
    return Math.floor(year);
  };
  route('GET', /^\/api\/userreports\/(\d+)$/, (caller, query, _body, [id]) => {
    const year = reportYear(caller, query);
    if (year instanceof HttpAnswer) return year;
    if (!isAdmin(caller) && Number(id) !== caller.id) return forbidden('A worker may read only their own report.');
    const user = userById(Number(id));
    return user ? ok({ userreport: userReportJson(user, year) }) : notFound('user');
  });
  route('GET', /^\/api\/userreports$/, (caller, query) => {
    const year = reportYear(caller, query);
    if (year instanceof HttpAnswer) return year;
    const users = usersInScope(caller, undefined);
    if (users instanceof HttpAnswer) return users;
    return ok({ userreports: users.map((user) => userReportJson(user, year)) });
  });

  // The owner's administration of co-workers (fake-clockodo-admin.ts).
  registerAdminRoutes({
    route,
    state,
    newId: () => nextId++,
    ok,
    userJson,
    fields: (body) => new Fields(body),
    forbidden,
    notFound,
    badRequest,
    unprocessable,
  });

  // ---------------------------------------------------------------------------------------------
  // The server

  /**
   * `name;email`, both parts non-empty, at most 50 characters (docs/back-ends/clockodo.md, "Client
   * identification").
   */
  function applicationProblem(header: string | undefined): HttpAnswer | null {
    const parts = header?.split(';') ?? [];
    if (header !== undefined && header.length <= MAX_APPLICATION_LENGTH && parts.length === 2 && parts.every((part) => part.trim() !== '')) return null;
    return generalError(400, 'BadRequest', 'The header X-Clockodo-External-Application must be "application name;contact e-mail" (at most 50 characters).');
  }

  /** X-ClockodoApiUser + X-ClockodoApiKey, or Basic e-mail:key. Assumption: e-mails compare case-insensitively. */
  function authenticate(headers: http.IncomingHttpHeaders): FakeUser | HttpAnswer {
    let email = headerText(headers['x-clockodoapiuser']);
    let key = headerText(headers['x-clockodoapikey']);
    const basic = /^Basic (.+)$/i.exec(headerText(headers.authorization) ?? '');
    if ((email === undefined || key === undefined) && basic) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        email = decoded.slice(0, colon);
        key = decoded.slice(colon + 1);
      }
    }
    if (email === undefined || key === undefined) return unauthorized('Authentication is missing: send X-ClockodoApiUser and X-ClockodoApiKey, or HTTP Basic.');
    const user = state.users.find((candidate) => candidate.email.toLowerCase() === email.toLowerCase() && candidate.apiKey === key);
    if (!user || !user.active) return unauthorized('The e-mail address or the API key is wrong, or the user is inactive.');
    return user;
  }

  const isRetired = (path: string) => retired.some((gone) => path === gone || (path.startsWith(`${gone}/`) && /^\d+$/.test(path.slice(gone.length + 1))));
  /** /v2/entries and /v2/clock answer malformed requests with the simple shape. */
  const usesSimpleErrors = (path: string) => /^\/api\/v2\/(entries|clock)(\/|$)/.test(path);

  function answer(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): HttpAnswer {
    // Assumption on the order of checks: identification, then retirement, then credentials, then the route.
    const application = applicationProblem(headerText(headers['x-clockodo-external-application']));
    if (application) return application;
    if (isRetired(url.pathname)) return generalError(410, 'Gone', 'This endpoint has been retired.');
    const caller = authenticate(headers);
    if (caller instanceof HttpAnswer) return caller;
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return usesSimpleErrors(url.pathname) ? simpleError('The body is not a JSON object.', []) : badRequest('The body is not a JSON object.');
      }
      body = parsed as Record<string, unknown>;
    }
    const matching = routes.map((candidate) => ({ candidate, match: candidate.pattern.exec(url.pathname) })).filter((item) => item.match !== null);
    if (matching.length === 0) return notFound('endpoint');
    const hit = matching.find((item) => item.candidate.method === method);
    if (!hit) {
      const allowed = [...new Set(matching.map((item) => item.candidate.method))].join(', ');
      return new HttpAnswer(405, { errors: [{ type: 'MethodNotAllowed', message: `Use ${allowed}.`, details: null, path: null }] }, { Allow: allowed });
    }
    return hit.candidate.handler(caller, url.searchParams, body, (hit.match as RegExpExecArray).slice(1));
  }

  const server = await startFakeServer({
    requests,
    record: (common, request): RecordedRequest => ({
      ...common,
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), headerText(value)])),
    }),
    respond: (method, url, headers, text): Reply => {
      const result = answer(method, url, headers, text);
      return { status: result.status, body: JSON.stringify(result.body), headers: { ...result.headers, 'Content-Type': 'application/json' } };
    },
    failures,
  });

  const fake: FakeClockodo = {
    url: server.url,
    state,
    requests,
    failNext(match, failure) {
      failures.add(match, failure);
    },
    addCustomer(name, extra = {}) {
      const customer: FakeCustomer = { id: nextId++, name, active: true, billableDefault: true, ...extra };
      state.customers.push(customer);
      return customer;
    },
    addProject(name, customersId, extra = {}) {
      const project: FakeProject = { id: nextId++, name, customersId, active: true, completed: false, billableDefault: true, ...extra };
      state.projects.push(project);
      return project;
    },
    addService(name, extra = {}) {
      const service: FakeService = { id: nextId++, name, active: true, ...extra };
      state.services.push(service);
      return service;
    },
    addEntry(entry) {
      const full: FakeEntry = { type: 1, billable: 1, text: null, clocked: false, ...entry, id: nextId++ };
      state.entries.push(full);
      return full;
    },
    addAbsence(absence) {
      const halfDay = absence.halfDay ?? false;
      const full: FakeAbsence = {
        halfDay,
        countDays: countDays(absence.usersId, absence.dateSince, absence.dateUntil, halfDay, absence.type),
        countHours: null,
        note: null,
        publicNote: null,
        sickNote: null,
        ...absence,
        id: nextId++,
      };
      state.absences.push(full);
      return full;
    },
    close: () => server.close(),
  };
  return fake;
}

/** A header's value as one string (Node gives arrays for repeated headers). */
function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

const nextIdIn = (rows: Array<{ id: number }>, floor: number) => rows.reduce((max, row) => Math.max(max, row.id + 1), floor);

/** German non-business days of group `groupId` for 2026 and 2027 (Easter: 5 April 2026, 28 March 2027). */
function germanNonbusinessDays(groupId: number, firstId: number): FakeNonbusinessDay[] {
  const days: Array<[string, string, boolean]> = [];
  for (const [year, goodFriday, easterMonday] of [
    ['2026', '04-03', '04-06'],
    ['2027', '03-26', '03-29'],
  ] as const) {
    days.push(
      ['New Year', `${year}-01-01`, false],
      ['Good Friday', `${year}-${goodFriday}`, false],
      ['Easter Monday', `${year}-${easterMonday}`, false],
      ['Labour Day', `${year}-05-01`, false],
      ['Christmas Eve', `${year}-12-24`, true],
      ['Christmas Day', `${year}-12-25`, false],
      ['Boxing Day', `${year}-12-26`, false],
    );
  }
  return days.map(([name, date, halfDay], index) => ({ id: firstId + index, groupId, name, date, halfDay }));
}

/**
 * Seeds a realistic company: customers ACME and Globex; projects Website and Legacy (completed) of
 * ACME and Rocket of Globex; services Development, Meeting and Travel (inactive). Ada (user 1) may
 * book only on ACME and only the service Development. Every user gets 8 h Monday–Friday from
 * 2020-01-01, 30 days of holiday from 2026 and 2 days carried into 2026; every non-business group of
 * the users gets the German holidays of 2026 and 2027 (Christmas Eve a half day).
 */
export function seedCompany(fake: FakeClockodo): { customers: Record<string, number>; projects: Record<string, number>; services: Record<string, number> } {
  const { state } = fake;
  const acme = fake.addCustomer('ACME');
  const globex = fake.addCustomer('Globex', { billableDefault: false });
  const website = fake.addProject('Website', acme.id);
  const legacy = fake.addProject('Legacy', acme.id, { completed: true });
  const rocket = fake.addProject('Rocket', globex.id, { billableDefault: false });
  const development = fake.addService('Development');
  const meeting = fake.addService('Meeting');
  const travel = fake.addService('Travel', { active: false });
  state.access.set(1, { add: { [acme.id]: true }, report: false, edit: false, services: { [development.id]: true } });
  // Seeded rows get ids of their own range so they never collide with what the fake hands out.
  let id = nextIdIn([...state.targetHours, ...state.nonbusinessDays, ...state.holidaysQuota, ...state.holidaysCarry], 10_000);
  for (const user of state.users) {
    state.targetHours.push({ id: id++, usersId: user.id, type: 'weekly', dateSince: '2020-01-01', dateUntil: null, week: [8, 8, 8, 8, 8, 0, 0] });
    state.holidaysQuota.push({ id: id++, usersId: user.id, yearSince: 2026, yearUntil: null, count: 30 });
    state.holidaysCarry.push({ id: id++, usersId: user.id, year: 2026, count: 2 });
  }
  for (const groupId of new Set(state.users.map((user) => user.nonbusinessGroupId).filter((group): group is number => group !== null))) {
    const days = germanNonbusinessDays(groupId, id);
    id += days.length;
    state.nonbusinessDays.push(...days);
  }
  return {
    customers: { acme: acme.id, globex: globex.id },
    projects: { website: website.id, legacy: legacy.id, rocket: rocket.id },
    services: { development: development.id, meeting: meeting.id, travel: travel.id },
  };
}

/** A worker of a big team (users from id 1000 on, "Worker 001"…): one account among `size`. */
export function bigTeam(size: number): FakeUser[] {
  return Array.from({ length: size }, (_, index) => ({
    id: 1000 + index,
    name: `Worker ${String(index + 1).padStart(3, '0')}`,
    email: `worker${index + 1}@example.com`,
    apiKey: `key-worker-${index}-0123456789abcdef`,
    role: 'worker' as const,
    timezone: 'Europe/Berlin',
    active: true,
    canAddCustomers: false,
    canSeeAbsences: false,
    canManageAbsences: false,
    teamsId: 3,
    nonbusinessGroupId: 1,
  }));
}
