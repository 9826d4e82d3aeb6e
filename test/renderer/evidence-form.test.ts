// The Evidence form as plain data (renderer/src/screens/evidence-form.ts): a feed whose address is in
// the keychain shows none and is sent as saved until a new one is typed; the lists the person typed are
// split and trimmed; a row missing what it needs is named before anything is sent.
import { describe, expect, it } from 'vitest';
import type { EvidenceView } from '../../window-contract/evidence.ts';
import { feedHint, formProblem, fromView, newCalendar, newRule, patchRow, requestOf, type CalendarRow } from '../../renderer/src/screens/evidence-form.ts';

const SAVED: EvidenceView = {
  evidence: {
    emails: ['ada@example.com', 'ada@home.example'],
    calendars: [
      { name: 'Work', url: '{secret}' },
      { name: 'Team', url: 'https://calendar.example.com/team/{secret}/basic.ics' },
      { name: 'Local', file: '/home/ada/cal.ics' },
    ],
    git: { folders: ['/home/ada/src'] },
    activity: { enabled: true },
    aiSessions: { enabled: false },
    rules: [{ source: 'git', match: 'importer', project: 'Website' }],
  },
  feeds: [
    { name: 'Work', hasSecret: true },
    { name: 'Team', hasSecret: false },
  ],
  credentialProblem: null,
};

describe('the Evidence form', () => {
  it('sends back what it was given while nothing is typed, a feed in the keychain as saved', () => {
    expect(requestOf(fromView(SAVED))).toEqual({ evidence: SAVED.evidence });
  });

  it('shows no address for a feed wholly in the keychain, and says where each feed’s secret is', () => {
    const [work, team, local] = fromView(SAVED).calendars as [CalendarRow, CalendarRow, CalendarRow];
    expect(work).toMatchObject({ kind: 'url', location: '', hasSecret: true });
    expect(feedHint(work)).toBe('Its secret is in the keychain. Enter the address again to replace it.');
    expect(feedHint(team)).toBe('No secret saved for it: enter the feed’s secret address again.');
    expect(feedHint({ ...newCalendar(), kind: 'url' })).toBe('A secret address (Google’s or Outlook’s) goes to the keychain, not into the settings file.');
    expect(feedHint(local)).toBeUndefined();
  });

  it('splits and trims the lists the person typed, and leaves out an empty rule source and activity', () => {
    const form = { ...fromView(SAVED), emails: ' a@example.com;b@example.com  c@example.com,', folders: '/one\n\n /two \n', calendars: [] };
    form.rules = [{ ...newRule(), match: ' x ', project: ' P ', activity: '  ' }];
    expect(requestOf(form).evidence).toMatchObject({
      emails: ['a@example.com', 'b@example.com', 'c@example.com'],
      git: { folders: ['/one', '/two'] },
      rules: [{ match: 'x', project: 'P' }],
    });
  });

  it('names the first row missing what it needs', () => {
    const form = fromView(SAVED);
    expect(formProblem(form)).toBeNull();
    expect(formProblem({ ...form, calendars: [...form.calendars, newCalendar()] })).toBe('Calendar 4: give it a name.');
    const local = form.calendars.find((row) => row.name === 'Local') as CalendarRow;
    const noPath = patchRow(form.calendars, local.key, { location: ' ' });
    expect(formProblem({ ...form, calendars: noPath })).toBe('Calendar “Local”: enter the file’s path.');
    expect(formProblem({ ...form, rules: [...form.rules, { ...newRule(), match: 'x' }] })).toBe('Rule 2: enter the text to find and the project it means.');
  });
});
