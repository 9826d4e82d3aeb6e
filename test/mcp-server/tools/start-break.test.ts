// start_break's handler over the local timesheet plus a hand-written breaks part (break-shift.ts in
// this folder): which break type a name picks, the words for a break begun at 14:50 on Wednesday
// 18 November 2026 in Berlin, and an unknown type refused without a break started.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../support/close-after-each.ts';
import { shift as openShift } from './break-shift.ts';

const opened = closeAfterEach();
const shift = async (options?: Parameters<typeof openShift>[0]) => opened(await openShift(options));

describe('start_break', () => {
  it('takes the first break type the back end offers when none is named', async () => {
    const { start, started } = await shift();
    const { text, data } = await start({});
    expect(started).toEqual([7]);
    expect(text).toBe('On a break ("Lunch") since 14:50; the shift no project — "support" goes on when you end it with end_break.');
    expect(data).toMatchObject({ break_type: 'Lunch', since: '2026-11-18T14:50:00+01:00' });
  });

  it('picks a type by its name in any case, or by its number', async () => {
    const { start, started } = await shift();
    await start({ type: ' short BREAK ' });
    await start({ type: '#7' });
    expect(started).toEqual([9, 7]);
  });

  it('refuses a type the back end does not offer, naming those it does, and starts no break', async () => {
    const { start, started, breaks } = await shift();
    await expect(start({ type: 'Nap' })).rejects.toThrow('No break type "Nap". You may take: "Lunch", "Short break".');
    expect(started).toEqual([]);
    expect(breaks).toEqual([]);
  });

  it('says so when no break types are set up for the person', async () => {
    const { start } = await shift({ types: [] });
    await expect(start({ type: 'Lunch' })).rejects.toThrow('No break type "Lunch". No break types are set up for you.');
  });
});
