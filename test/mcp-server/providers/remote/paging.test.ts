// Lists that say only whether a page is the last (Clockify's Last-Page header): read page by page,
// ended by the server's word, by a short or empty page where it says nothing, and stopped by a call's
// budget where it never ends.
import { describe, expect, it } from 'vitest';
import { type OpenPage, pagesUntilLast } from '../../../../mcp-server/providers/remote/paging.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';

/** A list of `total` items served `size` at a time, saying (or not) which page is the last. */
function serve(total: number, size: number, says: boolean) {
  const asked: number[] = [];
  const fetch = async (page: number): Promise<OpenPage<number>> => {
    asked.push(page);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, index) => (page - 1) * size + index);
    return { items, last: says ? page * size >= total : undefined };
  };
  return { asked, fetch };
}

describe('pagesUntilLast', () => {
  it('follows Last-Page, asking no page past the last', async () => {
    const list = serve(5, 2, true);
    expect(await pagesUntilLast(list.fetch)).toEqual([0, 1, 2, 3, 4]);
    expect(list.asked).toEqual([1, 2, 3]);
  });

  it('without the header, ends at a page shorter than one before, or at an empty one', async () => {
    const short = serve(5, 2, false);
    expect(await pagesUntilLast(short.fetch)).toEqual([0, 1, 2, 3, 4]);
    expect(short.asked).toEqual([1, 2, 3]);
    // A first page shorter than asked may be the server's own size: one more page says.
    const exact = serve(4, 2, false);
    expect(await pagesUntilLast(exact.fetch)).toEqual([0, 1, 2, 3]);
    expect(exact.asked).toEqual([1, 2, 3]);
  });

  it('stops a list that never says "last" at the call\'s budget, in words', async () => {
    const endless = async (page: number): Promise<OpenPage<number>> => {
      const { spendRequest } = await import('../../../../mcp-server/providers/remote/request-budget.ts');
      spendRequest('Clockify');
      return { items: [page], last: false };
    };
    await expect(withRequestBudget(5, () => pagesUntilLast(endless))).rejects.toThrow(/more than 5 requests to Clockify/);
  });
});
