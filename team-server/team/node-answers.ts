// Answers written to Node's response: plain text, a refusal for a limit, and a web Response (what
// the SDK's endpoint and the bearer challenge give back) streamed as it is written.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooManyRequestsWords } from '../http/rate-limits.ts';

export function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

export function tooMany(response: ServerResponse, retryAfterSeconds: number): void {
  response.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfterSeconds) });
  response.end(`${tooManyRequestsWords(retryAfterSeconds)}\n`);
}

/** A web Response written to Node's response, streaming (an SSE answer arrives as it is written). */
export async function writeResponse(response: ServerResponse, answer: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  if (!answer.body) return void response.end();
  const reader = answer.body.getReader();
  response.on('close', () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

/** A Node request's headers, read as a web Headers object is. */
export function headerReader(request: IncomingMessage): { get(name: string): string | null } {
  return {
    get: (name) => {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
