// The entry names Node by the link a person's installation keeps stable across upgrades, and an
// entry that names the same binary and script another way counts as this install. Real links in a
// temporary folder.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistrar, currentEnvironment, launchSpec, realProbe } from '../../../mcp-server/clients/index.ts';
import { stableNodePath } from '../../../mcp-server/clients/environment.ts';
import { SERVER_BUNDLE } from '../../support/engine.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A HOME with a versioned "install" of Node and a stable bin/node link to it, as Homebrew lays it out. */
function homebrewLike() {
  const root = mkdtempSync(join(tmpdir(), 'punchcard-node-'));
  roots.push(root);
  const versioned = join(root, 'Cellar', 'node', '24.1.0', 'bin');
  mkdirSync(versioned, { recursive: true });
  const real = join(versioned, 'node');
  symlinkSync(process.execPath, real); // stands in for the binary: what matters is where links lead
  const bin = join(root, 'bin');
  mkdirSync(bin);
  symlinkSync(real, join(bin, 'node'));
  const home = join(root, 'home');
  mkdirSync(home);
  return { root, real, bin, home, environment: currentEnvironment({ HOME: home, PATH: `/nonexistent:${bin}` }) };
}

describe('the Node an entry names', () => {
  it('is the link on PATH that leads to the running binary, not the versioned path behind it', () => {
    const { real, bin, environment } = homebrewLike();
    expect(stableNodePath(real, environment, realProbe)).toBe(join(bin, 'node'));
    expect(stableNodePath(realpathSync(process.execPath), environment, realProbe)).toBe(join(bin, 'node'));
  });

  it('is the executable as given when no link on PATH leads to it', () => {
    const { environment } = homebrewLike();
    expect(stableNodePath('/opt/other/node', environment, realProbe)).toBe('/opt/other/node');
  });

  it('counts an entry naming the same binary and script through other paths as registered, not "another install"', () => {
    const { real, bin, home, environment } = homebrewLike();
    const scriptLink = join(home, 'punchcard-mcp.mjs');
    symlinkSync(SERVER_BUNDLE, scriptLink);
    const launch = launchSpec({ executable: join(bin, 'node'), serverScript: SERVER_BUNDLE, userDataDir: join(home, 'data'), runAsNode: false });
    const registrar = createRegistrar({ environment, launch });
    const file = join(home, '.cursor', 'mcp.json');
    mkdirSync(join(home, '.cursor'));
    const viaOtherPaths = { command: real, args: launch.args.map((arg) => (arg === SERVER_BUNDLE ? scriptLink : arg)) };
    writeFileSync(file, JSON.stringify({ mcpServers: { punchcard: viaOtherPaths } }));
    expect(registrar.status('cursor').status).toBe('registered');
    // Another data folder is another install, however the paths are written.
    writeFileSync(file, JSON.stringify({ mcpServers: { punchcard: { ...viaOtherPaths, args: [...viaOtherPaths.args.slice(0, -1), '/elsewhere'] } } }));
    expect(registrar.status('cursor').status).toBe('outdated');
    expect(JSON.parse(readFileSync(file, 'utf8')).mcpServers.punchcard.command).toBe(real);
  });
});

describe('VS Code profiles', () => {
  it('lists and registers every profile beside the default one, and unregisters them again', () => {
    const root = mkdtempSync(join(tmpdir(), 'punchcard-profiles-'));
    roots.push(root);
    const user = join(root, '.config', 'Code', 'User');
    mkdirSync(join(user, 'profiles', '-5a1b2c3d'), { recursive: true });
    mkdirSync(join(user, 'profiles', '7e8f9a0b'), { recursive: true });
    writeFileSync(join(user, 'profiles', '7e8f9a0b', 'mcp.json'), '{\n\t"servers": {}\n}\n');
    const environment = currentEnvironment({ HOME: root, PATH: '' });
    const launch = launchSpec({ executable: process.execPath, serverScript: SERVER_BUNDLE, userDataDir: join(root, 'data'), runAsNode: false });
    const registrar = createRegistrar({ environment, launch });
    const files = [join(user, 'mcp.json'), join(user, 'profiles', '-5a1b2c3d', 'mcp.json'), join(user, 'profiles', '7e8f9a0b', 'mcp.json')];
    expect(registrar.status('vscode').files.map((file) => file.path)).toEqual(files);
    expect(registrar.register('vscode').changed.map((change) => change.path)).toEqual(files);
    for (const file of files) expect(JSON.parse(readFileSync(file, 'utf8')).servers.punchcard.command).toBe(process.execPath);
    expect(registrar.status('vscode').status).toBe('registered');
    registrar.unregister('vscode');
    expect(readFileSync(join(user, 'profiles', '7e8f9a0b', 'mcp.json'), 'utf8')).toBe('{\n\t"servers": {}\n}\n');
    expect(registrar.status('vscode').status).toBe('missing');
  });
});
