// runConnectionTest in process: its verdicts and exit codes, and that it never rejects (the entry
// point only prints what it returns).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConnectionTest } from '../../../mcp-server/cli/test-connection.ts';
import { createEnvStore } from '../../../mcp-server/credentials/index.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeUser, startFakeKimai } from '../providers/kimai/fake-kimai.ts';

const ADA = DEFAULT_USERS[0] as FakeUser;

let fake: FakeKimai | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = undefined;
  dir = undefined;
});

async function test(setup: (server: FakeKimai) => void = () => {}) {
  fake = await startFakeKimai();
  setup(fake);
  dir = mkdtempSync(join(tmpdir(), 'punchcard-connection-'));
  const env = { PUNCHCARD_KIMAI_TOKEN: ADA.token };
  return runConnectionTest({ userDataDir: dir, provider: { type: 'kimai', url: fake.url }, env, log: () => {}, credentials: createEnvStore(env) });
}

describe('runConnectionTest', () => {
  it('answers 0 and a verdict when connected', async () => {
    const { exitCode, report } = await test();
    expect(exitCode).toBe(0);
    expect(report).toMatchObject({ ok: true, verdict: 'ok', user: { name: 'Ada Lovelace', timezone: 'Europe/Berlin' }, absences: 'absent' });
  });

  it('turns an answer it cannot read into a verdict and exit code 1 instead of rejecting', async () => {
    const result = await test((server) => server.failNext({ path: '/api/users/me' }, { status: 200, body: null }));
    expect(result.exitCode).toBe(1);
    expect(result.report).toMatchObject({ ok: false, verdict: 'error', message: expect.stringMatching(/^Punchcard could not finish the connection test: /) });
  });
});
