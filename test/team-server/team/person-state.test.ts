// The numbers of a back end's string ids on the team server (team-server/team/person-state.ts), on a
// real SQLite store: two instances (two StoredIdNumbers on one store) give an id the same number,
// each person numbers their own ids, and a store that does not answer is said as a back end away is;
// what a back end learned just before a shutdown reaches the store before it closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import { type Store, StoreUnavailable } from '../../../team-server/store/store.ts';
import { openStore } from '../../../team-server/store/open-store.ts';
import { PendingSaves, personFacts, StoredIdNumbers } from '../../../team-server/team/person-state.ts';

let folder: string;
let store: Store;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-person-state-'));
  store = await openStore({ store: `sqlite:${join(folder, 'server.db')}` }, { now: Date.now, env: {} });
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

it('gives an id the same number on every instance, and each person numbers their own', async () => {
  const [here, there] = [new StoredIdNumbers(store, 'ada'), new StoredIdNumbers(store, 'ada')];
  expect(await here.numbers('entry', ['64c7', '64c8', '64c7'])).toEqual([1, 2, 1]);
  expect(await there.numbers('entry', ['64c9', '64c8'])).toEqual([3, 2]);
  expect(await here.remote('entry', 3)).toBe('64c9');
  expect(await here.remote('entry', 4)).toBeUndefined();
  expect(await new StoredIdNumbers(store, 'tom').number('entry', '64c9')).toBe(1);
});

it('says a store that does not answer in words a person can act on, and numbers again once it does', async () => {
  const away = Object.create(store) as Store;
  away.numberIds = () => Promise.reject(new StoreUnavailable('the database is away'));
  const numbers = new StoredIdNumbers(away, 'ada');
  const refused = await numbers.number('entry', '64c7').catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(BackEndError);
  expect((refused as BackEndError).message).toBe(
    "Punchcard's database does not answer just now, so the numbers of your records could not be looked up. Try again in a few seconds.",
  );
  expect(await new StoredIdNumbers(store, 'ada').number('entry', '64c7')).toBe(1);
});

it('lets what a back end learned just before a shutdown reach the store before the store closes', async () => {
  // A store slow to answer, as a busy database is at the moment a shutdown begins.
  const slow = new Proxy(store, {
    get: (target, name: keyof Store) =>
      name === 'saveFacts'
        ? async (...args: Parameters<Store['saveFacts']>) => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            return target.saveFacts(...args);
          }
        : (target[name] as unknown as () => unknown).bind(target),
  });
  const said: string[] = [];
  const saves = new PendingSaves();
  const shelf = await personFacts(slow, 'ada', Date.now, (line) => said.push(line), saves);
  shelf.write('kimai-accounts.json', '{"learned":"just now"}');
  // What the server's close does: wait for the writes begun, then close the store.
  await saves.settled(5_000);
  expect((await store.factsOf('ada')).get('kimai-accounts.json')).toBe('{"learned":"just now"}');
  expect(said).toEqual([]);
});
