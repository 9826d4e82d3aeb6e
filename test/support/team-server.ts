// The team server as its tests meet it: started in the test's own process through its own
// startTeamServer (team-server/team/team-server.ts), on the config file an administrator writes, read
// as `serve --config FILE` reads it; or, for what only a real process proves (signals, a kill, the
// command line, the bundle itself), its BUILT bundle (dist/team-server/) started with `serve --config
// FILE` in a process of its own (`built: true`). Then a browser that signs in through the server's own pages
// (forms, cookies, redirects, as a person's browser would, without JavaScript: the pages have none),
// and the official MCP client with its OAuth support, connected over Streamable HTTP in either era.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Writable } from 'node:stream';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import {
  Client,
  type ElicitRequestFormParams,
  type ElicitResult,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type OAuthTokens,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from '@modelcontextprotocol/client';
import { APP_MIME_TYPE, UI_EXTENSION } from '../../mcp-server/apps/app-catalog.ts';
import type { WallClock } from '../../mcp-server/clock.ts';
import { readServerConfigFile } from '../../team-server/config/server-config-file.ts';
import { teamLog } from '../../team-server/logs/team-log.ts';
import { startTeamServer as startInProcess } from '../../team-server/team/team-server.ts';
import { TEAM_SERVER_ENVIRONMENT, TEAM_SERVER_NODE_FLAGS } from '../../team-server/node-flags.ts';
import { TEAM_SERVER_BUNDLE, type Era, type ToolResult } from './engine.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { testPace } from './test-pace.ts';

export const TEST_SERVER_KEY = randomBytes(32).toString('base64');

/**
 * A port to give a server that must be named before it starts (a redirect address registered first, two instances
 * that name each other). It is taken below the system's range of ephemeral ports: the kernel hands those to every
 * outgoing connection and every `listen(0)` of the fakes, so one of them could take a port picked there between this
 * probe and the server's start, as it did once under a full run ("127.0.0.1:45459 is in use by another program").
 * Below that range only another pick can meet it: drawn at random from some twelve thousand and probed, and never one
 * this process handed out before, which is still free until its server starts (a team server's port and its
 * metrics', picked one after the other, were once the same: "an address of its own, not the port people reach").
 */
export async function freePort(): Promise<number> {
  const below = ephemeralPortsFrom();
  for (;;) {
    const port = FIXED_PORTS_FROM + Math.floor(Math.random() * (below - FIXED_PORTS_FROM));
    if (handedOut.has(port) || !(await portIsFree(port))) continue;
    handedOut.add(port);
    return port;
  }
}

/** Every port freePort gave in this process: a test's servers stop with it, so none is given twice. */
const handedOut = new Set<number>();

const FIXED_PORTS_FROM = 20_000;

function ephemeralPortsFrom(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > FIXED_PORTS_FROM + 1_000) return low;
  } catch {
    // Not Linux: its usual range starts above this one's.
  }
  return 32_768;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export interface TeamServerHandle {
  /** Where the test reaches this instance (people reach its public_url: a load balancer's, or one "on the internet"). */
  origin: string;
  mcpUrl: string;
  /** Where this instance itself listens. */
  listenUrl: string;
  dataDir: string;
  configPath: string;
  /** The built server's process (`built: true`); reading it for a server in the test's process throws. */
  process: ChildProcess;
  /** Whether it is still running (not stopped, killed or exited). */
  running: () => boolean;
  /** What the server wrote: its log's lines (and, built, anything else on stderr and stdout). */
  stderr: () => string;
  /** SIGTERM (built) or close (in process), and waits for the exit code (0 in process). */
  stop: () => Promise<number | null>;
  /** SIGKILL, and waits (built only). */
  kill: () => Promise<void>;
  /** Starts the same server again on the same port, data and key (a restart). */
  restart: () => Promise<TeamServerHandle>;
}

export interface TeamServerSetup {
  /** Its built bundle in a process of its own, for what only a real process proves; default: in the test's process. */
  built?: boolean;
  /**
   * How the built bundle is started: `node` with the server's flags before it, as the image's entry
   * point does (the default); its program's first line as the kernel runs it (`shebang`: the systemd
   * unit, `npx`); or a bare `node` before it, as the guide's first command (`node`).
   */
  launch?: 'entry-point' | 'shebang' | 'node';
  provider?: Record<string, unknown>;
  signIn?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  limits?: Record<string, unknown>;
  trustedProxies?: string[];
  /** Web pages of browser-based clients allowed besides the server's own (`allowed_origins`). */
  allowedOrigins?: string[];
  env?: Record<string, string>;
  /** Reuse a data folder (restarts, several instances). */
  dataDir?: string;
  port?: number;
  key?: string;
  /** The store on this PostgreSQL instead of SQLite in the data folder. */
  postgres?: { url: string; password: string };
  /**
   * Which store, where `postgres` names none: SQLite in the data folder, or a database of its own on a
   * PostgreSQL this test process shares. Default: PUNCHCARD_TEST_STORE, else sqlite. The local
   * timesheet stays on SQLite (the server refuses it on PostgreSQL).
   */
  store?: TestStore;
  /** Where people reach it, when that is not where it listens (behind a load balancer, or a server "on the internet"). */
  publicUrl?: string;
  /** Further keys of server.json, as an administrator writes them (refresh_token_grace_seconds, …). */
  config?: Record<string, unknown>;
  /** The server's clock, and how a request waits on it (a test's own, fake-clock.ts): in the test's process only. */
  clock?: WallClock;
}

/** The stores the team server's tests run on. */
export const TEST_STORES = ['sqlite', 'postgres'] as const;
export type TestStore = (typeof TEST_STORES)[number];

/** The store tests use where they name none (PUNCHCARD_TEST_STORE=postgres runs them on PostgreSQL). */
export function defaultTestStore(): TestStore {
  const named = process.env.PUNCHCARD_TEST_STORE ?? 'sqlite';
  if (named !== 'sqlite' && named !== 'postgres') throw new Error(`PUNCHCARD_TEST_STORE is "${named}"; it must be sqlite or postgres.`);
  return named;
}

let sharedPostgres: Promise<TestPostgres> | undefined;

/** A fresh database on the PostgreSQL this test process shares (started on first use, gone with the process). */
export async function freshPostgresDatabase(): Promise<{ url: string; password: string }> {
  sharedPostgres ??= startPostgres();
  const postgres = await sharedPostgres;
  const name = `team_${randomBytes(6).toString('hex')}`;
  postgres.psql(`CREATE DATABASE ${name}`);
  return { url: postgres.url.replace(/\/punchcard$/, `/${name}`), password: postgres.password };
}

/** How many ports a server without a given one tries before it gives up (see startTeamServer). */
const PORT_TRIES = 5;

/**
 * A team server on the setup's port, or on a free one. A free port is only free when it was probed:
 * another test's process may bind it before this server does, so a server whose port the test did not
 * give tries another when the one it was handed is taken (a failed start closes all it had opened).
 */
export async function startTeamServer(setup: TeamServerSetup = {}): Promise<TeamServerHandle> {
  if (!setup.postgres && (setup.store ?? defaultTestStore()) === 'postgres' && (setup.provider?.type ?? 'local') !== 'local') {
    return startTeamServer({ ...setup, postgres: await freshPostgresDatabase() });
  }
  if (setup.port !== undefined) return startOnPort(setup, setup.port);
  for (let tries = 1; ; tries++) {
    try {
      return await startOnPort(setup, await freePort());
    } catch (error) {
      if (tries >= PORT_TRIES || !/is in use by another program/.test(String(error))) throw error;
    }
  }
}

async function startOnPort(setup: TeamServerSetup, port: number): Promise<TeamServerHandle> {
  const dataDir = setup.dataDir ?? mkdtempSync(join(tmpdir(), 'punchcard-team-'));
  const origin = `http://127.0.0.1:${port}`;
  const config = {
    public_url: setup.publicUrl ?? origin,
    listen: `127.0.0.1:${port}`,
    provider: setup.provider ?? { type: 'local' },
    sign_in: setup.signIn ?? { development: true },
    store: setup.postgres ? setup.postgres.url : `sqlite:${join(dataDir, 'server.db')}`,
    ...(setup.postgres ? { postgres: { password_env: 'PUNCHCARD_DB_PASSWORD', tls: 'disable', pool_size: 8 }, data_dir: dataDir } : {}),
    key_env: 'PUNCHCARD_SERVER_KEY',
    ...(setup.trustedProxies ? { trusted_proxies: setup.trustedProxies } : {}),
    ...(setup.allowedOrigins ? { allowed_origins: setup.allowedOrigins } : {}),
    ...(setup.settings ? { settings: setup.settings } : {}),
    ...(setup.limits ? { limits: setup.limits } : {}),
    ...setup.config,
  };
  const configPath = join(dataDir, 'server.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const key = setup.key ?? TEST_SERVER_KEY;
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dataDir,
    TZ: 'Europe/Berlin',
    PUNCHCARD_SERVER_KEY: key,
    ...testPace(),
    ...(setup.postgres ? { PUNCHCARD_DB_PASSWORD: setup.postgres.password } : {}),
    ...setup.env,
  };
  const restart = () => startTeamServer({ ...setup, dataDir, port, key });
  const where = { origin, mcpUrl: `${origin}/mcp`, listenUrl: `http://127.0.0.1:${port}`, dataDir, configPath };
  if (!setup.built) return startedInProcess(where, env, restart, setup.clock);
  if (setup.clock) throw new Error("The built server's process keeps the system's clock: start it in the test's process to give it one.");
  const [command, ...launch] = launchCommand(setup.launch ?? 'entry-point');
  const child = spawn(command as string, [...launch, 'serve', '--config', configPath], {
    // `env` finds the node of this test first. The entry point is started as the image and the unit start it,
    // with their environment too: without it `serve` starts itself again to add it, a second start each time.
    env:
      setup.launch === 'shebang'
        ? { ...env, PATH: `${dirname(process.execPath)}:${env.PATH}` }
        : (setup.launch ?? 'entry-point') === 'entry-point'
          ? { ...TEAM_SERVER_ENVIRONMENT, ...env }
          : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The team server did not start:\n${stderr}`)), 20_000);
    const check = () => {
      if (/listening on/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The team server exited (${code}) before listening:\n${stderr}`));
    });
  });
  const handle: TeamServerHandle = {
    ...where,
    process: child,
    running: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    restart,
  };
  return handle;
}

/** The command that starts the built bundle, and its arguments before the bundle's own (TeamServerSetup.launch). */
function launchCommand(launch: NonNullable<TeamServerSetup['launch']>): string[] {
  if (launch === 'node') return [process.execPath, TEAM_SERVER_BUNDLE];
  if (launch === 'entry-point') return [process.execPath, ...TEAM_SERVER_NODE_FLAGS, TEAM_SERVER_BUNDLE];
  // As the kernel runs `#!/usr/bin/env -S node …`: everything after the interpreter is one argument.
  const line = readFileSync(TEAM_SERVER_BUNDLE, 'utf8').split('\n', 1)[0] as string;
  const [interpreter, ...words] = line.slice(2).split(' ');
  return [interpreter as string, words.join(' '), TEAM_SERVER_BUNDLE];
}

/**
 * The server in this process, on the config file as `serve --config FILE` reads it and the
 * environment its process would have, its log's lines collected for `stderr()`. A refusal to start
 * rejects with the refusal's words.
 */
async function startedInProcess(
  where: Pick<TeamServerHandle, 'origin' | 'mcpUrl' | 'listenUrl' | 'dataDir' | 'configPath'>,
  env: NodeJS.ProcessEnv,
  restart: () => Promise<TeamServerHandle>,
  clock: WallClock | undefined,
): Promise<TeamServerHandle> {
  const read = readServerConfigFile(where.configPath);
  if (!read.ok) throw new Error(`The team server did not start: ${read.problem}`);
  if (env.NODE_EXTRA_CA_CERTS) trustExtraCertificates(env.NODE_EXTRA_CA_CERTS);
  let lines = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  const server = await startInProcess({
    config: read.config,
    env,
    log: await teamLog({ human: false, destination }),
    ...(clock ? { now: clock.now, wait: clock.wait } : {}),
  });
  let stopped: Promise<number | null> | undefined;
  return {
    ...where,
    get process(): ChildProcess {
      throw new Error('This team server runs in the test process: start it with built: true for its process.');
    },
    running: () => stopped === undefined,
    stderr: () => lines,
    stop: () => (stopped ??= server.close().then(clientsToldOfClosedConnections)),
    kill: () => Promise.reject(new Error('This team server runs in the test process: start it with built: true to kill it.')),
    restart,
  };
}

/**
 * The certificates a test's NODE_EXTRA_CA_CERTS names, trusted by this process beside the usual
 * authorities, as Node trusts them in a process started with that variable (the built server's): an
 * https client document or identity provider under a CA made for the test is reached by the server in
 * this process too. Only the test's own CA is added; nothing is trusted less.
 */
function trustExtraCertificates(file: string): void {
  const trusted = getCACertificates('default');
  const known = new Set(trusted.map((certificate) => certificate.replace(/\s/g, '')));
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    return; // Node, too, starts without a file it cannot read (it warns, and ignores the variable).
  }
  const extra = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const added = extra.filter((certificate) => !known.has(certificate.replace(/\s/g, '')));
  if (added.length > 0) setDefaultCACertificates([...trusted, ...added]);
}

/**
 * After an in-process server closed its connections: one turn of the event loop, in which this
 * process's clients read the ends of their kept-alive connections. A stopped process takes longer
 * than that to exit and start again; a server restarted in this process at once could otherwise meet
 * a client that still takes the old connection for open, and sends its next request down it.
 */
async function clientsToldOfClosedConnections(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  return 0;
}

export function removeTeamServerData(handle: TeamServerHandle): void {
  rmSync(handle.dataDir, { recursive: true, force: true });
}

/**
 * After a test: stops each server still running (SIGTERM, waiting for its exit) and removes its data,
 * whether the test stopped it, killed it or left it. Skips `undefined`, for a test that failed first.
 */
export async function stopAndRemoveServers(...handles: Array<TeamServerHandle | undefined>): Promise<void> {
  for (const handle of handles) {
    if (!handle) continue;
    if (handle.running()) await handle.stop();
    removeTeamServerData(handle);
  }
}

export interface Page {
  status: number;
  url: string;
  html: string;
  headers: Headers;
}

/**
 * A browser without JavaScript: it keeps each site's cookies, follows redirects (to the company's
 * identity provider and back too), and submits the forms a page shows. It stops at a redirect that
 * leaves for `stopAt` (a client's redirect URI) and hands back where it would have gone.
 */
export class SignInBrowser {
  /** Cookies by origin, then by name. */
  readonly #cookies = new Map<string, Map<string, string>>();
  readonly origin: string;
  /** The last redirect that left for a client's redirect URI. */
  callback: URL | undefined;
  stopAt: string | undefined;

  constructor(origin: string) {
    this.origin = origin;
  }

  async open(url: string | URL): Promise<Page> {
    return this.#go(new URL(url, this.origin), { method: 'GET' });
  }

  /**
   * Fills and posts the form on `page` whose action ends with `actionSuffix`, with its hidden fields
   * and `fields`; `submit` names the button pressed (name=value).
   */
  async submit(
    page: Page,
    actionSuffix: string,
    fields: Record<string, string> = {},
    submit?: [string, string],
    headers: Record<string, string> = {},
  ): Promise<Page> {
    const form = formsOf(page.html).find(
      (candidate) =>
        candidate.action.endsWith(actionSuffix) && (!submit || candidate.buttons.some(([name, value]) => name === submit[0] && value === submit[1])),
    );
    if (!form) throw new Error(`No form posting to …${actionSuffix} on ${page.url}:\n${page.html}`);
    const body = new URLSearchParams({ ...form.hidden, ...fields, ...(submit ? { [submit[0]]: submit[1] } : {}) });
    return this.#go(new URL(form.action, page.url), {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(page.url).origin, ...headers },
    });
  }

  async #go(url: URL, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Page> {
    let target = url;
    let request = init;
    for (let hop = 0; hop < 20; hop++) {
      if (this.stopAt && target.href.startsWith(this.stopAt)) {
        this.callback = target;
        return { status: 0, url: target.href, html: '', headers: new Headers() };
      }
      let jar = this.#cookies.get(target.origin);
      if (!jar) this.#cookies.set(target.origin, (jar = new Map()));
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(target, { ...request, redirect: 'manual', headers: { ...request.headers, ...(cookie ? { cookie } : {}) } });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const index = (pair as string).indexOf('=');
        const name = (pair as string).slice(0, index).trim();
        const value = (pair as string).slice(index + 1).trim();
        if (value === '' || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        target = new URL(location, target);
        request = { method: 'GET' };
        continue;
      }
      return { status: response.status, url: target.href, html: await response.text(), headers: response.headers };
    }
    throw new Error(`Too many redirects from ${url.href}`);
  }
}

interface Form {
  action: string;
  hidden: Record<string, string>;
  buttons: [string, string][];
}

function formsOf(html: string): Form[] {
  return [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].map((match) => {
    const inner = match[2] as string;
    const hidden: Record<string, string> = {};
    for (const input of inner.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[input[1] as string] = decodeHtml(input[2] as string);
    const buttons = [...inner.matchAll(/<button[^>]*name="([^"]+)" value="([^"]+)"/g)].map((button) => [button[1], button[2]] as [string, string]);
    return { action: decodeHtml(match[1] as string), hidden, buttons };
  });
}

function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** An MCP client's OAuth state, kept in memory (a real client keeps it in its keychain). */
export class MemoryOAuthProvider implements OAuthClientProvider {
  readonly redirectUrl: string;
  readonly clientMetadataUrl: string | undefined;
  readonly #name: string;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier: string | undefined;
  #discovery: OAuthDiscoveryState | undefined;
  authorizationUrl: URL | undefined;

  constructor(options: { redirectUrl?: string; clientName?: string; clientMetadataUrl?: string; preregistered?: OAuthClientInformationMixed } = {}) {
    this.redirectUrl = options.redirectUrl ?? 'http://127.0.0.1:33418/callback';
    this.#name = options.clientName ?? 'Punchcard test client';
    this.clientMetadataUrl = options.clientMetadataUrl;
    this.#client = options.preregistered;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.#name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() {
    return this.#client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  /** Forgets the access token (as after an hour), keeping the refresh token. */
  expireAccessToken(replacement = 'expired-token') {
    if (this.#tokens) this.#tokens = { ...this.#tokens, access_token: replacement };
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    if (!this.#verifier) throw new Error('no code verifier');
    return this.#verifier;
  }
  /** What a real client does when the server says its tokens or registration are no good. */
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') {
    if (scope === 'all' || scope === 'tokens') this.#tokens = undefined;
    if (scope === 'all' || scope === 'client') this.#client = undefined;
    if (scope === 'all' || scope === 'verifier') this.#verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.#discovery = undefined;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.#discovery = state;
  }
  discoveryState() {
    return this.#discovery;
  }
}

export interface ConnectedClient {
  client: Client;
  oauth: MemoryOAuthProvider;
  call: (name: string, args?: Record<string, unknown>) => Promise<ToolResult>;
  close: () => Promise<void>;
}

/** How the browser signs in once it reaches the sign-in page: by default the development sign-in as `name`. */
export type SignIn = (browser: SignInBrowser, page: Page) => Promise<Page>;

export const developmentSignIn =
  (name: string): SignIn =>
  (browser, page) =>
    browser.submit(page, '/development', { name });

/** Whether a page is the consent page (it offers Allow). */
export function isConsent(page: Page): boolean {
  return page.status === 200 && /name="decision" value="allow"/.test(page.html);
}

/** Allows on the consent page (and checks it is one). */
export async function allow(browser: SignInBrowser, page: Page, decision: 'allow' | 'allow-read' = 'allow'): Promise<Page> {
  if (!/Allow/.test(page.html)) throw new Error(`Expected the consent page, got ${page.status}:\n${page.html}`);
  return browser.submit(page, '/consent', {}, ['decision', decision]);
}

/**
 * Connects the official client to the server as a person: discovery, registration (DCR, or the
 * client's metadata document), the browser's sign-in and consent, the code for tokens, then the
 * MCP connection in `era`.
 */
export async function connectAs(
  server: { origin: string; mcpUrl: string },
  options: {
    era?: Era;
    signIn?: SignIn;
    browser?: SignInBrowser;
    oauth?: MemoryOAuthProvider;
    elicitation?: (params: ElicitRequestFormParams) => ElicitResult | Promise<ElicitResult>;
    /** Told when the consent page is shown (before Allow is pressed). */
    consent?: (page: Page) => void;
    /** The button pressed on the consent page: Allow (default) or Allow reading only. */
    decision?: 'allow' | 'allow-read';
    /** Declares the MCP Apps extension (`io.modelcontextprotocol/ui`), as a host that draws apps does. */
    apps?: boolean;
    /** Told when the server says the tool list changed (`notifications/tools/list_changed`), as a client that follows it is. */
    listChanged?: () => void;
  } = {},
): Promise<ConnectedClient> {
  const oauth = options.oauth ?? new MemoryOAuthProvider();
  const browser = options.browser ?? new SignInBrowser(server.origin);
  const makeClient = () =>
    new Client(
      { name: 'punchcard-team-tests', version: '1.0.0' },
      {
        ...(options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' as const } } } : {}),
        ...(options.elicitation || options.apps
          ? {
              capabilities: {
                ...(options.elicitation ? { elicitation: { form: {} } } : {}),
                ...(options.apps ? { extensions: { [UI_EXTENSION]: { mimeTypes: [APP_MIME_TYPE] } } } : {}),
              },
            }
          : {}),
        ...(options.listChanged ? { listChanged: { tools: { onChanged: () => options.listChanged?.() } } } : {}),
      },
    );
  let client = makeClient();
  const answer = options.elicitation;
  if (answer) client.setRequestHandler('elicitation/create', async (request) => answer(request.params as ElicitRequestFormParams));
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth }));
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    if (!oauth.authorizationUrl) throw new Error('The client was refused but sent nowhere to sign in.', { cause: error });
    browser.stopAt = oauth.redirectUrl;
    browser.callback = undefined;
    const first = await browser.open(oauth.authorizationUrl);
    // A browser signed in already goes straight to consent, or (consent given before) back to the client.
    const afterSignIn = first.status === 0 || isConsent(first) ? first : await (options.signIn ?? developmentSignIn('Ada Lovelace'))(browser, first);
    if (afterSignIn.status !== 0) {
      options.consent?.(afterSignIn);
      await allow(browser, afterSignIn, options.decision);
    }
    const callback = browser.callback as URL | undefined;
    if (!callback) throw new Error('The browser never came back to the client.', { cause: error });
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth });
    await transport.finishAuth(callback.searchParams);
    client = makeClient();
    if (answer) client.setRequestHandler('elicitation/create', async (request) => answer(request.params as ElicitRequestFormParams));
    await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl), { authProvider: oauth }));
  }
  return {
    client,
    oauth,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    close: () => client.close(),
  };
}

/** Signs in on the tracker form with the person's own secret (and login e-mail where the back end needs one). */
export const trackerSignIn =
  (secret: string, email?: string): SignIn =>
  (browser, page) =>
    browser.submit(page, '/tracker', { secret, ...(email ? { email } : {}) });

/** What the server's store holds about people and grants, read beside the running server (WAL lets it). */
export function storedPeople(server: Pick<TeamServerHandle, 'dataDir'>): { identity: string; email: string | null; hasCredentials: boolean; id: string }[] {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    return (
      db.prepare('SELECT id, identity, email, credentials FROM people ORDER BY created_at').all() as {
        id: string;
        identity: string;
        email: string | null;
        credentials: string | null;
      }[]
    ).map((row) => ({
      id: row.id,
      identity: row.identity,
      email: row.email,
      hasCredentials: row.credentials !== null,
    }));
  } finally {
    db.close();
  }
}

/** The names of the facts files the store keeps for a person (what their back end learned). */
export function storedFacts(server: Pick<TeamServerHandle, 'dataDir'>, personId: string): string[] {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    return (db.prepare('SELECT name FROM facts WHERE person_id = ? ORDER BY name').all(personId) as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

/** How many grants (connected clients) the store holds. */
export function storedGrants(server: Pick<TeamServerHandle, 'dataDir'>): number {
  const db = new DatabaseSync(join(server.dataDir, 'server.db'), { readOnly: true });
  try {
    return (db.prepare("SELECT count(*) AS count FROM oauth WHERE model = 'Grant'").get() as { count: number }).count;
  } finally {
    db.close();
  }
}

/** Signs in on the account page (`/account`) in `browser` and answers the account page. */
export async function signInToAccount(browser: SignInBrowser, signIn: SignIn = developmentSignIn('Ada Lovelace')): Promise<Page> {
  const first = await browser.open('/account');
  if (/Your Punchcard account/.test(first.html)) return first;
  return signIn(browser, first);
}

/** The clients the account page lists: name, what they may do, and the grant its Disconnect posts. */
export function connectedClients(page: Page): { name: string; may: string; grant: string }[] {
  return [...page.html.matchAll(/<tr><td>([^<]*)<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td>[\s\S]*?name="grant" value="([^"]*)"/g)].map((row) => ({
    name: decodeHtml(row[1] as string),
    may: row[2] as string,
    grant: decodeHtml(row[3] as string),
  }));
}

/** Presses Disconnect beside the client named `name` on the account page. */
export async function disconnect(browser: SignInBrowser, page: Page, name: string): Promise<Page> {
  const client = connectedClients(page).find((candidate) => candidate.name === name);
  if (!client) throw new Error(`No connected client named ${name} on the account page:\n${page.html}`);
  return browser.submit(page, '/account/disconnect', { grant: client.grant });
}
