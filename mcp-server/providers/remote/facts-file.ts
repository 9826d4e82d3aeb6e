// What Punchcard learned about a remote back end that shapes the next start (which optional parts it
// has, the person's zone and id; Calamari's projects for their hour), kept in small JSON files per
// kind of back end in the user-data folder, keyed by the account. The first `tools/list` of a new
// process is then right without a network round trip. Written only when an answer changes; several
// servers (one per AI client) may write at once, so a write goes aside and is renamed over. The team
// server keeps the same files on a shelf of its store instead (FactsShelf), so that every instance
// starts from what any of them learned. No zod and no HTTP here: the opening of a connection reads
// these files.
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
  /**
   * Reads the file again from where the shelf keeps it, for a reader about to ask the back end what
   * another instance may have learned since this one opened (Calamari's projects). Never fails: what
   * the shelf holds stands where the file cannot be read again.
   */
  reload?(fileName: string): Promise<void>;
}

/** Where facts files are: a data folder, or a shelf. */
export type FactsPlace = string | FactsShelf;

export interface FactsFile<Facts extends object> {
  readonly fileName: string;
  /** What is known for `key`, or undefined when nothing is. */
  read(place: FactsPlace, key: string): Facts | undefined;
  /** The same, from the file as it is now where a shelf holds a copy of it (FactsShelf.reload). */
  readLatest(place: FactsPlace, key: string): Promise<Facts | undefined>;
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
    async readLatest(place, key) {
      if (typeof place !== 'string') await place.reload?.(fileName);
      return entryOf(readAll(place), key);
    },
    write(place, key, learned, log) {
      const stored = readAll(place);
      const before = entryOf(stored, key) ?? ({} as Facts);
      const after = known({ ...before, ...learned } as Record<string, unknown>);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      const text = factsText({ ...stored, [key]: after });
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

/**
 * The file's text: an entry to a key and a field to a line, each field's value on its line, so that
 * a list (Calamari's projects) takes one line rather than a line per value and field. A file of
 * plain values reads as JSON.stringify's indented text did.
 */
function factsText(all: Record<string, unknown>): string {
  const entries = Object.entries(all).map(([key, entry]) => {
    // A field without a value is left out, as JSON.stringify leaves it.
    const fields = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? Object.entries(entry).filter(([, field]) => field !== undefined) : [];
    const value =
      fields.length === 0
        ? JSON.stringify(entry)
        : `{\n${fields.map(([name, field]) => `    ${JSON.stringify(name)}: ${JSON.stringify(field)}`).join(',\n')}\n  }`;
    return `  ${JSON.stringify(key)}: ${value}`;
  });
  return entries.length === 0 ? '{}\n' : `{\n${entries.join(',\n')}\n}\n`;
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
