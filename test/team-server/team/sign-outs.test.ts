// The follower of the administrator's sign-outs (team-server/team/sign-outs.ts) on a real SQLite
// store: it keeps its place by the store's seq, so a sign-out stamped by a slow admin clock (an hour
// behind) is still followed, and those recorded before it started close nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../../team-server/store/open-store.ts';
import type { Store } from '../../../team-server/store/store.ts';
import { followSignOuts, type SignOutFollower } from '../../../team-server/team/sign-outs.ts';

const HOUR = 3_600_000;
let folder: string;
let store: Store;
let follower: SignOutFollower | undefined;
const clock = 1_800_000_000_000;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'punchcard-sign-outs-'));
  store = await openStore({ store: `sqlite:${join(folder, 'store.db')}` }, { now: () => clock, env: {} });
});
afterEach(async () => {
  follower?.stop();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

function follow(): { closed: string[]; lines: string[] } {
  const closed: string[] = [];
  const lines: string[] = [];
  follower = followSignOuts({ store, closeEngine: (id) => (closed.push(id), true), log: (line) => lines.push(line), everyMs: 3_600_000 });
  return { closed, lines };
}

it('closes the engine of a sign-out stamped an hour in the past, once, and none from before it started', async () => {
  await store.signOut('before', clock);
  const { closed, lines } = follow();
  await follower?.check();
  expect(closed).toEqual([]);

  await store.signOut('late', clock - HOUR);
  await follower?.check();
  expect(closed).toEqual(['late']);
  expect(lines.join('\n')).toContain('Person late was signed out by the administrator');

  await follower?.check();
  expect(closed).toEqual(['late']);

  await store.signOut('late', clock - 2 * HOUR);
  await store.signOut('next', clock);
  await follower?.check();
  expect(closed).toEqual(['late', 'late', 'next']);
});

it('acts after a failed read on what was recorded meanwhile', async () => {
  const { closed, lines } = follow();
  await follower?.check();
  const signOuts = store.signOuts.bind(store);
  store.signOuts = () => Promise.reject(new Error('store away'));
  await store.signOut('during', clock);
  await follower?.check();
  expect(lines.join('\n')).toContain('Reading the sign-outs failed: store away');
  expect(closed).toEqual([]);
  store.signOuts = signOuts;
  await follower?.check();
  expect(closed).toEqual(['during']);
});
