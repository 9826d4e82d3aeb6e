// How the team server's own routes answer, on koa's context: plain text, a refusal for a limit, an
// answer without a body, and a web Response (what the SDK's endpoint and the bearer challenge give
// back) written to Node's response as it is read (an SSE answer arrives event by event).
import type { Context } from 'koa';
import type { WholeAnswer } from '../http/clean-answers.ts';
import { tooManyRequestsWords } from '../http/rate-limits.ts';

export function plain(ctx: Context, status: number, text: string): void {
  ctx.status = status;
  ctx.set({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  ctx.body = text;
}

export function tooMany(ctx: Context, retryAfterSeconds: number): void {
  ctx.status = 429;
  ctx.set({ 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfterSeconds) });
  ctx.body = `${tooManyRequestsWords(retryAfterSeconds)}\n`;
}

/**
 * An answer without a body (a redirect, a 202). The body is emptied before the status is set: koa
 * turns an emptied body's status into 204, and answers a body left unset with the status's words.
 */
export function bodiless(ctx: Context, status: number, headers: Record<string, string> = {}): void {
  ctx.body = null;
  ctx.status = status;
  ctx.set(headers);
}

/**
 * A web Response as the answer: its status and headers, and its body written to Node's response as
 * it is read (an SSE answer arrives event by event), the reading cancelled if the client goes. Written
 * here rather than handed to koa, which would wrap the body in a Node stream and a pipeline for each
 * answer; koa is told to leave the response alone.
 */
export async function webAnswer(ctx: Context, answer: Response | WholeAnswer): Promise<void> {
  if (!(answer instanceof Response)) return wholeAnswer(ctx, answer);
  if (!answer.body) bodiless(ctx, answer.status);
  else ctx.status = answer.status;
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') ctx.set(name, value);
  });
  if (!answer.body) return;
  ctx.respond = false;
  const response = ctx.res;
  response.writeHead(answer.status);
  const reader = answer.body.getReader();
  response.once('close', () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!response.write(value)) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

/** An answer known whole: its headers and body leave in one write, with its length. */
function wholeAnswer(ctx: Context, answer: WholeAnswer): void {
  ctx.status = answer.status;
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') ctx.set(name, value);
  });
  ctx.respond = false;
  ctx.res.setHeader('content-length', Buffer.byteLength(answer.text));
  ctx.res.writeHead(answer.status);
  ctx.res.end(answer.text);
}
