// A request body as the team server takes it: read to a bound (a request over it is refused with 413
// before more is read), and a JSON body no deeper than a bound (a body of a million brackets is
// refused before a parser or a schema walks it). The bounds are far above anything an MCP client or a
// sign-in form sends.
import type { IncomingMessage } from 'node:http';
import { scanStructure } from './json-structure.ts';

/** The most a request body may hold: a tool call's arguments are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The deepest nesting a JSON body may have: MCP messages nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

export class BodyRefused extends Error {
  readonly status: 400 | 408 | 413 | 415;
  constructor(status: BodyRefused['status'], message: string) {
    super(message);
    this.status = status;
  }
}

/** A body whose Content-Length is over `max`, refused before a byte of it is read; or undefined. */
export function declaredTooLarge(request: IncomingMessage, max = MAX_BODY_BYTES): BodyRefused | undefined {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > max ? new BodyRefused(413, `The request body is ${declared} bytes; at most ${max} are taken.`) : undefined;
}

/**
 * The whole body, or BodyRefused (413) as soon as it passes `max`. A refused body is left unread:
 * the server closes the connection after its answer rather than take the rest (team/request-pipeline.ts).
 */
export function readBody(request: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = declaredTooLarge(request, max);
  if (tooLarge) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) {
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyRefused(413, `The request body is more than ${max} bytes; at most ${max} are taken.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
    request.on('aborted', () => reject(new BodyRefused(400, 'The request was aborted before its body arrived.')));
  });
}

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), counted without parsing. */
export function jsonDepth(text: string): number {
  let deepest = 0;
  scanStructure(text, (kind, _index, depth) => {
    if (kind === 'open' && depth > deepest) deepest = depth;
  });
  return deepest;
}

/** A JSON body's text, refused when it nests deeper than MAX_JSON_DEPTH. */
export function checkJsonDepth(body: Buffer): void {
  if (jsonDepth(body.toString('utf8')) > MAX_JSON_DEPTH) {
    throw new BodyRefused(400, `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels, which no MCP message does.`);
  }
}
