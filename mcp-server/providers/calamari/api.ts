// Calamari's REST API as Punchcard uses it (docs/back-ends/calamari.md): one method per endpoint, with
// its request and answer types and what the request is for in words, over the shared remote client.
// HTTP Basic with user `calamari` and the organisation's key; reads are POSTs with a JSON body too.
// Every method that names a person names the configured one, but for the team tools' reads of the
// people Calamari's own data says this person manages (team.ts decides who they are). A
// module's call that Calamari refuses (403) is reported to `onModuleRefused`, which withdraws that
// module's tools. Nothing here decides which requests a call makes; the feature modules do.
import { SYSTEM_WALL_CLOCK, type WallClock } from '../../clock.ts';
import { limitsFileOf, sharedPacer } from '../remote/limits-file.ts';
import { HeldBack, ON_THIS_COMPUTER, organisationGate } from '../remote/organisation-limit.ts';
import { bothPaces, type Pacer, pacer } from '../remote/pacing.ts';
import { createRemoteClient, type RemoteConnection } from '../remote/remote-client.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { CALAMARI_WORDS, CalamariError, type CalamariModule, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';
import type {
  CalamariAbsenceType,
  CalamariBalance,
  CalamariEmployeePage,
  CalamariHoliday,
  CalamariNamed,
  CalamariRequest,
  CalamariShift,
  CalamariShiftStatus,
  CalamariTeam,
  CalamariTerminalAnswer,
  CalamariWorkingWeek,
} from './wire.ts';
import { usedUpLimit } from './quota.ts';

/** Requests in flight to Calamari. */
const MAX_PARALLEL_REQUESTS = 4;
/**
 * Calamari's limits, the lower of the two sets its usage guidelines publish (10 a second, 720 an hour
 * and 2,880 a day; or 20, 1,440 and 5,760: docs/back-ends/calamari.md, "Rate limits"), each counted for
 * the whole organisation. Requests beyond the second's wait their turn (remote/pacing.ts), so a call
 * that fans out (a team's pages) is slowed down rather than refused.
 */
export const CALAMARI_PER_SECOND = 10;
export const CALAMARI_PER_HOUR = 720;
export const CALAMARI_PER_DAY = 2_880;
/**
 * Ten at once, then no more than ten in any two seconds: the limit is the whole organisation's, which
 * others on the key share, and requests bunch up on their way to Calamari, which counts them as they
 * arrive. A call of ten requests or fewer is not slowed at all.
 */
export const CALAMARI_PACE_WINDOW_MS = 2_000;
/** One pace per organisation in this process, where the host counts the rest (the team server's people). */
const paces = new Map<string, Pacer>();

function organisationPace(baseUrl: string, perSecond = CALAMARI_PER_SECOND): Pacer {
  const key = `${perSecond} ${baseUrl}`;
  let pace = paces.get(key);
  if (!pace) {
    pace = pacer(perSecond, undefined, CALAMARI_PACE_WINDOW_MS);
    paces.set(key, pace);
  }
  return pace;
}

/**
 * The organisation's limit as Punchcard's processes on this computer keep it together (the app's
 * engine, the window's connection test, each AI client's engine): counted in the data folder's limits
 * file, the second as near the wire as the pace goes, the hour, the day and Calamari's refusals in the
 * gate (remote/organisation-limit.ts, with the team server's rules), all by the wall clock every
 * process shares (`clock`; a test's own moves on as it waits). A host that counts for itself (the team
 * server, in its store) gives its own gate instead.
 */
export function countedOnThisComputer(
  userDataDir: string,
  baseUrl: string,
  log: (message: string) => void,
  { clock = SYSTEM_WALL_CLOCK, perSecond = CALAMARI_PER_SECOND }: { clock?: WallClock; perSecond?: number | undefined } = {},
): Pick<RemoteConnection, 'gate' | 'pace'> {
  const file = limitsFileOf(userDataDir, log);
  const counter = `calamari:${baseUrl}`;
  return {
    // This process's pace too: another data folder's engine in it (a second account) shares no file.
    pace: bothPaces(organisationPace(baseUrl, perSecond), sharedPacer(file, `${counter}:second`, perSecond, CALAMARI_PACE_WINDOW_MS)),
    gate: organisationGate({
      ledger: file,
      counter,
      service: 'Calamari',
      allowance: { perHour: CALAMARI_PER_HOUR, perDay: CALAMARI_PER_DAY },
      sharedBy: ON_THIS_COMPUTER,
      now: clock.now,
      wait: clock.wait,
    }),
  };
}

/** The terminal's clock events; `time` is the person's wall clock without zone or fraction. */
export type TerminalEvent = 'clock-in' | 'clock-out' | 'break-start' | 'break-stop';

const TERMINAL_ACTIONS: Record<TerminalEvent, string> = {
  'clock-in': 'start your shift',
  'clock-out': 'end your shift',
  'break-start': 'start your break',
  'break-stop': 'end your break',
};

export interface CalamariApiOptions {
  /** Where Calamari is, and the organisation's key. */
  connection: RemoteConnection;
  /** The one person every request that names someone names. */
  email: string;
  /** A call of this module was refused (403): it is off, or not this key's. */
  onModuleRefused: (module: Exclude<CalamariModule, 'people'>) => void;
  /**
   * Waited for before every request whose answer cannot be checked to be the person's: every write, each of which
   * names them, and the reads of their leave requests and balance, whose answers name nobody. Calamari must take their
   * address for their own record (context.ts, confirmAddress); where it may not, this throws, and nothing is sent.
   */
  confirmPerson: () => Promise<void>;
  /** The person's zone, known without asking Calamari: when a hold for the organisation's limit lifts is said in it. */
  zone: () => string;
}

export type CalamariApi = ReturnType<typeof createCalamariApi>;

export function createCalamariApi(options: CalamariApiOptions) {
  const { connection, email } = options;
  const { baseUrl } = connection;
  const client = createRemoteClient<RequestPurpose>({
    ...connection,
    words: CALAMARI_WORDS,
    maxParallel: MAX_PARALLEL_REQUESTS,
    // Calamari's 429 says which of its limits is used up (quota.ts): the gate holds back for as long
    // as that one needs, a second's is waited out once, an hour's is said with when it lifts
    // (remote/organisation-limit.ts); nothing is tried again blindly. Its limit per second is the
    // organisation's too: every client for the organisation keeps to one pace, the computer's where
    // the connection brings it, else this process's.
    retryWithoutRetryAfter: false,
    readRefusal: usedUpLimit,
    pace: connection.pace ?? organisationPace(baseUrl, connection.perSecond),
    secretWords: {
      unreadable: (reason) => new CalamariError('no_token', remoteRefusal('remote_secret_unreadable', { service: 'Calamari', secret: 'API key', reason })),
      missing: (action) => new CalamariError('no_token', remoteRefusal('calamari_key_missing', { url: baseUrl, action })),
    },
    authenticate: (key) => ({ headers: { Authorization: `Basic ${Buffer.from(`calamari:${key}`).toString('base64')}` }, secrets: [key, `calamari:${key}`] }),
    describeFailure: (answer, purpose) => {
      if (answer.status === 403 && purpose.module !== 'people') options.onModuleRefused(purpose.module);
      return describeHttpFailure(answer, purpose, baseUrl, email);
    },
    describeNotJson: (answer) => describeNotJson(baseUrl, answer),
  });
  const post = async <T>(path: string, body: Record<string, unknown>, purpose: RequestPurpose) => {
    if (!purpose.onlyReads) await options.confirmPerson();
    try {
      return (await client.request<T>({ method: 'POST', path, body, purpose })).data;
    } catch (error) {
      // The hold is the organisation's (on a team server, everyone's): its time is said in this person's zone.
      throw error instanceof HeldBack ? error.inZone(options.zone()) : error;
    }
  };
  /** A read: a POST like every other request, but one that changes nothing. */
  const find = <T>(path: string, body: Record<string, unknown>, purpose: RequestPurpose) => post<T>(path, body, { ...purpose, onlyReads: true });
  /** A read of the person's whose answer names nobody, so nothing says whose it is: confirmed first, as writes are. */
  const findUnnamed = async <T>(path: string, body: Record<string, unknown>, purpose: RequestPurpose) => {
    await options.confirmPerson();
    return find<T>(path, body, purpose);
  };
  const attendance = (action: string): RequestPurpose => ({ action, module: 'timeAndAttendance' });
  const timeOff = (action: string): RequestPurpose => ({ action, module: 'timeOff' });
  const people = (action: string): RequestPurpose => ({ action, module: 'people' });

  return {
    /** The person in the employee list (empty where the e-mail is no employee). */
    findEmployee: () => find<CalamariEmployeePage>('/employees/v1/search', { employee: email }, people('find you among the employees')),
    /** A page of the people of the person's teams: colleagues are reached by team, never by name. */
    teamMembers: (teams: readonly number[], page: number) =>
      find<CalamariEmployeePage>('/employees/v1/search', { teams, page }, people("read your teams' names")),
    /** A page of the whole organisation's employees: who reports to whom is read from them, never shown. */
    employeesPage: (page: number) => find<CalamariEmployeePage>('/employees/v1/search', { page }, people('read who reports to you')),
    teams: () => find<CalamariTeam[]>('/teams/v1/all', {}, people('read the teams you manage')),
    /** The holiday calendar one of the person's reports follows, named by that report. */
    holidaysOf: (report: string, from: string, to: string) =>
      find<CalamariHoliday[]>('/holiday/v1/find', { employee: report, from, to }, people("read your reports' public holidays")),
    workingWeeks: () => find<CalamariWorkingWeek[]>('/working-week/v1/all', {}, people('read the working weeks')),
    holidays: (from: string, to: string) => find<CalamariHoliday[]>('/holiday/v1/find', { employee: email, from, to }, people('read your public holidays')),

    /** Whether the person's shift runs (STARTED, BREAK) or not (STOPPED): a small answer, without the shift itself. */
    shiftStatus: () => find<CalamariShiftStatus | undefined>('/clockin/shift/status/v1/get-current', { person: email }, attendance('read your shift status')),
    terminal: (event: TerminalEvent, fields: Record<string, unknown>) =>
      post<CalamariTerminalAnswer>(`/clockin/terminal/v1/${event}`, { person: email, ...fields }, attendance(TERMINAL_ACTIONS[event])),
    breakTypes: () => find<CalamariNamed[]>('/clockin/terminal/v1/get-break-types-for-person', { person: email }, attendance('read your break types')),
    projects: () => find<CalamariNamed[]>('/clockin/projects/v1/get-projects-for-person', { person: email }, attendance('read your projects')),
    shifts: (from: string, to: string) =>
      find<CalamariShift[]>('/clockin/timesheetentries/v1/find', { from, to, employees: [email] }, attendance('read your shifts')),
    /** A past shift; the answer is not documented (an id, or nothing). */
    createShift: (fields: Record<string, unknown>) =>
      post<{ id?: number } | undefined>('/clockin/timesheetentries/v1/create', { person: email, ...fields }, attendance('add the shift')),
    /** The shifts of the people the person manages (never an empty list: that would be the whole organisation). */
    reportsShifts: (from: string, to: string, reports: readonly string[]) =>
      find<CalamariShift[]>('/clockin/timesheetentries/v1/find', { from, to, employees: nonEmpty(reports) }, attendance("read your reports' shifts")),
    balance: (from: string, to: string) =>
      find<Array<{ person?: { email?: string }; balance?: number }>>(
        '/clockin/timesheetentries/v1/balance',
        { from, to, employees: [email] },
        attendance('read your working-time balance'),
      ),

    absenceTypes: () => find<CalamariAbsenceType[]>('/leave/v1/get-absence-types', {}, timeOff('read the absence types')),
    requests: (from: string, to: string) =>
      findUnnamed<CalamariRequest[]>('/leave/request/v1/find', { employee: email, from, to }, timeOff('list your leave requests')),
    teamRequests: (from: string, to: string, teams: readonly number[]) =>
      find<CalamariRequest[]>('/leave/request/v1/find-advanced', { from, to, teams }, timeOff("read your teams' absences")),
    reportsRequests: (from: string, to: string, reports: readonly string[]) =>
      find<CalamariRequest[]>('/leave/request/v1/find-advanced', { from, to, employees: nonEmpty(reports) }, timeOff("read your reports' leave")),
    createRequest: (fields: Record<string, unknown>) =>
      post<{ id: number }>('/leave/request/v1/create', { employee: email, ...fields }, timeOff('file the leave request')),
    entitlementBalance: (absenceTypeId: number, date: string) =>
      findUnnamed<CalamariBalance>(
        '/leave/v1/entitlement-balance/get',
        { absenceTypeId: String(absenceTypeId), employee: email, date },
        timeOff('read your vacation balance'),
      ),

    /** A page of the employee list as its administrator reads it (manage_people): archived people too where asked. */
    employeeListPage: (page: number, withArchived: boolean) =>
      find<CalamariEmployeePage>('/employees/v1/search', { page, ...(withArchived ? { withArchived: true } : {}) }, people('list the employees')),
    /** One employee by e-mail, archived or not (manage_people's show). */
    employeeByEmail: (address: string) =>
      find<CalamariEmployeePage>('/employees/v1/search', { employee: address, withArchived: true }, people(`look for ${address} among the employees`)),

    close: () => client.close(),
  };
}

/** A filter of people that is never empty: Calamari reads an empty filter as everyone. */
function nonEmpty(people: readonly string[]): readonly string[] {
  if (people.length === 0) throw new Error('A read of no one would read the whole organisation.');
  return people;
}
