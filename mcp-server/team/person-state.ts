// What a person's back end remembers on the team server, kept in the store rather than in a folder of
// one instance, so that every instance starts from what any of them learned: the facts files (which
// optional parts the back end offers the person, their zone, their id there), and the numbers given
// to the back end's string ids (Clockify's), which must be the same on every instance ("delete #17"
// on one instance must mean the #17 another listed). On a desktop both live in the data folder
// (providers/http/facts-file.ts, providers/id-aliases.ts).
import type { Log } from '../log.ts';
import type { FactsShelf } from '../providers/http/facts-file.ts';
import type { IdNumbering } from '../providers/id-aliases.ts';
import { ProviderError } from '../providers/time-tracker.ts';
import { type Store, StoreUnavailable } from '../store/store.ts';

/** A facts file is a few hundred characters; anything far larger is not a back end's answer to keep. */
const MAX_FACTS_CHARS = 64 * 1024;

/**
 * The person's facts files, read from the store before their tracker opens (it reads them as it is
 * made) and written back as soon as the tracker learns something, in the order learned. Facts are
 * hints that the back end's answers correct: a write the store missed (it was away) costs the next
 * start a question to the back end, not a wrong answer. Two instances learning at the same moment
 * each write the whole file; the later one is kept.
 */
export async function personFacts(store: Store, personId: string, now: () => number, log: Log): Promise<FactsShelf> {
  const files = await store.factsOf(personId);
  let saving: Promise<void> = Promise.resolve();
  return {
    read: (fileName) => files.get(fileName),
    write(fileName, text) {
      if (text.length > MAX_FACTS_CHARS) return log(`What the back end taught (${fileName}) is ${text.length} characters; it is not kept.`);
      files.set(fileName, text);
      saving = saving
        .then(() => store.saveFacts(personId, fileName, text, now()))
        .catch((error: unknown) => log(`What the back end taught (${fileName}) could not be kept in the store (${(error as Error).message}); the next start asks again.`));
    },
  };
}

/**
 * Numbers for the back end's string ids, given in the store (Store.numberIds: atomically, whichever
 * instance asks first) and kept in memory once known, as an assigned number never changes.
 */
export class StoredIdNumbers implements IdNumbering {
  readonly #store: Store;
  readonly #scope: string;
  readonly #numbers = new Map<string, Map<string, number>>();
  readonly #remotes = new Map<string, Map<number, string>>();

  /** `scope`: whose ids these are (the person's id), as a data folder is one person's on a desktop. */
  constructor(store: Store, scope: string) {
    this.#store = store;
    this.#scope = scope;
  }

  async numbers(kind: string, remotes: readonly string[]): Promise<number[]> {
    const known = this.#known(kind);
    const missing = [...new Set(remotes.filter((remote) => !known.has(remote)))];
    if (missing.length > 0) {
      const assigned = await answered(this.#store.numberIds(this.#scope, kind, missing));
      for (const [remote, number] of assigned) this.#remember(kind, remote, number);
    }
    return remotes.map((remote) => known.get(remote) as number);
  }

  async number(kind: string, remote: string): Promise<number> {
    return (await this.numbers(kind, [remote]))[0] as number;
  }

  async remote(kind: string, number: number): Promise<string | undefined> {
    const seen = this.#remotes.get(kind)?.get(number);
    if (seen !== undefined) return seen;
    const remote = await answered(this.#store.idOfNumber(this.#scope, kind, number));
    if (remote !== undefined) this.#remember(kind, remote, number);
    return remote;
  }

  close(): void {}

  #known(kind: string): Map<string, number> {
    let known = this.#numbers.get(kind);
    if (!known) {
      known = new Map();
      this.#numbers.set(kind, known);
    }
    return known;
  }

  #remember(kind: string, remote: string, number: number): void {
    this.#known(kind).set(remote, number);
    let remotes = this.#remotes.get(kind);
    if (!remotes) {
      remotes = new Map();
      this.#remotes.set(kind, remotes);
    }
    remotes.set(number, remote);
  }
}

/** The store's answer; a store that does not answer is said to the person as a back end away is. */
async function answered<T>(question: Promise<T>): Promise<T> {
  try {
    return await question;
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    throw new ProviderError('unavailable', "Punchcard's database does not answer just now, so the numbers of your records could not be looked up. Try again in a few seconds.");
  }
}
