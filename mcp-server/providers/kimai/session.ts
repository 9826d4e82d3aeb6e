// The reads every Kimai conversation starts with, shared by the tracker and the connection test: the
// server's version, the person and the timesheet settings (kimai.md §2.4, §9.1, §7.7).
import { KimaiError } from './errors.ts';
import type { KimaiHttp } from './http-client.ts';
import { isObject, type KimaiTimesheetConfig, type KimaiUser } from './wire.ts';

export interface Session {
  me: KimaiUser;
  config: KimaiTimesheetConfig;
}

/**
 * Kimai's version. /version needs valid credentials (§2.4), so this one request tells a Kimai with a
 * bad token (401) from a server that is not Kimai (HTML, a 404 of its own, or other JSON).
 */
export async function readVersion(http: KimaiHttp): Promise<string> {
  const notKimai =
    `${http.baseUrl} does not look like a Kimai server (no /api/version there). ` +
    'Check the URL: it is the address of your Kimai, such as https://kimai.example.com.';
  const response = await http.request<unknown>({ method: 'GET', path: '/version', purpose: { action: 'read the Kimai version', notFound: notKimai } });
  if (isObject(response.data) && typeof response.data.version === 'string') return response.data.version;
  throw new KimaiError('not_kimai', notKimai, response.status);
}

/**
 * The two reads go out together, and both settle before the session fails: a call's answer never
 * leaves one of its requests still in flight (where it would outlive the call, or overlap the next
 * call's own attempt), and when both fail the profile's error is reported, whichever came first.
 */
export async function readSession(http: KimaiHttp): Promise<Session> {
  const [me, config] = await Promise.allSettled([
    http.request<KimaiUser>({ method: 'GET', path: '/users/me', purpose: { action: 'read your Kimai profile' } }),
    http.request<KimaiTimesheetConfig>({ method: 'GET', path: '/config/timesheet', purpose: { action: 'read the timesheet settings' } }),
  ]);
  if (me.status === 'rejected') throw me.reason;
  if (config.status === 'rejected') throw config.reason;
  return { me: me.value.data, config: config.value.data };
}

/** The name a person goes by in Kimai: the alias when one is set. */
export function personName(user: KimaiUser): string {
  return user.alias || user.username;
}
