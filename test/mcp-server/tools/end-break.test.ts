// end_break's handler over the local timesheet plus a hand-written breaks part (break-shift.ts in
// this folder): how long the ended break took, read from the shift the back end answers with, on
// Wednesday 18 November 2026 in Berlin, and the back end's refusal passed on in words.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { NOW, shift as openShift } from './break-shift.ts';

const opened = closeAfterEach();
const shift = async (options?: Parameters<typeof openShift>[0]) => opened(await openShift(options));

describe('end_break', () => {
  it("ends the break and says how long it took from the shift's answer", async () => {
    const { start, end } = await shift({ endAt: NOW - 60_000 });
    await start({});
    const { text, data } = await end();
    expect(text).toBe('Break ended after 9 min; back on no project — "support" at 14:59.');
    expect(data.shift).toMatchObject({ description: 'support' });
  });

  it('passes on the refusal when no break runs', async () => {
    const { end } = await shift();
    await expect(end()).rejects.toMatchObject({ message: 'No break is running.', refusal: { code: 'calamari_break_not_running', facts: {} } });
  });
});
