// The admin end-to-end tests on Clockodo (test/mcp-server/e2e/clockodo-admin*.test.ts), and the team
// group's (clockodo-team.test.ts): the people of the fake's DEFAULT_USERS they sign in as (Ada a worker,
// Bob a worker, Mia a manager, Olga the owner), the fake Clockodo on the admin tests' clock, and a
// person's engine in process against it with the admin group (or the one the file names) and the
// file's tools on. Whatever a test opens is closed after it, engines before the fake.
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, startFakeClockodo } from '../mcp-server/providers/clockodo/fake-clockodo.ts';
import type { ToolGroup } from '../../mcp-server/contract/tool-groups.ts';
import { ADMIN_NOW, appEngineOptions, type SessionOptions } from './admin-engine.ts';
import { closeAfterEach } from './close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine } from './engine.ts';
import { clockStartingAt } from './fake-clock.ts';

export const ADA = DEFAULT_USERS[0] as FakeUser;
export const BOB = DEFAULT_USERS[1] as FakeUser;
export const MIA = DEFAULT_USERS[2] as FakeUser;
export const OLGA = DEFAULT_USERS[3] as FakeUser;

/** What a file's sessions share beyond its tools; left out, the admin tests' choice. */
export interface ClockodoAdminSetup {
  /** The group switched on beside the tools: `admin` unless said. */
  group?: ToolGroup;
}

/** Call once at a test file's top with the tools it switches on: its `opened` registers what closes after each test. */
export function clockodoAdmin(enabled: Record<string, boolean>, setup: ClockodoAdminSetup = {}) {
  const opened = closeAfterEach();
  const group = setup.group ?? 'admin';

  /** The fake Clockodo with these people, on the admin tests' clock. */
  async function startClockodo(users: FakeUser[]): Promise<FakeClockodo> {
    return opened(await startFakeClockodo({ now: clockStartingAt(ADMIN_NOW), users }));
  }

  /** The engine of `user`, after its first call, which reads the person: their role and rights decide which of the file's tools are offered. */
  async function connect(fake: FakeClockodo, user: FakeUser, options: SessionOptions = {}): Promise<InProcessEngineHandle> {
    const userDataDir = makeUserDataDir({
      provider: { type: 'clockodo', email: user.email, url: fake.url },
      timezone: 'Europe/Berlin',
      tools: { groups: { [group]: true }, enabled },
    });
    const engine = opened(
      await startInProcessEngine({
        era: options.era ?? 'legacy',
        userDataDir,
        env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKODO_TOKEN: user.apiKey },
        ...(options.elicitation ? { elicitation: options.elicitation } : {}),
        ...appEngineOptions(options),
      }),
    );
    await engine.call('whoami');
    return engine;
  }

  return { opened, startClockodo, connect };
}
