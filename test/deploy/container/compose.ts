// deploy/compose.yaml run by the compose tools administrators use, for test/deploy/container/compose.test.ts:
// Docker Compose v2 (`docker compose`, on the hosted runners), podman-compose (Debian's 1.0.3 here)
// and Debian's docker-compose 1.29 through podman's Docker-compatible API. PUNCHCARD_COMPOSE names the
// tools to run (comma-separated: docker, podman-compose, docker-compose); without it, Docker Compose
// v2 where it and its daemon answer, else podman-compose. A tool that is named or picked but cannot
// run fails the test, saying so: nothing is skipped.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { podmanOk, ROOT, type Run } from './podman.ts';

export type ComposeToolName = 'docker' | 'podman-compose' | 'docker-compose';

export interface ComposeTool {
  name: ComposeToolName;
  /** How the docs and the report call it. */
  label: string;
  /** The container engine behind it, which the test asks about containers, networks and volumes. */
  engine: 'docker' | 'podman';
  /** The tool's command line before its own arguments. */
  command: readonly string[];
  /** Environment for the tool (docker-compose 1.29 is pointed at podman's API socket). */
  env: NodeJS.ProcessEnv;
  /** Stops what the tool needed beside it (podman's API service). */
  close(): Promise<void>;
}

/** Stand-ins for the official images on a machine that cannot pull them (compose/*: Debian's own packages). */
export const STAND_IN_IMAGES = {
  postgres: { tag: 'localhost/punchcard-compose-postgres:bookworm', context: join(import.meta.dirname, 'compose/postgres') },
  proxy: { tag: 'localhost/punchcard-compose-caddy:bookworm', context: join(import.meta.dirname, 'compose/caddy') },
} as const;

/** Whether the official images come from their registry (CI) or stand-ins are made here (scripts/container-base.sh's switch). */
export const FROM_REGISTRY = process.env.PUNCHCARD_BASE_FROM === 'registry';

/** `FILE ARGS`, its exit code and output; never throws. */
export function execute(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolvePromise) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 300_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolvePromise({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr: stderr || (error && typeof error.code !== 'number' ? String(error.message) : ''),
        });
      },
    );
  });
}

/** `FILE ARGS`, its stdout; throws with everything it said when it fails. */
export async function executeOk(file: string, args: readonly string[], options: Parameters<typeof execute>[2] = {}): Promise<string> {
  const run = await execute(file, args, options);
  if (run.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${run.code}):\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

const answers = (file: string, args: string[]) => spawnSync(file, args, { encoding: 'utf8', stdio: 'ignore' }).status === 0;

/** The tools this run uses (PUNCHCARD_COMPOSE, or the one found); throws, saying what to install, when none can run. */
export function composeToolNames(): ComposeToolName[] {
  const named = process.env.PUNCHCARD_COMPOSE?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (named && named.length > 0) {
    const unknown = named.find((name) => !['docker', 'podman-compose', 'docker-compose'].includes(name));
    if (unknown) throw new Error(`PUNCHCARD_COMPOSE names "${unknown}": the tools are docker (Docker Compose v2), podman-compose and docker-compose.`);
    return named as ComposeToolName[];
  }
  if (answers('docker', ['compose', 'version']) && answers('docker', ['info'])) return ['docker'];
  if (answers('podman-compose', ['--version'])) return ['podman-compose'];
  throw new Error(
    'Neither Docker Compose v2 (`docker compose`, with a running Docker) nor podman-compose is installed: the compose test needs one (docs/team-server/compose.md). It does not skip.',
  );
}

/** Waits until `path` exists (a socket a service is about to make). */
async function waitForFile(path: string, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now();
  while (!existsSync(path)) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what} did not appear within ${timeoutMs} ms.`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** The tool, ready to run: checked that it answers, and for docker-compose 1.29 podman's API service started in `work`. */
export async function openComposeTool(name: ComposeToolName, work: string): Promise<ComposeTool> {
  const nothing = async () => {};
  if (name === 'docker') {
    if (!answers('docker', ['compose', 'version']))
      throw new Error('Docker Compose v2 (`docker compose version`) does not answer: install the Compose plugin.');
    if (!answers('docker', ['info'])) throw new Error('Docker does not answer (`docker info`): start the Docker daemon.');
    return { name, label: 'Docker Compose v2', engine: 'docker', command: ['docker', 'compose'], env: process.env, close: nothing };
  }
  if (name === 'podman-compose') {
    if (!answers('podman-compose', ['--version'])) throw new Error('podman-compose is not installed (apt-get install podman-compose).');
    return { name, label: 'podman-compose', engine: 'podman', command: ['podman-compose'], env: process.env, close: nothing };
  }
  if (!answers('docker-compose', ['--version'])) throw new Error('docker-compose is not installed (apt-get install docker-compose).');
  // docker-compose 1.x speaks Docker's API, which podman serves on a socket of its own.
  const socket = join(work, 'podman.sock');
  const service: ChildProcess = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
  await waitForFile(socket, 30_000, `podman's API socket (${socket})`);
  return {
    name,
    label: 'docker-compose 1.29 on podman',
    engine: 'podman',
    command: ['docker-compose'],
    env: { ...process.env, DOCKER_HOST: `unix://${socket}` },
    async close() {
      if (service.exitCode !== null) return;
      const ended = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await ended;
    },
  };
}

/** `ENGINE ARGS` for the tool's engine. */
export function engine(tool: ComposeTool, args: readonly string[], timeoutMs?: number): Promise<Run> {
  return execute(tool.engine, args, { env: tool.env, ...(timeoutMs ? { timeoutMs } : {}) });
}

/**
 * Puts an image podman holds into Docker (the image the tests build with podman, a stand-in), unless
 * the tool's engine is podman itself.
 */
export async function shareImage(tool: ComposeTool, image: string): Promise<void> {
  if (tool.engine === 'podman') return;
  await executeOk('sh', ['-c', `podman save --format docker-archive '${image}' | docker load`], { timeoutMs: 600_000 });
}

/** Builds the stand-ins for the official images (a cached build takes a second); answers the seconds. */
export async function buildStandIns(): Promise<number> {
  const started = performance.now();
  for (const { tag, context } of Object.values(STAND_IN_IMAGES))
    await podmanOk(['build', '--pull=never', '--quiet', '--tag', tag, context], { timeoutMs: 900_000 });
  return (performance.now() - started) / 1000;
}

type ComposeFile = {
  services: Record<string, Record<string, unknown> & { image: string; ports?: string[]; extra_hosts?: string[] }>;
} & Record<string, unknown>;

/**
 * deploy/compose.yaml with only what this machine needs changed: the image just built for the server,
 * the stand-ins for PostgreSQL and Caddy where the official images cannot be pulled, the proxy's port
 * on loopback (not 80 and 443), and on Docker the name podman gives the host (host.containers.internal),
 * where the fake Kimai is reached. Everything else (volumes, secrets, users, read-only root) is the file's.
 * `earlierDatabase`: PostgreSQL as the earlier file made its database, for the guide's upgrade step.
 */
export function composeFileFor(tool: ComposeTool, options: { serverImage: string; proxyPort: number; earlierDatabase?: boolean }): string {
  const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8')) as ComposeFile;
  const { server, postgres, proxy } = compose.services;
  if (!server || !postgres || !proxy) throw new Error('deploy/compose.yaml no longer has the services postgres, server and proxy.');
  server.image = options.serverImage;
  if (!FROM_REGISTRY) {
    postgres.image = STAND_IN_IMAGES.postgres.tag;
    proxy.image = STAND_IN_IMAGES.proxy.tag;
  }
  proxy.ports = [`127.0.0.1:${options.proxyPort}:80`];
  if (tool.engine === 'docker') server.extra_hosts = ['host.containers.internal:host-gateway'];
  // A database as the earlier compose.yaml had it made: the image's defaults, its socket open without a password.
  if (options.earlierDatabase) delete (postgres.environment as Record<string, string>).POSTGRES_INITDB_ARGS;
  return stringify(compose);
}

/** deploy/compose/server.json with the address people reach (the proxy's port here) and the fake Kimai's. */
export function serverConfigFor(options: { publicUrl: string; kimaiUrl: string }): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'deploy/compose/server.json'), 'utf8')) as Record<string, unknown> & { provider: { url: string } };
  return JSON.stringify({ ...config, public_url: options.publicUrl, provider: { ...config.provider, url: options.kimaiUrl } }, null, 2);
}

/** deploy/compose/Caddyfile serving plain HTTP on any name (no certificate on a test machine); its proxying is the file's. */
export function caddyfileForTest(): string {
  const shipped = readFileSync(join(ROOT, 'deploy/compose/Caddyfile'), 'utf8');
  const sites = shipped.match(/^punchcard\.example\.com \{$/gm) ?? [];
  if (sites.length !== 1) throw new Error('deploy/compose/Caddyfile no longer has the one site block "punchcard.example.com {".');
  return shipped.replace(/^punchcard\.example\.com \{$/m, ':80 {');
}

/** The sh blocks of docs/team-server/compose.md, in order. */
function guideBlocks(): string[] {
  const guide = readFileSync(join(ROOT, 'docs/team-server/compose.md'), 'utf8');
  // Blocks inside a list item are indented; their lines are taken without it.
  return [...guide.matchAll(/^( *)```sh\n([\s\S]*?)^\1```/gm)].map(([, indent = '', body = '']) =>
    body
      .split('\n')
      .map((line) => line.slice(indent.length))
      .join('\n'),
  );
}

/** The guide's sh block that holds `marker`; throws when none does (the guide changed and the test must follow). */
export function guideBlock(marker: string): string {
  const block = guideBlocks().find((text) => text.includes(marker));
  if (!block) throw new Error(`docs/team-server/compose.md has no sh block with "${marker}".`);
  return block;
}

/**
 * The commands of the guide's first block up to the editing step (the secrets: folder, files, owners
 * and modes), without its `cd deploy`: what an administrator types before `up`.
 */
export function guideSecretCommands(): string {
  const lines = guideBlock('openssl rand').split('\n');
  const end = lines.findIndex((line) => line.startsWith('# edit'));
  if (end < 0) throw new Error('docs/team-server/compose.md: the first sh block no longer says where to edit the config ("# edit …").');
  return lines
    .slice(0, end)
    .filter((line) => line.trim() !== 'cd deploy')
    .join('\n');
}

/** A guide's `docker compose …` line as this tool runs it on this project (`docker compose` → the tool, with `-p` and `-f`). */
export function asTool(line: string, tool: ComposeTool, project: string): string {
  return line.replace(/^docker compose /, `${tool.command.join(' ')} -p ${project} -f compose.yaml `);
}

export interface Relay {
  host: string;
  close(): Promise<void>;
}

/**
 * Passes TCP connections made to `host:port` on to `target` (the fake Kimai on loopback): the
 * server's container reaches the host at the address its network gives it, and only there.
 */
export async function startRelay(host: string, port: number, target: { host: string; port: number }): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming) => {
    const outgoing = createConnection(target);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    host,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What is left of a compose project on its engine: containers (running or not), networks and volumes, by Compose's project label. */
export async function projectLeftovers(tool: ComposeTool, project: string): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filter = `label=com.docker.compose.project=${project}`;
  const list = async (args: string[]) => {
    const run = await engine(tool, [...args, '--filter', filter]);
    if (run.code !== 0) throw new Error(`${tool.engine} ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout.split('\n').filter(Boolean).sort();
  };
  return {
    containers: await list(['ps', '--all', '--format', '{{.Names}}']),
    networks: await list(['network', 'ls', '--format', '{{.Name}}']),
    volumes: await list(['volume', 'ls', '--format', '{{.Name}}']),
  };
}

/** The name of the container a compose service runs in, or undefined while there is none. */
export async function containerOf(tool: ComposeTool, project: string, service: string): Promise<string | undefined> {
  const run = await engine(tool, [
    'ps',
    '--all',
    '--format',
    '{{.Names}}',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
  ]);
  return run.stdout.split('\n').find(Boolean);
}
