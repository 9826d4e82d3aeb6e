// The fake Tempo and Jira against the facts they follow (docs/back-ends/tempo.md), over plain HTTP: each service takes
// its own secret alone (Tempo a bearer, Jira Basic with the e-mail), Tempo's 401 and 403 as web pages and a scope the
// token lacks, both shapes of its 400, paging by offset with its metadata (and a page size of its own), a PUT that
// replaces the whole worklog, a DELETE's 204, required attributes and static lists' values, a submitted period that
// takes no worklog, the 5 requests a second; Jira's issue by a key in any case and a moved one's old key, its search
// with a key it does not show (400, or the rest alone), the retired search's 410, and the bulk list of users.
import { afterEach, describe, expect, it } from 'vitest';
import { movableClockStartingAt } from '../../../support/fake-clock.ts';
import { ADA, addIssues, addWorklog, BOB, type FakeTempo, type FakeTempoOptions, LEA, startFakeTempo, TOKENS } from './fake-tempo.ts';

const NOW = '2026-11-18T08:00:00+01:00';
let fake: FakeTempo | undefined;
afterEach(async () => fake?.close());

async function started(options: FakeTempoOptions = {}) {
  fake = await startFakeTempo({ now: movableClockStartingAt(NOW), perSecond: null, ...options });
  const [website, internal] = addIssues(fake, { key: 'WEB', name: 'Website' }, [
    { summary: 'Fix login', assignee: ADA, oldKeys: ['OLD-3'] },
    { summary: 'Docs', assignee: ADA, done: true },
  ]);
  return { fake, website: website?.id ?? 0, internal: internal?.id ?? 0 };
}

const BEARER = { Authorization: `Bearer ${TOKENS.ada.tempo}` };
const BASIC = { Authorization: `Basic ${Buffer.from(`ada@example.com:${TOKENS.ada.jira}`).toString('base64')}` };

async function send(base: 'tempo' | 'jira', path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const origin = base === 'tempo' ? fake?.tempoUrl : fake?.siteUrl;
  const response = await fetch(`${origin}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.headers ?? (base === 'tempo' ? BEARER : BASIC)), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Record<string, unknown>, type: response.headers.get('content-type') ?? '' };
}

const input = (issueId: number, more: Record<string, unknown> = {}) => ({
  authorAccountId: ADA,
  issueId,
  startDate: '2026-11-17',
  startTime: '09:00:00',
  timeSpentSeconds: 3600,
  description: 'Work',
  attributes: [],
  ...more,
});

describe('the fake Tempo and Jira', () => {
  it('each takes its own secret alone: Tempo a bearer, Jira Basic with the e-mail; Tempo refuses with a web page', async () => {
    await started();
    expect((await send('tempo', '/4/work-attributes')).status).toBe(200);
    expect((await send('jira', '/rest/api/3/myself')).json).toMatchObject({ accountId: ADA, timeZone: 'Europe/Berlin' });
    const tempoWithJira = await send('tempo', '/4/work-attributes', { headers: BASIC });
    expect([tempoWithJira.status, tempoWithJira.type]).toEqual([401, 'text/html; charset=utf-8']);
    expect((await send('jira', '/rest/api/3/myself', { headers: BEARER })).status).toBe(401);
    expect(
      (
        await send('jira', '/rest/api/3/myself', {
          headers: { Authorization: `Basic ${Buffer.from(`bob@example.com:${TOKENS.ada.jira}`).toString('base64')}` },
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a scope the token lacks with a web page (403), and answers what it has', async () => {
    const { fake: tempo } = await started();
    const ada = tempo.state.users.find((user) => user.accountId === ADA);
    if (ada) ada.scopes = ['Worklogs'];
    const schedule = await send('tempo', '/4/user-schedule?from=2026-11-16&to=2026-11-17');
    expect([schedule.status, schedule.type]).toEqual([403, 'text/html; charset=utf-8']);
    expect((await send('tempo', `/4/worklogs/user/${ADA}?from=2026-11-16&to=2026-11-17`)).status).toBe(200);
  });

  it("pages a person's worklogs by offset and limit, with a next link on its own origin, and keeps a page size of its own where told", async () => {
    const { fake: tempo, website } = await started({ pageCap: 2 });
    for (let hour = 8; hour < 13; hour++)
      addWorklog(tempo, {
        author: ADA,
        issueId: website,
        start: Date.parse(`2026-11-17T${String(hour).padStart(2, '0')}:00:00+01:00`),
        end: Date.parse(`2026-11-17T${String(hour).padStart(2, '0')}:30:00+01:00`),
      });
    addWorklog(tempo, { author: BOB, issueId: website, start: Date.parse('2026-11-17T08:00:00+01:00'), end: Date.parse('2026-11-17T09:00:00+01:00') });
    const first = await send('tempo', `/4/worklogs/user/${ADA}?from=2026-11-17&to=2026-11-17&offset=0&limit=1000`);
    expect(first.json.metadata).toEqual({
      count: 2,
      offset: 0,
      limit: 2,
      next: expect.stringMatching(new RegExp(`^${tempo.tempoUrl}/4/worklogs/user/.*offset=2`)),
    });
    const last = await send('tempo', `/4/worklogs/user/${ADA}?from=2026-11-17&to=2026-11-17&offset=4&limit=1000`);
    expect(last.json.metadata).toEqual({ count: 1, offset: 4, limit: 2 });
    // The general list shows a lead's (or anyone's) colleagues' worklogs too: Punchcard names the person.
    expect((await send('tempo', '/4/worklogs?from=2026-11-17&to=2026-11-17&limit=50')).json.results).toHaveLength(2);
    expect((await send('tempo', `/4/worklogs/user/${BOB}?from=2026-11-17&to=2026-11-17`)).status).toBe(403);
  });

  it('answers a 400 in the shape asked: the list clients quote, or the object its documentation shows', async () => {
    const list = await started();
    expect((await send('tempo', '/4/worklogs', { method: 'POST', body: { ...input(list.website), issueId: undefined, issueKey: 'WEB-1' } })).json).toEqual({
      errors: [{ message: 'Issue id cannot be null.' }],
    });
    await list.fake.close();
    const object = await started({ errorShape: 'object' });
    expect((await send('tempo', '/4/worklogs', { method: 'POST', body: input(object.website, { startDate: '17.11.2026' }) })).json).toEqual({
      errors: { message: "'startDate' must be valid on the format: 'yyyy-MM-dd'" },
    });
  });

  it("checks required attributes and a static list's stored values, and replaces the whole worklog on PUT", async () => {
    const { fake: tempo, website } = await started();
    tempo.state.attributes.push({ key: '_WorkType_', name: 'Work Type', type: 'STATIC_LIST', required: true, names: { dev: 'Development' } });
    expect((await send('tempo', '/4/worklogs', { method: 'POST', body: input(website) })).json).toEqual({
      errors: [{ message: 'Work attribute Work Type (_WorkType_) is required' }],
    });
    expect(
      (await send('tempo', '/4/worklogs', { method: 'POST', body: input(website, { attributes: [{ key: '_WorkType_', value: 'Development' }] }) })).status,
    ).toBe(400);
    const made = await send('tempo', '/4/worklogs', { method: 'POST', body: input(website, { attributes: [{ key: '_WorkType_', value: 'dev' }] }) });
    const id = made.json.tempoWorklogId as number;
    tempo.state.attributes[0] = { ...(tempo.state.attributes[0] as (typeof tempo.state.attributes)[number]), required: false };
    const replaced = await send('tempo', `/4/worklogs/${id}`, { method: 'PUT', body: { ...input(website), description: undefined } });
    expect(replaced.json).toMatchObject({ description: '', attributes: { values: [] } });
    const deleted = await send('tempo', `/4/worklogs/${id}`, { method: 'DELETE' });
    expect([deleted.status, deleted.text]).toEqual([204, '']);
  });

  it('takes no worklog into a submitted period; the reviewer decides it, never its person', async () => {
    const { fake: tempo, website } = await started();
    tempo.state.reviewers = { [ADA]: [LEA] };
    expect(
      (await send('tempo', `/4/timesheet-approvals/user/${ADA}/submit?from=2026-11-09&to=2026-11-15`, { method: 'POST', body: { reviewerAccountId: LEA } }))
        .json,
    ).toMatchObject({
      status: { key: 'IN_REVIEW' },
      period: { from: '2026-11-09', to: '2026-11-15' },
    });
    expect((await send('tempo', '/4/worklogs', { method: 'POST', body: input(website, { startDate: '2026-11-10' }) })).status).toBe(400);
    expect((await send('tempo', `/4/timesheet-approvals/user/${ADA}/approve?from=2026-11-09`, { method: 'POST', body: {} })).status).toBe(403);
    const lea = { Authorization: `Bearer ${TOKENS.lea.tempo}` };
    expect((await send('tempo', '/4/timesheet-approvals/waiting', { headers: lea })).json.results).toHaveLength(1);
    expect((await send('tempo', `/4/timesheet-approvals/user/${ADA}/approve?from=2026-11-09`, { method: 'POST', body: {}, headers: lea })).json).toMatchObject({
      status: { key: 'APPROVED', actor: { accountId: LEA } },
    });
  });

  it('takes 5 requests a second from a token, then a 429 (with a Retry-After only where told)', async () => {
    await started({ perSecond: 5, retryAfter: 2 });
    const statuses = [];
    for (let request = 0; request < 6; request++) statuses.push((await send('tempo', '/4/work-attributes')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('finds an issue by its key in any case, a moved one by its old key, by its number; searches only the JQL Punchcard sends', async () => {
    const { website } = await started();
    expect((await send('jira', '/rest/api/3/issue/web-1?fields=summary,project,status')).json).toMatchObject({
      id: String(website),
      key: 'WEB-1',
      fields: { summary: 'Fix login' },
    });
    expect((await send('jira', '/rest/api/3/issue/OLD-3')).json).toMatchObject({ key: 'WEB-1' });
    expect((await send('jira', `/rest/api/3/issue/${website}`)).json).toMatchObject({ key: 'WEB-1' });
    expect((await send('jira', '/rest/api/3/issue/NOPE-1')).json).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
    const open = await send('jira', '/rest/api/3/search/jql', {
      method: 'POST',
      body: { jql: 'assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC', fields: ['summary'], maxResults: 100 },
    });
    expect(open.json).toEqual({ issues: [{ id: String(website), key: 'WEB-1', self: expect.any(String), fields: { summary: 'Fix login' } }], isLast: true });
    const unknown = await send('jira', '/rest/api/3/search/jql', { method: 'POST', body: { jql: 'key in (WEB-1, NOPE-1)', fields: ['summary'] } });
    expect(unknown.status).toBe(400);
    expect((await send('jira', '/rest/api/3/search?jql=project%3DWEB')).status).toBe(410);
    expect((await send('jira', `/rest/api/3/user/bulk?accountId=${encodeURIComponent(BOB)}&accountId=${encodeURIComponent(LEA)}`)).json.values).toEqual([
      expect.objectContaining({ accountId: BOB, displayName: 'Bob Builder' }),
      expect.objectContaining({ accountId: LEA, displayName: 'Lea Lead' }),
    ]);
  });

  it('leaves a key it does not show out of a search where told, and pages a search by its token', async () => {
    const { fake: tempo } = await started({ unknownInJql: 'skip' });
    addIssues(
      tempo,
      { key: 'OPS', name: 'Operations' },
      Array.from({ length: 3 }, (_, index) => ({ summary: `Task ${index}`, assignee: ADA })),
    );
    expect((await send('jira', '/rest/api/3/search/jql', { method: 'POST', body: { jql: 'key in (WEB-1, NOPE-1)', fields: [] } })).json.issues).toHaveLength(1);
    const first = await send('jira', '/rest/api/3/search/jql', {
      method: 'POST',
      body: { jql: 'assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC', fields: ['summary'], maxResults: 2 },
    });
    expect(first.json).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    const next = await send('jira', '/rest/api/3/search/jql', {
      method: 'POST',
      body: {
        jql: 'assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC',
        fields: ['summary'],
        maxResults: 2,
        nextPageToken: first.json.nextPageToken,
      },
    });
    expect(next.json).toMatchObject({ isLast: true });
    expect((next.json.issues as unknown[]).length + (first.json.issues as unknown[]).length).toBe(4);
  });
});
