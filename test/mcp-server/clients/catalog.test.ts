// The per-OS rules of the client catalog (mcp-server/clients/catalog.ts): where each client's MCP config
// lives, how Punchcard tells it is installed, and how our entry is shaped for it. Pure: a fake probe
// answers the file-system questions, and hand-made environments stand for Linux, macOS and Windows.
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENTS, findClient, isWritable } from '../../../mcp-server/clients/catalog.ts';
import { ENGINE_NODE_FLAGS } from '../../../mcp-server/engine-flags.ts';
import { editorFor } from '../../../mcp-server/clients/config-editor.ts';
import { findOnPath, type ClientEnvironment, type Platform, type Probe } from '../../../mcp-server/clients/environment.ts';
import { createRegistrar } from '../../../mcp-server/clients/registrar.ts';
import { launchSpec, type LaunchSpec } from '../../../mcp-server/clients/server-entry.ts';
import { written } from '../../../mcp-server/clients/json-config.ts';
import { snippetFor } from '../../../mcp-server/clients/snippets.ts';
import { detectFormat } from '../../../mcp-server/clients/text-format.ts';
import { APP_LAUNCH, client, DEV_LAUNCH } from '../../support/clients.ts';

/** A file system holding exactly `paths` and the folders above them. */
function fakeProbe(platform: Platform, paths: readonly string[] = []): Probe {
  const path = platform === 'win32' ? win32 : posix;
  const present = new Set<string>();
  for (const entry of paths) {
    let current = entry;
    while (!present.has(current)) {
      present.add(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  return {
    exists: (candidate) => present.has(candidate),
    // The given paths are the leaves; the folders above them are not files.
    isFile: (candidate) => paths.includes(candidate),
    list: (folder) =>
      [...present].filter((candidate) => candidate !== folder && path.dirname(candidate) === folder).map((candidate) => path.basename(candidate)),
  };
}

const LINUX: ClientEnvironment = { platform: 'linux', home: '/home/ada', env: { HOME: '/home/ada', PATH: '/usr/local/bin:/usr/bin:/bin' } };
const MAC: ClientEnvironment = { platform: 'darwin', home: '/Users/ada', env: { HOME: '/Users/ada', PATH: '/opt/homebrew/bin:/usr/bin:/bin' } };
const WINDOWS: ClientEnvironment = {
  platform: 'win32',
  home: 'C:\\Users\\ada',
  env: {
    USERPROFILE: 'C:\\Users\\ada',
    APPDATA: 'C:\\Users\\ada\\AppData\\Roaming',
    LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local',
    Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs',
  },
};
const ENVIRONMENTS = [LINUX, MAC, WINDOWS];

function withEnv(environment: ClientEnvironment, extra: Record<string, string>): ClientEnvironment {
  return { ...environment, env: { ...environment.env, ...extra } };
}

const filesOf = (id: string, environment: ClientEnvironment, probe: Probe = fakeProbe(environment.platform)) => client(id).configFiles(environment, probe);
const installedIds = (environment: ClientEnvironment, probe: Probe) => CLIENTS.filter((each) => each.installed(environment, probe)).map((each) => each.id);

const ROAMING = 'C:\\Users\\ada\\AppData\\Roaming';
const LOCAL = 'C:\\Users\\ada\\AppData\\Local';
const MAC_SUPPORT = '/Users/ada/Library/Application Support';

describe('the catalog', () => {
  it('knows the clients of docs/clients.md, each once', () => {
    const ids = CLIENTS.map((each) => each.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      [
        'claude-code',
        'claude-desktop',
        'cline',
        'codex',
        'copilot-cli',
        'cursor',
        'gemini-cli',
        'goose',
        'jetbrains',
        'lm-studio',
        'roo-code',
        'vscode',
        'vscode-insiders',
        'windsurf',
        'zed',
      ].sort(),
    );
  });

  it('gives every client a name and a next step', () => {
    for (const each of CLIENTS) {
      expect(each.name, each.id).not.toBe('');
      expect(each.nextStep.length, each.id).toBeGreaterThan(10);
    }
  });

  it('gives every writable client at least one file on every OS, and copy-paste clients none', () => {
    for (const environment of ENVIRONMENTS) {
      for (const each of CLIENTS) {
        const files = each.configFiles(environment, fakeProbe(environment.platform));
        if (isWritable(each)) expect(files.length, `${each.id} on ${environment.platform}`).toBeGreaterThan(0);
        else expect(files, `${each.id} on ${environment.platform}`).toEqual([]);
      }
    }
  });

  it('only Goose and JetBrains are copy and paste', () => {
    expect(CLIENTS.filter((each) => !isWritable(each)).map((each) => each.id)).toEqual(['goose', 'jetbrains']);
  });

  it('uses each client’s format and server map key', () => {
    const shape = Object.fromEntries(CLIENTS.map((each) => [each.id, `${each.format} ${each.container.join('.')}`]));
    expect(shape).toEqual({
      'claude-desktop': 'json mcpServers',
      vscode: 'jsonc servers',
      'vscode-insiders': 'jsonc servers',
      cursor: 'json mcpServers',
      'claude-code': 'json mcpServers',
      codex: 'toml mcp_servers',
      windsurf: 'json mcpServers',
      zed: 'jsonc context_servers',
      'gemini-cli': 'json-comments mcpServers',
      'lm-studio': 'json mcpServers',
      cline: 'json mcpServers',
      'roo-code': 'json mcpServers',
      'copilot-cli': 'jsonc mcpServers',
      goose: 'yaml extensions',
      jetbrains: 'settings mcpServers',
    });
  });

  it('finds clients by id and nothing else', () => {
    expect(findClient('cursor')?.name).toBe('Cursor');
    expect(findClient('Cursor')).toBeUndefined();
    expect(findClient('')).toBeUndefined();
  });
});

describe('config file paths', () => {
  describe('Claude Desktop', () => {
    it('lives in Application Support on macOS', () => {
      expect(filesOf('claude-desktop', MAC)).toEqual([`${MAC_SUPPORT}/Claude/claude_desktop_config.json`]);
    });

    it('lives in ~/.config/Claude on Linux', () => {
      expect(filesOf('claude-desktop', LINUX)).toEqual(['/home/ada/.config/Claude/claude_desktop_config.json']);
    });

    it('uses the classic %APPDATA% file on Windows when no Store package is installed', () => {
      expect(filesOf('claude-desktop', WINDOWS)).toEqual([`${ROAMING}\\Claude\\claude_desktop_config.json`]);
    });

    it('uses the package container of the Store (MSIX) app when its folder exists', () => {
      const probe = fakeProbe('win32', [`${LOCAL}\\Packages\\Claude_pzs8sxrjxfjjc`, `${LOCAL}\\Packages\\Microsoft.WindowsTerminal_8wekyb3d8bbwe`]);
      expect(filesOf('claude-desktop', WINDOWS, probe)).toEqual([
        `${LOCAL}\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
      ]);
    });

    it('writes the package file and the classic file when both folders exist', () => {
      const probe = fakeProbe('win32', [`${LOCAL}\\Packages\\Claude_pzs8sxrjxfjjc`, `${ROAMING}\\Claude`]);
      expect(filesOf('claude-desktop', WINDOWS, probe)).toEqual([
        `${LOCAL}\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json`,
        `${ROAMING}\\Claude\\claude_desktop_config.json`,
      ]);
    });

    it('ignores package folders of other apps that merely mention Claude', () => {
      const probe = fakeProbe('win32', [`${LOCAL}\\Packages\\ClaudeHelper_abc123`, `${LOCAL}\\Packages\\Anthropic.Claude_abc123`]);
      expect(filesOf('claude-desktop', WINDOWS, probe)).toEqual([`${ROAMING}\\Claude\\claude_desktop_config.json`]);
    });

    it('falls back to the profile’s AppData folders when APPDATA and LOCALAPPDATA are unset', () => {
      const bare: ClientEnvironment = { platform: 'win32', home: 'D:\\Profiles\\ada', env: {} };
      expect(filesOf('claude-desktop', bare)).toEqual(['D:\\Profiles\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json']);
      const probe = fakeProbe('win32', ['D:\\Profiles\\ada\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc']);
      expect(filesOf('claude-desktop', bare, probe)).toEqual([
        'D:\\Profiles\\ada\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json',
      ]);
    });
  });

  describe('VS Code and VS Code Insiders', () => {
    it('use the user folder of each OS', () => {
      expect(filesOf('vscode', MAC)).toEqual([`${MAC_SUPPORT}/Code/User/mcp.json`]);
      expect(filesOf('vscode', WINDOWS)).toEqual([`${ROAMING}\\Code\\User\\mcp.json`]);
      expect(filesOf('vscode', LINUX)).toEqual(['/home/ada/.config/Code/User/mcp.json']);
      expect(filesOf('vscode-insiders', MAC)).toEqual([`${MAC_SUPPORT}/Code - Insiders/User/mcp.json`]);
      expect(filesOf('vscode-insiders', WINDOWS)).toEqual([`${ROAMING}\\Code - Insiders\\User\\mcp.json`]);
      expect(filesOf('vscode-insiders', LINUX)).toEqual(['/home/ada/.config/Code - Insiders/User/mcp.json']);
    });

    it('follow XDG_CONFIG_HOME on Linux', () => {
      const xdg = withEnv(LINUX, { XDG_CONFIG_HOME: '/data/ada/config' });
      expect(filesOf('vscode', xdg)).toEqual(['/data/ada/config/Code/User/mcp.json']);
      expect(filesOf('vscode-insiders', xdg)).toEqual(['/data/ada/config/Code - Insiders/User/mcp.json']);
    });

    it('ignore a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
      expect(filesOf('vscode', withEnv(LINUX, { XDG_CONFIG_HOME: 'config' }))).toEqual(['/home/ada/.config/Code/User/mcp.json']);
    });

    it('ignore XDG_CONFIG_HOME on macOS', () => {
      expect(filesOf('vscode', withEnv(MAC, { XDG_CONFIG_HOME: '/Users/ada/.xdg' }))).toEqual([`${MAC_SUPPORT}/Code/User/mcp.json`]);
    });
  });

  it('Cursor: ~/.cursor/mcp.json', () => {
    expect(filesOf('cursor', LINUX)).toEqual(['/home/ada/.cursor/mcp.json']);
    expect(filesOf('cursor', MAC)).toEqual(['/Users/ada/.cursor/mcp.json']);
    expect(filesOf('cursor', WINDOWS)).toEqual(['C:\\Users\\ada\\.cursor\\mcp.json']);
  });

  it('Claude Code: ~/.claude.json', () => {
    expect(filesOf('claude-code', LINUX)).toEqual(['/home/ada/.claude.json']);
    expect(filesOf('claude-code', MAC)).toEqual(['/Users/ada/.claude.json']);
    expect(filesOf('claude-code', WINDOWS)).toEqual(['C:\\Users\\ada\\.claude.json']);
  });

  it('Codex: ~/.codex/config.toml, or $CODEX_HOME/config.toml', () => {
    expect(filesOf('codex', LINUX)).toEqual(['/home/ada/.codex/config.toml']);
    expect(filesOf('codex', MAC)).toEqual(['/Users/ada/.codex/config.toml']);
    expect(filesOf('codex', WINDOWS)).toEqual(['C:\\Users\\ada\\.codex\\config.toml']);
    expect(filesOf('codex', withEnv(LINUX, { CODEX_HOME: '/srv/codex' }))).toEqual(['/srv/codex/config.toml']);
    expect(filesOf('codex', withEnv(WINDOWS, { CODEX_HOME: 'D:\\codex' }))).toEqual(['D:\\codex\\config.toml']);
  });

  it('Codex ignores an empty CODEX_HOME', () => {
    expect(filesOf('codex', withEnv(LINUX, { CODEX_HOME: '' }))).toEqual(['/home/ada/.codex/config.toml']);
  });

  it('Windsurf: ~/.codeium/windsurf/mcp_config.json', () => {
    expect(filesOf('windsurf', LINUX)).toEqual(['/home/ada/.codeium/windsurf/mcp_config.json']);
    expect(filesOf('windsurf', MAC)).toEqual(['/Users/ada/.codeium/windsurf/mcp_config.json']);
    expect(filesOf('windsurf', WINDOWS)).toEqual(['C:\\Users\\ada\\.codeium\\windsurf\\mcp_config.json']);
  });

  it('Zed: ~/.config/zed on macOS and Linux (XDG on Linux only), %APPDATA%\\Zed on Windows', () => {
    expect(filesOf('zed', LINUX)).toEqual(['/home/ada/.config/zed/settings.json']);
    expect(filesOf('zed', withEnv(LINUX, { XDG_CONFIG_HOME: '/data/ada/config' }))).toEqual(['/data/ada/config/zed/settings.json']);
    expect(filesOf('zed', MAC)).toEqual(['/Users/ada/.config/zed/settings.json']);
    expect(filesOf('zed', withEnv(MAC, { XDG_CONFIG_HOME: '/Users/ada/.xdg' }))).toEqual(['/Users/ada/.config/zed/settings.json']);
    expect(filesOf('zed', WINDOWS)).toEqual([`${ROAMING}\\Zed\\settings.json`]);
  });

  it('Gemini CLI: ~/.gemini/settings.json', () => {
    expect(filesOf('gemini-cli', LINUX)).toEqual(['/home/ada/.gemini/settings.json']);
    expect(filesOf('gemini-cli', MAC)).toEqual(['/Users/ada/.gemini/settings.json']);
    expect(filesOf('gemini-cli', WINDOWS)).toEqual(['C:\\Users\\ada\\.gemini\\settings.json']);
  });

  it('LM Studio: ~/.lmstudio/mcp.json', () => {
    expect(filesOf('lm-studio', LINUX)).toEqual(['/home/ada/.lmstudio/mcp.json']);
    expect(filesOf('lm-studio', MAC)).toEqual(['/Users/ada/.lmstudio/mcp.json']);
    expect(filesOf('lm-studio', WINDOWS)).toEqual(['C:\\Users\\ada\\.lmstudio\\mcp.json']);
  });

  it('Cline and Roo Code: the extension’s global storage in VS Code’s user folder', () => {
    expect(filesOf('cline', LINUX)).toEqual(['/home/ada/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json']);
    expect(filesOf('cline', MAC)).toEqual([`${MAC_SUPPORT}/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`]);
    expect(filesOf('cline', WINDOWS)).toEqual([`${ROAMING}\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json`]);
    expect(filesOf('roo-code', LINUX)).toEqual(['/home/ada/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json']);
    expect(filesOf('roo-code', MAC)).toEqual([`${MAC_SUPPORT}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`]);
    expect(filesOf('roo-code', WINDOWS)).toEqual([`${ROAMING}\\Code\\User\\globalStorage\\rooveterinaryinc.roo-cline\\settings\\mcp_settings.json`]);
    expect(filesOf('cline', withEnv(LINUX, { XDG_CONFIG_HOME: '/data/ada/config' }))).toEqual([
      '/data/ada/config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
    ]);
  });

  it('GitHub Copilot CLI: ~/.copilot/mcp-config.json, or $COPILOT_HOME/mcp-config.json', () => {
    expect(filesOf('copilot-cli', LINUX)).toEqual(['/home/ada/.copilot/mcp-config.json']);
    expect(filesOf('copilot-cli', MAC)).toEqual(['/Users/ada/.copilot/mcp-config.json']);
    expect(filesOf('copilot-cli', WINDOWS)).toEqual(['C:\\Users\\ada\\.copilot\\mcp-config.json']);
    expect(filesOf('copilot-cli', withEnv(LINUX, { COPILOT_HOME: '/srv/copilot' }))).toEqual(['/srv/copilot/mcp-config.json']);
    expect(filesOf('copilot-cli', withEnv(WINDOWS, { COPILOT_HOME: 'D:\\copilot' }))).toEqual(['D:\\copilot\\mcp-config.json']);
  });

  it('writes to absolute paths only, on every OS', () => {
    for (const environment of ENVIRONMENTS) {
      const path = environment.platform === 'win32' ? win32 : posix;
      for (const each of CLIENTS) {
        for (const file of each.configFiles(environment, fakeProbe(environment.platform))) expect(path.isAbsolute(file), file).toBe(true);
      }
    }
  });
});

describe('findOnPath', () => {
  it('finds a launcher in the first PATH folder that has it (":" on Linux and macOS)', () => {
    const probe = fakeProbe('linux', ['/usr/bin/codex', '/home/ada/.local/bin/codex']);
    const environment = withEnv(LINUX, { PATH: '/home/ada/.local/bin:/usr/bin' });
    expect(findOnPath('codex', environment, probe)).toBe('/home/ada/.local/bin/codex');
    expect(findOnPath('claude', environment, probe)).toBeNull();
  });

  it('does not split a POSIX PATH on ";"', () => {
    const probe = fakeProbe('linux', ['/opt/tools/codex']);
    expect(findOnPath('codex', withEnv(LINUX, { PATH: '/usr/bin;/opt/tools' }), probe)).toBeNull();
  });

  it('skips relative and empty PATH folders', () => {
    const probe = fakeProbe('linux', ['bin/codex', '/usr/bin/codex']);
    expect(findOnPath('codex', withEnv(LINUX, { PATH: 'bin::/usr/bin' }), probe)).toBe('/usr/bin/codex');
    expect(findOnPath('codex', withEnv(LINUX, { PATH: 'bin' }), probe)).toBeNull();
  });

  it('splits on ";" on Windows, reads Path, and tries .exe and .cmd', () => {
    const probe = fakeProbe('win32', ['C:\\Program Files\\nodejs\\codex.cmd', 'C:\\Users\\ada\\AppData\\Local\\Programs\\Cursor\\cursor.exe']);
    const environment = withEnv(WINDOWS, { Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs;C:\\Users\\ada\\AppData\\Local\\Programs\\Cursor' });
    expect(findOnPath('codex', environment, probe)).toBe('C:\\Program Files\\nodejs\\codex.cmd');
    expect(findOnPath('cursor', environment, probe)).toBe('C:\\Users\\ada\\AppData\\Local\\Programs\\Cursor\\cursor.exe');
    expect(findOnPath('claude', environment, probe)).toBeNull();
  });

  it('prefers .exe to .cmd in the same Windows folder', () => {
    const probe = fakeProbe('win32', ['C:\\tools\\claude.cmd', 'C:\\tools\\claude.exe']);
    expect(findOnPath('claude', withEnv(WINDOWS, { Path: 'C:\\tools' }), probe)).toBe('C:\\tools\\claude.exe');
  });

  it('finds nothing without a PATH', () => {
    const probe = fakeProbe('linux', ['/usr/bin/codex']);
    expect(findOnPath('codex', { platform: 'linux', home: '/home/ada', env: {} }, probe)).toBeNull();
  });
});

describe('detection', () => {
  it('finds nothing installed on an empty machine', () => {
    for (const environment of ENVIRONMENTS) expect(installedIds(environment, fakeProbe(environment.platform)), environment.platform).toEqual([]);
  });

  const folders: Record<Platform, Record<string, { folder: string; alsoInstalled?: string[] }>> = {
    linux: {
      'claude-desktop': { folder: '/home/ada/.config/Claude' },
      vscode: { folder: '/home/ada/.config/Code/User' },
      'vscode-insiders': { folder: '/home/ada/.config/Code - Insiders/User' },
      cursor: { folder: '/home/ada/.cursor' },
      'claude-code': { folder: '/home/ada/.claude' },
      codex: { folder: '/home/ada/.codex' },
      windsurf: { folder: '/home/ada/.codeium/windsurf' },
      zed: { folder: '/home/ada/.config/zed' },
      'gemini-cli': { folder: '/home/ada/.gemini' },
      'lm-studio': { folder: '/home/ada/.lmstudio' },
      cline: { folder: '/home/ada/.config/Code/User/globalStorage/saoudrizwan.claude-dev', alsoInstalled: ['vscode'] },
      'roo-code': { folder: '/home/ada/.config/Code/User/globalStorage/rooveterinaryinc.roo-cline', alsoInstalled: ['vscode'] },
      'copilot-cli': { folder: '/home/ada/.copilot' },
      goose: { folder: '/home/ada/.config/goose' },
      jetbrains: { folder: '/home/ada/.config/JetBrains' },
    },
    darwin: {
      'claude-desktop': { folder: `${MAC_SUPPORT}/Claude` },
      vscode: { folder: `${MAC_SUPPORT}/Code/User` },
      'vscode-insiders': { folder: `${MAC_SUPPORT}/Code - Insiders/User` },
      cursor: { folder: '/Users/ada/.cursor' },
      'claude-code': { folder: '/Users/ada/.claude' },
      codex: { folder: '/Users/ada/.codex' },
      windsurf: { folder: '/Users/ada/.codeium/windsurf' },
      zed: { folder: '/Users/ada/.config/zed' },
      'gemini-cli': { folder: '/Users/ada/.gemini' },
      'lm-studio': { folder: '/Users/ada/.lmstudio' },
      cline: { folder: `${MAC_SUPPORT}/Code/User/globalStorage/saoudrizwan.claude-dev`, alsoInstalled: ['vscode'] },
      'roo-code': { folder: `${MAC_SUPPORT}/Code/User/globalStorage/rooveterinaryinc.roo-cline`, alsoInstalled: ['vscode'] },
      'copilot-cli': { folder: '/Users/ada/.copilot' },
      goose: { folder: '/Users/ada/.config/goose' },
      jetbrains: { folder: `${MAC_SUPPORT}/JetBrains` },
    },
    win32: {
      'claude-desktop': { folder: `${ROAMING}\\Claude` },
      vscode: { folder: `${ROAMING}\\Code\\User` },
      'vscode-insiders': { folder: `${ROAMING}\\Code - Insiders\\User` },
      cursor: { folder: 'C:\\Users\\ada\\.cursor' },
      'claude-code': { folder: 'C:\\Users\\ada\\.claude' },
      codex: { folder: 'C:\\Users\\ada\\.codex' },
      windsurf: { folder: 'C:\\Users\\ada\\.codeium\\windsurf' },
      zed: { folder: `${ROAMING}\\Zed` },
      'gemini-cli': { folder: 'C:\\Users\\ada\\.gemini' },
      'lm-studio': { folder: 'C:\\Users\\ada\\.lmstudio' },
      cline: { folder: `${ROAMING}\\Code\\User\\globalStorage\\saoudrizwan.claude-dev`, alsoInstalled: ['vscode'] },
      'roo-code': { folder: `${ROAMING}\\Code\\User\\globalStorage\\rooveterinaryinc.roo-cline`, alsoInstalled: ['vscode'] },
      'copilot-cli': { folder: 'C:\\Users\\ada\\.copilot' },
      goose: { folder: `${ROAMING}\\Block\\goose` },
      jetbrains: { folder: `${ROAMING}\\JetBrains` },
    },
  };

  for (const environment of ENVIRONMENTS) {
    it(`covers every client with a folder rule on ${environment.platform}`, () => {
      expect(Object.keys(folders[environment.platform]).sort()).toEqual(CLIENTS.map((each) => each.id).sort());
    });

    for (const [id, { folder, alsoInstalled = [] }] of Object.entries(folders[environment.platform])) {
      it(`${id} is installed on ${environment.platform} when ${folder} exists`, () => {
        const expected = [id, ...alsoInstalled].sort();
        expect(installedIds(environment, fakeProbe(environment.platform, [folder])).sort()).toEqual(expected);
      });
    }
  }

  it('Claude Code is installed when only ~/.claude.json exists', () => {
    expect(installedIds(LINUX, fakeProbe('linux', ['/home/ada/.claude.json']))).toEqual(['claude-code']);
  });

  it('Claude Desktop from the Store is installed when its package folder exists', () => {
    expect(installedIds(WINDOWS, fakeProbe('win32', [`${LOCAL}\\Packages\\Claude_pzs8sxrjxfjjc`]))).toEqual(['claude-desktop']);
    expect(installedIds(WINDOWS, fakeProbe('win32', [`${LOCAL}\\AnthropicClaude`]))).toEqual(['claude-desktop']);
  });

  it('Claude Code follows CLAUDE_CONFIG_DIR, Gemini CLI follows GEMINI_CLI_HOME, on every OS', () => {
    expect(filesOf('claude-code', withEnv(LINUX, { CLAUDE_CONFIG_DIR: '/srv/claude' }))).toEqual(['/srv/claude/.claude.json']);
    expect(filesOf('claude-code', withEnv(WINDOWS, { CLAUDE_CONFIG_DIR: 'D:\\claude' }))).toEqual(['D:\\claude\\.claude.json']);
    expect(filesOf('claude-code', withEnv(LINUX, { CLAUDE_CONFIG_DIR: '' }))).toEqual(['/home/ada/.claude.json']);
    expect(filesOf('gemini-cli', withEnv(LINUX, { GEMINI_CLI_HOME: '/srv/gemini' }))).toEqual(['/srv/gemini/.gemini/settings.json']);
    expect(filesOf('gemini-cli', withEnv(MAC, { GEMINI_CLI_HOME: '/Volumes/work' }))).toEqual(['/Volumes/work/.gemini/settings.json']);
    expect(filesOf('gemini-cli', withEnv(WINDOWS, { GEMINI_CLI_HOME: 'D:\\g' }))).toEqual(['D:\\g\\.gemini\\settings.json']);
    const environment = withEnv(LINUX, { CLAUDE_CONFIG_DIR: '/srv/claude', GEMINI_CLI_HOME: '/srv/gemini' });
    expect(installedIds(environment, fakeProbe('linux', ['/srv/claude/.claude.json', '/srv/gemini/.gemini'])).sort()).toEqual(['claude-code', 'gemini-cli']);
    expect(installedIds(environment, fakeProbe('linux', ['/home/ada/.claude.json', '/home/ada/.gemini']))).toEqual([]);
  });

  it('Codex and the Copilot CLI look for their folder where CODEX_HOME and COPILOT_HOME say', () => {
    const environment = withEnv(LINUX, { CODEX_HOME: '/srv/codex', COPILOT_HOME: '/srv/copilot' });
    expect(installedIds(environment, fakeProbe('linux', ['/srv/codex', '/srv/copilot'])).sort()).toEqual(['codex', 'copilot-cli']);
    expect(installedIds(environment, fakeProbe('linux', ['/home/ada/.codex', '/home/ada/.copilot']))).toEqual([]);
  });

  it('a macOS folder layout means nothing on Linux', () => {
    expect(installedIds(LINUX, fakeProbe('linux', ['/home/ada/Library/Application Support/Claude', '/Applications/Cursor.app']))).toEqual([]);
  });

  const launchers: Array<[id: string, launcher: string]> = [
    ['vscode', 'code'],
    ['vscode-insiders', 'code-insiders'],
    ['cursor', 'cursor'],
    ['claude-code', 'claude'],
    ['codex', 'codex'],
    ['windsurf', 'windsurf'],
    ['zed', 'zed'],
    ['zed', 'zeditor'],
    ['gemini-cli', 'gemini'],
    ['lm-studio', 'lms'],
    ['copilot-cli', 'copilot'],
    ['goose', 'goose'],
  ];

  for (const [id, launcher] of launchers) {
    it(`${id} is installed when ${launcher} is on PATH (Linux and macOS)`, () => {
      for (const environment of [LINUX, MAC]) {
        const probe = fakeProbe(environment.platform, [`/opt/tools/bin/${launcher}`]);
        expect(installedIds(withEnv(environment, { PATH: '/usr/bin:/opt/tools/bin' }), probe), environment.platform).toEqual([id]);
      }
    });

    it(`${id} is installed when ${launcher}.exe or ${launcher}.cmd is on the Windows Path`, () => {
      for (const suffix of ['.exe', '.cmd']) {
        const probe = fakeProbe('win32', [`D:\\tools\\${launcher}${suffix}`]);
        expect(installedIds(withEnv(WINDOWS, { Path: 'C:\\Windows;D:\\tools' }), probe), suffix).toEqual([id]);
      }
    });
  }

  it('Claude Desktop counts as installed through claude-desktop on PATH on Linux only', () => {
    const environment = withEnv(LINUX, { PATH: '/usr/bin' });
    expect(installedIds(environment, fakeProbe('linux', ['/usr/bin/claude-desktop']))).toEqual(['claude-desktop']);
    expect(installedIds(withEnv(MAC, { PATH: '/usr/bin' }), fakeProbe('darwin', ['/usr/bin/claude-desktop']))).toEqual([]);
  });

  it('a launcher in a folder that is not on PATH does not count', () => {
    const probe = fakeProbe('linux', ['/opt/tools/bin/codex', '/opt/tools/bin/code']);
    expect(installedIds(withEnv(LINUX, { PATH: '/usr/bin' }), probe)).toEqual([]);
  });

  const bundles: Array<[id: string, bundle: string]> = [
    ['claude-desktop', 'Claude.app'],
    ['vscode', 'Visual Studio Code.app'],
    ['vscode-insiders', 'Visual Studio Code - Insiders.app'],
    ['cursor', 'Cursor.app'],
    ['windsurf', 'Windsurf.app'],
    ['zed', 'Zed.app'],
  ];

  for (const [id, bundle] of bundles) {
    it(`${id} is installed on macOS when ${bundle} is in /Applications or ~/Applications`, () => {
      expect(installedIds(MAC, fakeProbe('darwin', [`/Applications/${bundle}`]))).toEqual([id]);
      expect(installedIds(MAC, fakeProbe('darwin', [`/Users/ada/Applications/${bundle}`]))).toEqual([id]);
    });
  }
});

describe('our entry, per client', () => {
  const standard = (launch: LaunchSpec) => ({ command: launch.command, args: launch.args, ...(Object.keys(launch.env).length ? { env: launch.env } : {}) });

  it('starts the given executable with the script and the data folder', () => {
    expect(DEV_LAUNCH).toEqual({
      command: '/usr/local/bin/node',
      args: [...ENGINE_NODE_FLAGS, '/home/ada/src/punchcard/dist/mcp-server/punchcard-mcp.mjs', '--user-data', '/home/ada/.config/Punchcard'],
      env: {},
    });
    expect(APP_LAUNCH.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });

  for (const [kind, launch] of [
    ['development', DEV_LAUNCH],
    ['app', APP_LAUNCH],
  ] as const) {
    it(`is command/args/env for the mcpServers clients (${kind})`, () => {
      for (const id of ['claude-desktop', 'cursor', 'codex', 'windsurf', 'gemini-cli', 'lm-studio', 'cline', 'roo-code', 'jetbrains']) {
        expect(written(client(id).entry(launch)), id).toStrictEqual(standard(launch));
      }
    });

    it(`is typed stdio for VS Code, Insiders and Claude Code (${kind})`, () => {
      for (const id of ['vscode', 'vscode-insiders', 'claude-code']) {
        expect(written(client(id).entry(launch)), id).toStrictEqual({ type: 'stdio', ...standard(launch) });
      }
    });

    it(`is type local with every tool for the Copilot CLI (${kind})`, () => {
      expect(written(client('copilot-cli').entry(launch))).toStrictEqual({ type: 'local', ...standard(launch), tools: ['*'] });
    });

    it(`is source custom for Zed (${kind})`, () => {
      expect(written(client('zed').entry(launch))).toStrictEqual({ source: 'custom', ...standard(launch) });
    });

    it(`uses cmd and envs for Goose (${kind})`, () => {
      expect(written(client('goose').entry(launch))).toStrictEqual({
        type: 'stdio',
        name: 'punchcard',
        enabled: true,
        cmd: launch.command,
        args: launch.args,
        ...(Object.keys(launch.env).length ? { envs: launch.env } : {}),
        timeout: 300,
      });
    });
  }

  it('a development entry takes the app’s ELECTRON_RUN_AS_NODE out and keeps the user’s own variables', () => {
    const cursor = client('cursor');
    const appText = JSON.stringify(
      { mcpServers: { punchcard: { ...written(cursor.entry(APP_LAUNCH)), env: { ELECTRON_RUN_AS_NODE: '1', TZ: 'Europe/Berlin' } } } },
      null,
      2,
    );
    const editor = editorFor(cursor);
    const devText = editor.set(appText, cursor.entry(DEV_LAUNCH), detectFormat(appText, false, '  '));
    expect(JSON.parse(devText)).toStrictEqual({ mcpServers: { punchcard: { ...standard(DEV_LAUNCH), env: { TZ: 'Europe/Berlin' } } } });
  });
});

describe('secrets', () => {
  const SECRET = 'secret-123';
  const secretEnvironment = (base: ClientEnvironment): ClientEnvironment =>
    withEnv(base, { PUNCHCARD_KIMAI_TOKEN: SECRET, KIMAI_TOKEN: SECRET, OPENAI_API_KEY: SECRET, GITHUB_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET });

  for (const [kind, runAsNode] of [
    ['development', false],
    ['app', true],
  ] as const) {
    it(`never reach an entry or a snippet from the environment (${kind} launch)`, () => {
      for (const base of ENVIRONMENTS) {
        const environment = secretEnvironment(base);
        const launch = launchSpec({ executable: '/usr/bin/node', serverScript: '/opt/punchcard/punchcard-mcp.mjs', userDataDir: '/var/punchcard', runAsNode });
        const registrar = createRegistrar({ environment, launch, probe: fakeProbe(environment.platform) });
        for (const each of CLIENTS) {
          const entry = each.entry(launch);
          expect(JSON.stringify(entry), each.id).not.toContain(SECRET);
          expect(
            Object.keys(written(entry))
              .filter((key) => !['type', 'name', 'enabled', 'source', 'timeout', 'tools'].includes(key))
              .sort(),
            each.id,
          ).toEqual(each.id === 'goose' ? ['args', 'cmd', ...(runAsNode ? ['envs'] : [])] : ['args', 'command', ...(runAsNode ? ['env'] : [])]);
          expect(JSON.stringify(snippetFor(each, launch, environment.platform)), each.id).not.toContain(SECRET);
          expect(JSON.stringify(registrar.snippet(each.id)), each.id).not.toContain(SECRET);
        }
      }
    });
  }
});
