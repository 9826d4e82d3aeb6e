// What Punchcard learned about a remote back end that shapes the next start (which optional parts it
// has, the person's zone and id), kept in one small JSON file per kind of back end in the user-data
// folder, keyed by the account. The first `tools/list` of a new process is then right without a
// network round trip. Written only when an answer changes; several servers (one per AI client) may
// write at once, so a write goes aside and is renamed over. No zod and no HTTP here: the opening of a
// connection reads these files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../../private-files.ts';

export interface FactsFile<Facts extends object> {
  readonly fileName: string;
  /** What is known for `key`, or undefined when nothing is. */
  read(userDataDir: string, key: string): Facts | undefined;
  /** Remembers what `learned` says for `key`, beside what it does not say; an unchanged file is left alone. */
  write(userDataDir: string, key: string, learned: Facts, log: (message: string) => void): void;
}

/**
 * `known` picks from a stored entry the fields this version reads, each checked for its type (an
 * older or newer file may carry more, or something else), in a fixed order.
 */
export function factsFile<Facts extends object>(fileName: string, known: (entry: Record<string, unknown>) => Facts): FactsFile<Facts> {
  const entryOf = (all: Record<string, unknown>, key: string): Facts | undefined => {
    const entry = all[key];
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
    const facts = known(entry as Record<string, unknown>);
    return Object.keys(facts).length > 0 ? facts : undefined;
  };
  const readAll = (userDataDir: string): Record<string, unknown> => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(userDataDir, fileName), 'utf8'));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    fileName,
    read: (userDataDir, key) => entryOf(readAll(userDataDir), key),
    write(userDataDir, key, learned, log) {
      const stored = readAll(userDataDir);
      const before = entryOf(stored, key) ?? ({} as Facts);
      const after = known({ ...before, ...learned } as Record<string, unknown>);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      try {
        // Whose a key is and what it may do: the person's alone (../../private-files.ts).
        writePrivateFileAtomically(join(userDataDir, fileName), `${JSON.stringify({ ...stored, [key]: after }, null, 2)}\n`);
      } catch (error) {
        log(`Could not remember what ${key} offers (${(error as Error).message}); the next start will ask again.`);
      }
    },
  };
}

/** Field pickers for `known`: the value when it has the type, else nothing. */
export const pick = {
  boolean: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  text: (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined),
  integer: (value: unknown) => (Number.isSafeInteger(value) ? (value as number) : undefined),
};

/** Drops the fields a picker left undefined, so a stored entry holds only what is known. */
export function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
