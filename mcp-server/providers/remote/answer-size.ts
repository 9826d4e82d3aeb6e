// How much of a back end's answers Punchcard reads (domain/call-limits.ts): a body is collected only
// up to the limit of one answer, and of all the answers of the call it serves, counted as it arrives,
// so a server that sends a 560 MB page or a body that never ends costs the engine the limit, not the
// body. JSON objects and lists are counted too, because they cost far more parsed than their text (an
// empty object takes about 64 bytes for its two). A body that says its size (Content-Length) is
// judged before a byte of it is read.
import { MAX_ANSWER_BYTES, MAX_ANSWER_BYTES_PER_CALL, MAX_ANSWER_OBJECTS, MAX_ANSWER_OBJECTS_PER_CALL } from '../../domain/call-limits.ts';
import type { CallBudget } from './request-budget.ts';

/** What an answer passed: its own limit (`declared`: its Content-Length said so), or the call's. */
export type Oversize =
  | { kind: 'answer_bytes'; limit: number; declared?: number }
  | { kind: 'answer_objects'; limit: number }
  | { kind: 'call_bytes'; limit: number }
  | { kind: 'call_objects'; limit: number };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/** Collects one answer's body within the limits, charging the call it serves as it goes. */
export class AnswerReader {
  readonly #call: CallBudget | undefined;
  readonly #chunks: Buffer[] = [];
  #bytes = 0;
  #objects = 0;

  constructor(call: CallBudget | undefined) {
    this.#call = call;
  }

  /** Before reading: a Content-Length larger than this answer, or what is left of the call, may be. */
  declared(contentLength: string | undefined): Oversize | undefined {
    if (contentLength === undefined || !/^\d+$/.test(contentLength.trim())) return undefined;
    const size = Number(contentLength.trim());
    if (size > MAX_ANSWER_BYTES) return { kind: 'answer_bytes', limit: MAX_ANSWER_BYTES, declared: size };
    if (this.#call && this.#call.answerBytes + size > MAX_ANSWER_BYTES_PER_CALL) return { kind: 'call_bytes', limit: MAX_ANSWER_BYTES_PER_CALL };
    return undefined;
  }

  /** Takes the next part of the body, or says which limit it passes (the reader is then done with). */
  add(chunk: Buffer): Oversize | undefined {
    const objects = objectsIn(chunk);
    this.#bytes += chunk.length;
    this.#objects += objects;
    if (this.#bytes > MAX_ANSWER_BYTES) return { kind: 'answer_bytes', limit: MAX_ANSWER_BYTES };
    if (this.#objects > MAX_ANSWER_OBJECTS) return { kind: 'answer_objects', limit: MAX_ANSWER_OBJECTS };
    const call = this.#call;
    if (call) {
      call.answerBytes += chunk.length;
      call.answerObjects += objects;
      if (call.answerBytes > MAX_ANSWER_BYTES_PER_CALL) return { kind: 'call_bytes', limit: MAX_ANSWER_BYTES_PER_CALL };
      if (call.answerObjects > MAX_ANSWER_OBJECTS_PER_CALL) return { kind: 'call_objects', limit: MAX_ANSWER_OBJECTS_PER_CALL };
    }
    this.#chunks.push(chunk);
    return undefined;
  }

  /** The body read, as text. */
  text(): string {
    return Buffer.concat(this.#chunks, this.#bytes).toString('utf8');
  }
}

/**
 * Opening braces and brackets: at most the JSON objects and lists the text holds once parsed (one
 * inside a string counts too, which only errs towards less).
 */
export function objectsIn(chunk: Buffer): number {
  let count = 0;
  for (const byte of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let at = chunk.indexOf(byte); at !== -1; at = chunk.indexOf(byte, at + 1)) count++;
  }
  return count;
}

/** 8 MB, 560 MB, 1.5 MB: a size in the words a person reads (the refusals' own, contract/outcomes/remote.ts). */
export { megabytes } from '../../contract/outcomes/remote.ts';
