// The organisation's policy as an engine follows it: read once, then read again whenever one of its
// files changes, each subscriber told after the new policy is in place. The desktop engine follows
// its own; the team server has one for every person's engine, so a change reaches every open session
// at once and the files are watched once, not once a person.
import type { Log } from '../log.ts';
import { describePolicy, loadPolicy, NO_POLICY, type Policy } from './policy.ts';
import { watchPolicyFiles } from './watch-policy.ts';

export interface PolicySource {
  /** The policy as last read. */
  current(): Policy;
  /** Calls `listener` after the policy changed (a change of its words, not every event); returns the unsubscribe. */
  subscribe(listener: (previous: Policy) => void): () => void;
}

/** The policy files at `paths`, read now and followed until `close`. */
export class PolicyFiles implements PolicySource {
  readonly #paths: readonly string[];
  readonly #listeners = new Set<(previous: Policy) => void>();
  #policy: Policy;
  #stopWatching: () => void = () => {};

  private constructor(paths: readonly string[], first: Policy) {
    this.#paths = paths;
    this.#policy = first;
  }

  static async open(paths: readonly string[], log: Log): Promise<PolicyFiles> {
    const files = new PolicyFiles(paths, await loadPolicy(paths));
    files.#stopWatching = watchPolicyFiles(paths, () => void files.#reload(), log);
    return files;
  }

  current(): Policy {
    return this.#policy;
  }

  subscribe(listener: (previous: Policy) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#stopWatching();
    this.#listeners.clear();
  }

  async #reload(): Promise<void> {
    const next = await loadPolicy(this.#paths);
    if (JSON.stringify(describePolicy(next)) === JSON.stringify(describePolicy(this.#policy))) return;
    const previous = this.#policy;
    this.#policy = next;
    for (const listener of [...this.#listeners]) listener(previous);
  }
}

/** A policy that never changes (tests, and the build's capture of the opening, which has none). */
export function fixedPolicy(policy: Policy = NO_POLICY): PolicySource {
  return { current: () => policy, subscribe: () => () => {} };
}
