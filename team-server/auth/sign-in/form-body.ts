// A posted form as the pages take it, checked before anything in it is used: sent from this server's
// own origin (before a byte of it is read), urlencoded, uncompressed, at most 16 KiB (read by
// raw-body), each field named once, and carrying the form token of the page that showed it to this
// browser (forms.ts).
import type { IncomingMessage } from 'node:http';
import type { Next } from 'koa';
import getRawBody, { type RawBodyError } from 'raw-body';
import { BodyRefused } from '../../http/request-body.ts';
import { checkFormToken, sameOrigin } from '../forms.ts';
import { sendErrorPage } from './answers.ts';
import type { PageContext, PageKit } from './page-kit.ts';

/** The most a form's fields may hold together: a token, an e-mail and a name. */
export const MAX_FORM_BYTES = 16 * 1024;

/**
 * The step before every POST handler: the browser's id (set on the answer whatever it is), then the
 * form checked into `ctx.state.form` (and the browser's id into `ctx.state.browser`), or the answer written here (403 in words) and the handler not run.
 */
export function postedForm(kit: PageKit) {
  return async function checkedForm(ctx: PageContext, next: Next) {
    const { purpose } = ctx.state;
    const browser = kit.browserOf(ctx.req, ctx.res);
    if (!sameOrigin(ctx.req, kit.origin))
      return sendErrorPage(ctx, 403, 'This form was sent from another site, so it was refused. Open the sign-in page again.');
    const fields = await readForm(ctx.req);
    if (!fields || !checkFormToken(kit.options.keys.formKey, kit.bindingOf(purpose, browser), fields.get('csrf'), kit.options.now())) {
      return sendErrorPage(ctx, 403, 'This form has expired or was not sent from this page. Open the sign-in page again.');
    }
    ctx.state.browser = browser;
    ctx.state.form = fields;
    await next();
  };
}

/**
 * The fields of a urlencoded form POST, or null for a body that is not one of our forms (another
 * type, a repeated name). A body over the bound, compressed or cut short is refused (BodyRefused).
 */
export async function readForm(request: IncomingMessage): Promise<Map<string, string> | null> {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    request.resume();
    return null;
  }
  // A browser never compresses a form: one that says it is compressed is refused in words, not read as garbage.
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity') throw new BodyRefused(415, `A form is taken uncompressed, as browsers send it, not in ${encoding.slice(0, 40)}.`);
  let body: string;
  try {
    body = await getRawBody(request, { limit: MAX_FORM_BYTES, length: request.headers['content-length'] ?? null, encoding: 'utf-8' });
  } catch (error) {
    throw refusal(error as RawBodyError);
  }
  // Parsed as browsers serialise it (the WHATWG urlencoded parser): names as sent, nothing nested.
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (fields.has(name)) return null;
    fields.set(name, value);
  }
  return fields;
}

/** The reader's error in the words the team server answers a refused body with (http/request-body.ts). */
function refusal(error: RawBodyError): unknown {
  if (error.type === 'entity.too.large') {
    return new BodyRefused(
      413,
      error.length !== undefined
        ? `The request body is ${error.length} bytes; at most ${MAX_FORM_BYTES} are taken.`
        : `The request body is more than ${MAX_FORM_BYTES} bytes; at most ${MAX_FORM_BYTES} are taken.`,
    );
  }
  if (error.type === 'request.aborted') return new BodyRefused(400, 'The request was aborted before its body arrived.');
  if (error.type === 'request.size.invalid') return new BodyRefused(400, 'The form was not as long as its Content-Length said.');
  return error;
}
