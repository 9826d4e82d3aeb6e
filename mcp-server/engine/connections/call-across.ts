// The call path with several trackers (docs/several-trackers.md): which connection a call goes to
// (the `tracker` it names, the one its project, record or running timer implies, or the default),
// the reads that span every connection, the timers' rule across connections, and every answer
// labelled with its connection. Writes go to exactly one connection, never to one the call did not
// resolve to, never retried on another; where that cannot be said, nothing is sent anywhere.
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import { modelText } from '../../contract/outcomes/sentence.ts';
import { type Notice, noticeOf, noticeSentence } from '../../contract/outcomes/notices.ts';
import { quotedLine } from '../../contract/outcomes/quoted-line.ts';
import type { TimerMode } from '../../contract/connections.ts';
import type { ToolName } from '../../contract/tool-catalog.ts';
import { TOOLS } from '../../tools/index.ts';
import { answerWorkingTime } from '../../tools/working-time.ts';
import { type CallableTool, refused, runTool, type ToolCall } from '../run-tool.ts';
import type { ConnectionIds } from './connection-ids.ts';
import type { ConnectionView } from './connection-view.ts';
import { recordsIn } from './handed-out.ts';
import { impliedConnections, withinDeadline } from './implied-connection.ts';
import { type Answered, inputForEach, mergeAnswers, overlapsOf, SPANNING_READS } from './spanning-reads.ts';

/** What a call across connections knows besides its tool and input: a tool call's own, less its one context. */
export interface AcrossCall extends Omit<ToolCall, 'context'> {
  views: readonly ConnectionView[];
  ids: ConnectionIds | undefined;
  timers: TimerMode;
  now: () => number;
}

type Result = Awaited<ReturnType<typeof runTool>>;

/** A tool's answer or refusal, with the connection that gave it. */
export async function callAcrossConnections(tool: CallableTool, input: Record<string, unknown>, named: string | undefined, call: AcrossCall): Promise<Result> {
  const { views } = call;
  const registry = isRegistryTool(tool.name) ? tool.name : null;
  // What a connection offers is known once its back end opened: one still opening would otherwise be taken for one
  // that lacks every tool, left out of finding a project's tracker (and the write sent to the default by guess) or
  // of a spanning read without a word.
  const unopened = await openedEach(named === undefined ? views : views.filter((view) => view.name === named), call.deadlineMs);
  if (named !== undefined) {
    const view = views.find((each) => each.name === named);
    if (!view) return refused({ code: 'tracker_unknown', facts: { tracker: named, trackers: views.map((each) => each.name) } });
    if (registry) {
      const withheld = view.withheld(registry);
      if (withheld) return refused(withTracker(withheld, view.name));
    }
    return resolvedTo(tool, input, view, call, !view.isDefault);
  }
  // The window's own tools (app-tools/) go to the default unless named; the writes kept offline are every remote connection's.
  if (!registry) {
    if (tool.name === 'kept_write_decisions') return keptWritesOfEach(tool, input, views, call);
    return resolvedTo(tool, input, defaultOf(views), call, false);
  }
  if (registry === 'working_time') return workingTimeAcross(tool, input, views, call, unopened);
  const implied = await impliedConnections(registry, input, views, { ids: call.ids, deadlineMs: call.deadlineMs });
  const spans = SPANNING_READS.has(registry);
  if (implied && implied.names.length === 0) {
    const offering = views.filter((view) => view.offers(registry)).map((view) => view.name);
    return refused({ code: 'tracker_required', facts: { tool: registry, why: implied.why, trackers: offering } });
  }
  if (implied && implied.names.length === 1) {
    const view = views.find((each) => each.name === implied.names[0]) as ConnectionView;
    return resolvedTo(tool, input, view, call, true);
  }
  if (implied && implied.names.length > 1) {
    if (spans)
      return spanning(
        tool,
        registry,
        input,
        views.filter((view) => implied.names.includes(view.name)),
        call,
        unopened,
      );
    // Reading catalogs and timers to find out was allowed; nothing was written or recorded.
    return refused({ code: 'tracker_required', facts: { tool: registry, why: implied.why, trackers: implied.names } });
  }
  if (spans) return spanning(tool, registry, input, views, call, unopened);
  const fallback = defaultOf(views);
  if (!fallback.offers(registry)) {
    const offering = views.filter((view) => view.offers(registry)).map((view) => view.name);
    // A write the default cannot take is not sent to another by guess.
    if (offering.length > 0) return refused({ code: 'tracker_required', facts: { tool: registry, why: 'default_lacks_tool', trackers: offering } });
    return refused(fallback.withheld(registry) ?? { code: 'tool_withheld', facts: { tool: registry, why: 'back_end', back_end: fallback.name } });
  }
  return resolvedTo(tool, input, fallback, call, false);
}

/**
 * Opens the connections' back ends (each engine opens its own once; those open answer at once), within the call's
 * deadline; answers the names of those that could not be opened, whose next call tries again.
 */
async function openedEach(views: readonly ConnectionView[], deadlineMs: number): Promise<ReadonlySet<string>> {
  const failed = await Promise.all(
    views.map((view) =>
      withinDeadline(view.tracker(), deadlineMs).then(
        () => null,
        () => view.name,
      ),
    ),
  );
  return new Set(failed.filter((name): name is string => name !== null));
}

/** The call on one connection: clock_in under the timers' rule, anything else as it is. */
function resolvedTo(tool: CallableTool, input: Record<string, unknown>, view: ConnectionView, call: AcrossCall, say: boolean): Promise<Result> {
  if (tool.name === 'clock_in') return clockInAcross(tool, input, view, call, say);
  return runOn(tool, input, view, call, say);
}

/** Runs the tool on one connection, remembers the records it handed out, and labels the answer. */
async function runOn(tool: CallableTool, input: Record<string, unknown>, view: ConnectionView, call: AcrossCall, say: boolean): Promise<Result> {
  const result = await runTool(tool, input, { ...call, context: view.contexts.context });
  await remember(result, view, call);
  return labelled(result, view.name, say);
}

async function remember(result: Result, view: ConnectionView, call: AcrossCall): Promise<void> {
  const data = structured(result);
  if (!data || !call.ids) return;
  try {
    await call.ids.remember(recordsIn(data).map((record) => ({ ...record, tracker: view.name })));
  } catch (error) {
    // The answer stands; only a later call naming these numbers may need its tracker named.
    call.log(`Remembering which tracker gave out these numbers failed: ${(error as Error).message}`);
  }
}

/** The answer with its connection: `tracker` in its data, and its sentence naming it where it was not the default or was implied. */
function labelled(result: Result, name: string, say: boolean): Result {
  const data = structured(result);
  const text = textOf(result);
  const content = say && text !== undefined ? [{ type: 'text' as const, text: `${name}: ${text}` }] : (result as { content: unknown }).content;
  if (!data) return { ...result, content } as Result;
  return { ...result, content, structuredContent: { ...withRowsLabelled(data, name), tracker: name } } as Result;
}

/**
 * The records an answer hands out, labelled with their connection as a spanning read's rows are: the window puts a
 * changed entry back in its list by its number and connection (two connections give out the same numbers). Only the
 * shapes whose schema carries `tracker` (contract/tools/outputs.ts: entries, leave requests, submissions).
 */
const LABELLED_ROWS = ['entry', 'started', 'stopped', 'deleted', 'shift', 'running', 'booked', 'request', 'submission'] as const;

function withRowsLabelled(data: Record<string, unknown>, tracker: string): Record<string, unknown> {
  const out = { ...data };
  const label = (row: unknown) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? { ...row, tracker } : row);
  for (const key of LABELLED_ROWS) {
    const value = out[key];
    if (value !== undefined && value !== null) out[key] = Array.isArray(value) ? value.map(label) : label(value);
  }
  return out;
}

/** A read answered by every connection that offers it, each row labelled; one that does not answer is a notice, not an error. */
async function spanning(
  tool: CallableTool,
  name: ToolName,
  input: Record<string, unknown>,
  among: readonly ConnectionView[],
  call: AcrossCall,
  unopened: ReadonlySet<string>,
): Promise<Result> {
  // One that could not open is asked all the same: its failure is its tracker_missing notice, not silence.
  const asked = among.filter((view) => view.offers(name) || unopened.has(view.name));
  // A report that names both its days has its overlaps read beside it, not after it (time_report across connections
  // costs a list of entries each): the same days, as list_time_entries reads the same words.
  const daysGiven = name === 'time_report' && asked.length > 1 && typeof input.from === 'string' && typeof input.to === 'string';
  const early = daysGiven ? reportOverlaps(asked, { from: input.from, to: input.to }, call) : undefined;
  const results = await Promise.all(asked.map((view) => runTool(tool, inputForEach(name, input), { ...call, context: view.contexts.context })));
  const answered: Answered[] = [];
  const answering: ConnectionView[] = [];
  const missing: Notice[] = [];
  let firstRefusal: Result | undefined;
  for (const [index, result] of results.entries()) {
    const view = asked[index] as ConnectionView;
    const data = structured(result);
    if (data) {
      await remember(result, view, call);
      answering.push(view);
      answered.push({
        tracker: view.name,
        isDefault: view.isDefault,
        sharesSettingsWeek: view.sharesSettingsWeek(),
        ...(view.workspace ? { workspace: view.workspace } : {}),
        data,
        text: textOf(result) ?? '',
      });
    } else {
      firstRefusal ??= result;
      missing.push(noticeOf('tracker_missing', { tracker: view.name, reason: textOf(result) ?? 'no answer' }));
    }
  }
  if (answered.length === 0)
    return firstRefusal ?? refused({ code: 'tool_withheld', facts: { tool: name, why: 'back_end', back_end: among.map((view) => view.name).join(', ') } });
  const merged = mergeAnswers(name, answered, input);
  const overlaps = name === 'time_report' && answering.length > 1 ? await overlapsOfReport(early, answering, merged.data, call) : [];
  const notices = [...merged.notices, ...overlaps, ...missing];
  const text = notices.length > 0 ? `${merged.text}\n${notices.map((notice) => modelText(noticeSentence(notice))).join('\n')}` : merged.text;
  return { content: [{ type: 'text' as const, text }], structuredContent: notices.length > 0 ? { ...merged.data, notices } : merged.data } as Result;
}

/**
 * working_time without `tracker`: the law adds up the hours worked for every employer, so the rules run once over
 * every connection's spans together (not once each, merged after), on the default connection's plan and balance,
 * the others' balances beside it (tools/working-time.ts). One that could not open is asked all the same: its
 * failure is its tracker_missing notice.
 */
function workingTimeAcross(
  tool: CallableTool,
  input: Record<string, unknown>,
  views: readonly ConnectionView[],
  call: AcrossCall,
  unopened: ReadonlySet<string>,
): Promise<Result> {
  const asked = views.filter((view) => view.offers('working_time') || unopened.has(view.name));
  const primary = asked.find((view) => view.isDefault && !unopened.has(view.name)) ?? asked.find((view) => !unopened.has(view.name));
  if (!primary || asked.length < 2) return resolvedTo(tool, input, primary ?? defaultOf(views), call, primary !== undefined && !primary.isDefault);
  const others = asked
    .filter((view) => view !== primary)
    .map((view) => ({ name: view.name, context: view.contexts.context, sharesSettingsWeek: view.sharesSettingsWeek() }));
  const own = { own: primary.name, ownSharesWeek: primary.sharesSettingsWeek(), others };
  const together: CallableTool = { ...tool, handler: (args, context) => answerWorkingTime(args, context, own) };
  return runTool(together, input, { ...call, context: primary.contexts.context });
}

/**
 * The writes every connection keeps offline, each labelled: the window decides each in its own connection (a local
 * timesheet keeps none). A connection whose outbox cannot be read is left out: the window asks again.
 */
async function keptWritesOfEach(tool: CallableTool, input: Record<string, unknown>, views: readonly ConnectionView[], call: AcrossCall): Promise<Result> {
  const results = await Promise.all(views.map((view) => runTool(tool, input, { ...call, context: view.contexts.context })));
  const writes = results.flatMap((result, index) => {
    const rows = structured(result)?.writes;
    return Array.isArray(rows) ? rows.map((row) => ({ ...(row as Record<string, unknown>), tracker: (views[index] as ConnectionView).name })) : [];
  });
  const text = results.map((result, index) => `${(views[index] as ConnectionView).name}: ${textOf(result) ?? ''}`).join('\n');
  return { content: [{ type: 'text' as const, text }], structuredContent: { writes } } as Result;
}

/** The report's overlaps: those read beside it, of the connections that answered it; else read now, for its days. */
async function overlapsOfReport(
  early: Promise<Notice[]> | undefined,
  answering: readonly ConnectionView[],
  report: Record<string, unknown>,
  call: AcrossCall,
): Promise<Notice[]> {
  if (!early) return reportOverlaps(answering, report, call);
  const names = new Set(answering.map((view) => view.name));
  const among = (notice: Notice) => notice.code !== 'trackers_overlap' || notice.facts.entries.every((entry) => names.has(entry.tracker));
  return (await early).filter(among);
}

/**
 * A report's groups name no entries, so the same hours booked to two connections are found in each one's entries of
 * the report's days, read as list_time_entries reads them (its first 500; a connection whose entries cannot be read
 * adds none: the report stands). The ids the notice names are remembered as a list would remember them.
 */
async function reportOverlaps(views: readonly ConnectionView[], report: Record<string, unknown>, call: AcrossCall): Promise<Notice[]> {
  const days = { from: report.from, to: report.to, limit: 500 };
  const lists = await Promise.all(views.map((view) => runTool(TOOLS.list_time_entries as CallableTool, days, { ...call, context: view.contexts.context })));
  const rows: Array<Record<string, unknown>> = [];
  for (const [index, result] of lists.entries()) {
    const view = views[index] as ConnectionView;
    const entries = structured(result)?.entries;
    if (!Array.isArray(entries)) continue;
    await remember(result, view, call);
    rows.push(...(entries as Array<Record<string, unknown>>).map((row) => ({ ...row, tracker: view.name })));
  }
  return overlapsOf(rows);
}

/**
 * clock_in across connections. One timer overall: a timer running in another connection refuses it (with what runs
 * and where), or with `switch` is stopped in its own connection before the new one starts. One per tracker: the others
 * run on, and the answer says so.
 */
async function clockInAcross(tool: CallableTool, input: Record<string, unknown>, view: ConnectionView, call: AcrossCall, say: boolean): Promise<Result> {
  const elsewhere = await runningElsewhere(view, call);
  if (call.timers === 'per_tracker' || elsewhere.length === 0) {
    const result = await runOn(tool, input, view, call, say || elsewhere.length > 0);
    if (elsewhere.length === 0 || !structured(result)) return result;
    const still = elsewhere.map(
      ({ view: other, running }) => `${other.name}'s timer still runs (${entryWords(running)} since ${String(running.start).slice(11, 16)}).`,
    );
    return withText(result, `${textOf(result) ?? ''}\n${still.join('\n')}`);
  }
  const [first] = elsewhere;
  if (!first) return runOn(tool, input, view, call, say);
  if (input.switch !== true) {
    const { running, view: other } = first;
    const minutes = Math.max(0, Math.floor((call.now() - Date.parse(String(running.start))) / 60_000));
    return refused({
      code: 'clock_in_timer_running',
      facts: {
        entry: Number(running.id),
        project: (running.project as string | null) ?? null,
        activity: (running.activity as string | null) ?? null,
        description: String(running.description ?? ''),
        since: String(running.start),
        minutes,
        tracker: other.name,
      },
    });
  }
  // The running timer is stopped in its own connection first; where that fails, nothing new is started.
  const stoppedAnswers: Array<{ name: string; result: Result }> = [];
  for (const { view: other } of elsewhere) {
    const stopped = await runOn(TOOLS.clock_out as CallableTool, {}, other, call, true);
    if (!structured(stopped)) return stopped;
    stoppedAnswers.push({ name: other.name, result: stopped });
  }
  const started = await runOn(tool, input, view, call, true);
  const data = structured(started);
  if (!data) return started;
  const lastStopped = stoppedAnswers.at(-1);
  const stoppedEntry = lastStopped ? (structured(lastStopped.result)?.stopped as Record<string, unknown> | undefined) : undefined;
  const merged = { ...data, ...(data.stopped ? {} : stoppedEntry ? { stopped: { ...stoppedEntry, tracker: lastStopped?.name } } : {}) };
  const text = [...stoppedAnswers.map((each) => textOf(each.result) ?? ''), textOf(started) ?? ''].join('\n');
  return { content: [{ type: 'text' as const, text }], structuredContent: merged } as Result;
}

/** The timers running in the other connections (those that answer), with their entries as timer_status shows them. */
async function runningElsewhere(view: ConnectionView, call: AcrossCall): Promise<Array<{ view: ConnectionView; running: Record<string, unknown> }>> {
  const others = call.views.filter((other) => other !== view && other.offers('timer_status'));
  const statuses = await Promise.all(others.map((other) => runTool(TOOLS.timer_status as CallableTool, {}, { ...call, context: other.contexts.context })));
  return others.flatMap((other, index) => {
    const running = structured(statuses[index] as Result)?.running as Record<string, unknown> | null | undefined;
    return running ? [{ view: other, running }] : [];
  });
}

/** `"Website" · "Design"`: what another connection's timer runs on, its names the tracker's words (quoted-line.ts). */
function entryWords(entry: Record<string, unknown>): string {
  const names = [entry.project, entry.activity].filter((part): part is string => typeof part === 'string' && part !== '');
  return names.length > 0 ? names.map(quotedLine).join(' · ') : 'no project';
}

function defaultOf(views: readonly ConnectionView[]): ConnectionView {
  return views.find((view) => view.isDefault) ?? (views[0] as ConnectionView);
}

function isRegistryTool(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}

function structured(result: Result): Record<string, unknown> | undefined {
  return 'structuredContent' in result ? (result.structuredContent as Record<string, unknown> | undefined) : undefined;
}

function textOf(result: Result): string | undefined {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content;
  return content?.[0]?.type === 'text' ? content[0].text : undefined;
}

function withText(result: Result, text: string): Result {
  return { ...result, content: [{ type: 'text' as const, text }] } as Result;
}

/** A withheld tool's refusal, naming the connection that withholds it. */
function withTracker(refusal: Refusal, tracker: string): Refusal {
  return refusal.code === 'tool_withheld' ? ({ ...refusal, facts: { ...refusal.facts, tracker } } as Refusal) : refusal;
}
