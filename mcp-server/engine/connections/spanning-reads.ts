// Reads that span connections (docs/several-trackers.md, "Answers"): without `tracker`, these tools
// answer from every connection that offers them, each row labelled with its connection. Hours add up
// across connections; targets, leave balances and money never do (one employer's each, and amounts in
// their own currencies). Pure: each connection's answer in, one answer out.
import type { ToolName } from '../../contract/tool-catalog.ts';
import type { OverlappingEntry } from '../../contract/outcomes/connections.ts';
import { type Notice, noticeOf } from '../../contract/outcomes/notices.ts';
import { durationText } from '../../contract/durations.ts';
import { namesTogether } from '../../contract/connections.ts';
import { sharedTarget, targetGroups } from '../../domain/shared-week.ts';
import { balanceWords, duration, groupKeyWords, groupLine, targetWords, totalWords } from '../../tools/report-words.ts';

export const SPANNING_READS: ReadonlySet<ToolName> = new Set([
  'timer_status',
  'whoami',
  'list_time_entries',
  'time_report',
  'list_catalog',
  'list_leave_requests',
  'leave_balance',
  'absence_calendar',
  'list_invoices',
  'list_timesheet_approvals',
]);

/** One connection's answer to a spanning read. */
export interface Answered {
  tracker: string;
  isDefault: boolean;
  /** Its targets are the settings' week, shared with the others that have none of their own (domain/shared-week.ts). */
  sharesSettingsWeek?: boolean;
  /** Its Clockify workspace as the settings name it, for whoami's list. */
  workspace?: string;
  data: Record<string, unknown>;
  text: string;
}

export interface Merged {
  data: Record<string, unknown>;
  text: string;
  notices: Notice[];
}

type Row = Record<string, unknown>;

/** What each connection is asked: the same input, but a page of entries is made of every connection's first rows. */
export function inputForEach(tool: ToolName, input: Record<string, unknown>): Record<string, unknown> {
  if (tool !== 'list_time_entries') return input;
  const limit = typeof input.limit === 'number' ? input.limit : 50;
  const offset = typeof input.offset === 'number' ? input.offset : 0;
  return { ...input, offset: 0, limit: Math.min(500, offset + limit) };
}

export function mergeAnswers(tool: ToolName, answers: readonly Answered[], input: Record<string, unknown>): Merged {
  const merge = MERGES[tool as keyof typeof MERGES];
  const merged = merge ? merge(answers, input) : { data: answers[0]?.data ?? {}, text: blocks(answers), notices: [] };
  // What each connection noted beside its rows (the outbox's news, a time read twice) stays, in the settings' order.
  const carried = answers.flatMap((answer) => (Array.isArray(answer.data.notices) ? (answer.data.notices as Notice[]) : []));
  return { ...merged, notices: [...carried, ...merged.notices] };
}

/** Each connection's own sentence, named. */
function blocks(answers: readonly Answered[]): string {
  return answers.map((answer) => `${answer.tracker}: ${answer.text}`).join('\n');
}

function rowsOf(answer: Answered, key: string): Row[] {
  const rows = answer.data[key];
  return Array.isArray(rows) ? (rows as Row[]).map((row) => ({ ...row, tracker: answer.tracker })) : [];
}

/** The answer's fields but what the merge says itself (its notices and connection). */
function own(data: Record<string, unknown>): Record<string, unknown> {
  const { notices: _notices, tracker: _tracker, ...rest } = data;
  return rest;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const instant = (text: unknown): number => (typeof text === 'string' ? Date.parse(text) : Number.NaN);

const MERGES = {
  timer_status(answers: readonly Answered[]): Merged {
    const timers: Row[] = answers.flatMap((answer) => (answer.data.running ? [{ ...(answer.data.running as Row), tracker: answer.tracker }] : []));
    const latest = [...timers].sort((a, b) => instant(b.start) - instant(a.start))[0] ?? null;
    const onBreak = latest ? (answers.find((answer) => answer.tracker === latest.tracker)?.data.on_break ?? null) : null;
    const byTracker = answers.map((answer) => ({
      tracker: answer.tracker,
      today_minutes: num(answer.data.today_minutes),
      week_minutes: num(answer.data.week_minutes),
    }));
    const today = byTracker.reduce((sum, each) => sum + each.today_minutes, 0);
    const week = byTracker.reduce((sum, each) => sum + each.week_minutes, 0);
    const text = [
      ...answers.map((answer) => `${answer.tracker}: ${answer.text}`),
      `In all: ${durationText(today, 'units')} today, ${durationText(week, 'units')} this week.`,
    ].join('\n');
    return { data: { running: latest, on_break: onBreak, today_minutes: today, week_minutes: week, timers, by_tracker: byTracker }, text, notices: [] };
  },

  whoami(answers: readonly Answered[]): Merged {
    const first = answers.find((answer) => answer.isDefault) ?? answers[0];
    const trackers = answers.map((answer) => ({
      tracker: answer.tracker,
      provider: String(answer.data.provider ?? ''),
      default: answer.isDefault,
      // Clockify's workspace by its name, as the back end says it; the settings' id or name where it said none.
      ...(typeof answer.data.workspace === 'string'
        ? { workspace: answer.data.workspace }
        : answer.workspace === undefined
          ? {}
          : { workspace: answer.workspace }),
      connection: typeof answer.data.connection === 'string' ? answer.data.connection : null,
      capabilities: Array.isArray(answer.data.capabilities) ? answer.data.capabilities : [],
      shares_settings_week: answer.sharesSettingsWeek === true,
    }));
    const names = trackers.map((each) => `${each.tracker}${each.default ? ' (default)' : ''}: ${each.provider}`).join('; ');
    // Those that share the settings' week are held to it together, once (domain/shared-week.ts).
    const shared = targetGroups(answers.map((answer) => ({ name: answer.tracker, sharesSettingsWeek: answer.sharesSettingsWeek === true }))).find(
      (group) => group.shared,
    );
    const week = shared ? ` ${namesTogether(shared.trackers)} share the settings' work week: one target for their hours together.` : '';
    const fallback = trackers.find((each) => each.default)?.tracker ?? '';
    const rule = `Pass tracker to choose one; without it, reads answer from every tracker and writes go where the project, record or running timer says, else to ${fallback}, or are refused where that is not clear.`;
    return { data: { ...own(first?.data ?? {}), trackers }, text: `${first?.text ?? ''}\nTrackers: ${names}. ${rule}${week}`, notices: [] };
  },

  list_time_entries(answers: readonly Answered[], input: Record<string, unknown>): Merged {
    const limit = typeof input.limit === 'number' ? input.limit : 50;
    const offset = typeof input.offset === 'number' ? input.offset : 0;
    const lined = answers.flatMap((answer) => {
      const lines = answer.text.split('\n').slice(1);
      const rows = rowsOf(answer, 'entries');
      return rows.map((row, index) => ({ row, line: `${answer.tracker}: ${rows.length === lines.length ? lines[index] : `#${String(row.id)}`}` }));
    });
    lined.sort((a, b) => instant(a.row.start) - instant(b.row.start));
    const total = answers.reduce((sum, answer) => sum + num(answer.data.total), 0);
    const page = lined.slice(offset, offset + limit);
    const next = offset + page.length < total ? offset + page.length : null;
    const head = `${total} ${total === 1 ? 'entry' : 'entries'} in ${answers.map((answer) => answer.tracker).join(', ')}${next === null ? '' : ` (showing ${offset + 1}–${offset + page.length}; next offset ${next})`}.`;
    return {
      data: { entries: page.map((each) => each.row), total, next_offset: next },
      text: [head, ...page.map((each) => each.line)].join('\n'),
      notices: overlapsOf(lined.map((each) => each.row)),
    };
  },

  time_report(answers: readonly Answered[], input: Record<string, unknown>): Merged {
    const first = answers[0]?.data ?? {};
    // Connections that share the settings' week are held to it together, once (domain/shared-week.ts).
    const together = sharedWeekGroups(answers, String(first.today ?? ''));
    const sharing = new Set(together.flatMap((group) => group.trackers));
    const trackers = answers.map((answer) => {
      const own = !sharing.has(answer.tracker);
      return {
        tracker: answer.tracker,
        total_minutes: num(answer.data.total_minutes),
        target_minutes: own ? ((answer.data.target_minutes as number | null | undefined) ?? null) : null,
        target_so_far_minutes: own ? ((answer.data.target_so_far_minutes as number | null | undefined) ?? null) : null,
        overtime_minutes: own ? ((answer.data.overtime_minutes as number | null | undefined) ?? null) : null,
        back_end_balance: (answer.data.back_end_balance as { minutes: number; covers: string } | null | undefined) ?? null,
      };
    });
    const total = trackers.reduce((sum, each) => sum + each.total_minutes, 0);
    const groups = answers.flatMap((answer) => {
      const rows = rowsOf(answer, 'groups');
      // A day's target of a connection that shares the week is not its own: the shared group's rows carry it.
      return sharing.has(answer.tracker) ? rows.map(({ target_minutes: _shared, ...row }) => row) : rows;
    });
    const data = {
      from: first.from,
      to: first.to,
      today: first.today,
      groups,
      total_minutes: total,
      // Targets are one employer's each: never added up across connections.
      target_minutes: null,
      target_so_far_minutes: null,
      overtime_minutes: null,
      back_end_balance: null,
      agent_minutes_left_out: answers.reduce((sum, answer) => sum + num(answer.data.agent_minutes_left_out), 0),
      trackers,
      ...(together.length > 0 ? { target_groups: together.map(({ text: _text, ...group }) => group) } : {}),
    };
    const own = answers.map((answer) => {
      const group = together.find((each) => each.trackers.includes(answer.tracker));
      return `${answer.tracker}: ${group ? sharingBlock(answer, group.trackers, input.include_agents === true, input.group_by as string | undefined) : answer.text}`;
    });
    const rule = together.length > 0 ? sharedRule(together.map((group) => group.trackers)) : "targets are each tracker's own and are not added up";
    const text = [...own, ...together.map((group) => group.text), `In all: ${durationText(total, 'units')} over ${answers.length} trackers (${rule}).`].join(
      '\n',
    );
    return { data, text, notices: [] };
  },

  list_catalog(answers: readonly Answered[]): Merged {
    const lists = (key: string) => answers.flatMap((answer) => rowsOf(answer, key));
    const hasBreaks = answers.some((answer) => Array.isArray(answer.data.break_types));
    const hasFields = answers.some((answer) => Array.isArray(answer.data.fields));
    const notes = answers.filter((answer) => typeof answer.data.note === 'string').map((answer) => `${answer.tracker}: ${String(answer.data.note)}`);
    const data = {
      customers: lists('customers'),
      projects: lists('projects'),
      activities: lists('activities'),
      ...(hasBreaks ? { break_types: lists('break_types') } : {}),
      ...(hasFields ? { fields: lists('fields') } : {}),
      ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    };
    return { data, text: blocks(answers), notices: [] };
  },

  list_leave_requests(answers: readonly Answered[]): Merged {
    const requests = answers.flatMap((answer) => rowsOf(answer, 'requests')).sort((a, b) => String(a.first_day).localeCompare(String(b.first_day)));
    return { data: { requests }, text: blocks(answers), notices: [] };
  },

  leave_balance(answers: readonly Answered[]): Merged {
    const first = answers.find((answer) => answer.isDefault) ?? answers[0];
    // Two employers' vacation days are not one balance: each stays its own, never added up.
    const balances = answers.map((answer) => ({ tracker: answer.tracker, ...own(answer.data) }));
    return { data: { ...own(first?.data ?? {}), tracker: first?.tracker, balances }, text: blocks(answers), notices: [] };
  },

  absence_calendar(answers: readonly Answered[]): Merged {
    const [first, ...rest] = answers;
    const awayOf = (answer: Answered) => {
      const byDate = new Map<string, Row[]>();
      for (const day of (answer.data.days as Row[] | undefined) ?? []) {
        byDate.set(
          String(day.date),
          ((day.away as Row[] | undefined) ?? []).map((row) => ({ ...row, tracker: answer.tracker })),
        );
      }
      return byDate;
    };
    const others = rest.map(awayOf);
    const days = ((first?.data.days as Row[] | undefined) ?? []).map((day) => ({
      ...day,
      away: [
        ...((day.away as Row[] | undefined) ?? []).map((row) => ({ ...row, tracker: first?.tracker })),
        ...others.flatMap((byDate) => byDate.get(String(day.date)) ?? []),
      ],
    }));
    return { data: { days }, text: blocks(answers), notices: [] };
  },

  list_invoices(answers: readonly Answered[], input: Record<string, unknown>): Merged {
    const first = answers[0]?.data ?? {};
    const invoices = answers.flatMap((answer) => rowsOf(answer, 'invoices'));
    const byCurrency = new Map<string, number>();
    for (const invoice of invoices) {
      // A cancelled invoice is owed by nobody; amounts are totalled per currency only, never across.
      if (invoice.status === 'canceled') continue;
      const currency = String(invoice.currency);
      byCurrency.set(currency, Math.round((num(byCurrency.get(currency)) + num(invoice.total)) * 100) / 100);
    }
    const totals = [...byCurrency].map(([currency, amount]) => ({ currency, amount }));
    const data = {
      from: first.from,
      to: first.to,
      invoices,
      page: typeof input.page === 'number' ? input.page : num(first.page) || 1,
      total_pages: Math.max(1, ...answers.map((answer) => num(answer.data.total_pages))),
      total: answers.reduce((sum, answer) => sum + num(answer.data.total), 0),
      totals_by_currency: totals,
    };
    const said = totals.map((each) => `${each.amount} ${each.currency}`).join(', ');
    return { data, text: `${blocks(answers)}${said === '' ? '' : `\nTotals by currency (not added across currencies): ${said}.`}`, notices: [] };
  },

  list_timesheet_approvals(answers: readonly Answered[]): Merged {
    const first = answers[0]?.data ?? {};
    const hasLocks = answers.some((answer) => Array.isArray(answer.data.locks));
    const data = {
      ...own(first),
      submissions: answers.flatMap((answer) => rowsOf(answer, 'submissions')),
      more: answers.some((answer) => answer.data.more === true),
      ...(hasLocks ? { locks: answers.flatMap((answer) => rowsOf(answer, 'locks')) } : {}),
    };
    return { data, text: blocks(answers), notices: [] };
  },
} satisfies Partial<Record<ToolName, (answers: readonly Answered[], input: Record<string, unknown>) => Merged>>;

interface SharedWeekGroup {
  trackers: string[];
  total_minutes: number;
  target_minutes: number;
  target_so_far_minutes: number;
  overtime_minutes: number;
  groups?: Array<{ key: string; minutes: number; target_minutes: number }>;
  /** Its lines in the answer's text: the hours together against the target, then each day's or week's. */
  text: string;
}

/**
 * The connections of the report that share the settings' week (two or more that answered), each group their hours
 * together against the one target they share: the least of their targets, which differ only by each one's leave. A
 * report without targets (one project's) has none.
 */
function sharedWeekGroups(answers: readonly Answered[], today: string): SharedWeekGroup[] {
  const held = targetGroups(answers.map((answer) => ({ name: answer.tracker, sharesSettingsWeek: answer.sharesSettingsWeek === true })));
  return held.flatMap((group) => {
    if (!group.shared) return [];
    const members = answers.filter((answer) => group.trackers.includes(answer.tracker));
    const target = sharedTarget(members.map((answer) => answer.data.target_minutes as number | null | undefined));
    const soFar = sharedTarget(members.map((answer) => answer.data.target_so_far_minutes as number | null | undefined));
    if (target === null || soFar === null) return [];
    const total = members.reduce((sum, answer) => sum + num(answer.data.total_minutes), 0);
    const rows = sharedRows(members);
    const to = String(members[0]?.data.to ?? '');
    const head = `${namesTogether(group.trackers)} together: ${duration(total)} of ${targetWords(target, soFar, to, today)}; ${balanceWords(total - soFar)}.`;
    const lines = (rows ?? []).map((row) => groupLine(row.key, row.minutes, row.target_minutes));
    return [
      {
        trackers: group.trackers,
        total_minutes: total,
        target_minutes: target,
        target_so_far_minutes: soFar,
        overtime_minutes: total - soFar,
        ...(rows ? { groups: rows } : {}),
        text: [head, ...lines].join('\n'),
      },
    ];
  });
}

/** The group's day or week rows: their minutes added up, the least of their targets; none where the rows carry no targets. */
function sharedRows(members: readonly Answered[]): Array<{ key: string; minutes: number; target_minutes: number }> | undefined {
  const byKey = new Map<string, { minutes: number; targets: Array<number | undefined> }>();
  for (const answer of members) {
    for (const row of rowsOf(answer, 'groups')) {
      const key = String(row.key);
      const known = byKey.get(key) ?? { minutes: 0, targets: [] };
      known.minutes += num(row.minutes);
      known.targets.push(row.target_minutes as number | undefined);
      byKey.set(key, known);
    }
  }
  const rows = [...byKey].map(([key, { minutes, targets }]) => ({ key, minutes, target_minutes: sharedTarget(targets) }));
  if (rows.length === 0 || rows.some((row) => row.target_minutes === null)) return undefined;
  return rows.sort((a, b) => a.key.localeCompare(b.key)) as Array<{ key: string; minutes: number; target_minutes: number }>;
}

/**
 * A connection's own block where it shares the week: its total, its other lines (agents' time, approvals) as it said
 * them, and its groups without a target of their own. Its sentence is [summary, …others, …one line per group]
 * (tools/time-report.ts), so only the first line and the groups' are said again here.
 */
function sharingBlock(answer: Answered, trackers: readonly string[], includeAgents: boolean, groupBy: string | undefined): string {
  const rows = rowsOf(answer, 'groups');
  const lines = answer.text.split('\n');
  const others = lines.slice(1, Math.max(1, lines.length - rows.length));
  const partners = namesTogether(trackers.filter((name) => name !== answer.tracker));
  const summary = `${totalWords(num(answer.data.total_minutes), String(answer.data.from), String(answer.data.to), includeAgents)}; its target is the settings' week, shared with ${partners} (below).`;
  return [summary, ...others, ...rows.map((row) => groupLine(groupKeyWords(String(row.key), groupBy), num(row.minutes)))].join('\n');
}

/** The answer's rule on targets where some connections share the settings' week. */
function sharedRule(groups: ReadonlyArray<readonly string[]>): string {
  const shares = groups.map((names) => `${namesTogether(names)} share one target`).join('; ');
  return `${shares}; targets are otherwise each tracker's own and are not added up`;
}

/** The most overlaps one answer names: a person who booked a whole week twice hears it without a page of notices. */
const MAX_OVERLAP_NOTICES = 10;

/** Entries of different connections that cover the same wall-clock time (the same hours booked to two employers). */
export function overlapsOf(rows: readonly Row[]): Notice[] {
  const spans = rows
    // A running timer's entry has no end yet: what it will cover is not booked twice yet.
    .filter((row) => row.end !== null)
    .map((row) => ({ row, start: instant(row.start), end: instant(row.end) }))
    // An entry that keeps its day and length only (span: day) has no times to overlap.
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.end) && span.row.span !== 'day')
    .sort((a, b) => a.start - b.start);
  const notices: Notice[] = [];
  for (let i = 0; i < spans.length && notices.length < MAX_OVERLAP_NOTICES; i++) {
    const a = spans[i] as (typeof spans)[number];
    for (let j = i + 1; j < spans.length && (spans[j] as (typeof spans)[number]).start < a.end; j++) {
      const b = spans[j] as (typeof spans)[number];
      if (a.row.tracker === b.row.tracker) continue;
      const minutes = Math.round((Math.min(a.end, b.end) - b.start) / 60_000);
      if (minutes <= 0) continue;
      const entry = (span: typeof a): OverlappingEntry => ({
        tracker: String(span.row.tracker),
        id: num(span.row.id),
        start: String(span.row.start),
        end: String(span.row.end),
      });
      notices.push(noticeOf('trackers_overlap', { entries: [entry(a), entry(b)], minutes }));
      if (notices.length >= MAX_OVERLAP_NOTICES) break;
    }
  }
  return notices;
}
