// Refusals of the one tool-call path (engine/run-tool.ts): a call stopped before its end, one that
// failed without a plan, an argument the tool does not take, a part the back end lacks, a tool not
// offered (engine/mcp-server.ts), the request budget one call has (providers/remote/request-budget.ts).
import type { NotOffered } from '../tool-policy.ts';
import { formatWait } from './format.ts';
import { either, modelText, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** Each part a back end may lack, in words: what the person cannot do through Punchcard there. */
const MISSING_PART_WORDS = {
  breaks: (backEnd: string) => `${backEnd} has no breaks.`,
  team_hours: (backEnd: string) => `${backEnd} shows Punchcard nobody's time but yours.`,
  team_projects: (backEnd: string) => `${backEnd} shows Punchcard no project's hours but your own.`,
  team_leave: (backEnd: string) => `${backEnd} leaves nobody's leave to your decision through Punchcard.`,
  admin_tags: (backEnd: string) => `${backEnd} lets you administer no tags through Punchcard.`,
  admin_invoices: (backEnd: string) => `${backEnd} shows you no invoices through Punchcard.`,
  admin_corrections: (backEnd: string) => `${backEnd} lets you correct nobody's time entries through Punchcard.`,
  admin_rates: (backEnd: string) => `${backEnd} lets you administer no rates through Punchcard.`,
  admin_teams: (backEnd: string) => `${backEnd} lets you administer no teams through Punchcard.`,
  admin_catalog: (backEnd: string) => `${backEnd} lets you change no catalog item through Punchcard.`,
  admin_people: (backEnd: string) => `${backEnd} lets you administer nobody's account through Punchcard.`,
  approvals: (backEnd: string) => `${backEnd} offers this account no timesheet approvals through Punchcard.`,
  approvals_workflow: (backEnd: string) => `${backEnd} lets nobody submit, withdraw or decide a timesheet through Punchcard.`,
} as const;

export type MissingPart = keyof typeof MISSING_PART_WORDS;

/** Why a tool is not offered (tools/offer.ts, whyNotOffered), said to a client that calls it by name. */
type Withheld = {
  tool: string;
  why: NotOffered;
  back_end: string;
  reason?: string;
  /** Why `role`: the person's role as the back end names it, and the least role there that has the tool. */
  role?: string;
  needs?: string;
  /** With several trackers: the connection named in the call that does not offer it (docs/several-trackers.md). */
  tracker?: string;
};

/**
 * What a person reads: why the tool is not there, and what they can do instead where anything. The
 * tool is named as it was called and nothing else is listed, so a client learns of no tool it was not
 * offered beyond the one it named.
 */
function withheldSentence(facts: Withheld) {
  const tool = either(facts.tool, 'This');
  switch (facts.why) {
    case 'back_end': {
      // The back end's own reason, where its descriptor gives one (contract/back-end-descriptor.ts, `withheld`).
      const backEnd = facts.tracker === undefined ? facts.back_end : `${facts.tracker} (${facts.back_end})`;
      if (facts.reason) return say`${backEnd} does not offer ${either(facts.tool, 'this')} through Punchcard: ${facts.reason}. Nothing was done.`;
      return say`${backEnd} does not offer ${either(facts.tool, 'this')} to your account through Punchcard: the back end has no such feature, or your role there does not reach it. Nothing was done.`;
    }
    case 'role': {
      // Both roles are the back end's words (a tracker's data): quoted, never read as Punchcard's own.
      const backEnd = facts.tracker === undefined ? facts.back_end : `${facts.tracker} (${facts.back_end})`;
      return say`${either(facts.tool, 'This')} needs the role ${outside(facts.needs ?? '')} (or one above it) in ${backEnd}, and yours there is ${outside(facts.role ?? '')}, so Punchcard does not offer it to you. Nothing was sent.`;
    }
    case 'organisation_account':
      // Which of the three it is, the engine cannot tell from the capabilities alone (Clockodo has no timesheet
      // approvals at all; a person who leads nobody gets no team tools): all three are said, leading people named.
      return say`This server acts for you through your company's ${facts.back_end} account, and through it ${either(facts.tool, 'this')} is not yours: ${facts.back_end} may not have it, your own role there may not reach it (a team's tools are for those who lead people in ${facts.back_end}), or it cannot be narrowed to you alone. Where ${facts.back_end} gives it to you, use its own pages, signed in as yourself. Nothing was sent.`;
    case 'no_evidence_source':
      // The engine cannot tell the desktop from a team server here (neither has a source on), so both are said, as `settings` does.
      return say`${tool} reads the sources you name (calendars, commits, journals), and none is switched on yet: name one in the Evidence section of Punchcard's preferences first (on a team server, its administrator switches on the company calendar). Nothing was read.`;
    case 'policy_whoami_only':
      return say`Your organisation's policy leaves AI clients only whoami here, which says why; ${either(facts.tool, 'this')} is not offered. Nothing was done.`;
    case 'policy':
      return say`Your organisation's policy does not let AI clients use ${either(facts.tool, 'this')}. Nothing was done.`;
    case 'read_only':
      return say`${tool} changes your records, and AI clients may only read here (Punchcard's read-only switch, or a connection granted reading only). Nothing was done.`;
    case 'settings':
      return say`${tool} is switched off for AI clients in the settings Punchcard runs with: the Tools section of Punchcard's preferences switches it on (on a team server, its administrator does). Nothing was done.`;
  }
}

/** "Unknown argument "projct": clock_in takes project, activity, …. Nothing was done." */
function unknownArgumentsSentence(tool: string, unknown: readonly string[], accepted: readonly string[]) {
  const named = unknown.map((key) => JSON.stringify(key)).join(', ');
  const takes = accepted.length === 0 ? say`${either(tool, 'It')} takes no arguments` : say`${either(tool, 'It')} takes ${accepted.join(', ')}`;
  return say`Unknown argument${unknown.length === 1 ? '' : 's'} ${named}: ${takes}. Nothing was done.`;
}

/** The same, as the model reads it: the tool's strict schema says it in zod's error (tools/define-tool.ts). */
export function unknownArgumentsWords(tool: string, unknown: readonly string[], accepted: readonly string[]): string {
  return modelText(unknownArgumentsSentence(tool, unknown, accepted));
}

/** Why a call ended before its work did. A type, not an interface: facts are JSON objects (wording.ts, `Facts`). */
type CallEnd = {
  tool: string;
  why: 'deadline' | 'cancelled';
  deadline_ms: number;
};

/** "clock_in took longer than 30 s, so Punchcard stopped it", without its full stop. */
function endedWords(facts: CallEnd) {
  return facts.why === 'deadline'
    ? say`${either(facts.tool, 'It')} took longer than ${formatWait(facts.deadline_ms)}, so Punchcard stopped it`
    : say`The client cancelled ${either(facts.tool, 'it')}, so Punchcard stopped it`;
}

/** One thing wrong with a tool's input, as the SDK formats a schema's issue: its path, and the schema's message. */
export type InputProblem = { path: string; message: string };

/** "Input validation error: Invalid arguments for tool clock_in: start: Invalid input" (as the SDK has always said it). */
function invalidArgumentsSentence(facts: { tool: string; problems: readonly InputProblem[] }) {
  const problems = facts.problems.map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`)).join(', ');
  return say`${either(`Input validation error: Invalid arguments for tool ${facts.tool}: `, 'Punchcard could not take this: ')}${problems}`;
}

/** The same, as the model reads it: the stdio layer says it before the catalogs load (stdio/hostile-refusal.ts). */
export function invalidArgumentsWords(tool: string, problems: readonly InputProblem[]): string {
  return modelText(invalidArgumentsSentence({ tool, problems }));
}

export const callRefusals = refusalFamily({
  /** A call that came while the engine closes (engine/engine.ts): nothing was asked of the back end. */
  engine_closing: {
    kind: 'unavailable',
    say: () => say`Punchcard is shutting down; try again in a moment.`,
    example: {},
  },
  /**
   * The end itself, as the requests still under way hear it (providers/remote/request-budget.ts,
   * CallStopped); the call's answer is `call_stopped`. Unavailable, as a back end that takes too long is.
   */
  call_ended: {
    kind: 'unavailable',
    say: (facts: CallEnd) => say`${endedWords(facts)}.`,
    example: { tool: 'time_report', why: 'cancelled', deadline_ms: 45_000 },
  },
  /** The call ended before its work did: the client cancelled it, or its deadline passed. */
  call_stopped: {
    kind: 'unavailable',
    say: (
      facts: CallEnd & {
        /** The back ends it asked, in the order it first did. */
        services: readonly string[];
        /** Changes the back end confirmed before the end. */
        done: readonly string[];
        /** Changes sent without an answer, which may or may not have happened. */
        sent: readonly string[];
        /** The tool may change something at all. */
        writes: boolean;
      },
    ) => {
      const services = facts.services.join(' and ');
      const why = endedWords(facts);
      const asked =
        services === ''
          ? ''
          : facts.why === 'deadline'
            ? ` and its requests to ${services} (${facts.services.length > 1 ? 'they' : 'it'} may be overloaded or unreachable; try again later, or ask for less at once)`
            : ` and its requests to ${services}`;
      const outcome: string[] = [];
      if (facts.done.length > 0) outcome.push(`Done before it stopped: ${facts.done.join('; ')}.`);
      if (facts.sent.length > 0)
        outcome.push(`Sent without an answer, so it may or may not have happened (check before repeating it): ${facts.sent.join('; ')}.`);
      if (outcome.length > 0) outcome.push('Nothing else was changed.');
      // A call that asked no back end stopped only waiting: a tool that writes may still have.
      else outcome.push(facts.writes && services === '' ? 'Check whether it was done before repeating it.' : 'Nothing was changed.');
      return say`${why}${asked}. ${outcome.join(' ')}`;
    },
    example: { tool: 'clock_in', why: 'deadline', deadline_ms: 45_000, services: ['Kimai'], done: ['stop the timer'], sent: ['start the timer'], writes: true },
  },
  /** Something went wrong that no refusal foresaw; the reason is the error's own words. */
  call_failed: {
    kind: 'failed',
    say: (facts: { tool: string; reason: string }) =>
      say`Punchcard could not finish ${either(facts.tool, 'this')}: ${outside(facts.reason)}. Nothing was lost; the server keeps running.`,
    example: { tool: 'time_report', reason: 'Unexpected end of JSON input' },
  },
  /** A read another call had under way, which this one waited for, ended with that call. */
  shared_request_stopped: {
    kind: 'unavailable',
    say: (facts: { tool: string }) =>
      say`${either(facts.tool, 'This')} needed a request another call had under way, and that call was stopped (cancelled, or past its deadline); try again.`,
    example: { tool: 'timer_status' },
  },
  /** The call would need more requests than one call may send (domain/call-limits.ts). */
  request_budget_exceeded: {
    kind: 'invalid',
    say: (facts: { limit: number; service: string }) =>
      say`This needs more than ${facts.limit} requests to ${facts.service}, more than one call may send, so Punchcard stopped asking. Ask for less at once (a shorter range, or one page at a time).`,
    example: { limit: 40, service: 'Clockify' },
  },
  /** The back end lacks the part the tool needs: heard by a client that calls a tool it was not offered. */
  part_missing: {
    kind: 'input',
    say: (facts: { part: MissingPart; back_end: string }) => say`${MISSING_PART_WORDS[facts.part](facts.back_end)}`,
    example: { part: 'breaks', back_end: 'Kimai' },
  },
  /**
   * A tool not offered, called by name all the same (engine/mcp-server.ts): why, in words, before
   * anything is asked of the back end. An unknown name stays the protocol's own error.
   */
  tool_withheld: {
    kind: 'input',
    say: (facts: Withheld) => withheldSentence(facts),
    example: { tool: 'request_leave', why: 'organisation_account', back_end: 'Kimai' },
  },
  /**
   * A failure with no code of its own, inside another refusal's facts (providers/time-tracker.ts,
   * `causeOf`): its message as it came.
   */
  failure_said: {
    kind: 'failed',
    // Another program's words (a library's, a server's it quoted): said as such.
    say: (facts: { message: string }) => say`${outside(facts.message)}`,
    example: { message: 'socket hang up.' },
  },
  /**
   * A tool's input its schema refuses (engine/mcp-server.ts checks it before the call, as the SDK did,
   * in the SDK's words); one problem a schema's issue, the first of them an unknown argument's where
   * there is one (unknownArgumentsWords).
   */
  invalid_arguments: {
    kind: 'input',
    say: (facts: { tool: string; problems: readonly InputProblem[] }) => invalidArgumentsSentence(facts),
    example: { tool: 'log_time', problems: [{ path: 'duration', message: 'Too big: expected string to have <=32 characters' }] },
  },
  /** Arguments the tool does not take: refused, so a misspelt one cannot change what a write does. */
  unknown_arguments: {
    kind: 'input',
    say: (facts: { tool: string; unknown: readonly string[]; accepted: readonly string[] }) =>
      unknownArgumentsSentence(facts.tool, facts.unknown, facts.accepted),
    example: { tool: 'clock_in', unknown: ['projct'], accepted: ['project', 'activity', 'description', 'at', 'switch'] },
  },
});
