// How a catalog of refusals (or of notices) is written: a stable code, the kind of refusal it is, and
// its words as parts made from its facts (sentence.ts). The facts travel in the answer's structured
// part, so they are JSON; the words are made from them here and nowhere else.
import type { Sentence } from './sentence.ts';

export type Fact = string | number | boolean | null | readonly Fact[] | { readonly [key: string]: Fact | undefined };
export type Facts = { readonly [key: string]: Fact | undefined };

/**
 * What kind of refusal a code is, which decides what the engine does with it, not what it says:
 * - `input`: the call asks what cannot be done as asked (a day that is not one, a range too long);
 * - the back end's kinds: `not_found`, `conflict` (the record is not in a state for it), `invalid`
 *   (the back end cannot take it), `unavailable` (out of reach, busy: the outbox keeps a write),
 *   `denied` (the credentials or the rights: a capability may be withdrawn);
 * - `failed`: something went wrong that nobody planned for.
 */
export type RefusalKind = 'input' | 'not_found' | 'conflict' | 'invalid' | 'unavailable' | 'denied' | 'failed';

/**
 * A refusal inside another's facts: what a back end refused part-way through a change the outer one
 * tells of ("Added Ada; then: …"). Its words are its own code's, which the outer words take through
 * `Nested` (so no catalog imports the table of all of them).
 */
export type NestedRefusal = { readonly code: string; readonly facts: Facts };
export type Nested = (refusal: NestedRefusal) => Sentence;

export interface RefusalWording<F extends Facts = Facts> {
  readonly kind: RefusalKind;
  readonly say: (facts: F, nested: Nested) => Sentence;
  /** Facts as a real refusal of this code has them: the list of codes (docs/refusals.md) shows its words, and a test renders them for both readers. */
  readonly example: NoInfer<F>;
}

export interface NoticeWording<F extends Facts = Facts> {
  readonly say: (facts: F, nested: Nested) => Sentence;
  /** As for a refusal. */
  readonly example: NoInfer<F>;
}

/** Each entry of a family as written, its example checked against the facts its words take. */
type CheckedRefusals<T> = {
  [K in keyof T]: T[K] extends { readonly say: (facts: infer F extends Facts, ...nested: never[]) => Sentence } ? RefusalWording<F> : RefusalWording<never>;
};
type CheckedNotices<T> = {
  [K in keyof T]: T[K] extends { readonly say: (facts: infer F extends Facts, ...nested: never[]) => Sentence } ? NoticeWording<F> : NoticeWording<never>;
};

/** A family of refusals, its codes as written (so their facts keep their types). */
export function refusalFamily<const T extends CheckedRefusals<T>>(table: T): T {
  return table;
}

/** A family of notices: what a call says beside its answer (kept writes sent, a setting ignored). */
export function noticeFamily<const T extends CheckedNotices<T>>(table: T): T {
  return table;
}
