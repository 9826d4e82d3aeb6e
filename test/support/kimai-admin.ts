// The admin end-to-end tests on Kimai (test/mcp-server/e2e/kimai-admin*.test.ts), and the team group's
// (kimai-team.test.ts): the people they sign in as (Ada a worker, Tom a team lead, Root the super
// administrator from DEFAULT_USERS, and Ann an administrator), the fake Kimai on the admin tests'
// clock, and a person's engine in process against it with the admin group (or the one the file names)
// and the file's tool on. Whatever a test opens is closed after it, engines before the fake.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_USERS,
  type FakeKimai,
  type FakeKimaiOptions,
  type FakeUser,
  rememberPlugin,
  startFakeKimai,
} from '../mcp-server/providers/kimai/fake-kimai.ts';
import type { ToolGroup } from '../../mcp-server/contract/tool-groups.ts';
import { ADMIN_NOW, appEngineOptions, offers, type SessionOptions } from './admin-engine.ts';
import { closeAfterEach } from './close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine } from './engine.ts';
import { clockStartingAt } from './fake-clock.ts';

export const ADA = DEFAULT_USERS[0] as FakeUser;
export const TOM = DEFAULT_USERS[1] as FakeUser;
export const ROOT = DEFAULT_USERS[2] as FakeUser;
/** An administrator (ROLE_ADMIN), not a super administrator. */
export const ANN: FakeUser = { id: 7, username: 'ann', alias: 'Ann Admin', timezone: 'Europe/Berlin', role: 'ROLE_ADMIN', token: 'token-ann-0123456789' };

export interface KimaiSessionOptions extends SessionOptions {
  /** Settings of the provider beside its type and address (a lockdown period). */
  provider?: Record<string, unknown>;
  /** The settings' tools in place of the file's group with its tool on. */
  tools?: Record<string, unknown>;
  /** A policy file written into the user data folder and named in PUNCHCARD_POLICY_FILE. */
  policy?: object;
}

/** What a file's sessions share beyond its tool; each left out keeps the admin tests' choice. */
export interface KimaiAdminSetup {
  /** The group switched on beside the tool: `admin` unless said. */
  group?: ToolGroup;
  /** What an earlier start learned of the absence plugin, remembered before each engine starts: none unless said. */
  absencePlugin?: boolean;
  /** What an earlier start learned of the ApprovalBundle plugin: nothing unless said (then the engine asks in the background). */
  approvalPlugin?: boolean;
}

/** Call once at a test file's top with the tool it tests: its `opened` registers what closes after each test. */
export function kimaiAdmin(tool: string, setup: KimaiAdminSetup = {}) {
  const opened = closeAfterEach();
  const group = setup.group ?? 'admin';

  /** The fake Kimai on the admin tests' clock, with `options` (its people, a revoked permission). */
  async function startKimai(options: Omit<FakeKimaiOptions, 'now'> = {}): Promise<FakeKimai> {
    return opened(await startFakeKimai({ now: clockStartingAt(ADMIN_NOW), ...options }));
  }

  /** The engine of `user`, after its first call, which reads the profile whose role says what this person may administer. */
  async function connect(server: FakeKimai, user: FakeUser, options: KimaiSessionOptions = {}): Promise<InProcessEngineHandle> {
    const userDataDir = makeUserDataDir({
      provider: { type: 'kimai', url: server.url, ...options.provider },
      timezone: 'Europe/Berlin',
      tools: options.tools ?? { groups: { [group]: true }, enabled: { [tool]: true } },
    });
    // As an earlier start learned it: whether this Kimai has the absence plugin (none unless the file says).
    rememberPlugin(userDataDir, server.url, setup.absencePlugin ?? false, setup.approvalPlugin);
    const env: Record<string, string> = { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_KIMAI_TOKEN: user.token };
    if (options.policy) {
      const file = join(userDataDir, 'policy.json');
      writeFileSync(file, JSON.stringify(options.policy));
      env.PUNCHCARD_POLICY_FILE = file;
    }
    const engine = opened(
      await startInProcessEngine({
        era: options.era ?? 'legacy',
        userDataDir,
        env,
        ...(options.elicitation ? { elicitation: options.elicitation } : {}),
        ...appEngineOptions(options),
      }),
    );
    await engine.call('whoami');
    return engine;
  }

  const offered = (engine: InProcessEngineHandle) => offers(engine, tool);

  return { opened, startKimai, connect, offered };
}
