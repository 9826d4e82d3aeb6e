// Every way Clockify answers a failure becomes one sentence a person can act on.
import { describe, expect, it } from 'vitest';
import { chooseWorkspace } from '../../../../mcp-server/providers/clockify/mapping.ts';
import { ClockifyError, describeHttpFailure, describeNotJson, messageOf } from '../../../../mcp-server/providers/clockify/errors.ts';
import { type RefusalFor, remoteRefusal } from '../../../../mcp-server/providers/remote/remote-error.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';

const BASE = 'https://api.clockify.me';
const answer = (status: number, json?: unknown, headers: Record<string, string> = {}, text = json === undefined ? '' : JSON.stringify(json)) => ({
  status,
  json,
  text,
  headers,
});
const failing = (
  status: number,
  json?: unknown,
  headers?: Record<string, string>,
  area: 'tracking' | 'timeOff' | 'account' = 'tracking',
  notFound?: RefusalFor<'not_found'>,
) => describeHttpFailure(answer(status, json, headers), { action: 'start the timer', area, ...(notFound ? { notFound } : {}) }, BASE);

describe('messageOf', () => {
  it("reads Clockify's {message, code}, and nothing else", () => {
    expect(messageOf({ message: ' Project not found ', code: 501 })).toBe('Project not found');
    for (const body of [undefined, null, 'text', [], {}, { message: '  ' }, { code: 501 }]) expect(messageOf(body)).toBeUndefined();
  });
});

describe('describeHttpFailure', () => {
  it('says a refused key is wrong or renewed, and where a new one comes from', () => {
    const error = failing(401, { message: 'Full authentication is required to access this resource', code: 1000 });
    expect(error).toBeInstanceOf(ClockifyError);
    expect(error).toBeInstanceOf(BackEndError);
    expect(error.failure).toBe('bad_token');
    expect(error.message).toMatch(/^Clockify at api\.clockify\.me did not accept the API key .* PUNCHCARD_CLOCKIFY_TOKEN\.$/);
  });

  it('tells a plan without the feature from a right the person lacks', () => {
    expect(failing(403, { message: 'Time off is not available on your subscription plan. Upgrade to use it.' }, {}, 'timeOff').message).toBe(
      'Your Clockify workspace\'s plan does not let Punchcard start the timer: "Time off is not available on your subscription plan. Upgrade to use it.".',
    );
    const denied = failing(403, { message: 'Access Denied' }, {}, 'timeOff');
    expect(denied.failure).toBe('forbidden');
    expect(denied.message).toBe(
      'Your Clockify account may not start the timer (time off may be off in your workspace, or not open to you) (Clockify answered 403: "Access Denied"). Ask a workspace admin.',
    );
  });

  it('says what was not found in the words of the request, and a web page as a wrong address', () => {
    expect(
      failing(
        404,
        { message: 'Time entry not found', code: 501 },
        {},
        'tracking',
        remoteRefusal('remote_record_missing', { service: 'Clockify', record: 'time entry', id: 3, any_more: true, caveat: 'not_yours' }),
      ).message,
    ).toBe('There is no time entry #3 in Clockify any more (or it is not yours).');
    const page = describeHttpFailure(answer(404, undefined, {}, '<html>Not found</html>'), { action: 'read your account', area: 'account' }, BASE);
    expect(page.failure).toBe('wrong_service');
    expect(page.message).toMatch(/answered with a web page that is not Clockify's JSON API\. Check the address: it is https:\/\/api\.clockify\.me\/api/);
  });

  it("quotes Clockify's reason for a refused write", () => {
    expect(failing(400, { message: 'Project is required', code: 501 }).message).toBe('Clockify refused to start the timer: "Project is required".');
    expect(failing(400).failure).toBe('bad_request');
  });

  it('explains the per-second limit, and a long wait in minutes', () => {
    expect(failing(429, { message: 'Too many requests', code: 429 }).message).toBe(
      'Clockify is limiting requests (429 Too Many Requests; it counts requests per second for your key and workspace). Try to start the timer again in a moment.',
    );
    expect(failing(429, undefined, { 'retry-after': '600' }).message).toMatch(/again in 10 minutes\.$/);
  });

  it("says a server failure is Clockify's, to try later", () => {
    expect(failing(503).message).toBe('Clockify, or a proxy in front of it, is unavailable (503). Try again later.');
    expect(failing(500).message).toBe('Clockify had an internal error (500) trying to start the timer. Try again later.');
    expect(failing(418).failure).toBe('bad_request');
  });

  it('says a body that is not JSON is most likely another server', () => {
    expect(describeNotJson(BASE, answer(200, undefined, {}, '{broken')).message).toMatch(
      /^The server at https:\/\/api\.clockify\.me answered with something that is not Clockify's JSON API\./,
    );
  });
});

describe('chooseWorkspace', () => {
  const workspaces = [
    { id: 'w1', name: 'Acme' },
    { id: 'w2', name: 'Side project' },
    { id: 'w3', name: 'Twins' },
    { id: 'w4', name: 'twins' },
  ];

  it('takes the one named by id or by name in any case, else the active one', () => {
    expect(chooseWorkspace(workspaces, 'w2', 'w1').id).toBe('w2');
    expect(chooseWorkspace(workspaces, ' side PROJECT ', 'w1').id).toBe('w2');
    expect(chooseWorkspace(workspaces, undefined, 'w1').id).toBe('w1');
    expect(chooseWorkspace([{ id: 'only', name: 'Only' }], undefined, undefined).id).toBe('only');
  });

  it('refuses a name that matches none, or several, listing what the key sees', () => {
    expect(() => chooseWorkspace(workspaces, 'Nope', 'w1')).toThrow(
      /Your Clockify API key sees no workspace "Nope"\. It sees: "Acme" \(w1\), "Side project" \(w2\), "Twins" \(w3\), "twins" \(w4\)\./,
    );
    expect(() => chooseWorkspace(workspaces, 'TWINS', 'w1')).toThrow(/Several of your Clockify workspaces are called "TWINS"/);
    expect(() => chooseWorkspace(workspaces, undefined, undefined)).toThrow(/names no active workspace for you/);
    // The person's active workspace is on a subdomain this key was not made for.
    expect(() => chooseWorkspace(workspaces, undefined, 'elsewhere')).toThrow(
      /^Your active Clockify workspace is not one this API key sees \(a workspace on its own subdomain needs a key made there\)\. The key sees: "Acme" \(w1\)/,
    );
    expect(() => chooseWorkspace([], undefined, 'elsewhere')).toThrow(/^Your Clockify API key sees no workspace\./);
    try {
      chooseWorkspace(workspaces, 'Nope', undefined);
    } catch (error) {
      expect((error as ClockifyError).failure).toBe('config');
    }
    // Each as data: what was asked, and the workspaces the key sees.
    const seen = workspaces.map(({ id, name }) => ({ name, id }));
    const refusal = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        expect(error).toBeInstanceOf(ClockifyError);
        expect((error as ClockifyError).kind).toBe('invalid');
        return (error as ClockifyError).refusal;
      }
      throw new Error('nothing was refused');
    };
    expect(refusal(() => chooseWorkspace(workspaces, 'Nope', 'w1'))).toEqual({ code: 'clockify_workspace_unknown', facts: { wanted: 'Nope', seen } });
    expect(refusal(() => chooseWorkspace(workspaces, 'TWINS', 'w1'))).toEqual({ code: 'clockify_workspace_ambiguous', facts: { wanted: 'TWINS', seen } });
    expect(refusal(() => chooseWorkspace(workspaces, undefined, undefined))).toEqual({ code: 'clockify_workspace_unnamed', facts: { seen } });
    expect(refusal(() => chooseWorkspace(workspaces, undefined, 'elsewhere'))).toEqual({ code: 'clockify_active_workspace_unseen', facts: { seen } });
    expect(refusal(() => chooseWorkspace([], undefined, 'elsewhere'))).toEqual({ code: 'clockify_no_workspace', facts: {} });
  });
});
