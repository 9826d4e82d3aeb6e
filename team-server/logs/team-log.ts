// The team server's log: one JSON object a line on stderr (pino), as log collectors read it, with the
// request and the person it was written for (request-context.ts) — their id, never their name or
// e-mail. With `serve --dev` the same lines are written for a person at a terminal (pino-pretty).
// What a line says is the sentence the server writes, with the characters that steer a terminal
// taken out (mcp-server/plain-text.ts); its only other fields are the ids above. No field list can hide a
// secret inside a sentence, so keeping secrets out is the writer's part: the sentences name ids and
// paths, never a query, a token or a note (test/team-server/logs/team-log.test.ts reads the built
// server's stderr for them). stdout stays the protocol's.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Log } from '../../mcp-server/log.ts';
import { withoutControls } from '../../mcp-server/plain-text.ts';
import { currentRequest } from './request-context.ts';

export interface TeamLogOptions {
  /** Lines for a person at a terminal instead of JSON. */
  human: boolean;
  /** Where lines go (stderr unless a test or the bench says otherwise). */
  destination?: DestinationStream;
}

export async function teamLog(options: TeamLogOptions): Promise<Log> {
  const destination = options.human ? await pretty(options.destination) : (options.destination ?? pino.destination({ dest: 2, sync: true }));
  const logger: Logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return (message: string) => {
    const request = currentRequest();
    const fields = request ? { request_id: request.requestId, ...(request.personId ? { person_id: request.personId } : {}) } : {};
    logger.info(fields, withoutControls(message));
  };
}

/** Human-readable lines (on stderr unless told), written at once: a server stopped by Ctrl+C loses none. */
async function pretty(destination: DestinationStream | undefined): Promise<DestinationStream> {
  const { default: prettyStream } = await import('pino-pretty');
  return prettyStream({
    destination: (destination as NodeJS.WritableStream | undefined) ?? 2,
    sync: true,
    colorize: false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
}
