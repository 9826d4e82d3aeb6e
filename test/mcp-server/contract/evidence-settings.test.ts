// The `evidence` settings: every source off until named, each field falling back alone, no feed
// secret in the file, and the evidence tools offered only once a source is on.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../mcp-server/contract/default-settings.ts';
import { evidenceSourcesOn, feedAddressProblem } from '../../../mcp-server/contract/evidence-settings.ts';
import { parseSettings } from '../../../mcp-server/contract/parse-settings.ts';
import { TOOL_CATALOG, TOOL_NAMES } from '../../../mcp-server/contract/tool-catalog.ts';
import { isToolEnabled } from '../../../mcp-server/contract/tool-policy.ts';

const evidenceTools = () => TOOL_NAMES.filter((name) => TOOL_CATALOG[name].group === 'evidence');

function parsed(raw: unknown) {
  const verdict = parseSettings(raw);
  if (!verdict.ok) throw new Error(verdict.problem);
  return verdict;
}

describe('the evidence settings', () => {
  it('leave every source off in a file without them', () => {
    const { settings, notes } = parsed({ user: { name: 'Ada' } });
    expect(notes).toEqual([]);
    expect(evidenceSourcesOn(settings.evidence)).toEqual([]);
  });

  it('read sources, rules and addresses in their normal forms', () => {
    const { settings, notes } = parsed({
      evidence: {
        emails: [' Ada@Example.com '],
        calendars: [
          { name: 'Work', file: '/home/ada/work.ics' },
          { name: 'Team', url: 'https://calendar.example.com/ada/{secret}/basic.ics' },
        ],
        git: { folders: ['/home/ada/src'] },
        activity: { enabled: true },
        aiSessions: { enabled: false },
        rules: [{ source: 'git', match: 'importer', project: 'Website', activity: 'Development' }],
      },
    });
    expect(notes).toEqual([]);
    expect(settings.evidence.emails).toEqual(['ada@example.com']);
    expect(evidenceSourcesOn(settings.evidence)).toEqual(['calendar', 'git', 'activity']);
  });

  it('fall back field by field, naming what was wrong, and never switch a source on by mistake', () => {
    const { settings, notes } = parsed({
      evidence: {
        emails: ['not an address'],
        calendars: [{ name: 'A', file: '/a.ics', url: 'https://x.example/a.ics' }],
        activity: { enabled: 'yes' },
        git: { folders: ['/src'] },
      },
    });
    expect(settings.evidence.emails).toEqual([]);
    expect(settings.evidence.calendars).toEqual([]);
    expect(settings.evidence.activity.enabled).toBe(false);
    expect(settings.evidence.git.folders).toEqual(['/src']);
    expect(notes.join('\n')).toMatch(/evidence\.emails/);
    expect(notes.join('\n')).toMatch(/evidence\.calendars/);
    expect(notes.join('\n')).toMatch(/evidence\.activity/);
  });

  it('refuse two calendars of one name', () => {
    const { settings, notes } = parsed({
      evidence: {
        calendars: [
          { name: 'Work', file: '/a.ics' },
          { name: 'work', file: '/b.ics' },
        ],
      },
    });
    expect(settings.evidence.calendars).toEqual([]);
    expect(notes.join('\n')).toMatch(/calendars with names of their own/);
  });
});

describe('a feed address in the settings file', () => {
  it.each([
    'https://calendar.google.com/calendar/ical/ada%40example.com/private-0123456789abcdef/basic.ics',
    'https://outlook.office365.com/owa/calendar/1234@example.com/abcdef0123/calendar.ics',
    'https://ada:hunter2@dav.example.com/cal.ics',
    'https://calendar.example.com/feed.ics?token=abc',
  ])('is refused where it carries its secret: %s', (address) => {
    expect(feedAddressProblem(address)).toMatch(/keychain/);
    const { settings, notes } = parsed({ evidence: { calendars: [{ name: 'Work', url: address }] } });
    expect(settings.evidence.calendars).toEqual([]);
    // The note shows the value cut short; the sentence still names what to do.
    expect(notes.join('\n')).toMatch(/keychain/);
  });

  it.each(['{secret}', 'https://calendar.google.com/calendar/ical/ada%40example.com/{secret}/basic.ics', 'webcal://calendar.example.com/public.ics'])(
    'is taken with the placeholder or without a secret: %s',
    (address) => {
      expect(feedAddressProblem(address)).toBeNull();
    },
  );

  it('is an http(s) or webcal address', () => {
    expect(feedAddressProblem('file:///etc/passwd')).toMatch(/http\(s\) or webcal/);
    expect(feedAddressProblem('not a url')).toMatch(/http\(s\) or webcal/);
  });
});

describe('the evidence tools', () => {
  it('are offered to no AI client until a source is on, then on by default', () => {
    const settings = defaultSettings();
    expect(evidenceTools()).toEqual(['suggest_entries', 'book_suggested_entries']);
    for (const name of evidenceTools()) expect(isToolEnabled(TOOL_CATALOG[name], settings, { allTools: false })).toBe(false);
    settings.evidence.git.folders = ['/src'];
    for (const name of evidenceTools()) expect(isToolEnabled(TOOL_CATALOG[name], settings, { allTools: false })).toBe(true);
    settings.tools.groups.evidence = false;
    for (const name of evidenceTools()) expect(isToolEnabled(TOOL_CATALOG[name], settings, { allTools: false })).toBe(false);
  });
});
