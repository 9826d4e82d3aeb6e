// Tempo's and Jira's records as Punchcard's, and back (docs/back-ends/tempo.md): pure, unit-tested. A worklog keeps
// its day and start time on the author's wall clock without a zone (`startDate`, `startTime` 'HH:mm:ss') and its
// length in seconds; Punchcard's entries are instants, read and written in the person's zone. Tempo knows an issue
// by Jira's number alone (`issue.id`, a number where Jira writes it as text); Jira has its key and summary.
import type { ApprovalRule, ApprovalStatus } from '../../domain/approvals.ts';
import { splitAgentPrefix } from '../../domain/agents.ts';
import { eachDate, formatInstant, localDate, localDateTimeToEpoch } from '../../domain/time.ts';
import type { PlannedDay } from '../../domain/work-plan.ts';
import { checkedEntry, type TimeEntry } from '../time-tracker.ts';
import type { JiraIssue, TempoApproval, TempoGlobalConfiguration, TempoScheduleDay, TempoWorklog } from './wire.ts';

/** An issue as Punchcard keeps it: Tempo's number for it, Jira's key and summary, its project, whether it is done. */
export interface TempoIssue {
  id: number;
  key: string;
  summary: string;
  project: { id: number; name: string } | null;
  done: boolean;
}

/**
 * A Jira issue key as people write it (any case): a project key of letters, digits and underscores starting with a
 * letter, a dash, the issue's number. The case is Jira's to fold (`web-12` is WEB-12).
 */
const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}-[1-9][0-9]{0,9}$/;

export function isIssueKey(text: string): boolean {
  return ISSUE_KEY.test(text.trim());
}

/** A key as Jira prints it: upper case, without spaces around. */
export function issueKey(text: string): string {
  return text.trim().toUpperCase();
}

/** An issue as Jira answered it, as Punchcard keeps it; undefined where it lacks its number or key. */
export function issueOf(issue: JiraIssue | null | undefined): TempoIssue | undefined {
  const id = Number(issue?.id);
  if (!issue || !Number.isSafeInteger(id) || id <= 0 || typeof issue.key !== 'string' || issue.key === '') return undefined;
  const project = issue.fields?.project;
  const projectId = Number(project?.id);
  return {
    id,
    key: issue.key,
    summary: issue.fields?.summary?.trim() || issue.key,
    project: project && Number.isSafeInteger(projectId) ? { id: projectId, name: project.name?.trim() || project.key || String(projectId) } : null,
    done: issue.fields?.status?.statusCategory?.key === 'done',
  };
}

/** A worklog's issue where Jira has not named it (deleted, or hidden from the person): by Tempo's number. */
export function unnamedIssue(id: number): TempoIssue {
  return { id, key: `#${id}`, summary: `Issue ${id}`, project: null, done: false };
}

/** The instant and wall-clock values of a worklog's start, in `zone`: 'YYYY-MM-DD' and 'HH:mm:ss'. */
export function wallClock(epochMs: number, zone: string): { startDate: string; startTime: string } {
  const instant = formatInstant(epochMs, zone);
  return { startDate: localDate(epochMs, zone), startTime: instant.slice(11, 19) };
}

/** 'HH:mm:ss' or 'HH:mm' as Tempo may write it; undefined where it is neither. */
export function clockTime(text: string | null | undefined): string | undefined {
  const match = /^\s*(\d{2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text ?? '');
  if (!match) return undefined;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return `${match[1]}:${match[2]}:${String(second).padStart(2, '0')}`;
}

/**
 * When a worklog starts and ends, as instants: its day and start time in the person's zone, and its seconds. A
 * worklog without a start time keeps its day and length only: it is placed at the day's start and marked (span 'day').
 */
export function worklogSpan(worklog: TempoWorklog, zone: string): { start: number; end: number; span?: 'day' } {
  const seconds = Math.max(0, Math.round(worklog.timeSpentSeconds ?? 0));
  const time = clockTime(worklog.startTime);
  const start = localDateTimeToEpoch(worklog.startDate, time ?? '00:00:00', zone);
  return { start, end: start + seconds * 1000, ...(time === undefined ? { span: 'day' as const } : {}) };
}

/**
 * A worklog as Punchcard's entry: its issue as the project (by summary), its description without an agent's mark, its
 * attributes by name. Its length as Tempo keeps it, so one of negative seconds (it ends before it starts) or longer than
 * any stretch of work is marked impossible (checkedEntry), listed as it came and counted nowhere.
 */
export function toTimeEntry(worklog: TempoWorklog, issue: TempoIssue, zone: string, fields?: TimeEntry['fields']): TimeEntry {
  const { start, span } = worklogSpan(worklog, zone);
  const { agent, description } = splitAgentPrefix(worklog.description ?? '');
  return checkedEntry({
    id: worklog.tempoWorklogId,
    start,
    end: start + Math.round(worklog.timeSpentSeconds ?? 0) * 1000,
    ...(span ? { span } : {}),
    project: { id: issue.id, name: issue.summary },
    activity: null,
    description,
    ...(agent ? { agent } : {}),
    ...(fields && fields.length > 0 ? { fields } : {}),
  });
}

/** Seconds between two instants as Tempo takes them: whole, at least one (Tempo keeps no empty worklog). */
export function secondsBetween(start: number, end: number): number {
  return Math.max(1, Math.round((end - start) / 1000));
}

/** Whether a worklog is the person's: its author's accountId is theirs. */
export function isOwn(worklog: TempoWorklog | null | undefined, accountId: string): boolean {
  return worklog?.author?.accountId === accountId;
}

/** The site's approval rule: weekly or monthly periods, weeks from the approval week's start (else the week's, else Monday). */
export function approvalRuleOf(configuration: TempoGlobalConfiguration): ApprovalRule {
  const period = (configuration.approvalPeriod ?? '').toUpperCase().startsWith('MONTH') ? 'month' : 'week';
  const start = [configuration.approvalWeekStart, configuration.weekStart].find((day) => Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 7);
  return { period, weekStart: (start as number | undefined) ?? 1 };
}

/**
 * What a period's approval status is to Punchcard: approved, pending (submitted and waiting: IN_REVIEW, or a
 * WAITING_FOR_APPROVAL or SUBMITTED where a site says so), rejected (open again with a reviewer's comment), or open
 * (never submitted, or reopened). Tempo does not list its keys; these are the ones its pages and peers show.
 */
export type PeriodState = ApprovalStatus | 'open';

export function periodState(approval: TempoApproval | null | undefined, accountId: string): PeriodState {
  const key = (approval?.status?.key ?? 'OPEN').toUpperCase();
  if (key === 'APPROVED') return 'approved';
  if (key === 'IN_REVIEW' || key === 'WAITING_FOR_APPROVAL' || key === 'SUBMITTED' || key === 'READY_TO_SUBMIT_AGAIN') return 'pending';
  if (key === 'REJECTED') return 'rejected';
  // Rejected periods are open again, with the reviewer's comment and the reviewer as the actor.
  const actor = approval?.status?.actor?.accountId;
  if (approval?.status?.comment && actor !== undefined && actor !== accountId) return 'rejected';
  return 'open';
}

/** The days of [from, to] from Tempo's schedule; a day Tempo left out is a day off without a target. */
export function scheduleDays(days: readonly TempoScheduleDay[], from: string, to: string): PlannedDay[] {
  const byDate = new Map(days.filter((day) => typeof day?.date === 'string').map((day) => [day.date, day]));
  return eachDate(from, to).map((date) => {
    const day = byDate.get(date);
    const seconds = Math.max(0, day?.requiredSeconds ?? 0);
    const type = (day?.type ?? 'NON_WORKING_DAY').toUpperCase();
    const holiday = type.startsWith('HOLIDAY') ? day?.holiday?.name?.trim() || 'Holiday' : null;
    return {
      date,
      targetMinutes: Math.round(seconds / 60),
      dayOff: type === 'NON_WORKING_DAY' || type === 'HOLIDAY_AND_NON_WORKING_DAY',
      holiday,
      // A holiday that leaves part of the day to work (a half day's rest): half a working day.
      halfHoliday: holiday !== null && seconds > 0,
    };
  });
}
