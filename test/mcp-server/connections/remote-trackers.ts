// What the tests of several remote trackers share (docs/several-trackers.md): Kimai's and Clockify's fakes seeded so
// that a project name is in both catalogs (Website) and each has one of its own (Kimai's "Kimai only", Clockify's
// Internal), an engine over a config.json naming them, and the request logs read as writes and as credentials.
import type { RecordedRequest } from '../../support/fake-server.ts';
import { makeUserDataDir, startInProcessEngine, type InProcessEngineHandle } from '../../support/engine.ts';
import { clockStartingAt } from '../../support/fake-clock.ts';
import { DEFAULT_USERS, type FakeKimai, type FakeKimaiConfig, type FakeUser, startFakeKimai } from '../providers/kimai/fake-kimai.ts';
import { type FakeClockify, seedWorkspace, startFakeClockify } from '../providers/clockify/fake-clockify.ts';

export const NOW = '2026-11-18T12:00:00+01:00';
export const KIMAI_ADA = DEFAULT_USERS[0] as FakeUser;

/** Kimai with Ada, the customer Acme, the projects Website and "Kimai only", the global activity Development; no absence plugin unless asked. */
export async function startKimai(config: Partial<FakeKimaiConfig> = {}, users: FakeUser[] = [KIMAI_ADA]): Promise<FakeKimai> {
  const fake = await startFakeKimai({ now: clockStartingAt(NOW), users, config });
  const acme = fake.addCustomer('Acme');
  fake.addProject('Website', acme.id);
  fake.addProject('Kimai only', acme.id);
  fake.addActivity('Development', null);
  return fake;
}

/** Clockify with its two seeded workspaces (Acme: Website, Internal, time off; Side project), Ada's key seeing both. */
export async function startClockify(): Promise<FakeClockify> {
  const fake = await startFakeClockify({ now: clockStartingAt(NOW) });
  seedWorkspace(fake);
  return fake;
}

/** The engine in this process over `settings`, every tool offered, the fakes' clock. */
export function startTrackers(settings: Record<string, unknown>, env: Record<string, string> = {}, userDataDir?: string): Promise<InProcessEngineHandle> {
  return startInProcessEngine({ userDataDir: userDataDir ?? makeUserDataDir(settings), args: ['--all-tools'], env: { PUNCHCARD_NOW: NOW, ...env } });
}

/** Clockify's searches sent as POST read only; every other request but a GET asks for a change. */
const CLOCKIFY_SEARCH = /\/(time-off\/requests|users\/info|invoices\/info)$/;

/** The requests of a fake's log from `from` on that asked for a change ("POST /api/timesheets"). */
export function writesSince(requests: readonly RecordedRequest[], from = 0): string[] {
  return requests
    .slice(from)
    .filter((request) => request.method !== 'GET' && !(request.method === 'POST' && CLOCKIFY_SEARCH.test(request.path)))
    .map((request) => `${request.method} ${request.path}`);
}

/** Every credential a fake was sent, once each. */
export function credentialsSent(requests: readonly RecordedRequest[]): string[] {
  return [...new Set(requests.map((request) => request.credential ?? ''))];
}
