// What Punchcard learned about a remote back end that shapes the next start (which optional parts it
// has, the person's zone and id), kept in one small JSON file per kind of back end in the user-data
// folder, keyed by the account. The first `tools/list` of a new process is then right without a
// network round trip. Written only when an answer changes; several servers (one per AI client) may
// write at once, so a write goes aside and is renamed over. The team server keeps the same files on a
// shelf of its store instead (FactsShelf), so that every instance starts from what any of them
// learned. No zod and no HTTP here: the opening of a connection reads these files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomically } from '../../private-files.ts';

/**
 * Facts files kept somewhere other than the data folder: the team server's store for one person
 * (team-server/team/person-state.ts). Read and written at once, as files are; where they go from there is the
 * shelf's business.
 */
export interface FactsShelf {
  /** The file's text, or undefined where there is none. */
  read(fileName: string): string | undefined;
  write(fileName: string, text: string): void;
}

/** Where facts files are: a data folder, or a shelf. */
export type FactsPlace = string | FactsShelf;

export interface FactsFile<Facts extends object> {
  readonly fileName: string;
  /** What is known for `key`, or undefined when nothing is. */
  read(place: FactsPlace, key: string): Facts | undefined;
  /** Remembers what `learned` says for `key`, beside what it does not say; an unchanged file is left alone. */
  write(place: FactsPlace, key: string, learned: Facts, log: (message: string) => void): void;
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
  const readAll = (place: FactsPlace): Record<string, unknown> => {
    try {
      const text = typeof place === 'string' ? readFileSync(join(place, fileName), 'utf8') : place.read(fileName);
      if (text === undefined) return {};
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    fileName,
    read: (place, key) => entryOf(readAll(place), key),
    write(place, key, learned, log) {
      const stored = readAll(place);
      const before = entryOf(stored, key) ?? ({} as Facts);
      const after = known({ ...before, ...learned } as Record<string, unknown>);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      const text = `${JSON.stringify({ ...stored, [key]: after }, null, 2)}\n`;
      if (typeof place !== 'string') return place.write(fileName, text);
      try {
        // Whose a key is and what it may do: the person's alone (../../private-files.ts).
        writePrivateFileAtomically(join(place, fileName), text);
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
