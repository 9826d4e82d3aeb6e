// The time of a day that is already taken (by booked entries, then by the drafts placed before), and
// what of a span is left around it. Drafts never overlap what is booked nor each other, so each draft
// keeps only the free parts of its span, and those parts are taken from then on.

export interface Span {
  start: number;
  end: number;
}

/** The taken spans of one day, kept sorted and merged so a cut is one pass. */
export class TakenTime {
  private spans: Span[] = [];

  take(span: Span): void {
    if (span.end <= span.start) return;
    const merged: Span[] = [];
    let adding = { ...span };
    for (const taken of this.spans) {
      if (taken.end < adding.start || taken.start > adding.end) merged.push(taken);
      else adding = { start: Math.min(taken.start, adding.start), end: Math.max(taken.end, adding.end) };
    }
    merged.push(adding);
    this.spans = merged.sort((a, b) => a.start - b.start);
  }

  /** The parts of span that nothing taken covers, in time order; none when all of it is taken. */
  freeParts(span: Span): Span[] {
    const parts: Span[] = [];
    let cursor = span.start;
    for (const taken of this.spans) {
      if (taken.end <= cursor) continue;
      if (taken.start >= span.end) break;
      if (taken.start > cursor) parts.push({ start: cursor, end: taken.start });
      cursor = Math.max(cursor, taken.end);
    }
    if (cursor < span.end) parts.push({ start: cursor, end: span.end });
    return parts;
  }
}
