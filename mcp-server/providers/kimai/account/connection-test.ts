// "Does Punchcard reach my Kimai?" answered with one verdict that tells apart the things a person
// fixes differently: a wrong URL, a server that cannot be reached, a bad token, a missing
// permission, a certificate problem. Used by `punchcard-mcp --test-connection` and, through the
// engine, by the app's account screen.
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';
import { isEmail, normalizeEmail } from '../../../contract/back-end-accounts.ts';
import { allSettled } from '../../remote/cache.ts';
import { refusedAsUnavailable } from '../../remote/optional-read.ts';
import { type ConnectionReport as RemoteConnectionReport, failedConnection, RemoteError } from '../../remote/remote-error.ts';
import type { ConnectedUser } from '../../remote-tracker.ts';
import { KimaiError } from '../errors.ts';
import { personName } from '../facts.ts';
import type { AccountEndpoints } from './endpoints.ts';

export type { ConnectionVerdict } from '../../remote/remote-error.ts';

export interface ConnectionReport extends RemoteConnectionReport {
  version?: string;
  user?: ConnectedUser;
  trackingMode?: string;
  absences?: AbsencePlugin;
}

export type AbsencePlugin = 'present' | 'absent' | 'forbidden';

export async function testConnection(api: AccountEndpoints, baseUrl: string): Promise<ConnectionReport> {
  try {
    // The version first: it alone tells a wrong URL and a bad token apart.
    const version = await api.version();
    const [me, config] = await allSettled([api.me(), api.timesheetConfig()]);
    const absences = await probeAbsencePlugin(api);
    const name = personName(me);
    const mode = config.trackingMode;
    const plugin =
      absences === 'present'
        ? 'absence plugin available'
        : absences === 'forbidden'
          ? 'absence plugin installed, but your account may not use it'
          : 'no absence plugin';
    return {
      ok: true,
      verdict: 'ok',
      message: `Connected to Kimai ${version} at ${baseUrl} as ${quotedLine(name)} (${me.timezone}); tracking mode ${mode}; ${plugin}.`,
      version,
      user: {
        id: String(me.id),
        name,
        timezone: me.timezone,
        ...(typeof me.email === 'string' && isEmail(me.email) ? { email: normalizeEmail(me.email) } : {}),
      },
      trackingMode: mode,
      absences,
    };
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    return failedConnection(error);
  }
}

/**
 * Whether the absence plugin is there. Its routes 404 on a Kimai without it; probing its type list
 * is cheap and needs no dates. A 403 means installed but not for this account: the leave tools would
 * only fail, so they stay off. Any refusal as unavailable (providers/remote/optional-read.ts) is
 * the plugin not there for this account; anything else (a web page where the API should be, the
 * server's trouble) is thrown, and leaves what was known.
 */
export async function probeAbsencePlugin(api: Pick<AccountEndpoints, 'absenceTypes'>): Promise<AbsencePlugin> {
  try {
    await api.absenceTypes();
    return 'present';
  } catch (error) {
    if (!refusedAsUnavailable(error)) throw error;
    return error.failure === 'forbidden' ? 'forbidden' : 'absent';
  }
}

/**
 * Whether the ApprovalBundle plugin is there: the person's own status of the week holding `today`, which
 * any account may read where the plugin is installed; its routes 404 on a Kimai without it. A refusal
 * (403, 400) counts as absent too: the approvals tools would only fail. A server out of reach leaves
 * what was known.
 */
export async function probeApprovalPlugin(api: Pick<AccountEndpoints, 'weekStatus'>, today: string): Promise<'present' | 'absent'> {
  try {
    await api.weekStatus({ date: today }, 'look for the ApprovalBundle plugin');
    return 'present';
  } catch (error) {
    if (error instanceof KimaiError && ABSENT_ON.has(error.failure)) return 'absent';
    throw error;
  }
}

const ABSENT_ON: ReadonlySet<string> = new Set(['not_found', 'wrong_service', 'forbidden', 'bad_request']);
