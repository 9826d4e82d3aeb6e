// What the tests of the Clockify tracker acting for one person share (acting-for, acting-fields, acting-for-leave): a
// tracker over the fake Clockify with an admin's key, the narrowed API alone under it (every cell's endpoints, as
// narrowed: test/mcp-server/providers/all-endpoints.ts), one call's request budget, and a refusal read as its code and
// facts. Whatever is built here is closed after the test by the file's `opened`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClockifyActing } from '../../../../mcp-server/providers/clockify/acting.ts';
import { type ClockifyApiClient, createClockifyApiClient } from '../../../../mcp-server/providers/clockify/api.ts';
import { CLOCKIFY_CELLS } from '../../../../mcp-server/providers/clockify/cells.ts';
import { loadClockifyTracker } from '../../../../mcp-server/providers/clockify/tracker.ts';
import { allEndpoints } from '../all-endpoints.ts';
import type { ClockifyEndpoints } from './clockify-endpoints.ts';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import { IdAliases } from '../../../../mcp-server/providers/id-aliases.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import type { RecordedRequest } from '../../../support/fake-server.ts';
import type { closeAfterEach } from '../../../support/close-after-each.ts';
import type { MovableClock } from '../../../support/fake-clock.ts';
import { everyToolWanted } from '../tracker-settings.ts';
import { BOB_KEY, type FakeClockify } from './fake-clockify.ts';

type Opened = ReturnType<typeof closeAfterEach>;

/**
 * A tracker over `fake` in Acme with `key` (Bob's, an admin's, unless said), acting for the person `actingFor` (with no
 * one, the key's own user), in a fresh data folder named after `purpose`: a week of eight hours Monday to Friday, no
 * holidays, Berlin, and the team and admin tools wanted, so that only the narrowing decides what is offered; no log
 * unless `log` takes its lines.
 */
export async function actingTracker(
  opened: Opened,
  fake: FakeClockify,
  clock: MovableClock,
  purpose: string,
  options: { actingFor: string | null; key?: string; log?: (line: string) => void; timeoutMs?: number; perSecond?: number },
): Promise<{ tracker: RemoteTracker; aliases: IdAliases }> {
  const dir = mkdtempSync(join(tmpdir(), `punchcard-${purpose}-`));
  const aliases = new IdAliases(join(dir, 'clockify-ids.db'), () => {});
  const tracker = (await loadClockifyTracker())({
    profile: { type: 'clockify', url: fake.url, workspace: 'Acme' } as never,
    secret: async () => options.key ?? BOB_KEY,
    userDataDir: dir,
    idNumbers: aliases,
    ...everyToolWanted(clock, 'Europe/Berlin'),
    ...(options.log ? { log: options.log } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.perSecond === undefined ? {} : { perSecond: options.perSecond }),
    ...(options.actingFor === null ? {} : { actingFor: { userId: options.actingFor } }),
  });
  opened({ close: async () => tracker.close?.() });
  return { tracker, aliases };
}

/** The cells whose every endpoint is refused under the organisation's key: their own, and the shared ones they pick. */
export const REFUSED_CELLS: ReadonlySet<string> = new Set([
  'admin-tags',
  'invoices',
  'admin-people',
  'admin-rates',
  'catalog-admin',
  'admin-teams',
  'corrections',
]);

type Endpoints = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Bob's key, as sent. */
function keyClient(opened: Opened, fake: FakeClockify): ClockifyApiClient {
  const client = createClockifyApiClient({ connection: { baseUrl: fake.url, secret: async () => BOB_KEY, log: () => {} }, onRefused: () => {} });
  opened({ close: async () => client.close() });
  return client;
}

/**
 * Clockify's whole API with Bob's key (`raw`: the shared endpoints and every cell's), and narrowed to `person` in Acme
 * (`api`): what a prompt-injected call below the tools would reach. A shared endpoint is narrowed once, as the root
 * narrows it (acting.ts) and the capabilities that send it pick it; a capability refused whole is listed first, so
 * the narrowing of a shared endpoint another capability sends is the one reached.
 */
export async function endpointsFor(
  opened: Opened,
  fake: FakeClockify,
  person: string,
): Promise<{ raw: ClockifyEndpoints; api: ClockifyEndpoints; refusedWhole: Record<string, Endpoints> }> {
  const client = keyClient(opened, fake);
  const acting = new ClockifyActing(client, { actingFor: { userId: person }, workspace: 'Acme', now: () => Date.now() });
  const cells = [...CLOCKIFY_CELLS].sort((a, b) => Number(REFUSED_CELLS.has(b.name)) - Number(REFUSED_CELLS.has(a.name)));
  const raw = await allEndpoints<never, ClockifyEndpoints>(cells as never, client as never);
  const api = await allEndpoints<never, ClockifyEndpoints>(cells as never, client as never, acting as never);
  const refused = cells.filter((cell) => REFUSED_CELLS.has(cell.name));
  const refusedWhole = Object.fromEntries(
    await Promise.all(refused.map(async (cell) => [cell.name, (await cell.code()).endpointsOver(client, acting) as Endpoints])),
  );
  return { raw: { ...client.api, ...raw }, api: { ...acting.shared, ...api }, refusedWhole };
}

/** The narrowed API alone, for Bob's key acting for `person`. */
export const narrowedApi = async (opened: Opened, fake: FakeClockify, person: string) => (await endpointsFor(opened, fake, person)).api;

/** `work` within one tool call's request budget, as the engine runs it. */
export const call = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);

export const line = (request: RecordedRequest) => `${request.method} ${request.path.replace('/api/v1', '')}`;

/** The refusal `promise` ends in, as its code and facts; anything else fails the test. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; facts: unknown }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof BackEndError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return error.refusal as { code: string; facts: unknown };
}
