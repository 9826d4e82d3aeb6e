// Kimai's API module over the shared remote client, against the fake Kimai and real sockets: token
// rotation, Retry-After, and the network failures a person really meets (a certificate for another
// host, plain HTTP on an HTTPS address).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KimaiError } from '../../../../mcp-server/providers/kimai/errors.ts';
import { retryAfterMs } from '../../../../mcp-server/providers/remote/json-http.ts';
import { createKimaiEndpoints, type KimaiEndpoints } from './kimai-endpoints.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, makeTestCertificates, startFakeKimai } from './fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;

let fake: FakeKimai | undefined;
let http: KimaiEndpoints | undefined;
afterEach(async () => {
  http?.close();
  await fake?.close();
  http = undefined;
  fake = undefined;
});

async function failureOf(promise: Promise<unknown>): Promise<KimaiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KimaiError) return error;
    throw error;
  }
  throw new Error('expected a KimaiError');
}

describe('the token', () => {
  it('is read again after a 401, so a token the app saved meanwhile is used without a restart', async () => {
    fake = await startFakeKimai();
    const stored = ['revoked-token-0000', ADA.token];
    let reads = 0;
    http = createKimaiEndpoints({ connection: { baseUrl: fake.url, secret: async () => stored[Math.min(reads++, 1)] ?? null, log: () => {} } });
    expect((await failureOf(http.activeTimesheets())).failure).toBe('bad_token');
    expect(await http.activeTimesheets()).toEqual([]);
    // And kept while it works.
    await http.activeTimesheets();
    expect(reads).toBe(2);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-18T08:00:00Z');
  it('reads seconds and HTTP dates, and waits a second for anything else', () => {
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Wed, 18 Nov 2026 08:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Wednesday, 18-Nov-26 08:00:02 GMT', now)).toBe(2_000);
    // A date already past means now.
    expect(retryAfterMs('Wed, 18 Nov 2026 07:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs(['2', '9'], now)).toBe(2_000);
    for (const invalid of [undefined, '', '  ', 'soon', '-1', '1.5']) expect(retryAfterMs(invalid, now), String(invalid)).toBe(1_000);
  });
});

describe('network failures', () => {
  let certDir: string;
  beforeAll(() => {
    certDir = mkdtempSync(join(tmpdir(), 'punchcard-tls-'));
  });
  afterAll(() => rmSync(certDir, { recursive: true, force: true }));

  it('a certificate for another host name: says it is not for this host', async () => {
    const certs = makeTestCertificates(certDir, 'DNS:kimai.other.example');
    fake = await startFakeKimai({ tls: certs });
    http = createKimaiEndpoints({ connection: { baseUrl: fake.url, secret: async () => ADA.token, log: () => {} }, caFile: certs.caFile });
    const error = await failureOf(http.version());
    expect(error.failure).toBe('tls');
    expect(error.message).toMatch(/^The secure connection to localhost:\d+ failed: its certificate is not for localhost:\d+\./);
  });

  it('plain HTTP behind an https:// address: says the port does not speak TLS', async () => {
    fake = await startFakeKimai();
    http = createKimaiEndpoints({ connection: { baseUrl: fake.url.replace('http:', 'https:'), secret: async () => ADA.token, log: () => {} } });
    const error = await failureOf(http.version());
    expect(error.failure).toBe('tls');
    expect(error.message).toMatch(/failed: it does not speak TLS on that port \(try http:\/\/ or another port\)\./);
  });
});
