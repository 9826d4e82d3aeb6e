// The errors a refusal is thrown as (BackEndError and the HTTP layer's RemoteError in
// mcp-server/providers/, ToolInputError in mcp-server/tools/): each is made of a code and its facts,
// and its message is the code's words. A bare sentence with no code is no longer a form of them: the
// lines marked @ts-expect-error fail the type check (npm run typecheck) if it comes back.
import { describe, expect, it } from 'vitest';
import { RemoteError, remoteRefusal } from '../../../mcp-server/providers/remote/remote-error.ts';
import { BackEndError, PartlyChangedError } from '../../../mcp-server/providers/time-tracker.ts';
import { ToolInputError } from '../../../mcp-server/tools/tool-input-error.ts';

describe('a refusal thrown', () => {
  it('carries its code and facts, the kind its code is of, and the code’s words as its message', () => {
    const backEnd = new BackEndError('leave_request_own', { request: 9 });
    expect(backEnd).toMatchObject({ kind: 'denied', refusal: { code: 'leave_request_own', facts: { request: 9 } } });
    expect(backEnd.message).toBe('Leave request #9 is your own; somebody else decides it. Nothing was sent.');
    const partly = new PartlyChangedError('timesheet_closed');
    expect(partly).toMatchObject({ name: 'PartlyChangedError', kind: 'unavailable', refusal: { code: 'timesheet_closed', facts: {} } });
    const input = new ToolInputError('drafts_none_named');
    expect(input.refusal).toEqual({ code: 'drafts_none_named', facts: {} });
    expect(input.message).toBe('Name at least one draft to book: entries holds the ids suggest_entries showed.');
    const remote = new RemoteError(
      'rate_limited',
      remoteRefusal('remote_rate_limited', { service: 'Kimai', action: 'start the timer', retry_after_s: null }),
      429,
    );
    expect(remote).toMatchObject({ failure: 'rate_limited', status: 429, kind: 'unavailable', refusal: { code: 'remote_rate_limited' } });
    expect(remote.message).toBe('Kimai is limiting requests (429 Too Many Requests). Try to start the timer again in a minute.');
  });

  it('takes no bare sentence in place of a code', () => {
    const older = [
      // @ts-expect-error The older form, a kind and a sentence, is gone.
      () => new BackEndError('not_found', 'There is no such entry.'),
      // @ts-expect-error So is PartlyChangedError's, which forwards to it.
      () => new PartlyChangedError('invalid', 'Changed the entry, not its mark.'),
      // @ts-expect-error And ToolInputError's, a sentence alone.
      () => new ToolInputError('That day is not one.'),
      // @ts-expect-error And the HTTP layer's, a failure and a sentence.
      () => new RemoteError('bad_request', 'Kimai refused it.', 400),
    ];
    expect(older).toHaveLength(4);
  });
});
