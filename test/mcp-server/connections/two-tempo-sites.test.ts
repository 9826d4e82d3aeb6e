// Several trackers over two Tempo Timesheets sites (alpha, the default, and beta) with one Atlassian login, through the
// engine in process against two fakes (docs/several-trackers.md): an issue key both sites show names no connection,
// and is refused with nothing booked on either, never guessed; a key only one site shows, beyond its listing of the
// person's open issues, books there alone. The one Jira API token serves both sites (one login); each Tempo token goes
// to its own site's Tempo host alone.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { refusalOf, textOf } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { addIssues, startFakeTempo, TOKENS } from '../providers/tempo/fake-tempo.ts';
import { seedAcme } from '../providers/tempo/request-scenario.ts';
import { NOW, startTrackers } from './remote-trackers.ts';

const opened = closeAfterEach();

async function twoSites() {
  const alpha = opened(await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null }));
  const beta = opened(await startFakeTempo({ now: clockStartingAt(NOW), perSecond: null }));
  seedAcme(alpha);
  seedAcme(beta);
  // Beta's OPS-1 is nobody's: not among the open issues assigned to Ada, found by its key alone.
  const [deploy] = addIssues(beta, { key: 'OPS', name: 'Operations' }, [{ summary: 'Deploy' }]);
  const profile = (fake: typeof alpha) => ({ type: 'tempo', url: fake.siteUrl, email: 'ada@example.com', tempoUrl: fake.tempoUrl });
  const engine = opened(
    await startTrackers(
      { provider: { name: 'alpha', ...profile(alpha) }, trackers: [{ name: 'beta', ...profile(beta) }] },
      {
        PUNCHCARD_TRACKER_ALPHA_TOKEN: TOKENS.ada.tempo,
        PUNCHCARD_TRACKER_BETA_TOKEN: TOKENS.ada.tempo,
        PUNCHCARD_JIRA_TOKEN: TOKENS.ada.jira,
        PUNCHCARD_TEMPO_PER_SECOND: '1000',
      },
    ),
  );
  const booked = (fake: typeof alpha) => fake.requests.filter((request) => request.method === 'POST' && request.path === '/4/worklogs');
  return { alpha, beta, engine, booked, deployId: deploy?.id };
}

describe('two Tempo Timesheets sites, one Atlassian login', () => {
  it('refuses an issue key both sites show, booking on neither; a key only beta shows books on beta alone', async () => {
    const { alpha, beta, engine, booked, deployId } = await twoSites();
    const refused = await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'WEB-1' });
    expect(refusalOf(refused)).toEqual({ code: 'tracker_required', facts: { tool: 'log_time', why: 'ambiguous_project', trackers: ['alpha', 'beta'] } });
    expect(textOf(refused)).toMatch(/Nothing was sent\.$/);
    expect([booked(alpha), booked(beta)]).toEqual([[], []]);

    const logged = await engine.call('log_time', { date: '2026-11-17', duration: '1h', project: 'ops-1', description: 'only beta has it' });
    expect(logged.isError, textOf(logged)).toBeFalsy();
    expect(logged.structuredContent?.tracker).toBe('beta');
    expect(booked(alpha)).toEqual([]);
    expect(booked(beta).map((request) => JSON.parse(request.body))).toEqual([expect.objectContaining({ issueId: deployId, description: 'only beta has it' })]);
    // Each Tempo host was sent its own site's Tempo token alone, and each site the one Jira login.
    for (const fake of [alpha, beta])
      for (const request of fake.requests)
        expect(request.headers.authorization).toBe(
          request.service === 'tempo' ? `Bearer ${TOKENS.ada.tempo}` : `Basic ${Buffer.from(`ada@example.com:${TOKENS.ada.jira}`).toString('base64')}`,
        );
  });
});
