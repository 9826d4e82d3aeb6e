// Nothing acknowledged goes unrecorded: a write the client was told succeeded has its audit record,
// whatever happens to the instance that did it. Tried the way it failed, on real processes (the built
// server, a real PostgreSQL, the fake Kimai, a round-robin balancer): people call log_time one call
// after another through two instances and one is killed with SIGKILL half-way; and the database stops
// while writes are being answered, the instance is killed, the database comes back and the instance
// starts again on the same volume. The audit log is matched to the answers by the entry id each
// answer gave (the record's `change.record.entry.id`), so a record missing or written twice is named.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';
import { rawToolCall, startTeamCluster, type TeamCluster } from '../../support/team-cluster.ts';
import { signInByHand } from '../../support/team-oauth.ts';
import { freePort, type TeamServerHandle, trackerSignIn } from '../../support/team-server.ts';
import { clockStartingAt, type FakeKimai, plainUsers, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';

const NOW = '2026-11-18T08:00:00+01:00';
/** As many people as keep the file within a minute on a shared two-core machine (the run had 200: `node test/bench/team-scale.ts`). */
const PEOPLE = 40;
/** How long the people call; the instance is killed half-way. */
const LOAD_MS = 8_000;
const USERS = plainUsers(PEOPLE);

let postgres: TestPostgres;
let fake: FakeKimai;
let cluster: TeamCluster;
let tokens: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  fake = await startFakeKimai({ users: USERS, now: clockStartingAt(NOW) });
  seedCatalog(fake);
  cluster = await startTeamCluster({
    postgres,
    instances: 2,
    setup: {
      provider: { type: 'kimai', url: fake.url },
      signIn: { tracker: true },
      env: { PUNCHCARD_NOW: NOW },
      // Everyone comes from 127.0.0.1 through the balancer, one call after another: the limits are for the internet.
      limits: { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000 },
    },
  });
  const server = { origin: cluster.origin, mcpUrl: cluster.mcpUrl };
  tokens = [];
  for (const user of USERS) tokens.push((await signInByHand(server, { signIn: trackerSignIn(user.token), clientName: `Audit ${user.username}` })).accessToken);
}, 120_000);
afterAll(async () => {
  await cluster?.close();
  await fake?.close();
  postgres?.remove();
});

/** How many log_time calls each person sent, across the tests: each logs a minute of its own. */
const logged = new Map<number, number>();

function logTimeArgs(person: number): Record<string, unknown> {
  const count = (logged.get(person) ?? 0) + 1;
  logged.set(person, count);
  const start = Date.parse('2026-11-17T00:00:00+01:00') - (person * 10_000 + count) * 120_000;
  return { project: 'Website', activity: 'Design', start: new Date(start).toISOString(), end: new Date(start + 60_000).toISOString() };
}

interface Answered {
  person: number;
  /** The entry the answer says was logged; undefined when the call was not answered with success. */
  entryId: number | undefined;
  answeredAt: number;
}

/** One log_time call of `person` at `url`: the entry id its answer gives, or undefined for any other answer (none, an error). */
async function logTime(url: string, person: number): Promise<Answered> {
  let entryId: number | undefined;
  try {
    const answer = await rawToolCall(url, tokens[person] as string, 'log_time', logTimeArgs(person), AbortSignal.timeout(30_000));
    entryId = answer.status === 200 ? entryIdOf(answer.text) : undefined;
  } catch {
    // No answer: the instance went away with the call.
  }
  return { person, entryId, answeredAt: performance.now() };
}

/** The entry id in a successful log_time answer (JSON or one server-sent event). */
function entryIdOf(text: string): number | undefined {
  const json = text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)?.[1];
  if (!json) return undefined;
  const message = JSON.parse(json) as { result?: { isError?: boolean; structuredContent?: { entry?: { id?: unknown } } } };
  const id = message.result?.isError ? undefined : message.result?.structuredContent?.entry?.id;
  return typeof id === 'number' ? id : undefined;
}

/** How many timesheets were posted to Kimai so far. */
const timesheetPosts = () => fake.requests.filter((request) => request.method === 'POST' && request.path === '/api/timesheets').length;

/** The spool files in an instance's spool folder (none where there is no folder). */
const spoolFiles = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.db')) : []);

/** One sample of a scrape of `url`, by its name and labels as the text format writes them. */
async function scrapedValue(url: string, series: string): Promise<number> {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  if (!line) throw new Error(`No ${series} in the scrape:\n${text}`);
  return Number(line.slice(series.length + 1));
}

/** The audit log's log_time records, in the order the store keeps them: the entry each names, and its own id. */
function auditedEntries(): { entryId: number; recordId: string | null }[] {
  const rows = postgres.psql("SELECT record_id, change FROM punchcard_audit WHERE tool = 'log_time' AND outcome = 'done' ORDER BY seq");
  return rows
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [recordId, change] = line.split('|', 2) as [string, string];
      const parsed = JSON.parse(change) as { record?: { entry?: { id?: number } } };
      return { entryId: parsed.record?.entry?.id as number, recordId: recordId === '' ? null : recordId };
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The audit log once it stopped growing (a second without a new record, 15 s at most): whatever an
 * instance still running had to write is in, so what is missing was lost, not late.
 */
async function settledAudit(): Promise<{ entryId: number; recordId: string | null }[]> {
  const deadline = Date.now() + 15_000;
  let last = auditedEntries();
  for (;;) {
    await sleep(1_000);
    const now = auditedEntries();
    if (now.length === last.length || Date.now() > deadline) return now;
    last = now;
  }
}

describe('the audit log when an instance dies', () => {
  it('holds a record of every write answered with success when an instance is killed (SIGKILL) under load, none twice', async () => {
    const victim = cluster.instances[0] as TeamServerHandle;
    const deadline = performance.now() + LOAD_MS;
    // For the last second before the kill the database is slow to take audit records: another session
    // holds the audit table, as a long maintenance statement would. Under the load (200 people)
    // records fell behind by themselves; here the moment is made sure, so a record that waits anywhere
    // but in the store when the instance dies is missed every time, not now and then.
    const slowTable = new pg.Client({ host: '127.0.0.1', port: postgres.port, user: 'punchcard', database: 'punchcard', password: postgres.password });
    await slowTable.connect();
    const killing = (async () => {
      await sleep(LOAD_MS / 2 - 1_000);
      await slowTable.query('BEGIN');
      await slowTable.query('LOCK TABLE punchcard_audit IN SHARE MODE');
      await sleep(1_000);
      await victim.kill();
      await sleep(500);
      await slowTable.query('COMMIT');
    })().finally(() => slowTable.end());
    const answers: Answered[] = [];
    await Promise.all(
      USERS.map(async (_, person) => {
        while (performance.now() < deadline) answers.push(await logTime(cluster.mcpUrl, person));
      }),
    );
    await killing;
    cluster.detach(victim);
    const acknowledged = answers.flatMap((answer) => (answer.entryId === undefined ? [] : [answer.entryId]));
    const audited = await settledAudit();
    const counts = new Map<number, number>();
    for (const { entryId } of audited) counts.set(entryId, (counts.get(entryId) ?? 0) + 1);
    process.stderr.write(
      `[audit, instance killed] ${answers.length} log_time calls, ${acknowledged.length} answered with success, ${audited.length} audit records\n`,
    );
    expect(acknowledged.length).toBeGreaterThan(PEOPLE);
    // Every write answered with success has its record, once.
    expect(acknowledged.filter((entryId) => counts.get(entryId) !== 1)).toEqual([]);
    // A record beyond the answered ones is a write the killed instance did but could not answer (in doubt for its client): one a person at most.
    expect(audited.length - acknowledged.length).toBeLessThanOrEqual(PEOPLE);
    expect(audited.every((record) => record.recordId !== null)).toBe(true);
  }, 60_000);

  it('keeps the records of writes answered while the database was away through a kill, and writes them in order, once, when it is back', async () => {
    // An instance of its own, with its metrics, reached directly: the spool is on its volume.
    const metricsPort = await freePort();
    const instance = await cluster.add({ config: { metrics: { listen: `127.0.0.1:${metricsPort}` } } });
    const spool = join(instance.dataDir, 'audit-spool');
    const before = (await settledAudit()).length;
    // Kimai takes its time over the next writes: the calls are past their sign-in check (the database
    // answered) and at Kimai when the database stops, and finish one after another once it is away.
    const WRITERS = 8;
    const sentBefore = timesheetPosts();
    for (let index = 0; index < WRITERS; index++) fake.failNext({ method: 'POST', path: '/api/timesheets' }, { late: true, delayMs: 3_000 + index * 200 });
    const calls = Array.from({ length: WRITERS }, (_, person) => logTime(`${instance.listenUrl}/mcp`, person));
    // Every call is at Kimai (its sign-in and the database's part done) before the database stops.
    const arrival = Date.now() + 20_000;
    while (timesheetPosts() < sentBefore + WRITERS && Date.now() < arrival) await sleep(50);
    postgres.stop();
    const answers = await Promise.all(calls);
    const acknowledged = answers.filter((answer) => answer.entryId !== undefined).sort((a, b) => a.answeredAt - b.answeredAt);
    expect(acknowledged.length).toBe(WRITERS);
    // What the administrator sees while the records wait, and what the kill leaves on the volume: asserted below, after the audit log.
    const waiting = await scrapedValue(`http://127.0.0.1:${metricsPort}/metrics`, 'punchcard_audit_records_waiting{kept="spool"}').catch(
      (error: Error) => error.message,
    );
    await instance.kill();
    const leftOnVolume = spoolFiles(spool);
    postgres.start();
    const restarted = await instance.restart();
    cluster.instances.push(restarted);
    const deadline = Date.now() + 20_000;
    while (auditedEntries().length < before + WRITERS && Date.now() < deadline) await sleep(200);
    const written = (await settledAudit()).slice(before);
    // In the order they were answered, each once.
    expect(written.map((record) => record.entryId)).toEqual(acknowledged.map((answer) => answer.entryId));
    expect(new Set(written.map((record) => record.recordId)).size).toBe(WRITERS);
    // Each record was on the instance's volume before its answer left, and the administrator saw them wait.
    expect(leftOnVolume).toHaveLength(1);
    expect(waiting).toBe(WRITERS);
    expect(instance.stderr()).toMatch(
      /The audit log could not be written \(The PostgreSQL store does not answer .*\); records wait and are written when the store answers\./,
    );
    expect(restarted.stderr()).toMatch(
      new RegExp(`${WRITERS} audit record\\(s\\) another process left in .*audit-spool/audit-\\d+-\\d+-[0-9a-f]+\\.db are written to the store\\.`),
    );
    expect(spoolFiles(spool)).toEqual([]);
  }, 60_000);
});
