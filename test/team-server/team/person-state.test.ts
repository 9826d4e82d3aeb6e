// The numbers of a back end's string ids on the team server (team-server/team/person-state.ts), on a
// real SQLite store: two instances (two StoredIdNumbers on one store) give an id the same number,
// each person numbers their own ids, and a store that does not answer is said as a back end away is;
// what a back end learned just before a shutdown reaches the store before it closes. The facts files:
// one instance reads again what another wrote since it opened them (FactsShelf.reload).
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
  expect((refused as BackEndError).refusal).toEqual({ code: 'server_store_not_answering', facts: {} });
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

it("reads a facts file again from the store where asked: another instance's writes, this one's own kept", async () => {
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);
  const [here, there] = [
    await personFacts(store, 'ada', Date.now, log, new PendingSaves()),
    await personFacts(store, 'ada', Date.now, log, new PendingSaves()),
  ];
  here.write('calamari-accounts.json', '{"a":1}');
  expect(there.read('calamari-accounts.json')).toBeUndefined();
  // Its own write waits in this instance's order: the reload reads after it reached the store.
  there.write('calamari-accounts.json', '{"b":2}');
  await there.reload?.('calamari-accounts.json');
  expect(there.read('calamari-accounts.json')).toBe('{"b":2}');
  here.write('calamari-accounts.json', '{"c":3}');
  await here.reload?.('calamari-accounts.json');
  await there.reload?.('calamari-accounts.json');
  expect(there.read('calamari-accounts.json')).toBe('{"c":3}');
  // A write of this instance while it reads again: the newer text it holds stands.
  const reloading = there.reload?.('calamari-accounts.json');
  there.write('calamari-accounts.json', '{"d":4}');
  await reloading;
  expect(there.read('calamari-accounts.json')).toBe('{"d":4}');
  expect(logged).toEqual([]);
  // A store that does not answer leaves what the instance holds, said in the log.
  let answers = true;
  const away = Object.create(store) as Store;
  away.factsOf = (personId) => (answers ? store.factsOf(personId) : Promise.reject(new StoreUnavailable('the database is away')));
  const shelf = await personFacts(away, 'ada', Date.now, log, new PendingSaves());
  answers = false;
  await shelf.reload?.('calamari-accounts.json');
  expect(shelf.read('calamari-accounts.json')).toBe('{"d":4}');
  expect(logged).toEqual(['What the back end taught (calamari-accounts.json) could not be read again from the store (the database is away).']);
});
