// What the tests of the Clockodo tracker acting for one person share (acting-for, acting-leave): the tracker the team
// server opens with the owner's login and key, the owner's API whole and narrowed to one person, one call's request
// budget, and a refusal read as its code and facts. Whatever is built here is closed after the test by the file's
// `opened`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_REQUESTS_PER_CALL } from '../../../../mcp-server/domain/call-limits.ts';
import { ClockodoActing } from '../../../../mcp-server/providers/clockodo/acting.ts';
import { createClockodoClient } from '../../../../mcp-server/providers/clockodo/api.ts';
import { CLOCKODO_CELLS } from '../../../../mcp-server/providers/clockodo/cells.ts';
import { loadClockodoTracker } from '../../../../mcp-server/providers/clockodo/tracker.ts';
import { allEndpoints } from '../all-endpoints.ts';
import type { ClockodoEndpoints } from './clockodo-endpoints.ts';
import { withRequestBudget } from '../../../../mcp-server/providers/remote/request-budget.ts';
import type { RemoteTracker } from '../../../../mcp-server/providers/remote-tracker.ts';
import type { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import type { closeAfterEach } from '../../../support/close-after-each.ts';
import type { MovableClock } from '../../../support/fake-clock.ts';
import { everyToolWanted } from '../tracker-settings.ts';
import { DEFAULT_USERS, type FakeClockodo, type FakeUser, type RecordedRequest } from './fake-clockodo.ts';

type Opened = ReturnType<typeof closeAfterEach>;
/** The company's owner, whose login and key the organisation holds. */
const OLGA = DEFAULT_USERS[3] as FakeUser;

/**
 * The tracker the team server opens for `person` with the owner's login and key, in a fresh data folder named after
 * `purpose`; `own` opens it with the person's own, `apiKey` with another key than the account's. The week is of eight
 * hours Monday to Friday without holidays, in Berlin, with the team and admin tools wanted, so that only the
 * narrowing decides what is offered.
 */
export async function actingTracker(
  opened: Opened,
  fake: FakeClockodo,
  clock: MovableClock,
  person: FakeUser,
  purpose: string,
  options: { own?: boolean; apiKey?: string } = {},
): Promise<RemoteTracker> {
  const key = options.own ? person : OLGA;
  const tracker = (await loadClockodoTracker())({
    profile: { type: 'clockodo', email: key.email, url: fake.url } as never,
    secret: async () => options.apiKey ?? key.apiKey,
    ...(options.own ? {} : { actingFor: { userId: String(person.id) } }),
    userDataDir: mkdtempSync(join(tmpdir(), `punchcard-${purpose}-`)),
    ...everyToolWanted(clock, 'Europe/Berlin'),
  });
  opened({ close: async () => tracker.close?.() });
  return tracker;
}

/**
 * The owner's API whole (`raw`: every cell's endpoints), and narrowed to `person` (`api`): what a prompt-injected call
 * below the tools would reach.
 */
export async function narrowedApi(opened: Opened, fake: FakeClockodo, person: FakeUser, now: () => number) {
  const client = createClockodoClient({ connection: { baseUrl: fake.url, secret: async () => OLGA.apiKey, log: () => {} }, email: OLGA.email });
  opened({ close: () => client.close() });
  const acting = new ClockodoActing(client, { userId: person.id, now, zone: () => 'Europe/Berlin' });
  const raw = await allEndpoints<never, ClockodoEndpoints>(CLOCKODO_CELLS as never, client as never);
  const api = await allEndpoints<never, ClockodoEndpoints>(CLOCKODO_CELLS as never, client as never, acting as never);
  // An endpoint several capabilities send is narrowed once, as the root narrows it (acting.ts).
  return { raw: { ...raw, ...client.api }, api: { ...api, ...acting.shared } };
}

/** `work` within one tool call's request budget, as the engine runs it. */
export const call = <T>(work: () => Promise<T>) => withRequestBudget(MAX_REQUESTS_PER_CALL, work);

/** A part of the tracker a test needs (its leave, its team…), failing the test where the tracker has none. */
export function partOf<Part>(part: Part | undefined): Part {
  if (!part) throw new Error('The tracker has no such part.');
  return part;
}

/** The refusal a call failed with: its code and facts. */
export async function refusalOf(work: Promise<unknown>): Promise<{ code: string; facts: unknown }> {
  const error = (await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as BackEndError | undefined;
  if (!error?.refusal) throw new Error(`Expected a refusal, got ${error === undefined ? 'an answer' : String(error)}`);
  return { code: error.refusal.code, facts: error.refusal.facts };
}

export const line = (request: RecordedRequest) => `${request.method} ${request.path}`;
export const bodyOf = (request: RecordedRequest): Record<string, unknown> => (request.body === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>));
