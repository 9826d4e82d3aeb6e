// What Punchcard learned about a Kimai server that shapes the next start, kept in the user-data
// folder: whether the absence plugin answers (which decides the leave tools, so the first `tools/list`
// is right without a network round trip, and clients that read the list once see them), and the
// person's time zone in their Kimai profile (so a first call needs no profile request just to know
// what "09:00" means; every profile read corrects it). One small JSON file, keyed by Kimai URL,
// written only when an answer changes. No zod and no HTTP here: the opening of a connection reads it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DETECTION_FILE_NAME = 'kimai-servers.json';

export interface KimaiDetection {
  /** The absence plugin answers (and the user may use it); absent when never checked. */
  absences?: boolean;
  /** The IANA zone of the person's Kimai profile, as last read. */
  timezone?: string;
}

export function readDetection(userDataDir: string, url: string): KimaiDetection | undefined {
  return entryOf(readAll(userDataDir), url);
}

/** Remembers what `learned` says for `url`, beside what it does not say; an unchanged file is left alone. */
export function writeDetection(userDataDir: string, url: string, learned: KimaiDetection, log: (message: string) => void): void {
  const stored = readAll(userDataDir);
  const before = entryOf(stored, url) ?? {};
  const after = { ...before, ...learned };
  if (after.absences === before.absences && after.timezone === before.timezone) return;
  const path = join(userDataDir, DETECTION_FILE_NAME);
  const all = { ...stored, [url]: after };
  // Several servers (one per AI client) may write at once: write aside, then rename over.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    log(`Could not remember what ${url} offers (${(error as Error).message}); the next start will ask again.`);
  }
}

/** An entry of an older file may carry more (a `checkedAt` nobody read); only what is known counts. */
function entryOf(all: Record<string, unknown>, url: string): KimaiDetection | undefined {
  const entry = all[url];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { absences, timezone } = entry as Record<string, unknown>;
  const known: KimaiDetection = {
    ...(typeof absences === 'boolean' ? { absences } : {}),
    ...(typeof timezone === 'string' && timezone !== '' ? { timezone } : {}),
  };
  return Object.keys(known).length > 0 ? known : undefined;
}

function readAll(userDataDir: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(userDataDir, DETECTION_FILE_NAME), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
