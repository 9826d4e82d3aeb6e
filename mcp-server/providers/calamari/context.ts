// What Calamari's capabilities share (docs/internals/back-ends.md, "A capability is a folder"): the options, the
// client and the endpoints they share (api.ts), the one person Punchcard acts for (from the employee list, where the
// key may read it), their zone, whom Calamari's own data says they manage, their projects, and which modules answer
// for the key — remembered between starts (facts.ts), asked about only where that can change something, and deciding
// the tools; its optional reads (what a key may not read: providers/remote/optional-read.ts); and the grid the cells
// are made in (CalamariGrid). Calamari's limit is counted per hour, so reference data is kept for an hour.
import { firstNonAscii, sameEmail } from '../../contract/back-end-accounts.ts';
import type { ProfileOf } from '../../contract/back-end-descriptor.ts';
import type { CALAMARI } from '../../contract/back-ends/calamari.ts';
import type { Capability } from '../../contract/vocabulary.ts';
import { MAX_REQUESTS_PER_CALL } from '../../domain/call-limits.ts';
import { firstValidZone, isValidTimeZone, localDate } from '../../domain/time.ts';
import type { Grid, NoOrganisationAccount } from '../grid/cell.ts';
import type { RemoteParts } from '../grid/parts.ts';
import { allSettled, Expiring, mapWithLimit } from '../remote/cache.ts';
import type { LearnedFacts } from '../remote/learned-facts.ts';
import { type OptionalReads, optionalReads, refusedAsUnavailable } from '../remote/optional-read.ts';
import { remoteRefusal, unlessRefused } from '../remote/remote-error.ts';
import { ensureRequests } from '../remote/request-budget.ts';
import { factsPlace, learnedFacts, remoteConnection, type RemoteTrackerOptions } from '../remote-tracker.ts';
import { BackEndError, type PlanPart } from '../time-tracker.ts';
import { type CalamariApi, type CalamariClient, countedOnThisComputer, createCalamariClient } from './api.ts';
import { CalamariError, type CalamariModule, moduleName, unknownEmployee } from './errors.ts';
import { calamariFacts, calamariFactsKey, type CalamariFacts } from './facts.ts';
import { PersonProjects } from './kept-projects.ts';
import { findEmployee, reportsOf } from './reporting-lines.ts';
import type { CalamariAbsenceType, CalamariEmployee, CalamariShiftStatus, CalamariWorkingWeek } from './wire.ts';

export type CalamariProfile = ProfileOf<typeof CALAMARI>;

/** What changes a few times a year at most: the person, their week, types, projects, holidays. */
export const REFERENCE_TTL_MS = 60 * 60_000;

/** The settings' week and holidays stand in where the key may not read the person's own. */
export type CalamariTrackerOptions = RemoteTrackerOptions<CalamariProfile>;

export type Module = Exclude<CalamariModule, 'people'>;

/** Pages of the employee list read at most at once, as the API client sends at most four requests. */
const PARALLEL_PAGES = 4;

/** The plan as the account and the team tools use it: the organisation's working weeks too. */
export interface CalamariPlanView extends PlanPart {
  /** The working weeks, kept for an hour; null where the key may not read them. */
  weeks(): Promise<CalamariWorkingWeek[] | null>;
}

/**
 * What Calamari's cells are made in (providers/grid/cell.ts). Calamari has no organisation account that acts for
 * people: its key is the organisation's by nature and every request names the configured person
 * (docs/back-ends/calamari.md, "Acting for one person"), so no cell narrows its endpoints to one or offers anything
 * under an organisation's credential.
 */
export interface CalamariGrid extends Grid {
  readonly client: CalamariClient;
  readonly person: NoOrganisationAccount;
  readonly context: CalamariContext;
  readonly known: CalamariFacts | undefined;
  readonly parts: RemoteParts & { plan: CalamariPlanView };
}

export class CalamariContext {
  readonly options: CalamariTrackerOptions;
  readonly email: string;
  /** What the cells send with (their endpoints are made over it: providers/grid/compose.ts). */
  readonly client: CalamariClient;
  /** The endpoints the capabilities share, for what the context itself reads. */
  readonly api: CalamariApi;
  readonly facts: LearnedFacts<CalamariFacts>;
  /** What Calamari may refuse this key, and what the tools do without it (docs/back-ends/calamari.md, "Optional reads"). */
  readonly optional: OptionalReads<'employees' | 'workingWeeks' | 'holidays'>;
  /** The projects the person may book on, kept for their hour (kept-projects.ts): the catalog lists them, the shifts book on them. */
  readonly projects: PersonProjects;
  /** Whom the person manages; reporting lines change rarely, and reading them costs a page per few people. */
  readonly #reports = new Expiring<CalamariEmployee[]>(REFERENCE_TTL_MS);
  /** The person as the employee list has them; null when the key may not read that list. */
  readonly #employee = new Expiring<CalamariEmployee | null>(REFERENCE_TTL_MS);
  readonly #absenceTypes = new Expiring<CalamariAbsenceType[]>(REFERENCE_TTL_MS);
  /** The employee list named a zone: it wins over the zone of the shifts. */
  #employeeSaidZone = false;
  /** When an answer last named the person's own record for their address (confirmAddress), by the process's clock. */
  #addressSeenAt: number | undefined;

  /** `capabilitiesOf`: what the cells offer, from what is known (cells.ts). */
  constructor(options: CalamariTrackerOptions, capabilitiesOf: (facts: CalamariFacts | undefined) => ReadonlySet<Capability>) {
    this.options = options;
    this.email = options.profile.email;
    this.client = createCalamariClient({
      // Without a host's own count of the organisation's limit, Punchcard's processes here share one.
      connection: options.requestGate
        ? remoteConnection(options)
        : {
            ...remoteConnection(options),
            ...countedOnThisComputer(options.sharedDataDir ?? options.userDataDir, options.profile.url, options.log, {
              clock: options.wallClock,
              perSecond: options.perSecond,
            }),
          },
      email: options.profile.email,
      // A refusal of a module's call withdraws that module's tools (it is off, or not this key's).
      onModuleRefused: (module) => this.learn({ [module]: false }),
      confirmPerson: () => this.confirmAddress(),
      // The zone the person's answers are in (the settings', else Calamari's: engine/call-context.ts),
      // from what is known already: a request to learn it would meet the same hold.
      zone: () => firstValidZone(this.options.timezone(), this.facts.current.timezone),
    });
    this.api = this.client.api;
    this.facts = learnedFacts(options, {
      file: calamariFacts,
      key: calamariFactsKey(options.profile),
      capabilitiesOf,
    });
    this.optional = optionalReads(
      { service: 'Calamari', log: options.log, now: options.now },
      {
        employees: {
          what: 'the employee list to this key',
          without: "the person's name is their address, whom they manage is not known, and their address is confirmed by their shifts",
        },
        workingWeeks: { what: 'the working weeks to this key', without: "targets come from Punchcard's settings" },
        holidays: { what: "the person's holiday calendar to this key", without: "the settings' holiday region stands in" },
      },
    );
    this.projects = new PersonProjects({
      place: factsPlace(options),
      key: calamariFactsKey(options.profile),
      ttlMs: REFERENCE_TTL_MS,
      log: options.log,
      now: options.now,
      read: () => this.api.projects(),
    });
  }

  /** The person from the employee list; null when the key may not read it (names and zones then come from elsewhere). */
  person(fresh = false): Promise<CalamariEmployee | null> {
    if (fresh) this.#employee.invalidate();
    return this.#employee.get(async () => {
      const employee = await this.#readEmployee();
      const zone = employeeZone(employee);
      if (zone && zone !== this.facts.current.timezone) this.learn({ timezone: zone });
      return employee;
    });
  }

  /**
   * Before a write names the person, and before a read whose answer names nobody (their leave requests and balance):
   * that Calamari takes their address for their own employee record, whose address is theirs as sameEmail compares it.
   * Calamari resolves the address itself, by rules of its own, and may take a look-alike letter for a plain one
   * (contract/back-end-accounts.ts, firstNonAscii): the write would land on a colleague, the read show a colleague's.
   * What was read within the hour serves (the employee, a shift status, a shift of theirs), so a call that read one
   * asks nothing more; else the employee is read (person: refused where the list has no such record), and where the
   * key may not read the list, the person's shift status, which names the employee Calamari took the address for.
   * Where neither may be read (a key for Time Off alone), an address of plain ASCII goes as before, as the team
   * server's sign-in holds every address to; any other is refused, nothing sent.
   */
  async confirmAddress(): Promise<void> {
    if (this.#addressSeen()) return;
    if (await this.person()) return;
    if (this.facts.current.timeAndAttendance !== false) {
      await unlessRefused(this.shiftStatus());
      if (this.#addressSeen()) return;
    }
    const character = firstNonAscii(this.email);
    if (character !== null) throw new CalamariError('unknown_person', remoteRefusal('calamari_address_not_plain', { email: this.email, character }));
  }

  /**
   * Calamari's shift status of the person (the cheapest read of Time & Attendance), checked to be theirs: it names
   * the employee Calamari took the address for (checkNamed).
   */
  async shiftStatus(): Promise<CalamariShiftStatus | undefined> {
    const status = await this.api.shiftStatus();
    this.checkNamed(status?.person?.email);
    return status;
  }

  /**
   * An answer that names the employee Calamari took the person's address for: theirs (sameEmail) confirms the address
   * for an hour (confirmAddress); another's is refused, as the employee list refuses it, for nothing of it is the
   * person's. An answer that names nobody says neither.
   */
  checkNamed(named: string | null | undefined): void {
    if (typeof named !== 'string' || named === '') return;
    if (!sameEmail(named, this.email)) throw unknownEmployee(this.email);
    this.#addressSeenAt = performance.now();
  }

  #addressSeen(): boolean {
    return this.#addressSeenAt !== undefined && performance.now() - this.#addressSeenAt < REFERENCE_TTL_MS;
  }

  /**
   * The zone Calamari reported with a shift: the person's as Calamari takes their wall times. Learned
   * where the employee list says none (or may not be read), so the next wall time sent is in it.
   */
  noteShiftZone(zone: string | null | undefined): void {
    if (!zone || !isValidTimeZone(zone) || zone === this.facts.current.timezone) return;
    if (this.facts.current.timezone && this.#employeeSaidZone) return;
    this.learn({ timezone: zone });
  }

  async name(): Promise<string> {
    const employee = await this.person();
    return employee ? personName(employee) : this.email;
  }

  /**
   * The person's zone as Calamari knows it: the employee's, else the one Calamari returned with their
   * shifts (both remembered between starts); null where neither said one.
   */
  async timeZone(): Promise<string | null> {
    if (this.facts.current.timezone) return this.facts.current.timezone;
    return employeeZone(await this.person()) ?? this.facts.current.timezone ?? null;
  }

  /**
   * The zone the person's days and wall times are in: Calamari's for the person, else the settings',
   * and only then the system's. The terminal takes wall times without a zone and reads them in
   * Calamari's zone for the person, so sending them in another one shifts every clock event.
   */
  async zone(): Promise<string> {
    return firstValidZone(await this.timeZone(), this.options.timezone());
  }

  today(zone: string): string {
    return localDate(this.options.now(), zone);
  }

  /** The organisation's absence types, kept for an hour. */
  types(): Promise<CalamariAbsenceType[]> {
    return this.#absenceTypes.get(() => this.api.absenceTypes());
  }

  /** Whether a module answers for this key: one cheap read each, remembered. */
  async probe(module: Module): Promise<boolean> {
    try {
      if (module === 'timeAndAttendance') await this.shiftStatus();
      else {
        const types = await this.api.absenceTypes();
        this.#absenceTypes.get(async () => types);
      }
      this.learn({ [module]: true });
      return true;
    } catch (error) {
      if (!refusedAsUnavailable(error)) throw error;
      this.learn({ [module]: false });
      return false;
    }
  }

  learn(learned: Partial<Record<Module, boolean>> & { timezone?: string }): void {
    const modulesAsked = 'timeAndAttendance' in learned || 'timeOff' in learned;
    if (!this.facts.learn({ ...learned, ...(modulesAsked ? { checkedAt: new Date(this.options.now()).toISOString() } : {}) })) return;
    const dropped = (['timeAndAttendance', 'timeOff'] as const).filter((module) => this.facts.current[module] === false).map((module) => moduleName(module));
    this.options.log(`Calamari tools follow the modules this key may use${dropped.length ? `; not available: ${dropped.join(', ')}` : ''}.`);
  }

  /** Whether Calamari's data names people this person manages: the team tools follow it. */
  learnManages(manages: boolean): void {
    const before = this.facts.current.managesPeople;
    this.facts.learn({ managesPeople: manages, managesCheckedAt: new Date(this.options.now()).toISOString() });
    if (before !== manages)
      this.options.log(
        `Calamari ${manages ? 'names people who report to' : 'names nobody who reports to'} ${this.email}: team hours ${manages ? 'on' : 'off'}.`,
      );
  }

  /** Whether the key reads the employee list, as just seen: manage_people follows it (with list_changed). */
  learnEmployeeList(readable: boolean): void {
    if (this.facts.learn({ employeeList: readable })) {
      this.options.log(`This Calamari key ${readable ? 'reads' : 'may not read'} the employee list: manage_people ${readable ? 'on' : 'off'}.`);
    }
  }

  /**
   * The active people Calamari says this person manages, read once an hour (afresh where asked), and
   * learned for the tools: nobody withdraws them, somebody offers them.
   */
  reports(fresh = false): Promise<CalamariEmployee[]> {
    if (fresh) this.#reports.invalidate();
    return this.#reports.get(async () => {
      const [employees, teams] = await allSettled([this.#employeeList(), this.#teams()]);
      const me = findEmployee(employees, this.email);
      if (!me) throw unknownEmployee(this.email);
      const reports = reportsOf(me, employees, teams);
      this.learnManages(reports.length > 0);
      return reports;
    });
  }

  close(): void {
    this.client.close();
  }

  /** The whole employee list, page by page (Calamari documents no filter by manager). */
  async #employeeList(): Promise<CalamariEmployee[]> {
    const first = await this.optional.employees.read(() => this.api.employeesPage(0), null);
    if (!first) {
      this.learnManages(false);
      throw new BackEndError('calamari_reports_unreadable');
    }
    const pages = first.totalPages ?? 1;
    const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, index) => index + 1);
    // Outside a tool call (the background check) no budget holds the list: the same bound does.
    if (rest.length >= MAX_REQUESTS_PER_CALL) throw new BackEndError('calamari_employee_list_too_long', { pages });
    ensureRequests(rest.length, 'Calamari');
    const more = await mapWithLimit(rest, PARALLEL_PAGES, (page) => this.api.employeesPage(page));
    return [first, ...more].flatMap((page) => page.employees);
  }

  /** The organisation's teams with their managers; none where the key may not read them (direct reports still count). */
  async #teams() {
    return (await unlessRefused(this.api.teams())) ?? [];
  }

  async #readEmployee(): Promise<CalamariEmployee | null> {
    const page = await this.optional.employees.read(() => this.api.findEmployee(), null);
    this.learnEmployeeList(page !== null);
    if (!page) return null;
    const employee = findEmployee(page.employees, this.email);
    if (!employee) throw unknownEmployee(this.email);
    this.#addressSeenAt = performance.now();
    this.#employeeSaidZone = employeeZone(employee) !== null;
    return employee;
  }
}

/** The employee's zone, spelt either way, where it is a zone at all. */
function employeeZone(employee: CalamariEmployee | null): string | null {
  const zone = employee?.timeZone ?? employee?.timezone;
  return zone && isValidTimeZone(zone) ? zone : null;
}

export function personName(person: { firstName?: string | undefined; lastName?: string | undefined; email?: string | undefined }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || (person.email ?? 'you');
}
