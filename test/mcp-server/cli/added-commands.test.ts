// The engine's command line with commands a program adds (mcp-server/cli/main.ts, `AddedCommands`),
// as the team server's build adds `serve`, `audit` and `admin` (team-server/cli/team-commands.ts),
// and without them, as the desktop's engine runs it. In this process: the built command lines are
// test/mcp-server/cli/arguments.test.ts's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AddedCommands, main } from '../../../mcp-server/cli/main.ts';
import { TEAM_COMMANDS } from '../../../team-server/cli/team-commands.ts';

/** What main wrote to stderr and stdout, and the exit code it set. */
async function ran(argv: string[], added?: AddedCommands): Promise<{ code: typeof process.exitCode; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const before = process.exitCode;
  try {
    await main(argv, added);
    return { code: process.exitCode, stderr, stdout };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = before;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('commands added to the engine’s command line', () => {
  it('run with the words after their own, and their answer is the exit code', async () => {
    const seen: (readonly string[])[] = [];
    const added: AddedCommands = { usage: 'Extra:\n  punchcard-mcp extra', run: { extra: async (argv) => (seen.push(argv), 7) } };
    expect((await ran(['extra', '--flag', 'value'], added)).code).toBe(7);
    expect(seen).toEqual([['--flag', 'value']]);
  });

  it('are named in the usage between the engine’s own and the AI-client commands', async () => {
    const { code, stderr, stdout } = await ran(['--help'], { usage: 'Extra:\n  punchcard-mcp extra', run: {} });
    expect([code, stdout]).toEqual([undefined, '']);
    expect(stderr).toMatch(/^Usage: punchcard-mcp[\s\S]*\n\nExtra:\n {2}punchcard-mcp extra\n\n[\s\S]*register/);
  });

  it('are only those a program added: a word an object has of its own (toString, __proto__) is no command', async () => {
    for (const word of ['toString', '__proto__', 'constructor']) {
      const { code, stderr } = await ran([word], { usage: '', run: {} });
      expect(code, word).toBe(2);
      expect(stderr, word).toContain(`Unknown argument: ${word}`);
    }
  });
});

describe('the team server’s commands', () => {
  it('are said to belong to the team server by the desktop’s engine, which runs none of them', async () => {
    for (const command of ['serve', 'audit', 'admin']) {
      const { code, stderr, stdout } = await ran([command, '--config', '/nowhere.json']);
      expect(code, command).toBe(2);
      expect(stdout, command).toBe('');
      expect(stderr, command).toBe(
        `punchcard-mcp ${command} belongs to the team server, which this copy does not hold: the desktop app's engine speaks MCP on stdio only. ` +
          'The team server ships as its own container image and punchcard-server package (docs/team-server/README.md).\n',
      );
    }
  });

  it('are what the team server’s build adds, with the usage of serve, audit and admin', () => {
    expect(Object.keys(TEAM_COMMANDS.run).sort()).toEqual(['admin', 'audit', 'serve']);
    for (const command of ['serve --config FILE', 'serve --dev', 'audit --config FILE', 'admin VERB --config FILE'])
      expect(TEAM_COMMANDS.usage).toContain(`punchcard-mcp ${command}`);
  });

  it('refuse what they cannot take in words, before anything opens', async () => {
    const serve = await ran(['serve'], TEAM_COMMANDS);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/^serve takes --config FILE, or --dev\.\n\nTeam server:/);
    const audit = await ran(['audit', '--since', 'yesterday', '--config', '/nowhere.json'], TEAM_COMMANDS);
    expect([audit.code, audit.stderr.split('\n')[0]]).toEqual([2, '--since takes a day, YYYY-MM-DD.']);
    const admin = await ran(['admin', 'reboot', '--config', '/nowhere.json'], TEAM_COMMANDS);
    expect(admin.code).toBe(2);
    expect(admin.stderr).toContain('reboot');
  });
});
