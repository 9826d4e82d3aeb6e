// The file-system edge of registration: read a config file that another app owns, and replace it
// without ever leaving it half-written, losing its permissions, or overwriting a change that app
// made a moment earlier. One backup of the previous content sits next to the file.
import { chmodSync, chownSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';
import { decodeText, detectFormat, type TextFormat } from './text-format.ts';

/** One file, overwritten on each change Punchcard makes: bounded, and it holds what was there before. */
export const BACKUP_SUFFIX = '.punchcard-backup';

export interface LoadedFile {
  /** The path as the client names it (may be a symlink). */
  path: string;
  /** The file that is actually written: the symlink's target, so the link survives. */
  target: string;
  bytes: Buffer | null;
  text: string;
  format: TextFormat;
  mode: number | null;
  owner: { uid: number; gid: number } | null;
}

export function loadConfigFile(path: string, fallbackIndent: string): LoadedFile {
  const target = followLinks(path);
  let bytes: Buffer | null = null;
  let mode: number | null = null;
  let owner: LoadedFile['owner'] = null;
  try {
    const stats = statSync(target);
    if (stats.isDirectory()) throw new ConfigError('file', `${path} is a folder, not a file.`);
    bytes = readFileSync(target);
    mode = stats.mode & 0o7777;
    owner = { uid: stats.uid, gid: stats.gid };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new ConfigError('file', `A part of ${path} is a file where a folder should be.`);
    if (code !== 'ENOENT') throw new ConfigError('file', `Punchcard cannot read ${path}: ${describeErrno(error)}.`);
  }
  try {
    const { text, bom } = bytes ? decodeText(bytes) : { text: '', bom: false };
    return { path, target, bytes, text, format: detectFormat(text, bom, fallbackIndent), mode, owner };
  } catch (error) {
    throw new ConfigError('encoding', `Punchcard cannot edit ${path}: ${(error as Error).message}. It was left untouched.`);
  }
}

/** What the previous change replaced, or null. */
export function readBackup(file: LoadedFile): Buffer | null {
  try {
    return readFileSync(file.target + BACKUP_SUFFIX);
  } catch {
    return null;
  }
}

/**
 * Atomically replaces the file with `next`: a temporary file in the same folder with the original
 * permissions and owner, fsync, a last check that nobody else wrote meanwhile, the backup, rename.
 */
export function replaceConfigFile(file: LoadedFile, next: Buffer): { backup: string | null } {
  const { path, target } = file;
  // Root (or a permissive OS) could write anyway; a read-only file is a person's decision to respect.
  if (file.mode !== null && (file.mode & 0o222) === 0) {
    throw new ConfigError('file', `${path} is read-only. Make it writable (for example chmod u+w) and try again, or paste the snippet yourself.`);
  }
  const folder = dirname(target);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new ConfigError('file', `Punchcard cannot create the folder ${folder}: ${describeErrno(error)}.`);
  }
  const temporary = join(folder, `.${basename(target)}.punchcard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const backup = file.bytes ? target + BACKUP_SUFFIX : null;
  try {
    try {
      writeDurably(temporary, next, file.mode);
      if (file.owner && process.getuid?.() === 0) chownSync(temporary, file.owner.uid, file.owner.gid);
    } catch (error) {
      throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
    }
    if (!sameBytes(readCurrent(target), file.bytes)) throw new ConfigError('concurrent', `${path} changed while Punchcard was editing it.`);
    // Only now, with the new content safely on disk, is the last good backup replaced.
    if (backup && file.bytes) {
      try {
        writeDurably(backup, file.bytes, file.mode);
      } catch (error) {
        throw new ConfigError('file', `Punchcard cannot write a backup next to ${path} (${describeErrno(error)}), so it left the file untouched.`);
      }
    }
    renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('file', `Punchcard cannot write ${path}: ${describeErrno(error)}. The file was left as it was.`);
  }
  return { backup };
}

function writeDurably(path: string, bytes: Buffer, mode: number | null): void {
  const descriptor = openSync(path, 'w', mode ?? 0o644);
  try {
    writeSync(descriptor, bytes);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  // open() applies the umask; an existing file's exact permissions are restored explicitly.
  if (mode !== null) chmodExact(path, mode);
}

function chmodExact(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // A file system without Unix permissions (FAT, some mounts): nothing to keep.
  }
}

function readCurrent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

/** Follows a chain of symlinks, also to a target that does not exist yet. */
function followLinks(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < 32; hop++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new ConfigError('file', `${path} is a chain of more than 32 symbolic links (or a loop).`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the disk is mounted read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    ENOTDIR: 'a part of the path is a file where a folder should be',
    EISDIR: 'it is a folder',
    EEXIST: 'something else is in the way',
    EBUSY: 'another program holds it open',
  };
  return (code && reasons[code]) ?? (error as Error).message;
}
