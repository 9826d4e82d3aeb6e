// Lists a back end hands out page by page (Kimai's timesheets, Clockodo's entries and catalog,
// Clockify's lists). Three ways to read one, each following what the answers say about their paging
// rather than what was asked: a server may keep a page size of its own (fewer per page than asked
// for), and then the pages that hold a window are others than the asked size would say. Every page
// count is the server's, so it is held to the call's budget of requests (request-budget.ts) before any
// further page is asked for; a list that says only whether a page is the last is read page by page,
// each one spent from that budget as it goes.
import { mapWithLimit } from './cache.ts';
import { ensureRequests } from './request-budget.ts';

/** One page as its answer describes it. */
export interface Page<T> {
  items: T[];
  /** How many pages the list has, as the server says. */
  pages: number;
  /** How many items the list has, as the server says. */
  total: number;
  /** Items per page as the server answered (it may keep fewer than asked for); 0 when it does not say. */
  size: number;
}

/** Who is paged: the back end's name for a refusal, and how many requests may be in flight at once. */
export interface Pager {
  service: string;
  maxParallel: number;
}

/** Every item of a list: the first page, then the rest a few at a time once the first says how many. */
export async function allPages<T>(pager: Pager, fetch: (page: number) => Promise<Page<T> | undefined>): Promise<T[]> {
  const first = await fetch(1);
  if (!first) return [];
  const rest = range(2, first.pages);
  ensureRequests(rest.length, pager.service);
  const pages = await mapWithLimit(rest, pager.maxParallel, fetch);
  return [first, ...pages].flatMap((page) => page?.items ?? []);
}

/**
 * The items [offset, offset + limit) of a list, asking for pages of `pageSize`: with the server
 * keeping that size, the page that holds `offset` and at most one more; with a size of its own, the
 * pages that hold the window at that size. A page past the end may be missing (Kimai answers 404):
 * the total then comes from a one-item first page.
 */
export async function pageWindow<T>(
  pager: Pager,
  window: { offset: number; limit: number; pageSize: number },
  fetch: (page: number, size: number) => Promise<Page<T> | undefined>,
): Promise<{ items: T[]; total: number }> {
  const asked = window.pageSize;
  const probed = Math.floor(window.offset / asked) + 1;
  const first = await fetch(probed, asked);
  if (!first) return { items: [], total: (await fetch(1, 1))?.total ?? 0 };
  const size = first.size > 0 ? first.size : asked;
  const from = Math.floor(window.offset / size) + 1;
  const to = Math.min(first.pages, Math.floor((window.offset + window.limit - 1) / size) + 1);
  // The page asked first holds the items of its number at the server's size, whatever was asked.
  const held = new Map<number, T[]>([[probed, first.items]]);
  const missing = range(from, to).filter((page) => !held.has(page));
  ensureRequests(missing.length, pager.service);
  const fetched = await mapWithLimit(missing, pager.maxParallel, (page) => fetch(page, asked));
  missing.forEach((page, index) => held.set(page, fetched[index]?.items ?? []));
  const items = range(from, to).flatMap((page) => held.get(page) ?? []);
  const skip = window.offset - (from - 1) * size;
  return { items: items.slice(skip, skip + window.limit), total: first.total };
}

/** One page of a list that does not say how long it is, only (perhaps) whether this page is its last. */
export interface OpenPage<T> {
  items: T[];
  /** The server's word (Clockify's Last-Page header); undefined where it says nothing. */
  last: boolean | undefined;
}

/**
 * Every item of a list whose answers say no count, only whether a page is the last: pages one after
 * another until one says it is. Where a page says nothing, the list ends with an empty page or one
 * shorter than an earlier one (the first page cannot tell a short list from a server's own page size,
 * so a short first page costs one more, empty, request). A server that never says "last" is stopped
 * by the call's budget of requests, in words.
 */
export async function pagesUntilLast<T>(fetch: (page: number) => Promise<OpenPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let longest = 0;
  for (let page = 1; ; page++) {
    const answer = await fetch(page);
    items.push(...answer.items);
    if (answer.last === true || answer.items.length === 0) return items;
    if (answer.last === undefined && answer.items.length < longest) return items;
    longest = Math.max(longest, answer.items.length);
  }
}

function range(first: number, last: number): number[] {
  return first > last ? [] : Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
