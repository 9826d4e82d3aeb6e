// Engine clients over the REAL built bundle (or a fixture script), in a temporary user-data folder,
// with every log line kept so tests can read what the app would log. Everything made here is
// closed and removed by `cleanUp()`.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngineClient, type EngineClient, type EngineClientOptions } from '../../../main/engine/engine-client.ts';
import { type EngineLaunch, serveArguments } from '../../../main/engine/launch.ts';
import { makeUserDataDir, SERVER_BUNDLE } from '../../support/engine.ts';
import { testPace } from '../../support/test-pace.ts';
import { PATIENCE_MS } from '../../support/patience.ts';

export { SERVER_BUNDLE };

/** A Wednesday morning in Berlin; the engine's clock starts here and runs on in real time. */
export const NOW = '2026-11-18T10:00:00+01:00';

export const FIXTURES = resolve(import.meta.dirname, 'fixtures');

/** How long vi.waitFor waits for a process to go or a notification to come: generous, never asserted. */
export const PATIENCE = { timeout: PATIENCE_MS };

export interface TestEngine {
  engine: EngineClient;
  launch: EngineLaunch;
  userDataDir: string;
  logs: string[];
}

const engines: EngineClient[] = [];
const folders: string[] = [];

/** The child's environment: only PATH from this shell, a fake HOME, a fixed zone and clock. */
export function testEnv(userDataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: userDataDir, TZ: 'Europe/Berlin', PUNCHCARD_NOW: NOW, ...testPace(), ...extra };
}

export const PARENT_ENV = { PATH: process.env.PATH ?? '' };

export function startTestEngine(
  options: {
    settings?: Record<string, unknown>;
    userDataDir?: string;
    env?: Record<string, string>;
    /** Runs the engine behind fixtures/relay.ts, which logs the method of every request it passes on. */
    relay?: boolean;
  } & Partial<EngineClientOptions> = {},
): TestEngine {
  const { settings, userDataDir: given, env, relay, ...overrides } = options;
  const userDataDir = given ?? makeUserDataDir(settings);
  if (!given) folders.push(userDataDir);
  const logs: string[] = [];
  const launch: EngineLaunch = { command: process.execPath, script: SERVER_BUNDLE, userDataDir, env: testEnv(userDataDir, env) };
  const engine = createEngineClient({
    command: launch.command,
    args: relay ? [resolve(FIXTURES, 'relay.ts'), ...serveArguments(launch)] : serveArguments(launch),
    env: launch.env ?? {},
    parentEnv: PARENT_ENV,
    requiredFiles: [SERVER_BUNDLE],
    log: (line) => logs.push(line),
    ...overrides,
  });
  engines.push(engine);
  return { engine, launch, userDataDir, logs };
}

/** An engine client running a fixture script instead of the bundle. */
export function startFixtureEngine(
  fixture: string,
  overrides: Partial<EngineClientOptions> = {},
  fixtureArgs: string[] = [],
): { engine: EngineClient; logs: string[] } {
  const logs: string[] = [];
  const engine = createEngineClient({
    command: process.execPath,
    args: [resolve(FIXTURES, fixture), ...fixtureArgs],
    parentEnv: PARENT_ENV,
    log: (line) => logs.push(line),
    ...overrides,
  });
  engines.push(engine);
  return { engine, logs };
}

export async function cleanUp(): Promise<void> {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a fixture printed on stderr ("… pid 1234"). */
export function pidIn(lines: readonly string[]): number {
  const match = lines.join('\n').match(/pid (\d+)/);
  if (!match?.[1]) throw new Error(`No pid in: ${lines.join(' | ')}`);
  return Number(match[1]);
}
