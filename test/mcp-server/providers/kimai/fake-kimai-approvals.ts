// The fake Kimai's ApprovalBundle plugin (weekly timesheet approval), registered by fake-kimai.ts when
// `config.approvalPlugin` is on; without it its routes are unknown routes (404). Weeks are Monday-based
// in the owner's profile zone. A person submits weeks in order: the first week is the week of their
// earliest record, a week is refused while an earlier one is still open, and a week already submitted
// or approved is refused too. Submitting locks every record up to the end of the latest submitted or
// approved week, as the plugin's per-user lockdown does (fake-kimai.ts applies the lock to timesheet
// writes). Approving and denying has no API in the plugin: tests call `decide`, as a lead would in
// Kimai's pages; denying reopens that week and resets every later one.
//
// As the plugin's source has it (its API controllers, 2.x): a refusal's body is its translated message
// as a JSON string, a 400 also for acting for someone without the right ("Access denied", "User not
// from your team": a team lead acts for the members of any team they belong to); add_to_approve answers
// the URL of the week's page (`/en/approval/week_by_user`); week-status answers the status translated
// (the fake speaks English: "Submitted"); denying writes the denial and, right after it, "not
// submitted", so the API reads a denied week as open. What the fake assumes where the source is silent:
// next-week is the Monday as a JSON string, and /api/approval/timesheets (an older version's route)
// answers the caller's records (or `user`'s) each with `approved` added.
import { addDays, localDate, localDateTimeToEpoch, startOfIsoWeek } from '../../../../mcp-server/domain/time.ts';
import { HttpAnswer } from '../../../support/fake-server.ts';
import type { FakeKimai, FakeTimesheet, FakeUser } from './fake-kimai.ts';

export type WeekStatus = 'not_submitted' | 'submitted' | 'approved' | 'denied';

type Handler = (user: FakeUser, query: URLSearchParams, body: Record<string, unknown>, params: string[]) => HttpAnswer;

interface ApprovalDeps {
  route: (method: string, pattern: RegExp, handler: Handler, plugin: 'approvals') => void;
  state: FakeKimai['state'];
  baseUrl: () => string;
  now: () => number;
  /** view_all_approval (administrators as the plugin ships it). */
  viewAll: (user: FakeUser) => boolean;
  /** view_team_approval (team leads as the plugin ships it). */
  viewTeam: (user: FakeUser) => boolean;
  /** The teams `user` leads. */
  ledTeams: (user: FakeUser) => FakeKimai['state']['teams'];
  sheetJson: (sheet: FakeTimesheet) => Record<string, unknown>;
}

export interface FakeApprovals {
  /** A week's status for a person (any date in the week). */
  status(userId: number, date: string): WeekStatus;
  /** What a lead does in the plugin's pages: approve or deny a submitted week. Denying resets every later week. */
  decide(userId: number, date: string, decision: 'approved' | 'denied'): void;
  /** Records of `userId` beginning before this instant are locked (per-user lockdown); undefined when nothing is. */
  lockedUntil(userId: number): number | undefined;
  /**
   * The week's history as the plugin keeps it (ApprovalHistory): each entry's status and the account that made it,
   * which for a submission is the CALLER (`setUser($this->getUser())`), whoever the week is of.
   */
  history(userId: number, date: string): Array<{ status: 'submitted'; by: number }>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCKED: ReadonlySet<WeekStatus> = new Set(['submitted', 'approved']);
/** The plugin's English words for its statuses, as week-status answers them (its translation file). */
const STATUS_WORDS: Readonly<Record<WeekStatus, string>> = {
  not_submitted: 'Not submitted',
  submitted: 'Submitted',
  approved: 'Approved',
  denied: 'Denied',
};
/** A bare JSON string, as the plugin's API answers its messages and dates (a plain string body would be served as an HTML page). */
const jsonString = (status: number, text: string) => new HttpAnswer(status, JSON.stringify(text), { 'Content-Type': 'application/json' });
const message = jsonString;

export function registerApprovalRoutes(deps: ApprovalDeps): FakeApprovals {
  const { route, state } = deps;
  /** userId → Monday → status; a week not in the map is not submitted. */
  const weeks = new Map<number, Map<string, WeekStatus>>();
  const weeksOf = (userId: number) => {
    let map = weeks.get(userId);
    if (!map) weeks.set(userId, (map = new Map()));
    return map;
  };
  const zoneOf = (userId: number) => state.users.find((user) => user.id === userId)?.timezone ?? 'UTC';
  const status = (userId: number, date: string): WeekStatus => weeksOf(userId).get(startOfIsoWeek(date)) ?? 'not_submitted';
  /** `${userId} ${Monday}` → the week's history entries. */
  const histories = new Map<string, Array<{ status: 'submitted'; by: number }>>();

  /** The Monday of the person's earliest record, or undefined when they have none. */
  function firstWeek(userId: number): string | undefined {
    const begins = state.timesheets.filter((sheet) => sheet.userId === userId).map((sheet) => sheet.begin);
    if (begins.length === 0) return undefined;
    return startOfIsoWeek(localDate(Math.min(...begins), zoneOf(userId)));
  }
  /** The first week from the person's first one that is still open (not submitted, or denied). */
  function nextWeek(userId: number): string {
    const map = weeksOf(userId);
    const starts = [firstWeek(userId) ?? startOfIsoWeek(localDate(deps.now(), zoneOf(userId))), ...map.keys()].sort();
    let week = starts[0] as string;
    while (LOCKED.has(map.get(week) ?? 'not_submitted')) week = addDays(week, 7);
    return week;
  }

  function lockedUntil(userId: number): number | undefined {
    const locked = [...weeksOf(userId).entries()].filter(([, value]) => LOCKED.has(value)).map(([week]) => week);
    if (locked.length === 0) return undefined;
    const latest = locked.sort().at(-1) as string;
    return localDateTimeToEpoch(addDays(latest, 7), '00:00', zoneOf(userId));
  }

  /** Whom the caller may act for: themselves; with view_team_approval the members of the teams they are in; with view_all_approval anyone. */
  function target(caller: FakeUser, query: URLSearchParams): FakeUser | HttpAnswer {
    const raw = query.get('user');
    if (raw === null || raw === '') return caller;
    const person = state.users.find((user) => user.id === Number(raw));
    if (!deps.viewAll(caller) && !deps.viewTeam(caller)) return message(400, 'Access denied');
    const teamOf = (team: FakeKimai['state']['teams'][number], userId: number) => team.members.some((member) => member.userId === userId);
    if (!deps.viewAll(caller) && !state.teams.some((team) => teamOf(team, caller.id) && teamOf(team, Number(raw))))
      return message(400, 'User not from your team');
    if (!person) return message(404, "User doesn't exists");
    return person;
  }
  const dateOf = (query: URLSearchParams): string | HttpAnswer => {
    const date = query.get('date');
    return date !== null && DATE.test(date) ? date : message(400, 'Invalid date');
  };

  route(
    'POST',
    /^\/api\/approval-bundle\/add_to_approve$/,
    (caller, query) => {
      const person = target(caller, query);
      if (person instanceof HttpAnswer) return person;
      const date = dateOf(query);
      if (date instanceof HttpAnswer) return date;
      const week = startOfIsoWeek(date);
      if (nextWeek(person.id) < week) return message(400, 'Please add previous weeks to approve');
      if (LOCKED.has(status(person.id, week))) return message(400, 'Approval already exists');
      weeksOf(person.id).set(week, 'submitted');
      const key = `${person.id} ${week}`;
      histories.set(key, [...(histories.get(key) ?? []), { status: 'submitted', by: caller.id }]);
      return jsonString(200, `${deps.baseUrl()}/en/approval/week_by_user?user=${person.id}&date=${week}`);
    },
    'approvals',
  );
  route(
    'GET',
    /^\/api\/approval-bundle\/week-status$/,
    (caller, query) => {
      const person = target(caller, query);
      if (person instanceof HttpAnswer) return person;
      const date = dateOf(query);
      if (date instanceof HttpAnswer) return date;
      return jsonString(200, STATUS_WORDS[status(person.id, date)]);
    },
    'approvals',
  );
  route(
    'GET',
    /^\/api\/approval-bundle\/next-week$/,
    (caller, query) => {
      const person = target(caller, query);
      return person instanceof HttpAnswer ? person : jsonString(200, nextWeek(person.id));
    },
    'approvals',
  );
  route(
    'GET',
    /^\/api\/approval\/timesheets$/,
    (caller, query) => {
      const person = target(caller, query);
      if (person instanceof HttpAnswer) return person;
      const wanted = query.get('approved');
      if (wanted !== null && wanted !== '0' && wanted !== '1') return message(400, 'Invalid value for approved');
      const annotated = state.timesheets
        .filter((sheet) => sheet.userId === person.id)
        .sort((a, b) => b.begin - a.begin)
        .map((sheet) => ({ sheet, approved: status(person.id, localDate(sheet.begin, zoneOf(person.id))) === 'approved' }))
        .filter(({ approved }) => wanted === null || approved === (wanted === '1'));
      return new HttpAnswer(
        200,
        annotated.map(({ sheet, approved }) => ({ ...deps.sheetJson(sheet), approved })),
      );
    },
    'approvals',
  );

  return {
    status,
    lockedUntil,
    history: (userId, date) => [...(histories.get(`${userId} ${startOfIsoWeek(date)}`) ?? [])],
    decide(userId, date, decision) {
      const map = weeksOf(userId);
      const week = startOfIsoWeek(date);
      if (map.get(week) !== 'submitted' && map.get(week) !== 'approved') throw new Error(`week ${week} of user ${userId} is not submitted`);
      map.set(week, decision);
      // The plugin writes the denial, then "not submitted" for that week and every later one.
      if (decision === 'denied') for (const reopened of [...map.keys()].filter((key) => key >= week)) map.delete(reopened);
    },
  };
}
