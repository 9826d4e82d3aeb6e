// The reads every Kimai conversation starts with, shared by the tracker and the connection test: the
// server's version, the person and the timesheet settings (kimai.md §2.4, §9.1, §7.7).
import { allSettled } from '../http/cache.ts';
import { isObject } from '../http/wire.ts';
import { KimaiError } from './errors.ts';
import type { KimaiHttp } from './http-client.ts';
import type { KimaiTimesheetConfig, KimaiUser } from './wire.ts';

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
  throw new KimaiError('wrong_service', notKimai, response.status);
}

/** The person behind the token: their id, name, roles and the zone of their Kimai profile. */
export async function readMe(http: KimaiHttp): Promise<KimaiUser> {
  return (await http.request<KimaiUser>({ method: 'GET', path: '/users/me', purpose: { action: 'read your Kimai profile' } })).data;
}

/** How this Kimai records time (the tracking mode, the running-timer limit). */
export async function readTimesheetConfig(http: KimaiHttp): Promise<KimaiTimesheetConfig> {
  return (await http.request<KimaiTimesheetConfig>({ method: 'GET', path: '/config/timesheet', purpose: { action: 'read the timesheet settings' } })).data;
}

/** Both reads, settled together; when both fail the profile's error is reported. */
export async function bothSettled(me: Promise<KimaiUser>, config: Promise<KimaiTimesheetConfig>): Promise<Session> {
  const [profile, settings] = await allSettled([me, config]);
  return { me: profile, config: settings };
}

export function readSession(http: KimaiHttp): Promise<Session> {
  return bothSettled(readMe(http), readTimesheetConfig(http));
}

/** The name a person goes by in Kimai: the alias when one is set. */
export function personName(user: KimaiUser): string {
  return user.alias || user.username;
}
