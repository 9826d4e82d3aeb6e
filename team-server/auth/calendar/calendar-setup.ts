// What `admin check` says about the company calendar (evidence.company_calendar): whether its provider
// is the one people sign in with (the grant goes to the sign-in's provider, through its registration),
// and what the administrator grants once there, in the provider's own words. Pure: the config in, a
// finding out (admin/check.ts prints it).
import { isLoopbackHost, type ServerConfig } from '../../config/server-config.ts';

export type CalendarFinding = { ok: boolean; subject: 'company calendar'; said: string };

/** Entra ID's issuers (a tenant's, in the public cloud or a national one): https://login.microsoftonline.com/<tenant>/v2.0. */
const ENTRA_ISSUER = /^https:\/\/login\.(?:microsoftonline\.(?:com|us)|partner\.microsoftonline\.cn)\/[^/]+\/v2\.0\/?$/;
const GOOGLE_ISSUER = 'https://accounts.google.com';

export function calendarSetupFinding(config: Pick<ServerConfig, 'evidence' | 'sign_in' | 'public_url'>): CalendarFinding | undefined {
  const calendar = config.evidence?.company_calendar;
  const oidc = config.sign_in.oidc;
  if (!calendar || !oidc) return undefined;
  const subject = 'company calendar';
  const callback = `${new URL(config.public_url).origin}/account/calendar/callback`;
  const issuer = oidc.issuer;
  const trial = URL.canParse(issuer) && isLoopbackHost(new URL(issuer).hostname);
  if (calendar.provider === 'microsoft') {
    if (!ENTRA_ISSUER.test(issuer) && !trial) {
      return {
        ok: false,
        subject,
        said: `evidence.company_calendar is microsoft, but people sign in at ${issuer}, which is not Microsoft Entra ID (https://login.microsoftonline.com/<tenant>/v2.0); each person's calendar grant goes to the provider they sign in with, so sign_in.oidc must be your tenant's Entra ID`,
      };
    }
    return {
      ok: true,
      subject,
      said: `people connect their Microsoft 365 calendar through ${issuer}. Once, in the Microsoft Entra admin center: App registrations, the registration ${oidc.client_id}, API permissions: add Microsoft Graph's delegated Calendars.ReadBasic and offline_access, then "Grant admin consent" for the organisation, so nobody meets an approval page; under Authentication add the Web redirect URI ${callback}`,
    };
  }
  if (issuer.replace(/\/$/, '') !== GOOGLE_ISSUER && !trial) {
    return {
      ok: false,
      subject,
      said: `evidence.company_calendar is google, but people sign in at ${issuer}, which is not Google (${GOOGLE_ISSUER}); each person's calendar grant goes to the provider they sign in with, so sign_in.oidc must be Google's`,
    };
  }
  return {
    ok: true,
    subject,
    said: `people connect their Google Calendar through ${issuer}. Once, in the Google Cloud console project of the OAuth client ${oidc.client_id} (a project of your Workspace organisation): set the OAuth consent screen's user type to Internal (an External app in testing loses every grant after 7 days), enable the Google Calendar API, add the scope https://www.googleapis.com/auth/calendar.events.owned.readonly, and add the redirect URI ${callback} to the client`,
  };
}
