// What the team server's entry does about its Node flags (team-server/node-flags.ts), decided from how
// node was started: `serve` without them starts again in place with the missing ones added after
// node's own options, an administrator's own value stands, a short command runs as started, and where
// the process cannot start again what V8 takes while running is set and the rest said.
import { describe, expect, it } from 'vitest';
import {
  missingFlagsSentence,
  missingNodeFlags,
  type NodeStart,
  nodeFlagsPlan,
  TEAM_SERVER_ENVIRONMENT,
  TEAM_SERVER_NODE_FLAGS,
} from '../../team-server/node-flags.ts';

const NODE = '/usr/bin/node';
const PROGRAM = '/opt/punchcard/punchcard-mcp.mjs';

function started(execArgv: readonly string[], command: readonly string[], more: Partial<NodeStart> = {}): NodeStart {
  return {
    execPath: NODE,
    execArgv,
    argv: [NODE, PROGRAM, ...command],
    hasParentChannel: false,
    canStartAgain: true,
    environment: { PATH: '/usr/bin', ...TEAM_SERVER_ENVIRONMENT },
    ...more,
  };
}

describe("the team server's Node flags, planned at start", () => {
  it('start serve again with both where node was given neither, after its own options and before the program', () => {
    const plan = nodeFlagsPlan(started(['--enable-source-maps'], ['serve', '--config', '/etc/punchcard/server.json']));
    expect(plan).toEqual({
      as: 'again',
      args: [NODE, '--enable-source-maps', ...TEAM_SERVER_NODE_FLAGS, PROGRAM, 'serve', '--config', '/etc/punchcard/server.json'],
      missing: [...TEAM_SERVER_NODE_FLAGS],
      environment: { PATH: '/usr/bin', ...TEAM_SERVER_ENVIRONMENT },
    });
  });

  it("start serve again for the launchers' environment alone where the command's lacks it (the npm bin), keeping a value given", () => {
    const plan = nodeFlagsPlan(started(TEAM_SERVER_NODE_FLAGS, ['serve', '--dev'], { environment: { PATH: '/usr/bin' } }));
    expect(plan).toEqual({
      as: 'again',
      args: [NODE, ...TEAM_SERVER_NODE_FLAGS, PROGRAM, 'serve', '--dev'],
      missing: [],
      environment: { PATH: '/usr/bin', ...TEAM_SERVER_ENVIRONMENT },
    });
    expect(nodeFlagsPlan(started(TEAM_SERVER_NODE_FLAGS, ['serve'], { environment: { MALLOC_ARENA_MAX: '8' } }))).toEqual({ as: 'started' });
  });

  it('leave serve as started where node has both, from a launcher or with values of its own', () => {
    expect(nodeFlagsPlan(started(TEAM_SERVER_NODE_FLAGS, ['serve', '--dev']))).toEqual({ as: 'started' });
    // V8 reads underscores as dashes.
    expect(nodeFlagsPlan(started(['--max_semi_space_size=16', '--heap_growing_percent=50'], ['serve', '--dev']))).toEqual({ as: 'started' });
  });

  it("add only the flag node was not given, keeping the administrator's value of the other", () => {
    expect(missingNodeFlags(['--max-semi-space-size=16'])).toEqual(['--heap-growing-percent=50']);
    expect(nodeFlagsPlan(started(['--max-semi-space-size=16'], ['serve', '--dev']))).toEqual({
      as: 'again',
      args: [NODE, '--max-semi-space-size=16', '--heap-growing-percent=50', PROGRAM, 'serve', '--dev'],
      missing: ['--heap-growing-percent=50'],
      environment: { PATH: '/usr/bin', ...TEAM_SERVER_ENVIRONMENT },
    });
  });

  it('leave every other command as started: it ends before the flags would matter', () => {
    for (const command of [['--version'], ['admin', 'people', '--config', 'x.json'], ['audit', '--config', 'x.json'], [], ['policy', 'check']])
      expect(nodeFlagsPlan(started([], command))).toEqual({ as: 'started' });
  });

  it('set the growing factor while running, and say the young generation, where this Node cannot start again', () => {
    expect(nodeFlagsPlan(started([], ['serve', '--dev'], { canStartAgain: false }))).toEqual({
      as: 'running',
      late: ['--heap-growing-percent=50'],
      missing: ['--max-semi-space-size=8'],
      why: 'this Node cannot start its process again in place (that needs Node 22.15 or later, and not Windows)',
    });
    // The young generation given, only the factor missing: set while running, and nothing left to say.
    expect(nodeFlagsPlan(started(['--max-semi-space-size=8'], ['serve', '--dev'], { canStartAgain: false }))).toMatchObject({
      as: 'running',
      late: ['--heap-growing-percent=50'],
      missing: [],
    });
  });

  it('do not start again a process with a channel to its parent, which it would lose', () => {
    expect(nodeFlagsPlan(started([], ['serve', '--dev'], { hasParentChannel: true }))).toMatchObject({
      as: 'running',
      missing: ['--max-semi-space-size=8'],
      why: 'node was started with a channel to its parent process, which a second start would close',
    });
  });

  it('say what is missing, why, and the command that starts the server with every flag', () => {
    expect(missingFlagsSentence(['--max-semi-space-size=8'], 'node was started with a channel to its parent process', PROGRAM)).toBe(
      'Running without --max-semi-space-size=8: node was started with a channel to its parent process, so the server holds more ' +
        'memory under load than it needs (docs/team-server/README.md, "Operation"). Start it as punchcard-mcp itself, or as ' +
        '`node --max-semi-space-size=8 --heap-growing-percent=50 /opt/punchcard/punchcard-mcp.mjs serve …`.',
    );
  });
});
