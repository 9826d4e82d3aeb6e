// The refusals every remote back end words alike (contract/outcomes/remote.ts), as the code that meets
// them makes them: the HTTP layer's describers, the organisation's gate, the secret, the SQLite files,
// a blocked back end. Each carries its code and the facts its words are made of; a person reads them
// without the pointers only a model needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import { createBlockedTracker } from '../../../../mcp-server/providers/blocked-tracker.ts';
import { createRemoteTracker } from '../../../../mcp-server/providers/create-tracker.ts';
import { createKimaiEndpoints } from '../../providers/kimai/kimai-endpoints.ts';
import { KIMAI_WORDS } from '../../../../mcp-server/providers/kimai/errors.ts';
import { LimitsFile } from '../../../../mcp-server/providers/remote/limits-file.ts';
import { HeldBack, ON_THE_TEAM_SERVER, ON_THIS_COMPUTER, organisationGate } from '../../../../mcp-server/providers/remote/organisation-limit.ts';
import {
  describeNetworkFailure,
  describeTimeout,
  describeTooLarge,
  rateLimited,
  RemoteError,
  serverTrouble,
  unexpectedStatus,
} from '../../../../mcp-server/providers/remote/remote-error.ts';
import { whileBusy } from '../../../../mcp-server/providers/sqlite-files.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { thrownBy } from './refused.ts';

const BASE = 'https://kimai.example.com';
const CLOCKODO = { service: 'Clockodo', address: 'the Clockodo address' };
const network = (code: string, message = 'x') => describeNetworkFailure({ code, message }, BASE, 'start the timer', KIMAI_WORDS);

const refusalOf = (call: Promise<unknown>) => thrownBy(call, BackEndError);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'punchcard-remote-refusals-'));
  folders.push(made);
  return made;
}

describe("what every back end answers alike, in the HTTP layer's words", () => {
  it('a server down, an internal error with who reads the log, a status nobody planned for', () => {
    expect(serverTrouble(503, 'start the timer', CLOCKODO)?.refusal).toEqual({ code: 'remote_unavailable', facts: { service: 'Clockodo', status: 503 } });
    expect(serverTrouble(500, 'start the timer', KIMAI_WORDS)?.refusal).toEqual({
      code: 'remote_internal_error',
      facts: { service: 'Kimai', status: 500, action: 'start the timer', operator: 'your Kimai administrator' },
    });
    expect(serverTrouble(500, 'start the timer', CLOCKODO)?.refusal.facts).toMatchObject({ operator: null });
    expect(serverTrouble(499, 'start the timer', CLOCKODO)).toBeUndefined();
    expect(unexpectedStatus(418, 'start the timer', CLOCKODO).refusal).toEqual({
      code: 'remote_status_unknown',
      facts: { service: 'Clockodo', status: 418, action: 'start the timer' },
    });
  });

  it('a 429 with the Retry-After it gave, where it gave one', () => {
    const limited = rateLimited({ headers: { 'retry-after': '150' } }, 'start the timer', CLOCKODO);
    expect(limited).toMatchObject({ failure: 'rate_limited', kind: 'unavailable', status: 429 });
    expect(limited.refusal).toEqual({ code: 'remote_rate_limited', facts: { service: 'Clockodo', action: 'start the timer', retry_after_s: 150 } });
    expect(rateLimited({ headers: {} }, 'start the timer', CLOCKODO).refusal.facts).toMatchObject({ retry_after_s: null });
  });

  it('the way to the back end: a certificate (with where a CA file goes, where the back end takes one), a host, a refusal, a cut, anything else', () => {
    expect(network('CERT_HAS_EXPIRED').refusal).toEqual({
      code: 'remote_tls_failed',
      facts: { service: 'Kimai', host: 'kimai.example.com', problem: 'expired', ca_file: true },
    });
    expect(describeNetworkFailure({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'x' }, BASE, 'start the timer', CLOCKODO).refusal.facts).toMatchObject({
      problem: 'other_host',
      ca_file: false,
    });
    expect(network('ENOTFOUND').refusal).toEqual({ code: 'remote_host_not_found', facts: { host: 'kimai.example.com', address: 'the Kimai URL' } });
    expect(network('ECONNREFUSED').refusal).toEqual({
      code: 'remote_connection_refused',
      facts: { service: 'Kimai', host: 'kimai.example.com', address: 'the Kimai URL' },
    });
    expect(network('ECONNRESET').refusal).toEqual({
      code: 'remote_connection_lost',
      facts: { host: 'kimai.example.com', code: 'ECONNRESET', action: 'start the timer' },
    });
    expect(describeNetworkFailure({ message: 'socket hang up' }, BASE, 'start the timer', KIMAI_WORDS).refusal).toEqual({
      code: 'remote_unreachable',
      facts: { service: 'Kimai', host: 'kimai.example.com', action: 'start the timer', reason: 'socket hang up' },
    });
  });

  it('a deadline, and answers too large: one of them, or a call’s together, with whether the change may have been made', () => {
    expect(describeTimeout(BASE, 15_000, 'start the timer', KIMAI_WORDS).refusal).toEqual({
      code: 'remote_timeout',
      facts: { service: 'Kimai', host: 'kimai.example.com', action: 'start the timer', timeout_ms: 15_000 },
    });
    expect(
      describeTooLarge(BASE, { kind: 'answer_bytes', limit: 8_388_608, declared: 587_202_560 }, 'read the running timer', KIMAI_WORDS, false).refusal,
    ).toEqual({
      code: 'remote_answer_too_large',
      facts: {
        service: 'Kimai',
        host: 'kimai.example.com',
        action: 'read the running timer',
        limit: 8_388_608,
        unit: 'bytes',
        declared: 587_202_560,
        operator: 'your Kimai administrator',
        may_have_changed: false,
      },
    });
    const objects = describeTooLarge(BASE, { kind: 'answer_objects', limit: 50_000 }, 'list customers', CLOCKODO, true);
    expect(objects.refusal.facts).toMatchObject({ unit: 'objects', declared: null, operator: null, may_have_changed: true });
    expect(describeTooLarge(BASE, { kind: 'call_objects', limit: 200_000 }, 'log the time', KIMAI_WORDS, true).refusal).toEqual({
      code: 'remote_call_answers_too_large',
      facts: { service: 'Kimai', limit: 200_000, unit: 'objects', may_have_changed: true },
    });
  });
});

describe("the organisation's limit", () => {
  const START = Date.parse('2026-11-18T10:20:00Z');

  it('refuses a request past the allowance with the limit, who shares it and when to try again', async () => {
    const file = new LimitsFile(folder(), (message) => expect.unreachable(message));
    const gate = organisationGate({
      ledger: file,
      counter: 'calamari:https://acme.calamari.io/api',
      service: 'Calamari',
      allowance: { perHour: 1, perDay: 100 },
      sharedBy: ON_THIS_COMPUTER,
      now: () => START,
    });
    await gate();
    const refused = await refusalOf(gate());
    expect(refused).toBeInstanceOf(RemoteError);
    expect(refused.refusal).toEqual({
      code: 'remote_allowance_used',
      facts: { service: 'Calamari', max: 1, per: 'hour', shared_by: 'computer', retry_after_s: 2_400 },
    });
    file.close();
  });

  it('says a hold until when, in the zone it is put in, and a person reads the time in their calendar', () => {
    const held = new HeldBack({
      service: 'Calamari',
      sharedBy: ON_THE_TEAM_SERVER,
      liftsAt: START + 40 * 60_000,
      leftMs: 40 * 60_000,
      window: 'hour',
      cannotWait: false,
    });
    expect(held.refusal).toEqual({
      code: 'remote_held_back',
      facts: { service: 'Calamari', shared_by: 'team_server', window: 'hour', until: '2026-11-18T11:00:00+00:00', left_s: 2_400, cannot_wait: false },
    });
    const there = held.inZone('Asia/Kolkata');
    expect(there.refusal.facts).toMatchObject({ until: '2026-11-18T16:30:00+05:30' });
    expect(peopleText(refusalSentence(there.refusal), { locale: 'en-US' })).toBe(
      "Calamari's limit of requests an hour for your organisation is used up (429), so no one on this Punchcard server sends Calamari anything until Nov 18, 2026, 4:30 PM. Try again then, in 40 minutes.",
    );
  });
});

describe('the secret', () => {
  it('a keychain that cannot be read, in its own words', async () => {
    const api = createKimaiEndpoints({ connection: { baseUrl: BASE, secret: () => Promise.reject(new Error('The keychain is locked.')), log: () => {} } });
    const refused = await refusalOf(api.me());
    expect(refused).toMatchObject({ failure: 'no_token', kind: 'denied' });
    expect(refused.refusal).toEqual({ code: 'remote_secret_unreadable', facts: { service: 'Kimai', secret: 'token', reason: 'The keychain is locked.' } });
    api.close();
  });

  /** What every remote tracker is made from but its profile, secret and environment. */
  const trackerBasics = () => ({
    userDataDir: folder(),
    workWeek: () => ({ mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 }),
    holidays: async () => new Map<string, string>(),
    timezone: () => 'Europe/Berlin',
    now: () => Date.parse('2026-11-18T10:20:00Z'),
    log: () => {},
  });

  it('no tracker acting for one person with an organisation credential where the back end cannot narrow it (Calamari)', async () => {
    await expect(
      createRemoteTracker({
        profile: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@example.com' },
        actingFor: { userId: '42' },
        ...trackerBasics(),
        env: {},
        credentials: { kind: 'none', get: async () => 'organisation-key', set: async () => {}, delete: async () => false },
      }),
    ).rejects.toThrow("calamari cannot act for one person with an organisation's credential.");
  });

  it("the extension's secret withheld from a back end it was not given for", async () => {
    const tracker = await createRemoteTracker({
      profile: { type: 'kimai', url: BASE },
      ...trackerBasics(),
      env: { PUNCHCARD_SECRET: 'clockify-key-0000000000' },
      formSecret: { backEnd: undefined, policyFixes: false },
      credentials: { kind: 'none', get: async () => null, set: async () => {}, delete: async () => false },
    });
    try {
      const refused = await refusalOf(tracker.timer.runningEntry());
      expect(refused.refusal.code).toBe('remote_secret_withheld');
      expect(refused.message).toMatch(/^The secret in Punchcard's Claude Desktop extension settings is used only for the back end chosen there/);
      expect(refused.refusal.facts).toEqual({ reason: refused.message });
    } finally {
      tracker.close();
    }
  });
});

describe('a back end that must not be used', () => {
  it('refuses every call with the reason it was given', async () => {
    const reason = "Your organisation's policy does not allow the clockify back end, so Punchcard does not contact it.";
    const tracker = createBlockedTracker({ type: 'clockify', label: 'clockify (not allowed by your organisation)', reason }, () => 'Ada');
    const refused = await refusalOf(tracker.timer.runningEntry());
    expect(refused).toMatchObject({ kind: 'denied', message: reason });
    expect(refused.refusal).toEqual({ code: 'back_end_blocked', facts: { reason } });
  });
});

describe('the SQLite files', () => {
  const sqliteError = (errcode: number) => Object.assign(new Error('database is locked'), { errcode });

  it('a file another program holds locked past the wait, and one that cannot be written', async () => {
    const locked = await refusalOf(
      whileBusy(
        '/data/punchcard.db',
        0,
        () => {
          throw sqliteError(5);
        },
        'the timesheet',
      ),
    );
    expect(locked).toMatchObject({ kind: 'unavailable' });
    expect(locked.refusal).toEqual({ code: 'file_locked', facts: { path: '/data/punchcard.db', waited_s: 0, what: 'the timesheet' } });
    const readOnly = await refusalOf(
      whileBusy('/data/punchcard.db', 1_000, () => {
        throw Object.assign(new Error('read-only'), { code: 'EROFS' });
      }),
    );
    expect(readOnly.refusal).toEqual({ code: 'file_read_only', facts: { path: '/data/punchcard.db' } });
  });

  it("hands a caller with its own kind of error the refusal's words", async () => {
    const error = await whileBusy(
      '/srv/server.db',
      0,
      () => {
        throw sqliteError(6);
      },
      'the server store',
      (message) => new Error(message),
    ).catch((thrown: unknown) => thrown as Error);
    expect(error.message).toBe(
      'Another program has held /srv/server.db locked for 0 s (a backup or sync tool, or an open sqlite3 session), so the server store could not be used. Nothing was changed. Try again once that program lets go of the file.',
    );
  });
});

describe('a record the back end does not have', () => {
  it('is named by its number for the model, and as "such" a record for a person', () => {
    const refusal = {
      code: 'remote_record_missing',
      facts: { service: 'Clockify', record: 'time-off request', id: 4, of_yours: true, any_more: true },
    } as const;
    expect(modelText(refusalSentence(refusal))).toBe('There is no time-off request #4 of yours in Clockify any more.');
    expect(peopleText(refusalSentence(refusal))).toBe('There is no such time-off request of yours in Clockify any more.');
  });

  it('says for a person where to set a CA file, without the settings key a model passes on', () => {
    const tls = network('SELF_SIGNED_CERT_IN_CHAIN').refusal;
    expect(peopleText(refusalSentence(tls as NonNullable<typeof tls>))).toBe(
      'The secure connection to kimai.example.com failed: its certificate is not signed by an authority this computer trusts. If your Kimai uses a company or self-signed certificate, set its CA file in Punchcard.',
    );
  });
});
