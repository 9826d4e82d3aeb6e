// Splits a child's stderr into lines, hands each to a listener (the app's log) and keeps the last
// few: when the engine fails, its own last words usually say why, and they go into the error.

/** A line longer than this is cut: a child writing without newlines must not grow memory. */
const MAX_LINE_CHARS = 4_000;

export class LineTail {
  readonly #capacity: number;
  readonly #onLine: (line: string) => void;
  readonly #lines: string[] = [];
  #partial = '';

  constructor(capacity: number, onLine: (line: string) => void = () => {}) {
    this.#capacity = capacity;
    this.#onLine = onLine;
  }

  /** Text as it arrives (decoded already); lines may be split across chunks. */
  push(text: string): void {
    const pieces = (this.#partial + text).split('\n');
    this.#partial = (pieces.pop() ?? '').slice(0, MAX_LINE_CHARS);
    for (const piece of pieces) this.#add(piece);
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.#partial !== '') this.#add(this.#partial);
    this.#partial = '';
  }

  /** The last lines, oldest first. */
  lines(): string[] {
    return [...this.#lines];
  }

  #add(raw: string): void {
    const line = raw.replace(/\r$/, '').slice(0, MAX_LINE_CHARS);
    if (line.trim() === '') return;
    this.#lines.push(line);
    if (this.#lines.length > this.#capacity) this.#lines.shift();
    this.#onLine(line);
  }
}
