// The window's pages come from app://punchcard/…, a privileged custom scheme served from the built
// renderer folder (docs/electron.md, "The app:// protocol"), with a strict Content-Security-Policy
// header on every answer. The rules themselves (origin, policy, path resolver) are in app-files.ts.
import { readFile, realpath, stat } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isInside, resolveAppRequest } from './app-files.ts';

export { APP_ENTRY_URL, APP_HOST, APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeOf, resolveAppRequest, type AppRequest } from './app-files.ts';

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Answers one app:// request from root: the file, or 400/403/404/405 with the reason. */
export async function appResponse(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'only GET and HEAD');
  const target = resolveAppRequest(request.url, root);
  if (!target.ok) return refusal(target.status, target.reason);
  try {
    // A symbolic link inside the folder must not lead out of it.
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target.path)]);
    if (!isInside(realRoot, realTarget)) return refusal(403, 'outside the app folder');
    if (!(await stat(realTarget)).isFile()) return refusal(404, 'not found');
    const body = request.method === 'HEAD' ? null : await readFile(realTarget);
    return new Response(body, { status: 200, headers: securityHeaders(target.contentType) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refusal(404, 'not found');
    return refusal(500, 'cannot read the file');
  }
}

/** Before app 'ready': app:// behaves like https (standard URLs, secure context, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After 'ready': serve app:// from the built renderer folder (AppPaths.rendererRoot). */
export function serveAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, root));
}
