// JSON over HTTP for every remote back end (Kimai, Clockodo, Calamari, Clockify): Node's own http/https
// loaded on the first request, one keep-alive agent with a bounded number of sockets, TLS options (a
// company CA in addition to the usual ones, read as settings files are, or checks off with a loud
// warning), one deadline per exchange, one wait-and-retry on 429 within a bound (the wait asked for held to what
// the back end can mean: asked-wait.ts), and the call the
// request serves: its budget of requests and answers (request-budget.ts, answer-size.ts), and its end
// (a client's cancellation, the call's deadline), which destroys what is in flight and lets nothing new
// start. What a failure means in words is the back end's business: each passes its own describers, so
// secrets and wording stay there.
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as Tls from 'node:tls';
import { setTimeout as delay } from 'node:timers/promises';
import { readSmallTextFile } from '../../small-text-file.ts';
import { AnswerReader, type Oversize } from './answer-size.ts';
import { retryAfterMs } from './asked-wait.ts';
import { type Pacer, pacer } from './pacing.ts';
import { redactSecrets } from './redaction.ts';
import { type CallBudget, currentCall, timeLeftInCall } from './request-budget.ts';

/** Longest Retry-After a call waits for; a longer one is reported instead (a tool call should not hang). */
const RETRY_AFTER_CAP_MS = 10_000;
/** How long a 429 that says nothing readable of when is waited out, where the back end is tried again at all. */
const UNSAID_RETRY_MS = 1_000;
/** A request's deadline unless PUNCHCARD_<BACK END>_TIMEOUT_MS says otherwise (every back end alike). */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  json: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface OutgoingRequest<Purpose> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: unknown;
  /** What the request is for, handed to the describers. */
  purpose: Purpose;
  /**
   * The secrets the request carries (a token; for HTTP Basic also `user:secret`): taken out of the
   * answer before anything reads it, in every form a server could echo them (redaction.ts).
   */
  secrets?: readonly string[];
  /**
   * What the request changes, in words ('start the timer'), when it may change something at the back
   * end: a call stopped midway says which changes were made and which may have been.
   */
  change?: string;
  /** A request that only reads although it is not a GET (every Calamari read is a POST): it may go once more as a GET may. */
  onlyReads?: boolean;
}

/** Turns what went wrong into the back end's own error, in words a person can act on. */
export interface FailureDescribers<Purpose> {
  network(error: NodeJS.ErrnoException, purpose: Purpose): Error;
  timeout(timeoutMs: number, purpose: Purpose): Error;
  /** An answer Punchcard stopped reading (answer-size.ts); `changes`: the request may have changed something. */
  tooLarge(oversize: Oversize, purpose: Purpose, changes: boolean): Error;
}

/**
 * A company CA file and what it means when the file cannot be used, given together: only a back end
 * with a CA option (Kimai, self-hosted) can fail that way, so the SaaS ones need no words for it.
 */
export interface CaFile<Purpose> {
  file: string;
  /** `problem` is a clause: "it does not exist", "it is not a regular file (a pipe, …)". */
  unreadable(file: string, problem: string, purpose: Purpose): Error;
}

export interface JsonHttpOptions<Purpose> {
  /** Where the back end lives; decides http or https. */
  baseUrl: string;
  /** The back end's name in sentences ('Kimai'): a call over its request budget says whose. */
  service: string;
  timeoutMs: number;
  /** Sockets per back end: bounds how many requests batched work has in flight. */
  maxSockets: number;
  ca?: CaFile<Purpose>;
  allowInsecureTls?: boolean;
  /** Said once when TLS checks are off. */
  insecureWarning?: string;
  failures: FailureDescribers<Purpose>;
  log: (message: string) => void;
  /**
   * Whether a 429 without Retry-After is tried again after a second (default). A back end whose limit
   * is counted per hour (Calamari) says when by other means, and a blind retry only spends quota.
   */
  retryWithoutRetryAfter?: boolean;
  /**
   * The longest Retry-After waited out once, where the back end's limit is counted over a window longer than the
   * usual cap (Harvest's 15 seconds: a 429 there never asks for more than the window's rest). Default 10 seconds.
   */
  retryAfterCapMs?: number;
  /**
   * The longest wait the back end's limits can mean (ServiceWords.longestWaitMs): a Retry-After asking for more is
   * read as that (asked-wait.ts), before anything waits for it or a gate holds for it. A day where unset.
   */
  longestWaitMs?: number;
  /**
   * Which of its limits a 429 says is used up, where the back end's answer says (Calamari's body
   * counts the second, the hour and the day): the gate holds back for as long as that limit needs.
   */
  readRefusal?: (answer: HttpAnswer) => LimitWindow | undefined;
  /** Requests per second the back end allows (Clockify): requests beyond it wait their turn (pacing.ts). */
  maxPerSecond?: number;
  /**
   * A pace this client shares with others, given instead of `maxPerSecond` where the back end counts
   * requests per second for more than one client (Calamari: the organisation's, whoever asks).
   */
  pace?: Pacer;
  /**
   * Passed before each request goes out, after the call's budget: it may wait, or refuse in words by
   * throwing, and the request is then not sent (the team server counts Calamari's limit, which is
   * the whole organisation's, across all its people). It is told of each 429 the back end answers.
   */
  gate?: RequestGate;
}

/** The limit of a back end that counts requests per second, per hour and per day (Calamari). */
export type LimitWindow = 'second' | 'hour' | 'day';

/** What a 429 said: how long to wait (Retry-After) and which limit is used up, each where it said. */
export interface Refusal {
  retryAfterMs?: number;
  window?: LimitWindow;
  /** It refused the request sent once more after a 429: nothing is sent again for it. */
  again?: boolean;
  /** What the gate's pass said of the refused request, where it said something. */
  sent?: GatePass;
}

/**
 * What a gate says of a request it let through, handed back to it with the request's answer
 * (`refused`, `answered`): when it let it go, on the gate's own clock, and whether a hold stood in
 * its ledger then, lifted or waited out, so the answer tells whether the limit still refuses.
 */
export interface GatePass {
  at: number;
  afterHold: boolean;
}

/**
 * After a 429: send the request once more when the gate lets it through (its next pass holds it back
 * `waitMs`, on the gate's own clock), or give up with these words.
 */
export type RefusalVerdict = { waitMs: number } | { refusal: Error };

/**
 * A gate every request passes (JsonHttpOptions.gate). One that counts a limit the back end counts
 * too learns from `refused` that the back end refused a request for it (429), and what the answer
 * said, so it can hold back what else would go out meanwhile; it answers whether the refused request
 * may go once more, once its next pass has waited out the hold, or is given up, in its words (a hold
 * longer than a call waits).
 */
export interface RequestGate {
  (): Promise<GatePass | undefined>;
  refused?(refusal: Refusal): Promise<RefusalVerdict>;
  /**
   * Told how each request that passed ended: its status, or 'failed' where no answer came (the team
   * server's metrics), with what the gate said of it as it passed; the answer waits for what this
   * does with it (a success ends the hold it went after: organisation-limit.ts).
   */
  answered?(status: number | 'failed', seconds: number, sent?: GatePass): void | Promise<void>;
}

export interface JsonHttp<Purpose> {
  /** One exchange: any status comes back as an answer; only transport failures throw. */
  send(request: OutgoingRequest<Purpose>): Promise<HttpAnswer>;
  /** `send`, waiting once for a 429's Retry-After when it is short enough. */
  sendRetrying(request: OutgoingRequest<Purpose>): Promise<HttpAnswer>;
  close(): void;
}

/**
 * Node's HTTP modules, loaded on the first request: importing node:http alone takes ~15 ms, which a
 * server that only answers tools/list (or runs on the local timesheet) should not pay at start.
 */
let modules: Promise<{ http: typeof Http; https: typeof Https; tls: typeof Tls }> | undefined;
function loadHttpModules() {
  modules ??= Promise.all([import('node:http'), import('node:https'), import('node:tls')]).then(([http, https, tls]) => ({ http, https, tls }));
  return modules;
}

export function createJsonHttp<Purpose>(options: JsonHttpOptions<Purpose>): JsonHttp<Purpose> {
  const secure = new URL(options.baseUrl).protocol === 'https:';
  let agent: Http.Agent | undefined;
  const paced = options.pace ?? (options.maxPerSecond ? pacer(options.maxPerSecond) : undefined);
  if (secure && options.allowInsecureTls && options.insecureWarning) options.log(options.insecureWarning);

  /** The one agent of this back end's sockets, made with the first request (a CA file that cannot be read is said then). */
  const agentFor = (purpose: Purpose, loaded: HttpModules): Http.Agent => (agent ??= makeAgent(options, secure, purpose, loaded));

  /** One exchange, with what the gate said of the request as it let it through. */
  async function sendPassed(request: OutgoingRequest<Purpose>): Promise<{ answer: HttpAnswer; sent: GatePass | undefined }> {
    // The call this request serves, taken now: a kept-alive socket's events may run in the context
    // of whichever call opened it. Counted against it before anything goes out.
    const call = currentCall();
    call?.spendRequest(options.service);
    const sent = (await options.gate?.()) ?? undefined;
    const loaded = await loadHttpModules();
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'Punchcard', ...request.headers };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const transport = secure ? loaded.https : loaded.http;
    const requestAgent = agentFor(request.purpose, loaded);
    // Paced last, as near the wire as it gets: the back end counts requests as they arrive, and a
    // first request held up by loading Node's HTTP modules would arrive among those paced after it.
    const goesOut = await paced?.();
    // A call stopped while this request waited its turn (or for Node's HTTP modules) sends nothing more.
    call?.throwIfStopped();
    const answered = options.gate?.answered;
    if (!answered) return { answer: await exchange(options, { transport, agent: requestAgent, request, payload, headers, call, goesOut }), sent };
    const started = performance.now();
    // What the gate does with an answer (ends a hold a success went after) is done before the answer
    // is used; its trouble (a store away) is logged, and the answer stands.
    const tell = async (status: number | 'failed') => {
      try {
        await answered(status, (performance.now() - started) / 1000, sent);
      } catch (error) {
        options.log(`Could not note ${options.service}'s answer (${status}): ${(error as Error).message}`);
      }
    };
    let answer: HttpAnswer;
    try {
      answer = await exchange(options, { transport, agent: requestAgent, request, payload, headers, call, goesOut });
    } catch (error) {
      await tell('failed');
      throw error;
    }
    await tell(answer.status);
    return { answer, sent };
  }

  async function send(request: OutgoingRequest<Purpose>): Promise<HttpAnswer> {
    return (await sendPassed(request)).answer;
  }

  /**
   * After a 429: how long to wait here before sending the request once more, or undefined to answer
   * the 429 as it came. The gate decides where there is one (it knows the holds every program of ours
   * on the ledger keeps) and may give up in its own words; a request it lets go again waits out the
   * hold in its next pass, on the gate's clock, so nothing is waited here. Its trouble (a store away)
   * is logged, and the transport's own rule decides: a Retry-After, or a second where the limit used
   * up is the second's. `again`: the 429 refused the request sent once more, which goes no further.
   */
  async function waitAfter(answer: HttpAnswer, sent: GatePass | undefined, again = false): Promise<number | undefined> {
    // What the back end can mean by it (asked-wait.ts); a header that says nothing readable is as none.
    const said = retryAfterMs(answer.headers['retry-after'], Date.now(), options.longestWaitMs);
    const window = options.readRefusal?.(answer);
    const verdict = await options.gate
      ?.refused?.({
        ...(said === undefined ? {} : { retryAfterMs: said }),
        ...(window ? { window } : {}),
        ...(again ? { again } : {}),
        ...(sent ? { sent } : {}),
      })
      .catch((error: unknown) => void options.log(`Could not note ${options.service}'s refusal (429): ${(error as Error).message}`));
    if (verdict && 'refusal' in verdict) throw verdict.refusal;
    if (verdict) return 0;
    if (options.retryWithoutRetryAfter === false && said === undefined && window !== 'second') return undefined;
    const wait = said ?? UNSAID_RETRY_MS;
    // Never past the call's deadline: the 429's own words then say when, rather than the call's end.
    return wait > (options.retryAfterCapMs ?? RETRY_AFTER_CAP_MS) || wait >= timeLeftInCall() ? undefined : wait;
  }

  return {
    send,
    async sendRetrying(request) {
      const { answer, sent } = await sendPassed(request);
      if (answer.status !== 429) return answer;
      const wait = await waitAfter(answer, sent);
      if (wait === undefined) return answer;
      // A call that ends meanwhile stops waiting; send() then refuses the retry with its reason.
      const stop = currentCall()?.stop;
      if (wait > 0) await delay(wait, undefined, stop ? { signal: stop } : {}).catch(() => {});
      const again = await sendPassed(request);
      // Sent once more only: a second 429 is told to the gate too (a hold it asks for, in its words
      // where long), and otherwise answered as it came.
      if (again.answer.status === 429) await waitAfter(again.answer, again.sent, true);
      return again.answer;
    },
    close() {
      agent?.destroy();
      agent = undefined;
    },
  };
}

/** Node's HTTP modules, as loaded. */
type HttpModules = Awaited<ReturnType<typeof loadHttpModules>>;

/** The keep-alive agent of a back end's sockets: TLS checked unless allowed otherwise, with a company CA beside the usual authorities. */
function makeAgent<Purpose>(options: JsonHttpOptions<Purpose>, secure: boolean, purpose: Purpose, { http, https, tls }: HttpModules): Http.Agent {
  if (!secure) return new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  let ca: string[] | undefined;
  if (options.ca) {
    // Read as settings files are: a regular file of at most a megabyte, opened without waiting, so a
    // FIFO or /dev/zero named as the CA is refused in words instead of stalling every call.
    const read = readSmallTextFile(options.ca.file, 'a CA certificate file');
    if (!('text' in read)) throw options.ca.unreadable(options.ca.file, 'missing' in read ? 'it does not exist' : read.problem, purpose);
    // The company CA is trusted in addition to the usual authorities, not instead of them.
    ca = [...tls.rootCertificates, read.text];
  }
  return new https.Agent({
    keepAlive: true,
    maxSockets: options.maxSockets,
    rejectUnauthorized: !options.allowInsecureTls,
    ...(ca ? { ca } : {}),
  });
}

/** One request's exchange: its transport and agent, the request and its body and headers, the call it serves. */
interface Exchange<Purpose> {
  transport: typeof Http | typeof Https;
  agent: Http.Agent;
  request: OutgoingRequest<Purpose>;
  payload: string | undefined;
  headers: Record<string, string>;
  call: CallBudget | undefined;
  /** Sent once more after the server closed a kept-alive connection as it went out (mayResend). */
  resent?: boolean;
  /** Told when the request has a socket and goes out (pacing.ts counts it from then). */
  goesOut?: (() => void) | undefined;
}

/**
 * One exchange: the request sent, the answer read within its limits (a body larger than may be read is hung up on),
 * one deadline for all of it, the call's end ending it, and a read on a socket the server had closed sent once more.
 */
function exchange<Purpose>(options: JsonHttpOptions<Purpose>, one: Exchange<Purpose>): Promise<HttpAnswer> {
  const { transport, agent: requestAgent, request, payload, headers, call, resent = false, goesOut } = one;
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const change = request.change === undefined ? undefined : call?.noteChange(request.change);
    const tooLarge = (oversize: Oversize) => options.failures.tooLarge(oversize, request.purpose, request.change !== undefined);
    const finish = (error: Error | null, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      call?.stop?.removeEventListener('abort', stop);
      if (change && answer) change.outcome = answer.status >= 200 && answer.status < 300 ? 'done' : 'refused';
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const outgoing = transport.request(request.url, { method: request.method, headers, agent: requestAgent }, (incoming) => {
      answered = true;
      const reader = new AnswerReader(call);
      // A body that says it is larger than may be read is not read at all.
      const declared = reader.declared(incoming.headers['content-length']);
      if (declared) {
        finish(tooLarge(declared));
        outgoing.destroy();
        return;
      }
      incoming.on('data', (chunk: Buffer) => {
        if (settled) return;
        const oversize = reader.add(chunk);
        if (!oversize) return;
        // Hanging up is the only way to stop a server that keeps sending.
        finish(tooLarge(oversize));
        outgoing.destroy();
      });
      incoming.on('error', (error: NodeJS.ErrnoException) => finish(options.failures.network(error, request.purpose)));
      incoming.on('end', () => {
        if (settled) return;
        const text = redactSecrets(reader.text(), request.secrets ?? []);
        let json: unknown;
        if (text.trim() !== '') {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        finish(null, { status: incoming.statusCode ?? 0, json, text, headers: incoming.headers });
      });
    });
    // One deadline for the whole exchange (connect, TLS, server time, body), not an idle timer.
    const deadline = setTimeout(() => {
      finish(options.failures.timeout(options.timeoutMs, request.purpose));
      outgoing.destroy();
    }, options.timeoutMs);
    // The call ended (cancelled, or past its deadline): what is in flight goes with it.
    function stop() {
      finish(call?.stop?.reason instanceof Error ? call.stop.reason : new Error('The call was stopped.'));
      outgoing.destroy();
    }
    call?.stop?.addEventListener('abort', stop, { once: true });
    if (goesOut) outgoing.once('socket', goesOut);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (!settled && !answered && !resent && mayResend(outgoing, request, error)) {
        // The server closed a kept-alive connection as this request went out on it (its idle
        // timeout and ours crossed): nothing was read, so the read goes once more on a new one.
        settled = true;
        clearTimeout(deadline);
        call?.stop?.removeEventListener('abort', stop);
        exchange(options, { ...one, resent: true, goesOut: undefined }).then(resolve, reject);
        return;
      }
      finish(options.failures.network(error, request.purpose));
    });
    if (payload !== undefined) outgoing.write(payload);
    outgoing.end();
  });
}

/**
 * Whether a request that failed before any answer may go once more: a read (a GET, or a request
 * marked as only reading), on a kept-alive connection the server had already closed (reset or
 * broken pipe). A change is never sent twice: the server may have taken it before the connection went.
 */
function mayResend(outgoing: Http.ClientRequest, request: OutgoingRequest<unknown>, error: NodeJS.ErrnoException): boolean {
  const reads = request.method === 'GET' || (request.onlyReads === true && request.change === undefined);
  return reads && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/** A header as one number, or undefined. */
export function headerNumber(headers: Record<string, string | string[] | undefined>, name: string): number | undefined {
  const value = headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
