// scripts/container-base.sh, which makes the base images the other container tests build on, run against an image
// store of its own (podman with --root and --runroot in a temporary folder, named to it by CONTAINER_ENGINE), so the
// machine's images are never touched: it uses the images a machine has, makes the one that is missing, and fails when
// what it made does not run. And requirePodman, which every container test calls first, refuses to go on as another
// user than root, saying why.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE_IMAGE, DEBIAN_IMAGE, ensureBaseImage, requirePodman, ROOT } from './podman.ts';

const SCRIPT = join(ROOT, 'scripts/container-base.sh');

let work: string;
let engine: string;
let bin: string;

/**
 * podman's options for the test's own store. Errors only: a new store warns about the CNI configuration Debian's
 * podman package ships, though it goes on with netavark.
 */
const storeOptions = () => ['--root', join(work, 'root'), '--runroot', join(work, 'runroot'), '--log-level', 'error'];
const storeCommand = () => `exec podman ${storeOptions().join(' ')} "$@"`;

/** podman on the test's own store. */
const own = (args: string[], input?: Buffer) => execFileSync('podman', [...storeOptions(), ...args], { input, encoding: 'utf8', timeout: 300_000 });

/** The script as a machine runs it, on the test's store, with `bin` first on PATH. */
function runScript(env: Record<string, string> = {}) {
  return spawnSync('bash', [SCRIPT], {
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, CONTAINER_ENGINE: engine, PATH: `${bin}${delimiter}${process.env.PATH}`, PUNCHCARD_BASE_FROM: '', ...env },
  });
}

/** An image of that name in the test's store, from a folder of one file: enough for `image exists`. */
function placeholderImage(name: string): void {
  const folder = join(work, 'placeholder');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'placeholder'), name);
  own(['import', '-', name], execFileSync('tar', ['-C', folder, '-c', '.']));
}

/** An executable script at `path`. */
function script(path: string, text: string): void {
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
}

// The machine's Debian image is copied into the test's store (on a machine without it, made first, as for every container test).
beforeAll(() => {
  ensureBaseImage();
}, 900_000);

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'punchcard-container-base-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  engine = join(work, 'engine');
  script(engine, storeCommand());
});

afterEach(() => {
  spawnSync(engine, ['rmi', '--all', '--force']);
  rmSync(work, { recursive: true, force: true });
});

describe('scripts/container-base.sh', () => {
  it('uses the images a machine has: says so, and makes nothing', () => {
    placeholderImage(DEBIAN_IMAGE);
    placeholderImage(BASE_IMAGE);
    const made = runScript();
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('are already on this machine; using them');
    expect(own(['images', '--format', '{{.Repository}}:{{.Tag}}']).trim().split('\n').sort()).toEqual([DEBIAN_IMAGE, BASE_IMAGE].sort());
  });

  it('makes Debian’s image when only Node’s is there (the tests’ PostgreSQL, Caddy and systemd images start from it)', () => {
    placeholderImage(BASE_IMAGE);
    // mmdebstrap stands in, failing at once: the test sees the script set out to make the image without the minutes it takes.
    script(join(bin, 'mmdebstrap'), 'echo "mmdebstrap was asked for $*" >&2; exit 7');
    const made = runScript();
    expect(made.stderr).toContain('mmdebstrap was asked for');
    expect(made.status).not.toBe(0);
  });

  it('fails, saying why, when the Node image it made does not run (a container runtime podman cannot start)', () => {
    own(['load'], execFileSync('podman', ['save', DEBIAN_IMAGE], { maxBuffer: 1024 * 1024 * 1024 }));
    // npm pack hands over a Node that only says its version: the build runs it as it runs the real one, without the
    // registry download and the 100 MB layer, which set-up and every fresh machine go through anyway.
    const pack = join(work, 'pack');
    mkdirSync(join(pack, 'package', 'bin'), { recursive: true });
    script(join(pack, 'package', 'bin', 'node'), 'echo v24.0.0');
    script(join(bin, 'npm'), `[ "$1" = pack ] || exit 9\ntar -C '${pack}' -czf node-linux-stand-in.tgz package`);
    // podman itself, but `run` ends as runc did here before the host's limits were set for it (scripts/setup.sh).
    script(
      engine,
      [
        `if [ "$1" = run ]; then echo 'Error: runc: runc create failed: error setting rlimit type 7: operation not permitted' >&2; exit 126; fi`,
        storeCommand(),
      ].join('\n'),
    );
    const made = runScript();
    expect(made.stdout).toContain('adding Node 24');
    expect(made.stderr).toContain('error setting rlimit');
    expect(made.stdout).not.toContain('made docker.io/library/node');
    expect(made.status).not.toBe(0);
  });
});

describe('requirePodman', () => {
  it('refuses to go on as another user than root, saying why and that nothing is skipped', () => {
    expect(() => requirePodman(1000)).toThrow(/run as root: they hand mounted secret files to the container’s user \(10001\).*They do not skip\./);
    expect(() => requirePodman(0)).not.toThrow();
  });
});
