// Guards for every web page the app ever creates (docs/electron.md, "Window hardening"): no
// navigation away from the app's own origin, no new windows (a few allow-listed https pages open in
// the person's browser instead), no <webview>, and no web permission of any kind — the window needs
// none; notifications come from main.
import { app, session, shell, type Session, type WebContents } from 'electron';
import { BACK_ENDS } from '../../mcp-server/contract/back-ends.ts';
import { isAppOrigin } from './app-files.ts';

/**
 * The only sites a link in the window may open, in the person's browser. https only: the hosts of the
 * Account screen's help links (main/ipc/handlers/preferences.ts LINKS), where each back end's
 * descriptor says its secret is made.
 */
export const EXTERNAL_HOSTS: readonly string[] = BACK_ENDS.flatMap((backEnd) => (backEnd.secret ? [new URL(backEnd.secret.help.url).hostname] : []));

/** True for https URLs on an allow-listed host, without credentials or an unusual port. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.includes(parsed.hostname)
  );
}

/** The schemes of the install links AI clients register (mcp-server/clients/snippets.ts builds them). */
export const CLIENT_LINK_SCHEMES: readonly string[] = ['vscode:', 'vscode-insiders:', 'cursor:', 'lmstudio:'];

/**
 * What main may hand to the operating system: an allow-listed https page, or an AI client's own
 * install link. Main only ever opens URLs it built itself; this is the last check before the OS.
 */
export function isOpenableUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (isAllowedExternalUrl(url) || CLIENT_LINK_SCHEMES.includes(parsed.protocol));
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The handlers for one page; exported so they can be checked on a fake webContents. */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => Promise<void> = (url) => shell.openExternal(url)): void {
  const stayOnAppOrigin = (event: { url: string; preventDefault(): void }) => {
    if (!isAppOrigin(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppOrigin);
  contents.on('will-frame-navigate', stayOnAppOrigin);
  contents.on('will-redirect', stayOnAppOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => console.error(`Could not open ${url}:`, error));
    }
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check, and every device, for a session. */
export function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Call once when the app is ready, before the first window: every webContents created from then on
 * is hardened, and the default session refuses all permissions.
 */
export function setupHardening(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  denyPermissions(session.defaultSession);
}
