// The admin end-to-end tests on Clockify (test/mcp-server/e2e/clockify-admin*.test.ts): the fake
// Clockify with Acme and its team (Bob the workspace admin, Olga the owner, Mia a team manager, Wes a
// worker), and a person's engine in process against it with the admin group and the file's tools on.
// Whatever a test opens is closed after it, engines before the fake.
import { expect } from 'vitest';
import { type FakeClockify, type FakeClockifyOptions, seedTeam, seedWorkspace, startFakeClockify } from '../mcp-server/providers/clockify/fake-clockify.ts';
import { ADMIN_NOW, type Answer, appEngineOptions, offers, type SessionOptions } from './admin-engine.ts';
import { closeAfterEach } from './close-after-each.ts';
import { type InProcessEngineHandle, makeUserDataDir, startInProcessEngine } from './engine.ts';
import { clockStartingAt } from './fake-clock.ts';

export interface ClockifyAdminSetup {
  /** The tool a session waits to be offered: the sign that Clockify named a role that may use it. */
  tool: string;
  /** The tools switched on beside the admin group; the waited-for tool alone unless said. */
  enabled?: Record<string, boolean>;
  /** Where given, every session declares elicitation and answers so unless the test gives its own answer. */
  answer?: Answer;
}

/** Call once at a test file's top: its `opened` registers what closes after each test. */
export function clockifyAdmin(setup: ClockifyAdminSetup) {
  const opened = closeAfterEach();
  const enabled = setup.enabled ?? { [setup.tool]: true };

  /** Acme with its projects, tasks and team (seedWorkspace, seedTeam), on the admin tests' clock. */
  async function acmeWithTeam(options: FakeClockifyOptions = {}): Promise<FakeClockify> {
    const fake = opened(await startFakeClockify({ now: clockStartingAt(ADMIN_NOW), ...options }));
    seedWorkspace(fake);
    seedTeam(fake);
    return fake;
  }

  /** The engine of the person whose API key is `key`, after its first call (whoami, which starts learning the role). */
  async function connect(fake: FakeClockify, key: string, options: SessionOptions = {}): Promise<InProcessEngineHandle> {
    const userDataDir = makeUserDataDir({
      provider: { type: 'clockify', url: fake.url },
      timezone: 'Europe/Berlin',
      tools: { groups: { admin: true }, enabled },
    });
    const elicitation = options.elicitation ?? setup.answer;
    const engine = opened(
      await startInProcessEngine({
        era: options.era ?? 'legacy',
        userDataDir,
        env: { PUNCHCARD_NOW: ADMIN_NOW, PUNCHCARD_CLOCKIFY_TOKEN: key },
        ...(elicitation ? { elicitation } : {}),
        ...appEngineOptions(options),
      }),
    );
    await engine.call('whoami');
    return engine;
  }

  const offered = (engine: InProcessEngineHandle) => offers(engine, setup.tool);

  /** A session once Clockify named the role and the tool is offered. */
  async function session(fake: FakeClockify, key: string, options: SessionOptions = {}): Promise<InProcessEngineHandle> {
    const engine = await connect(fake, key, options);
    await expect.poll(() => offered(engine)).toBe(true);
    return engine;
  }

  return { opened, acmeWithTeam, connect, offered, session };
}
