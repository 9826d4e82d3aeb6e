// Podman for the container tests and the bench: the engine run without blocking this process (the
// fake back ends the containers call live in it), the base image made once per machine
// (scripts/container-base.sh) and the team server's image built from the Containerfile. Without
// podman or without the built bundle every caller fails, saying which is missing: a machine that
// cannot run these tests must not pass them.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BASE_IMAGE = 'docker.io/library/node:24-bookworm-slim';
/** What BASE_IMAGE is made from, and the tests' PostgreSQL image too. */
export const DEBIAN_IMAGE = 'docker.io/library/debian:bookworm-slim';
export const IMAGE = 'localhost/punchcard-server:test';
export const APP_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const MEASUREMENTS = join(ROOT, 'test-output', 'deploy-measurements.json');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `podman ARGS`, its exit code and output; never throws. */
export function podman(args: readonly string[], options: { timeoutMs?: number; input?: string } = {}): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      'podman',
      args,
      { maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 300_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolvePromise({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr: stderr || (error && typeof error.code !== 'number' ? String(error.message) : ''),
        });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** `podman ARGS`, its stdout; throws with everything it said when it fails. */
export async function podmanOk(args: readonly string[], options: { timeoutMs?: number; input?: string } = {}): Promise<string> {
  const run = await podman(args, options);
  if (run.code !== 0) throw new Error(`podman ${args.join(' ')} failed (${run.code}):\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** Throws, saying what is missing, where podman is not installed or the tests do not run as root (`uid`: this process's). */
export function requirePodman(uid = process.getuid?.()): void {
  const version = spawnSync('podman', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error(
      'podman is not installed: the container tests need it (bash scripts/setup.sh installs it; docs/team-server/container.md, "Testing the image"). They do not skip.',
    );
  }
  // Rootless podman would run them in another image store, and could not hand the secret files to the container's user.
  if (uid !== 0) {
    throw new Error(
      'The container tests run as root: they hand mounted secret files to the container’s user (10001) and boot systemd in a privileged container. Run them as root (sudo). They do not skip.',
    );
  }
}

/** Makes the base images unless they are on the machine; answers the seconds it took, or null when they were there. */
export function ensureBaseImage(): number | null {
  requirePodman();
  if ([BASE_IMAGE, DEBIAN_IMAGE].every((image) => spawnSync('podman', ['image', 'exists', image]).status === 0)) return null;
  const started = performance.now();
  const made = spawnSync('bash', [join(ROOT, 'scripts/container-base.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (made.status !== 0) throw new Error(`scripts/container-base.sh failed (${made.status}):\n${made.stdout}${made.stderr}`);
  return (performance.now() - started) / 1000;
}

/** Builds the team server's image from the built bundle as IMAGE; answers the seconds the build took. */
export async function buildImage(tag = IMAGE): Promise<number> {
  if (!existsSync(join(ROOT, 'dist/team-server/punchcard-mcp.mjs')))
    throw new Error('dist/team-server/ is missing: run `npx vite build` before the container tests (npm run test:deploy does).');
  const started = performance.now();
  await podmanOk(
    [
      'build',
      '--pull=never',
      '--format',
      'docker',
      '--build-arg',
      `VERSION=${APP_VERSION}`,
      '--build-arg',
      'SOURCE=https://example.com/punchcard',
      '--tag',
      tag,
      '--file',
      join(ROOT, 'Containerfile'),
      ROOT,
    ],
    { timeoutMs: 600_000 },
  );
  return (performance.now() - started) / 1000;
}

export async function imageSize(image: string): Promise<number> {
  return Number((await podmanOk(['image', 'inspect', image, '--format', '{{.Size}}'])).trim());
}

/** Keeps a measurement in test-output/deploy-measurements.json (the report reads them from there). */
export function recordMeasurement(name: string, value: number | string): void {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const kept = existsSync(MEASUREMENTS) ? (JSON.parse(readFileSync(MEASUREMENTS, 'utf8')) as Record<string, unknown>) : {};
  kept[name] = value;
  writeFileSync(MEASUREMENTS, `${JSON.stringify(kept, null, 2)}\n`);
  process.stderr.write(`measured: ${name} = ${value}\n`);
}

/** Polls `url` until it answers 200; answers the milliseconds it took. */
export async function waitForOk(url: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms.`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}
