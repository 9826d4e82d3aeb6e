// What admin check says about evidence.company_calendar (team-server/auth/calendar/calendar-setup.ts):
// a provider that is not the sign-in's is a problem in a sentence; a matching one says what the
// administrator grants once, in the provider's own words, with the callback to register.
import { describe, expect, it } from 'vitest';
import { calendarSetupFinding } from '../../../team-server/auth/calendar/calendar-setup.ts';

const config = (provider: 'microsoft' | 'google', issuer: string) => ({
  public_url: 'https://punchcard.example.com',
  sign_in: { tracker: false, development: false, oidc: { issuer, client_id: 'punchcard-app' } },
  evidence: { company_calendar: { provider } },
});

describe('admin check on the company calendar', () => {
  it('says nothing where the calendar is off', () => {
    expect(calendarSetupFinding({ ...config('microsoft', 'https://login.example.com'), evidence: {} })).toBeUndefined();
  });

  it("tells the Entra ID administrator to grant admin consent to delegated Calendars.ReadBasic and offline_access on the sign-in's registration", () => {
    const finding = calendarSetupFinding(config('microsoft', 'https://login.microsoftonline.com/0d5b2b5e-1111-4c1b-9b7b-3f2a1c0d9e8f/v2.0'));
    expect(finding?.ok).toBe(true);
    expect(finding?.said).toMatch(
      /the registration punchcard-app, API permissions: add Microsoft Graph's delegated Calendars\.ReadBasic and offline_access, then "Grant admin consent"/,
    );
    expect(finding?.said).toContain('https://punchcard.example.com/account/calendar/callback');
  });

  it('tells the Google administrator to make the consent screen Internal, enable the Calendar API and add the owned-events scope', () => {
    const finding = calendarSetupFinding(config('google', 'https://accounts.google.com'));
    expect(finding?.ok).toBe(true);
    expect(finding?.said).toMatch(
      /user type to Internal .*enable the Google Calendar API, add the scope https:\/\/www\.googleapis\.com\/auth\/calendar\.events\.owned\.readonly/,
    );
  });

  it('is a problem where the provider is not the one people sign in with', () => {
    expect(calendarSetupFinding(config('microsoft', 'https://accounts.google.com'))).toEqual({
      ok: false,
      subject: 'company calendar',
      said: "evidence.company_calendar is microsoft, but people sign in at https://accounts.google.com, which is not Microsoft Entra ID (https://login.microsoftonline.com/<tenant>/v2.0); each person's calendar grant goes to the provider they sign in with, so sign_in.oidc must be your tenant's Entra ID",
    });
    expect(calendarSetupFinding(config('google', 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0'))?.ok).toBe(false);
    expect(calendarSetupFinding(config('google', 'https://keycloak.example.com/realms/acme'))?.said).toMatch(/not Google/);
  });
});
