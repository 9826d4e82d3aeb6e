// What a person's back end remembers on the team server, kept in the store rather than in a folder of
// one instance, so that every instance starts from what any of them learned: the facts files (which
// optional parts the back end offers the person, their zone, their id there), and the numbers given
// to the back end's string ids (Clockify's), which must be the same on every instance ("delete #17"
// on one instance must mean the #17 another listed). On a desktop both live in the data folder
// (mcp-server/providers/remote/facts-file.ts, mcp-server/providers/id-aliases.ts).
import { BackEndError, type FactsShelf, type Log, RememberedIdNumbering } from '../../mcp-server/for-the-team-server.ts';
import { type Store, StoreUnavailable } from '../store/store.ts';

/**
 * A facts file is a few hundred characters, Calamari's kept projects at most 30,000 an account
 * (mcp-server/providers/calamari/kept-projects.ts); anything larger is not a back end's answer to keep.
 */
const MAX_FACTS_CHARS = 64 * 1024;

/**
 * The person's facts files, read from the store before their tracker opens (it reads them as it is
 * made, and a file again where it would otherwise ask the back end for what another instance may have
 * learned since: `reload`) and written back as soon as the tracker learns something, in the order
 * learned. Facts are hints that the back end's answers correct: a write the store missed (it was
 * away) costs the next start a question to the back end, not a wrong answer. Two instances learning
 * at the same moment each write the whole file; the later one is kept.
 */
export async function personFacts(store: Store, personId: string, now: () => number, log: Log, saves: PendingSaves): Promise<FactsShelf> {
  const files = await store.factsOf(personId);
  let saving: Promise<void> = Promise.resolve();
  /** Counts this instance's writes: a reload that overlapped one leaves the newer text it holds. */
  let written = 0;
  return {
    read: (fileName) => files.get(fileName),
    async reload(fileName) {
      // This instance's own writes reach the store first, so what the store holds is the latest of all.
      const before = written;
      await saving;
      try {
        const text = (await store.factsOf(personId)).get(fileName);
        if (text !== undefined && written === before) files.set(fileName, text);
      } catch (error) {
        // What this instance holds stands; the back end is asked where it says nothing.
        log(`What the back end taught (${fileName}) could not be read again from the store (${(error as Error).message}).`);
      }
    },
    write(fileName, text) {
      if (text.length > MAX_FACTS_CHARS) return log(`What the back end taught (${fileName}) is ${text.length} characters; it is not kept.`);
      written++;
      files.set(fileName, text);
      saving = saving
        .then(() => store.saveFacts(personId, fileName, text, now()))
        .catch((error: unknown) =>
          log(`What the back end taught (${fileName}) could not be kept in the store (${(error as Error).message}); the next start asks again.`),
        );
      saves.add(saving);
    },
  };
}

/**
 * The facts still being written to the store, so a shutdown lets them finish before it closes the
 * store (the last thing a person's back end learned before SIGTERM would otherwise find the store
 * closed, and the next start ask the back end again).
 */
export class PendingSaves {
  readonly #pending = new Set<Promise<void>>();

  add(saving: Promise<void>): void {
    this.#pending.add(saving);
    void saving.finally(() => this.#pending.delete(saving));
  }

  /** Resolves once every write begun so far has ended, or after `withinMs`, whichever is first. */
  async settled(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, withinMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.#pending]), bound]);
    clearTimeout(timer);
  }
}

/**
 * Numbers for the back end's string ids, given in the store (Store.numberIds: atomically, whichever
 * instance asks first) and kept in memory once known, as an assigned number never changes.
 */
export class StoredIdNumbers extends RememberedIdNumbering {
  readonly #store: Store;
  readonly #scope: string;

  /** `scope`: whose ids these are (the person's id), as a data folder is one person's on a desktop. */
  constructor(store: Store, scope: string) {
    super();
    this.#store = store;
    this.#scope = scope;
  }

  protected assign(kind: string, remotes: readonly string[]): Promise<Iterable<[string, number]>> {
    return answered(this.#store.numberIds(this.#scope, kind, remotes));
  }

  protected lookUp(kind: string, number: number): Promise<string | undefined> {
    return answered(this.#store.idOfNumber(this.#scope, kind, number));
  }

  close(): void {}
}

/** The store's answer; a store that does not answer is said to the person as a back end away is. */
async function answered<T>(question: Promise<T>): Promise<T> {
  try {
    return await question;
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    throw new BackEndError('server_store_not_answering');
  }
}
