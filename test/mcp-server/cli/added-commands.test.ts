// The engine's command line with commands a program adds (mcp-server/cli/main.ts, `AddedCommands`),
// as the team server's build adds `serve`, `audit` and `admin` (team-server/cli/team-commands.ts),
// and without them, as the desktop's engine runs it. In this process: the built command lines are
// test/mcp-server/cli/arguments.test.ts's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AddedCommands, main } from '../../../mcp-server/cli/main.ts';
import { teamCommands } from '../../../team-server/cli/team-commands.ts';

/** Where the team server's help says its guide is (the build's: team-server/index.ts). */
const GUIDE = '/opt/punchcard/docs';
const TEAM_COMMANDS = teamCommands(GUIDE);

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

  it('lead the usage, which --help and -h print on stdout with exit 0, the engine’s own and the AI-client commands after them', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stderr, stdout } = await ran([flag], { usage: 'Extra:\n  punchcard-mcp extra', run: {} });
      expect([code, stderr], flag).toEqual([undefined, '']);
      expect(stdout, flag).toMatch(
        /^Extra:\n {2}punchcard-mcp extra\n\nThe same program is also the engine the desktop app runs, for one person over stdio:\n\nUsage: punchcard-mcp \[--user-data DIR\][\s\S]*register/,
      );
    }
  });

  it('are in the usage said on stderr, with exit 2, under a command given wrongly', async () => {
    const { code, stderr, stdout } = await ran(['--nope'], { usage: 'Extra:\n  punchcard-mcp extra', run: {} });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^Unknown argument: --nope\n\nExtra:\n {2}punchcard-mcp extra\n/);
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

  it('are what the team server’s build adds, with the usage of serve, audit and admin and where the guide is', () => {
    expect(Object.keys(TEAM_COMMANDS.run).sort()).toEqual(['admin', 'audit', 'serve']);
    for (const command of ['serve --config FILE', 'serve --dev', 'audit --config FILE', 'admin VERB --config FILE'])
      expect(TEAM_COMMANDS.usage).toContain(`punchcard-mcp ${command}`);
    expect(TEAM_COMMANDS.usage).toMatch(/^Usage: punchcard-mcp COMMAND /);
    expect(TEAM_COMMANDS.usage).toContain(`The administrator's guide ships with this program, in ${GUIDE}/:\n  README.md `);
  });

  it('each answer --help (or -h) with its own usage on stdout, exit 0, before anything opens', async () => {
    const helps: [string[], RegExp][] = [
      [['serve', '--help'], /^Usage: punchcard-mcp serve --config FILE\n {7}punchcard-mcp serve --dev \[--data DIR\] \[--port N\]\n[\s\S]*--port N/],
      [['serve', '--config', '/nowhere.json', '-h'], /^Usage: punchcard-mcp serve --config FILE\n/],
      [['audit', '--help'], /^Usage: punchcard-mcp audit --config FILE \[--since YYYY-MM-DD\] \[--limit N\]\n[\s\S]*--limit N/],
      [['admin', '--help'], /^Usage: punchcard-mcp admin VERB --config FILE[\s\S]*punchcard-mcp admin restore FILE --config FILE/],
      [
        ['admin', 'people', '--help'],
        /^Usage: punchcard-mcp admin people --config FILE\n {7}punchcard-mcp admin people unlink PERSON --config FILE\n\nEveryone who signed in/,
      ],
      [['admin', 'sign-out', '-h'], /^Usage: punchcard-mcp admin sign-out PERSON --config FILE\n/],
      [
        ['admin', 'rotate-key', '--help'],
        /^Usage: punchcard-mcp admin rotate-key --new-key-env VAR --config FILE\n {7}punchcard-mcp admin rotate-key --finish/,
      ],
      [['admin', '--help', 'check'], /^Usage: punchcard-mcp admin check --config FILE\n/],
      [['admin', 'backup', '--help'], /^Usage: punchcard-mcp admin backup FILE --config FILE\n/],
      [['admin', 'restore', '--help'], /^Usage: punchcard-mcp admin restore FILE --config FILE\n/],
    ];
    for (const [argv, expected] of helps) {
      const { code, stderr, stdout } = await ran(argv, TEAM_COMMANDS);
      expect([code, stderr], argv.join(' ')).toEqual([0, '']);
      expect(stdout, argv.join(' ')).toMatch(expected);
      // Each names a page of the guide where it ships, or the guide's folder.
      expect(stdout, argv.join(' ')).toContain(`${GUIDE}/`);
      expect(
        stdout.split('\n').every((line) => line.length <= 120),
        argv.join(' '),
      ).toBe(true);
    }
  });

  it('refuse what they cannot take in words, before anything opens', async () => {
    const serve = await ran(['serve'], TEAM_COMMANDS);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toMatch(/^serve takes --config FILE, or --dev\.\n\nUsage: punchcard-mcp serve --config FILE\n/);
    const audit = await ran(['audit', '--since', 'yesterday', '--config', '/nowhere.json'], TEAM_COMMANDS);
    expect([audit.code, audit.stderr.split('\n')[0]]).toEqual([2, '--since takes a day, YYYY-MM-DD.']);
    const admin = await ran(['admin', 'reboot', '--config', '/nowhere.json'], TEAM_COMMANDS);
    expect(admin.code).toBe(2);
    expect(admin.stderr).toMatch(/^admin has no verb "reboot"\.\n\nUsage: punchcard-mcp admin VERB --config FILE/);
    // --help after a verb admin has not: the verb is what is wrong.
    const wrongHelp = await ran(['admin', 'reboot', '--help'], TEAM_COMMANDS);
    expect([wrongHelp.code, wrongHelp.stdout, wrongHelp.stderr.split('\n')[0]]).toEqual([2, '', 'admin has no verb "reboot".']);
    const verb = await ran(['admin', 'people', 'ada', '--config', '/nowhere.json'], TEAM_COMMANDS);
    expect(verb.stderr).toMatch(
      /^admin people takes no further words, or unlink and the person \(their id or e-mail\) \(given: ada\)\.\n\nUsage: punchcard-mcp admin people --config FILE\n/,
    );
  });
});

describe('the engine’s own commands', () => {
  it('policy --help answers on stdout with exit 0; a wrong option is said on stderr with the usage, exit 2', async () => {
    const help = await ran(['policy', '--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: punchcard-mcp policy \[--json\]\n/);
    const wrong = await ran(['policy', '--jsn']);
    expect([wrong.code, wrong.stdout]).toEqual([2, '']);
    expect(wrong.stderr).toMatch(/^Unknown option for policy: --jsn\.\n\nUsage: punchcard-mcp policy \[--json\]\n/);
  });

  it('the AI-client commands each answer --help with their own usage on stdout, exit 0', async () => {
    for (const command of ['clients', 'register', 'unregister', 'repair', 'snippet']) {
      const { code, stderr, stdout } = await ran([command, '--help']);
      expect([code, stderr], command).toEqual([0, '']);
      expect(stdout, command).toMatch(new RegExp(`^Usage: punchcard-mcp ${command}\\b.*\\[--user-data DIR\\]\\n`));
      expect(stdout, command).toContain('Clients: claude-desktop, ');
    }
  });
});
