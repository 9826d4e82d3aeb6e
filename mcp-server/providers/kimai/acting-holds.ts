// What holds the person the organisation's account acts for, as their own token would hold them (docs/back-ends/kimai.md,
// "Acting for others"). Kimai holds an administrator's account to none of it, so Punchcard holds the person here,
// before anything is sent: Kimai's lockdown as the settings copy it and an exported record (for a person who is not an
// administrator), the ApprovalBundle's per-user lockdown, their teams' reach for a booking, and the tracking mode's
// refusal of times below team lead.
import type { KimaiLockdown } from '../../contract/kimai-lockdown.ts';
import { lockedPeriod } from '../../domain/kimai-lockdown.ts';
import { addDays, formatInstant, isoWeekday, localDate } from '../../domain/time.ts';
import { Expiring } from '../remote/cache.ts';
import { BackEndError } from '../time-tracker.ts';
import type { KimaiApi } from './api.ts';
import { KimaiError } from './errors.ts';
import { readKimaiTime, readMonday, readWeekStatus, weekOf } from './mapping.ts';
import type { Reach } from './person-reach.ts';
import type { KimaiTimesheet, KimaiUserFull } from './wire.ts';

/** Roles whose own token may set times whatever the tracking mode (timesheets/timesheets.ts, PRIVILEGED_ROLES). */
const TIMES_ROLES: ReadonlySet<string> = new Set(['ROLE_TEAMLEAD', 'ROLE_ADMIN', 'ROLE_SUPER_ADMIN']);

/** The person as the holds judge them, as last read (acting.ts, `Look`). */
export interface HeldPerson {
  readonly person: Pick<KimaiUserFull, 'roles'>;
  /** Their own profile zone, for their days. */
  readonly personZone: string;
  /** Kimai's "can see all data": an administrator, whom neither lockdown, nor the export lock, nor team access holds. */
  readonly administers: boolean;
}

export interface KimaiHoldsOptions {
  /** The organisation's endpoints, as sent. */
  readonly api: KimaiApi;
  readonly personId: number;
  /** Kimai's lockdown as the settings name it (Kimai publishes none). */
  readonly lockdown: KimaiLockdown | undefined;
  readonly now: () => number;
  /** What the person's teams reach (acting.ts reads it hourly). */
  readonly reach: () => Promise<Reach>;
  /** How long what the holds learn of the server (no ApprovalBundle, the tracking mode) stands: the hour the person does. */
  readonly reaskMs: number;
}

export class KimaiHolds {
  readonly #options: KimaiHoldsOptions;
  readonly #mode: Expiring<string>;
  /** Until when no ApprovalBundle is taken to answer (its routes 404): asked again after that. */
  #approvalsAbsentUntil = Number.NEGATIVE_INFINITY;

  constructor(options: KimaiHoldsOptions) {
    this.#options = options;
    this.#mode = new Expiring<string>(options.reaskMs, options.now);
  }

  /** Kimai's lockdown, for a person it holds: a record begun up to its end is closed to them. */
  lockdown(seen: HeldPerson, begin: number | undefined): void {
    const { lockdown, now } = this.#options;
    if (!lockdown || seen.administers || begin === undefined) return;
    const period = lockedPeriod(lockdown, now(), seen.personZone);
    if (begin <= period.end) throw new BackEndError('kimai_lockdown_holds', { until: formatInstant(period.end, period.timezone) });
  }

  /** What a record keeps closed to the person: exported (an administrator's to change), or begun in the lockdown. */
  record(seen: HeldPerson, sheet: KimaiTimesheet): void {
    if (sheet.exported === true && !seen.administers) throw new BackEndError('kimai_entry_exported', { entry: sheet.id });
    this.lockdown(seen, readKimaiTime(sheet.begin));
  }

  /**
   * The plugin's per-user lockdown, for a person it holds: a record on a day before the next week to submit is
   * closed once the week before that one is submitted or approved (approvals/approvals.ts reads it alike).
   * Requests, where the plugin is there and the person is held: 2 per write, 1 more for a refusal's words.
   */
  async approvals(seen: HeldPerson, begins: ReadonlyArray<number | undefined>): Promise<void> {
    const { api, personId, now, reaskMs } = this.#options;
    if (seen.administers || now() < this.#approvalsAbsentUntil) return;
    const days = begins.filter((begin): begin is number => begin !== undefined).map((begin) => localDate(begin, seen.personZone));
    if (days.length === 0) return;
    const answer = await approvalRead(() => api.nextWeek(personId));
    if (answer === undefined) {
      // A 404: the person has no weeks yet, or no plugin answers at all (remembered for the hour, `reaskMs`).
      if ((await approvalRead(() => api.weekStatus({ date: localDate(now(), seen.personZone), user: personId }))) === undefined)
        this.#approvalsAbsentUntil = now() + reaskMs;
      return;
    }
    const next = readMonday(answer);
    if (next === undefined) throw new BackEndError('timesheet_status_unknown', { status: String(answer).slice(0, 80), back_end: 'Kimai' });
    const before = await this.#weekStatus(addDays(next, -7));
    if (before !== 'submitted' && before !== 'approved') return;
    const locked = days.filter((day) => day < next).sort()[0];
    if (locked === undefined) return;
    const week = weekOf(addDays(locked, 1 - isoWeekday(locked)));
    const held = week.firstDay === addDays(next, -7) ? before : await this.#weekStatus(week.firstDay);
    throw new BackEndError('timesheet_period_locked', {
      first_day: week.firstDay,
      last_day: week.lastDay,
      // The week's own status: a week before the first one submitted is held without ever being submitted.
      status: held === 'approved' ? 'approved' : held === 'submitted' ? 'pending' : 'not_submitted',
      reopened_by: 'an_administrator',
      back_end: 'Kimai',
    });
  }

  async #weekStatus(day: string) {
    const { api, personId } = this.#options;
    return readWeekStatus(await approvalRead(() => api.weekStatus({ date: day, user: personId }, 'read the approval status of your week')));
  }

  /** A booking on a project or activity the person's teams do not reach is refused before anything is sent. */
  async booking(body: Record<string, unknown>): Promise<void> {
    if (body.project === undefined && body.activity === undefined) return;
    const { reach: judged, projects, activities } = await this.#options.reach();
    const projectId = body.project === undefined ? undefined : Number(body.project);
    if (projectId !== undefined) {
      const project = projects.get(projectId);
      // Named by its number only: the name of a project the person cannot see is not theirs to learn from a refusal.
      if (!project || !judged.project(project)) throw new BackEndError('acting_for_booking_not_open', { back_end: 'Kimai', project: `project #${projectId}` });
    }
    if (body.activity !== undefined && activities) {
      const activityId = Number(body.activity);
      const activity = activities.get(activityId);
      if (!activity || !judged.activity(activity, (id) => projects.get(id)))
        throw new BackEndError('acting_for_booking_not_open', { back_end: 'Kimai', project: `activity #${activityId}` });
    }
  }

  /**
   * Kimai's punch-clock and fixed-start tracking modes refuse times from a plain user's own token, not from the
   * administrator's: a body that sets times for a person whose role is below team lead is refused in the same words
   * timesheets/timesheets.ts uses before sending (the settings read once an hour, `reaskMs`).
   */
  async times(seen: HeldPerson, body: Record<string, unknown>, creating: boolean): Promise<void> {
    const sets = ['begin', 'end'].filter((field) => field in body);
    if (sets.length === 0 || (seen.person.roles ?? []).some((role) => TIMES_ROLES.has(role))) return;
    const mode = await this.#mode.get(async () => (await this.#options.api.timesheetConfig()).trackingMode);
    if (mode === 'default') return;
    const times = !creating ? (sets.length === 1 && sets[0] === 'end' ? 'end' : 'changed') : sets.length === 2 ? 'logged' : sets[0] === 'end' ? 'end' : 'start';
    throw new BackEndError('kimai_tracking_mode_times', { mode, times });
  }
}

/** The ApprovalBundle's answer for the person, or undefined for a 404 (no plugin, or no weeks of theirs yet). */
async function approvalRead<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof KimaiError && (error.failure === 'not_found' || error.failure === 'wrong_service')) return undefined;
    throw error;
  }
}
