// Nothing acknowledged goes unrecorded on the embedded store either, where the records of calls answered
// in the same turn of the event loop are committed together (team/audit-batches.ts): people call log_time
// one call after another on one instance on SQLite, the instance is killed with SIGKILL half-way, and it
// starts again on the same data folder. Every write answered with success has its audit record, once,
// matched by the entry id the answer gave (audit-under-kill.test.ts does the same on PostgreSQL).
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockStartingAt, type FakeKimai, plainUsers, seedCatalog, startFakeKimai } from '../../mcp-server/providers/kimai/fake-kimai.ts';
import { rawToolCall } from '../../support/team-cluster.ts';
import { signInByHand } from '../../support/team-oauth.ts';
import { removeTeamServerData, startTeamServer, type TeamServerHandle, type TeamServerSetup, trackerSignIn } from '../../support/team-server.ts';

const NOW = '2026-11-18T08:00:00+01:00';
/** Enough calls in flight that several are answered in one turn of the server's event loop. */
const PEOPLE = 20;
/** Writes answered with success before the kill: a few rounds of everyone's. */
const ANSWERED_BEFORE_KILL = 3 * PEOPLE;
const USERS = plainUsers(PEOPLE);

let fake: FakeKimai;
let server: TeamServerHandle;
let setup: TeamServerSetup;
let tokens: string[] = [];

beforeAll(async () => {
  fake = await startFakeKimai({ users: USERS, now: clockStartingAt(NOW) });
  seedCatalog(fake);
  setup = {
    built: true,
    store: 'sqlite',
    provider: { type: 'kimai', url: fake.url },
    signIn: { tracker: true },
    env: { PUNCHCARD_NOW: NOW },
    limits: { requests_per_address_per_minute: 1_000_000, requests_per_person_per_minute: 100_000 },
  };
  server = await startTeamServer(setup);
  tokens = [];
  for (const user of USERS) tokens.push((await signInByHand(server, { signIn: trackerSignIn(user.token), clientName: `Audit ${user.username}` })).accessToken);
}, 120_000);
afterAll(async () => {
  await server?.stop().catch(() => {});
  if (server) removeTeamServerData(server);
  await fake?.close();
});

/** The entry id in a successful log_time answer (JSON or one server-sent event); undefined for any other. */
function entryIdOf(text: string): number | undefined {
  const json = text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)?.[1];
  if (!json) return undefined;
  const message = JSON.parse(json) as { result?: { isError?: boolean; structuredContent?: { entry?: { id?: unknown } } } };
  const id = message.result?.isError ? undefined : message.result?.structuredContent?.entry?.id;
  return typeof id === 'number' ? id : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the audit log on SQLite when the server dies', () => {
  it('holds a record of every write answered with success when the server is killed (SIGKILL) under load, none twice', async () => {
    const mcpUrl = server.mcpUrl;
    const acknowledged: number[] = [];
    let calls = 0;
    let killed = false;
    // Killed in the middle of the load, once enough writes were answered, however fast this machine is.
    const killing = (async () => {
      while (acknowledged.length < ANSWERED_BEFORE_KILL) await sleep(20);
      await server.kill();
      killed = true;
    })();
    await Promise.all(
      USERS.map(async (_, person) => {
        for (let count = 1; !killed; count++) {
          const start = Date.parse('2026-11-17T00:00:00+01:00') - (person * 10_000 + count) * 120_000;
          const args = { project: 'Website', activity: 'Design', start: new Date(start).toISOString(), end: new Date(start + 60_000).toISOString() };
          calls++;
          try {
            const answer = await rawToolCall(mcpUrl, tokens[person] as string, 'log_time', args, AbortSignal.timeout(30_000));
            const entryId = answer.status === 200 ? entryIdOf(answer.text) : undefined;
            if (entryId !== undefined) acknowledged.push(entryId);
          } catch {
            // No answer: the server went away with the call.
          }
        }
      }),
    );
    await killing;
    // Started again on the same folder: SQLite recovers its write-ahead log, and the spool (none here) would be taken over.
    const again = await startTeamServer({ ...setup, dataDir: server.dataDir, port: Number(new URL(server.origin).port) });
    server = again;
    const db = new DatabaseSync(join(again.dataDir, 'server.db'), { readOnly: true });
    const audited = (db.prepare("SELECT change FROM audit WHERE tool = 'log_time' AND outcome = 'done' ORDER BY seq").all() as { change: string }[]).map(
      (row) => (JSON.parse(row.change) as { record?: { entry?: { id?: number } } }).record?.entry?.id,
    );
    db.close();
    const counts = new Map<number | undefined, number>();
    for (const entryId of audited) counts.set(entryId, (counts.get(entryId) ?? 0) + 1);
    process.stderr.write(
      `[audit on SQLite, server killed] ${calls} log_time calls, ${acknowledged.length} answered with success, ${audited.length} audit records\n`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);
    expect(acknowledged.filter((entryId) => counts.get(entryId) !== 1)).toEqual([]);
    // A record beyond the answered ones is a write done but not answered before the kill: one a person in flight at most.
    expect(audited.length - acknowledged.length).toBeLessThanOrEqual(PEOPLE);
  }, 90_000);
});
