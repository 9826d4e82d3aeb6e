// Kimai's HTTP answers as refusals (contract/outcomes/remote-kimai.ts): each status and body its
// describer reads, and the records its api says are gone, against the fake Kimai and real sockets.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createKimaiEndpoints, type KimaiEndpoints } from '../../providers/kimai/kimai-endpoints.ts';
import { describeHttpFailure, describeNotJson } from '../../../../mcp-server/providers/kimai/errors.ts';
import { closeAfterEach } from '../../../support/close-after-each.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../../providers/kimai/fake-kimai.ts';
import { answer, remoteErrorOf } from './refused.ts';

const BASE = 'https://kimai.example.com';
const ADA = DEFAULT_USERS[0] as FakeUser;
const failing = (status: number, json?: unknown) => describeHttpFailure(answer(status, json), { action: 'start the timer' }, BASE);

const opened = closeAfterEach();

async function kimai(token: string | null = ADA.token): Promise<{ fake: FakeKimai; api: KimaiEndpoints }> {
  const fake = opened(await startFakeKimai());
  const api = opened(createKimaiEndpoints({ connection: { baseUrl: fake.url, secret: async () => token, log: () => {} } }));
  return { fake, api };
}

describe("Kimai's answers", () => {
  it('a token it does not take (401, or a 403 of the authenticator), and a permission it does not give', () => {
    expect(failing(401).refusal).toEqual({ code: 'kimai_token_refused', facts: { url: BASE, status: 401 } });
    expect(failing(403, { message: 'Invalid credentials' }).refusal).toEqual({ code: 'kimai_token_refused', facts: { url: BASE, status: 403 } });
    expect(failing(403, { code: 403, message: 'Forbidden' })).toMatchObject({
      failure: 'forbidden',
      refusal: { code: 'kimai_forbidden', facts: { action: 'start the timer' } },
    });
  });

  it('a 404 without words of its own, a 400 without form errors, a page that is not its JSON', () => {
    expect(failing(404, { code: 404 }).refusal).toEqual({ code: 'kimai_no_such_address', facts: { url: BASE, action: 'start the timer' } });
    expect(failing(400, { code: 400, message: 'Bad Request' }).refusal).toEqual({ code: 'kimai_malformed_request', facts: { action: 'start the timer' } });
    expect(describeNotJson(BASE, answer(200, undefined, {}, '<html>')).refusal).toEqual({ code: 'kimai_not_json', facts: { url: BASE, web_page: true } });
  });

  it("its form's errors by field, in Kimai's names, and the form's own", () => {
    const body = {
      code: 400,
      errors: {
        errors: ['End date must not be earlier then start date.'],
        children: { begin: { errors: ['This value is not valid.'] }, meta: { children: { ticket: { errors: ['Required.'] } } } },
      },
    };
    const refused = failing(400, body);
    expect(refused.refusal).toEqual({
      code: 'kimai_form_refused',
      facts: {
        action: 'start the timer',
        fields: [
          { path: ['begin'], messages: ['This value is not valid.'] },
          { path: ['meta', 'ticket'], messages: ['Required.'] },
        ],
        messages: ['End date must not be earlier then start date.'],
      },
    });
    expect(refused.message).toBe(
      'Kimai refused to start the timer: start: "This value is not valid."; meta.ticket: "Required."; "End date must not be earlier then start date.".',
    );
  });

  it('its nameless "extra fields" error: the fields Punchcard sent that an account may not set, and why, where it knows', () => {
    const extra = { code: 400, errors: { errors: ['This form should not contain extra fields.'], children: {} } };
    expect(failing(400, extra).refusal).toEqual({ code: 'kimai_field_not_allowed', facts: { action: 'start the timer' } });
    const gated = describeHttpFailure(
      answer(400, extra),
      {
        action: 'log the time',
        gatedFields: [
          { field: 'begin', reason: 'punch mode.' },
          { field: 'end', reason: 'punch mode.' },
        ],
      },
      BASE,
    );
    expect(gated.refusal).toEqual({ code: 'kimai_fields_not_allowed', facts: { action: 'log the time', fields: ['begin', 'end'], reasons: ['punch mode.'] } });
  });
});

describe("the requests Kimai's api names", () => {
  it('a token not stored, and a CA file that cannot be used', async () => {
    const { api: none, fake: server } = await kimai(null);
    expect((await remoteErrorOf(none.me())).refusal).toEqual({ code: 'kimai_token_missing', facts: { url: server.url, action: 'read your Kimai profile' } });
    const withCa = createKimaiEndpoints({
      connection: { baseUrl: 'https://127.0.0.1:9', secret: async () => ADA.token, log: () => {} },
      caFile: '/nonexistent/company-ca.pem',
    });
    const refused = await remoteErrorOf(withCa.me());
    expect(refused).toMatchObject({ failure: 'config', kind: 'invalid' });
    expect(refused.refusal).toEqual({
      code: 'kimai_ca_file_unusable',
      facts: { file: '/nonexistent/company-ca.pem', problem: 'it does not exist', action: 'read your Kimai profile' },
    });
    withCa.close();
  });

  it('a record it does not have, by its number, with what else the 404 may mean', async () => {
    const { api: kimaiApi } = await kimai();
    expect((await remoteErrorOf(kimaiApi.timesheet(9_999))).refusal).toEqual({
      code: 'remote_record_missing',
      facts: { service: 'Kimai', record: 'time entry', id: 9_999, caveat: 'not_yours' },
    });
    expect((await remoteErrorOf(kimaiApi.stopTimesheet(9_999))).refusal).toEqual({ code: 'kimai_running_timer_gone', facts: { entry: 9_999 } });
  });

  it('a rate removed meanwhile, and a server with no /api/version of a Kimai', async () => {
    const { api: kimaiApi, fake: server } = await kimai();
    server.failNext({ path: /\/rates\// }, { status: 404, body: { code: 404, message: 'Not found' } });
    expect((await remoteErrorOf(kimaiApi.deleteRate('project', 5, 3))).refusal).toEqual({
      code: 'kimai_rate_gone',
      facts: { rate: 3, kind: 'project', id: 5 },
    });
    server.failNext({ path: '/api/version' }, { status: 404, body: { code: 404, message: 'Not found' } });
    const notKimai = await remoteErrorOf(kimaiApi.version());
    expect(notKimai).toMatchObject({ failure: 'wrong_service', status: 404, refusal: { code: 'kimai_not_kimai', facts: { url: server.url } } });
    server.failNext({ path: '/api/version' }, { status: 200, body: { name: 'not kimai' } });
    expect((await remoteErrorOf(kimaiApi.version())).refusal).toEqual({ code: 'kimai_not_kimai', facts: { url: server.url } });
  });
});

describe('as a person reads them', () => {
  it('a team, or the person its change names, that Kimai does not have', () => {
    const refusal = { code: 'kimai_team_part_missing', facts: { team: 2, part: 'person', id: 7, any_more: true } } as const;
    expect(modelText(refusalSentence(refusal))).toBe('There is no team #2 or person #7 in Kimai any more.');
    expect(peopleText(refusalSentence(refusal))).toBe('There is no such team or person in Kimai any more.');
  });

  it('a token to save in the app, without the variable a model may point to', () => {
    const refusal = { code: 'kimai_token_missing', facts: { url: BASE, action: 'start the timer' } } as const;
    expect(modelText(refusalSentence(refusal))).toMatch(/, or set PUNCHCARD_KIMAI_TOKEN\.$/);
    expect(peopleText(refusalSentence(refusal))).toBe(
      `No Kimai API token is stored for ${BASE}, so Punchcard could not start the timer. Save one in the Punchcard app (create it in your Kimai profile under API access).`,
    );
  });

  it('a running timer gone, without its number', () => {
    const refusal = { code: 'kimai_running_timer_gone', facts: { entry: 41 } } as const;
    expect(peopleText(refusalSentence(refusal))).toBe('The running timer is gone from Kimai; it was probably deleted meanwhile.');
  });
});
