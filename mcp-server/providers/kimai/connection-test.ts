// "Does Punchcard reach my Kimai?" answered with one verdict that tells apart the things a person
// fixes differently: a wrong URL, a server that cannot be reached, a bad token, a missing
// permission, a certificate problem. Used by `punchcard-mcp --test-connection`, by the whoami tool,
// and (through the engine's public modules) by the app's account screen.
import { KimaiError, type KimaiFailure } from './errors.ts';
import type { KimaiHttp } from './http-client.ts';
import { personName, readSession, readVersion } from './session.ts';

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
    // The version first: it alone tells a wrong URL and a bad token apart.
    const version = await readVersion(http);
    const { me, config } = await readSession(http);
    const absences = await probeAbsencePlugin(http);
    const name = personName(me);
    const mode = config.trackingMode;
    const plugin = absences === 'present' ? 'absence plugin available' : absences === 'forbidden' ? 'absence plugin installed, but your account may not use it' : 'no absence plugin';
    return {
      ok: true,
      verdict: 'ok',
      message: `Connected to Kimai ${version} at ${http.baseUrl} as ${name} (${me.timezone}); tracking mode ${mode}; ${plugin}.`,
      version,
      user: { name, timezone: me.timezone },
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
