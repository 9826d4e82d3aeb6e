// "Does Punchcard reach my Kimai?" answered with one verdict that tells apart the things a person
// fixes differently: a wrong URL, a server that cannot be reached, a bad token, a missing
// permission, a certificate problem. Used by `punchcard-mcp --test-connection`, by the whoami tool,
// and (through the engine's public modules) by the app's account screen.
import { KimaiError, type KimaiFailure } from './errors.ts';
import type { KimaiHttp } from './http-client.ts';
import type { KimaiTimesheetConfig, KimaiUser, KimaiVersion } from './wire.ts';
import { isObject } from './wire.ts';

export type ConnectionVerdict =
  | 'ok'
  | 'wrong_url'
  | 'unreachable'
  | 'bad_token'
  | 'no_token'
  | 'no_permission'
  | 'tls'
  | 'server_error'
  | 'misconfigured'
  /** Punchcard itself failed while testing (an answer it could not read); the message says what. */
  | 'error';

export interface ConnectionReport {
  ok: boolean;
  verdict: ConnectionVerdict;
  /** One or two sentences for a person; never contains the token. */
  message: string;
  version?: string;
  user?: { name: string; timezone: string };
  trackingMode?: string;
  absences?: AbsencePlugin;
}

export type AbsencePlugin = 'present' | 'absent' | 'forbidden';

const VERDICTS: Record<KimaiFailure, ConnectionVerdict> = {
  no_token: 'no_token',
  bad_token: 'bad_token',
  forbidden: 'no_permission',
  not_found: 'wrong_url',
  not_kimai: 'wrong_url',
  validation: 'server_error',
  restricted: 'no_permission',
  bad_request: 'server_error',
  rate_limited: 'server_error',
  server_error: 'server_error',
  timeout: 'unreachable',
  unreachable: 'unreachable',
  tls: 'tls',
  config: 'misconfigured',
};

export async function testConnection(http: KimaiHttp): Promise<ConnectionReport> {
  try {
    // /version needs valid credentials (§2.4): one request tells a Kimai with a bad token (401) from
    // a server that is not Kimai (HTML or a 404 of its own).
    const version = await http.request<KimaiVersion>({ method: 'GET', path: '/version', purpose: { action: 'read the Kimai version', notFound: notKimai(http.baseUrl) } });
    if (!isObject(version.data) || typeof version.data.version !== 'string') {
      return { ok: false, verdict: 'wrong_url', message: notKimai(http.baseUrl) };
    }
    const [me, config] = await Promise.all([
      http.request<KimaiUser>({ method: 'GET', path: '/users/me', purpose: { action: 'read your Kimai profile' } }),
      http.request<KimaiTimesheetConfig>({ method: 'GET', path: '/config/timesheet', purpose: { action: 'read the timesheet settings' } }),
    ]);
    const absences = await probeAbsencePlugin(http);
    const name = me.data.alias || me.data.username;
    const mode = config.data.trackingMode;
    const plugin = absences === 'present' ? 'absence plugin available' : absences === 'forbidden' ? 'absence plugin installed, but your account may not use it' : 'no absence plugin';
    return {
      ok: true,
      verdict: 'ok',
      message: `Connected to Kimai ${version.data.version} at ${http.baseUrl} as ${name} (${me.data.timezone}); tracking mode ${mode}; ${plugin}.`,
      version: version.data.version,
      user: { name, timezone: me.data.timezone },
      trackingMode: mode,
      absences,
    };
  } catch (error) {
    if (!(error instanceof KimaiError)) throw error;
    return { ok: false, verdict: VERDICTS[error.failure], message: error.message };
  }
}

/**
 * Whether the absence plugin is there. Its routes 404 on a Kimai without it (§13.3); probing its
 * type list is cheap and needs no dates. A 403 means installed but not for this account: the leave
 * tools would only fail, so they stay off.
 */
export async function probeAbsencePlugin(http: KimaiHttp): Promise<AbsencePlugin> {
  try {
    await http.request({ method: 'GET', path: '/absences/types', purpose: { action: 'look for the absence plugin' } });
    return 'present';
  } catch (error) {
    if (error instanceof KimaiError && (error.failure === 'not_found' || error.failure === 'not_kimai')) return 'absent';
    if (error instanceof KimaiError && error.failure === 'forbidden') return 'forbidden';
    throw error;
  }
}

function notKimai(baseUrl: string): string {
  return `${baseUrl} does not look like a Kimai server (no /api/version there). Check the URL: it is the address of your Kimai, such as https://kimai.example.com.`;
}
