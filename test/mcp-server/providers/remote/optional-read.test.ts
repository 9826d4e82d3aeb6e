// The frame's rule for an optional feature's read (docs/internals/back-ends.md, "Optional reads"): which refusals mean
// the feature is not there (402 but a used-up quota, 403 but a token refused, a 404 in the API's own form), and the
// read's memory of it: not known for an hour on the tracker's clock, asked nothing in it, said once in the log while it
// stays so; any other failure thrown as it came and remembered not at all.
import { describe, expect, it } from 'vitest';
import { NOT_KNOWN_FOR_MS, optionalReads, refusedAsUnavailable } from '../../../../mcp-server/providers/remote/optional-read.ts';
import { type RemoteFailure, RemoteError, remoteRefusal } from '../../../../mcp-server/providers/remote/remote-error.ts';

/** A back end's refusal as its describer makes it: the failure it read and the status it came with. */
function refused(failure: RemoteFailure, status?: number): RemoteError {
  return new RemoteError(failure, remoteRefusal('remote_status_unknown', { service: 'Toggl Track', status: status ?? 0, action: 'read it' }) as never, status);
}

describe('refusedAsUnavailable', () => {
  it.each<[string, RemoteError]>([
    ['a 402 of a plan', refused('restricted', 402)],
    ['a 402 nobody planned for', refused('bad_request', 402)],
    ['a 403 of a right, a module or a plan', refused('forbidden', 403)],
    ['a 404 in the API’s own form', refused('not_found', 404)],
  ])('takes %s as unavailable', (_label, error) => {
    expect(refusedAsUnavailable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a 402 of a used-up quota (Toggl)', refused('rate_limited', 402)],
    ['a 403 that refuses the token (Kimai’s authenticator, Toggl)', refused('bad_token', 403)],
    ['a 401', refused('bad_token', 401)],
    ['a 404 web page', refused('wrong_service', 404)],
    ['a 500', refused('server_error', 500)],
    ['no answer in time', refused('timeout')],
    ['a network failure', refused('unreachable')],
    ['an error that is no back end’s', new Error('boom')],
  ])('takes %s as something wrong', (_label, error) => {
    expect(refusedAsUnavailable(error)).toBe(false);
  });
});

describe('OptionalRead', () => {
  function reads() {
    let now = Date.parse('2026-11-18T12:00:00Z');
    const logs: string[] = [];
    const { lock } = optionalReads(
      { service: 'Toggl Track', log: (line) => logs.push(line), now: () => now },
      { lock: { what: "the workspace's lock of older entries", without: 'no entry is held back as locked' } },
    );
    return { lock, logs, advance: (ms: number) => (now += ms) };
  }

  it('answers what the back end answered, and asks every time it is read', async () => {
    const { lock, logs } = reads();
    let asked = 0;
    const read = async () => ++asked;
    expect(await lock.read(read, 'unknown')).toBe(1);
    expect(await lock.read(read, 'unknown')).toBe(2);
    expect(logs).toEqual([]);
  });

  it('refused as unavailable: not known for an hour, asked nothing in it, said once; asked again after it', async () => {
    const { lock, logs, advance } = reads();
    let asked = 0;
    const refusing = async (): Promise<string> => {
      asked++;
      throw refused('forbidden', 403);
    };
    expect(await lock.read(refusing, 'unknown')).toBe('unknown');
    expect(lock.notKnown).toBe(true);
    advance(NOT_KNOWN_FOR_MS - 1);
    expect(await lock.read(refusing, 'unknown')).toBe('unknown');
    expect(asked).toBe(1);
    advance(1);
    expect(await lock.read(refusing, 'unknown')).toBe('unknown');
    expect(asked).toBe(2);
    expect(logs).toEqual([
      "Toggl Track does not answer the workspace's lock of older entries (403; an optional feature, not there for this account): no entry is held back as locked; asked again in an hour.",
    ]);
    // It answers again: known, and a later refusal is said again.
    advance(NOT_KNOWN_FOR_MS);
    expect(await lock.read(async () => 'locked', 'unknown')).toBe('locked');
    expect(lock.notKnown).toBe(false);
    advance(1);
    expect(await lock.read(refusing, 'unknown')).toBe('unknown');
    expect(logs).toHaveLength(2);
  });

  it('throws any other failure as it came, and remembers nothing of it', async () => {
    const { lock, logs } = reads();
    const failing = refused('server_error', 500);
    await expect(lock.read(() => Promise.reject(failing), 'unknown')).rejects.toBe(failing);
    expect(lock.notKnown).toBe(false);
    expect(await lock.read(async () => 'answered', 'unknown')).toBe('answered');
    expect(logs).toEqual([]);
  });

  it('forget: the next read asks within the hour (the back end showed the feature after all)', async () => {
    const { lock } = reads();
    await lock.read(() => Promise.reject(refused('not_found', 404)), 'unknown');
    lock.forget();
    expect(await lock.read(async () => 'there', 'unknown')).toBe('there');
  });
});
