// Clockify's HTTP answers as refusals (contract/outcomes/remote-clockify.ts): each status and body its
// describer reads, and the records its api and its administration say are gone, against the fake
// Clockify and real sockets.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createClockifyApiClient } from '../../../../mcp-server/providers/clockify/api.ts';
import { adminPeopleEndpoints } from '../../../../mcp-server/providers/clockify/admin-people/endpoints.ts';
import { adminTeamsEndpoints } from '../../../../mcp-server/providers/clockify/admin-teams/endpoints.ts';
import { catalogEndpoints } from '../../../../mcp-server/providers/clockify/catalog/endpoints.ts';
import { timesheetsEndpoints } from '../../../../mcp-server/providers/clockify/timesheets/endpoints.ts';
import { describeHttpFailure, describeNotJson, unreadable } from '../../../../mcp-server/providers/clockify/errors.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { ADA, startFakeClockify } from '../../providers/clockify/fake-clockify.ts';
import { answer, remoteErrorOf } from './refused.ts';

const BASE = 'https://api.clockify.me';
const failing = (status: number, json?: unknown, headers?: Record<string, string>, area: 'tracking' | 'timeOff' = 'tracking') =>
  describeHttpFailure(answer(status, json, headers), { action: 'start the timer', area }, BASE);

const opened = closeAfterEach();

/** The fake, and what the cells send over a client with `key`: the shared endpoints and the cells' own these tests ask of. */
async function clockify(key: string | null = ADA.key) {
  const fake = opened(await startFakeClockify());
  const client = opened(createClockifyApiClient({ connection: { baseUrl: fake.url, secret: async () => key, log: () => {} }, onRefused: () => {} }));
  const api = { ...client.api, ...timesheetsEndpoints(client), ...catalogEndpoints(client), ...adminTeamsEndpoints(client), ...adminPeopleEndpoints(client) };
  return { fake, api };
}

const NOT_FOUND = { status: 404, body: { message: 'Not found', code: 501 } };

describe("Clockify's answers", () => {
  it('a key it does not take, a plan without the feature, a right the person lacks', () => {
    expect(failing(401).refusal).toEqual({ code: 'clockify_key_refused', facts: { host: 'api.clockify.me' } });
    expect(failing(403, { message: 'Upgrade your plan to use it.' }).refusal).toEqual({
      code: 'clockify_plan_lacks',
      facts: { action: 'start the timer', message: 'Upgrade your plan to use it.' },
    });
    expect(failing(403, { message: 'Access Denied' }, {}, 'timeOff').refusal).toEqual({
      code: 'clockify_forbidden',
      facts: { action: 'start the timer', time_off: true, message: 'Access Denied' },
    });
    expect(failing(403).refusal.facts).toEqual({ action: 'start the timer', time_off: false, message: null });
  });

  it('a 404 without words of its own, a refused write, its limit per second, a page that is not its JSON', () => {
    expect(failing(404, { message: 'Not found' }).refusal).toEqual({
      code: 'clockify_no_such_address',
      facts: { host: 'api.clockify.me', action: 'start the timer' },
    });
    expect(failing(400, { message: 'Project is required' })).toMatchObject({
      failure: 'validation',
      refusal: { code: 'clockify_refused', facts: { action: 'start the timer', message: 'Project is required' } },
    });
    expect(failing(400)).toMatchObject({ failure: 'bad_request', refusal: { code: 'clockify_refused', facts: { message: null } } });
    expect(failing(429, undefined, { 'retry-after': '600' }).refusal).toEqual({
      code: 'clockify_rate_limited',
      facts: { action: 'start the timer', retry_after_s: 600 },
    });
    expect(describeNotJson(BASE, answer(200, undefined, {}, '{broken')).refusal).toEqual({ code: 'clockify_not_json', facts: { url: BASE, web_page: false } });
    expect(unreadable('a time entry without its id').refusal).toEqual({ code: 'clockify_unreadable', facts: { what: 'a time entry without its id' } });
  });
});

describe("the requests Clockify's api names", () => {
  it('a key not stored, and a list that is not one', async () => {
    const { api: none, fake: server } = await clockify(null);
    expect((await remoteErrorOf(none.user())).refusal).toEqual({
      code: 'clockify_key_missing',
      facts: { url: server.url, action: 'read your Clockify account' },
    });
    const { api: keyed, fake: other } = await clockify();
    other.failNext({ path: /\/workspaces$/ }, { status: 200, body: { not: 'a list' } });
    expect((await remoteErrorOf(keyed.workspaces())).refusal).toEqual({ code: 'clockify_not_a_list', facts: { action: 'list your Clockify workspaces' } });
  });

  it('records gone: a time entry by its number, the running timer, an item, a group and its people, a member, a role', async () => {
    const { api: keyed, fake: server } = await clockify();
    const ws = ADA.workspace;
    server.failNext({ path: /\/time-entries\// }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.deleteEntry(ws, 'e1', 12))).refusal).toEqual({
      code: 'remote_record_missing',
      facts: { service: 'Clockify', record: 'time entry', id: 12, any_more: true, caveat: 'not_yours' },
    });
    server.failNext({ path: /\/time-entries$/ }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.stopRunning(ws, ADA.id, '2026-11-18T10:00:00Z'))).refusal).toEqual({ code: 'clockify_running_timer_gone', facts: {} });
    server.failNext({ path: /\/clients\// }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.archiveClient(ws, 'c1', 'Acme', true))).refusal).toEqual({
      code: 'clockify_item_gone',
      facts: { item: 'client', name: 'Acme', deleted: null },
    });
    server.failNext({ path: /\/user-groups\// }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.removeFromGroup(ws, 'g1', 'Design', 'u1', 'Bob'))).refusal).toEqual({
      code: 'clockify_group_part_gone',
      facts: { group: 'Design', other: 'Bob', change: 'remove' },
    });
    server.failNext({ path: /\/users\// }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.setStatus(ws, 'u1', 'Bob', 'INACTIVE'))).refusal).toEqual({
      code: 'clockify_member_gone',
      facts: { name: 'Bob', in_clockify: true },
    });
    server.failNext({ path: /\/users\// }, NOT_FOUND);
    expect((await remoteErrorOf(keyed.giveRole(ws, 'u1', 'Bob', { role: 'TEAM_MANAGER', entityId: 'g1', sourceType: 'USER_GROUP' }))).refusal).toEqual({
      code: 'clockify_role_target_gone',
      facts: { name: 'Bob' },
    });
  });
});

describe('as a person reads them', () => {
  it('a time entry gone, without its number', () => {
    const refusal = {
      code: 'remote_record_missing',
      facts: { service: 'Clockify', record: 'time entry', id: 3, any_more: true, caveat: 'not_yours' },
    } as const;
    expect(peopleText(refusalSentence(refusal))).toBe('There is no such time entry in Clockify any more (or it is not yours).');
  });
});
