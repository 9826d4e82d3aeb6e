// Whose a Tempo connection is (docs/several-trackers.md, "Whose a connection is"; docs/back-ends/tempo.md, "The
// person"): the accountId Jira's /myself answers for the e-mail and Jira API token, read afresh each time it is asked
// (another token may have been saved meanwhile), with nothing asked of Tempo; two logins on one site are two people.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteTracker } from '../../../../mcp-server/providers/create-tracker.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { clockStartingAt } from '../../../support/fake-clock.ts';
import { ADA, BOB, type FakeTempo, startFakeTempo, TOKENS } from './fake-tempo.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function trackerOf(fake: FakeTempo, email: string, tokens: { tempo: string; jira: string }): Promise<RemoteTracker> {
  const dir = mkdtempSync(join(tmpdir(), 'punchcard-tempo-person-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const tracker = await createRemoteTracker({
    profile: { type: 'tempo', url: fake.siteUrl, email, tempoUrl: fake.tempoUrl },
    userDataDir: dir,
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map(),
    timezone: () => 'Europe/Berlin',
    now: () => Date.parse(NOW),
    log: () => {},
    env: { PUNCHCARD_TEMPO_TOKEN: tokens.tempo, PUNCHCARD_JIRA_TOKEN: tokens.jira, PUNCHCARD_TEMPO_PER_SECOND: '1000' },
  });
  cleanups.push(() => tracker.close());
  return tracker;
}

describe('whose a Tempo connection is', () => {
  it("is the accountId Jira's /myself answers for the login, read afresh each time, nothing asked of Tempo", async () => {
    const fake = await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null });
    cleanups.push(() => fake.close());
    const ada = await trackerOf(fake, 'ada@example.com', TOKENS.ada);
    expect(ada.account.personId).toBeTypeOf('function');
    expect(await ada.account.personId?.()).toBe(ADA);
    expect(await ada.account.personId?.()).toBe(ADA);
    expect(fake.requests.map((request) => `${request.service} ${request.path}`)).toEqual(['jira /rest/api/3/myself', 'jira /rest/api/3/myself']);
    // Another login at the same site is another person.
    const bob = await trackerOf(fake, 'bob@example.com', TOKENS.bob);
    expect(await bob.account.personId?.()).toBe(BOB);
  });
});
