// evidence.company_calendar in server.json (team-server/config/server-config.ts): absent is off; a
// provider of the two the server reads, an https api_url at most, and the company's identity provider
// to grant it. Each refusal is one sentence naming the key it is about.
import { describe, expect, it } from 'vitest';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';

const OIDC = { issuer: 'https://login.example.com', client_id: 'punchcard', client_secret_env: 'PUNCHCARD_OIDC_SECRET' };

function configWith(evidence: unknown, signIn: Record<string, unknown> = { oidc: OIDC, organisation: { key_env: 'PUNCHCARD_ORGANISATION_KEY' } }) {
  return serverConfigFromText(
    JSON.stringify({
      public_url: 'https://punchcard.example.com',
      provider: { type: 'clockify' },
      sign_in: signIn,
      store: 'sqlite:/var/lib/punchcard/server.db',
      key_env: 'PUNCHCARD_SERVER_KEY',
      ...(evidence === undefined ? {} : { evidence }),
    }),
    'server.json',
  );
}

function problemOf(evidence: unknown, signIn?: Record<string, unknown>): string {
  const result = configWith(evidence, signIn);
  if (result.ok) throw new Error(`Taken: ${JSON.stringify(evidence)}`);
  return result.problem;
}

describe('evidence.company_calendar', () => {
  it('is off when absent, and takes either provider with or without an api_url', () => {
    const off = configWith(undefined);
    expect(off.ok && off.config.evidence?.company_calendar).toBeFalsy();
    for (const provider of ['microsoft', 'google']) {
      const on = configWith({ company_calendar: { provider } });
      expect(on.ok && on.config.evidence?.company_calendar?.provider).toBe(provider);
    }
    const sovereign = configWith({ company_calendar: { provider: 'microsoft', api_url: 'https://graph.microsoft.us/v1.0' } });
    expect(sovereign.ok && sovereign.config.evidence?.company_calendar?.api_url).toBe('https://graph.microsoft.us/v1.0');
  });

  it('refuses another provider, naming the two it reads', () => {
    expect(problemOf({ company_calendar: { provider: 'outlook' } })).toMatch(/evidence\.company_calendar\.provider.*"microsoft".*"google"/s);
  });

  it('refuses an api_url that is not https', () => {
    expect(problemOf({ company_calendar: { provider: 'google', api_url: 'http://calendar.example.com' } })).toMatch(
      /evidence\.company_calendar\.api_url.*https:\/\//s,
    );
  });

  it('refuses an unknown key, in the calendar and beside it', () => {
    expect(problemOf({ company_calendar: { provider: 'google', calendarId: 'boss@example.com' } })).toMatch(/calendarId/);
    expect(problemOf({ company_calendar: { provider: 'google' }, ics: 'https://x' })).toMatch(/ics/);
  });

  it('refuses a provider without the company sign-in, saying why', () => {
    expect(problemOf({ company_calendar: { provider: 'microsoft' } }, { tracker: true })).toMatch(/evidence\.company_calendar.*needs sign_in\.oidc/s);
  });
});
