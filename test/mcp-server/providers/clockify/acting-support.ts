// What the tests of the Clockify tracker acting for one person share (acting-for, acting-fields, acting-for-leave): a
// tracker over the fake Clockify with an admin's key, the narrowed API alone under it, one call's request budget, and
// a refusal read as its code and facts. Whatever is built here is closed after the test by the file's `opened`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actingClockifyApi } from '../../../../mcp-server/providers/clockify/acting-api.ts';
import { type ClockifyApi, createClockifyApi } from '../../../../mcp-server/providers/clockify/api.ts';
import { createClockifyTracker } from '../../../../mcp-server/providers/clockify/clockify-tracker.ts';
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
export function actingTracker(
  opened: Opened,
  fake: FakeClockify,
  clock: MovableClock,
  purpose: string,
  options: { actingFor: string | null; key?: string; log?: (line: string) => void; timeoutMs?: number; perSecond?: number },
): { tracker: RemoteTracker; aliases: IdAliases } {
  const dir = mkdtempSync(join(tmpdir(), `punchcard-${purpose}-`));
  const aliases = new IdAliases(join(dir, 'clockify-ids.db'), () => {});
  const tracker = createClockifyTracker({
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

/** Clockify's whole API with Bob's key, narrowed by nothing. */
export function keyApi(opened: Opened, fake: FakeClockify): ClockifyApi {
  const raw = createClockifyApi({ connection: { baseUrl: fake.url, secret: async () => BOB_KEY, log: () => {} }, onRefused: () => {} });
  opened({ close: async () => raw.close() });
  return raw;
}

/** `raw` narrowed to `person` in Acme: what a prompt-injected call below the tools would reach. */
export const narrowedTo = (raw: ClockifyApi, person: string) =>
  actingClockifyApi(raw, { actingFor: { userId: person }, workspace: 'Acme', now: () => Date.now() });

/** The narrowed API alone, for Bob's key acting for `person`. */
export const narrowedApi = (opened: Opened, fake: FakeClockify, person: string) => narrowedTo(keyApi(opened, fake), person);

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
