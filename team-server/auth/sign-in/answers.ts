// How the sign-in pages answer, on koa's context: every page with the same headers (its CSP, never
// cached, no sniffing, its referrer to this origin only), and a redirect that is never cached either.
import type { Context } from 'koa';
import { type AfterError, PAGE_CSP, renderErrorPage } from '../pages.ts';

export function sendPage(ctx: Context, status: number, html: string, extra: Record<string, string> = {}): void {
  ctx.status = status;
  ctx.set({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    ...extra,
  });
  ctx.body = html;
}

/** The error page, saying `message`. */
export function sendErrorPage(ctx: Context, status: number, message: string, extra: Record<string, string> = {}, after: AfterError = 'client'): void {
  sendPage(ctx, status, renderErrorPage(message, after), extra);
}

/** A 303 to `location`, without a body (koa's own redirect writes one), never cached unless `cached` (the library's own redirects are not marked). */
export function seeOther(ctx: Context, location: string, { marked = true }: { marked?: boolean } = {}): void {
  ctx.body = null;
  ctx.status = 303;
  ctx.set({ location, ...(marked ? { 'cache-control': 'no-store' } : {}) });
}
