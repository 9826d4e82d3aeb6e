// A tool call's scope: its work runs under one budget, and ends when it finishes, when the client
// cancels it or when its deadline passes, whichever comes first; a stopped call says in words what it
// changed. The HTTP layer's part (what is in flight is hung up) is tested in
// providers/remote/json-http.test.ts, the whole through the built server in e2e/stopped-calls.test.ts.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CallBudget, CallStopped, currentCall, spendRequest } from '../../../mcp-server/providers/remote/request-budget.ts';
import { runInCallScope, stoppedCallRefusal } from '../../../mcp-server/tools/call-scope.ts';
import { refusalSentence } from '../../../mcp-server/contract/outcomes/refusals.ts';
import { modelText, peopleText } from '../../../mcp-server/contract/outcomes/sentence.ts';

const scope = (cancelled: AbortSignal, deadlineMs = 60_000) => ({ requests: 40, deadlineMs, cancelled, tool: 'time_report' });

describe('runInCallScope', () => {
  it('answers with the work when it finishes, having counted its requests', async () => {
    const outcome = await runInCallScope(scope(new AbortController().signal), async () => {
      spendRequest('Kimai');
      return currentCall()?.spent;
    });
    expect(outcome).toEqual({ finished: 1 });
  });

  it("leaves nothing of the call listening on the budget's signal once it answered", async () => {
    // A socket opened during the call keeps the call's async context, and with it the budget, for as long
    // as the socket lives: whatever still listens on the budget's signal lives as long, and the call's own
    // listener reaches the request and the MCP server that served it.
    let budget: CallBudget | undefined;
    await runInCallScope(scope(new AbortController().signal), async () => {
      budget = currentCall();
    });
    expect(getEventListeners(budget?.stop as AbortSignal, 'abort')).toEqual([]);
  });

  it('answers at once when the client cancels, and the work sees the same reason', async () => {
    const cancel = new AbortController();
    let seen: unknown;
    const outcome = runInCallScope(scope(cancel.signal), async () => {
      const stop = currentCall()?.stop as AbortSignal;
      // Work that waits for something that never comes, but listens for its end.
      await new Promise((_resolve, reject) => stop.addEventListener('abort', () => reject(stop.reason)));
    }).catch((error: unknown) => (seen = error));
    cancel.abort();
    const result = await outcome;
    expect(result).toMatchObject({ stopped: { why: 'cancelled', message: 'The client cancelled time_report, so Punchcard stopped it.' } });
    expect(seen).toBeUndefined();
  });

  it('answers when the deadline passes although the work never ends', async () => {
    const outcome = await runInCallScope(scope(new AbortController().signal, 20), () => new Promise<never>(() => {}));
    expect(outcome).toMatchObject({ stopped: { why: 'deadline', message: 'time_report took longer than 20 ms, so Punchcard stopped it.' } });
  });

  it("a read shared with another call that was stopped is said as such, not in the other call's words", async () => {
    // What a cached load the other call started rejects with when that call is cancelled.
    const othersEnd = new CallStopped('cancelled', 'list_catalog', 45_000);
    const sharing = runInCallScope({ ...scope(new AbortController().signal), tool: 'timer_status' }, () => Promise.reject(othersEnd));
    await expect(sharing).rejects.toThrow(
      /^timer_status needed a request another call had under way, and that call was stopped \(cancelled, or past its deadline\); try again\.$/,
    );
  });

  it('refuses any request after the end', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const outcome = await runInCallScope(scope(cancel.signal), async () => {
      await Promise.resolve();
      return 'never';
    });
    expect('stopped' in outcome).toBe(true);
    if (!('stopped' in outcome)) return;
    expect(() => outcome.budget.spendRequest('Kimai')).toThrow(outcome.stopped);
  });
});

describe('stoppedCallRefusal', () => {
  const stoppedCallText = (stopped: CallStopped, budget: CallBudget, writes: boolean) =>
    modelText(refusalSentence(stoppedCallRefusal(stopped, budget, writes)));
  const deadline = new CallStopped('deadline', 'clock_in', 45_000);
  const budget = (changes: Array<[string, 'sent' | 'done' | 'refused']>, services = ['Kimai']) => {
    const made = new CallBudget(40);
    for (const service of services) made.services.add(service);
    for (const [action, outcome] of changes) made.noteChange(action).outcome = outcome;
    return made;
  };

  it('a read stopped at its deadline changed nothing', () => {
    expect(stoppedCallText(deadline, budget([]), false)).toBe(
      'clock_in took longer than 45 s, so Punchcard stopped it and its requests to Kimai (it may be overloaded or unreachable; try again later, or ask for less at once). Nothing was changed.',
    );
  });

  it('says which changes were made, which may have been, and leaves out those the back end refused', () => {
    expect(
      stoppedCallText(
        deadline,
        budget([
          ['stop the timer', 'done'],
          ['start the timer', 'sent'],
          ['log the time', 'refused'],
        ]),
        true,
      ),
    ).toBe(
      'clock_in took longer than 45 s, so Punchcard stopped it and its requests to Kimai (it may be overloaded or unreachable; try again later, or ask for less at once). ' +
        'Done before it stopped: stop the timer. Sent without an answer, so it may or may not have happened (check before repeating it): start the timer. Nothing else was changed.',
    );
  });

  it('a writing call that asked no back end only stopped being waited for', () => {
    expect(stoppedCallText(deadline, budget([], []), true)).toBe(
      'clock_in took longer than 45 s, so Punchcard stopped it. Check whether it was done before repeating it.',
    );
  });

  it('a cancelled call names the back end it stopped asking', () => {
    const cancelled = new CallStopped('cancelled', 'list_catalog', 45_000);
    expect(stoppedCallText(cancelled, budget([], ['Clockodo']), false)).toBe(
      'The client cancelled list_catalog, so Punchcard stopped it and its requests to Clockodo. Nothing was changed.',
    );
  });

  it('carries what happened as facts, which a person reads without the tool', () => {
    const refusal = stoppedCallRefusal(deadline, budget([['stop the timer', 'done']]), true);
    expect(refusal).toEqual({
      code: 'call_stopped',
      facts: { tool: 'clock_in', why: 'deadline', deadline_ms: 45_000, services: ['Kimai'], done: ['stop the timer'], sent: [], writes: true },
    });
    expect(peopleText(refusalSentence(refusal))).toBe(
      'It took longer than 45 s, so Punchcard stopped it and its requests to Kimai (it may be overloaded or unreachable; try again later, or ask for less at once). ' +
        'Done before it stopped: stop the timer. Nothing else was changed.',
    );
  });
});
