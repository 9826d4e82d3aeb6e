// Trackers on one key keep one pace (docs/several-trackers.md: two workspaces on one key never send
// faster together than one key may); trackers on different keys keep their own. On a clock the test
// moves, as pacing.test.ts measures.
import { describe, expect, it } from 'vitest';
import { pacedPerKey } from '../../../../mcp-server/providers/remote/key-pace.ts';

/** Whether the pace's turn came without the clock moving. */
async function passesAtOnce(turn: Promise<unknown>): Promise<boolean> {
  let passed = false;
  void turn.then(() => {
    passed = true;
  });
  await new Promise((done) => setImmediate(done));
  return passed;
}

describe('one pace per key', () => {
  it('two trackers on one key share its second: the second request waits for the first to leave it', async () => {
    let clock = 0;
    const key = `key-shared-${Math.random()}`;
    const acme = pacedPerKey(
      async () => key,
      () => clock,
    );
    const side = pacedPerKey(
      async () => key,
      () => clock,
    );
    await acme.secret();
    await side.secret();
    const [acmePace, sidePace] = [acme.pace(1), side.pace(1)];
    expect(await passesAtOnce(acmePace())).toBe(true);
    const waiting = sidePace();
    expect(await passesAtOnce(waiting)).toBe(false);
    clock = 1_200;
    await waiting;
  });

  it('trackers on different keys each keep their own', async () => {
    let clock = 0;
    const acme = pacedPerKey(
      async () => `key-a-${Math.random()}`,
      () => clock,
    );
    const side = pacedPerKey(
      async () => `key-b-${Math.random()}`,
      () => clock,
    );
    await acme.secret();
    await side.secret();
    expect(await passesAtOnce(acme.pace(1)())).toBe(true);
    expect(await passesAtOnce(side.pace(1)())).toBe(true);
    clock = 1_200;
  });
});
