// What breaks while several team-server instances serve people on one PostgreSQL, and what must still
// hold: an instance killed outright in the middle of a stream of writes (no acknowledged write lost,
// none done twice, nobody signed out, the others serving on), an instance stopped gracefully (its
// calls in flight finish), and PostgreSQL stopped for half a minute (calls refused in words with 503
// and Retry-After, everything back by itself, nothing half-written). The load balancer retries
// nothing: a call the killed instance had sent to Kimai but could not answer stays in doubt for its
// client, and is counted here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../support/engine.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { clientWithTokens, rawToolCall, refreshAt, startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import { connectAs, type ConnectedClient, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, type FakeKimai, plainUsers, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
const PEOPLE = plainUsers(6);

let postgres: TestPostgres;
let fake: FakeKimai;
let cluster: TeamCluster;
let people: ConnectedClient[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeKimai({ users: PEOPLE, now: clockStartingAt(NOW) });
  seedCatalog(fake);
  cluster = await startTeamCluster({
    postgres,
    instances: 3,
    setup: { provider: { type: 'kimai', url: fake.url }, signIn: { tracker: true }, env: { PUNCHCARD_NOW: NOW } },
  });
  people = [];
  for (const person of PEOPLE) people.push(await connectAs(cluster, { era: 'modern', signIn: trackerSignIn(person.token) }));
}, 180_000);
afterAll(async () => {
  await Promise.all(people.map((person) => person.close().catch(() => {})));
  await cluster?.close();
  await fake?.close();
  postgres?.remove();
});

/** The least time between one person's calls in a stream (streamOfWrites). */
const CALL_SPACING_MS = 250;

interface Outcome {
  description: string;
  sentAt: number;
  acknowledged: boolean;
  answer: string;
}

/**
 * Every person logs a minute after a minute (each call its own description) until `until` settles,
 * one call every quarter second at most: four a second is a busy assistant, and stays within the 300
 * requests a minute each person may send. Unpaced, a person sent about 25 calls a second on this
 * machine and was, rightly, answered 429 within seconds (CI saw it after the database came back).
 * A call that failed is followed by the pause its answer asks for ("Try again in 5 s", as the server
 * says with a 503 or a 429), or a quarter second where it names none (a connection lost), as a
 * client told to retry would wait. `until`'s failure is the stream's.
 */
async function streamOfWrites(tag: string, until: Promise<unknown>): Promise<Outcome[]> {
  let going = true;
  const ended = until.finally(() => (going = false));
  ended.catch(() => {}); // Said below, once the calls in flight are in.
  const outcomes: Outcome[] = [];
  await Promise.all(
    people.map(async (person, index) => {
      for (let call = 0; going; call++) {
        const description = `${tag}-p${index}-c${call}`;
        const start = Date.parse(`2026-11-${10 + (call % 7)}T00:00:00+01:00`) + Math.floor(call / 7) * 120_000;
        const sentAt = performance.now();
        try {
          const result = await person.call('log_time', {
            project: 'Website',
            activity: 'Design',
            start: new Date(start).toISOString(),
            end: new Date(start + 60_000).toISOString(),
            description,
          });
          outcomes.push({ description, sentAt, acknowledged: !result.isError, answer: textOf(result) });
        } catch (error) {
          outcomes.push({ description, sentAt, acknowledged: false, answer: (error as Error).message });
        }
        const last = outcomes.at(-1) as Outcome;
        await sleep(last.acknowledged ? Math.max(0, sentAt + CALL_SPACING_MS - performance.now()) : retryPause(last.answer));
      }
    }),
  );
  await ended;
  return outcomes;
}

/** How long a client waits before it calls again after `answer`: what the answer asks, at most 5 s. */
function retryPause(answer: string): number {
  const asked = /try again in (\d+) s/i.exec(answer);
  return asked ? Math.min(Number(asked[1]), 5) * 1_000 : CALL_SPACING_MS;
}

/** How often each description of `tag` is in Kimai. */
function writtenInKimai(tag: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sheet of fake.state.timesheets)
    if (sheet.description?.startsWith(`${tag}-`)) counts.set(sheet.description, (counts.get(sheet.description) ?? 0) + 1);
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('several instances when one fails', () => {
  it('loses no acknowledged write and does none twice when an instance is killed in the middle of a stream of calls', async () => {
    const victim = cluster.instances[0] as TeamServerHandle;
    let killedAt = 0;
    const stream = streamOfWrites(
      'kill',
      (async () => {
        await sleep(3_000);
        killedAt = performance.now();
        await victim.kill();
        await sleep(5_000);
      })(),
    );
    const outcomes = await stream;
    const written = writtenInKimai('kill');
    const acknowledged = outcomes.filter((outcome) => outcome.acknowledged);
    const unanswered = outcomes.filter((outcome) => !outcome.acknowledged);
    // Every acknowledged write is in Kimai once; nothing is there twice.
    for (const outcome of acknowledged) expect(written.get(outcome.description), outcome.description).toBe(1);
    expect([...written.values()].every((count) => count === 1)).toBe(true);
    // A write the killed instance sent to Kimai but could not answer is in doubt for its client: at
    // most one per person (each had one call in flight), and only among the calls that got no answer.
    const inDoubt = unanswered.filter((outcome) => written.has(outcome.description));
    expect(inDoubt.length).toBeLessThanOrEqual(PEOPLE.length);
    expect(written.size).toBe(acknowledged.length + inDoubt.length);
    // Calls failed only while the balancer had not yet noticed (it asks /readyz every 250 ms).
    const lateFailures = unanswered.filter((outcome) => outcome.sentAt > killedAt + 2_000);
    expect(lateFailures.map((outcome) => outcome.answer)).toEqual([]);
    expect(acknowledged.filter((outcome) => outcome.sentAt > killedAt + 2_000).length).toBeGreaterThan(0);
    process.stderr.write(
      `[instance killed] ${outcomes.length} calls: ${acknowledged.length} acknowledged, ${unanswered.length} unanswered, of which ${inDoubt.length} written by the killed instance\n`,
    );
    // Nobody was signed out: everyone goes on with the tokens they have.
    for (const [index, person] of people.entries()) expect(textOf(await person.call('whoami'))).toContain(`Person ${index + 1}`);
    // The administrator takes the dead instance out of the balancer (which, once no instance is
    // ready, as while the database is away below, would try every instance it knows).
    cluster.detach(victim);
  }, 60_000);

  it('finishes the calls in flight on an instance stopped gracefully, while the others take the new ones', async () => {
    const replacement = await cluster.add();
    const stopping = cluster.instances[1] as TeamServerHandle;
    // Kimai takes two seconds over the next few timer reads: calls are in flight when the stop comes.
    fake.failNext({ path: '/api/timesheets/active' }, { status: 200, body: [], delayMs: 2_000, times: PEOPLE.length });
    const direct = await Promise.all(people.map((person) => clientWithTokens(`${stopping.listenUrl}/mcp`, person.oauth)));
    const inFlight = direct.map((client) => client.call('timer_status'));
    await sleep(500);
    const exited = stopping.stop();
    const stream = streamOfWrites(
      'graceful',
      exited.then(() => sleep(2_000)),
    );
    const results = await Promise.all(inFlight);
    for (const result of results) expect(textOf(result)).toMatch(/^No timer running\./);
    expect(await exited).toBe(0);
    const outcomes = await stream;
    const written = writtenInKimai('graceful');
    for (const outcome of outcomes.filter((entry) => entry.acknowledged)) expect(written.get(outcome.description)).toBe(1);
    expect([...written.values()].every((count) => count === 1)).toBe(true);
    const unanswered = outcomes.filter((outcome) => !outcome.acknowledged);
    process.stderr.write(
      `[instance stopped] ${outcomes.length} calls during the stop: ${unanswered.length} unanswered (${unanswered.map((outcome) => outcome.answer.slice(0, 60)).join('; ')})\n`,
    );
    expect(unanswered.filter((outcome) => written.has(outcome.description))).toEqual([]);
    await Promise.all(direct.map((client) => client.close().catch(() => {})));
    expect(replacement.process.exitCode).toBeNull();
    cluster.detach(stopping);
  }, 60_000);

  it('refuses calls in words with 503 and Retry-After while PostgreSQL is away for 15 s, then recovers by itself with nothing half-written', async () => {
    const living = cluster.instances.filter((instance) => instance.process.exitCode === null && instance.process.signalCode === null);
    expect(living.length).toBeGreaterThanOrEqual(2);
    const ada = people[0] as ConnectedClient;
    const tokens = ada.oauth.tokens() as { access_token: string; refresh_token: string };
    const clientId = ada.oauth.clientInformation()?.client_id as string;
    // What the audit log holds before: the earlier writes' records are all in by now.
    await sleep(1_000);
    const auditedBefore = audited();
    let stoppedAt = 0;
    let restartingAt = 0;
    let startedAt = 0;
    const probes: { status: number; retryAfter: string | null; text: string }[] = [];
    const refreshes: { status: number; retryAfter: string | null; body: string }[] = [];
    const stream = streamOfWrites(
      'outage',
      (async () => {
        await sleep(1_500);
        postgres.stop();
        stoppedAt = performance.now();
        // Fifteen seconds: three times the five a call waits for a connection, so calls sent in its first
        // nine meet no database at all, and three rounds of probes (at 3, 8 and 13 s) find it away.
        for (let second = 0; second < 15; second++) {
          await sleep(1_000);
          if (second % 5 === 3) {
            for (const instance of living) {
              const answer = await rawToolCall(`${instance.listenUrl}/mcp`, tokens.access_token, 'timer_status', {}, AbortSignal.timeout(20_000));
              probes.push({ status: answer.status, retryAfter: answer.headers.get('retry-after'), text: answer.text });
            }
            const response = await fetch(`${cluster.origin}/token`, {
              method: 'POST',
              signal: AbortSignal.timeout(20_000),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: tokens.refresh_token }).toString(),
            });
            refreshes.push({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() });
          }
        }
        restartingAt = performance.now();
        postgres.start();
        startedAt = performance.now();
        await sleep(6_000);
      })(),
    );
    const outcomes = await stream;
    // While it was away: 503, Retry-After, and words a person can act on.
    expect(probes.length).toBe(3 * living.length);
    for (const probe of probes) {
      expect(probe).toEqual({ status: 503, retryAfter: '5', text: "Punchcard's database does not answer just now, so nothing was done. Try again in 5 s.\n" });
    }
    for (const refresh of refreshes) {
      expect([refresh.status, refresh.retryAfter]).toEqual([503, '5']);
      expect(JSON.parse(refresh.body)).toEqual({
        error: 'temporarily_unavailable',
        error_description: "Punchcard's database does not answer just now, so nothing was done. Try again in 5 s.",
      });
    }
    // A call sent shortly before the restart may wait for a connection (up to 5 s) and be done once
    // the database is back: the calls counted as sent while it was away are those well before.
    const during = outcomes.filter((outcome) => outcome.sentAt > stoppedAt + 1_000 && outcome.sentAt < restartingAt - 6_000);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((outcome) => outcome.acknowledged)).toEqual([]);
    expect(new Set(during.map((outcome) => outcome.answer.replace(/^.*?: /, '').trim()))).toEqual(
      new Set(["Punchcard's database does not answer just now, so nothing was done. Try again in 5 s."]),
    );
    // Back by itself: the instances were never restarted, and calls succeed again within seconds.
    expect(living.every((instance) => instance.process.exitCode === null)).toBe(true);
    const after = outcomes.filter((outcome) => outcome.sentAt > startedAt + 3_000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((outcome) => !outcome.acknowledged).map((outcome) => outcome.answer)).toEqual([]);
    // Nothing half-written: every acknowledged write is in Kimai once, each write has its audit record,
    // and the refresh token the client held through the outage still works.
    const written = writtenInKimai('outage');
    for (const outcome of outcomes.filter((entry) => entry.acknowledged)) expect(written.get(outcome.description)).toBe(1);
    expect([...written.values()].every((count) => count === 1)).toBe(true);
    await waitFor(() => audited() === auditedBefore + written.size);
    const refreshed = await refreshAt(cluster.origin, clientId, tokens.refresh_token);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    process.stderr.write(
      `[PostgreSQL away 15 s] ${outcomes.length} calls: ${during.length} while away (all refused with 503), ${after.length} after it was back (all done)\n`,
    );
  }, 120_000);
});

/** The log_time calls done that the audit log holds. */
function audited(): number {
  return Number(postgres.psql("SELECT count(*) FROM punchcard_audit WHERE tool = 'log_time' AND outcome = 'done'"));
}

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time.');
    await sleep(200);
  }
}
