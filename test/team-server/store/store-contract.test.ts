// Both stores keep the same promises (team-server/store/store.ts): one suite, run against SQLite on a
// real file and against a real PostgreSQL started for the test, with a second store opened on the
// same database where instances must agree (numbers for ids, a refresh token's rotation). Then what
// only PostgreSQL is for: instances migrating at the same moment, and a newer Punchcard migrating
// while an older one runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openPostgresStore } from '../../../team-server/store/postgres-store.ts';
import { MAX_AUDIT_BATCH, type Store, StoreVersionError } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { TrackerUserTaken } from '../../../team-server/store/store-errors.ts';
import { startPostgres, type TestPostgres } from '../../support/postgres.ts';

let postgres: TestPostgres;
let folder: string;
let clock = 1_800_000_000_000;
const now = () => clock;

beforeAll(async () => {
  postgres = await startPostgres();
  folder = mkdtempSync(join(tmpdir(), 'punchcard-store-'));
}, 60_000);
afterAll(() => {
  postgres?.remove();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A fresh database of each kind, and a way to open another store on the same one (another instance). */
const databases: Record<string, () => { open: () => Promise<Store> }> = {
  sqlite: () => {
    const spec = { store: `sqlite:${join(folder, `${Math.random()}.db`)}` };
    return { open: () => openStore(spec, { now, env: {} }) };
  },
  postgres: () => {
    const database = freshDatabase();
    return {
      open: () =>
        openStore({ store: database.url, postgres: { password_env: 'PGPW', tls: 'disable', pool_size: 4 } }, { now, env: { PGPW: postgres.password } }),
    };
  },
};

function freshDatabase(): { url: string; name: string } {
  const name = `db${Math.random().toString(36).slice(2, 10)}`;
  postgres.psql(`CREATE DATABASE ${name}`);
  return { url: postgres.url.replace(/\/punchcard$/, `/${name}`), name };
}

describe.each(Object.keys(databases))('the %s store', (kind) => {
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    const database = (databases[kind] as () => { open: () => Promise<Store> })();
    store = await database.open();
    other = await database.open();
  });
  afterAll(async () => {
    await other?.close();
    await store?.close();
  });

  it('keeps authorization records until they expire, finds them by uid, and forgets a revoked grant', async () => {
    await store.upsertOAuth({ model: 'AccessToken', id: 'a1', payload: 'sealed-1', expiresAt: clock + 1000, grantId: 'g1', uid: null, accountId: null });
    await store.upsertOAuth({ model: 'Session', id: 's1', payload: 'sealed-2', expiresAt: clock + 1000, grantId: null, uid: 'u1', accountId: null });
    await store.upsertOAuth({ model: 'Grant', id: 'g1', payload: 'sealed-3', expiresAt: clock + 5000, grantId: 'g1', uid: null, accountId: 'p1' });
    expect((await store.findOAuth('AccessToken', 'a1'))?.payload).toBe('sealed-1');
    expect((await store.findOAuthByUid('Session', 'u1'))?.id).toBe('s1');
    expect((await store.grantsOf('p1')).map((grant) => grant.id)).toEqual(['g1']);
    await store.consumeOAuth('AccessToken', 'a1', clock);
    expect((await store.findOAuth('AccessToken', 'a1'))?.consumedAt).toBe(clock);
    clock += 2000;
    expect(await store.findOAuth('AccessToken', 'a1')).toBeUndefined();
    await store.revokeGrant('g1');
    expect(await store.grantsOf('p1')).toEqual([]);
    await store.sweep(clock);
    expect(await store.findOAuthByUid('Session', 'u1')).toBeUndefined();
  });

  it('says an access token stands, with its person, only while its record is there as it was sealed, unexpired, and its person exists', async () => {
    const ada = await store.savePerson({ id: 'standing-ada', identity: 'standing:ada', name: 'Ada', email: null, at: clock });
    const token = { model: 'AccessToken', id: 'standing-a1', payload: 'sealed-a', expiresAt: clock + 1000, grantId: 'standing-g1', uid: null, accountId: null };
    await store.upsertOAuth(token);
    // Read from another instance too: nothing of it is kept in the instance that wrote it.
    expect((await other.standingAccess('standing-a1', 'sealed-a', 'standing-ada', clock))?.name).toBe(ada.name);
    expect(await store.standingAccess('standing-a1', 'sealed-a', 'nobody', clock)).toBeUndefined();
    expect(await store.standingAccess('standing-a1', 'sealed-a', 'standing-ada', clock + 1000)).toBeUndefined();
    // Sealed anew (a key rotation): a token to verify whole again.
    await store.upsertOAuth({ ...token, payload: 'sealed-b' });
    expect(await other.standingAccess('standing-a1', 'sealed-a', 'standing-ada', clock)).toBeUndefined();
    expect((await other.standingAccess('standing-a1', 'sealed-b', 'standing-ada', clock))?.id).toBe('standing-ada');
    // Revoked, by itself or with its grant.
    await store.destroyOAuth('AccessToken', 'standing-a1');
    expect(await other.standingAccess('standing-a1', 'sealed-b', 'standing-ada', clock)).toBeUndefined();
    await store.upsertOAuth(token);
    await other.revokeGrant('standing-g1');
    expect(await store.standingAccess('standing-a1', 'sealed-a', 'standing-ada', clock)).toBeUndefined();
  });

  it('keeps people by identity, refreshes their name, and their sealed credentials', async () => {
    const first = await store.savePerson({ id: 'p1', identity: 'kimai:https://k:1', name: 'Ada', email: null, at: clock });
    const again = await store.savePerson({ id: 'other-id', identity: 'kimai:https://k:1', name: 'Ada L.', email: 'ada@example.com', at: clock + 1 });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Ada L.');
    await store.setCredentials('p1', 'sealed-secret');
    expect((await store.person('p1'))?.credentials).toBe('sealed-secret');
    expect((await store.personByIdentity('kimai:https://k:1'))?.email).toBe('ada@example.com');
  });

  it("keeps a person's calendar grant, replaces it only from what it still is, on any instance, and forgets it with a sign-out", async () => {
    await store.savePerson({ id: 'p-cal', identity: 'oidc:https://login.example.com:cal', name: 'Cal', email: null, at: clock });
    expect((await store.person('p-cal'))?.calendar).toBeNull();
    await store.setCalendarGrant('p-cal', { provider: 'microsoft', sealed: 'sealed-1', since: clock });
    expect((await other.person('p-cal'))?.calendar).toEqual({ provider: 'microsoft', sealed: 'sealed-1', since: clock });
    // Two refreshes with one token: the first one's rotated token is saved, the second finds it gone.
    expect(await store.replaceCalendarGrant('p-cal', 'sealed-1', 'sealed-2')).toBe(true);
    expect(await other.replaceCalendarGrant('p-cal', 'sealed-1', 'sealed-3')).toBe(false);
    expect((await store.person('p-cal'))?.calendar).toEqual({ provider: 'microsoft', sealed: 'sealed-2', since: clock });
    // A grant dropped for a token that stopped working is not one connected again meanwhile.
    expect(await store.replaceCalendarGrant('p-cal', 'sealed-1', null)).toBe(false);
    expect(await store.replaceCalendarGrant('p-cal', 'sealed-2', null)).toBe(true);
    expect((await store.person('p-cal'))?.calendar).toBeNull();
    await store.setCalendarGrant('p-cal', { provider: 'google', sealed: 'sealed-4', since: clock + 5 });
    await store.setCredentials('p-cal', 'sealed-secret');
    // Long ago, so the sign-outs' own test below finds only its own after a sweep.
    await store.signOut('p-cal', clock - 3 * 86_400_000);
    const signedOut = await store.person('p-cal');
    expect([signedOut?.calendar, signedOut?.credentials]).toEqual([null, null]);
    await store.setCalendarGrant('p-cal', { provider: 'google', sealed: 'sealed-5', since: clock + 6 });
    await store.setCalendarGrant('p-cal', null);
    expect((await store.person('p-cal'))?.calendar).toBeNull();
  });

  it('pins a person to a tracker user once: kept through a new e-mail, one person a tracker user, refused whole when taken, undone by unlink', async () => {
    const pin = 'kimai https://kimai.example.com #42';
    const ada = await store.savePerson({
      id: 'pin-ada',
      identity: 'oidc:https://login.example.com:ada',
      name: 'Ada',
      email: 'ada@example.com',
      at: 100,
      trackerPin: pin,
    });
    expect(ada).toMatchObject({ trackerPin: pin, linkedAt: 100 });
    // A later sign-in with another e-mail or another pin never moves the pin.
    const again = await other.savePerson({ ...ada, email: 'ada.l@example.com', at: 200, trackerPin: 'kimai https://kimai.example.com #7' });
    expect(again).toMatchObject({ email: 'ada.l@example.com', trackerPin: pin, linkedAt: 100 });
    // Another identity cannot take the same tracker user: nothing of it is saved.
    await expect(
      other.savePerson({
        id: 'pin-mallory',
        identity: 'oidc:https://login.example.com:mallory',
        name: 'Mallory',
        email: 'ada@example.com',
        at: 300,
        trackerPin: pin,
      }),
    ).rejects.toThrow(TrackerUserTaken);
    expect(await store.personByIdentity('oidc:https://login.example.com:mallory')).toBeUndefined();
    // Unlinked, the pin is free again, and the person's next save pins afresh.
    expect(await other.unlinkPerson('pin-ada')).toBe(true);
    expect(await other.unlinkPerson('pin-ada')).toBe(false);
    expect(await store.person('pin-ada')).toMatchObject({ trackerPin: null, linkedAt: null });
    const mallory = await store.savePerson({
      id: 'pin-mallory',
      identity: 'oidc:https://login.example.com:mallory',
      name: 'Mallory',
      email: null,
      at: 400,
      trackerPin: pin,
    });
    expect(mallory).toMatchObject({ trackerPin: pin, linkedAt: 400 });
    const unpinned = await store.savePerson({ id: ada.id, identity: ada.identity, name: ada.name, email: ada.email, at: 500 });
    expect(unpinned.trackerPin).toBeNull();
  });

  it('numbers sign-outs as it records them, whatever their clock says, shows them to every instance, and prunes them after a day', async () => {
    const before = (await store.signOuts()).length;
    expect(await store.signOut('p-out', clock)).toBe(0);
    await other.signOut('p-out-2', clock - 3_600_000);
    const signOuts = (await other.signOuts()).slice(before);
    expect(signOuts.map((signOut) => [signOut.personId, signOut.at])).toEqual([
      ['p-out', clock],
      ['p-out-2', clock - 3_600_000],
    ]);
    const [first, second] = signOuts.map((signOut) => signOut.seq);
    expect(Number.isInteger(first) && Number.isInteger(second) && (second as number) > (first as number)).toBe(true);
    await store.sweep(clock + 86_400_000 - 1_000);
    expect((await store.signOuts()).map((signOut) => signOut.personId)).toEqual(['p-out']);
    await store.sweep(clock + 86_400_000 + 1_000);
    expect(await store.signOuts()).toEqual([]);
  });

  it('counts hits per window, several at once, and reads a count without counting', async () => {
    expect(await store.hit('person:p1', 60_000)).toBe(1);
    expect(await store.hit('person:p1', 60_000, 5)).toBe(6);
    expect(await store.count('person:p1', 60_000)).toBe(6);
    expect(await store.count('person:p1', 120_000)).toBe(0);
    const together = await Promise.all(Array.from({ length: 20 }, () => store.hit('address:x', 0)));
    expect(Math.max(...together)).toBe(20);
  });

  it('appends the audit log in order and reads it from a day on', async () => {
    const record = {
      personId: 'p1',
      person: 'Ada <ada@example.com>',
      clientId: 'c',
      clientName: 'Claude',
      tool: 'clock_in',
      outcome: 'done' as const,
      change: { arguments: { project: 'Website' } },
    };
    await store.appendAudit({ ...record, at: 1000 });
    await store.appendAudit({ ...record, at: 2000, tool: 'clock_out', via: 'organisation' });
    expect((await store.readAudit({ limit: 10 })).map((entry) => entry.tool)).toEqual(['clock_in', 'clock_out']);
    const [later] = await store.readAudit({ since: 1500, limit: 10 });
    // A write made through the organisation's credential says so; the person stays the actor.
    expect(later).toMatchObject({ tool: 'clock_out', personId: 'p1', via: 'organisation' });
    expect((await store.readAudit({ limit: 1 }))[0]).not.toHaveProperty('via');
  });

  it("keeps whether a write was made through the organisation's credential, alone and in a batch", async () => {
    const record = {
      personId: 'p-via',
      person: 'Ada <ada@example.com>',
      clientId: 'c',
      clientName: 'Claude',
      tool: 'log_time',
      outcome: 'done' as const,
      change: {},
    };
    await store.appendAudit({ ...record, at: 3000, via: 'organisation' });
    await store.appendAudits([
      { ...record, at: 3001, via: 'organisation' },
      { ...record, at: 3002 },
    ]);
    const kept = (await store.readAudit({ since: 3000, limit: 10 })).filter((entry) => entry.personId === 'p-via');
    expect(kept.map((entry) => entry.via)).toEqual(['organisation', 'organisation', undefined]);
  });

  it('keeps an audit record written twice by its id once, from any instance', async () => {
    const record = {
      id: 'r-twice',
      at: 5000,
      personId: 'p2',
      person: 'Bo',
      clientId: 'c',
      clientName: 'Claude',
      tool: 'log_time',
      outcome: 'done' as const,
      change: {},
    };
    expect(await store.appendAudit(record)).toBe(true);
    expect(await other.appendAudit(record)).toBe(false);
    expect(await store.appendAudit(record)).toBe(false);
    // Records without an id (an older version's) are each kept.
    const { id: _, ...anonymous } = record;
    expect(await store.appendAudit(anonymous)).toBe(true);
    expect(await store.appendAudit(anonymous)).toBe(true);
    const kept = (await store.readAudit({ since: 5000, limit: 10 })).filter((entry) => entry.personId === 'p2');
    expect(kept.map((entry) => entry.id)).toEqual(['r-twice', undefined, undefined]);
  });

  it('appends a batch of audit records in one go, in order, each id once, all or nothing', async () => {
    const base = { at: 9000, personId: 'p3', person: 'Cy', clientId: 'c', clientName: 'Claude', outcome: 'done' as const, change: {} };
    const batch = ['a', 'b', 'c'].map((tool) => ({ ...base, id: `batch-${tool}`, tool }));
    expect(await store.appendAudits(batch)).toBe(3);
    // Sent again (a drain killed before it deleted them), with one new record: only the new one is kept.
    expect(await other.appendAudits([...batch, { ...base, id: 'batch-d', tool: 'd' }])).toBe(1);
    // A record the store refuses refuses the whole batch: nothing of it is kept.
    const broken = [
      { ...base, id: 'batch-e', tool: 'e' },
      { ...base, id: 'batch-f', tool: null as unknown as string },
    ];
    await expect(store.appendAudits(broken)).rejects.toThrow();
    const kept = (await store.readAudit({ since: 9000, limit: 10 })).filter((entry) => entry.personId === 'p3');
    expect(kept.map((entry) => entry.tool)).toEqual(['a', 'b', 'c', 'd']);
    await expect(store.appendAudits(Array.from({ length: MAX_AUDIT_BATCH + 1 }, (_, index) => ({ ...base, id: `big-${index}`, tool: 'x' })))).rejects.toThrow(
      RangeError,
    );
  });

  it("learns its key's state once: the first instance's wins, a later one reads it", async () => {
    expect(await store.keyRotation()).toBeUndefined();
    expect(await store.initKeyRotation('first')).toBe('first');
    expect(await other.initKeyRotation('second')).toBe('first');
    expect(await other.keyRotation()).toBe('first');
  });

  it("moves a person's last seen time on, never back", async () => {
    await store.savePerson({ id: 'seen-1', identity: 'dev:seen', name: 'Seen', email: null, at: 10_000 });
    await store.seen('seen-1', 70_000);
    expect((await other.person('seen-1'))?.lastSeenAt).toBe(70_000);
    await other.seen('seen-1', 40_000);
    expect((await store.person('seen-1'))?.lastSeenAt).toBe(70_000);
  });

  it('rotates a refresh token all or nothing, and only once across instances', async () => {
    const token = (id: string) => ({
      model: 'RefreshToken',
      id,
      payload: `sealed-${id}`,
      expiresAt: clock + 60_000,
      grantId: 'g9',
      uid: null,
      accountId: null,
    });
    await store.upsertOAuth(token('r1'));
    const [first, second] = await Promise.all([
      store.rotateOAuth({ model: 'RefreshToken', id: 'r1', at: clock }, [token('r2'), { ...token('a2'), model: 'AccessToken' }]),
      other.rotateOAuth({ model: 'RefreshToken', id: 'r1', at: clock }, [token('r3')]),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    const winner = first ? 'r2' : 'r3';
    const loser = first ? 'r3' : 'r2';
    expect((await other.findOAuth('RefreshToken', 'r1'))?.consumedAt).toBe(clock);
    expect(await store.findOAuth('RefreshToken', winner)).toBeDefined();
    expect(await store.findOAuth('RefreshToken', loser)).toBeUndefined();
    expect(await store.findOAuth('AccessToken', 'a2')).toEqual(first ? expect.objectContaining({ payload: 'sealed-a2' }) : undefined);
  });

  it("rotates a refresh token again within its grace, on any instance at once, keeping the first use's time; after the grace, not at all", async () => {
    const token = (id: string) => ({
      model: 'RefreshToken',
      id,
      payload: `sealed-${id}`,
      expiresAt: clock + 60_000,
      grantId: 'g10',
      uid: null,
      accountId: null,
    });
    await store.upsertOAuth(token('q1'));
    const firstUse = clock;
    const rotations = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 ? other : store).rotateOAuth({ model: 'RefreshToken', id: 'q1', at: firstUse, graceMs: 10_000 }, [token(`q1-${index}`)]),
      ),
    );
    expect(rotations).toEqual([true, true, true, true, true, true]);
    for (let index = 0; index < 6; index++) expect(await store.findOAuth('RefreshToken', `q1-${index}`)).toBeDefined();
    clock += 9_999;
    expect(await other.rotateOAuth({ model: 'RefreshToken', id: 'q1', at: clock, graceMs: 10_000 }, [token('q1-late')])).toBe(true);
    expect((await store.findOAuth('RefreshToken', 'q1'))?.consumedAt).toBe(firstUse);
    clock += 1;
    expect(await store.rotateOAuth({ model: 'RefreshToken', id: 'q1', at: clock, graceMs: 10_000 }, [token('q1-too-late')])).toBe(false);
    expect(await store.findOAuth('RefreshToken', 'q1-too-late')).toBeUndefined();
    // With no grace, a used token is never rotated again, even at the moment of its use.
    await store.upsertOAuth(token('q2'));
    expect(await store.rotateOAuth({ model: 'RefreshToken', id: 'q2', at: clock }, [token('q2-a')])).toBe(true);
    expect(await other.rotateOAuth({ model: 'RefreshToken', id: 'q2', at: clock, graceMs: 0 }, [token('q2-b')])).toBe(false);
  });

  it("keeps what a person's back end learned, by file, for every instance", async () => {
    await store.saveFacts('p1', 'kimai-servers.json', '{"https://k":{"absences":true}}', clock);
    await other.saveFacts('p1', 'kimai-servers.json', '{"https://k":{"absences":false}}', clock + 1);
    await other.saveFacts('p2', 'kimai-servers.json', '{}', clock);
    expect(await store.factsOf('p1')).toEqual(new Map([['kimai-servers.json', '{"https://k":{"absences":false}}']]));
    expect(await store.factsOf('nobody')).toEqual(new Map());
  });

  it('numbers string ids once: the same number on every instance, never one number for two ids', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `64c777ddd3fcab07cfbb${String(index).padStart(4, '0')}`);
    // Two instances number overlapping lists at the same moment, in several rounds.
    const rounds = await Promise.all(
      Array.from({ length: 6 }, (_, round) =>
        (round % 2 === 0 ? store : other).numberIds('p1', 'entry', round % 3 === 0 ? ids : [...ids].reverse().slice(0, 25 + round)),
      ),
    );
    const numbered = new Map<string, number>();
    for (const round of rounds) {
      for (const [remote, number] of round) {
        expect(numbered.get(remote) ?? number).toBe(number);
        numbered.set(remote, number);
      }
    }
    expect([...numbered.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(await other.idOfNumber('p1', 'entry', numbered.get(ids[7] as string) as number)).toBe(ids[7]);
    // Kinds and scopes count apart; an id asked twice in one list gets one number.
    expect([...(await store.numberIds('p1', 'project', ['x', 'x', 'y']))]).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    expect([...(await store.numberIds('p2', 'entry', ['z']))]).toEqual([['z', 1]]);
    expect(await store.idOfNumber('p2', 'entry', 2)).toBeUndefined();
  });

  it('knows where each instance serves while it says so', async () => {
    await store.announceInstance('i1', 'http://10.0.0.5:8787', clock);
    expect(await other.instanceAddress('i1', clock - 1000)).toBe('http://10.0.0.5:8787');
    expect(await other.instanceAddress('i1', clock + 1)).toBeUndefined();
    await store.withdrawInstance('i1');
    expect(await other.instanceAddress('i1', 0)).toBeUndefined();
  });

  it('lists the instances seen lately with the key each runs with', async () => {
    await store.announceInstance('k1', 'http://10.0.0.7:8787', clock, 'key-a');
    await other.announceInstance('k2', 'http://10.0.0.8:8787', clock - 5000);
    await other.announceInstance('k3', 'http://10.0.0.9:8787', clock - 500_000, 'key-a');
    const seen = await other.instances(clock - 10_000);
    expect(seen).toEqual([
      { id: 'k1', address: 'http://10.0.0.7:8787', seenAt: clock, keyId: 'key-a' },
      { id: 'k2', address: 'http://10.0.0.8:8787', seenAt: clock - 5000, keyId: null },
    ]);
    // A restart with another key says so at its next heartbeat.
    await store.announceInstance('k1', 'http://10.0.0.7:8787', clock + 1, 'key-b');
    expect((await other.instances(clock))[0]?.keyId).toBe('key-b');
  });

  it('holds a key back until the latest lift any instance asked for, and forgets a hold a day after it lifted', async () => {
    expect(await store.hold('calamari:refused')).toBeUndefined();
    await store.holdUntil('calamari:refused', clock + 60_000, 60_000);
    // Another instance hears of a refusal too: a shorter hold does not cut the longer one short.
    await other.holdUntil('calamari:refused', clock + 30_000, 30_000);
    expect(await other.hold('calamari:refused')).toEqual({ liftsAt: clock + 60_000, lengthMs: 60_000 });
    await other.holdUntil('calamari:refused', clock + 120_000, 120_000);
    expect(await store.hold('calamari:refused')).toEqual({ liftsAt: clock + 120_000, lengthMs: 120_000 });
    await store.sweep(clock + 120_000 + 86_400_000 - 1);
    expect(await store.hold('calamari:refused')).toEqual({ liftsAt: clock + 120_000, lengthMs: 120_000 });
    await store.sweep(clock + 120_000 + 86_400_000 + 1);
    expect(await store.hold('calamari:refused')).toBeUndefined();
  });

  it('ends a hold for a success of a request sent after it was set, on any instance, and never a hold set since', async () => {
    // Set at `clock`: its lift less its length.
    await store.holdUntil('calamari:ended', clock + 30_000, 30_000);
    await store.holdUntil('calamari:other', clock + 30_000, 30_000);
    // A request sent at that moment or before may have met the limit that hold is for: it ends nothing.
    await other.endHold('calamari:ended', clock);
    expect(await store.hold('calamari:ended')).toEqual({ liftsAt: clock + 30_000, lengthMs: 30_000 });
    // One sent after it, answered with success, ends it for every instance; another key's stands.
    await other.endHold('calamari:ended', clock + 1);
    expect(await store.hold('calamari:ended')).toBeUndefined();
    expect(await other.hold('calamari:other')).toEqual({ liftsAt: clock + 30_000, lengthMs: 30_000 });
    // Ending a hold no longer there is nothing.
    await store.endHold('calamari:ended', clock + 60_000);
    expect(await other.hold('calamari:ended')).toBeUndefined();
  });

  it("keeps a day's counter through the next day's sweep", async () => {
    const day = 86_400_000;
    const start = clock - (clock % day);
    await store.hit('calamari:day', start, 3);
    await store.sweep(start + day + 1);
    expect(await store.count('calamari:day', start)).toBe(3);
    await store.sweep(start + 3 * day);
    expect(await store.count('calamari:day', start)).toBe(0);
  });
});

describe('the postgres store across versions', () => {
  const open = (url: string, migrations = MIGRATIONS, log?: (message: string) => void) =>
    openPostgresStore({ url, password: postgres.password, tls: 'disable', poolSize: 2, now, migrations, ...(log ? { log } : {}) });

  it('is migrated once when several instances start at the same moment', async () => {
    const { url, name } = freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    try {
      const schema = psqlIn(name, 'SELECT count(*), max(version) FROM punchcard_schema');
      expect(schema).toBe(`1|${MIGRATIONS.length}`);
      await Promise.all(stores.map((store) => store.ping()));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("adds the holds of a back end's refusals in a step the previous version may keep using during a rolling upgrade", async () => {
    const { url, name } = freshDatabase();
    const previous = await open(url, MIGRATIONS.slice(0, 2));
    const current = await open(url);
    try {
      expect(psqlIn(name, 'SELECT version, compatible_from FROM punchcard_schema')).toBe(`${MIGRATIONS.length}|1`);
      await current.holdUntil('calamari:refused', clock + 60_000, 60_000);
      // The previous version knows nothing of holds and keeps serving beside it.
      expect((await previous.savePerson({ id: 'p1', identity: 'dev:Ada', name: 'Ada', email: null, at: clock })).name).toBe('Ada');
      expect(await current.hold('calamari:refused')).toEqual({ liftsAt: clock + 60_000, lengthMs: 60_000 });
    } finally {
      await Promise.all([previous.close(), current.close()]);
    }
  });

  it('keeps serving a database a newer Punchcard migrated compatibly, and says so', async () => {
    const { url, name } = freshDatabase();
    const running = await open(url);
    const newer = await open(url, [
      ...MIGRATIONS,
      { sql: 'ALTER TABLE punchcard_people ADD COLUMN department TEXT; CREATE TABLE punchcard_future (id TEXT PRIMARY KEY)', compatibleFrom: 1 },
    ]);
    const said: string[] = [];
    const restarted = await open(url, MIGRATIONS, (message) => said.push(message));
    try {
      await newer.savePerson({ id: 'p1', identity: 'dev:Ada', name: 'Ada', email: null, at: clock });
      psqlIn(name, "UPDATE punchcard_people SET department = 'R&D'");
      const saved = await running.savePerson({ id: 'p2', identity: 'dev:Tom', name: 'Tom', email: null, at: clock });
      expect(saved.name).toBe('Tom');
      expect((await restarted.personByIdentity('dev:Ada'))?.name).toBe('Ada');
      expect(said.join('\n')).toMatch(
        new RegExp(
          `migrated to version ${MIGRATIONS.length + 1} by a newer Punchcard, which still lets this one \\(version ${MIGRATIONS.length}\\) use it; upgrade this instance too`,
        ),
      );
      expect(psqlIn(name, "SELECT identity || ':' || coalesce(department, '-') FROM punchcard_people ORDER BY identity")).toBe('dev:Ada:R&D\ndev:Tom:-');
    } finally {
      await Promise.all([running.close(), newer.close(), restarted.close()]);
    }
  });

  it('refuses in words, at start and while running, once a newer Punchcard migrated past it', async () => {
    const { url, name } = freshDatabase();
    const running = await open(url);
    await running.savePerson({ id: 'p1', identity: 'dev:Ada', name: 'Ada', email: 'ada@example.com', at: clock });
    // The newer version moves e-mail addresses to a table of their own: older versions would write them where nobody reads them.
    const newer = await open(url, [
      ...MIGRATIONS,
      {
        sql: 'CREATE TABLE punchcard_emails (person_id TEXT PRIMARY KEY, email TEXT); INSERT INTO punchcard_emails SELECT id, email FROM punchcard_people; ALTER TABLE punchcard_people DROP COLUMN email',
        compatibleFrom: MIGRATIONS.length + 1,
      },
    ]);
    try {
      const version = MIGRATIONS.length + 1;
      const refusal = new RegExp(
        `^The PostgreSQL store was migrated by a newer Punchcard to version ${version}, which versions before ${version} may no longer use; this one knows version ${MIGRATIONS.length}\\. Run the newer version on every instance\\.$`,
      );
      await expect(open(url)).rejects.toThrow(refusal);
      await expect(running.savePerson({ id: 'p2', identity: 'dev:Tom', name: 'Tom', email: 'tom@example.com', at: clock })).rejects.toThrow(refusal);
      // From then on it refuses everything, also what would still have worked.
      await expect(running.person('p1')).rejects.toThrow(refusal);
      await expect(running.ping()).rejects.toThrow(StoreVersionError);
      expect(psqlIn(name, 'SELECT count(*) FROM punchcard_people')).toBe('1');
      expect(psqlIn(name, 'SELECT email FROM punchcard_emails')).toBe('ada@example.com');
    } finally {
      await Promise.all([running.close(), newer.close()]);
    }
  });
});

function psqlIn(database: string, sql: string): string {
  return postgres.psql(sql, database).trim();
}
