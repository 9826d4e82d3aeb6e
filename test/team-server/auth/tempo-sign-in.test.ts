// The team server's sign-in on Tempo Timesheets (team-server/auth/credentials.ts; docs/back-ends/tempo.md, "The team
// server"): each person gives both their tokens and their Atlassian e-mail, checked against the fake Tempo and Jira
// site before anything is kept: the person is Jira's accountId, each token went to its own host alone, a missing Jira
// token is asked for before anything is sent, and a refused one is said as that secret's, in words for this page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkTrackerCredentials } from '../../../team-server/auth/credentials.ts';
import type { ServerProvider } from '../../../team-server/config/server-config.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { ADA, type FakeTempo, startFakeTempo, TOKENS } from '../../mcp-server/providers/tempo/fake-tempo.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function signingIn(): Promise<{
  fake: FakeTempo;
  check: (form: { secret: string; email?: string; secondSecret?: string }) => ReturnType<typeof checkTrackerCredentials>;
}> {
  const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
  cleanups.push(() => fake.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'punchcard-tempo-sign-in-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const provider = { type: 'tempo', url: fake.siteUrl, tempoUrl: fake.tempoUrl } as ServerProvider;
  return {
    fake,
    check: (form) =>
      checkTrackerCredentials(provider, form, { dataDir, env: { PUNCHCARD_TEMPO_PER_SECOND: '1000' }, log: () => {}, now: () => Date.parse(NOW) }),
  };
}

describe("the team server's sign-in on Tempo Timesheets", () => {
  it("takes both tokens and the e-mail: the person is Jira's accountId, each token sent to its own host alone", async () => {
    const { fake, check } = await signingIn();
    const checked = await check({ secret: TOKENS.ada.tempo, email: 'Ada@Example.com', secondSecret: TOKENS.ada.jira });
    expect(checked).toMatchObject({
      ok: true,
      user: { id: ADA, name: 'Ada Lovelace' },
      credentials: { secret: TOKENS.ada.tempo, email: 'ada@example.com', secondSecret: TOKENS.ada.jira },
      identity: `tempo:${fake.siteUrl}:${ADA}`,
    });
    const basic = `Basic ${Buffer.from(`ada@example.com:${TOKENS.ada.jira}`).toString('base64')}`;
    expect(fake.requests.some((request) => request.service === 'tempo')).toBe(true);
    for (const request of fake.requests) expect(request.headers.authorization).toBe(request.service === 'tempo' ? `Bearer ${TOKENS.ada.tempo}` : basic);
  });

  it('asks for the Jira API token before anything is sent, and says a refused one as Jira’s, to be entered here', async () => {
    const { fake, check } = await signingIn();
    const missing = await check({ secret: TOKENS.ada.tempo, email: 'ada@example.com', secondSecret: '' });
    expect(missing).toEqual({ ok: false, message: 'Enter your Jira API token: one line without spaces, as Jira shows it.' });
    expect(fake.requests).toEqual([]);
    const refused = await check({ secret: TOKENS.ada.tempo, email: 'ada@example.com', secondSecret: 'jira-wrong-0123' });
    expect(refused.ok).toBe(false);
    const message = (refused as { message: string }).message;
    expect(message).toContain('did not accept the e-mail ada@example.com with your Jira API token');
    expect(message).toContain('enter it here');
    expect(message).not.toMatch(/save it in Punchcard|PUNCHCARD_JIRA_TOKEN|jira-wrong-0123/);
    expect(fake.requests.filter((request) => request.service === 'tempo')).toEqual([]);
  });

  it('says a refused Tempo token as Tempo’s', async () => {
    const { check } = await signingIn();
    const refused = await check({ secret: 'tempo-wrong-0123456789', email: 'ada@example.com', secondSecret: TOKENS.ada.jira });
    expect(refused.ok).toBe(false);
    expect((refused as { message: string }).message).toMatch(/^Tempo at 127\.0\.0\.1:\d+ did not accept your Tempo API token/);
  });
});
