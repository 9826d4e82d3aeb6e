// The day before's entries the tray's working-time warnings read, over the REAL engine bundle on the local
// timesheet: the entries that began on the day asked, with their times, none of the days around it.
import { afterEach, describe, expect, it } from 'vitest';
import { dayEntries } from '../../../main/engine/day-entries.ts';
import { cleanUp, startTestEngine } from './engine-setup.ts';

afterEach(cleanUp);

describe('dayEntries', () => {
  it('lists the entries that began on the day asked, in the person’s zone, as list_time_entries does', async () => {
    const { engine } = startTestEngine({ settings: { timezone: 'Europe/Berlin' } });
    const log = (start: string, end: string) => engine.callTool('log_time', { start, end });
    await log('2026-11-16T13:00:00+01:00', '2026-11-16T22:00:00+01:00');
    // Begun on the 17th at 00:30 Berlin time (23:30 UTC the day before): the 17th's, not the 16th's.
    await log('2026-11-17T00:30:00+01:00', '2026-11-17T01:00:00+01:00');
    await log('2026-11-15T09:00:00+01:00', '2026-11-15T10:00:00+01:00');
    const entries = await dayEntries(engine)('2026-11-16');
    expect(entries.map((entry) => [entry.start, entry.end])).toEqual([['2026-11-16T13:00:00+01:00', '2026-11-16T22:00:00+01:00']]);
    expect((await dayEntries(engine)('2026-11-17')).map((entry) => entry.start)).toEqual(['2026-11-17T00:30:00+01:00']);
  });
});
