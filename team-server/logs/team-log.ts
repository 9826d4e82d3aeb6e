// The team server's log: one JSON object a line on stderr (pino), as log collectors read it, with the
// request and the person it was written for (request-context.ts) — their id, never their name or
// e-mail. With `serve --dev` the same lines are written for a person at a terminal (pino-pretty).
// It is the engine's Log (a sentence, at info level), so the engine and every part of the server
// write to it as they always did; the team server's own parts may also say a sentence at warning
// level, and the request pipeline writes each request's line (request()), at error level for a server error. What a sentence says
// is the sentence the server writes, with the characters that steer a terminal taken out
// (mcp-server/plain-text.ts); its only other fields are the ids above. No field list can hide a
// secret inside a sentence, so keeping secrets out is the writer's part: the sentences name ids and
// paths, never a query, a token or a note, and the request lines name a route's pattern, never the
// path as sent, and the cause of a failure with the places secrets travel in blanked
// (failure-cause.ts). One secret the server holds is blanked by its text wherever it appears
// (`hide`: the organisation's tracker credential, which a back end or a proxy might echo).
// test/team-server/logs/team-log.test.ts reads the built server's stderr for secrets. stdout stays the protocol's.
import { pino, type DestinationStream, type Logger } from 'pino';
import { type Log, withoutControls } from '../../mcp-server/for-the-team-server.ts';
import { failureCause } from './failure-cause.ts';
import { currentRequest, type RequestContext } from './request-context.ts';

export interface TeamLogOptions {
  /** Lines for a person at a terminal instead of JSON. */
  human: boolean;
  /** Where lines go (stderr unless a test or the bench says otherwise). */
  destination?: DestinationStream;
}

/** The team server's log: callable as the engine's Log for a sentence at info level. */
export interface TeamLog extends Log {
  /** A sentence at warning level: something an administrator should look at; the server goes on. */
  warn(message: string): void;
  /** The one line of an answered request (team/request-pipeline.ts). */
  request(line: RequestLine): void;
  /**
   * A secret whose text no line may carry from now on (the organisation's tracker credential): blanked
   * wherever it would appear, in a sentence or a failure's cause, should a back end or a library echo it.
   */
  hide?(secret: string): void;
}

/** What the line of an answered request says. */
export interface RequestLine {
  /** The request's context: its id, the person's id where their token was verified, why it failed. */
  context: RequestContext;
  method: string;
  /** The route's label, as the metrics count it (metrics/route-labels.ts): never the path as sent. */
  route: string;
  status: number;
  durationMs: number;
  /** False where the connection ended before the whole answer was sent (the client went away, or the server cut it). */
  completed: boolean;
}

export async function teamLog(options: TeamLogOptions): Promise<TeamLog> {
  const destination = options.human ? await pretty(options.destination) : (options.destination ?? pino.destination({ dest: 2, sync: true }));
  const logger: Logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const idsOf = (request: RequestContext | undefined) =>
    request ? { request_id: request.requestId, ...(request.personId ? { person_id: request.personId } : {}) } : {};
  const secrets = new Set<string>();
  const blank = (text: string) => {
    let kept = text;
    for (const secret of secrets) kept = kept.split(secret).join('[hidden]');
    return kept;
  };
  const info = (message: string) => logger.info(idsOf(currentRequest()), blank(withoutControls(message)));
  return Object.assign(info, {
    warn: (message: string) => logger.warn(idsOf(currentRequest()), blank(withoutControls(message))),
    request: (line: RequestLine) => writeRequestLine(logger, idsOf(line.context), line, blank),
    hide: (secret: string) => {
      // A secret of a few characters would blank common words; the credentials hidden here are long.
      if (secret.trim().length >= 8) secrets.add(secret.trim());
    },
  });
}

/**
 * A request's line: at error level for a server error (5xx) or a failure that cut its answer short;
 * at info level otherwise (a 4xx is the client's business: a 401 is the first step of every
 * sign-in). Either way with the cause, where the part that answered said one.
 */
function writeRequestLine(logger: Logger, ids: Record<string, string>, line: RequestLine, blank: (text: string) => string): void {
  const { failure } = line.context;
  const found = failure ? failureCause(failure.error, failure.withStack) : undefined;
  const cause = found && { ...found, message: blank(found.message), ...(found.stack ? { stack: blank(found.stack) } : {}) };
  const durationMs = Math.round(line.durationMs * 10) / 10;
  const fields = {
    ...ids,
    method: line.method,
    route: line.route,
    status: line.status,
    duration_ms: durationMs,
    ...(line.completed ? {} : { completed: false }),
    ...(cause ? { error: cause } : {}),
  };
  const message = `${line.method} ${line.route} ${line.status} in ${durationMs} ms${line.completed ? '' : ', cut off'}${cause ? `: ${cause.message}` : ''}`;
  if (line.status >= 500 || (failure && !line.completed)) logger.error(fields, message);
  else logger.info(fields, message);
}

/** Human-readable lines (on stderr unless told), written at once: a server stopped by Ctrl+C loses none. */
async function pretty(destination: DestinationStream | undefined): Promise<DestinationStream> {
  const { default: prettyStream } = await import('pino-pretty');
  return prettyStream({
    destination: (destination as NodeJS.WritableStream | undefined) ?? 2,
    sync: true,
    colorize: false,
    translateTime: 'SYS:HH:MM:ss',
    // A request's line says its method, route, status and time in its sentence already.
    ignore: 'pid,hostname,method,route,status,duration_ms',
  });
}
