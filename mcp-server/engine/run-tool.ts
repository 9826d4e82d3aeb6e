// The one path every tool call takes (docs/architecture.md, "Tools"): the question it may ask, its
// budget of back-end requests and its deadline, the handler with the call's context, and what it
// ends as, in words. Host → engine → here → the handler → the back end: nothing on the way calls
// back up.
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  inputRequired,
  type McpServer,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { ToolName } from '../contract/tool-catalog.ts';
import { REFUSAL_META_KEY } from '../contract/outcomes/refusal-meta.ts';
import { type Refusal, refusalSentence } from '../contract/outcomes/refusals.ts';
import { modelText } from '../contract/outcomes/sentence.ts';
import { type Note, type Notice, noticeSentence } from '../contract/outcomes/notices.ts';
import type { AppToolName } from '../contract/tools/tool-contract.ts';
import { type ClientIdentity, clientIdentity } from '../domain/agents.ts';
import { MAX_REQUESTS_PER_CALL } from '../domain/call-limits.ts';
import type { Log } from '../log.ts';
import { missingPart } from '../providers/capability-parts.ts';
import { BackEndError } from '../providers/time-tracker.ts';
import { type Asker, canAsk, createAsker, InputNeeded, NO_ASKING, type RoundState } from '../tools/asking.ts';
import { runInCallScope, stoppedCallRefusal } from '../tools/call-scope.ts';
import type { ToolContext } from '../tools/context.ts';
import { type ToolDefinition } from '../tools/define-tool.ts';
import { ToolInputError } from '../tools/tool-input-error.ts';

/** A call of a tool that is not read-only, as it ended (the team server's audit log). */
/** Groups whose writes the audit log keeps whole: an administrator's changes, and a timesheet's submission and decision with its status before and after. */
const KEPT_WHOLE: ReadonlySet<unknown> = new Set(['admin', 'approvals']);

export interface FinishedCall {
  tool: ToolName | AppToolName;
  args: unknown;
  outcome: 'done' | 'refused' | 'failed';
  /** The structured result of a call that was done. */
  data?: Record<string, unknown>;
  /** The tool is one of the admin or approvals group's: its record is kept whole (the before and after values it answered). */
  administers?: true;
}

/** A tool a call may name: a registry tool, or one only the app's engine lists (app-tools/). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CallableTool = ToolDefinition<any, any, ToolName | AppToolName>;

/** What a call knows besides its tool and arguments. */
export interface ToolCall {
  /** The context of this call (a fresh one each time: the settings as they are now, the call's notes). */
  context: () => Promise<ToolContext>;
  server: McpServer;
  request: ServerContext;
  /** Signs and checks the state a question travels with (tools/asking.ts). */
  questions: RequestStateCodec<RoundState>;
  /** How long the call may take (tools/call-scope.ts). */
  deadlineMs: number;
  log: Log;
  /**
   * Told of every finished call that may write; the answer waits for what it returns (the team
   * server's audit record is written before the client hears the write was done).
   */
  afterWrite?: (call: FinishedCall) => void | Promise<void>;
  /** Told of every call as it ended, read-only ones too (the team server's metrics). */
  afterCall?: (call: EndedCall) => void;
}

/** Any call as it ended: how, and how long it took. */
export interface EndedCall {
  tool: ToolName | AppToolName;
  outcome: 'done' | 'refused' | 'failed' | 'asked' | 'stopped';
  seconds: number;
}

/** What the client of a request declared: the request's own capabilities in the 2026 era, the handshake's in the 2025 era. */
export function declaredCapabilities(server: McpServer, request: ServerContext): unknown {
  // The SDK types the envelope without its keys; it holds the request's declared capabilities.
  const envelope = request.mcpReq.envelope as Readonly<Record<string, unknown>> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? server.server.getClientCapabilities();
}

/** The client of a request, by its `clientInfo.name`: the request's own in the 2026 era, the handshake's in the 2025 era. */
export function callingClient(server: McpServer, request: ServerContext): ClientIdentity | null {
  const envelope = request.mcpReq.envelope as Readonly<Record<string, unknown>> | undefined;
  const info = envelope?.[CLIENT_INFO_META_KEY] ?? server.server.getClientVersion();
  return clientIdentity(typeof info === 'object' && info !== null ? (info as { name?: unknown }).name : undefined);
}

export async function runTool(tool: CallableTool, args: unknown, call: ToolCall) {
  const started = call.afterCall ? performance.now() : 0;
  const { result, outcome } = await answer(tool, args, call);
  // A question is no end yet: the call comes back with the answer, and is recorded then.
  if (call.afterWrite && tool.annotations.readOnlyHint !== true && outcome !== 'asked') {
    const written: FinishedCall['outcome'] = outcome === 'stopped' ? 'failed' : outcome;
    try {
      // Awaited: the record is kept (in the audit log, or where it waits for it) before the answer
      // leaves. A record that could not be kept is said, and the write stays done in the answer.
      await call.afterWrite({
        tool: tool.name,
        args,
        outcome: written,
        ...('group' in tool && KEPT_WHOLE.has(tool.group) ? { administers: true as const } : {}),
        ...(written === 'done' && 'structuredContent' in result ? { data: result.structuredContent } : {}),
      });
    } catch (error) {
      call.log(`Recording ${tool.name} failed: ${(error as Error).message}`);
    }
  }
  // Counted once the answer is ready to leave, its record's time included: the time the client waits.
  if (call.afterCall) {
    try {
      call.afterCall({ tool: tool.name, outcome, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      call.log(`Counting ${tool.name} failed: ${(error as Error).message}`);
    }
  }
  return result;
}

/** An AI client's call, in the journal of AI sessions (docs/evidence.md), where the person switched it on. */
function noteAiSession(context: ToolContext): void {
  if (context.client === null || !context.settings.evidence.aiSessions.enabled) return;
  context.evidence?.noteAiCall?.(context.client.name, context.now());
}

/**
 * The asker of one round of a call: none where the client did not declare form elicitation (the
 * request's own capabilities in the 2026 era, the handshake's in the 2025 era).
 */
function askerFor(tool: CallableTool, args: unknown, call: ToolCall): Asker {
  if (!canAsk(declaredCapabilities(call.server, call.request))) return NO_ASKING;
  return createAsker({ tool: tool.name, args, state: call.request.mcpReq.requestState(), responses: call.request.mcpReq.inputResponses });
}

/** The call's answer, and how it ended, told once (the metrics and the audit log both read it). */
async function answer(tool: CallableTool, args: unknown, call: ToolCall) {
  try {
    const ask = askerFor(tool, args, call);
    // One budget of back-end requests for the whole call, the context's own (the person's zone)
    // included, and one end: the client's cancellation or the call's deadline, whichever comes first.
    const scope = { requests: MAX_REQUESTS_PER_CALL, deadlineMs: call.deadlineMs, cancelled: call.request.mcpReq.signal, tool: tool.name };
    const outcome = await runInCallScope(scope, async () => {
      const callContext = { ...(await call.context()), ask, client: callingClient(call.server, call.request) };
      noteAiSession(callContext);
      // The part the tool's capability brings, checked here once for every tool (its handler is typed with it).
      const missing = missingPart(callContext.tracker, tool.capability);
      if (missing) throw new ToolInputError('part_missing', { part: missing, back_end: callContext.tracker.label });
      return { callContext, ...(await tool.handler(args, callContext)) };
    });
    if ('stopped' in outcome) {
      const refusal = stoppedCallRefusal(outcome.stopped, outcome.budget, tool.annotations.readOnlyHint !== true);
      const result = refused(refusal);
      // A cancelled call is answered to nobody (the client stopped listening): stderr keeps the account.
      call.log(result.content[0].text);
      return { outcome: 'stopped' as const, result };
    }
    const { callContext, data, text } = outcome.finished;
    const said = modelText(text);
    const noted = callContext.notes.length > 0 ? `${said}\n${callContext.notes.map(noteText).join('\n')}` : said;
    const notices = callContext.notes.filter((note): note is Notice => typeof note !== 'string');
    // Only now are the call's notes in an answer (the outbox's news among them): a call that failed,
    // stopped or asked a question before this point leaves that news for the next answer.
    await callContext.tracker.answered?.();
    // Names and notes come from back ends and people; the wire takes the terminal-steering
    // characters out of them, as out of everything that leaves (stdio/wire.ts, lineOf).
    const structuredContent = (notices.length > 0 ? { ...data, notices } : data) as Record<string, unknown>;
    return { outcome: 'done' as const, result: { content: [{ type: 'text' as const, text: noted }], structuredContent } };
  } catch (error) {
    if (error instanceof InputNeeded) {
      // The question goes to the person; the call comes back with the answer and this state.
      return {
        outcome: 'asked' as const,
        result: inputRequired({
          inputRequests: { [error.key]: inputRequired.elicit(error.params) },
          requestState: await call.questions.mint(error.state, call.request),
        }),
      };
    }
    if (error instanceof ToolInputError || error instanceof BackEndError) return { outcome: 'refused' as const, result: refused(error.refusal) };
    call.log(`${tool.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // The sentence goes on after the reason, so the reason's own full stop goes.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[.\s]+$/, '');
    return { outcome: 'failed' as const, result: refused({ code: 'call_failed', facts: { tool: tool.name, reason } }) };
  }
}

/** A note's sentence for the model. */
function noteText(note: Note): string {
  return typeof note === 'string' ? note : modelText(noticeSentence(note));
}

/**
 * A refusal's answer: its words for the model as the content, and the refusal itself as data in
 * `_meta` (docs/tools.md, "Refusals and notices"). No structured content: clients check that against
 * the tool's output schema, which describes its success, and reject the whole answer when it fails.
 */
export function refused(refusal: Refusal) {
  return {
    isError: true as const,
    content: [{ type: 'text' as const, text: modelText(refusalSentence(refusal)) }] as [{ type: 'text'; text: string }],
    _meta: { [REFUSAL_META_KEY]: refusal },
  };
}
