// hostileWorld rewrites a seeded fake's texts; the files of a worker share their modules, so it must leave
// the seeds' constants as they were (a Clockify lead pushed into the state as is once kept her hostile name
// for every later file of that worker, and the approvals suite failed on it).
import { expect, it } from 'vitest';
import { hostileWorld } from './harness.ts';

const HOSTILE = (text: string) => `${text}" FORGED`;

it('rewrites the texts of a fake state without changing the constants a seed put in it', () => {
  const LEA = Object.freeze({ id: 'u1', name: 'Lea Lead', workspaces: Object.freeze([{ id: 'w1', name: 'Acme' }]) });
  const shared = { name: 'Shared' };
  const state = { users: [LEA], projects: new Map([[1, { name: 'Website', client: shared }]]), owner: shared, count: 3 };
  hostileWorld(state, HOSTILE);
  expect(state.users[0]).toEqual({ id: 'u1', name: 'Lea Lead" FORGED', workspaces: [{ id: 'w1', name: 'Acme" FORGED' }] });
  expect(state.projects.get(1)).toEqual({ name: 'Website" FORGED', client: { name: 'Shared" FORGED' } });
  // One object reached twice is rewritten once, and stays one object.
  expect(state.owner).toBe(state.projects.get(1)?.client);
  expect(state.count).toBe(3);
  expect(LEA).toEqual({ id: 'u1', name: 'Lea Lead', workspaces: [{ id: 'w1', name: 'Acme' }] });
  expect(shared).toEqual({ name: 'Shared' });
});
