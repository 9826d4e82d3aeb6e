// Requests per tool call on Tempo Timesheets, to Tempo and the Jira site together: a scripted session of every
// everyday tool through the built server over stdio, the fake counting what arrives at both at Tempo's own pace of 5
// requests a second; a warm timer at most one request a call (clock_in none: the timer is Punchcard's own), no warm
// everyday call past three; what a fresh process pays for its first call; that an idle server asks nothing. And what
// every request carries: the Tempo token as a bearer to Tempo alone, the e-mail and Jira token (HTTP Basic) to the site
// alone, neither in an address; every worklog read names the person, never the general list a lead's token would
// widen.
import { describe, expect, it } from 'vitest';
import { TOOL_LIST } from '../../../mcp-server/tools/index.ts';
import { measureSteps } from '../../support/request-counting.ts';
import { describeRequestsPerCall } from '../../support/requests-per-call.ts';
import { ADA, TOKENS } from '../providers/tempo/fake-tempo.ts';
import { COLD_STEPS, startCountingSession, STEPS } from '../providers/tempo/request-scenario.ts';

/** What a person books with every day: the timer, the worklogs, the reports, the catalog, whoami, an agent's time and the day from evidence. */
const EVERYDAY_CAPABILITIES = new Set(['account', 'timer', 'entries', 'entries_edit', 'reports', 'catalog']);
const EVERYDAY = TOOL_LIST.filter((tool) => EVERYDAY_CAPABILITIES.has(tool.capability)).map((tool) => tool.name);

describeRequestsPerCall({
  backEnd: 'Tempo Timesheets',
  start: (options) => startCountingSession(options),
  steps: STEPS,
  coldSteps: COLD_STEPS,
  offered: { tools: EVERYDAY, who: 'a person books with every day on Tempo Timesheets' },
  warmTools: ['timer_status', 'clock_in', 'clock_out'],
});

describe('a warm everyday call on Tempo Timesheets', () => {
  it('costs at most three requests, and a warm timer at most one', () => {
    for (const step of STEPS.slice(1)) expect(step.expected, step.label).toBeLessThanOrEqual(3);
    for (const step of STEPS.filter((item) => /\(warm/.test(item.label))) expect(step.expected, step.label).toBeLessThanOrEqual(1);
  });
});

describe('what every request to Tempo and to the Jira site carries', () => {
  it('each secret to its own host alone and never in an address; every worklog read names the person', async () => {
    const session = await startCountingSession();
    try {
      const steps = [
        { label: 'timer_status', tool: 'timer_status', expected: 3 },
        { label: 'list_catalog', tool: 'list_catalog', expected: 2 },
        { label: 'clock_in', tool: 'clock_in', args: { project: 'web-1' }, expected: 2 },
        { label: 'clock_out', tool: 'clock_out', expected: 1 },
        { label: 'list_time_entries', tool: 'list_time_entries', expected: 1 },
        { label: 'time_report', tool: 'time_report', expected: 3 },
      ];
      for (const step of await measureSteps(session.engine, session.fake.requests, steps)) expect(step.isError, step.text).toBe(false);
      const tempo = session.fake.requests.filter((request) => request.service === 'tempo');
      const jira = session.fake.requests.filter((request) => request.service === 'jira');
      expect(tempo.length).toBeGreaterThan(3);
      expect(jira.length).toBeGreaterThan(1);
      const basic = `Basic ${Buffer.from(`ada@example.com:${TOKENS.ada.jira}`).toString('base64')}`;
      for (const request of tempo) expect(request.headers.authorization).toBe(`Bearer ${TOKENS.ada.tempo}`);
      for (const request of jira) expect(request.headers.authorization).toBe(basic);
      for (const request of session.fake.requests) {
        const sent = `${request.path}${request.query}${request.body}`;
        for (const secret of [TOKENS.ada.tempo, TOKENS.ada.jira]) expect(sent).not.toContain(secret);
        expect(request.headers.authorization ?? '').not.toContain(request.service === 'tempo' ? TOKENS.ada.jira : TOKENS.ada.tempo);
      }
      const reads = tempo.filter((request) => request.method === 'GET' && request.path.startsWith('/4/worklogs'));
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) expect(read.path).toBe(`/4/worklogs/user/${encodeURIComponent(ADA)}`);
      // The old search is gone (410): only search/jql is asked.
      expect(jira.filter((request) => request.path === '/rest/api/3/search')).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
