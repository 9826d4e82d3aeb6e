// The daily screens of the fake bridge (fake-bridge.ts): the timesheet, reports, leave, the team
// calendar and the idle question, over the fake's own entries and clock, behaving as main's handlers
// do (the rights each back end gives, locked entries, the engine's kinds of refusal in words).
import type { BackEndChoice } from '../../window-contract/account.ts';
import type { CalendarView, LeaveBalanceView, LeavePreview, LeaveRequestInput, LeaveRequestView, LeaveView } from '../../window-contract/leave.ts';
import type { ReportView } from '../../window-contract/reports.ts';
import type { EntryView, IdleAnswer, IdleQuestion } from '../../window-contract/status.ts';
import type { CatalogView, TimesheetView } from '../../window-contract/timesheet.ts';
import { requestedWords } from '../../main/engine/leave-words.ts';
import { UserFacingError } from '../../main/ipc/dispatch.ts';
import { refuse } from './fake-refusal.ts';
import { noLeaveWords } from '../../main/ipc/handlers/back-end.ts';
import { LOCAL_BEYOND_REFUSED } from '../../main/ipc/handlers/leave.ts';
import { BEYOND_BALANCE_SWITCH } from '../../mcp-server/contract/beyond-balance.ts';
import type { ToolName } from '../../mcp-server/contract/tool-catalog.ts';

export interface FakeEntryRecord {
  id: number;
  start: number;
  end: number | null;
  project: string | null;
  activity: string | null;
  description: string;
  locked?: string;
  /** Kept in the engine's outbox while the back end was out of reach (its id is then negative). */
  waitingToSend?: boolean;
  breaks?: Array<{ type: string; start: number; end: number | null }>;
  /** An AI agent's own time (record_agent_time): listed, not the person's hours. */
  agent?: string;
  /** The back end keeps its day and length only (FakeBridgeOptions.daysOnly): placed at the start of its day. */
  span?: 'day';
  /** The tracker's custom fields the entry carries (FakeBridgeOptions.customFields). */
  fields?: Record<string, unknown>;
  /** The connection it is in, with two (FakeBridgeOptions.trackers). */
  tracker?: string;
}

/**
 * The long names of a German team (FakeBridgeOptions.longNames), for what a narrow window and a
 * German locale do to a screen: every short name of the fake has one.
 */
export const LONG_NAMES: Record<string, string> = {
  'Acme Website': 'Forschungs- und Entwicklungsvorhaben „Digitale Verwaltung 2030“',
  'Beta Corp': 'Bundesanstalt für Straßenwesen – Wartungsvertrag Verkehrsrechner',
  Internal: 'Interne Abstimmungen, Weiterbildung und Qualitätssicherung',
  'Website relaunch': 'Neugestaltung des Internetauftritts der Stadtwerke Mönchengladbach',
  Development: 'Softwareentwicklung',
  Meetings: 'Besprechungen',
  Support: 'Störungsbehebung im Kundendienst',
  Design: 'Gestaltung',
  'Checkout flow': 'Zahlungsabwicklung im Bestellprozess überarbeiten, einschließlich Rückerstattungen',
  'Sprint planning': 'Sprintplanung mit dem Auftraggeber',
  'Payment provider webhooks': 'Benachrichtigungen des Zahlungsdienstleisters verarbeiten',
  'Design review': 'Gestaltungsabnahme',
  'Ticket #4711: export fails': 'Störungsmeldung #4711: Datenausfuhr bricht bei Umlauten ab',
  'Bob Builder': 'Maximiliane Schwarzenberger-Lüdenscheidt',
  'Cleo Chen': 'Karl-Theodor von Guttenberg-Oberhausen',
  'Dan Diaz': 'Dragoljub Nowaczykiewicz',
};

/** What the daily part needs of the fake. */
export interface DailyContext {
  now(): number;
  dateOf(ms: number): string;
  iso(ms: number): string;
  /** Epoch ms of a wall time "YYYY-MM-DDTHH:MM" in the person's zone. */
  instantOf(wall: string): number;
  entries: FakeEntryRecord[];
  add(start: number, end: number | null, project: string | null, activity: string | null, description?: string): FakeEntryRecord;
  view(entry: FakeEntryRecord): EntryView;
  workWeek(): Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', number>;
  backEnd(): BackEndChoice['type'];
  /** The Preferences switch that lets the local timesheet record leave beyond the balance. */
  allowLeaveBeyondBalance(): boolean;
  unsupported(): ReadonlySet<ToolName>;
  /** The tray and the window hear of a change to the timer. */
  announce(): void;
  /** A name as this fake's team writes it (long German names, or as it is). */
  named(name: string): string;
}

export interface FakeDailyOptions {
  /** Where the save dialog "saves"; null: the person cancels it. */
  saveAs?: string | null;
  /** A question about time away at the start. */
  idleQuestion?: boolean;
}

export const FAKE_HOLIDAYS: Record<string, string> = {
  '2026-05-01': 'Labour Day',
  '2026-05-14': 'Ascension Day',
  '2026-05-25': 'Whit Monday',
  '2026-12-25': 'Christmas Day',
  '2026-12-26': 'Boxing Day',
};

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NAMES: Record<BackEndChoice['type'], string> = {
  local: 'The local timesheet',
  kimai: 'Kimai',
  clockodo: 'Clockodo',
  calamari: 'Calamari',
  clockify: 'Clockify',
  harvest: 'Harvest',
  toggl: 'Toggl Track',
  tempo: 'Tempo Timesheets',
};

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

function monday(date: string): string {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** Which part of `date` a request takes, as the engine lays it over the calendar. */
function partOn(request: Pick<LeaveRequestView, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart'>, date: string): 'full' | 'morning' | 'afternoon' {
  if (date === request.firstDay && request.firstDayPart === 'afternoon') return 'afternoon';
  if (date === request.lastDay && request.lastDayPart === 'morning') return 'morning';
  return 'full';
}

/** A refusal as main passes the engine's on where it carries no code: as the engine wrote it. */
function reject(message: string): never {
  throw new UserFacingError(message);
}

export function createFakeDaily(context: DailyContext, options: FakeDailyOptions = {}) {
  const saved: Array<{ from: string; to: string; entries: number }> = [];
  let nextLeaveId = 100;
  const leave: Array<LeaveRequestView & { person: string }> = [
    {
      id: 1,
      person: 'Ada Lovelace',
      type: 'vacation',
      firstDay: '2026-03-30',
      lastDay: '2026-04-03',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 5,
      status: 'approved',
      comment: 'Easter',
    },
    {
      id: 2,
      person: 'Ada Lovelace',
      type: 'vacation',
      firstDay: '2026-04-20',
      lastDay: '2026-04-20',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 1,
      status: 'cancelled',
      comment: '',
    },
    {
      id: 3,
      person: 'Ada Lovelace',
      type: 'sick',
      firstDay: '2026-02-09',
      lastDay: '2026-02-10',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 2,
      status: 'approved',
      comment: '',
    },
    {
      id: 4,
      person: 'Ada Lovelace',
      type: 'vacation',
      firstDay: '2026-05-26',
      lastDay: '2026-05-29',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 4,
      status: 'pending',
      comment: 'Trip to Lisbon',
    },
    {
      id: 5,
      person: 'Ada Lovelace',
      type: 'vacation',
      firstDay: '2026-08-03',
      lastDay: '2026-08-14',
      firstDayPart: 'full',
      lastDayPart: 'full',
      days: 10,
      status: 'approved',
      comment: 'Summer',
    },
    {
      id: 6,
      person: 'Ada Lovelace',
      type: 'personal',
      firstDay: '2026-06-12',
      lastDay: '2026-06-12',
      firstDayPart: 'afternoon',
      lastDayPart: 'full',
      days: 0.5,
      status: 'rejected',
      comment: 'Moving flat',
    },
  ];
  /** Colleagues' absences; the local timesheet has no colleagues. */
  const team: Array<
    Pick<LeaveRequestView, 'firstDay' | 'lastDay' | 'firstDayPart' | 'lastDayPart' | 'status'> & {
      person: string;
      type: LeaveRequestView['type'] | null;
      kind?: string;
      own: false;
    }
  > = [
    {
      person: 'Bob Builder',
      type: 'sick',
      kind: 'Sick leave',
      firstDay: '2026-05-11',
      lastDay: '2026-05-13',
      firstDayPart: 'full',
      lastDayPart: 'full',
      status: 'approved',
      own: false,
    },
    {
      person: 'Cleo Chen',
      type: 'vacation',
      firstDay: '2026-05-18',
      lastDay: '2026-05-22',
      firstDayPart: 'full',
      lastDayPart: 'full',
      status: 'pending',
      own: false,
    },
    {
      person: 'Dan Diaz',
      type: 'personal',
      firstDay: '2026-05-20',
      lastDay: '2026-05-20',
      firstDayPart: 'afternoon',
      lastDayPart: 'full',
      status: 'approved',
      own: false,
    },
    {
      person: 'Bob Builder',
      type: 'vacation',
      firstDay: '2026-05-27',
      lastDay: '2026-05-29',
      firstDayPart: 'full',
      lastDayPart: 'full',
      status: 'approved',
      own: false,
    },
  ];
  let question: IdleQuestion | null = null;
  let nextQuestion = 1;

  const has = (tool: ToolName) => !context.unsupported().has(tool);
  const name = () => NAMES[context.backEnd()];
  const baseTarget = (date: string) => {
    if (FAKE_HOLIDAYS[date]) return 0;
    return context.workWeek()[WEEKDAY_KEYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as (typeof WEEKDAY_KEYS)[number]] * 60;
  };
  // As the engine counts targets: standing requests (approved or pending) take their share of a working day.
  const standingOn = (date: string) =>
    baseTarget(date) === 0
      ? []
      : leave.filter((request) => (request.status === 'approved' || request.status === 'pending') && date >= request.firstDay && date <= request.lastDay);
  const leaveOn = (date: string) => {
    let share = 0;
    for (const request of standingOn(date)) {
      const half = (date === request.firstDay && request.firstDayPart === 'afternoon') || (date === request.lastDay && request.lastDayPart === 'morning');
      share = Math.min(1, share + (half ? 0.5 : 1));
    }
    return share;
  };
  const target = (date: string) => Math.round(baseTarget(date) * (1 - leaveOn(date)));
  /** A day as time_report's day group names it: its target, its holiday, the leave it takes. */
  const dayPlan = (date: string) => ({ targetMinutes: target(date), holiday: FAKE_HOLIDAYS[date] ?? null, leave: standingOn(date)[0]?.type ?? null });
  const entriesIn = (from: string, to: string) =>
    context.entries
      .filter((entry) => context.dateOf(entry.start) >= from && context.dateOf(entry.start) <= to)
      .sort((a, b) => a.start - b.start || a.id - b.id);
  const find = (id: number) => context.entries.find((entry) => entry.id === id) ?? reject(`There is no time entry #${id}.`);
  const requireEdit = (entry: FakeEntryRecord) => {
    if (!has('update_time_entry')) reject(`${name()} does not let Punchcard change or delete entries here.`);
    if (entry.locked) reject(`Time entry #${entry.id} cannot be changed: ${entry.locked} Nothing was changed.`);
  };
  const readTimes = (start: string | undefined, end: string | undefined, entry?: FakeEntryRecord) => {
    const from = start === undefined ? (entry?.start ?? reject('start: give the start.')) : context.instantOf(start);
    const to = end === undefined ? (entry?.end ?? null) : context.instantOf(end);
    if (to !== null && to <= from) refuse('entry_end_not_after_start');
    if (to !== null && to > context.now() + 60_000) refuse('time_in_future', { field: 'end', time: context.iso(to) });
    return { from, to };
  };
  const known = (project: string | undefined) => {
    if (project === undefined || project === '') return project;
    const projects = catalog().projects;
    const match = projects.find((candidate) => candidate.toLowerCase() === project.toLowerCase());
    return match ?? refuse('catalog_item_unknown', { kind: 'project', name: project, listed: true, known: projects, creatable: false });
  };
  const catalog = (): CatalogView => ({
    projects: ['Acme Website', 'Beta Corp', 'Internal', 'Website relaunch'].map(context.named),
    activities: [
      { name: context.named('Development'), project: null },
      { name: context.named('Meetings'), project: null },
      { name: context.named('Support'), project: context.named('Beta Corp') },
      { name: context.named('Design'), project: context.named('Website relaunch') },
    ],
    breakTypes: has('start_break') ? ['Break', 'Lunch'] : [],
    fields: [],
    requiredFields: [],
  });

  const balance = (year: number): LeaveBalanceView => {
    const today = context.dateOf(context.now());
    const vacation = leave.filter(
      (request) => request.type === 'vacation' && (request.status === 'approved' || request.status === 'pending') && request.firstDay.startsWith(String(year)),
    );
    const taken = vacation.filter((request) => request.lastDay < today).reduce((sum, request) => sum + request.days, 0);
    const planned = vacation.filter((request) => request.lastDay >= today).reduce((sum, request) => sum + request.days, 0);
    const backEnd = context.backEnd() === 'clockodo' || context.backEnd() === 'calamari';
    const entitlement = context.backEnd() === 'calamari' ? null : backEnd ? 32 : 30.5;
    const sick = leave
      .filter((request) => request.type === 'sick' && request.status === 'approved' && request.firstDay.startsWith(String(year)))
      .reduce((sum, request) => sum + request.days, 0);
    return {
      year,
      entitlement,
      carryOver: entitlement === null ? null : backEnd ? 2 : 2.5,
      unlimited: false,
      taken,
      planned,
      remaining: (entitlement ?? 30) - taken - planned,
      other: sick ? [{ type: 'sick', days: sick }] : [],
      source: backEnd ? 'back_end' : 'settings',
    };
  };

  /** The working days of a request, per year, and the days that cost nothing. */
  const count = (input: LeaveRequestInput) => {
    if (input.lastDay < input.firstDay)
      reject(`The last day (${input.lastDay}) is before the first day (${input.firstDay}). Swap them or correct one of them.`);
    let days = 0;
    const perYear = new Map<number, number>();
    const working: string[] = [];
    const free: LeavePreview['free'] = [];
    for (const date of eachDay(input.firstDay, input.lastDay)) {
      const holiday = FAKE_HOLIDAYS[date] ?? null;
      if (baseTarget(date) === 0) {
        free.push({ date, reason: holiday ? 'holiday' : 'day off', holiday });
        continue;
      }
      const half = (date === input.firstDay && input.firstDayPart === 'afternoon') || (date === input.lastDay && input.lastDayPart === 'morning');
      days += half ? 0.5 : 1;
      perYear.set(Number(date.slice(0, 4)), (perYear.get(Number(date.slice(0, 4))) ?? 0) + (half ? 0.5 : 1));
      working.push(date);
    }
    // As the engine counts it: only vacation draws on the balance, each year with its own days.
    const leaves =
      input.type === 'vacation' ? [...perYear].map(([year, cost]) => ({ year, days: balance(year).remaining - cost, before: balance(year).remaining })) : [];
    return { days, free, working, leaves };
  };

  const preview = (input: LeaveRequestInput): LeavePreview => {
    const { days, free, working, leaves } = count(input);
    const local = context.backEnd() === 'local';
    const beyond = leaves.some((left) => left.days < 0);
    // Who else is away on the request's working days, a run per absence, as main builds it from the calendar.
    const away = local
      ? null
      : visibleTeam()
          .filter((absence) => working.some((date) => date >= absence.firstDay && date <= absence.lastDay))
          .map((absence) => {
            const days = working.filter((date) => date >= absence.firstDay && date <= absence.lastDay);
            return {
              person: absence.person,
              type: absence.type,
              ...(absence.kind ? { kind: absence.kind } : {}),
              firstDay: days[0] as string,
              lastDay: days.at(-1) as string,
            };
          });
    return {
      days,
      free,
      leaves: leaves.map(({ year, days: left }) => ({ year, days: left })),
      balanceProblem: null,
      beyondRefused: local && beyond && !context.allowLeaveBeyondBalance() ? LOCAL_BEYOND_REFUSED : null,
      away,
    };
  };

  /** Colleagues' absences as the back end lets the person see them (none on the local timesheet). */
  const visibleTeam = () =>
    context.backEnd() === 'local'
      ? []
      : team.map((absence) => ({
          ...(context.backEnd() === 'calamari' ? absence : { ...absence, type: null, kind: undefined }),
          person: context.named(absence.person),
        }));

  const handlers = {
    getTimesheet: ({ date }: { date: string }): TimesheetView => {
      if (!has('list_time_entries')) reject(`${name()} keeps no time entries.`);
      const from = monday(date);
      const to = addDays(from, 6);
      const edit = has('update_time_entry');
      return {
        from,
        to,
        days: eachDay(from, to).map((day) => ({ date: day, ...dayPlan(day) })),
        entries: entriesIn(from, to).map(context.view),
        rights: {
          add: has('log_time'),
          edit,
          note: edit
            ? null
            : context.backEnd() === 'calamari'
              ? "Calamari's API cannot change or delete a shift: correct shifts in Calamari."
              : `${name()} does not let Punchcard change entries.`,
        },
        asOf: context.now(),
        approval: null,
      };
    },
    getCatalog: () => catalog(),
    logTime: (request: { start: string; end: string; project?: string; activity?: string; description?: string; fields?: Record<string, unknown> }) => {
      if (!has('log_time')) reject(`${name()} does not take entries afterwards.`);
      const { from, to } = readTimes(request.start, request.end);
      if (context.backEnd() === 'kimai' && !request.project) refuse('kimai_entry_needs_project');
      const entry = context.add(from, to, known(request.project) ?? null, request.activity ?? null, request.description ?? '');
      if (request.fields) entry.fields = { ...request.fields };
      context.announce();
      return context.view(entry);
    },
    updateEntry: (request: {
      id: number;
      start?: string;
      end?: string;
      project?: string;
      activity?: string;
      description?: string;
      fields?: Record<string, unknown>;
    }) => {
      const entry = find(request.id);
      requireEdit(entry);
      const { from, to } = readTimes(request.start, request.end, entry);
      entry.start = from;
      entry.end = entry.end === null ? null : to;
      if (request.project !== undefined) entry.project = known(request.project) || null;
      if (request.activity !== undefined) entry.activity = request.activity || null;
      if (request.description !== undefined) entry.description = request.description;
      // As update_time_entry: the fields named change (null clears one), the others keep their values.
      if (request.fields) {
        const kept = { ...entry.fields, ...request.fields };
        entry.fields = Object.fromEntries(Object.entries(kept).filter(([, value]) => value !== null));
      }
      context.announce();
      return context.view(entry);
    },
    deleteEntry: ({ id }: { id: number }) => {
      const entry = find(id);
      requireEdit(entry);
      context.entries.splice(context.entries.indexOf(entry), 1);
      context.announce();
      return context.view(entry);
    },
    exportCsv: ({ from, to }: { from: string; to: string }) => {
      const count = entriesIn(from, to).length;
      saved.push({ from, to, entries: count });
      const path = options.saveAs === undefined ? `/home/ada/punchcard-${from}-to-${to}.csv` : options.saveAs;
      return { path, entries: count };
    },
    getReport: ({ from, to }: { from: string; to: string }): ReportView => {
      const today = context.dateOf(context.now());
      // As time_report: an AI agent's own time is not the person's hours.
      const entries = entriesIn(from, to).filter((entry) => !entry.agent);
      const minutesOn = (day: string) =>
        entries.filter((entry) => context.dateOf(entry.start) === day).reduce((sum, entry) => sum + context.view(entry).minutes, 0);
      const days = eachDay(from, to).map((day) => ({ date: day, minutes: minutesOn(day), ...dayPlan(day) }));
      const projects = new Map<string, number>();
      for (const entry of entries)
        projects.set(entry.project ?? 'No project', (projects.get(entry.project ?? 'No project') ?? 0) + context.view(entry).minutes);
      const totalMinutes = days.reduce((sum, day) => sum + day.minutes, 0);
      const targetSoFarMinutes = days.filter((day) => day.date <= today).reduce((sum, day) => sum + day.targetMinutes, 0);
      const keeps = context.backEnd() === 'clockodo' || context.backEnd() === 'calamari';
      return {
        from,
        to,
        today,
        days,
        projects: [...projects].map(([project, minutes]) => ({ name: project, minutes })).sort((a, b) => b.minutes - a.minutes),
        totalMinutes,
        targetMinutes: days.reduce((sum, day) => sum + day.targetMinutes, 0),
        targetSoFarMinutes,
        overtimeMinutes: totalMinutes - targetSoFarMinutes,
        backEndBalance: keeps ? { minutes: 754, covers: `${name()}'s time account for 2026, carry-over included` } : null,
      };
    },
    getLeave: ({ year }: { year: number }): LeaveView => {
      if (!has('list_leave_requests')) {
        return {
          year,
          balance: null,
          requests: [],
          rights: { request: false, cancel: false, preview: false, note: null },
          unavailable: noLeaveWords(context.backEnd()),
        };
      }
      const cancel = has('cancel_leave_request');
      return {
        year,
        balance: balance(year),
        requests: leave
          .filter((request) => request.firstDay.startsWith(String(year)) || request.lastDay.startsWith(String(year)))
          .map(({ person: _person, ...request }) => request)
          .sort((a, b) => a.firstDay.localeCompare(b.firstDay)),
        rights: {
          request: has('request_leave'),
          cancel,
          preview: has('absence_calendar'),
          note: cancel ? null : "Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests).",
        },
        unavailable: null,
      };
    },
    previewLeave: (input: LeaveRequestInput) => preview(input),
    requestLeave: (input: LeaveRequestInput) => {
      const counted = count(input);
      if (counted.days === 0) reject(`No working days in that range: ${counted.free.map((day) => day.date).join(', ')}. Nothing to request.`);
      // The engine's rule for leave beyond the balance, in its words: the app's engine asks nobody,
      // so the window's confirmation comes as beyondBalance.
      if (counted.leaves.some((left) => left.days < 0)) {
        const left = counted.leaves.map((item, index) => `${item.days}${index === 0 ? ' days' : ''} of ${item.year} (${item.before} left)`).join(' and ');
        const beyond = `That goes beyond your vacation balance: vacation from ${input.firstDay} to ${input.lastDay} costs ${counted.days} days and would leave ${left}.`;
        if (context.backEnd() === 'local' && !context.allowLeaveBeyondBalance()) {
          reject(
            `${beyond} The local timesheet approves leave as it is filed, and your Preferences do not allow leave beyond your balance, so nothing was filed. Ask for fewer days, or turn on "${BEYOND_BALANCE_SWITCH}" in Punchcard's Preferences (Leave).`,
          );
        }
        if (!input.beyondBalance)
          reject(`${beyond} Nothing was filed. Ask the person first; if they mean it, call request_leave again with beyond_balance: true.`);
      }
      const clash = leave.find(
        (other) => (other.status === 'pending' || other.status === 'approved') && other.firstDay <= input.lastDay && other.lastDay >= input.firstDay,
      );
      if (clash) reject(`That overlaps your ${clash.type} request #${clash.id} (${clash.firstDay} to ${clash.lastDay}, ${clash.status}). Nothing was filed.`);
      const request: LeaveRequestView & { person: string } = {
        id: nextLeaveId++,
        person: 'Ada Lovelace',
        type: input.type,
        firstDay: input.firstDay,
        lastDay: input.lastDay,
        firstDayPart: input.firstDayPart ?? 'full',
        lastDayPart: input.lastDayPart ?? 'full',
        days: counted.days,
        status: context.backEnd() === 'local' ? 'approved' : 'pending',
        comment: input.comment ?? '',
      };
      leave.push(request);
      const { person: _person, ...view } = request;
      const year = input.firstDay.slice(0, 4);
      const left = balance(Number(year)).remaining;
      return {
        request: view,
        message: requestedWords({
          request: {
            id: view.id,
            type: view.type,
            first_day: view.firstDay,
            last_day: view.lastDay,
            first_day_part: view.firstDayPart,
            last_day_part: view.lastDayPart,
            days: view.days,
            status: view.status,
            comment: view.comment,
          },
          vacation_days_remaining: left,
        }),
      };
    },
    cancelLeave: ({ id }: { id: number }) => {
      if (!has('cancel_leave_request')) reject("Calamari's API cannot cancel a leave request: cancel it in Calamari (Requests).");
      const request = leave.find((candidate) => candidate.id === id) ?? reject(`There is no leave request #${id}.`);
      request.status = 'cancelled';
      const { person: _person, ...view } = request;
      return view;
    },
    getCalendar: ({ month }: { month: string }): CalendarView => {
      if (!has('absence_calendar'))
        return {
          month,
          days: [],
          people: [],
          scope: '',
          unavailable: noLeaveWords(context.backEnd()),
        };
      const [year = 2026, index = 1] = month.split('-').map(Number);
      const last = new Date(Date.UTC(year, index, 0)).toISOString().slice(0, 10);
      const own = leave
        .filter((request) => request.status === 'approved' || request.status === 'pending')
        .map((request) => ({ ...request, own: true, kind: undefined }));
      const local = context.backEnd() === 'local';
      // Clockodo and Kimai do not show a colleague's kind of absence to a worker; Calamari does.
      const colleagues = visibleTeam();
      const days = eachDay(`${month}-01`, last).map((date) => {
        const working = baseTarget(date) > 0;
        const away = working
          ? [...own, ...colleagues]
              .filter((absence) => date >= absence.firstDay && date <= absence.lastDay)
              .map((absence) => ({
                person: absence.person,
                type: absence.type,
                ...(absence.kind ? { kind: absence.kind } : {}),
                part: partOn(absence, date),
                own: absence.own,
                pending: absence.status === 'pending',
              }))
          : [];
        return { date, workingDay: working, holiday: FAKE_HOLIDAYS[date] ?? null, away };
      });
      const people = [...new Set(days.flatMap((day) => day.away.map((away) => away.person)))].sort();
      return {
        month,
        days,
        people,
        scope: local
          ? 'Your own leave and public holidays (the timesheet on this computer has no colleagues).'
          : `Everyone ${name()} lets you see, and public holidays.`,
        unavailable: null,
      };
    },
    getIdleQuestion: () => question,
    answerIdle: ({ id, answer }: { id: number; answer: IdleAnswer }) => {
      if (!question || question.id !== id) reject('That question was already settled; nothing was changed.');
      const running = context.entries.find((entry) => entry.end === null);
      if (!running || running.id !== question.entry.id) reject('The timer changed since Punchcard asked (it was stopped or switched), so nothing was changed.');
      const since = Date.parse(question.since);
      if (answer === 'keep-stop') running.end = context.now();
      if (answer === 'discard-stop' || answer === 'discard-restart') running.end = since;
      if (answer === 'discard-restart') context.add(context.now(), null, running.project, running.activity, running.description);
      question = null;
      context.announce();
    },
  };

  return {
    handlers,
    dayPlan,
    saved,
    /** The tray noticed time away: a question about the running entry, from `minutesAgo` to now. */
    askIdle(minutes: number, cause: IdleQuestion['cause'] = 'idle'): IdleQuestion | null {
      const running = context.entries.find((entry) => entry.end === null);
      if (!running) return null;
      const until = context.now();
      const since = until - minutes * 60_000;
      question = { id: nextQuestion++, since: context.iso(since), until: context.iso(until), minutes, cause, entry: context.view(running) };
      return question;
    },
    question: () => question,
    startWithQuestion: options.idleQuestion === true,
  };
}
