// runConnectionTest in process: its verdicts and exit codes, and that it never rejects (the entry
// point only prints what it returns).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJsonLine, runConnectionTest } from '../../../mcp-server/cli/test-connection.ts';
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

  it('says which back end it tested, in the --json line too', async () => {
    const result = await test();
    expect(result.provider).toBe('kimai');
    expect(JSON.parse(formatJsonLine(result))).toEqual({ provider: 'kimai', ...result.report });
    // The same folder has no settings file: the saved back end is the default, the local timesheet.
    const saved = await runConnectionTest({ userDataDir: dir as string, env: {}, log: () => {} });
    expect(saved).toEqual({ exitCode: 0, provider: 'local', report: expect.objectContaining({ ok: true, verdict: 'ok' }) });
    expect(formatJsonLine(saved)).not.toContain('\n');
  });

  it('turns an answer it cannot read into a verdict and exit code 1 instead of rejecting', async () => {
    const result = await test((server) => server.failNext({ path: '/api/users/me' }, { status: 200, body: null }));
    expect(result.exitCode).toBe(1);
    expect(result.report).toMatchObject({ ok: false, verdict: 'error', message: expect.stringMatching(/^Punchcard could not finish the connection test: /) });
  });
});
