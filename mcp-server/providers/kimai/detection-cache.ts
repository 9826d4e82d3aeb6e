// What Punchcard learned about a Kimai server that decides which tools exist, kept in the user-data
// folder so the next start lists the right tools at once, without a network round trip before
// `tools/list` (cold start) — and so clients that read the tool list only once (Claude Desktop)
// see the leave tools from the start. One small JSON file, keyed by Kimai URL, written only when an
// answer changes.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DETECTION_FILE_NAME = 'kimai-servers.json';

export interface KimaiDetection {
  /** The absence plugin answers (and the user may use it). */
  absences: boolean;
}

export function readDetection(userDataDir: string, url: string): KimaiDetection | undefined {
  return entryOf(readAll(userDataDir), url);
}

/** Remembers `detection` for `url`; the file is left alone when it already says the same. */
export function writeDetection(userDataDir: string, url: string, detection: KimaiDetection, log: (message: string) => void): void {
  const stored = readAll(userDataDir);
  if (entryOf(stored, url)?.absences === detection.absences) return;
  const path = join(userDataDir, DETECTION_FILE_NAME);
  const all = { ...stored, [url]: { absences: detection.absences } };
  // Several servers (one per AI client) may write at once: write aside, then rename over.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    log(`Could not remember what ${url} offers (${(error as Error).message}); the next start will ask again.`);
  }
}

/** An entry of an older file may carry more (a `checkedAt` nobody read); only `absences` counts. */
function entryOf(all: Record<string, unknown>, url: string): KimaiDetection | undefined {
  const entry = all[url];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { absences } = entry as Record<string, unknown>;
  return typeof absences === 'boolean' ? { absences } : undefined;
}

function readAll(userDataDir: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(userDataDir, DETECTION_FILE_NAME), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
