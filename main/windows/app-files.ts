// What app://punchcard serves and how: the origin, the Content-Security-Policy, content types and
// the path resolver that refuses anything that could leave the renderer folder. Pure (no Electron),
// so the IPC sender check and the UI tests' static server use exactly the app's rules.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'punchcard';
/** What Chromium reports as the window's origin (Node's URL says 'null' for custom schemes). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs on the app's own origin (app://punchcard). Compares scheme, host and port itself:
 * Node's URL gives every non-special scheme the origin 'null', so `new URL(a).origin ===
 * new URL(b).origin` would also hold for foo://evil.
 */
export function isAppOrigin(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type AppRequest = { ok: true; path: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file an app:// URL names inside root, or why it is refused. Dot segments are already folded
 * by URL parsing (as Chromium does before the handler sees the request); what is left to refuse is
 * what survives it: encoded separators ('%2f', '%5c'), encoded dot segments inside one segment
 * ('%2e%2e%2f'), backslashes, NUL bytes, drive letters and stream names (':'), hidden files, other
 * hosts, credentials and ports, and — as a last check — any path that resolves outside root.
 */
export function resolveAppRequest(url: string, root: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `not an ${APP_SCHEME}: URL` };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, status: 400, reason: 'credentials in the URL' };
  if (parsed.host !== APP_HOST) return { ok: false, status: 403, reason: `only ${APP_ORIGIN} is served` };

  const rawPath = parsed.pathname;
  if (rawPath.includes('\\')) return { ok: false, status: 400, reason: 'backslash in the path' };
  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (/[/\\\0:]/.test(segment)) return { ok: false, status: 400, reason: 'encoded separator, NUL or colon in the path' };
    if (segment === '.' || segment === '..') return { ok: false, status: 400, reason: 'dot segment in the path' };
    if (segment.startsWith('.')) return { ok: false, status: 404, reason: 'hidden files are not served' };
    segments.push(segment);
  }
  // '/' and folders mean their index.html; empty segments ('//') say nothing.
  if (segments.length === 0 || segments.at(-1) === '') segments.push('index.html');
  const parts = segments.filter((segment) => segment !== '');

  const base = resolve(root);
  const path = resolve(base, ...parts);
  if (!isInside(base, path)) return { ok: false, status: 403, reason: 'outside the app folder' };
  return { ok: true, path, contentType: contentTypeOf(path) };
}

export function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
