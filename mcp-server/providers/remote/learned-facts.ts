// What a remote back end's tracker knows about its account, and the tools that follow from it: read
// from the facts file (or the team server's shelf) at start (what the last start or the app's connection test learned, so the
// first tools/list is right), added to as answers teach more, written for the next start, and turned
// into capabilities that switch tools live when they change. One holder for every remote back end:
// Kimai's absence plugin and profile zone, Clockodo's person, rights and modules, Calamari's modules.
import type { Log } from '../../log.ts';
import { CapabilityState } from '../capability-state.ts';
import type { Capability } from '../time-tracker.ts';
import type { FactsFile, FactsPlace } from './facts-file.ts';

export interface LearnedFactsOptions<Facts extends object> {
  file: FactsFile<Facts>;
  /** The data folder, or the team server's shelf for the person. */
  place: FactsPlace;
  /** The account the facts are about (an address, a login at an address). */
  key: string;
  capabilitiesOf: (facts: Facts) => ReadonlySet<Capability>;
  log: Log;
}

export class LearnedFacts<Facts extends object> {
  readonly capabilities: CapabilityState;
  readonly #options: LearnedFactsOptions<Facts>;
  #facts: Facts;

  constructor(options: LearnedFactsOptions<Facts>) {
    this.#options = options;
    this.#facts = this.stored() ?? ({} as Facts);
    this.capabilities = new CapabilityState(options.capabilitiesOf(this.#facts));
  }

  /** What this process knows now. */
  get current(): Facts {
    return this.#facts;
  }

  /** What the file holds now: another process (the app's connection test) may have learned more. */
  stored(): Facts | undefined {
    return this.#options.file.read(this.#options.place, this.#options.key);
  }

  /** Adds `learned`, remembers it for the next start; true when that changed the capabilities. */
  learn(learned: Facts): boolean {
    this.#facts = { ...this.#facts, ...learned };
    this.#options.file.write(this.#options.place, this.#options.key, learned, this.#options.log);
    return this.capabilities.set(this.#options.capabilitiesOf(this.#facts));
  }

  close(): void {
    this.capabilities.close();
  }
}
