// Reads that span connections (docs/several-trackers.md, "Answers"): without `tracker`, these tools
// answer from every connection that offers them, each row labelled with its connection. Hours add up
// across connections; targets, leave balances and money never do (one employer's each, and amounts in
// their own currencies). Pure: each connection's answer in, one answer out.
import type { ToolName } from '../../contract/tool-catalog.ts';
import type { OverlappingEntry } from '../../contract/outcomes/connections.ts';
import { type Notice, noticeOf } from '../../contract/outcomes/notices.ts';
import { durationText } from '../../contract/durations.ts';

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
    }));
    const names = trackers.map((each) => `${each.tracker}${each.default ? ' (default)' : ''}: ${each.provider}`).join('; ');
    const fallback = trackers.find((each) => each.default)?.tracker ?? '';
    const rule = `Pass tracker to choose one; without it, reads answer from every tracker and writes go where the project, record or running timer says, else to ${fallback}, or are refused where that is not clear.`;
    return { data: { ...own(first?.data ?? {}), trackers }, text: `${first?.text ?? ''}\nTrackers: ${names}. ${rule}`, notices: [] };
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

  time_report(answers: readonly Answered[]): Merged {
    const first = answers[0]?.data ?? {};
    const trackers = answers.map((answer) => ({
      tracker: answer.tracker,
      total_minutes: num(answer.data.total_minutes),
      target_minutes: (answer.data.target_minutes as number | null | undefined) ?? null,
      target_so_far_minutes: (answer.data.target_so_far_minutes as number | null | undefined) ?? null,
      overtime_minutes: (answer.data.overtime_minutes as number | null | undefined) ?? null,
      back_end_balance: (answer.data.back_end_balance as { minutes: number; covers: string } | null | undefined) ?? null,
    }));
    const total = trackers.reduce((sum, each) => sum + each.total_minutes, 0);
    const data = {
      from: first.from,
      to: first.to,
      today: first.today,
      groups: answers.flatMap((answer) => rowsOf(answer, 'groups')),
      total_minutes: total,
      // Targets are one employer's each: never added up across connections.
      target_minutes: null,
      target_so_far_minutes: null,
      overtime_minutes: null,
      back_end_balance: null,
      agent_minutes_left_out: answers.reduce((sum, answer) => sum + num(answer.data.agent_minutes_left_out), 0),
      trackers,
    };
    const text = `${blocks(answers)}\nIn all: ${durationText(total, 'units')} over ${answers.length} trackers (targets are each tracker's own and are not added up).`;
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
