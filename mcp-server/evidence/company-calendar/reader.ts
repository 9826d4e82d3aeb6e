// Reads one person's company calendar for a range: the thin edge that sends the provider's one request
// (graph.ts, google.ts) page after page, within limits, and gives the
// same evidence items the desktop's calendar reader gives (events.ts), with every part it
// could not read said in a sentence under `skipped` (failures.ts). The access token
// comes from the caller, who keeps the grant: it is sent in the Authorization header and nowhere else,
// never logged, never in a sentence, never in what this returns. Nothing is kept after the call.
import { EVIDENCE_LIMITS, type SourceReading } from '../evidence.ts';
import { boundedRange, type CompanyCalendarProvider, DEFAULT_API_URLS, evidenceItem, MAX_DAYS, overlaps, type ParsedPage } from './events.ts';
import { type CompanyCalendarFailure, type CompanyCalendarNote, dropsGrant, failureSentence, noteSentence } from './failures.ts';
import { graphFailure, graphFirstUrl, graphHeaders, graphNextUrl, graphPage } from './graph.ts';
import { googleFailure, googleHeaders, googlePage, googlePageUrl } from './google.ts';
import { bodyWithin, networkCode } from '../bounded-response.ts';

/**
 * The caller's access token for the person's grant. `renew` asks for a new one rather than the one in
 * memory (the provider answered 401 to it). A grant the provider no longer honours is `refused`
 * (invalid_grant at the token endpoint); a token endpoint that could not be reached is `unreachable`.
 */
export type AccessTokenSource = (renew: boolean) => Promise<{ token: string } | { refused: 'grant' | 'unreachable' }>;

export interface CompanyCalendarReadOptions {
  provider: CompanyCalendarProvider;
  /** The administrator's api_url; the provider's public API when undefined. Must be https. */
  apiUrl?: string;
  /** The range, [from, to) in epoch milliseconds; at most MAX_DAYS days are read. */
  from: number;
  to: number;
  accessToken: AccessTokenSource;
  /** `{public_url}/account`, which the sentences send the person to. */
  accountPage: string;
  /** How many events this reading may give (EVIDENCE_LIMITS.events by default). */
  limit?: number;
  /** Pages followed at most (MAX_PAGES by default). */
  maxPages?: number;
  /** How long one page may take, headers and body (PAGE_TIMEOUT_MS by default). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** For Retry-After given as a date. */
  now?: () => number;
}

/** A reading, as every evidence source gives one, and the failure behind its sentence for the grant's keeper. */
export interface CompanyCalendarReading extends SourceReading {
  /** Why the calendar was not read; its items are then empty (a reading that did not finish is not drafted from). */
  failure?: CompanyCalendarFailure;
  /** The caller deletes the person's grant: the provider no longer honours it. The sentence asks them to connect again. */
  dropGrant: boolean;
  /** Requests sent (pages, and a page asked again with a renewed token). */
  requests: number;
}

/** 5,000 events fit in 50 of Graph's pages and 20 of Google's; the rest is room for empty pages. */
export const MAX_PAGES = 100;
export const PAGE_TIMEOUT_MS = 15_000;
/** A page of 250 events of the fields asked is under 200 KB. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

interface Wire {
  first(api: URL, from: number, to: number): URL;
  next(first: URL, next: string, from: number, to: number, api: URL): URL | undefined;
  headers(): Record<string, string>;
  page(body: unknown): ParsedPage | undefined;
  failure(status: number, headers: Headers, body: unknown, now: number): CompanyCalendarFailure;
}

const WIRES: Record<CompanyCalendarProvider, Wire> = {
  microsoft: { first: graphFirstUrl, next: graphNextUrl, headers: graphHeaders, page: graphPage, failure: graphFailure },
  google: {
    first: (api, from, to) => googlePageUrl(api, from, to),
    next: (_first, token, from, to, api) => googlePageUrl(api, from, to, token),
    headers: googleHeaders,
    page: googlePage,
    failure: googleFailure,
  },
};

export async function readCompanyCalendar(options: CompanyCalendarReadOptions): Promise<CompanyCalendarReading> {
  const { provider } = options;
  const notes: CompanyCalendarNote[] = [];
  const result = (failure: CompanyCalendarFailure | undefined, reading: Omit<CompanyCalendarReading, 'skipped' | 'dropGrant' | 'failure'>) => ({
    items: failure ? [] : reading.items,
    skipped: [
      ...notes.map((note) => ({ source: 'calendar' as const, problem: noteSentence(note, provider) })),
      ...(failure ? [{ source: 'calendar' as const, problem: failureSentence(failure, provider, options.accountPage) }] : []),
    ],
    dropGrant: failure ? dropsGrant(failure) : false,
    requests: reading.requests,
    ...(failure ? { failure } : {}),
  });

  const api = httpsUrl(options.apiUrl ?? DEFAULT_API_URLS[provider]);
  if (!api) return result({ code: 'api_url_not_https' }, { items: [], requests: 0 });
  const range = boundedRange(options.from, options.to);
  if (range.cut) notes.push({ code: 'range_cut', days: MAX_DAYS, until: range.to });
  if (range.to <= range.from) return result(undefined, { items: [], requests: 0 });

  const wire = WIRES[provider];
  const limit = options.limit ?? EVIDENCE_LIMITS.events;
  const maxPages = options.maxPages ?? MAX_PAGES;
  const now = options.now ?? Date.now;
  const pageRequest: PageRequest = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs ?? PAGE_TIMEOUT_MS, headers: wire.headers() };
  const items: CompanyCalendarReading['items'] = [];
  const keys = new Set<string>();
  let unreadable = 0;
  let requests = 0;

  let token = await tokenFrom(options.accessToken, false);
  let renewed = false;
  const first = wire.first(api, range.from, range.to);
  let url: URL | undefined = first;
  let pages = 0;
  const seen = new Set<string>();
  while (url) {
    if (pages >= maxPages) {
      notes.push({ code: 'pages_limit', limit: maxPages });
      break;
    }
    if ('refused' in token) return result({ code: token.refused === 'grant' ? 'grant_refused' : 'grant_unreachable' }, { items, requests });
    requests++;
    const answer = await getPage(url, token.token, pageRequest);
    if ('failure' in answer) return result(answer.failure, { items, requests });
    if (answer.status === 401 && !renewed && !/insufficient_claims/i.test(answer.headers.get('www-authenticate') ?? '')) {
      // The token in memory may have ended early (revoked sessions, a clock apart): one new one, once per reading.
      renewed = true;
      token = await tokenFrom(options.accessToken, true);
      continue;
    }
    if (answer.status < 200 || answer.status > 299) return result(wire.failure(answer.status, answer.headers, answer.body, now()), { items, requests });
    const page = wire.page(answer.body);
    if (!page) return result({ code: 'malformed' }, { items, requests });
    pages++;
    let full = false;
    for (const event of page.events) {
      if ('unreadable' in event) unreadable++;
      if (!('facts' in event)) continue;
      const { facts } = event;
      if (!overlaps(facts, range.from, range.to) || keys.has(facts.key)) continue;
      if (items.length >= limit) {
        full = true;
        break;
      }
      keys.add(facts.key);
      items.push(evidenceItem(facts));
    }
    if (full) {
      notes.push({ code: 'events_limit', limit });
      break;
    }
    if (page.next === undefined) break;
    // A token or link seen before would go round until the pages' limit; it is said as what it is.
    if (seen.has(page.next)) return result({ code: 'paging_loop' }, { items, requests });
    seen.add(page.next);
    url = wire.next(first, page.next, range.from, range.to, api);
    if (!url) return result({ code: 'unexpected_link' }, { items, requests });
  }
  if (unreadable > 0) notes.push({ code: 'unreadable_events', count: unreadable });
  return result(undefined, { items, requests });
}

/** The caller's token; a source that throws is a token endpoint that could not be reached, never the reading's own error. */
async function tokenFrom(source: AccessTokenSource, renew: boolean): Promise<Awaited<ReturnType<AccessTokenSource>>> {
  try {
    return await source(renew);
  } catch {
    return { refused: 'unreachable' };
  }
}

/** The administrator's address as an https URL without credentials in it; undefined otherwise. */
function httpsUrl(address: string): URL | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  return url;
}

interface PageRequest {
  fetch: typeof fetch;
  timeoutMs: number;
  headers: Record<string, string>;
}

type PageAnswer = { status: number; headers: Headers; body: unknown } | { failure: CompanyCalendarFailure };

/**
 * One page: the request with the token, the answer's body read within MAX_PAGE_BYTES and parsed as JSON
 * (a failed answer's body too, which holds the provider's error code). A redirect is not followed: the
 * APIs send none, and the token must not travel to wherever one points.
 */
async function getPage(url: URL, token: string, request: PageRequest): Promise<PageAnswer> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  const seconds = Number((request.timeoutMs / 1000).toFixed(1));
  try {
    const response = await request.fetch(url, { method: 'GET', redirect: 'manual', signal, headers: { ...request.headers, authorization: `Bearer ${token}` } });
    const text = await bodyWithin(response, MAX_PAGE_BYTES);
    if (text === undefined) return { failure: { code: 'too_large', limitBytes: MAX_PAGE_BYTES } };
    if (response.status >= 300 && response.status < 400) return { failure: { code: 'unexpected_link' } };
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // A failure's body may be a proxy's HTML page: its status still says what happened.
      if (response.ok) return { failure: { code: 'malformed' } };
    }
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (signal.aborted) return { failure: { code: 'timeout', seconds } };
    const network = networkCode(error);
    return { failure: { code: 'unreachable', ...(network ? { network } : {}) } };
  }
}
