// Calamari's HTTP answers as refusals (contract/outcomes/remote-calamari.ts): the status and the code
// of its one body, with its message and field as facts, and the key its api needs.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createCalamariClient } from '../../../../mcp-server/providers/calamari/api.ts';
import { describeHttpFailure, describeNotJson, type RequestPurpose, unknownEmployee } from '../../../../mcp-server/providers/calamari/errors.ts';
import { answer, remoteErrorOf } from './refused.ts';

const BASE = 'https://acme.calamari.io';
const shift: RequestPurpose = { action: 'start your shift', module: 'timeAndAttendance' };
const failing = (status: number, json?: unknown, headers?: Record<string, string>) =>
  describeHttpFailure(answer(status, json, headers), shift, BASE, 'ada@example.com');

describe("Calamari's answers", () => {
  it("the organisation's key, a module not in use, an employee it does not know, no terminal", () => {
    expect(failing(401).refusal).toEqual({ code: 'calamari_key_refused', facts: { host: 'acme.calamari.io' } });
    expect(failing(403).refusal).toEqual({ code: 'calamari_forbidden', facts: { action: 'start your shift', module: 'timeAndAttendance' } });
    expect(failing(400, { code: 'INVALID_EMPLOYEE' })).toMatchObject({
      failure: 'unknown_person',
      calamariCode: 'INVALID_EMPLOYEE',
      refusal: { code: 'calamari_unknown_employee', facts: { email: 'ada@example.com' } },
    });
    expect(unknownEmployee('bob@example.com').refusal).toEqual({ code: 'calamari_unknown_employee', facts: { email: 'bob@example.com' } });
    expect(failing(404, { code: 'API_TERMINAL_NOT_AVAILABLE' }).refusal).toEqual({ code: 'calamari_no_terminal', facts: { action: 'start your shift' } });
  });

  it('an unknown part of its API, a wrong method, a page that is not its JSON', () => {
    expect(failing(404, { code: 'INVALID_METHOD_URL' }).refusal).toEqual({
      code: 'calamari_unknown_endpoint',
      facts: { host: 'acme.calamari.io', action: 'start your shift' },
    });
    expect(failing(405).refusal).toEqual({ code: 'calamari_wrong_method', facts: { action: 'start your shift' } });
    expect(describeNotJson(BASE, answer(200, undefined, {}, '[{')).refusal).toEqual({ code: 'calamari_not_json', facts: { url: BASE, web_page: false } });
  });

  it('its limit, with which one and the usage its body reports, and its Retry-After', () => {
    expect(failing(429, { code: 'QUOTA_EXCEEDED', field: 'Requests: 721/720 per hour, 900/2880 per day' }, { 'retry-after': '600' }).refusal).toEqual({
      code: 'calamari_rate_limited',
      facts: { action: 'start your shift', window: 'hour', usage: 'Requests: 721/720 per hour, 900/2880 per day', retry_after_s: 600 },
    });
    expect(failing(429).refusal.facts).toEqual({ action: 'start your shift', window: null, usage: null, retry_after_s: null });
  });

  it('a refused request: the allowance, a project, anything else with its message, code and field', () => {
    expect(failing(400, { code: 'INVALID_ABSENCE_ALLOWANCE', message: 'Not enough days' }).refusal).toEqual({
      code: 'calamari_allowance_short',
      facts: { action: 'start your shift', message: 'Not enough days' },
    });
    expect(failing(400, { code: 'INVALID_PROJECT_FOR_USER' }).refusal).toEqual({
      code: 'calamari_project_refused',
      facts: { action: 'start your shift', message: null, code: 'INVALID_PROJECT_FOR_USER' },
    });
    expect(failing(400, { code: 'INVALID_TIME', message: 'Invalid time', field: 'time' }).refusal).toEqual({
      code: 'calamari_refused',
      facts: { action: 'start your shift', message: 'Invalid time', code: 'INVALID_TIME', field: 'time' },
    });
  });

  it('a key not stored', async () => {
    const client = createCalamariClient({
      connection: { baseUrl: BASE, secret: async () => null, log: () => {} },
      email: 'ada@example.com',
      onModuleRefused: () => {},
      confirmPerson: async () => {},
      zone: () => 'Europe/Warsaw',
    });
    expect((await remoteErrorOf(client.api.shiftStatus())).refusal).toEqual({
      code: 'calamari_key_missing',
      facts: { url: BASE, action: 'read your shift status' },
    });
    client.close();
  });
});

describe('as a person reads them', () => {
  it('a refused project points to the catalog, not to the tool that lists it', () => {
    const refusal = {
      code: 'calamari_project_refused',
      facts: { action: 'start your shift', message: 'Project is archived', code: 'INVALID_PROJECT' },
    } as const;
    expect(modelText(refusalSentence(refusal))).toMatch(/; list_catalog shows the ones you may use\.$/);
    expect(peopleText(refusalSentence(refusal))).toBe(
      'Calamari refused to start your shift: the project is not one you may book on ("Project is archived"), perhaps archived since Punchcard read your projects; the catalog shows the ones you may use.',
    );
  });
});
