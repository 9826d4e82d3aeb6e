// scripts/keyring-addon.ts: the keychain library's addon for the other Mac architecture, exactly as
// package-lock.json locks it. The archive comes from a folder here instead of the registry (the
// registry's npm pack is the one edge not run here; the release workflow runs it).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installAddon, integrityOf, lockedAddon } from '../../scripts/keyring-addon.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('the locked addon', () => {
  it('is found in this repository’s lock file for both Mac architectures, with a sha512 integrity', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as unknown;
    const library = (lock as { packages: Record<string, { version: string }> }).packages['node_modules/@napi-rs/keyring'];
    for (const platform of ['darwin-x64', 'darwin-arm64']) {
      expect(lockedAddon(lock, platform)).toMatchObject({
        name: `@napi-rs/keyring-${platform}`,
        version: library?.version,
        integrity: expect.stringMatching(/^sha512-/),
      });
    }
  });

  it('refuses a platform the lock does not name, and anything that is not a platform name, in words', () => {
    const lock = { packages: { 'node_modules/@napi-rs/keyring-darwin-x64': { version: '2.1.2', integrity: 'sha512-AAAA' } } };
    expect(() => lockedAddon(lock, 'plan9-mips')).toThrow('package-lock.json locks no @napi-rs/keyring-plan9-mips');
    expect(() => lockedAddon(lock, '../../evil')).toThrow('is not a platform name');
    expect(() => lockedAddon({ packages: { 'node_modules/@napi-rs/keyring-darwin-x64': { version: '2.1.2', integrity: 'sha1-AAAA' } } }, 'darwin-x64')).toThrow(
      'no sha512 integrity',
    );
  });
});

describe('installing it', () => {
  let root: string;
  let archive: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'punchcard-addon-test-'));
    // An npm archive: one folder, package/, with the package's files.
    const source = join(root, 'source', 'package');
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'package.json'), JSON.stringify({ name: '@napi-rs/keyring-darwin-x64', version: '2.1.2' }));
    writeFileSync(join(source, 'keyring.darwin-x64.node'), Buffer.from([0xcf, 0xfa, 0xed, 0xfe]));
    archive = join(root, 'archive.tgz');
    execFileSync('tar', ['-czf', archive, '-C', join(root, 'source'), 'package']);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const lockWith = (integrity: string) =>
    writeFileSync(
      join(root, 'package-lock.json'),
      JSON.stringify({ packages: { 'node_modules/@napi-rs/keyring-darwin-x64': { version: '2.1.2', integrity } } }),
    );
  const fromFolder = (spec: string, folder: string) => {
    expect(spec).toBe('@napi-rs/keyring-darwin-x64@2.1.2');
    copyFileSync(archive, join(folder, 'fetched.tgz'));
    return join(folder, 'fetched.tgz');
  };

  it('unpacks the archive the lock file names into node_modules', () => {
    lockWith(integrityOf(readFileSync(archive)));
    expect(installAddon(root, 'darwin-x64', fromFolder)).toMatchObject({ name: '@napi-rs/keyring-darwin-x64', version: '2.1.2' });
    const installed = join(root, 'node_modules', '@napi-rs', 'keyring-darwin-x64');
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))).toMatchObject({ version: '2.1.2' });
    expect(existsSync(join(installed, 'keyring.darwin-x64.node'))).toBe(true);
  });

  it('installs nothing when the archive is not the one the lock file locks', () => {
    lockWith(integrityOf(Buffer.from('another archive')));
    expect(() => installAddon(root, 'darwin-x64', fromFolder)).toThrow(/is not what package-lock.json locks .*nothing was installed/);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
  });
});
