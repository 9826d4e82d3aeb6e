// How Punchcard sends to Calamari's REST API (docs/back-ends/calamari.md), over the shared remote client: HTTP Basic
// with user `calamari` and the organisation's key; reads are POSTs with a JSON body too. Each capability's folder holds
// the endpoints it alone sends (<capability>/endpoints.ts); here are the senders they use, and the endpoints several
// capabilities, or the person and the account they share (context.ts), send: one method per endpoint, with its request
// and answer types and what the request is for in words. Every request that names a person names the configured one,
// but for the team tools' reads of the people Calamari's own data says this person manages (context.ts, reports,
// decides who they are). A module's call that Calamari refuses (403) is reported to `onModuleRefused`, which withdraws
// that module's tools. Nothing here decides which requests a call makes; the parts do.
import { SYSTEM_WALL_CLOCK, type WallClock } from '../../clock.ts';
import { limitsFileOf, sharedPacer } from '../remote/limits-file.ts';
import { HeldBack, ON_THIS_COMPUTER, organisationGate } from '../remote/organisation-limit.ts';
import { bothPaces, type Pacer, pacer } from '../remote/pacing.ts';
import { createRemoteClient, type RemoteConnection } from '../remote/remote-client.ts';
import { remoteRefusal } from '../remote/remote-error.ts';
import { CALAMARI_WORDS, CalamariError, type CalamariModule, describeHttpFailure, describeNotJson, type RequestPurpose } from './errors.ts';
import type { CalamariAbsenceType, CalamariEmployeePage, CalamariNamed, CalamariShiftStatus, CalamariTeam } from './wire.ts';
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

/** What a request of Time & Attendance, of Time Off, or of the employees and teams is for, in words. */
export const attendance = (action: string): RequestPurpose => ({ action, module: 'timeAndAttendance' });
export const timeOff = (action: string): RequestPurpose => ({ action, module: 'timeOff' });
export const people = (action: string): RequestPurpose => ({ action, module: 'people' });

/** The endpoints the capabilities share, as sent. */
export type CalamariApi = CalamariClient['api'];

/** The client the endpoints send with: its senders, the one person they name, and the endpoints the capabilities share. */
export type CalamariClient = ReturnType<typeof createCalamariClient>;

export function createCalamariClient(options: CalamariApiOptions) {
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
      name: 'API key',
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

  return {
    /** The one person every request that names someone names (their e-mail). */
    email,
    post,
    find,
    findUnnamed,
    /** The endpoints the capabilities share, and the person and the account read (context.ts). */
    api: {
      /** The person in the employee list (empty where the e-mail is no employee). */
      findEmployee: () => find<CalamariEmployeePage>('/employees/v1/search', { employee: email }, people('find you among the employees')),
      /** A page of the whole organisation's employees: who reports to whom is read from them, never shown. */
      employeesPage: (page: number) => find<CalamariEmployeePage>('/employees/v1/search', { page }, people('read who reports to you')),
      teams: () => find<CalamariTeam[]>('/teams/v1/all', {}, people('read the teams you manage')),
      /** Whether the person's shift runs (STARTED, BREAK) or not (STOPPED): a small answer, without the shift itself. */
      shiftStatus: () => find<CalamariShiftStatus | undefined>('/clockin/shift/status/v1/get-current', { person: email }, attendance('read your shift status')),
      projects: () => find<CalamariNamed[]>('/clockin/projects/v1/get-projects-for-person', { person: email }, attendance('read your projects')),
      absenceTypes: () => find<CalamariAbsenceType[]>('/leave/v1/get-absence-types', {}, timeOff('read the absence types')),
    },
    close: () => client.close(),
  };
}
