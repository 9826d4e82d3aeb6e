// A Debian machine with systemd as its first process, in a container, for the tests that run the
// systemd guide's commands (docs/team-server/systemd.md, docs/team-server/upgrading.md) on a real
// systemd: the unit with its DynamicUser and encrypted credential, systemd-run, systemd-creds. The
// machines that run the tests need not boot with systemd (a development machine in a container or a
// virtual machine does not); podman does, and so does the CI runner.
//
// The image is the team server's base (Node 24 on Debian bookworm) with Debian's systemd from the
// mirror, and the npm that runs the tests (the base made without a registry has none). The
// container runs privileged (systemd mounts the credentials and the unit's sandbox) on the host's
// network (the test reaches the server on loopback, which the development sign-in needs), with the
// units that would reach into the host's kernel masked: sysctl, modules, binfmt. Its root is made
// shared before systemd starts, as on a machine systemd booted, or a credential mounted for a unit
// never reaches the unit.
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { BASE_IMAGE, podman, podmanOk, type Run } from './podman.ts';

export const SYSTEMD_IMAGE = 'localhost/punchcard-systemd-host:test';

const MASKED = [
  'systemd-sysctl.service',
  'systemd-modules-load.service',
  'systemd-binfmt.service',
  'proc-sys-fs-binfmt_misc.automount',
  'sys-kernel-debug.mount',
  'sys-kernel-tracing.mount',
  'sys-kernel-config.mount',
  'sys-fs-fuse-connections.mount',
  'systemd-journald-audit.socket',
  'systemd-pstore.service',
  'systemd-random-seed.service',
  'systemd-firstboot.service',
  'getty@.service',
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'dpkg-db-backup.timer',
  'e2scrub_all.timer',
  'fstrim.timer',
];

/** The folder of the npm on PATH, whole (it bundles what it needs): its `npm` is a link to bin/npm-cli.js there. */
function npmFolder(): string {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const command = join(folder, 'npm');
    if (!existsSync(command)) continue;
    const root = dirname(dirname(realpathSync(command)));
    if ((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string }).name === 'npm') return root;
  }
  throw new Error('No npm on PATH: the systemd machine installs the server package with it.');
}

/** Builds SYSTEMD_IMAGE on the base image (podman's cache makes it quick after the first time). */
export async function buildSystemdImage(): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'punchcard-systemd-image-'));
  try {
    cpSync(npmFolder(), join(context, 'npm'), { recursive: true });
    writeFileSync(
      join(context, 'Containerfile'),
      [
        `FROM ${BASE_IMAGE}`,
        'RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends systemd systemd-sysv dbus openssl && rm -rf /var/lib/apt/lists/* \\',
        ` && systemctl mask ${MASKED.join(' ')}`,
        'RUN rm -rf /usr/local/lib/node_modules/npm',
        'COPY npm /usr/local/lib/node_modules/npm',
        'RUN ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm',
        'CMD ["/lib/systemd/systemd"]',
        '',
      ].join('\n'),
    );
    await podmanOk(['build', '--pull=never', '--tag', SYSTEMD_IMAGE, context], { timeoutMs: 900_000 });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

export interface SystemdMachine {
  name: string;
  /** `bash` on the machine with `script` (stopping at the first command that fails), from `cwd`, with `input` on stdin. */
  bash(script: string, options?: { input?: string; cwd?: string }): Promise<Run>;
  /** As bash, but throws with everything said when it fails. */
  bashOk(script: string, options?: { input?: string; cwd?: string }): Promise<string>;
  /** Copies a file or folder of this machine to `to` on the systemd machine. */
  copyIn(from: string, to: string): Promise<void>;
  /** Copies a file of the systemd machine to `to` here. */
  copyOut(from: string, to: string): Promise<void>;
  remove(): Promise<void>;
}

/** Boots a machine from SYSTEMD_IMAGE and waits until systemd says it is up. */
export async function bootSystemdMachine(name: string): Promise<SystemdMachine> {
  await podmanOk([
    'run',
    '--detach',
    '--name',
    name,
    '--systemd=always',
    '--privileged',
    '--network',
    'host',
    SYSTEMD_IMAGE,
    'sh',
    '-c',
    'mount --make-rshared / && exec /lib/systemd/systemd',
  ]);
  const bash = (script: string, options: { input?: string; cwd?: string } = {}) =>
    podman(
      [
        'exec',
        ...(options.input === undefined ? [] : ['--interactive']),
        '--workdir',
        options.cwd ?? '/root',
        name,
        'bash',
        '--norc',
        '-euo',
        'pipefail',
        '-c',
        script,
      ],
      {
        ...(options.input === undefined ? {} : { input: options.input }),
      },
    );
  const machine: SystemdMachine = {
    name,
    bash,
    async bashOk(script, options) {
      const run = await bash(script, options);
      if (run.code !== 0) throw new Error(`On the systemd machine, failed (${run.code}):\n${script}\n${run.stdout}${run.stderr}`);
      return run.stdout;
    },
    async copyIn(from, to) {
      await podmanOk(['cp', from, `${name}:${to}`]);
    },
    async copyOut(from, to) {
      await podmanOk(['cp', `${name}:${from}`, to]);
    },
    async remove() {
      await podman(['rm', '--force', '--time', '0', name]);
    },
  };
  const started = performance.now();
  for (;;) {
    const state = (await bash('systemctl is-system-running || true')).stdout.trim();
    if (state === 'running') return machine;
    if (state === 'degraded') {
      const failed = await bash('systemctl --failed --no-legend');
      throw new Error(`systemd on the test machine is degraded:\n${failed.stdout}`);
    }
    if (performance.now() - started > 60_000) throw new Error(`systemd on the test machine did not come up (it says "${state}").`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
}
