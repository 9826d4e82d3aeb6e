// A fake Calamari REST API on loopback, for the Calamari client's end-to-end tests. It follows the
// API facts in docs/back-ends/calamari.md, not any client: RPC-style POSTs with JSON bodies (reads
// too), HTTP Basic with the user `calamari`, the ErrorResponse `{message, code, field}`, people
// named by e-mail in the body, terminal times as zone-less local wall time, and the leave and
// clock-in rules as far as they are known.
//
// Where the facts stop, the fake makes a choice and says so in a comment starting with "GUESS:".
// Those choices are the documented assumptions of the Calamari client; change one here and the
// client's tests tell you what depends on it.
//
// Every JSON object the fake answers carries an unknown extra field (`internalRevision`), because
// Calamari documents that new fields may appear at any time: a client that breaks on one is wrong.
//
// What it is not: a database. State lives in plain arrays on `state`, which tests may seed and read.
// It shares no code with the engine on purpose: the client must not be able to agree with the fake
// by sharing a bug (time-zone arithmetic included).
import type http from 'node:http';

import {
  type Failure,
  Failures,
  HttpAnswer,
  jsonReply,
  type RecordedRequest as CommonRecordedRequest,
  type Reply,
  startFakeServer,
} from '../../../support/fake-server.ts';
import { answeredAs, type OptionalAnswer } from '../../../support/optional-answers.ts';
import { localDay, wallClock, wallTimeToEpoch } from '../../../support/wall-clock.ts';
import { CALAMARI_LIMITS, type FakeLimits, organisationQuota } from './fake-calamari-limits.ts';

export type { Failure, FakeLimits };
export { CALAMARI_LIMITS };

export interface FakeEmployee {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  archived: boolean;
  teams: number[];
  timezone: string;
  workingWeekId: number;
  holidayCalendar: string;
  /**
   * What `externalNumber:<value>` resolves to on the Clockin endpoints (docs/back-ends/calamari.md,
   * "Acting for one person").
   */
  externalNumber?: string | null;
  /** The employee's direct manager (an employee id), answered as `directManager {id, email}`. */
  directManagerId?: number | null;
}
/** `managerIds`: the team's managers, as teams/v1/create and update take them (`managers`). */
export interface FakeTeam {
  id: number;
  name: string;
  managerIds?: number[];
}
export type DayName = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';
export interface FakeWorkingWeek {
  id: number;
  name: string;
  days: Array<{ dayName: DayName; seconds: number | null }>;
}
export interface FakeAbsenceType {
  id: number;
  name: string;
  durationUnit: 'DAYS' | 'HOURS';
  externalId: string | null;
  category: 'TIMEOFF' | 'WORK';
}
export type DayPart = 'MORNING' | 'AFTERNOON' | 'END_OF_DAY';
export interface FakeRequest {
  id: number;
  employeeId: number;
  absenceTypeId: number;
  from: string;
  to: string;
  fromPart: DayPart;
  toPart: DayPart;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'CANCELED';
  reason: string | null;
  comment: string | null;
  amount: number;
  /** An hourly request ('HH:mm' parts on an HOURS type, one day): its local start and end. */
  startTime?: string | null;
  endTime?: string | null;
  substituteId?: number | null;
}
export interface FakeShift {
  id: number;
  employeeId: number;
  started: number;
  finished: number | null;
  breaks: Array<{ from: number; to: number | null; breakTypeId: number }>;
  projectId: number | null;
  description: string | null;
  /** Project time entries of a shift made by timesheetentries/create; without them, `projectId` covers the whole shift. */
  projectEntries?: Array<{ projectId: number; from: number; to: number | null }>;
}
export interface FakeHoliday {
  name: string;
  start: string;
  end: string;
  halfDay: boolean;
  halfdayPeriod: 'AM' | 'PM' | null;
  calendar: string;
}

/** A request as the fake Calamari saw it: the common fields and every person its body names. */
export interface RecordedRequest extends CommonRecordedRequest {
  /** Every person the body names: values of person, employee, employees[], creator, substitute, balanceOwner. */
  persons: string[];
}

export type KeyGroup = 'clockin' | 'leave' | 'holidays' | 'employees';

export interface FakeCalamariOptions {
  /** The API key; default 'calamari-key-0123456789'. */
  key?: string;
  /** false → every call 401 AUTH (API access switched off for the organisation). */
  apiEnabled?: boolean;
  /** Endpoint groups the key may call; default all. Groups: 'clockin' (terminal, shift status, projects, timesheet entries), 'leave' (absence types, balances, requests), 'holidays', 'employees' (employees, working weeks). */
  keyGroups?: KeyGroup[];
  /** Default both on. */
  modules?: { timeAndAttendance?: boolean; timeOff?: boolean };
  /** false → terminal calls answer API_TERMINAL_NOT_AVAILABLE. */
  apiTerminal?: boolean;
  now?: () => number;
  employees?: FakeEmployee[];
  /**
   * How an employee's zone is spelt in the employee list: `timeZone` as on Calamari's other objects
   * (shifts' `startedTimeZone`, requests' `timeZone`; the default), `timezone`, or left out (GUESS: the
   * documentation does not show the field).
   */
  employeeZoneField?: 'timeZone' | 'timezone' | 'none';
  /** People per page of employees/v1/search; default EMPLOYEES_PAGE_SIZE (GUESS: the real size is unknown). */
  employeesPageSize?: number;
  /**
   * The organisation's request limits (docs/back-ends/calamari.md, "Rate limits"); default the lower
   * set the usage guidelines publish, CALAMARI_LIMITS. A test gives a lower one to play an
   * organisation whose real limit is below what Punchcard was told.
   */
  limits?: Partial<FakeLimits>;
  /** Whether a 429 carries Retry-After (seconds until the limit it met lets a request through); default not, as nothing documents one. */
  retryAfter?: boolean;
  /**
   * Whether the 429 of the fake's own limits counts the second, the hour and the day in `field` (the
   * default: the one past its limit names the limit used up), or counts nothing (`field` null), as a
   * Calamari whose body leaves its usage out would: UNCONFIRMED which it sends, so the product must
   * survive both (docs/back-ends/calamari.md, "Rate limits").
   */
  quotaUsage?: boolean;
}

export interface FakeCalamariState {
  employees: FakeEmployee[];
  teams: FakeTeam[];
  workingWeeks: FakeWorkingWeek[];
  absenceTypes: FakeAbsenceType[];
  requests: FakeRequest[];
  shifts: FakeShift[];
  holidays: FakeHoliday[];
  /**
   * `archived`: an administrator archived it (`projects/v1/archive`): no longer one the person may clock on, so
   * get-projects-for-person leaves it out and a clock-in on it is INVALID_PROJECT; old shifts still name it.
   */
  projects: Array<{ id: number; name: string; employeeIds: number[] | null; archived?: boolean }>;
  breakTypes: Array<{ id: number; name: string; employeeIds: number[] | null }>;
  balances: Array<{ employeeId: number; absenceTypeId: number; amount: number; unlimited: boolean }>;
}

export interface FakeCalamari {
  /** e.g. http://127.0.0.1:PORT — the API lives under `${url}/api/...`. */
  readonly url: string;
  /** Mutable by tests: switch the API, the key's groups, a module or the API terminal off mid-test. */
  readonly options: Required<Pick<FakeCalamariOptions, 'key' | 'apiEnabled' | 'keyGroups' | 'apiTerminal'>> & {
    modules: { timeAndAttendance: boolean; timeOff: boolean };
  };
  readonly state: FakeCalamariState;
  readonly requests: RecordedRequest[];
  failNext(match: { path: string | RegExp }, failure: Failure): void;
  close(): Promise<void>;
}

export const DEFAULT_KEY = 'calamari-key-0123456789';
export const ALL_KEY_GROUPS: KeyGroup[] = ['clockin', 'leave', 'holidays', 'employees'];
/** The unknown field every answered JSON object carries, and its value. */
export const EXTRA_FIELD = 'internalRevision';
export const EXTRA_VALUE = 7;
/** GUESS: the real page size of employees/v1/search is unknown; 2 makes every test page. */
export const EMPLOYEES_PAGE_SIZE = 2;
/** GUESS: how far in the future a terminal time may lie (clock skew) before it is INVALID_TIME. */
export const FUTURE_TOLERANCE_MS = 60_000;

/** Working week 1 is full time (8 h Mon–Fri), 2 part time (6 h Mon–Thu); see seedOrganisation. */
export const DEFAULT_EMPLOYEES: FakeEmployee[] = [
  {
    id: 1,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@acme.example',
    archived: false,
    teams: [1],
    timezone: 'Europe/Berlin',
    workingWeekId: 1,
    holidayCalendar: 'DE',
    externalNumber: 'P-001',
  },
  {
    id: 2,
    firstName: 'Bob',
    lastName: 'Builder',
    email: 'bob@acme.example',
    archived: false,
    teams: [1],
    timezone: 'Europe/Berlin',
    workingWeekId: 1,
    holidayCalendar: 'DE',
    externalNumber: 'P-002',
  },
  {
    id: 3,
    firstName: 'Cleo',
    lastName: 'Patra',
    email: 'cleo@acme.example',
    archived: false,
    teams: [2],
    timezone: 'Europe/London',
    workingWeekId: 2,
    holidayCalendar: 'DE',
    externalNumber: null,
  },
  {
    id: 4,
    firstName: 'Dan',
    lastName: 'Gone',
    email: 'dan@acme.example',
    archived: true,
    teams: [1],
    timezone: 'Europe/Berlin',
    workingWeekId: 1,
    holidayCalendar: 'DE',
    externalNumber: 'P-004',
  },
];

// -------------------------------------------------------------------------------------------------
// Time, without the engine's helpers (see the header; the wall clock is test/support/wall-clock.ts)

const MS_PER_DAY = 86_400_000;
const DAY_NAMES: DayName[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

export { localDay, wallTimeToEpoch };

/** The wall time the terminal endpoints take: 'YYYY-MM-DDTHH:mm:ss' in the zone given. */
export function terminalTime(epochMs: number, timeZone: string): string {
  return wallClock(epochMs, timeZone);
}

/** How Calamari writes instants in timesheet answers: UTC with a '+0000' suffix, whole seconds. */
export function utcStamp(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}+0000`;
}

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
const dayName = (date: string): DayName => DAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()] as DayName;

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

const TERMINAL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A zone-less local 'YYYY-MM-DDTHH:mm:ss' read in the zone; undefined for anything else ('Z', offsets, fractions). */
function readWallTime(value: unknown, timeZone: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TERMINAL_TIME.exec(value);
  if (!match || !isDate(match[1])) return undefined;
  return wallTimeToEpoch(match[1] as string, `${match[2]}:${match[3]}:${match[4]}`, timeZone);
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

// -------------------------------------------------------------------------------------------------
// Answers

/** Thrown by validation deep in a handler; the dispatcher answers with it. */
class Refusal extends Error {
  readonly answer: HttpAnswer;
  constructor(answer: HttpAnswer) {
    super(`Calamari refusal ${answer.status}`);
    this.answer = answer;
  }
}

const MESSAGES: Record<string, string> = {
  AUTH: 'Authentication failure',
  INVALID_METHOD_URL: 'Invalid method URL',
  HTTP_METHOD_NOT_ALLOWED: 'HTTP method not allowed',
  INVALID_JSON_PAYLOAD: 'Invalid JSON payload',
  INVALID_EMPLOYEE: 'Employee not found',
  INVALID_TIME: 'Invalid time',
  API_TERMINAL_NOT_AVAILABLE: 'API terminal is not available for this employee',
  INVALID_PROJECT: 'Invalid project',
  INVALID_BREAK_TYPE: 'Invalid break type',
  NO_STARTED_SHIFT: 'There is no started shift',
  INVALID_DATE_FROM: 'Invalid date from',
  INVALID_DATE_TO: 'Invalid date to',
  INVALID_DATE: 'Invalid date',
  INVALID_TEAM: 'Team not found',
  INVALID_SHIFT_START: 'Invalid shift start',
  INVALID_SHIFT_END: 'Invalid shift end',
  SHIFT_END_BEFORE_START: 'Shift end is before shift start',
  SHIFT_TO_SHORT: 'Shift is too short',
  SHIFTS_OVERLAP: 'Shift overlaps another shift',
  SHIFT_DESCRIPTION_TOO_LONG: 'Shift description is too long',
  INVALID_PROJECT_TYPE: 'Invalid project type',
  INVALID_PROJECT_FOR_USER: 'Project is not available for the employee',
  PROJECT_TIME_ENTRIES_OVERLAP: 'Project time entries overlap',
  PROJECT_IS_NOT_IN_SHIFT_RANGE: 'Project time entry is not in the shift range',
  INVALID_BREAK_FOR_USER: 'Break type is not available for the employee',
  BREAK_IS_NOT_IN_SHIFT_RANGE: 'Break is not in the shift range',
  BREAKS_OVERLAP: 'Breaks overlap',
  INVALID_ABSENCE_TYPE: 'Invalid absence type',
  INVALID_ABSENCE_TIME: 'Invalid absence time',
  INVALID_ABSENCE_ALLOWANCE: 'Not enough allowance',
  INVALID_TIME_PART: 'Invalid time part',
  INVALID_REASON: 'Invalid reason',
  INVALID_COMMENT: 'Invalid comment',
  INVALID_SUBSTITUTE: 'Invalid substitute',
  INVALID_ABSENCE_STATUS: 'Invalid absence status',
  INVALID_REQUEST: 'Invalid request',
  QUOTA_EXCEEDED: 'Too many requests',
};

function errorAnswer(
  status: number,
  code: string,
  field: string | null = null,
  message = MESSAGES[code] ?? 'Invalid request',
  headers: Record<string, string> = {},
): HttpAnswer {
  return new HttpAnswer(status, { message, code, field }, headers);
}

const refuse = (code: string, field: string | null = null, message?: string) => new Refusal(errorAnswer(400, code, field, message));

/**
 * Calamari's answer `answer` to a read of an optional feature (test/support/optional-answers.ts), in its own shape,
 * `{message, code, field}`: a module off or a key group without the endpoint a 403 ACCESS_FORBIDDEN (as the fake
 * answers them), a method that is not there its documented 404 INVALID_METHOD_URL, a key it does not take the
 * documented 401 AUTH. GUESS: the 402's and the 500's codes and words, which the documentation does not show.
 */
export function optionalAnswer(answer: OptionalAnswer): Failure {
  const said = (status: number, code: string, message: string): Failure => ({ status, body: { message, code, field: null } });
  return answeredAs(answer, (own) => {
    if (own === 'payment_required') return said(402, 'PAYMENT_REQUIRED', 'This feature is not included in your plan');
    if (own === 'forbidden') return said(403, 'ACCESS_FORBIDDEN', 'Access forbidden');
    if (own === 'not_found') return said(404, 'INVALID_METHOD_URL', MESSAGES.INVALID_METHOD_URL as string);
    if (own === 'token_refused') return said(401, 'AUTH', MESSAGES.AUTH as string);
    return said(500, 'INTERNAL_ERROR', 'Internal server error');
  });
}

/** Adds the unknown extra field to every object of an answer, nested ones included. */
function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = withExtraFields(item);
  if (!(EXTRA_FIELD in copy)) copy[EXTRA_FIELD] = EXTRA_VALUE;
  return copy;
}

const PERSON_KEYS = new Set(['person', 'employee', 'employees', 'creator', 'substitute', 'balanceOwner']);

/** Every value the body gives a person-naming key, at any depth. */
function personsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) personsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (PERSON_KEYS.has(key)) {
        for (const named of Array.isArray(item) ? item : [item]) if (typeof named === 'string' || typeof named === 'number') found.push(String(named));
      } else {
        personsIn(item, found);
      }
    }
  }
  return found;
}

/** What each limit's count is in a scripted 429: the one used up is one past its limit, the others well within theirs. */
const SCRIPTED_USAGE: Record<'second' | 'hour' | 'day', string> = {
  second: 'Requests: 35/720 per hour, 900/2880 per day, 11/10 per second',
  hour: 'Requests: 721/720 per hour, 900/2880 per day, 3/10 per second',
  day: 'Requests: 35/720 per hour, 2881/2880 per day, 3/10 per second',
};

/**
 * The 429 body Calamari documents, as the fake's own limits answer it (fake-calamari-limits.ts): the
 * usage and the limits of the second, the hour and the day in `field`, counting the refused request,
 * so the one past its limit is the one used up. `usedUp` names it (default the hour), or null for a
 * 429 whose body counts nothing and so names no limit (a proxy's, or Calamari's without its usage);
 * `retryAfterSeconds` adds Retry-After, which nothing documents Calamari sending.
 */
export function quotaExceeded(times = 1, usedUp: 'second' | 'hour' | 'day' | null = 'hour', retryAfterSeconds?: number): Failure {
  return {
    status: 429,
    times,
    body: { message: MESSAGES.QUOTA_EXCEEDED, code: 'QUOTA_EXCEEDED', ...(usedUp ? { field: SCRIPTED_USAGE[usedUp] } : {}) },
    ...(retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
  };
}

// -------------------------------------------------------------------------------------------------
// The server

type Module = 'timeAndAttendance' | 'timeOff';
type Body = Record<string, unknown>;
interface Route {
  group: KeyGroup;
  module?: Module;
  terminal?: boolean;
  handler: (body: Body) => unknown;
}

export async function startFakeCalamari(options: FakeCalamariOptions = {}): Promise<FakeCalamari> {
  const now = options.now ?? Date.now;
  const zoneField = options.employeeZoneField ?? 'timeZone';
  const employeesPageSize = options.employeesPageSize ?? EMPLOYEES_PAGE_SIZE;
  const settings: FakeCalamari['options'] = {
    key: options.key ?? DEFAULT_KEY,
    apiEnabled: options.apiEnabled ?? true,
    keyGroups: [...(options.keyGroups ?? ALL_KEY_GROUPS)],
    apiTerminal: options.apiTerminal ?? true,
    modules: { timeAndAttendance: options.modules?.timeAndAttendance ?? true, timeOff: options.modules?.timeOff ?? true },
  };
  const state: FakeCalamariState = {
    employees: (options.employees ?? DEFAULT_EMPLOYEES).map((employee) => ({ ...employee, teams: [...employee.teams] })),
    teams: [],
    workingWeeks: [],
    absenceTypes: [],
    requests: [],
    shifts: [],
    holidays: [],
    projects: [],
    breakTypes: [],
    balances: [],
  };
  const requests: RecordedRequest[] = [];
  const failures = new Failures();
  // Ids continue after whatever a test seeded, in ranges apart from the employees' so that a client
  // sending the wrong kind of id gets an error instead of a lucky hit.
  const nextId = (items: Array<{ id: number }>, floor: number) => Math.max(floor, ...items.map((item) => item.id)) + 1;

  // ---------------------------------------------------------------------------------------------
  // Reading bodies

  const employeeById = (id: number) => state.employees.find((employee) => employee.id === id);

  /**
   * The employee a body names. E-mail (= login here), compared without regard to case (GUESS: real
   * logins are probably case-insensitive too). `externalNumber:<n>` only on the Clockin endpoints,
   * which are the ones documented to take it. Unknown or archived → INVALID_EMPLOYEE on that field.
   */
  function person(value: unknown, field: string, externalNumber = false): FakeEmployee {
    let found: FakeEmployee | undefined;
    if (typeof value === 'string' && value.startsWith('externalNumber:')) {
      const number = value.slice('externalNumber:'.length);
      found = externalNumber && number !== '' ? state.employees.find((employee) => employee.externalNumber === number) : undefined;
    } else if (typeof value === 'string' && value !== '') {
      found = state.employees.find((employee) => employee.email.toLowerCase() === value.toLowerCase());
    }
    if (!found || found.archived) throw refuse('INVALID_EMPLOYEE', field);
    return found;
  }

  function team(value: unknown): FakeTeam {
    const found =
      typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
        ? state.teams.find((item) => item.id === Number(value))
        : typeof value === 'string'
          ? state.teams.find((item) => item.name.toLowerCase() === value.toLowerCase())
          : undefined;
    if (!found) throw refuse('INVALID_TEAM', 'teams');
    return found;
  }

  /**
   * The `employees[]` and `teams[]` filters: OR within one, AND across them (documented for
   * timesheet find). GUESS: an empty list is no filter at all, as for a missing one — so a client
   * that sends `employees: []` reads the whole company, which it must never do by accident.
   */
  function employeeFilter(body: Body, externalNumber = false): (employee: FakeEmployee) => boolean {
    const list = (key: string, code: string) => {
      const value = body[key];
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) throw refuse(code, key);
      return value as unknown[];
    };
    const people = new Set(list('employees', 'INVALID_EMPLOYEE').map((value) => person(value, 'employees', externalNumber).id));
    const teams = new Set(list('teams', 'INVALID_TEAM').map((value) => team(value).id));
    return (employee) => (people.size === 0 || people.has(employee.id)) && (teams.size === 0 || employee.teams.some((id) => teams.has(id)));
  }

  function dateField(value: unknown, code: string, field: string): string {
    if (!isDate(value)) throw refuse(code, field);
    return value;
  }

  /** from/to of the range reads. GUESS: `to` before `from` is INVALID_DATE_TO. */
  function range(body: Body): { from: string; to: string } {
    const from = dateField(body.from, 'INVALID_DATE_FROM', 'from');
    const to = dateField(body.to, 'INVALID_DATE_TO', 'to');
    if (to < from) throw refuse('INVALID_DATE_TO', 'to');
    return { from, to };
  }

  function optionalText(value: unknown, code: string, field: string, max: number): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length > max) throw refuse(code, field);
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  // GUESS: an archived project is one nobody may clock on any more (the portal documents the archive
  // operation, not what it does to the person's list or to a clock-in naming it).
  const projectsFor = (employee: FakeEmployee) =>
    state.projects.filter((project) => !project.archived && (project.employeeIds === null || project.employeeIds.includes(employee.id)));
  const breakTypesFor = (employee: FakeEmployee) => state.breakTypes.filter((type) => type.employeeIds === null || type.employeeIds.includes(employee.id));
  const runningShift = (employee: FakeEmployee) => state.shifts.find((shift) => shift.employeeId === employee.id && shift.finished === null);
  const openBreak = (shift: FakeShift) => shift.breaks.find((item) => item.to === null);

  /** Seconds the employee's working week plans for that weekday (0 off work, and without a week). */
  function plannedSeconds(employee: FakeEmployee, day: string): number {
    const week = state.workingWeeks.find((item) => item.id === employee.workingWeekId);
    return week?.days.find((item) => item.dayName === dayName(day))?.seconds ?? 0;
  }

  /** The halves of a day the employee works: none off work; a holiday takes both, a half-day holiday the half it names. */
  function workingHalves(employee: FakeEmployee, day: string): { AM: boolean; PM: boolean } {
    const halves = { AM: plannedSeconds(employee, day) > 0, PM: plannedSeconds(employee, day) > 0 };
    for (const holiday of state.holidays) {
      if (holiday.calendar !== employee.holidayCalendar || holiday.start > day || holiday.end < day) continue;
      if (!holiday.halfDay) return { AM: false, PM: false };
      // `halfdayPeriod` names the non-working half (docs/back-ends/calamari.md, "Public holidays").
      if (holiday.halfdayPeriod === 'AM') halves.AM = false;
      else halves.PM = false;
    }
    return halves;
  }

  const isHourly = (request: FakeRequest) => typeof request.startTime === 'string' && typeof request.endTime === 'string';

  /** The halves a request covers on one of its days: parts are points in the day (MORNING 0 h, AFTERNOON midday, END_OF_DAY 24 h). */
  function requestedHalves(request: FakeRequest, day: string): { AM: boolean; PM: boolean } {
    if (day < request.from || day > request.to) return { AM: false, PM: false };
    return { AM: !(day === request.from && request.fromPart !== 'MORNING'), PM: !(day === request.to && request.toPart !== 'END_OF_DAY') };
  }

  /** What one day of a request costs, in the unit of its absence type. */
  function dayAmount(employee: FakeEmployee, type: FakeAbsenceType | undefined, request: FakeRequest, day: string): number {
    const free = workingHalves(employee, day);
    if (isHourly(request))
      return day === request.from && (free.AM || free.PM) ? (minutesOf(request.endTime as string) - minutesOf(request.startTime as string)) / 60 : 0;
    const wanted = requestedHalves(request, day);
    const halves = Number(free.AM && wanted.AM) + Number(free.PM && wanted.PM);
    return type?.durationUnit === 'HOURS' ? (halves * plannedSeconds(employee, day)) / 2 / 3600 : halves / 2;
  }

  const round3 = (value: number) => Math.round(value * 1000) / 1000;

  /** Working days (or hours) by the employee's working week and holiday calendar; half parts count 0.5. */
  function requestAmount(employee: FakeEmployee, type: FakeAbsenceType, request: FakeRequest): number {
    return round3(eachDay(request.from, request.to).reduce((sum, day) => sum + dayAmount(employee, type, request, day), 0));
  }

  /** A request as minutes on one axis (day × 1440 + minute of day), for overlap checks. */
  function requestSpan(request: FakeRequest): [number, number] {
    const point = { MORNING: 0, AFTERNOON: 720, END_OF_DAY: 1440 };
    const start = isHourly(request) ? minutesOf(request.startTime as string) : point[request.fromPart];
    const end = isHourly(request) ? minutesOf(request.endTime as string) : point[request.toPart];
    return [dayIndex(request.from) * 1440 + start, dayIndex(request.to) * 1440 + end];
  }

  /** Worked seconds of a shift: start to finish (or now while running) less its breaks. */
  function workedSeconds(shift: FakeShift): number {
    const end = shift.finished ?? now();
    const breaks = shift.breaks.reduce((sum, item) => sum + Math.max(0, (item.to ?? end) - item.from), 0);
    return Math.max(0, Math.round((end - shift.started - breaks) / 1000));
  }

  /** Seconds the employee should work that day: the working week, less holidays and accepted time off. */
  function targetSeconds(employee: FakeEmployee, day: string): number {
    const planned = plannedSeconds(employee, day);
    const halves = workingHalves(employee, day);
    let hourly = 0;
    for (const request of state.requests) {
      if (request.employeeId !== employee.id || request.status !== 'ACCEPTED' || day < request.from || day > request.to) continue;
      // Remote work and other WORK types are working time: they do not lower the target.
      if (state.absenceTypes.find((type) => type.id === request.absenceTypeId)?.category !== 'TIMEOFF') continue;
      if (isHourly(request)) {
        hourly += (minutesOf(request.endTime as string) - minutesOf(request.startTime as string)) * 60;
      } else {
        const covered = requestedHalves(request, day);
        if (covered.AM) halves.AM = false;
        if (covered.PM) halves.PM = false;
      }
    }
    return Math.max(0, (planned * (Number(halves.AM) + Number(halves.PM))) / 2 - hourly);
  }

  /**
   * The working-time balance of timesheetentries/v1/balance, in seconds (GUESS: the unit is not
   * documented; −3600 in the sample and every other Clockin duration suggest seconds). Worked time
   * of the shifts starting on the days of the range up to today (in the employee's zone; running
   * shifts count up to now) minus the target of those days, today included. GUESS: how Calamari
   * treats today and the future is unknown; future days count nothing here.
   */
  function timeBalance(employee: FakeEmployee, from: string, to: string): number {
    const today = localDay(now(), employee.timezone);
    const last = to < today ? to : today;
    if (last < from) return 0;
    const worked = state.shifts
      .filter((shift) => shift.employeeId === employee.id)
      .filter((shift) => {
        const day = localDay(shift.started, employee.timezone);
        return day >= from && day <= last;
      })
      .reduce((sum, shift) => sum + workedSeconds(shift), 0);
    const target = eachDay(from, last).reduce((sum, day) => sum + targetSeconds(employee, day), 0);
    return Math.round(worked - target);
  }

  // ---------------------------------------------------------------------------------------------
  // Presentation (the extra field is added on the way out, to every object)

  const terminalPerson = (employee: FakeEmployee) => ({ firstName: employee.firstName, lastName: employee.lastName });
  const emailPerson = (employee: FakeEmployee) => ({ firstName: employee.firstName, lastName: employee.lastName, email: employee.email });
  const statusPerson = (employee: FakeEmployee) => ({ ...emailPerson(employee), externalId: employee.externalNumber ?? null });
  const teamJson = (item: FakeTeam) => ({ id: item.id, name: item.name });
  const knownTeams = (employee: FakeEmployee) =>
    employee.teams.map((id) => state.teams.find((item) => item.id === id)).filter((item): item is FakeTeam => item !== undefined);
  const calendarId = (name: string) =>
    [...new Set([...state.employees.map((item) => item.holidayCalendar), ...state.holidays.map((item) => item.calendar)])].sort().indexOf(name) + 1;

  function shiftStatus(employee: FakeEmployee): 'STARTED' | 'STOPPED' | 'BREAK' {
    const shift = runningShift(employee);
    if (!shift) return 'STOPPED';
    return openBreak(shift) ? 'BREAK' : 'STARTED';
  }

  const projectRef = (id: number) => ({ id, name: state.projects.find((project) => project.id === id)?.name ?? null });
  const seconds = (from: number, to: number | null) => (to === null ? null : Math.round((to - from) / 1000));

  /**
   * A timesheet entry as timesheetentries/v1/find answers it (shape from community evidence,
   * docs/back-ends/calamari.md, "Shifts"). GUESS: `duration` is the worked time in seconds, breaks
   * subtracted, and 0 while the shift runs (a captured answer showed 0 for a running shift);
   * clients should compute from `started`/`finished`/`breaks` themselves rather than trust it.
   */
  function shiftJson(shift: FakeShift) {
    const employee = employeeById(shift.employeeId);
    const timezone = employee?.timezone ?? 'UTC';
    const entries = shift.projectEntries ?? (shift.projectId === null ? [] : [{ projectId: shift.projectId, from: shift.started, to: shift.finished }]);
    return {
      id: shift.id,
      started: utcStamp(shift.started),
      finished: shift.finished === null ? null : utcStamp(shift.finished),
      startedTimeZone: timezone,
      finishedTimeZone: shift.finished === null ? null : timezone,
      duration: shift.finished === null ? 0 : workedSeconds(shift),
      person: employee ? emailPerson(employee) : null,
      breaks: shift.breaks.map((item) => ({
        from: utcStamp(item.from),
        to: item.to === null ? null : utcStamp(item.to),
        duration: seconds(item.from, item.to),
        breakType: { id: item.breakTypeId, name: state.breakTypes.find((type) => type.id === item.breakTypeId)?.name ?? null },
      })),
      projects: entries.map((entry) => ({
        project: projectRef(entry.projectId),
        from: utcStamp(entry.from),
        to: entry.to === null ? null : utcStamp(entry.to),
        duration: seconds(entry.from, entry.to),
      })),
      closed: shift.finished !== null,
      description: shift.description ?? '',
    };
  }

  /**
   * A request as leave/request/v1/find answers it. `amountFirstDay`/`amountLastDay` are null on a
   * whole first/last day and the partial amount otherwise (GUESS: community clients read them, the
   * sample shows nulls for a full-day request). `startTime`/`endTime` are 'HH:mm' of an hourly
   * request, else null; `timeZone` is the employee's (GUESS, seen in old fixtures only).
   */
  function requestJson(request: FakeRequest) {
    const employee = employeeById(request.employeeId);
    const type = state.absenceTypes.find((item) => item.id === request.absenceTypeId);
    const partialFirst = isHourly(request) || request.fromPart !== 'MORNING';
    const partialLast = isHourly(request) || request.toPart !== 'END_OF_DAY';
    const amountOn = (day: string) => (employee ? round3(dayAmount(employee, type, request, day)) : null);
    return {
      id: request.id,
      from: request.from,
      to: request.to,
      absenceTypeName: type?.name ?? null,
      absenceTypeId: request.absenceTypeId,
      absenceCategory: type?.category ?? 'TIMEOFF',
      status: request.status,
      entitlementAmount: request.amount,
      entitlementAmountUnit: type?.durationUnit ?? 'DAYS',
      amountFirstDay: partialFirst ? amountOn(request.from) : null,
      amountLastDay: partialLast ? amountOn(request.to) : null,
      fullDayRequest: !partialFirst && !partialLast,
      reason: request.reason,
      comment: request.comment,
      startTime: isHourly(request) ? request.startTime : null,
      endTime: isHourly(request) ? request.endTime : null,
      timeZone: employee?.timezone ?? null,
    };
  }

  function directManagerJson(employee: FakeEmployee) {
    const manager = employee.directManagerId === undefined || employee.directManagerId === null ? undefined : employeeById(employee.directManagerId);
    return manager ? { id: manager.id, email: manager.email } : null;
  }

  function employeeJson(employee: FakeEmployee) {
    const week = state.workingWeeks.find((item) => item.id === employee.workingWeekId);
    return {
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      externalNumber: employee.externalNumber ?? null,
      archived: employee.archived,
      teams: knownTeams(employee).map(teamJson),
      workingWeek: week ? { id: week.id, name: week.name } : null,
      ...(zoneField === 'none' ? {} : { [zoneField]: employee.timezone }),
      holidaysCalendar: { id: calendarId(employee.holidayCalendar), name: employee.holidayCalendar },
      position: null,
      contractType: null,
      approvalFlow: { id: 1, name: 'Default' },
      // The portal's employee sample shows `directManager {id, email}` (docs/back-ends/calamari.md, "Teams").
      directManager: directManagerJson(employee),
      admin: false,
      language: 'en',
      hireDate: null,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Routes (paths below /api)

  const routes = new Map<string, Route>();
  const post = (path: string, group: KeyGroup, handler: Route['handler'], extra: { module?: Module; terminal?: boolean } = {}) =>
    routes.set(path, { group, handler, ...extra });
  const clockin = (path: string, handler: Route['handler'], terminal = false) => post(path, 'clockin', handler, { module: 'timeAndAttendance', terminal });
  const leave = (path: string, handler: Route['handler']) => post(path, 'leave', handler, { module: 'timeOff' });

  // --- Terminal (docs/back-ends/calamari.md, "The API terminal") ---------------------------------

  /**
   * The terminal `time`: local wall time of the employee without zone or fraction. Anything else is
   * the observed `400 {message:"Incorrect value", code:"", field:"time"}`. A missing time is the
   * documented INVALID_TIME (GUESS: which of the two a missing value gives is unknown), and so is a
   * time more than FUTURE_TOLERANCE_MS ahead of now (GUESS: a terminal records what happens; the
   * check also catches a client that sends UTC wall time for a zone west of UTC).
   */
  function terminalInstant(body: Body, employee: FakeEmployee): number {
    if (body.time === undefined || body.time === null) throw refuse('INVALID_TIME', 'time');
    const instant = readWallTime(body.time, employee.timezone);
    if (instant === undefined) throw refuse('', 'time', 'Incorrect value');
    if (instant > now() + FUTURE_TOLERANCE_MS) throw refuse('INVALID_TIME', 'time');
    return instant;
  }

  function clockIn(employee: FakeEmployee, at: number, body: Body) {
    // Documented: a clock-in while a shift runs is ignored and still answers 200 (nothing is checked
    // further), however soon after the shift's start it comes: one a few seconds after it, with
    // another project or a description, changes nothing and answers STARTED all the same.
    if (runningShift(employee)) return { person: terminalPerson(employee), shiftStatus: 'STARTED' };
    let projectId: number | null = null;
    if (body.projectId !== undefined && body.projectId !== null) {
      // Unknown, or not open to the person: INVALID_PROJECT (reported; docs/back-ends/calamari.md,
      // "The API terminal").
      const project = projectsFor(employee).find((item) => item.id === body.projectId);
      if (!project) throw refuse('INVALID_PROJECT', 'projectId');
      projectId = project.id;
    }
    const description = optionalText(body.description, 'INVALID_JSON_PAYLOAD', 'description', 4096);
    // GUESS: a clock-in inside a shift already recorded for that time is INVALID_TIME.
    if (state.shifts.some((shift) => shift.employeeId === employee.id && shift.started <= at && (shift.finished ?? Infinity) > at))
      throw refuse('INVALID_TIME', 'time');
    state.shifts.push({ id: nextId(state.shifts, 5000), employeeId: employee.id, started: at, finished: null, breaks: [], projectId, description });
    return { person: terminalPerson(employee), shiftStatus: 'STARTED' };
  }

  function clockOut(employee: FakeEmployee, at: number) {
    const shift = runningShift(employee);
    // Documented: a clock-out without a running shift is ignored (200).
    if (!shift) return { person: terminalPerson(employee), shiftStatus: 'FINISHED' };
    const open = openBreak(shift);
    // GUESS: a finish before the shift's (or the open break's) start is INVALID_TIME.
    if (at < shift.started || (open && at < open.from)) throw refuse('INVALID_TIME', 'time');
    // Observed: clocking out during a break closes the break at that moment (0 s when at the same time).
    if (open) open.to = at;
    for (const entry of shift.projectEntries ?? []) if (entry.to === null) entry.to = at;
    shift.finished = at;
    return { person: terminalPerson(employee), shiftStatus: 'FINISHED' };
  }

  clockin(
    '/clockin/terminal/v1/clock-in',
    (body) => {
      const employee = person(body.person, 'person', true);
      return clockIn(employee, terminalInstant(body, employee), body);
    },
    true,
  );
  clockin(
    '/clockin/terminal/v1/clock-out',
    (body) => {
      const employee = person(body.person, 'person', true);
      return clockOut(employee, terminalInstant(body, employee));
    },
    true,
  );
  clockin(
    '/clockin/terminal/v1/punch-clock',
    (body) => {
      const employee = person(body.person, 'person', true);
      const at = terminalInstant(body, employee);
      return runningShift(employee) ? clockOut(employee, at) : clockIn(employee, at, body);
    },
    true,
  );

  /** breakType is required and must be one the person may use (documented INVALID_BREAK_TYPE). */
  function breakType(body: Body, employee: FakeEmployee) {
    const found = breakTypesFor(employee).find((type) => type.id === body.breakType);
    if (!found) throw refuse('INVALID_BREAK_TYPE', 'breakType');
    return found;
  }

  clockin(
    '/clockin/terminal/v1/break-start',
    (body) => {
      const employee = person(body.person, 'person', true);
      const at = terminalInstant(body, employee);
      const type = breakType(body, employee);
      const shift = runningShift(employee);
      // GUESS: the code for a break without a running shift is undocumented; NO_STARTED_SHIFT is what
      // a community test double uses, itself marked as a guess there.
      if (!shift) throw refuse('NO_STARTED_SHIFT');
      // GUESS: by analogy with clock-in, a break-start during a break is ignored (200, STARTED).
      if (openBreak(shift)) return { person: terminalPerson(employee), breakStatus: 'STARTED' };
      const lastEnd = Math.max(shift.started, ...shift.breaks.map((item) => item.to ?? 0));
      // GUESS: a break starting before the shift or inside an earlier break is INVALID_TIME.
      if (at < lastEnd) throw refuse('INVALID_TIME', 'time');
      shift.breaks.push({ from: at, to: null, breakTypeId: type.id });
      return { person: terminalPerson(employee), breakStatus: 'STARTED' };
    },
    true,
  );
  clockin(
    '/clockin/terminal/v1/break-stop',
    (body) => {
      const employee = person(body.person, 'person', true);
      const at = terminalInstant(body, employee);
      breakType(body, employee);
      const shift = runningShift(employee);
      if (!shift) throw refuse('NO_STARTED_SHIFT');
      const open = openBreak(shift);
      // GUESS: by analogy with clock-out, a break-stop without an open break is ignored (200,
      // FINISHED). The break type sent need not match the open break's (unknown; not checked).
      if (!open) return { person: terminalPerson(employee), breakStatus: 'FINISHED' };
      if (at < open.from) throw refuse('INVALID_TIME', 'time');
      open.to = at;
      return { person: terminalPerson(employee), breakStatus: 'FINISHED' };
    },
    true,
  );
  clockin(
    '/clockin/terminal/v1/get-break-types-for-person',
    (body) => {
      const employee = person(body.person, 'person', true);
      return breakTypesFor(employee).map((type) => ({ id: type.id, name: type.name }));
    },
    true,
  );

  // --- Shift status and projects (docs/back-ends/calamari.md, "Shift status", "Projects") --------

  clockin('/clockin/shift/status/v1/get-current', (body) => {
    const employee = person(body.person, 'person', true);
    return { person: statusPerson(employee), status: shiftStatus(employee) };
  });
  clockin('/clockin/shift/status/v1/get-current-for-all', () =>
    state.employees.filter((employee) => !employee.archived).map((employee) => ({ person: statusPerson(employee), status: shiftStatus(employee) })),
  );
  clockin('/clockin/projects/v1/get-projects-for-person', (body) => {
    const employee = person(body.person, 'person', true);
    return projectsFor(employee).map((project) => ({ id: project.id, name: project.name }));
  });

  // --- Timesheet entries (docs/back-ends/calamari.md, "Shifts") ----------------------------------

  /**
   * Every shift whose start falls on a day of the range (the day in the employee's zone; GUESS:
   * Calamari's day boundary is not documented), and shifts still running that started before it
   * (observed). No paging; newest first. Without filters: the whole company, archived people too.
   */
  clockin('/clockin/timesheetentries/v1/find', (body) => {
    const { from, to } = range(body);
    const keep = employeeFilter(body, true);
    return state.shifts
      .filter((shift) => {
        const employee = employeeById(shift.employeeId);
        if (!employee || !keep(employee)) return false;
        const day = localDay(shift.started, employee.timezone);
        return (day >= from && day <= to) || (shift.finished === null && day < from);
      })
      .sort((a, b) => b.started - a.started || b.id - a.id)
      .map(shiftJson);
  });

  /**
   * A historical shift. Field names `shiftStart`/`shiftEnd` (local wall time, no zone) and
   * `projects[] {projectType, projectStart, projectEnd}` are from one community client; GUESS:
   * breaks as `breaks[] {breakType, breakStart, breakEnd}` by analogy (the real names are unknown).
   * Answers `{id}` (GUESS: the real answer was never seen).
   */
  clockin('/clockin/timesheetentries/v1/create', (body) => {
    const employee = person(body.person, 'person', true);
    const start = readWallTime(body.shiftStart, employee.timezone);
    if (start === undefined) throw refuse('INVALID_SHIFT_START', 'shiftStart');
    const end = readWallTime(body.shiftEnd, employee.timezone);
    // GUESS: a shift ending in the future is no historical shift: INVALID_SHIFT_END.
    if (end === undefined || end > now() + FUTURE_TOLERANCE_MS) throw refuse('INVALID_SHIFT_END', 'shiftEnd');
    if (end < start) throw refuse('SHIFT_END_BEFORE_START', 'shiftEnd');
    if (end - start < 60_000) throw refuse('SHIFT_TO_SHORT', 'shiftEnd');
    const description = optionalText(body.description, 'SHIFT_DESCRIPTION_TOO_LONG', 'description', 4096);
    const inShift = (from: number, to: number) => from >= start && to <= end && to > from;
    const overlapping = (spans: Array<{ from: number; to: number }>) =>
      spans.some((a, index) => spans.some((b, other) => other !== index && a.from < b.to && b.from < a.to));

    const projectEntries: Array<{ projectId: number; from: number; to: number }> = [];
    for (const item of Array.isArray(body.projects) ? (body.projects as unknown[]) : []) {
      const entry = (item ?? {}) as Body;
      const project = state.projects.find((candidate) => candidate.id === entry.projectType);
      if (!project) throw refuse('INVALID_PROJECT_TYPE', 'projects');
      if (!projectsFor(employee).includes(project)) throw refuse('INVALID_PROJECT_FOR_USER', 'projects');
      const from = readWallTime(entry.projectStart, employee.timezone);
      const to = readWallTime(entry.projectEnd, employee.timezone);
      // GUESS: the code for a project entry outside its shift is not documented.
      if (from === undefined || to === undefined || !inShift(from, to)) throw refuse('PROJECT_IS_NOT_IN_SHIFT_RANGE', 'projects');
      projectEntries.push({ projectId: project.id, from, to });
    }
    if (overlapping(projectEntries)) throw refuse('PROJECT_TIME_ENTRIES_OVERLAP', 'projects');

    const breaks: FakeShift['breaks'] = [];
    for (const item of Array.isArray(body.breaks) ? (body.breaks as unknown[]) : []) {
      const entry = (item ?? {}) as Body;
      const type = state.breakTypes.find((candidate) => candidate.id === entry.breakType);
      if (!type) throw refuse('INVALID_BREAK_TYPE', 'breaks');
      if (!breakTypesFor(employee).includes(type)) throw refuse('INVALID_BREAK_FOR_USER', 'breaks');
      const from = readWallTime(entry.breakStart, employee.timezone);
      const to = readWallTime(entry.breakEnd, employee.timezone);
      if (from === undefined || to === undefined || !inShift(from, to)) throw refuse('BREAK_IS_NOT_IN_SHIFT_RANGE', 'breaks');
      breaks.push({ from, to, breakTypeId: type.id });
    }
    if (overlapping(breaks.map((item) => ({ from: item.from, to: item.to ?? item.from })))) throw refuse('BREAKS_OVERLAP', 'breaks');

    // GUESS: the code for a shift overlapping another of the person's is undocumented; SHIFTS_OVERLAP
    // follows BREAKS_OVERLAP. A running shift occupies its start until now.
    const clash = state.shifts.some((shift) => shift.employeeId === employee.id && shift.started < end && start < (shift.finished ?? now()));
    if (clash) throw refuse('SHIFTS_OVERLAP', 'shiftStart');
    const shift: FakeShift = {
      id: nextId(state.shifts, 5000),
      employeeId: employee.id,
      started: start,
      finished: end,
      breaks,
      projectId: projectEntries[0]?.projectId ?? null,
      description,
    };
    if (projectEntries.length > 0) shift.projectEntries = projectEntries;
    state.shifts.push(shift);
    return { id: shift.id };
  });

  clockin('/clockin/timesheetentries/v1/balance', (body) => {
    const { from, to } = range(body);
    const keep = employeeFilter(body, true);
    return state.employees
      .filter((employee) => !employee.archived && keep(employee))
      .map((employee) => ({ person: emailPerson(employee), balance: timeBalance(employee, from, to) }));
  });

  // --- Time off (docs/back-ends/calamari.md, "Absence types", "Leave requests", "Balances") ------

  /**
   * The string `absenceTypeId` of create and entitlement-balance/get: the numeric id as text or the
   * externalId (GUESS: which one Calamari takes is undocumented; both work here, the id first). A
   * JSON number is refused (INVALID_ABSENCE_TYPE) although a lenient server might coerce it: the
   * field is documented as a string, and a client that sends one works either way.
   */
  function absenceType(value: unknown): FakeAbsenceType {
    const found =
      typeof value !== 'string'
        ? undefined
        : ((/^\d+$/.test(value) ? state.absenceTypes.find((type) => type.id === Number(value)) : undefined) ??
          state.absenceTypes.find((type) => type.externalId !== null && type.externalId === value));
    if (!found) throw refuse('INVALID_ABSENCE_TYPE', 'absenceTypeId');
    return found;
  }

  const balanceOf = (employee: FakeEmployee, type: FakeAbsenceType) =>
    state.balances.find((item) => item.employeeId === employee.id && item.absenceTypeId === type.id);
  const booked = (employee: FakeEmployee, type: FakeAbsenceType, statuses: Array<FakeRequest['status']>) =>
    state.requests
      .filter((request) => request.employeeId === employee.id && request.absenceTypeId === type.id && statuses.includes(request.status))
      .reduce((sum, request) => sum + request.amount, 0);

  /**
   * `{unit, unlimited, amount}`. GUESS: amount = the entitlement in `state.balances` less ACCEPTED
   * requests of the type (pending ones not subtracted), whatever `date` says (it is only
   * validated); 0 when unlimited; a type without a balance entry has amount 0.
   */
  function entitlement(employee: FakeEmployee, type: FakeAbsenceType) {
    const balance = balanceOf(employee, type);
    const unlimited = balance?.unlimited ?? false;
    return { unit: type.durationUnit, unlimited, amount: unlimited || !balance ? 0 : round3(balance.amount - booked(employee, type, ['ACCEPTED'])) };
  }

  leave('/leave/v1/get-absence-types', () =>
    state.absenceTypes.map((type) => ({ id: type.id, name: type.name, durationUnit: type.durationUnit, externalId: type.externalId })),
  );
  leave('/leave/v1/entitlement-balance/get', (body) => {
    const employee = person(body.employee, 'employee');
    const type = absenceType(body.absenceTypeId);
    dateField(body.date, 'INVALID_DATE', 'date');
    return entitlement(employee, type);
  });
  /**
   * fromPart/toPart. DAYS types take points of the day: fromPart MORNING or AFTERNOON, toPart
   * AFTERNOON or END_OF_DAY (a half day is MORNING→AFTERNOON or AFTERNOON→END_OF_DAY). HOURS types
   * take those too, or 'HH:mm' for both on a single day. Anything else is INVALID_TIME_PART
   * (GUESS: the allowed combinations depend on tenant settings the fake does not model).
   */
  function parts(type: FakeAbsenceType, from: string, to: string, body: Body): Pick<FakeRequest, 'fromPart' | 'toPart' | 'startTime' | 'endTime'> {
    const { fromPart, toPart } = body;
    if (typeof fromPart === 'string' && typeof toPart === 'string' && CLOCK_TIME.test(fromPart) && CLOCK_TIME.test(toPart)) {
      if (type.durationUnit !== 'HOURS') throw refuse('INVALID_TIME_PART', 'fromPart');
      if (from !== to || minutesOf(toPart) <= minutesOf(fromPart)) throw refuse('INVALID_TIME_PART', 'toPart');
      return { fromPart: 'MORNING', toPart: 'END_OF_DAY', startTime: fromPart, endTime: toPart };
    }
    if (fromPart !== 'MORNING' && fromPart !== 'AFTERNOON') throw refuse('INVALID_TIME_PART', 'fromPart');
    if (toPart !== 'AFTERNOON' && toPart !== 'END_OF_DAY') throw refuse('INVALID_TIME_PART', 'toPart');
    if (from === to && fromPart === 'AFTERNOON' && toPart === 'AFTERNOON') throw refuse('INVALID_TIME_PART', 'toPart');
    return { fromPart, toPart, startTime: null, endTime: null };
  }

  leave('/leave/request/v1/create', (body) => {
    const employee = person(body.employee, 'employee');
    const type = absenceType(body.absenceTypeId);
    // GUESS: which code bad or missing dates give is unknown; INVALID_ABSENCE_TIME on the field.
    const from = dateField(body.dateFrom, 'INVALID_ABSENCE_TIME', 'dateFrom');
    const to = dateField(body.dateTo, 'INVALID_ABSENCE_TIME', 'dateTo');
    if (to < from) throw refuse('INVALID_ABSENCE_TIME', 'dateTo');
    const span = parts(type, from, to, body);
    const reason = optionalText(body.reason, 'INVALID_REASON', 'reason', 1024);
    const comment = optionalText(body.comment, 'INVALID_COMMENT', 'comment', 1024);
    const substituteId = body.substitute === undefined || body.substitute === null ? null : person(body.substitute, 'substitute').id;
    if (substituteId === employee.id) throw refuse('INVALID_SUBSTITUTE', 'substitute');
    const request: FakeRequest = {
      id: 0,
      employeeId: employee.id,
      absenceTypeId: type.id,
      from,
      to,
      ...span,
      status: 'PENDING',
      reason,
      comment,
      amount: 0,
      substituteId,
    };
    request.amount = requestAmount(employee, type, request);
    // GUESS: a request that covers no working time (weekend, holidays) is refused.
    if (request.amount <= 0) throw refuse('INVALID_ABSENCE_TIME', null, 'The request covers no working time');
    // GUESS: the code for an overlap with a pending or accepted request of the employee is not
    // documented; INVALID_ABSENCE_TIME. Half days of one day do not overlap.
    const [start, end] = requestSpan(request);
    const clash = state.requests.some((other) => {
      if (other.employeeId !== employee.id || (other.status !== 'PENDING' && other.status !== 'ACCEPTED')) return false;
      const [otherStart, otherEnd] = requestSpan(other);
      return start < otherEnd && otherStart < end;
    });
    if (clash) throw refuse('INVALID_ABSENCE_TIME', null, 'The request overlaps another request');
    // Not enough balance: INVALID_ABSENCE_ALLOWANCE (documented). GUESS: only TIMEOFF types are
    // limited; pending requests count as used here; a TIMEOFF type without a balance entry has none.
    if (type.category === 'TIMEOFF') {
      const balance = balanceOf(employee, type);
      const left = balance ? balance.amount - booked(employee, type, ['ACCEPTED', 'PENDING']) : 0;
      if (!balance?.unlimited && request.amount > left + 1e-9) throw refuse('INVALID_ABSENCE_ALLOWANCE');
    }
    request.id = nextId(state.requests, 1000);
    // Requests start as PENDING; approval is the tenant's flow, which the fake leaves to tests.
    state.requests.push(request);
    return { id: request.id };
  });

  const overlapsRange = (request: FakeRequest, from: string, to: string) => request.from <= to && request.to >= from;
  const byDate = (a: FakeRequest, b: FakeRequest) => a.from.localeCompare(b.from) || a.id - b.id;

  /** One employee's requests overlapping the range, every status. GUESS: ordered by start. */
  leave('/leave/request/v1/find', (body) => {
    const employee = person(body.employee, 'employee');
    const { from, to } = range(body);
    return state.requests
      .filter((request) => request.employeeId === employee.id && overlapsRange(request, from, to))
      .sort(byDate)
      .map(requestJson);
  });

  /**
   * Requests of several people (or the whole company) overlapping the range, with `employeeEmail`.
   * `absenceStatuses` takes ACCEPTED and APPROVED as the same (clients filter with APPROVED but read
   * ACCEPTED). GUESS: other unknown status values are INVALID_ABSENCE_STATUS; `teams` filters by
   * analogy with the other *-advanced calls.
   */
  leave('/leave/request/v1/find-advanced', (body) => {
    const { from, to } = range(body);
    const keep = employeeFilter(body);
    let statuses: Set<string> | undefined;
    if (body.absenceStatuses !== undefined && body.absenceStatuses !== null) {
      if (!Array.isArray(body.absenceStatuses)) throw refuse('INVALID_ABSENCE_STATUS', 'absenceStatuses');
      const known = ['PENDING', 'ACCEPTED', 'APPROVED', 'REJECTED', 'CANCELED'];
      for (const value of body.absenceStatuses as unknown[])
        if (typeof value !== 'string' || !known.includes(value)) throw refuse('INVALID_ABSENCE_STATUS', 'absenceStatuses');
      const values = (body.absenceStatuses as string[]).map((value) => (value === 'APPROVED' ? 'ACCEPTED' : value));
      if (values.length > 0) statuses = new Set(values);
    }
    return state.requests
      .filter((request) => {
        const employee = employeeById(request.employeeId);
        return employee !== undefined && keep(employee) && overlapsRange(request, from, to) && (statuses === undefined || statuses.has(request.status));
      })
      .sort(byDate)
      .map((request) => ({ employeeEmail: employeeById(request.employeeId)?.email ?? null, ...requestJson(request) }));
  });

  // --- Holidays (docs/back-ends/calamari.md, "Public holidays") ----------------------------------

  post('/holiday/v1/find', 'holidays', (body) => {
    const employee = person(body.employee, 'employee');
    const { from, to } = range(body);
    return state.holidays
      .filter((holiday) => holiday.calendar === employee.holidayCalendar && holiday.start <= to && holiday.end >= from)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((holiday) => ({
        name: holiday.name,
        start: holiday.start,
        end: holiday.end,
        halfDay: holiday.halfDay,
        halfdayPeriod: holiday.halfDay ? holiday.halfdayPeriod : null,
      }));
  });

  // --- Employees and working weeks (docs/back-ends/calamari.md, same heading) --------------------

  /**
   * `{employee?, teams?, withArchived?, page?}` → `{employees, currentPage, totalPages}`, pages of
   * EMPLOYEES_PAGE_SIZE (or the option's) counted from 0; without filters, the whole organisation. Archived people only with `withArchived: true` (a client
   * found that an archived e-mail was not found without it). GUESS: an unknown `employee` e-mail is
   * an empty page, not INVALID_EMPLOYEE (this is a search); a bad `page` is INVALID_REQUEST.
   */
  post('/employees/v1/search', 'employees', (body) => {
    const page = body.page === undefined || body.page === null ? 0 : body.page;
    if (typeof page !== 'number' || !Number.isInteger(page) || page < 0) throw refuse('INVALID_REQUEST', 'page');
    const email = typeof body.employee === 'string' ? body.employee.toLowerCase() : undefined;
    const teams = Array.isArray(body.teams) && body.teams.length > 0 ? new Set((body.teams as unknown[]).map((value) => team(value).id)) : undefined;
    const found = state.employees
      .filter((employee) => body.withArchived === true || !employee.archived)
      .filter((employee) => email === undefined || employee.email.toLowerCase() === email)
      .filter((employee) => teams === undefined || employee.teams.some((id) => teams.has(id)))
      .sort((a, b) => a.id - b.id);
    return {
      employees: found.slice(page * employeesPageSize, (page + 1) * employeesPageSize).map(employeeJson),
      currentPage: page,
      totalPages: Math.ceil(found.length / employeesPageSize),
    };
  });
  /**
   * Every team, `[{id, name}]` as documented. GUESS: `managers` (employee ids) is answered too, as
   * teams/v1/create and update take it; the documented answer shows only id and name. GUESS: teams
   * belong to the key group of the employees.
   */
  post('/teams/v1/all', 'employees', () => state.teams.map((item) => ({ ...teamJson(item), managers: [...(item.managerIds ?? [])] })));
  post('/working-week/v1/all', 'employees', () =>
    state.workingWeeks.map((week) => ({
      id: week.id,
      name: week.name,
      workingDays: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as DayName[]).map((name) => {
        const planned = week.days.find((day) => day.dayName === name)?.seconds ?? null;
        if (planned === null || planned <= 0) return { dayName: name, isWorkingDay: false, startTime: null, finishTime: null, duration: null };
        // GUESS: every working day starts at 09:00; the templates' real start times are tenant data.
        const finish = 9 * 3600 + planned;
        const clock = (total: number) =>
          `${String(Math.floor(total / 3600)).padStart(2, '0')}:${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}:00.000`;
        return { dayName: name, isWorkingDay: true, startTime: clock(9 * 3600), finishTime: clock(finish), duration: planned };
      }),
    })),
  );

  // ---------------------------------------------------------------------------------------------
  // Dispatch

  function authenticated(header: string | undefined): boolean {
    const match = header === undefined ? null : /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && decoded.slice(0, colon) === 'calamari' && decoded.slice(colon + 1) === settings.key;
  }

  const MODULE_NAMES: Record<Module, string> = { timeAndAttendance: 'Time & Attendance', timeOff: 'Time Off' };

  const quota = organisationQuota({ ...CALAMARI_LIMITS, ...options.limits }, now);

  /**
   * The order of checks: injected failure, credentials (401), the organisation's limits (429), path
   * (404), method (405), key group (403), module (403), API terminal (400), JSON body (400), then the
   * endpoint's own validation.
   * GUESS: the real order is unknown; auth first is how Spring-style security filters behave.
   */
  function answer(method: string, url: URL, headers: http.IncomingHttpHeaders, text: string): HttpAnswer {
    // Wrong key or API access switched off: documented 401 AUTH (the two are not told apart).
    if (!settings.apiEnabled || !authenticated(headers.authorization)) return errorAnswer(401, 'AUTH');
    const overLimit = quota.spend();
    if (overLimit)
      return errorAnswer(
        429,
        'QUOTA_EXCEEDED',
        options.quotaUsage === false ? null : overLimit.field,
        undefined,
        options.retryAfter ? { 'Retry-After': String(overLimit.retryAfterSeconds) } : {},
      );
    const route = url.pathname.startsWith('/api/') ? routes.get(url.pathname.slice('/api'.length)) : undefined;
    // Anything not implemented here is an unknown method URL — notably any "cancel" of a leave
    // request: no such REST endpoint is known.
    if (!route) return errorAnswer(404, 'INVALID_METHOD_URL');
    // Every call is a POST, reads too (docs/back-ends/calamari.md, "Address and style").
    if (method !== 'POST') return errorAnswer(405, 'HTTP_METHOD_NOT_ALLOWED', null, `Request method '${method}' is not supported`, { Allow: 'POST' });
    // GUESS: the 403 body for a key without the endpoint's group was never seen; the code
    // ACCESS_FORBIDDEN is the fake's choice.
    if (!settings.keyGroups.includes(route.group)) return errorAnswer(403, 'ACCESS_FORBIDDEN', null, 'Access forbidden');
    // GUESS: what a switched-off module answers is unknown. A 403 with the same code and a message
    // naming the module, so no client can come to depend on an invented code.
    if (route.module && !settings.modules[route.module])
      return errorAnswer(403, 'ACCESS_FORBIDDEN', null, `Access forbidden: the ${MODULE_NAMES[route.module]} module is not active in this organisation`);
    // Documented: no API Terminal configured (or the person lacks access to it). The fake models
    // the organisation-wide case only. GUESS: it is checked before the body.
    if (route.terminal && !settings.apiTerminal) return errorAnswer(400, 'API_TERMINAL_NOT_AVAILABLE');
    let body: Body = {};
    if (text.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return errorAnswer(400, 'INVALID_JSON_PAYLOAD');
        body = parsed as Body;
      } catch {
        return errorAnswer(400, 'INVALID_JSON_PAYLOAD');
      }
    }
    try {
      const result = route.handler(body);
      return result instanceof HttpAnswer ? result : new HttpAnswer(200, result);
    } catch (error) {
      if (error instanceof Refusal) return error.answer;
      // A bug in the fake: visible as a 500 rather than a hung request.
      return errorAnswer(500, 'INTERNAL_SERVER_ERROR', null, String(error));
    }
  }

  const server = await startFakeServer({
    requests,
    record: (common): RecordedRequest => {
      try {
        return { ...common, persons: common.body.trim() === '' ? [] : personsIn(JSON.parse(common.body)) };
      } catch {
        return { ...common, persons: [] };
      }
    },
    respond: (method, url, headers, text): Reply => {
      const result = answer(method, url, headers, text);
      return jsonReply(result.status, result.body === undefined ? undefined : withExtraFields(result.body), result.headers);
    },
    failures,
  });

  return {
    url: server.url,
    options: settings,
    state,
    requests,
    failNext(match, failure) {
      failures.add(match, failure);
    },
    close: () => server.close(),
  };
}

// -------------------------------------------------------------------------------------------------
// A realistic organisation

/** Ids of what seedOrganisation adds, for tests to name. */
export const SEED = {
  teams: { engineering: 1, sales: 2 },
  workingWeeks: { fullTime: 1, partTime: 2 },
  absenceTypes: { annualLeave: 101, sickLeave: 102, remoteWork: 103, unpaidLeave: 104, overtimePickup: 105 },
  projects: { general: 201, websiteRelaunch: 202 },
  breakTypes: { break: 301, lunch: 302 },
} as const;

const weekOf = (seconds: number, days: DayName[]): FakeWorkingWeek['days'] =>
  (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as DayName[]).map((dayName) => ({
    dayName,
    seconds: days.includes(dayName) ? seconds : null,
  }));

/** German public holidays observed nationwide in 2026 and 2027, plus the afternoons of Christmas Eve and New Year's Eve. */
function germanHolidays(): FakeHoliday[] {
  const whole = (name: string, date: string): FakeHoliday => ({ name, start: date, end: date, halfDay: false, halfdayPeriod: null, calendar: 'DE' });
  const afternoon = (name: string, date: string): FakeHoliday => ({ name, start: date, end: date, halfDay: true, halfdayPeriod: 'PM', calendar: 'DE' });
  const year = (y: number, goodFriday: string, easterMonday: string, ascension: string, whitMonday: string) => [
    whole("New Year's Day", `${y}-01-01`),
    whole('Good Friday', goodFriday),
    whole('Easter Monday', easterMonday),
    whole('Labour Day', `${y}-05-01`),
    whole('Ascension Day', ascension),
    whole('Whit Monday', whitMonday),
    whole('Day of German Unity', `${y}-10-03`),
    afternoon('Christmas Eve', `${y}-12-24`),
    whole('Christmas Day', `${y}-12-25`),
    whole("St. Stephen's Day", `${y}-12-26`),
    afternoon("New Year's Eve", `${y}-12-31`),
  ];
  return [...year(2026, '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'), ...year(2027, '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17')];
}

/** Seeds a realistic organisation: teams 'Engineering' (1) and 'Sales' (2), working weeks (full time 8h Mon–Fri; part time), absence types (Annual leave DAYS TIMEOFF, Sick leave DAYS TIMEOFF, Remote work DAYS WORK, Unpaid leave DAYS TIMEOFF, Overtime pickup HOURS TIMEOFF), German 2026/2027 public holidays for calendar 'DE' (incl. Christmas Eve as a PM half day), projects (one for everyone, one restricted to Ada), break types ('Break' for everyone, 'Lunch' for Ada), balances (Ada 30 days annual leave, unlimited sick leave), and a few requests of Bob and Cleo so a calendar has colleagues. */
export function seedOrganisation(fake: FakeCalamari): void {
  const { state } = fake;
  const ids = SEED.absenceTypes;
  state.teams.push({ id: SEED.teams.engineering, name: 'Engineering' }, { id: SEED.teams.sales, name: 'Sales' });
  state.workingWeeks.push(
    { id: SEED.workingWeeks.fullTime, name: 'Full time', days: weekOf(8 * 3600, ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']) },
    { id: SEED.workingWeeks.partTime, name: 'Part time', days: weekOf(6 * 3600, ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY']) },
  );
  state.absenceTypes.push(
    { id: ids.annualLeave, name: 'Annual leave', durationUnit: 'DAYS', externalId: 'PTO', category: 'TIMEOFF' },
    { id: ids.sickLeave, name: 'Sick leave', durationUnit: 'DAYS', externalId: 'SICK', category: 'TIMEOFF' },
    { id: ids.remoteWork, name: 'Remote work', durationUnit: 'DAYS', externalId: null, category: 'WORK' },
    { id: ids.unpaidLeave, name: 'Unpaid leave', durationUnit: 'DAYS', externalId: 'UNPAID', category: 'TIMEOFF' },
    { id: ids.overtimePickup, name: 'Overtime pickup', durationUnit: 'HOURS', externalId: null, category: 'TIMEOFF' },
  );
  state.holidays.push(...germanHolidays());
  state.projects.push(
    { id: SEED.projects.general, name: 'General', employeeIds: null },
    { id: SEED.projects.websiteRelaunch, name: 'Website relaunch', employeeIds: [1] },
  );
  state.breakTypes.push({ id: SEED.breakTypes.break, name: 'Break', employeeIds: null }, { id: SEED.breakTypes.lunch, name: 'Lunch', employeeIds: [1] });
  state.balances.push(
    { employeeId: 1, absenceTypeId: ids.annualLeave, amount: 30, unlimited: false },
    { employeeId: 1, absenceTypeId: ids.sickLeave, amount: 0, unlimited: true },
    { employeeId: 1, absenceTypeId: ids.unpaidLeave, amount: 0, unlimited: true },
    { employeeId: 1, absenceTypeId: ids.overtimePickup, amount: 16, unlimited: false },
    { employeeId: 1, absenceTypeId: ids.remoteWork, amount: 0, unlimited: true },
    { employeeId: 2, absenceTypeId: ids.annualLeave, amount: 28, unlimited: false },
    { employeeId: 2, absenceTypeId: ids.sickLeave, amount: 0, unlimited: true },
    { employeeId: 3, absenceTypeId: ids.annualLeave, amount: 20, unlimited: false },
    { employeeId: 3, absenceTypeId: ids.sickLeave, amount: 0, unlimited: true },
  );
  const request = (
    id: number,
    employeeId: number,
    absenceTypeId: number,
    from: string,
    to: string,
    status: FakeRequest['status'],
    amount: number,
    fromPart: DayPart = 'MORNING',
    toPart: DayPart = 'END_OF_DAY',
  ): FakeRequest => ({ id, employeeId, absenceTypeId, from, to, fromPart, toPart, status, reason: null, comment: null, amount });
  state.requests.push(
    // Bob (full time): a week in July, a half day, a pending remote day, a rejected request.
    request(901, 2, ids.annualLeave, '2026-07-13', '2026-07-17', 'ACCEPTED', 5),
    request(902, 2, ids.annualLeave, '2026-07-24', '2026-07-24', 'ACCEPTED', 0.5, 'MORNING', 'AFTERNOON'),
    request(903, 2, ids.remoteWork, '2026-07-22', '2026-07-22', 'PENDING', 1),
    request(904, 2, ids.annualLeave, '2026-08-03', '2026-08-04', 'REJECTED', 2),
    // Cleo (part time Mon–Thu): Wed–Fri is two working days; a canceled day; Christmas week with
    // Christmas Eve's working morning (3.5 days).
    request(905, 3, ids.annualLeave, '2026-07-15', '2026-07-17', 'ACCEPTED', 2),
    request(906, 3, ids.annualLeave, '2026-07-06', '2026-07-06', 'CANCELED', 1),
    request(907, 3, ids.annualLeave, '2026-12-21', '2026-12-24', 'PENDING', 3.5),
  );
}

// -------------------------------------------------------------------------------------------------
// People for team tests: a manager and many reports

/** An active employee on the full-time week and the 'DE' calendar, e-mail from the first name. */
export function makeEmployee(id: number, firstName: string, lastName: string, teams: number[], more: Partial<FakeEmployee> = {}): FakeEmployee {
  return {
    id,
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}@acme.example`,
    archived: false,
    teams,
    timezone: 'Europe/Berlin',
    workingWeekId: SEED.workingWeeks.fullTime,
    holidayCalendar: 'DE',
    ...more,
  };
}

/** `count` Engineering employees (ids from 1000, "Worker000 Many"…) reporting directly to `managerId`: a big team for paging. */
export function directReports(count: number, managerId: number): FakeEmployee[] {
  return Array.from({ length: count }, (_, index) =>
    makeEmployee(1000 + index, `Worker${String(index).padStart(3, '0')}`, 'Many', [SEED.teams.engineering], { directManagerId: managerId }),
  );
}
