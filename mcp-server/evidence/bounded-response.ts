// What the calendar readers take from an HTTP answer, bounded before it is read: its body as text up to a
// size (judged from Content-Length before a byte is read, then as the bytes come), and a network error's
// code. Shared by the desktop's calendar feeds (calendar-source.ts) and the company calendar's APIs
// (company-calendar/reader.ts).

/** The body as text; undefined once it passes `maxBytes`, the rest not read. */
export async function bodyWithin(response: Response, maxBytes: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length).toString('utf8');
}

/** A network error's code (ENOTFOUND, ECONNREFUSED, a certificate's), never its message, which may quote the address. */
export function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? cause.code : undefined;
}
