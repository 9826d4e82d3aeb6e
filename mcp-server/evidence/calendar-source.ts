// Where a calendar's text comes from: a file on the person's computer, or a feed (an ICS address, such
// as Google's or Outlook's secret address). This edge only gets the text, within limits, and says in
// words what kept it from doing so; calendar.ts reads it. A feed's address is a secret in itself (who
// holds it reads the calendar), so its secret part lives in the keychain and is put into the address
// here, at the moment of the request: no sentence, log or error from this module holds the address or
// the secret, only the calendar's name ("the feed of calendar "Work"").
import { open } from 'node:fs/promises';
import { FEED_SECRET_PLACEHOLDER } from '../contract/evidence-sources.ts';
import { megabytes } from '../providers/remote/answer-size.ts';
import { calendarEvidence } from './calendar.ts';
import type { SourceReading } from './evidence.ts';
import { bodyWithin, networkCode } from './bounded-response.ts';

/** A calendar as the settings name it: a file, or a feed address that may hold `{secret}`. */
export interface CalendarEntry {
  name: string;
  file?: string;
  url?: string;
}

export interface ReadCalendarOptions {
  /** The keychain's secret for a calendar, by its name; null where none was entered. */
  secret: (name: string) => Promise<string | null>;
  /** The fetch to use (the global one by default). */
  fetch?: typeof fetch;
  /** The range, [from, to) in epoch milliseconds. */
  from: number;
  to: number;
  /** The person's own addresses. */
  emails: readonly string[];
  /** The person's zone, for floating times (the computer's by default). */
  zone?: string;
  /** How many events this calendar may still give (see calendarEvidence). */
  limit?: number;
  /** How long a feed may take, headers and body together (FEED_TIMEOUT_MS by default). */
  timeoutMs?: number;
}

/** The most of a calendar read, from a file or a feed: a year of a busy calendar is about 2 MB. */
export const MAX_CALENDAR_BYTES = 10 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 15_000;
/** Redirects followed within the feed's own host (a feed moved from http to https, or to a new path). */
const MAX_REDIRECTS = 5;
const READ_PART = 256 * 1024;

/** Why a text could not be had, already in words. */
class Unread extends Error {}

export async function readCalendar(entry: CalendarEntry, options: ReadCalendarOptions): Promise<SourceReading> {
  let text: string;
  try {
    if (entry.file !== undefined && entry.url !== undefined) {
      throw new Unread(`Calendar "${entry.name}" has both a file and a feed address; keep one of them in the window's Evidence settings.`);
    }
    if (entry.file !== undefined) text = await readFile(entry.name, entry.file);
    else if (entry.url !== undefined) text = await readFeed(entry.name, entry.url, options);
    else throw new Unread(`Calendar "${entry.name}" has neither a file nor a feed address; add one in the window's Evidence settings.`);
  } catch (error) {
    if (!(error instanceof Unread)) throw error;
    return { items: [], skipped: [{ source: 'calendar', problem: error.message }] };
  }
  return calendarEvidence(text, {
    calendar: entry.name,
    from: options.from,
    to: options.to,
    emails: options.emails,
    ...(options.zone !== undefined ? { zone: options.zone } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
}

/**
 * A calendar file, read through one handle (its size is judged on what was opened, not on a path that
 * may change in between) and never more than the limit.
 */
async function readFile(name: string, path: string): Promise<string> {
  const subject = `The file of calendar "${name}"`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Unread(`${subject} was not found; check its path in the window's Evidence settings.`);
    if (code === 'EACCES' || code === 'EPERM') throw new Unread(`${subject} cannot be read: this account has no permission to read it.`);
    throw new Unread(`${subject} cannot be read (${code ?? 'an error of the file system'}).`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Unread(`${subject} is not a file; give the path of an .ics file in the window's Evidence settings.`);
    if (stat.size > MAX_CALENDAR_BYTES) throw new Unread(`${subject} is larger than the ${megabytes(MAX_CALENDAR_BYTES)} Punchcard reads; ${NARROW}`);
    // The file may have grown since it was measured: it is read in parts, and refused once past the limit.
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      const part = Buffer.alloc(READ_PART);
      const { bytesRead } = await handle.read(part, 0, READ_PART, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_CALENDAR_BYTES) throw new Unread(`${subject} is larger than the ${megabytes(MAX_CALENDAR_BYTES)} Punchcard reads; ${NARROW}`);
      parts.push(part.subarray(0, bytesRead));
    }
    return Buffer.concat(parts, length).toString('utf8');
  } catch (error) {
    if (error instanceof Unread) throw error;
    throw new Unread(`${subject} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'an error of the file system'}).`);
  } finally {
    await handle.close();
  }
}

const NARROW = 'export a shorter stretch of the calendar, or only its recent events.';

/** A feed's text: the address with its secret put in, fetched within the limits. */
async function readFeed(name: string, template: string, options: ReadCalendarOptions): Promise<string> {
  const subject = `The feed of calendar "${name}"`;
  let address = template.trim();
  if (address.includes(FEED_SECRET_PLACEHOLDER)) {
    let secret: string | null;
    try {
      secret = await options.secret(name);
    } catch {
      throw new Unread(`${subject} needs its secret from the keychain, which could not be read; check that the keychain is unlocked.`);
    }
    if (!secret) throw new Unread(`${subject} needs its secret address: enter it in the window's Evidence settings.`);
    address = address.split(FEED_SECRET_PLACEHOLDER).join(secret.trim());
  }
  let url = webAddress(address);
  if (!url) {
    throw new Unread(`${subject} does not have a web address (https://, http:// or webcal://); correct it in the window's Evidence settings.`);
  }
  const fetcher = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? FEED_TIMEOUT_MS);
  const seconds = Number(((options.timeoutMs ?? FEED_TIMEOUT_MS) / 1000).toFixed(1));
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetcher(url, { redirect: 'manual', signal, headers: { accept: 'text/calendar, */*;q=0.5' } });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const next = nextAddress(url, response.headers.get('location'));
        if (next === 'elsewhere') {
          throw new Unread(
            `${subject} sends Punchcard to another host, and Punchcard follows no redirect off the feed's own host; put the address the calendar app gives now into the window's Evidence settings.`,
          );
        }
        if (next === 'downgrade') throw new Unread(`${subject} sends Punchcard from https to plain http, which Punchcard does not follow.`);
        if (!next || redirects >= MAX_REDIRECTS) throw new Unread(`${subject} answered with a redirect Punchcard could not follow (${response.status}).`);
        url = next;
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        throw new Unread(`${subject} answered ${response.status}${statusAdvice(response.status)}`);
      }
      return await textWithin(response, subject);
    }
  } catch (error) {
    if (error instanceof Unread) throw error;
    if (signal.aborted) throw new Unread(`${subject} did not answer within ${seconds} seconds; try again later.`);
    // fetch's own errors may quote the address: only their code is kept.
    throw new Unread(`${subject} could not be reached${networkReason(error)}; check the connection, or the address in the window's Evidence settings.`);
  }
}

/** The address as a URL Punchcard fetches: http or https, webcal read as https; undefined otherwise. */
function webAddress(address: string): URL | undefined {
  // webcal: is a scheme the URL standard does not treat as special, so it is replaced as text, not by the URL's protocol setter.
  const rewritten = address.replace(/^webcals?:/i, 'https:');
  if (!URL.canParse(rewritten)) return undefined;
  const url = new URL(rewritten);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/** Where a redirect leads: the next URL on the same host, or why it is not followed. */
function nextAddress(from: URL, location: string | null): URL | 'elsewhere' | 'downgrade' | undefined {
  if (!location || !URL.canParse(location, from)) return undefined;
  const next = new URL(location, from);
  if (next.protocol !== 'https:' && next.protocol !== 'http:') return undefined;
  if (next.hostname !== from.hostname) return 'elsewhere';
  if (from.protocol === 'https:' && next.protocol === 'http:') return 'downgrade';
  return next;
}

/** What a person can do about a status, after it. */
function statusAdvice(status: number): string {
  if (status === 401 || status === 403)
    return ": it refused access. Its secret address may have been reset; enter the new one in the window's Evidence settings.";
  if (status === 404 || status === 410) return ": there is no calendar at that address any more; check it in the window's Evidence settings.";
  if (status === 429 || status >= 500) return ': the calendar server has a problem of its own; try again later.';
  return "; check the address in the window's Evidence settings.";
}

/** A network error's code (ENOTFOUND, ECONNREFUSED, a certificate's), never its message. */
function networkReason(error: unknown): string {
  const code = networkCode(error);
  return code ? ` (${code})` : '';
}

/** The body as text, refused once it passes the limit (bounded-response.ts). */
async function textWithin(response: Response, subject: string): Promise<string> {
  const text = await bodyWithin(response, MAX_CALENDAR_BYTES);
  if (text !== undefined) return text;
  throw new Unread(
    `${subject} sends more than the ${megabytes(MAX_CALENDAR_BYTES)} Punchcard reads; a feed of the calendar's recent events alone, or a shorter export, is readable.`,
  );
}
