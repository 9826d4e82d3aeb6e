// The pure core of a connection's own week on the Account screen (renderer/src/screens/connection-week.ts): the days
// as typed and their problems, the week sent, whether a back end is offered one, and what a connection's row says.
import { describe, expect, it } from 'vitest';
import { BACK_END_CHOICES } from '../../main/ipc/handlers/account.ts';
import { emptyForm, chosenOf } from '../../renderer/src/screens/account-form.ts';
import { checkAdd } from '../../renderer/src/screens/connection-form.ts';
import { draftHours, draftOf, offersWeek, weekFacts, weekOf, weekProblems } from '../../renderer/src/screens/connection-week.ts';
import type { AccountView, ConnectionView } from '../../window-contract/account.ts';

const TWENTY = { mon: 5, tue: 5, wed: 5, thu: 5, fri: 0, sat: 0, sun: 0 };
const row = (name: string, type: string, workWeek: ConnectionView['workWeek'] = null) =>
  ({ name, isDefault: name === 'acme', provider: { type }, hasCredential: true, workWeek }) as unknown as ConnectionView;
const account = (...connections: ConnectionView[]) =>
  ({ choices: BACK_END_CHOICES, provider: { type: 'kimai' }, hasCredential: true, connections }) as unknown as AccountView;

describe('the days of a week of its own', () => {
  it('start from five days of eight hours, or the week it has, and add up what can be read', () => {
    expect(draftOf(null)).toEqual({ mon: '8', tue: '8', wed: '8', thu: '8', fri: '8', sat: '0', sun: '0' });
    expect(draftOf(TWENTY).mon).toBe('5');
    expect(draftHours({ ...draftOf(TWENTY), fri: 'eight' })).toBe(20);
  });

  it('are checked as Preferences checks them, and sent only when every day will do', () => {
    const wrong = { ...draftOf(TWENTY), mon: '25', fri: 'eight' };
    expect(weekProblems(wrong)).toEqual({ mon: 'Monday: At most 24 hours.', fri: 'Friday: Enter a number of hours, such as 7.5.' });
    expect(weekOf(wrong)).toBeNull();
    expect(weekOf({ ...draftOf(TWENTY), tue: '4.5' })).toEqual({ ...TWENTY, tue: 4.5 });
  });

  it('go with Add connection only where they will do', () => {
    const view = account();
    const local = emptyForm('local');
    const refused = checkAdd(local, chosenOf(view, local), null, 'side', [], { ...draftOf(null), sun: '-1' });
    expect(refused.errors.week).toEqual({ sun: 'Sunday: Enter a number of hours, such as 7.5.' });
    expect(refused.request).toBeUndefined();
    const sent = checkAdd(local, chosenOf(view, local), null, 'side', [], draftOf(TWENTY));
    expect(sent.request?.connections).toEqual([{ name: 'side', provider: { type: 'local' }, workWeek: TWENTY }]);
  });
});

describe('a connection’s week as its row says it', () => {
  it('is offered only where the back end keeps no targets', () => {
    const view = account();
    expect(['local', 'kimai', 'toggl'].map((type) => offersWeek(view, type as never))).toEqual([true, true, true]);
    expect(['clockify', 'clockodo', 'calamari', 'harvest', 'tempo'].map((type) => offersWeek(view, type as never))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('is its own, the one in Preferences shared with the others that have none, or its back end’s', () => {
    const acme = row('acme', 'kimai');
    const beta = row('beta', 'clockify');
    const home = row('home', 'local');
    const side = row('side', 'toggl', TWENTY);
    // Tempo's schedule is the person's targets: its week is Tempo's.
    const jira = row('jira', 'tempo');
    const view = account(acme, beta, home, side, jira);
    expect([acme, beta, home, side, jira].map((one) => weekFacts(view, one))).toEqual([
      'the one in Preferences, shared with home',
      'kept by Clockify',
      'the one in Preferences, shared with acme',
      'its own, 20 hours a week (Mon 5, Tue 5, Wed 5, Thu 5)',
      'kept by Tempo Timesheets',
    ]);
    expect(weekFacts(account(acme, beta), acme)).toBe('the one in Preferences');
  });
});
