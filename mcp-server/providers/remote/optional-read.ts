// What the everyday tools do without: a read of an optional feature (a paid plan's, a plugin's, a module's) that a
// back end makes beside its everyday requests (Toggl's lock of older entries, Clockify's custom fields, Harvest's
// company settings, …). One rule for every back end (docs/internals/back-ends.md, "Optional reads"): a read refused
// as unavailable means "not known" — said once in the log, asked again an hour later — and the call goes on with what
// the back end declared it does without; any other failure (the token, the back end's trouble, no answer, a web page
// where the API should be) is thrown as it came, so the call fails in words. Each back end declares its optional
// reads in one place (`optionalReads`, in its root's context.ts), so they can be listed, documented and tested alike.
import type { Log } from '../../log.ts';
import { RemoteError } from './remote-error.ts';

/** How long a read refused as unavailable counts as not known before it is asked again. */
export const NOT_KNOWN_FOR_MS = 3_600_000;

/**
 * Whether the back end refused a read as unavailable to this account, not as something wrong: 402 (a plan's
 * feature; not a used-up quota, which Toggl answers with 402 too and its describer makes `rate_limited`), 403 (a
 * plan, a module or a role will not show it; not a token refused, which Kimai's authenticator and Toggl answer with
 * 403 too and their describers make `bad_token`), or a 404 in the API's own form (its route is not there: a plugin or
 * a feature missing). Each back end's describer tells its API's own 404 (`not_found`: JSON, or Toggl's plain text)
 * from a web page where the API should be (`wrong_service`), which is a wrong address, not a missing feature.
 */
export function refusedAsUnavailable(error: unknown): error is RemoteError {
  if (!(error instanceof RemoteError)) return false;
  const { status, failure } = error;
  if (status === 402) return failure !== 'rate_limited';
  if (status === 403) return failure !== 'bad_token' && failure !== 'no_token';
  return status === 404 && failure === 'not_found';
}

/** One optional read as a back end declares it. */
export interface OptionalReadDeclaration {
  /** What is read, completing "Toggl Track does not answer …": "your workspace's lock of older entries". */
  what: string;
  /** What the tools do while it is not known, completing "…: ": "entries are checked against no lock". */
  without: string;
}

/** What every optional read of a tracker shares: its back end's name, its log and its clock. */
export interface OptionalReadsOptions {
  service: string;
  log: Log;
  /** The tracker's clock, which a test may move: the hour is counted on it. */
  now: () => number;
}

/**
 * One optional read of one tracker: its answer, or what the call does without while it is not known. Not known for
 * an hour after a refusal as unavailable, and asked nothing in that hour; said in the log once while it stays so.
 */
export class OptionalRead {
  readonly name: string;
  readonly declaration: OptionalReadDeclaration;
  readonly #options: OptionalReadsOptions;
  /** Until when (the tracker's clock) the read is not known; undefined while it answers. */
  #notKnownUntil: number | undefined;
  /** Whether the log has said so since it last answered. */
  #told = false;

  constructor(name: string, declaration: OptionalReadDeclaration, options: OptionalReadsOptions) {
    this.name = name;
    this.declaration = declaration;
    this.#options = options;
  }

  /** Whether the read was refused as unavailable within the hour: asked nothing until it is over. */
  get notKnown(): boolean {
    return this.#notKnownUntil !== undefined && this.#options.now() < this.#notKnownUntil;
  }

  /**
   * `read`'s answer; `without` where the back end refused it as unavailable, now or within the hour (then nothing is
   * asked). Any other failure is thrown as it came.
   */
  async read<T, U>(read: () => Promise<T>, without: U): Promise<T | U> {
    if (this.notKnown) return without;
    try {
      const answer = await read();
      this.#notKnownUntil = undefined;
      this.#told = false;
      return answer;
    } catch (error) {
      if (!refusedAsUnavailable(error)) throw error;
      this.#notKnownUntil = this.#options.now() + NOT_KNOWN_FOR_MS;
      this.#tell(error.status);
      return without;
    }
  }

  /** Asked at the next read, whatever the hour said (the back end showed the feature is there after all). */
  forget(): void {
    this.#notKnownUntil = undefined;
  }

  #tell(status: number | undefined): void {
    if (this.#told) return;
    this.#told = true;
    const { service, log } = this.#options;
    const { what, without } = this.declaration;
    log(`${service} does not answer ${what} (${status}; an optional feature, not there for this account): ${without}; asked again in an hour.`);
  }
}

/** A back end's optional reads by name, as its root declares them: the one place they are listed. */
export type OptionalReads<Names extends string> = { readonly [N in Names]: OptionalRead };

export function optionalReads<Names extends string>(
  options: OptionalReadsOptions,
  declarations: Readonly<Record<Names, OptionalReadDeclaration>>,
): OptionalReads<Names> {
  const reads = {} as Record<Names, OptionalRead>;
  for (const name of Object.keys(declarations) as Names[]) reads[name] = new OptionalRead(name, declarations[name], options);
  return reads;
}
