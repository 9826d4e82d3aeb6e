// The keychain library's addon for another architecture than the machine's own
// (.github/workflows/release.yml). @napi-rs/keyring loads its addon from one platform package per
// system, and npm installs only the one that fits the machine it runs on (docs/electron.md,
// "Packaging"); GitHub's macOS runners are Apple silicon, so the Intel app would be packed without
// an addon and every keychain call in it would fail. This puts the package that package-lock.json
// names for that platform into node_modules, at the locked version, after checking the downloaded
// archive against the lock file's integrity (so the release gets exactly the bytes the lock
// promises). electron-builder then packs it with the rest (its collector follows the optional
// dependency) and `asarUnpack` leaves its .node file beside the archive.
//   node scripts/keyring-addon.ts <platform>      e.g. darwin-x64
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const LIBRARY = '@napi-rs/keyring';

export interface LockedAddon {
  name: string;
  version: string;
  /** The lock file's Subresource Integrity string (sha512-<base64>). */
  integrity: string;
}

/** The platform package package-lock.json locks for `platform` (darwin-x64, linux-arm64-gnu, …). */
export function lockedAddon(lock: unknown, platform: string): LockedAddon {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(platform)) throw new Error(`"${platform}" is not a platform name such as darwin-x64 or linux-arm64-gnu.`);
  const name = `${LIBRARY}-${platform}`;
  const packages = (lock as { packages?: Record<string, { version?: unknown; integrity?: unknown }> } | null)?.packages;
  const entry = packages?.[`node_modules/${name}`];
  if (!entry)
    throw new Error(
      `package-lock.json locks no ${name}: ${LIBRARY} has no build for "${platform}", or the lock file was written without optional dependencies.`,
    );
  if (typeof entry.version !== 'string' || typeof entry.integrity !== 'string' || !entry.integrity.startsWith('sha512-')) {
    throw new Error(`package-lock.json's entry for ${name} has no version or no sha512 integrity; run npm install to write it anew.`);
  }
  return { name, version: entry.version, integrity: entry.integrity };
}

/** The archive's Subresource Integrity string, as npm writes it into the lock file. */
export function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** Where npm put the archive of `spec` it fetched into `folder`. */
export type FetchArchive = (spec: string, folder: string, root: string) => string;

/** The registry's archive, fetched by npm as `npm install` would (its registry, its proxy settings). */
export const npmPack: FetchArchive = (spec, folder, root) => {
  // npm.cmd on Windows needs a shell; the arguments are ours (the name was checked by lockedAddon).
  const output = execFileSync('npm', ['pack', spec, '--pack-destination', folder, '--json', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const packed = JSON.parse(output) as Array<{ filename?: string }>;
  if (!packed[0]?.filename) throw new Error(`npm pack ${spec} named no archive.`);
  return join(folder, packed[0].filename);
};

/** Fetches the locked archive, checks it against the lock file, and unpacks it into <root>/node_modules/<name>. */
export function installAddon(root: string, platform: string, fetchArchive: FetchArchive = npmPack): LockedAddon {
  const addon = lockedAddon(JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')), platform);
  const folder = mkdtempSync(join(tmpdir(), 'punchcard-addon-'));
  try {
    const tarball = fetchArchive(`${addon.name}@${addon.version}`, folder, root);
    const found = integrityOf(readFileSync(tarball));
    if (found !== addon.integrity)
      throw new Error(
        `${addon.name}@${addon.version} as fetched is not what package-lock.json locks (${found} instead of ${addon.integrity}); nothing was installed.`,
      );
    const target = join(root, 'node_modules', addon.name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    // npm's archives hold one folder, package/.
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    return addon;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const platform = process.argv[2];
  if (!platform) {
    process.stderr.write('usage: node scripts/keyring-addon.ts <platform>   (e.g. darwin-x64)\n');
    process.exit(2);
  }
  try {
    const addon = installAddon(resolve(import.meta.dirname, '..'), platform);
    process.stderr.write(`${addon.name}@${addon.version} installed, its archive matching package-lock.json.\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
