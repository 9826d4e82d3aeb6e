import { describe, expect, it } from 'vitest';
import type { AdminPerson } from '../../../mcp-server/domain/admin-people.ts';
import { noPeoplePage, onePerson, personNumber } from '../../../mcp-server/providers/person-lookup.ts';
import { BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import { thrownAtOnce } from '../contract/outcomes/refused.ts';

const person = (id: number, name: string, email: string): AdminPerson => ({ id, name, email, role: null, active: true, teams: [] });
const EVERYONE = [
  person(1, 'Ada Lovelace', 'ada@acme.example'),
  person(2, 'Bob Ng', 'bob@acme.example'),
  person(3, 'Bob Ng', 'robert@acme.example'),
  person(4, 'Mia Bobrow', 'mia@acme.example'),
];
const IN_KIMAI = { where: 'in Kimai', listShows: 'everyone' };

const refusal = (run: () => unknown) => thrownAtOnce(run, BackEndError);

describe('personNumber', () => {
  it('reads "12" and "#12", with spaces around; an e-mail, a name or a number too long for an id is none', () => {
    expect([personNumber('12'), personNumber(' #12 '), personNumber('ada@acme.example'), personNumber('Bob 2'), personNumber('1234567890123')]).toEqual([
      12,
      12,
      null,
      null,
      null,
    ]);
  });
});

describe('onePerson', () => {
  it('finds one by number, e-mail or exact name, in any case', () => {
    const self = (record: AdminPerson) => record;
    expect(onePerson(EVERYONE, '#4', self, IN_KIMAI).name).toBe('Mia Bobrow');
    expect(onePerson(EVERYONE, ' ROBERT@acme.example ', self, IN_KIMAI).id).toBe(3);
    expect(onePerson(EVERYONE, 'ada lovelace', self, IN_KIMAI).id).toBe(1);
  });

  it('takes no look-alike e-mail for a colleague\'s: U+212A KELVIN SIGN lower-cases to "k", but names nobody here', () => {
    const self = (record: AdminPerson) => record;
    const kim = person(5, 'Kim Plain', 'kim@acme.example');
    const impostor = person(6, 'Not Kim', '\u212Aim@acme.example');
    expect(refusal(() => onePerson([kim], '\u212Aim@acme.example', self, IN_KIMAI)).refusal?.code).toBe('person_not_found');
    expect(refusal(() => onePerson([impostor], 'kim@acme.example', self, IN_KIMAI)).refusal?.code).toBe('person_not_found');
    // Both listed, each address names its own holder alone.
    expect(onePerson([kim, impostor], 'KIM@acme.example', self, IN_KIMAI).id).toBe(5);
    expect(onePerson([kim, impostor], '\u212Aim@acme.example', self, IN_KIMAI).id).toBe(6);
  });

  it('returns the record it was given, read through personOf', () => {
    const records = EVERYONE.map((entry) => ({ remoteId: `r${entry.id}`, person: entry }));
    expect(onePerson(records, 'mia@acme.example', (record) => record.person, IN_KIMAI).remoteId).toBe('r4');
  });

  it('refuses a name several people have, naming each by number', () => {
    const error = refusal(() => onePerson(EVERYONE, 'bob ng', (record) => record, IN_KIMAI));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe(
      'Several people are called "bob ng": "Bob Ng" <"bob@acme.example"> (#2), "Bob Ng" <"robert@acme.example"> (#3). Name one by id.',
    );
  });

  it('finds nobody with near names and e-mails offered, at most five', () => {
    const error = refusal(() => onePerson(EVERYONE, 'bob', (record) => record, IN_KIMAI));
    expect(error.kind).toBe('not_found');
    expect(error.message).toBe(
      'Nobody in Kimai is "bob"; did you mean "Bob Ng" <"bob@acme.example"> (#2), "Bob Ng" <"robert@acme.example"> (#3), "Mia Bobrow" <"mia@acme.example"> (#4)?',
    );
    const many = Array.from({ length: 8 }, (_, index) => person(10 + index, `Sam ${index}`, `sam${index}@acme.example`));
    expect(refusal(() => onePerson(many, 'sam', (record) => record, IN_KIMAI)).message.match(/\(#\d+\)/g)).toHaveLength(5);
  });

  it('suggests nobody for a number it does not find (a near number is another person), and says where the list is', () => {
    const scope = { where: 'in the user groups you manage', listShows: 'them' };
    const withDigits = [...EVERYONE, person(5, 'Desk 7', 'desk7@acme.example')];
    expect(refusal(() => onePerson(withDigits, '7', (record) => record, scope)).message).toBe('Nobody in the user groups you manage is "7"; list shows them.');
    expect(refusal(() => onePerson(EVERYONE, 'zed', (record) => record, IN_KIMAI)).message).toBe('Nobody in Kimai is "zed"; list shows everyone.');
  });
});

describe('noPeoplePage', () => {
  it('says how many pages there are', () => {
    expect(noPeoplePage(3, 1).message).toBe('There is no page 3 of these people: there is 1 page.');
    expect(noPeoplePage(9, 2)).toMatchObject({ kind: 'not_found', message: 'There is no page 9 of these people: there are 2 pages.' });
  });
});
