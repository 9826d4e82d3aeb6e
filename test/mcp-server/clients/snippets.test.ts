// What a person pastes or runs to connect a client (mcp-server/clients/snippets.ts): every snippet parses
// in its own language and holds exactly our entry, every writable client's writer accepts its own
// snippet unchanged, and the commands and install links decode back to the entry, whatever the paths
// hold. The shell commands are read back with small POSIX and PowerShell tokenizers written here.
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLIENTS, isWritable } from '../../../mcp-server/clients/catalog.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { editorFor } from '../../../mcp-server/clients/config-editor.ts';
import type { Platform } from '../../../mcp-server/clients/environment.ts';
import { launchSpec, type LaunchSpec } from '../../../mcp-server/clients/server-entry.ts';
import { written } from '../../../mcp-server/clients/json-config.ts';
import { posixQuote, powershellQuote, snippetFor, type Snippet } from '../../../mcp-server/clients/snippets.ts';
import { detectFormat } from '../../../mcp-server/clients/text-format.ts';
import { APP_LAUNCH, client, DEV_LAUNCH } from '../../support/clients.ts';

const DEV = DEV_LAUNCH;
const APP = APP_LAUNCH;
/** Spaces, an apostrophe, a double quote, non-ASCII letters and shell metacharacters. */
const AWKWARD = launchSpec({
  executable: '/opt/Zoë\'s tools/node "lts"/bin/node',
  serverScript: "/tmp/Zoë's files/punchcard-mcp.mjs",
  userDataDir: '/home/zoë/Données $HOME `x` ; & | * ? ~ # 日本/Punchcard',
  runAsNode: true,
});
const WINDOWS_APP = launchSpec({
  executable: "C:\\Users\\Zoë O'Brien\\AppData\\Local\\Programs\\Punchcard\\Punchcard.exe",
  serverScript: "C:\\Users\\Zoë O'Brien\\AppData\\Local\\Programs\\Punchcard\\resources\\punchcard-mcp.mjs",
  userDataDir: "C:\\Users\\Zoë O'Brien\\AppData\\Roaming\\Punchcard",
  runAsNode: true,
});

const LAUNCHES: Array<[kind: string, launch: LaunchSpec]> = [
  ['development', DEV],
  ['app', APP],
  ['awkward paths', AWKWARD],
  ['Windows app', WINDOWS_APP],
];

/** Words of a POSIX shell command line that uses only bare words, '…' and backslash escapes. */
function posixWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let index = 0; index < command.length; index++) {
    const char = command.charAt(index);
    if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === "'") {
      const close = command.indexOf("'", index + 1);
      if (close === -1) throw new Error(`Unterminated single quote in: ${command}`);
      word = (word ?? '') + command.slice(index + 1, close);
      index = close;
    } else if (char === '\\') {
      word = (word ?? '') + command.charAt(++index);
    } else if (/["$`;&|<>(){}*?~#!]/.test(char)) {
      throw new Error(`Unquoted shell metacharacter ${char} at ${index} in: ${command}`);
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/**
 * Arguments PowerShell passes to a native command for a line of bare words and '…' strings.
 * PowerShell takes the typographic quotes ‘ ’ ‚ ‛ for single quotes too (two in a row are one), and
 * an unquoted comma makes an array, whose elements reach the program as separate arguments.
 */
function powershellWords(command: string): string[] {
  const isQuote = (char: string) => /['\u2018-\u201b]/.test(char);
  const words: string[] = [];
  let word: string | null = null;
  for (let index = 0; index < command.length; index++) {
    const char = command.charAt(index);
    if (/\s/.test(char) || char === ',') {
      if (word !== null) words.push(word);
      word = null;
    } else if (isQuote(char)) {
      let text = '';
      for (index++; ; index++) {
        if (index >= command.length) throw new Error(`Unterminated single-quoted string in: ${command}`);
        const inner = command.charAt(index);
        if (isQuote(inner)) {
          if (!isQuote(command.charAt(index + 1))) break;
          index++;
          text += command.charAt(index);
        } else {
          text += inner;
        }
      }
      word = (word ?? '') + text;
    } else if (/["$`;&|<>(){}@#]/.test(char)) {
      throw new Error(`Unquoted PowerShell metacharacter ${char} at ${index} in: ${command}`);
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

const wordsFor = (platform: Platform) => (platform === 'win32' ? powershellWords : posixWords);

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function parseSnippet(snippet: Snippet): unknown {
  if (snippet.language === 'toml') return structuredClone(parseToml(snippet.text));
  if (snippet.language === 'yaml') return parseYaml(snippet.text) as unknown;
  return JSON.parse(snippet.text) as unknown;
}

function linkNamed(snippet: Snippet, prefix: string): string {
  const link = snippet.links.find((each) => each.url.startsWith(prefix));
  if (!link) throw new Error(`No link starting with ${prefix} in ${JSON.stringify(snippet.links)}`);
  return link.url;
}

const fromBase64 = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;

describe('snippet documents', () => {
  for (const [kind, launch] of LAUNCHES) {
    describe(`${kind} launch`, () => {
      for (const each of CLIENTS) {
        it(`${each.id}: parses as ${each.format === 'toml' ? 'TOML' : each.format === 'yaml' ? 'YAML' : 'JSON'} and holds exactly our entry`, () => {
          const snippet = snippetFor(each, launch, 'linux');
          expect(snippet.clientId).toBe(each.id);
          expect(snippet.language).toBe(each.format === 'toml' ? 'toml' : each.format === 'yaml' ? 'yaml' : 'json');
          expect(snippet.text.endsWith('\n')).toBe(true);
          const document = parseSnippet(snippet);
          expect(document).toEqual(nest(each.container, { punchcard: written(each.entry(launch)) }));
          expect(snippet.nextStep).toBe(each.nextStep);
        });
      }

      for (const each of CLIENTS.filter(isWritable)) {
        it(`${each.id}: the client's own writer takes the snippet as it is`, () => {
          const { text } = snippetFor(each, launch, 'linux');
          const editor = editorFor(each);
          expect(editor.set(text, each.entry(launch), detectFormat(text, false, each.newFileIndent))).toBe(text);
          expect(editor.read(text)).toEqual(written(each.entry(launch)));
        });
      }
    });
  }

  it('carries ELECTRON_RUN_AS_NODE only for the app launch', () => {
    expect(JSON.parse(snippetFor(client('cursor'), DEV, 'linux').text)).toEqual({ mcpServers: { punchcard: { command: DEV.command, args: DEV.args } } });
    expect(JSON.parse(snippetFor(client('cursor'), APP, 'linux').text)).toEqual({
      mcpServers: { punchcard: { command: APP.command, args: APP.args, env: { ELECTRON_RUN_AS_NODE: '1' } } },
    });
  });

  it('does not depend on the platform, apart from the command', () => {
    for (const each of CLIENTS) {
      const linux = snippetFor(each, APP, 'linux');
      for (const platform of ['darwin', 'win32'] as const) {
        const other = snippetFor(each, APP, platform);
        expect({ ...other, command: undefined }, `${each.id} on ${platform}`).toEqual({ ...linux, command: undefined });
      }
    }
  });

  it('VS Code, Insiders, Claude Code, Codex, Gemini CLI and Copilot CLI get a command; only VS Code, Insiders, Cursor and LM Studio a link', () => {
    const withCommand = CLIENTS.filter((each) => snippetFor(each, APP, 'linux').command !== undefined).map((each) => each.id);
    const withLinks = CLIENTS.filter((each) => snippetFor(each, APP, 'linux').links.length > 0).map((each) => each.id);
    expect(withCommand).toEqual(['vscode', 'vscode-insiders', 'claude-code', 'codex', 'gemini-cli', 'copilot-cli']);
    expect(withLinks).toEqual(['vscode', 'vscode-insiders', 'cursor', 'lm-studio']);
  });
});

describe('install links', () => {
  for (const [kind, launch] of LAUNCHES) {
    it(`vscode:mcp/install carries the name and the entry (${kind})`, () => {
      const url = linkNamed(snippetFor(client('vscode'), launch, 'linux'), 'vscode:mcp/install?');
      expect(url).toMatch(/^[\x21-\x7e]+$/);
      expect(JSON.parse(decodeURIComponent(url.slice('vscode:mcp/install?'.length)))).toStrictEqual({
        name: 'punchcard',
        ...written(client('vscode').entry(launch)),
      });
    });

    it(`vscode-insiders:mcp/install carries the name and the entry (${kind})`, () => {
      const url = linkNamed(snippetFor(client('vscode-insiders'), launch, 'linux'), 'vscode-insiders:mcp/install?');
      expect(JSON.parse(decodeURIComponent(url.slice('vscode-insiders:mcp/install?'.length)))).toStrictEqual({
        name: 'punchcard',
        ...written(client('vscode-insiders').entry(launch)),
      });
    });

    it(`the Cursor deeplink carries the entry as base64 JSON (${kind})`, () => {
      const url = new URL(linkNamed(snippetFor(client('cursor'), launch, 'linux'), 'cursor://anysphere.cursor-deeplink/mcp/install?'));
      expect(url.searchParams.get('name')).toBe('punchcard');
      expect(fromBase64(url.searchParams.get('config') ?? '')).toStrictEqual(written(client('cursor').entry(launch)));
    });

    it(`the LM Studio deeplink carries the entry as base64 JSON (${kind})`, () => {
      const url = new URL(linkNamed(snippetFor(client('lm-studio'), launch, 'linux'), 'lmstudio://add_mcp?'));
      expect(url.searchParams.get('name')).toBe('punchcard');
      expect(fromBase64(url.searchParams.get('config') ?? '')).toStrictEqual(written(client('lm-studio').entry(launch)));
    });
  }

  it('every link is one printable ASCII word that parses as a URL', () => {
    for (const [, launch] of LAUNCHES) {
      for (const each of CLIENTS) {
        for (const { label, url } of snippetFor(each, launch, 'linux').links) {
          expect(label).not.toBe('');
          expect(url, each.id).toMatch(/^[\x21-\x7e]+$/);
          expect(() => new URL(url), url).not.toThrow();
        }
      }
    }
  });
});

describe('commands', () => {
  const platforms: Platform[] = ['linux', 'darwin', 'win32'];

  for (const platform of platforms) {
    for (const [kind, launch] of LAUNCHES) {
      if (platform === 'win32') {
        it(`offers no JSON command line on Windows, where PowerShell mangles quotes for .cmd launchers (${kind})`, () => {
          expect(snippetFor(client('vscode'), launch, platform).command).toBeUndefined();
          expect(snippetFor(client('vscode-insiders'), launch, platform).command).toBeUndefined();
          expect(snippetFor(client('vscode'), launch, platform).links.map((link) => link.url)[0]).toMatch(/^vscode:mcp\/install\?/);
        });

        it(`claude mcp add gives back the command line and the variables on Windows (${kind})`, () => {
          const words = wordsFor(platform)(snippetFor(client('claude-code'), launch, platform).command ?? '');
          const env = Object.entries(launch.env).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
          expect(words).toEqual(['claude', 'mcp', 'add', '-s', 'user', ...env, 'punchcard', '--', launch.command, ...launch.args]);
        });
      } else {
        it(`code --add-mcp gives back the named entry (${platform}, ${kind})`, () => {
          const words = wordsFor(platform)(snippetFor(client('vscode'), launch, platform).command ?? '');
          expect(words.slice(0, 2)).toEqual(['code', '--add-mcp']);
          expect(words).toHaveLength(3);
          expect(JSON.parse(words[2] ?? '')).toStrictEqual({ name: 'punchcard', ...written(client('vscode').entry(launch)) });
        });

        it(`code-insiders --add-mcp gives back the named entry (${platform}, ${kind})`, () => {
          const words = wordsFor(platform)(snippetFor(client('vscode-insiders'), launch, platform).command ?? '');
          expect(words.slice(0, 2)).toEqual(['code-insiders', '--add-mcp']);
          expect(JSON.parse(words[2] ?? '')).toStrictEqual({ name: 'punchcard', ...written(client('vscode-insiders').entry(launch)) });
        });

        it(`claude mcp add-json gives back the entry, at user scope (${platform}, ${kind})`, () => {
          const words = wordsFor(platform)(snippetFor(client('claude-code'), launch, platform).command ?? '');
          expect(words.slice(0, 6)).toEqual(['claude', 'mcp', 'add-json', '-s', 'user', 'punchcard']);
          expect(words).toHaveLength(7);
          expect(JSON.parse(words[6] ?? '')).toStrictEqual(written(client('claude-code').entry(launch)));
        });
      }

      it(`codex mcp add gives back the command line and the variables (${platform}, ${kind})`, () => {
        const words = wordsFor(platform)(snippetFor(client('codex'), launch, platform).command ?? '');
        const env = Object.entries(launch.env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
        expect(words).toEqual(['codex', 'mcp', 'add', 'punchcard', ...env, '--', launch.command, ...launch.args]);
      });
    }
  }

  it('codex gets --env ELECTRON_RUN_AS_NODE=1 for the app launch only', () => {
    expect(snippetFor(client('codex'), APP, 'linux').command).toContain('--env ELECTRON_RUN_AS_NODE=1 -- ');
    expect(snippetFor(client('codex'), DEV, 'linux').command).not.toContain('--env');
    expect(snippetFor(client('codex'), DEV, 'linux').command).not.toContain('ELECTRON_RUN_AS_NODE');
  });

  it('a plain development path needs no quotes', () => {
    expect(snippetFor(client('codex'), DEV, 'linux').command).toBe(
      `codex mcp add punchcard -- /usr/local/bin/node ${ENGINE_NODE_FLAGS.join(' ')} /home/ada/src/punchcard/dist/mcp-server/punchcard-mcp.mjs --user-data /home/ada/.config/Punchcard`,
    );
  });

  it('gives Gemini CLI and Copilot CLI their own one-line add commands, options after --', () => {
    const script = '/home/ada/src/punchcard/dist/mcp-server/punchcard-mcp.mjs';
    expect(snippetFor(client('gemini-cli'), DEV, 'linux').command).toBe(
      `gemini mcp add -s user punchcard /usr/local/bin/node -- ${ENGINE_NODE_FLAGS.join(' ')} ${script} --user-data /home/ada/.config/Punchcard`,
    );
    expect(snippetFor(client('copilot-cli'), DEV, 'linux').command).toBe(
      `copilot mcp add punchcard --tools '*' -- /usr/local/bin/node ${ENGINE_NODE_FLAGS.join(' ')} ${script} --user-data /home/ada/.config/Punchcard`,
    );
    // In the app, the variable that makes its executable act as Node goes along.
    expect(snippetFor(client('gemini-cli'), APP, 'linux').command).toMatch(/^gemini mcp add -s user -e ELECTRON_RUN_AS_NODE=1 punchcard /);
    expect(snippetFor(client('copilot-cli'), APP, 'linux').command).toMatch(/^copilot mcp add punchcard --tools '\*' -e ELECTRON_RUN_AS_NODE=1 -- /);
  });

  it('quotes the Windows app path for PowerShell, doubling the apostrophe', () => {
    expect(snippetFor(client('codex'), WINDOWS_APP, 'win32').command).toContain(
      "-- 'C:\\Users\\Zoë O''Brien\\AppData\\Local\\Programs\\Punchcard\\Punchcard.exe' ",
    );
  });
});

describe('quoting', () => {
  const values = [
    '',
    'plain',
    "/tmp/Zoë's files/punchcard-mcp.mjs",
    "it's a 'quoted' word",
    '"double" quotes',
    '$HOME ${PATH} $(whoami) `id`',
    'a;b&c|d<e>f',
    '* ? [a] {b,c} ~ # !',
    'tab\there',
    'line\nbreak',
    '日本語 Ünïcödé 🙂',
    'C:\\Program Files\\Punchcard\\Punchcard.exe',
    '--user-data',
    'ELECTRON_RUN_AS_NODE=1',
  ];

  it('posixQuote gives back every value as one word', () => {
    for (const value of values) expect(posixWords(`echo ${posixQuote(value)}`), value).toEqual(['echo', value === '' ? '' : value]);
  });

  it('posixQuote leaves harmless words alone', () => {
    expect(posixQuote('/usr/local/bin/node')).toBe('/usr/local/bin/node');
    expect(posixQuote('ELECTRON_RUN_AS_NODE=1')).toBe('ELECTRON_RUN_AS_NODE=1');
    expect(posixQuote("Zoë's")).toBe("'Zoë'\\''s'");
  });

  it('powershellQuote gives back every value as one word', () => {
    for (const value of values) expect(powershellWords(`echo ${powershellQuote(value)}`), value).toEqual(['echo', value]);
  });

  it('powershellQuote doubles single quotes', () => {
    expect(powershellQuote("O'Brien")).toBe("'O''Brien'");
    expect(powershellQuote('C:\\Program Files\\x')).toBe("'C:\\Program Files\\x'");
    expect(powershellQuote('C:\\tools\\node.exe')).toBe('C:\\tools\\node.exe');
  });

  it('powershellQuote also doubles the typographic apostrophes PowerShell ends a string on', () => {
    for (const value of ['C:\\Users\\Zoë’s PC\\punchcard-mcp.mjs', 'C:\\Users\\‘quoted’\\x', 'C:\\a‚b‛c']) {
      expect(powershellWords(`echo ${powershellQuote(value)}`), value).toEqual(['echo', value]);
    }
  });

  it('powershellQuote quotes a comma, which PowerShell would otherwise split into two arguments', () => {
    for (const value of ['C:\\Users\\Smith,John\\AppData\\Local\\Programs\\Punchcard\\Punchcard.exe', 'a,b']) {
      expect(powershellWords(`echo ${powershellQuote(value)}`), value).toEqual(['echo', value]);
    }
  });

  it('a Windows command survives a user folder with a typographic apostrophe', () => {
    const launch = launchSpec({
      executable: 'C:\\Users\\Zoë’s PC\\AppData\\Local\\Programs\\Punchcard\\Punchcard.exe',
      serverScript: 'C:\\Users\\Zoë’s PC\\AppData\\Local\\Programs\\Punchcard\\resources\\punchcard-mcp.mjs',
      userDataDir: 'C:\\Users\\Zoë’s PC\\AppData\\Roaming\\Punchcard',
      runAsNode: true,
    });
    const words = powershellWords(snippetFor(client('codex'), launch, 'win32').command ?? '');
    expect(words).toEqual(['codex', 'mcp', 'add', 'punchcard', '--env', 'ELECTRON_RUN_AS_NODE=1', '--', launch.command, ...launch.args]);
  });
});
