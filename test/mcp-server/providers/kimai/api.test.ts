// Kimai's API module over the shared remote client, against the fake Kimai and real sockets: token
// rotation, and the network failures a person really meets (a certificate for another
// host, plain HTTP on an HTTPS address).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KimaiError } from '../../../../mcp-server/providers/kimai/errors.ts';
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
