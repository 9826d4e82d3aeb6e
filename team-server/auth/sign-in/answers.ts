// How the sign-in pages answer, on Node's response: every page with the same headers (its CSP, never
// cached, no sniffing, its referrer to this origin only), and a redirect that is never cached either.
import type { ServerResponse } from 'node:http';
import { PAGE_CSP, renderErrorPage } from '../pages.ts';

export function sendPage(response: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': PAGE_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    ...extra,
  });
  response.end(html);
}

/** The error page, saying `message`. */
export function sendErrorPage(response: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  sendPage(response, status, renderErrorPage(message), extra);
}

export function seeOther(response: ServerResponse, location: string): void {
  response.writeHead(303, { location, 'cache-control': 'no-store' });
  response.end();
}
