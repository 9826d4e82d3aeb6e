// When a person was last seen (team-server/team/last-seen.ts): moved on by their calls and token
// refreshes, written at most once a minute a person, never on the request path. Alone on a real
// SQLite store with a clock the test moves, then through a team server started in process: a signed-in
// person's calls move what `admin people` shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sentencesLog } from '../../support/sentences-log.ts';
import { lastSeen, SEEN_EVERY_MS } from '../../../team-server/team/last-seen.ts';
import { openSqliteStore } from '../../../team-server/store/sqlite-store.ts';
import { StoreUnavailable } from '../../../team-server/store/store-errors.ts';
import type { Store } from '../../../team-server/store/store.ts';
import { startTeamServer } from '../../../team-server/team/team-server.ts';
import { writeServerConfig } from '../../support/admin-setup.ts';
import { textOf } from '../../support/engine.ts';
import { connectAs, developmentSignIn, freePort, TEST_SERVER_KEY } from '../../support/team-server.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'punchcard-last-seen-'));
  folders.push(made);
  return made;
}

describe('lastSeen', () => {
  it('writes a person’s activity at most once a minute, each person on their own, and never moves it back', async () => {
    let clock = 1_800_000_000_000;
    const store = await openSqliteStore(join(folder(), 'server.db'), { now: () => clock });
    for (const id of ['ada', 'tom']) await store.savePerson({ id, identity: `dev:${id}`, name: id, email: null, at: clock });
    const seen = lastSeen(
      store,
      () => clock,
      () => {},
    );
    const seenAt = async (id: string) => {
      await new Promise((resolve) => setImmediate(resolve));
      return (await store.person(id))?.lastSeenAt;
    };
    clock += 5_000;
    seen('ada');
    expect(await seenAt('ada')).toBe(clock);
    const written = clock;
    clock += SEEN_EVERY_MS - 1;
    seen('ada');
    seen('tom');
    expect(await seenAt('ada')).toBe(written);
    expect(await seenAt('tom')).toBe(clock);
    clock += 1;
    seen('ada');
    expect(await seenAt('ada')).toBe(clock);
    await store.close();
  });

  it('answers at once while the store is away, says so once, and writes at the next activity once it is back', async () => {
    let clock = 1_800_000_000_000;
    const real = await openSqliteStore(join(folder(), 'server.db'), { now: () => clock });
    await real.savePerson({ id: 'ada', identity: 'dev:ada', name: 'Ada', email: null, at: clock });
    let away = true;
    const store = new Proxy(real, {
      get: (target, name: keyof Store) =>
        name === 'seen' && away
          ? () => Promise.reject(new StoreUnavailable('the database does not answer'))
          : (target[name] as unknown as () => unknown).bind(target),
    });
    const said: string[] = [];
    const seen = lastSeen(
      store,
      () => clock,
      (line) => said.push(line),
    );
    clock += 1_000;
    seen('ada');
    clock += 1_000;
    seen('ada');
    await new Promise((resolve) => setImmediate(resolve));
    expect(said).toEqual(['When people were last seen could not be written (the database does not answer); it is written at their next call.']);
    away = false;
    clock += 1_000;
    seen('ada');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await real.person('ada'))?.lastSeenAt).toBe(clock);
    await real.close();
  });
});

describe('a team server', () => {
  it('moves a person’s last seen time with their calls, not only at sign-in', async () => {
    const dir = folder();
    const port = await freePort();
    const { config } = writeServerConfig(dir, { public_url: `http://127.0.0.1:${port}`, listen: `127.0.0.1:${port}` });
    let clock = Date.now();
    const server = await startTeamServer({
      config,
      env: { PUNCHCARD_SERVER_KEY: TEST_SERVER_KEY },
      log: sentencesLog(),
      now: () => clock,
      policyFiles: [],
    });
    try {
      const origin = server.url;
      const ada = await connectAs({ origin, mcpUrl: `${origin}/mcp` }, { era: 'modern', signIn: developmentSignIn('Ada') });
      const [person] = await server.store.people();
      const signedInAt = person?.lastSeenAt as number;
      clock += 5 * 60_000;
      expect(textOf(await ada.call('timer_status'))).toMatch(/^No timer running\./);
      await expect.poll(async () => (await server.store.people())[0]?.lastSeenAt).toBe(clock);
      expect(clock).toBeGreaterThan(signedInAt);
      // A refresh, as a client makes one when its access token ran out, is activity too.
      clock += 5 * 60_000;
      const refreshed = await fetch(`${origin}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: ada.oauth.tokens()?.refresh_token as string,
          client_id: ada.oauth.clientInformation()?.client_id as string,
        }),
      });
      expect(refreshed.status, await refreshed.clone().text()).toBe(200);
      await expect.poll(async () => (await server.store.people())[0]?.lastSeenAt).toBe(clock);
      await ada.close();
    } finally {
      await server.close();
    }
  });
});
