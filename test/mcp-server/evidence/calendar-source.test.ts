import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type CalendarEntry, MAX_CALENDAR_BYTES, type ReadCalendarOptions, readCalendar } from '../../../mcp-server/evidence/calendar-source.ts';
import type { SourceReading } from '../../../mcp-server/evidence/evidence.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'berlin-team.ics');
const ICS = readFileSync(FIXTURE, 'utf8');
const SECRET = 'private-9f8e7d6c5b4a';
const FROM = Date.parse('2025-10-20T00:00:00Z');
const TO = Date.parse('2025-10-28T00:00:00Z');
/** What the fixture holds in that week: the weekly sync before and after the change of DST, and a design review. */
const WEEK = ['2025-10-20T07:00:00.000Z', '2025-10-22T12:00:00.000Z', '2025-10-27T08:00:00.000Z'];

/** Every sentence any test got, and every address a feed had: none may hold the secret or the address. */
const sentences: string[] = [];
const addresses: string[] = [];

const folder = mkdtempSync(join(tmpdir(), 'punchcard-calendar-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  // Each test below said something; none of it named the feed's secret, its address or its path.
  expect(sentences.length).toBeGreaterThan(10);
  for (const sentence of sentences) {
    expect(sentence).not.toContain(SECRET);
    for (const address of addresses) expect(sentence).not.toContain(new URL(address).host);
    expect(sentence).not.toMatch(/\/feeds?\//);
  }
});

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on the loopback, answering each path with its handler, and recording each request's path. */
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
async function serve(routes: Record<string, Handler>): Promise<{ origin: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const handler = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (handler) handler(request, response);
    else response.writeHead(404).end('no such page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  addresses.push(origin);
  return { origin, paths };
}

const calendarAnswer: Handler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(ICS);
};

function options(more: Partial<ReadCalendarOptions> = {}): ReadCalendarOptions {
  return { secret: async (name) => (name === 'Work' ? SECRET : null), from: FROM, to: TO, emails: ['me@example.com'], zone: 'Europe/Berlin', ...more };
}

async function read(entry: CalendarEntry, more: Partial<ReadCalendarOptions> = {}): Promise<SourceReading> {
  const reading = await readCalendar(entry, options(more));
  sentences.push(...reading.skipped.map((skip) => skip.problem));
  return reading;
}

const starts = (reading: SourceReading) => reading.items.map((item) => new Date(item.start).toISOString()).sort();
const problems = (reading: SourceReading) => reading.skipped.map((skip) => skip.problem);

describe('a calendar file', () => {
  it('is read from its path', async () => {
    const reading = await read({ name: 'Work', file: FIXTURE });
    expect(problems(reading)).toEqual([]);
    expect(starts(reading)).toEqual(WEEK);
  });

  it('that is missing, a folder, too large or no calendar is a sentence naming the calendar, not its path', async () => {
    expect(problems(await read({ name: 'Work', file: join(folder, 'gone.ics') }))).toEqual([
      'The file of calendar "Work" was not found; check its path in the window\'s Evidence settings.',
    ]);
    expect(problems(await read({ name: 'Work', file: folder }))).toEqual([
      'The file of calendar "Work" is not a file; give the path of an .ics file in the window\'s Evidence settings.',
    ]);
    const big = join(folder, 'big.ics');
    writeFileSync(big, Buffer.alloc(MAX_CALENDAR_BYTES + 1, 'x'));
    expect(problems(await read({ name: 'Work', file: big }))).toEqual([
      'The file of calendar "Work" is larger than the 10 MB Punchcard reads; export a shorter stretch of the calendar, or only its recent events.',
    ]);
    const page = join(folder, 'page.ics');
    writeFileSync(page, '<html><body>Sign in</body></html>');
    expect(problems(await read({ name: 'Work', file: page }))).toEqual(['Calendar "Work" is not an iCalendar file: it is a web page, not a calendar.']);
  });

  it('with both a file and a feed, or neither, is a sentence', async () => {
    expect(problems(await read({ name: 'Work', file: FIXTURE, url: 'https://example.com/{secret}' }))).toEqual([
      'Calendar "Work" has both a file and a feed address; keep one of them in the window\'s Evidence settings.',
    ]);
    expect(problems(await read({ name: 'Work' }))).toEqual([
      'Calendar "Work" has neither a file nor a feed address; add one in the window\'s Evidence settings.',
    ]);
  });
});

describe('a calendar feed', () => {
  it('puts the keychain secret into its address, and reads the calendar it answers', async () => {
    const server = await serve({ [`/feeds/${SECRET}/basic.ics`]: calendarAnswer });
    const reading = await read({ name: 'Work', url: `${server.origin}/feeds/{secret}/basic.ics` });
    expect(server.paths).toEqual([`/feeds/${SECRET}/basic.ics`]);
    expect(problems(reading)).toEqual([]);
    expect(starts(reading)).toEqual(WEEK);
  });

  it('may be the secret as a whole, as Google’s and Outlook’s secret addresses are', async () => {
    const server = await serve({ '/feed/whole.ics': calendarAnswer });
    const reading = await read({ name: 'Private', url: '{secret}' }, { secret: async () => `${server.origin}/feed/whole.ics` });
    expect(starts(reading)).toEqual(WEEK);
  });

  it('without its secret in the keychain asks for it, and asks nothing of the network', async () => {
    const server = await serve({});
    const reading = await read({ name: 'Home', url: `${server.origin}/feeds/{secret}/basic.ics` });
    expect(problems(reading)).toEqual(['The feed of calendar "Home" needs its secret address: enter it in the window\'s Evidence settings.']);
    expect(server.paths).toEqual([]);
    const locked = await read({ name: 'Work', url: '{secret}' }, { secret: () => Promise.reject(new Error(`locked: ${SECRET}`)) });
    expect(problems(locked)).toEqual([
      'The feed of calendar "Work" needs its secret from the keychain, which could not be read; check that the keychain is unlocked.',
    ]);
  });

  it('answering 404 or 500 is a sentence with the status', async () => {
    const server = await serve({ '/feeds/broken.ics': (_request, response) => response.writeHead(500).end(`trace for /feeds/${SECRET}`) });
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/{secret}.ics` }))).toEqual([
      'The feed of calendar "Work" answered 404: there is no calendar at that address any more; check it in the window\'s Evidence settings.',
    ]);
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/broken.ics` }))).toEqual([
      'The feed of calendar "Work" answered 500: the calendar server has a problem of its own; try again later.',
    ]);
  });

  it('that does not answer in time, or stops sending, is a sentence once its time is up', async () => {
    const server = await serve({
      '/feeds/silent.ics': () => {},
      '/feeds/stalled.ics': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/calendar' });
        response.write('BEGIN:VCALENDAR\r\n');
      },
    });
    for (const path of ['/feeds/silent.ics', '/feeds/stalled.ics']) {
      expect(problems(await read({ name: 'Work', url: `${server.origin}${path}` }, { timeoutMs: 300 }))).toEqual([
        'The feed of calendar "Work" did not answer within 0.3 seconds; try again later.',
      ]);
    }
  });

  it('follows a redirect on its own host, and none to another host', async () => {
    const server = await serve({
      [`/feeds/${SECRET}/old.ics`]: (_request, response) => response.writeHead(301, { location: `/feeds/${SECRET}/basic.ics` }).end(),
      [`/feeds/${SECRET}/basic.ics`]: calendarAnswer,
      [`/feeds/${SECRET}/away.ics`]: (request, response) =>
        // The same server under another host name: a redirect there is refused before it is asked.
        response.writeHead(302, { location: `http://localhost:${request.socket.localPort}/feeds/${SECRET}/basic.ics` }).end(),
    });
    expect(starts(await read({ name: 'Work', url: `${server.origin}/feeds/{secret}/old.ics` }))).toEqual(WEEK);
    expect(server.paths).toEqual([`/feeds/${SECRET}/old.ics`, `/feeds/${SECRET}/basic.ics`]);
    server.paths.length = 0;
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/{secret}/away.ics` }))).toEqual([
      'The feed of calendar "Work" sends Punchcard to another host, and Punchcard follows no redirect off the feed\'s own host; put the address the calendar app gives now into the window\'s Evidence settings.',
    ]);
    expect(server.paths).toEqual([`/feeds/${SECRET}/away.ics`]);
  });

  it('sending more than 10 MB is refused, whether it says its length or not', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const server = await serve({
      '/feeds/declared.ics': (_request, response) => {
        response.writeHead(200, { 'content-length': String(MAX_CALENDAR_BYTES + 1) });
        response.end(Buffer.alloc(MAX_CALENDAR_BYTES + 1, 'x'));
      },
      '/feeds/endless.ics': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/calendar' });
        const more = () => {
          // A body that never ends; the reader stops it past the limit.
          while (sent < 40 * chunk.length && response.write(chunk)) sent += chunk.length;
          if (sent < 40 * chunk.length) response.once('drain', more);
          else response.end();
        };
        more();
      },
    });
    const refused =
      'The feed of calendar "Work" sends more than the 10 MB Punchcard reads; a feed of the calendar\'s recent events alone, or a shorter export, is readable.';
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/declared.ics` }))).toEqual([refused]);
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/endless.ics` }))).toEqual([refused]);
  });

  it('answering a web page instead of a calendar is the calendar reader’s sentence', async () => {
    const server = await serve({
      '/feeds/login.ics': (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>'),
    });
    expect(problems(await read({ name: 'Work', url: `${server.origin}/feeds/login.ics` }))).toEqual([
      'Calendar "Work" is not an iCalendar file: it is a web page, not a calendar.',
    ]);
  });

  it('is fetched over https for webcal://, and over http or https only', async () => {
    const asked: string[] = [];
    const recording: typeof fetch = async (input) => {
      asked.push(String(input));
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND calendar.example.com ${SECRET}`), { code: 'ENOTFOUND' }) });
    };
    expect(problems(await read({ name: 'Work', url: 'webcal://calendar.example.com/feeds/{secret}/basic.ics' }, { fetch: recording }))).toEqual([
      'The feed of calendar "Work" could not be reached (ENOTFOUND); check the connection, or the address in the window\'s Evidence settings.',
    ]);
    expect(asked).toEqual([`https://calendar.example.com/feeds/${SECRET}/basic.ics`]);
    addresses.push('https://calendar.example.com');
    for (const url of ['ftp://calendar.example.com/feeds/{secret}.ics', `file://${FIXTURE}`, 'not an address {secret}']) {
      expect(problems(await read({ name: 'Work', url }, { fetch: recording }))).toEqual([
        'The feed of calendar "Work" does not have a web address (https://, http:// or webcal://); correct it in the window\'s Evidence settings.',
      ]);
    }
    expect(asked).toHaveLength(1);
  });

  it('is not followed from https down to http', async () => {
    const redirecting: typeof fetch = async () => new Response(null, { status: 302, headers: { location: `http://calendar.example.com/feeds/${SECRET}.ics` } });
    expect(problems(await read({ name: 'Work', url: 'https://calendar.example.com/feeds/{secret}/old.ics' }, { fetch: redirecting }))).toEqual([
      'The feed of calendar "Work" sends Punchcard from https to plain http, which Punchcard does not follow.',
    ]);
  });
});
