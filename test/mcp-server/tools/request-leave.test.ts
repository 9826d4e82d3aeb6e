// request_leave's handler on the real local timesheet, at a clock that stands still: leave within the
// balance is filed with its working days counted from the settings' week; a range with no working
// day and vacation beyond the balance (where the settings do not allow it) are refused in words and
// file nothing.
import { describe, expect, it } from 'vitest';
import requestLeave from '../../../mcp-server/tools/request-leave.ts';
import { useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const NEXT_YEAR = { from: '2027-01-01', to: '2027-12-31' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function timesheet(annualDays = 25) {
  return openTimesheet({
    settings: (settings) => ({ ...settings, leave: { annualDays, carryOverDays: 0, allowBeyondBalance: false } }),
  });
}

describe('request_leave', () => {
  it('files vacation within the balance, counting only the working days', async () => {
    const { run, tracker } = await timesheet();
    // Friday to Tuesday: the weekend between costs nothing.
    const { data } = await run(requestLeave, { type: 'vacation', first_day: '2027-03-05', last_day: '2027-03-09', comment: 'family' });
    const filed = await tracker.leave.listLeave(NEXT_YEAR);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ type: 'vacation', firstDay: '2027-03-05', lastDay: '2027-03-09', days: 3, comment: 'family' });
    expect(data).toMatchObject({ request: { id: filed[0]?.id } });
  });

  it('refuses a range without a working day, naming the days, and files nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(requestLeave, { type: 'vacation', first_day: '2027-03-06', last_day: '2027-03-07' })).rejects.toThrow(
      'No working days in that range: 2027-03-06 (day off), 2027-03-07 (day off). Nothing to request.',
    );
    expect(await tracker.leave.listLeave(NEXT_YEAR)).toEqual([]);
  });

  it('refuses vacation beyond the balance where the settings do not allow it, and files nothing', async () => {
    const { run, tracker } = await timesheet(5);
    await expect(run(requestLeave, { type: 'vacation', first_day: '2027-06-01', last_day: '2027-06-14' })).rejects.toThrow(
      'That goes beyond your vacation balance: vacation from 2027-06-01 to 2027-06-14 costs 10 days and would leave -5 days of 2027 (5 left). ' +
        'The local timesheet approves leave as it is filed, and your Preferences do not allow leave beyond your balance, so nothing was filed.',
    );
    expect(await tracker.leave.listLeave(NEXT_YEAR)).toEqual([]);
  });

  it('files sick leave whatever the balance, as it draws on none', async () => {
    const { run, tracker } = await timesheet(0);
    await run(requestLeave, { type: 'sick', first_day: '2027-02-01', last_day: '2027-02-02' });
    expect(await tracker.leave.listLeave(NEXT_YEAR)).toMatchObject([{ type: 'sick', days: 2 }]);
  });
});
