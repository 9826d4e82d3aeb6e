// The Administration screen's words after a change, made from the tool's structured answer: no record
// numbers, no tool names, no ISO days, and nothing the answer says lost.
import { describe, expect, it } from 'vitest';
import {
  archivedWords,
  catalogUpdatedWords,
  correctionWords,
  createdWords,
  personChangedWords,
  rateChangedWords,
  tagCreatedWords,
  teamChangedWords,
} from '../../../main/engine/admin-words.ts';

const en = { locale: 'en-US' };

describe('catalog words', () => {
  it('says what was created, under what, without its number', () => {
    expect(createdWords({ id: 12, kind: 'project', name: 'Website', parent: 'Acme' })).toBe('Created project "Website" under Acme.');
    expect(createdWords({ id: 3, kind: 'customer', name: 'Acme', parent: null })).toBe('Created customer "Acme".');
  });

  it('says archived or restored', () => {
    expect(archivedWords({ id: 5, kind: 'activity', name: 'Support', archived: true })).toBe('Archived activity "Support".');
    expect(archivedWords({ id: 5, kind: 'activity', name: 'Support', archived: false })).toBe('Restored activity "Support".');
  });

  it('says each changed field before and after, days in the calendar’s words, and a value the back end kept otherwise', () => {
    const answer = {
      id: 7,
      kind: 'project' as const,
      name: 'Website',
      before: { budget_hours: 10, billable: false, end: null },
      after: { budget_hours: 20, billable: true, end: '2026-06-30' },
    };
    expect(catalogUpdatedWords(answer, { budget_hours: 20, billable: true, end: '2026-06-30' }, en)).toBe(
      'Changed the project "Website": time budget 10 h → 20 h; billable no → yes; end none → Jun 30, 2026.',
    );
    expect(catalogUpdatedWords({ ...answer, before: { budget_hours: 10 }, after: { budget_hours: 15 } }, { budget_hours: 15.5 }, en)).toBe(
      'Changed the project "Website": time budget 10 h → 15 h. The back end kept the time budget as 15 h, not 15.5 h as asked.',
    );
    expect(catalogUpdatedWords({ ...answer, before: {}, after: {} })).toBe('The project "Website" has all that already: nothing was changed.');
  });

  it('names the tag created', () => {
    expect(tagCreatedWords({ action: 'create', tags: [{ id: 4, name: 'urgent', color: '#ff0000', archived: false }] })).toBe('Created the tag "urgent".');
  });
});

describe('people words', () => {
  const ada = { id: 9, name: 'Ada', email: 'ada@example.org', role: 'user', active: true, teams: [] };
  it('says an invitation, a change field by field, and a deactivation, without numbers', () => {
    expect(personChangedWords({ action: 'invite', people: [ada] })).toBe('Invited "Ada" <ada@example.org>.');
    expect(personChangedWords({ action: 'update', people: [{ ...ada, role: 'teamlead' }], before: ada })).toBe(
      'Changed "Ada" <ada@example.org>: role user → teamlead.',
    );
    expect(personChangedWords({ action: 'deactivate', people: [{ ...ada, active: false }], before: ada })).toBe('Deactivated "Ada" <ada@example.org>.');
    expect(personChangedWords({ action: 'deactivate', people: [{ ...ada, active: false }] })).toBe(
      '"Ada" <ada@example.org> is inactive already. Nothing was changed.',
    );
    expect(personChangedWords({ action: 'update', people: [ada] })).toBe('"Ada" <ada@example.org> has these already. Nothing was changed.');
  });
});

describe('team words', () => {
  const members = [
    { id: 1, name: 'Ada', lead: true },
    { id: 2, name: 'Grace', lead: false },
  ];
  it('says each change by name, never by number', () => {
    expect(teamChangedWords({ action: 'create', teams: [{ id: 4, name: 'Ops', members: [] }] }, { action: 'create', name: 'Ops' })).toBe(
      'Created the team "Ops".',
    );
    expect(
      teamChangedWords({ action: 'create', teams: [{ id: 4, name: 'Ops', members: [members[0] as (typeof members)[0]] }] }, { action: 'create', name: 'Ops' }),
    ).toBe('Created the team "Ops" with "Ada".');
    expect(teamChangedWords({ action: 'add_members', teams: [{ id: 4, name: 'Ops', members }] }, { action: 'add_members', people: ['2'] })).toBe(
      'Added "Grace" to the team "Ops"; it has 2 members now.',
    );
    expect(
      teamChangedWords(
        { action: 'remove_members', teams: [{ id: 4, name: 'Ops', members: [members[0] as (typeof members)[0]] }] },
        { action: 'remove_members', people: [2] },
        { name: 'Ops', members },
      ),
    ).toBe('Removed "Grace" from the team "Ops"; 1 member stays.');
    expect(teamChangedWords({ action: 'set_lead', teams: [{ id: 4, name: 'Ops', members }] }, { action: 'set_lead', person: 2 })).toBe(
      '"Grace" now leads the team "Ops".',
    );
    expect(teamChangedWords({ action: 'delete', teams: [], deleted: { id: 4, name: 'Ops' } }, { action: 'delete' })).toBe('Deleted the team "Ops".');
  });
});

describe('rate words', () => {
  const base = { action: 'set' as const, kind: 'project' as const, item: { id: 12, name: 'Website' }, currency: 'EUR', rates: [] };
  it('says the rate before and after, fixed or hourly, with the internal rate', () => {
    expect(rateChangedWords({ ...base, before: null, after: { hourly: 80, fixed: null, internal: 50 } }, 'everyone')).toBe(
      'Set the rate of the project "Website" for everyone: none → 80 EUR an hour, internal 50 EUR.',
    );
    expect(
      rateChangedWords({ ...base, before: { hourly: 80, fixed: null, internal: null }, after: { hourly: null, fixed: 500.125, internal: null } }, 'Ada'),
    ).toBe('Set the rate of the project "Website" for Ada: 80 EUR an hour → 500.125 EUR per time entry (fixed).');
    expect(rateChangedWords({ ...base, before: { hourly: 80, fixed: null, internal: null }, after: { hourly: 80, fixed: null, internal: null } }, 'Ada')).toBe(
      'The rate of the project "Website" for Ada is 80 EUR an hour already. Nothing was changed.',
    );
    expect(rateChangedWords({ ...base, action: 'remove', currency: null, before: { hourly: 80, fixed: null, internal: null }, after: null }, 'everyone')).toBe(
      'Removed the rate of the project "Website" for everyone (was 80 an hour). Amounts are in the currency of the customer booked for.',
    );
  });
});

describe('correction words', () => {
  const answer = {
    changed: false,
    count: 3,
    hours: 4.5,
    locked_until: '2026-04-30',
    not_touched: [{ id: 1, start: '2026-04-02T09:00:00+02:00', person: 'Ada', reason: 'locked' as const }],
    entries: [],
  };
  it('says a preview as a preview, with what it leaves alone and the lock', () => {
    expect(correctionWords(answer, en)).toBe(
      'Would change 3 entries (4.5 h). It leaves 1 entry in the locked period as they are. The period is locked until Apr 30, 2026.\nNothing was changed yet.',
    );
    expect(correctionWords({ ...answer, changed: true, not_touched: [] }, en)).toBe('Changed 3 entries (4.5 h).');
    expect(correctionWords({ ...answer, count: 0, hours: 0, locked_until: null, not_touched: [] }, en)).toBe('No entry would change.');
  });
});
