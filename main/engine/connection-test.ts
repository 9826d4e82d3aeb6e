// "Does Punchcard reach my back end?", asked of the engine: the bundle runs once with
// `--test-connection --json` (the warm engine keeps the saved back end; this may test one not saved
// yet) and its one JSON line on stdout is the answer. The verdicts and their sentences are the
// engine's (each back end's connection-test module); here only what can go wrong around the
// run — no answer in time, a crash, a missing bundle — becomes a sentence too.
import { spawn as nodeSpawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import * as z from 'zod/v4';
import { backEndOf } from '../../mcp-server/contract/back-ends.ts';
import { PROVIDER_TYPES } from '../../mcp-server/contract/policy.ts';
import type { BackEndProfile } from '../../mcp-server/contract/settings.ts';
import type { ConnectionReport, ConnectionVerdict } from '../../mcp-server/for-the-app.ts';
import type { ConnectionResult } from '../../window-contract/account.ts';
import { childEnvironment } from './child-environment.ts';
import { lastOutput, messages, seconds } from './engine-error.ts';
import { connectionTestCommand, type EngineLaunch } from './launch.ts';
import { LineTail } from './line-tail.ts';

export interface ConnectionTestOptions {
  launch: EngineLaunch;
  /** The back end to test. */
  profile: BackEndProfile;
  /** A secret not saved yet; without one the engine reads the keychain. */
  token?: string;
  /** The back end's second secret, where it has one (Tempo Timesheets' Jira API token), for this test only. */
  secondToken?: string;
  /** Default 45 s: the engine's own HTTP timeout is 15 s per request, and a test makes a few in a row. */
  timeoutMs?: number;
  log: (message: string) => void;
  parentEnv?: NodeJS.ProcessEnv;
  /** Node's spawn; tests wrap it to see the exact command line. */
  spawn?: typeof nodeSpawn;
}

const VERDICTS = [
  'ok',
  'wrong_url',
  'unreachable',
  'bad_token',
  'no_token',
  'no_permission',
  'unknown_person',
  'tls',
  'server_error',
  'misconfigured',
  'not_allowed',
  'error',
] as const satisfies readonly ConnectionVerdict[];
// A verdict added to the engine and missing here fails the type check, not a person's test.
const everyVerdictListed: Exclude<ConnectionVerdict, (typeof VERDICTS)[number]> extends never ? true : never = true;
void everyVerdictListed;

/** More workspaces than a person ticks through: a list longer than this is not shown. */
const MAX_WORKSPACES = 200;

/** The `--json` line: the engine's ConnectionReport plus which back end it tested. */
const ConnectionLineSchema = z.object({
  provider: z.enum(PROVIDER_TYPES).optional(),
  ok: z.boolean(),
  verdict: z.enum(VERDICTS),
  message: z.string().min(1),
  // Clockify's workspaces, where the key sees any; a list that does not fit is left out, not the verdict.
  workspaces: z
    .array(z.object({ id: z.string().min(1).max(200), name: z.string().max(500) }))
    .max(MAX_WORKSPACES)
    .optional()
    .catch(undefined),
}) satisfies z.ZodType<Pick<ConnectionReport, 'ok' | 'verdict' | 'message'>>;

export type ConnectionLine = z.infer<typeof ConnectionLineSchema>;

const DEFAULT_TIMEOUT_MS = 45_000;
/** After SIGTERM, how long a child gets before SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** The answer is one short line; anything much longer is not it. */
const MAX_STDOUT_CHARS = 64_000;

const LOCAL_MESSAGE = 'The local timesheet keeps your hours on this computer; it needs no connection.';

/** The engine's verdict as the account screen shows it. Pure. */
export function connectionResultOf(line: ConnectionLine): ConnectionResult {
  // The engine's sentence for the local timesheet is written for its command line.
  if (line.ok && line.provider !== undefined && !backEndOf(line.provider).remote) return { ok: true, message: LOCAL_MESSAGE };
  return { ok: line.ok, message: line.message, ...(line.workspaces?.length ? { workspaces: line.workspaces } : {}) };
}

/** Reads the last line of stdout as the answer; undefined when there is none that fits. */
export function readConnectionLine(stdout: string): ConnectionLine | undefined {
  const last = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1);
  if (last === undefined) return undefined;
  try {
    const parsed = ConnectionLineSchema.safeParse(JSON.parse(last));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Never rejects: every outcome is a result with a sentence. */
export async function testConnection(options: ConnectionTestOptions): Promise<ConnectionResult> {
  const { launch, log } = options;
  if (!existsSync(launch.script)) return { ok: false, message: messages.missingScript(launch.script) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { command, args, env } = connectionTestCommand(launch, options.profile, options.token, options.secondToken);
  // Defence in depth: the engine never prints a token, and if it ever did, the log would not keep it.
  const secrets = [options.token, options.secondToken].filter((secret): secret is string => secret !== undefined && secret !== '');
  const redact = (line: string) => secrets.reduce((text, secret) => text.split(secret).join('[token]'), line);
  const tail = new LineTail(20, (line) => log(`[engine --test-connection] ${redact(line)}`));
  const spawn = options.spawn ?? nodeSpawn;

  return new Promise<ConnectionResult>((resolve) => {
    let stdout = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    let child: ReturnType<typeof nodeSpawn>;
    try {
      child = spawn(command, args, {
        env: childEnvironment(options.parentEnv ?? process.env, env),
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      // Most spawn failures arrive as an 'error' event; a few (bad arguments) are thrown at once.
      return resolve({ ok: false, message: messages.cannotRun(command, (error as NodeJS.ErrnoException).code ?? String(error)) });
    }
    const outDecoder = new StringDecoder('utf8');
    const errDecoder = new StringDecoder('utf8');
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_STDOUT_CHARS) stdout += outDecoder.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => tail.push(errDecoder.write(chunk)));
    const timer = setTimeout(() => {
      timedOut = true;
      log(`The connection test did not finish within ${seconds(timeoutMs)}; stopping it.`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    // 'close' follows 'error' too, once the pipes are shut: one place decides.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      tail.push(errDecoder.end());
      tail.end();
      const stderr = tail.lines().map(redact);
      if (spawnError) return resolve({ ok: false, message: messages.cannotRun(command, spawnError.code ?? spawnError.message) });
      if (timedOut) {
        return resolve({
          ok: false,
          message: `Punchcard gave up testing the connection after ${seconds(timeoutMs)} without an answer. Check the address and your network, then try again.`,
        });
      }
      const line = readConnectionLine(stdout + outDecoder.end());
      if (line) return resolve(connectionResultOf(line));
      const how = signal ? `it was stopped by ${signal}` : `exit code ${code ?? '?'}`;
      resolve({
        ok: false,
        message: `Punchcard's engine could not test the connection (${how}). Check the address and the certificate settings; if they are right, reinstall Punchcard.${lastOutput(stderr)}`,
      });
    });
  });
}
