// A team server whose port, or its metrics' port, another program holds: `serve` says which one and
// exits non-zero, whatever it had bound before (the metrics listener opens before the main one), so
// systemd's Restart=on-failure and Kubernetes see the failure. In this process: a refused start
// (team/team-server.ts) leaves no listener bound and nothing else open; on the built bundle: the
// process ends by itself, with code 1 and one line, long before the run's bound.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../../team-server/config/server-config.ts';
import { ServeRefusal, startTeamServer } from '../../../team-server/team/team-server.ts';
import { runTeamCli } from '../../support/run-cli.ts';
import { sentencesLog } from '../../support/sentences-log.ts';
import { freePort, TEST_SERVER_KEY } from '../../support/team-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'punchcard-busy-ports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another program's listener on a free loopback port. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { port: (server.address() as { port: number }).port, server };
}

const release = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A development server's config on SQLite, listening on `port`, its metrics on `metricsPort`. */
function config(name: string, port: number, metricsPort: number) {
  return {
    public_url: `http://127.0.0.1:${port}`,
    listen: `127.0.0.1:${port}`,
    provider: { type: 'local' },
    sign_in: { development: true },
    store: `sqlite:${join(dir, name, 'server.db')}`,
    key_env: 'PUNCHCARD_SERVER_KEY',
    metrics: { listen: `127.0.0.1:${metricsPort}` },
  };
}

/**
 * The listeners, sockets and watchers this process holds, once the event loop has run the close
 * callbacks of what was just closed (a handle leaves the list there; they run after setImmediate's).
 * Timers and vitest's own pipes to its workers are left out: they come and go on their own.
 */
async function openResources(): Promise<string[]> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  return process
    .getActiveResourcesInfo()
    .filter((kind) => !['Timeout', 'Immediate', 'PipeWrap'].includes(kind))
    .sort();
}

describe('a refused start, in this process', () => {
  it('closes the metrics listener it had bound when the main port is in use, and everything else it opened', async () => {
    const held = await holdPort();
    const metricsPort = await freePort();
    const before = await openResources();
    const log = sentencesLog();
    try {
      const start = startTeamServer({
        config: ServerConfigSchema.parse(config('in-process', held.port, metricsPort)),
        env: { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
        log,
        policyFiles: [join(dir, 'no-policy.json')],
      });
      await expect(start).rejects.toThrow(ServeRefusal);
      await expect(start).rejects.toThrow(`listen: 127.0.0.1:${held.port} is in use by another program.`);
      expect(await openResources()).toEqual(before);
      // The metrics port is free again: another program (here, this test) can listen on it.
      const metrics = createServer();
      await new Promise<void>((resolve, reject) => {
        metrics.once('error', reject);
        metrics.listen(metricsPort, '127.0.0.1', () => resolve());
      });
      await release(metrics);
      expect(log.said.join('\n')).not.toContain('listening');
    } finally {
      await release(held.server);
    }
  });
});

describe('serve --config on the built bundle', () => {
  it.each([
    ['its port', 'listen'],
    ['its metrics port', 'metrics.listen'],
  ] as const)('with %s in use: exit 1 by itself, with one line naming the key and the address', async (_case, key) => {
    const held = await holdPort();
    try {
      const other = await freePort();
      const [port, metricsPort] = key === 'listen' ? [held.port, other] : [other, held.port];
      const file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify(config(key, port, metricsPort)));
      // The run's bound (run-cli.ts: 20 s, then SIGTERM, reported as 143) is generous; the command
      // ends by itself well before it, and without the safety net's line (team-server/index.ts).
      const run = await runTeamCli(['serve', '--config', file], { HOME: dir, PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY });
      // The refusal is the last line (a new store's log lines may come before it), and nothing was served.
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines.at(-1), run.stderr).toBe(`${key}: 127.0.0.1:${held.port} is in use by another program.`);
      expect(run.stderr).not.toContain('still open after it failed');
      expect(run.stderr).not.toContain('listening on');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    } finally {
      await release(held.server);
    }
  });
});
