// What Punchcard learned about a Kimai server that decides which tools exist, kept in the user-data
// folder so the next start lists the right tools at once, without a network round trip before
// `tools/list` (cold start) — and so clients that read the tool list only once (Claude Desktop)
// see the leave tools from the start. One small JSON file, keyed by Kimai URL.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DETECTION_FILE_NAME = 'kimai-servers.json';

export interface KimaiDetection {
  /** The absence plugin answers (and the user may use it). */
  absences: boolean;
  checkedAt: string;
}

export function readDetection(userDataDir: string, url: string): KimaiDetection | undefined {
  const all = readAll(userDataDir);
  const entry = all[url];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { absences, checkedAt } = entry as Record<string, unknown>;
  return typeof absences === 'boolean' && typeof checkedAt === 'string' ? { absences, checkedAt } : undefined;
}

export function writeDetection(userDataDir: string, url: string, detection: KimaiDetection, log: (message: string) => void): void {
  const path = join(userDataDir, DETECTION_FILE_NAME);
  const all = { ...readAll(userDataDir), [url]: detection };
  // Several servers (one per AI client) may write at once: write aside, then rename over.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (error) {
    log(`Could not remember what ${url} offers (${(error as Error).message}); the next start will ask again.`);
  }
}

function readAll(userDataDir: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(userDataDir, DETECTION_FILE_NAME), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
