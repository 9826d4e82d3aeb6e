// A pin names the back end, its address and the user (team-server/team/tracker-pin.ts): read back on
// the same back end only, so a server moved to another tracker acts for nobody a pin named there.
import { describe, expect, it } from 'vitest';
import { pinnedUserId, trackerPin } from '../../../team-server/team/tracker-pin.ts';

describe('a tracker pin', () => {
  const kimai = { type: 'kimai', url: 'https://kimai.example.com/' };

  it('reads back the user it was made for, on the same back end, whatever the address spelling', () => {
    const pin = trackerPin(kimai, '42');
    expect(pinnedUserId(pin, kimai)).toBe('42');
    expect(pinnedUserId(pin, { type: 'kimai', url: 'https://kimai.example.com' })).toBe('42');
    expect(
      pinnedUserId(trackerPin({ type: 'clockify', url: 'https://api.clockify.me/api' }, '64a1f0c2e4b0a1b2c3d4e5f6'), {
        type: 'clockify',
        url: 'https://api.clockify.me/api',
      }),
    ).toBe('64a1f0c2e4b0a1b2c3d4e5f6');
  });

  it('names nobody on another tracker, another address, or without a pin', () => {
    const pin = trackerPin(kimai, '42');
    expect(pinnedUserId(pin, { type: 'clockodo', url: 'https://kimai.example.com' })).toBeNull();
    expect(pinnedUserId(pin, { type: 'kimai', url: 'https://other.example.com' })).toBeNull();
    expect(pinnedUserId(null, kimai)).toBeNull();
    expect(pinnedUserId('kimai https://kimai.example.com #', kimai)).toBeNull();
  });
});
