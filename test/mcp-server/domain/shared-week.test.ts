// Whose targets are whose across connections (docs/several-trackers.md, "A week per connection"): connections that
// share the settings' week are one group, held to it once; the others one each; and the one target they share.
import { describe, expect, it } from 'vitest';
import { namesTogether, sharesSettingsWeek, weekOfConnection } from '../../../mcp-server/contract/connections.ts';
import { sharedTarget, targetGroups } from '../../../mcp-server/domain/shared-week.ts';

const HALF = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
const FULL = { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 };

describe('target groups', () => {
  it('puts the connections that share the settings’ week in one group, where the first of them stands; the others one each', () => {
    expect(
      targetGroups([
        { name: 'acme', sharesSettingsWeek: false },
        { name: 'toggl', sharesSettingsWeek: true },
        { name: 'beta', sharesSettingsWeek: false },
        { name: 'home', sharesSettingsWeek: true },
      ]),
    ).toEqual([
      { trackers: ['acme'], shared: false },
      { trackers: ['toggl', 'home'], shared: true },
      { trackers: ['beta'], shared: false },
    ]);
  });

  it('one connection that shares the week with nobody is held to it alone, as a group of one', () => {
    expect(
      targetGroups([
        { name: 'toggl', sharesSettingsWeek: true },
        { name: 'side', sharesSettingsWeek: false },
      ]),
    ).toEqual([
      { trackers: ['toggl'], shared: false },
      { trackers: ['side'], shared: false },
    ]);
    expect(targetGroups([])).toEqual([]);
  });

  it('the shared target is the least of theirs (they differ only by leave), and none where one has none', () => {
    expect(sharedTarget([2400, 1920])).toBe(1920);
    expect(sharedTarget([2400, 2400, 2400])).toBe(2400);
    expect(sharedTarget([2400, null])).toBeNull();
    expect(sharedTarget([2400, undefined])).toBeNull();
    expect(sharedTarget([])).toBeNull();
  });
});

describe('which connections share the settings’ week', () => {
  it('those without a week of their own whose back end keeps no targets; Clockodo, Calamari, Clockify, Harvest and Tempo keep theirs', () => {
    expect(sharesSettingsWeek({ profile: { type: 'local' } })).toBe(true);
    expect(sharesSettingsWeek({ profile: { type: 'toggl', url: 'https://api.track.toggl.com' } })).toBe(true);
    expect(sharesSettingsWeek({ profile: { type: 'kimai', url: 'https://kimai.example.com' } })).toBe(true);
    expect(sharesSettingsWeek({ profile: { type: 'local' }, workWeek: HALF })).toBe(false);
    expect(sharesSettingsWeek({ profile: { type: 'clockodo', url: 'https://my.clockodo.com', email: 'ada@example.com' } })).toBe(false);
    expect(sharesSettingsWeek({ profile: { type: 'calamari', url: 'https://acme.calamari.io', email: 'ada@example.com' } })).toBe(false);
    expect(sharesSettingsWeek({ profile: { type: 'clockify', url: 'https://api.clockify.me' } })).toBe(false);
    expect(sharesSettingsWeek({ profile: { type: 'harvest', url: 'https://api.harvestapp.com' } })).toBe(false);
    // Tempo's schedule is the person's targets.
    expect(
      sharesSettingsWeek({ profile: { type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: 'https://api.tempo.io' } }),
    ).toBe(false);
  });

  it('a connection’s week is its own where its profile gives one, else the settings’', () => {
    const settings = {
      provider: { name: 'toggl', type: 'local' as const },
      trackers: [{ name: 'side', type: 'local' as const, workWeek: HALF }],
      workWeek: FULL,
    };
    expect(weekOfConnection(settings, 'side')).toEqual(HALF);
    expect(weekOfConnection(settings, 'toggl')).toEqual(FULL);
    expect(weekOfConnection(settings, 'renamed-meanwhile')).toEqual(FULL);
  });

  it('says the names of a group as a sentence does', () => {
    expect(namesTogether(['toggl', 'home'])).toBe('toggl and home');
    expect(namesTogether(['a', 'b', 'c'])).toBe('a, b and c');
    expect(namesTogether(['solo'])).toBe('solo');
  });
});
