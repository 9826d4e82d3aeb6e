// The transport every remote back end shares, against a loopback server that misbehaves as a server
// can: a body larger than any page or one that never ends, a size announced before the body, pages
// that add up to more than a call may hold, a body of nothing but empty objects, and requests still
// in flight when the call they serve is cancelled. Each failure is the back end's error in words, and
// the server sees the connection closed.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, MAX_ANSWER_BYTES_PER_CALL, MAX_ANSWER_OBJECTS } from '../../../../mcp-server/domain/call-limits.ts';
import {
  createJsonHttp,
  type JsonHttp,
  type JsonHttpOptions,
  type GatePass,
  type Refusal,
  type RefusalVerdict,
  type RequestGate,
} from '../../../../mcp-server/providers/remote/json-http.ts';
import { describeNetworkFailure, describeTimeout, describeTooLarge, RemoteError, remoteRefusal } from '../../../../mcp-server/providers/remote/remote-error.ts';
import { CallBudget, CallStopped, withCallBudget, withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';

const WORDS = { service: 'Kimai', address: 'the Kimai URL', operator: 'your Kimai administrator' };
const MB = 1024 * 1024;

interface Served {
  url: string;
  /** Requests that arrived, by path. */
  arrived: string[];
  /** Bytes written to each answer before it ended or the client hung up. */
  written: number[];
  /** How many answers ended because the client hung up. */
  hungUp: () => number;
  close(): Promise<void>;
}

type Handler = (path: string, response: http.ServerResponse, write: (bytes: Buffer) => Promise<boolean>) => void | Promise<void>;

const servers: Served[] = [];
const transports: Array<JsonHttp<{ action: string }>> = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  for (const server of servers.splice(0)) await server.close();
});

/** A loopback server whose answers `handle` writes, as fast as the client reads. */
async function serve(handle: Handler): Promise<Served> {
  const arrived: string[] = [];
  const written: number[] = [];
  let hungUp = 0;
  const server = http.createServer((request, response) => {
    const index = arrived.push(request.url ?? '/') - 1;
    written[index] = 0;
    response.on('close', () => {
      if (!response.writableFinished) hungUp++;
    });
    const write = (bytes: Buffer) =>
      new Promise<boolean>((resolve) => {
        if (response.destroyed) return resolve(false);
        written[index] = (written[index] ?? 0) + bytes.length;
        if (response.write(bytes)) return resolve(true);
        // Whichever comes first settles the write and takes the other listener away: a body written in
        // many parts must not leave a close listener behind for each (Node warns past ten).
        const drained = () => {
          response.off('close', closed);
          resolve(!response.destroyed);
        };
        const closed = () => {
          response.off('drain', drained);
          resolve(false);
        };
        response.once('drain', drained);
        response.once('close', closed);
      });
    void handle(request.url ?? '/', response, write);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const served: Served = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    written,
    hungUp: () => hungUp,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(served);
  return served;
}

function transport(baseUrl: string, more: Partial<JsonHttpOptions<{ action: string }>> = {}): JsonHttp<{ action: string }> {
  const created = createJsonHttp<{ action: string }>({
    baseUrl,
    service: 'Kimai',
    timeoutMs: 20_000,
    maxSockets: 4,
    log: () => {},
    failures: {
      network: (error, purpose) => describeNetworkFailure(error, baseUrl, purpose.action, WORDS),
      timeout: (ms, purpose) => describeTimeout(baseUrl, ms, purpose.action, WORDS),
      tooLarge: (oversize, purpose, changes) => describeTooLarge(baseUrl, oversize, purpose.action, WORDS, changes),
    },
    ...more,
  });
  transports.push(created);
  return created;
}

const get = (http: JsonHttp<{ action: string }>, base: string, path: string, action = 'read your time entries') =>
  http.send({ method: 'GET', url: new URL(path, base), headers: {}, purpose: { action } });

/** A JSON list of records of about a kilobyte, `bytes` long, written in parts. */
async function jsonList(bytes: number, write: (part: Buffer) => Promise<boolean>, response: http.ServerResponse): Promise<void> {
  const record = Buffer.from(`{"id":1,"note":"${'n'.repeat(1_000)}"},`);
  let sent = 0;
  if (!(await write(Buffer.from('[')))) return;
  sent++;
  while (sent + record.length + 9 < bytes) {
    if (!(await write(record))) return;
    sent += record.length;
  }
  await write(Buffer.from(`{"id":0}${' '.repeat(Math.max(0, bytes - sent - 9))}]`));
  response.end();
}

describe('the answers a back end may send', () => {
  it('a body that never ends: stopped at the limit of one answer, in words, and the connection closed', async () => {
    const server = await serve(async (_path, response, write) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const part = Buffer.alloc(64 * 1024, 'x');
      while (await write(part));
    });
    const error = await get(transport(server.url), server.url, '/api/timesheets').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).failure).toBe('too_large');
    expect((error as RemoteError).message).toMatch(
      /^Kimai at 127\.0\.0\.1:\d+ sent more than 8 MB trying to read your time entries; Punchcard reads at most 8 MB of one answer \(far more than any page it asks for\), so it stopped reading\. Ask for less at once \(a shorter range\)\. If it keeps happening, ask your Kimai administrator why it answers so much\.$/,
    );
    await expect.poll(() => server.hungUp()).toBe(1);
    expect(server.written[0]).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(server.written[0]).toBeLessThan(4 * MAX_ANSWER_BYTES);
  });

  it('a Content-Length above the limit: refused before the body is read', async () => {
    const server = await serve(async (_path, response, write) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(560 * MB) });
      const part = Buffer.alloc(64 * 1024, ' ');
      while (await write(part));
    });
    await expect(get(transport(server.url), server.url, '/api/timesheets/active', 'read the running timer')).rejects.toThrow(
      /^Kimai at 127\.0\.0\.1:\d+ sent an answer of 560 MB trying to read the running timer; Punchcard reads at most 8 MB of one answer/,
    );
    await expect.poll(() => server.hungUp()).toBe(1);
    // Only what the sockets' buffers took before the client hung up.
    expect(server.written[0]).toBeLessThan(MAX_ANSWER_BYTES);
  });

  it('an answer just under the limit is read whole, and a write that answers too much says the change may have been made', async () => {
    const server = await serve((path, response, write) => jsonList(path === '/small' ? MAX_ANSWER_BYTES - 1_000 : 2 * MAX_ANSWER_BYTES, write, response));
    const http = transport(server.url);
    const answer = await get(http, server.url, '/small');
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.json)).toBe(true);
    const write = http.send({
      method: 'POST',
      url: new URL('/large', server.url),
      headers: {},
      body: {},
      purpose: { action: 'log the time' },
      change: 'log the time',
    });
    await expect(write).rejects.toThrow(/so it stopped reading\..* \(The change may have been made: check before repeating it\.\)$/);
  });

  it('a body of nothing but empty objects, far under 8 MB: refused for its objects, which would take twenty times its size parsed', async () => {
    const server = await serve(async (_path, response, write) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const part = Buffer.from('{},'.repeat(20_000));
      while (await write(part));
    });
    await expect(get(transport(server.url), server.url, '/api/customers', 'list customers')).rejects.toThrow(
      new RegExp(
        `^Kimai at 127\\.0\\.0\\.1:\\d+ sent an answer of more than ${MAX_ANSWER_OBJECTS.toLocaleString('en-US')} JSON objects and lists trying to list customers; Punchcard reads at most ${MAX_ANSWER_OBJECTS.toLocaleString('en-US')} of them of one answer`,
      ),
    );
    expect(server.written[0]).toBeLessThan(MAX_ANSWER_BYTES);
  });

  it("a call's answers together: each page under the limit, but the call stops reading past its own, in words", async () => {
    const server = await serve((_path, response, write) => jsonList(6 * MB, write, response));
    const http = transport(server.url);
    const pages = Math.ceil(MAX_ANSWER_BYTES_PER_CALL / (6 * MB)) + 1;
    const outcome = await withRequestBudget(40, () =>
      Promise.allSettled(Array.from({ length: pages }, (_, page) => get(http, server.url, `/api/timesheets?page=${page + 1}`))),
    );
    const refused = outcome.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(String(refused[0]?.reason)).toMatch(/This needs more than 16 MB of answers from Kimai, more than one call may read, so Punchcard stopped reading\./);
    // Outside a call (the background checks), only the limit of one answer applies.
    for (let page = 0; page < pages; page++) expect((await get(http, server.url, `/api/timesheets?page=${page + 1}`)).status).toBe(200);
  });
});

describe('the call a request serves', () => {
  it('cancelled: what is in flight is destroyed, nothing new is sent, and the reason is what the call sees', async () => {
    const server = await serve(() => {
      // Never answers: every request stays in flight until the client hangs up.
    });
    const http = transport(server.url);
    const ending = new AbortController();
    const budget = new CallBudget(40, ending.signal);
    const results = withCallBudget(budget, () => Promise.allSettled([1, 2, 3].map((page) => get(http, server.url, `/api/timesheets?page=${page}`))));
    await expect.poll(() => server.arrived.length).toBe(3);
    const reason = new CallStopped('cancelled', 'time_report', 45_000);
    ending.abort(reason);
    for (const result of await results) expect(result).toEqual({ status: 'rejected', reason });
    await expect.poll(() => server.hungUp()).toBe(3);
    await expect(withCallBudget(budget, () => get(http, server.url, '/api/timesheets?page=4'))).rejects.toBe(reason);
    expect(server.arrived).toHaveLength(3);
    expect(budget.spent).toBe(3);
  });

  it("notes each change as sent, then done or refused by the back end's answer", async () => {
    const server = await serve((path, response) => {
      response.writeHead(path === '/refused' ? 400 : 200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
    const http = transport(server.url);
    const budget = new CallBudget(40);
    await withCallBudget(budget, async () => {
      await http.send({
        method: 'POST',
        url: new URL('/done', server.url),
        headers: {},
        body: {},
        purpose: { action: 'start the timer' },
        change: 'start the timer',
      });
      await http.send({
        method: 'PATCH',
        url: new URL('/refused', server.url),
        headers: {},
        body: {},
        purpose: { action: 'stop the timer' },
        change: 'stop the timer',
      });
      await get(http, server.url, '/read');
    });
    expect(budget.changes).toEqual([
      { action: 'start the timer', outcome: 'done' },
      { action: 'stop the timer', outcome: 'refused' },
    ]);
    expect([...budget.services]).toEqual(['Kimai']);
  });
});

describe("a back end's 429", () => {
  /** A server that answers 429 (with `retryAfter`, where given) `times` times, then 200. */
  async function refusing(times: number, retryAfter?: string): Promise<Served> {
    let left = times;
    return serve((_path, response) => {
      const refused = left-- > 0;
      response.writeHead(refused ? 429 : 200, {
        'Content-Type': 'application/json',
        ...(refused && retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}),
      });
      response.end(refused ? '{"code":"QUOTA_EXCEEDED"}' : '[]');
    });
  }

  /** A gate that lets everything through, notes what it is told of each 429, and answers `verdict`. */
  function noting(verdict: RefusalVerdict = { waitMs: 0 }): { gate: RequestGate; passed: () => number; told: Refusal[] } {
    let passed = 0;
    const told: Refusal[] = [];
    const gate: RequestGate = async () => void passed++;
    gate.refused = async (refusal) => {
      told.push(refusal);
      return verdict;
    };
    return { gate, passed: () => passed, told };
  }

  const find = (url: string) => ({ method: 'POST' as const, url: new URL('/find', url), headers: {}, body: {}, purpose: { action: 'read your shifts' } });

  it("is told to the gate with its Retry-After, and sent again through the gate, which waits out its hold, and the call's budget", async () => {
    const server = await refusing(1, '1');
    const { gate, passed, told } = noting({ waitMs: 1_000 });
    const http = transport(server.url, { gate, retryWithoutRetryAfter: false });
    const budget = new CallBudget(40);
    const answer = await withCallBudget(budget, () => http.sendRetrying(find(server.url)));
    expect(answer.status).toBe(200);
    // Nothing is waited here: the gate's own pass holds the request back, on its clock
    // (organisation-limit.ts), so a clock a test moves on is the only one it waits on.
    expect(told).toEqual([{ retryAfterMs: 1_000 }]);
    expect(passed()).toBe(2);
    expect(budget.spent).toBe(2);
    expect(server.arrived).toHaveLength(2);
  });

  it('tells the gate which limit the answer says is used up, where the back end reads it', async () => {
    const server = await refusing(1);
    const { gate, told } = noting();
    const http = transport(server.url, {
      gate,
      retryWithoutRetryAfter: false,
      readRefusal: (answer) => (answer.text.includes('QUOTA') ? 'second' : undefined),
    });
    expect((await http.sendRetrying(find(server.url))).status).toBe(200);
    expect(told).toEqual([{ window: 'second' }]);
  });

  it("is not sent again past the call's budget: the call is told it has used its requests", async () => {
    const server = await refusing(1, '0');
    const http = transport(server.url, { retryWithoutRetryAfter: false });
    const budget = new CallBudget(1);
    await expect(
      withCallBudget(budget, () =>
        http.sendRetrying({ method: 'GET', url: new URL('/find', server.url), headers: {}, purpose: { action: 'read your shifts' } }),
      ),
    ).rejects.toThrow(/requests/);
    expect(server.arrived).toHaveLength(1);
  });

  it("given up in the gate's words where it holds longer than a call waits: nothing is sent again", async () => {
    const server = await refusing(1);
    const held = new RemoteError(
      'rate_limited',
      remoteRefusal('remote_held_back', {
        service: 'Calamari',
        shared_by: 'computer',
        window: 'hour',
        until: '2026-11-18T11:00:00+00:00',
        left_s: 2_400,
        cannot_wait: true,
      }),
    );
    const { gate, told } = noting({ refusal: held });
    const http = transport(server.url, { gate, retryWithoutRetryAfter: false });
    await expect(http.sendRetrying(find(server.url))).rejects.toBe(held);
    expect(told).toEqual([{}]);
    expect(server.arrived).toHaveLength(1);
  });

  it('sent once more only: a second 429 is told to the gate too, as the refusal of the request sent again, and answered as it came', async () => {
    const server = await refusing(2);
    const { gate, told } = noting();
    const http = transport(server.url, { gate, retryWithoutRetryAfter: false });
    expect((await http.sendRetrying(find(server.url))).status).toBe(429);
    expect(told).toEqual([{}, { again: true }]);
    expect(server.arrived).toHaveLength(2);
  });

  it("hands the gate's pass of each request back with its 429 and with its answer, and answers once the gate has done with it", async () => {
    const server = await refusing(2);
    let passes = 0;
    const told: Refusal[] = [];
    const answered: Array<[number | 'failed', GatePass | undefined]> = [];
    const gate: RequestGate = async () => {
      passes++;
      return { at: passes, afterHold: passes > 1 };
    };
    gate.refused = async (refusal) => {
      told.push(refusal);
      return { waitMs: 0 };
    };
    gate.answered = async (status, _seconds, sent) => {
      // What the gate does with an answer takes its time (a store's write): the answer waits for it.
      await new Promise((resolve) => setImmediate(resolve));
      answered.push([status, sent]);
    };
    const http = transport(server.url, { gate, retryWithoutRetryAfter: false });
    expect((await http.sendRetrying(find(server.url))).status).toBe(429);
    expect(told).toEqual([{ sent: { at: 1, afterHold: false } }, { again: true, sent: { at: 2, afterHold: true } }]);
    expect((await http.sendRetrying(find(server.url))).status).toBe(200);
    expect(answered).toEqual([
      [429, { at: 1, afterHold: false }],
      [429, { at: 2, afterHold: true }],
      [200, { at: 3, afterHold: true }],
    ]);
  });

  it('a gate that cannot note an answer (its store away) leaves the answer as it came, and says why in the log', async () => {
    const server = await refusing(0);
    const logged: string[] = [];
    const gate: RequestGate = async () => ({ at: 1, afterHold: true });
    gate.answered = () => Promise.reject(new Error('the store does not answer'));
    const http = transport(server.url, { gate, log: (line) => logged.push(line) });
    expect((await http.sendRetrying(find(server.url))).status).toBe(200);
    expect(logged).toEqual(["Could not note Kimai's answer (200): the store does not answer"]);
  });

  it('a gate that cannot note it (its store away) leaves the 429 answered as it came, and says why in the log', async () => {
    const server = await refusing(1);
    const logged: string[] = [];
    const gate: RequestGate = async () => {};
    gate.refused = () => Promise.reject(new Error('the store does not answer'));
    const http = transport(server.url, { gate, retryWithoutRetryAfter: false, log: (line) => logged.push(line) });
    expect((await http.sendRetrying({ method: 'GET', url: new URL('/find', server.url), headers: {}, purpose: { action: 'read your shifts' } })).status).toBe(
      429,
    );
    expect(logged).toEqual(["Could not note Kimai's refusal (429): the store does not answer"]);
    expect(server.arrived).toHaveLength(1);
  });

  it('without a gate, a Retry-After longer than the call has left is not waited for: the 429 is answered at once', async () => {
    const server = await refusing(1, '3');
    const http = transport(server.url);
    const answer = await withCallBudget(new CallBudget(10, undefined, performance.now() + 2_000), () => http.sendRetrying(find(server.url)));
    // Answered as it came, and not sent again: a Retry-After that is waited for is followed by the request once more.
    expect(answer.status).toBe(429);
    expect(server.arrived).toHaveLength(1);
  });
});

describe('a kept-alive connection the server closed as a request went out on it', () => {
  /**
   * A server that answers each connection's first request, keeps the connection, and resets it when
   * the next request arrives on it: a server's idle timeout crossing the client's reuse.
   */
  async function resetOnReuse(): Promise<{ url: string; connections: () => number; requests: string[]; close: () => Promise<void> }> {
    const requests: string[] = [];
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      connections++;
      sockets.add(socket);
      let answered = false;
      socket.on('data', (bytes) => {
        const line = bytes.toString('latin1').split('\r\n')[0] as string;
        // A request's body may come in a chunk of its own: only a request line starts a request.
        if (!/^[A-Z]+ \/\S* HTTP\/1\.1$/.test(line)) return;
        if (answered) {
          socket.resetAndDestroy();
          return;
        }
        answered = true;
        requests.push(line);
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n[]');
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      connections: () => connections,
      requests,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it('sends a read once more on a new connection, and answers it', async () => {
    const server = await resetOnReuse();
    try {
      const client = transport(server.url);
      expect((await get(client, server.url, '/api/timesheets?page=1')).status).toBe(200);
      expect((await get(client, server.url, '/api/timesheets?page=2')).status).toBe(200);
      expect(server.requests).toEqual(['GET /api/timesheets?page=1 HTTP/1.1', 'GET /api/timesheets?page=2 HTTP/1.1']);
      expect(server.connections()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('sends a POST that only reads (every Calamari read) once more too', async () => {
    const server = await resetOnReuse();
    try {
      const client = transport(server.url);
      const search = () =>
        client.send({
          method: 'POST',
          url: new URL('/api/shifts/search', server.url),
          headers: {},
          body: {},
          purpose: { action: 'read your shifts' },
          onlyReads: true,
        });
      expect((await search()).status).toBe(200);
      expect((await search()).status).toBe(200);
      expect(server.requests).toEqual(['POST /api/shifts/search HTTP/1.1', 'POST /api/shifts/search HTTP/1.1']);
      expect(server.connections()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('never sends a change twice: the reset is said in words', async () => {
    const server = await resetOnReuse();
    try {
      const client = transport(server.url);
      expect((await get(client, server.url, '/api/timesheets')).status).toBe(200);
      const error = await client
        .send({ method: 'PATCH', url: new URL('/api/timesheets/1/stop', server.url), headers: {}, purpose: { action: 'stop your timer' } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).message).toMatch(/stop your timer/);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });
});
