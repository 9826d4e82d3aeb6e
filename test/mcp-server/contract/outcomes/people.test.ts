// Finding the one person manage_people names (providers/person-lookup.ts) refused as data
// (contract/outcomes/people.ts): the page, the people to choose from, the near names; a person reads
// them without the numbers only a model passes on.
import { describe, expect, it } from 'vitest';
import { refusalSentence } from '../../../../mcp-server/contract/outcomes/refusals.ts';
import { peopleText } from '../../../../mcp-server/contract/outcomes/sentence.ts';
import type { AdminPerson } from '../../../../mcp-server/domain/admin-people.ts';
import { noPeoplePage, onePerson } from '../../../../mcp-server/providers/person-lookup.ts';
import { BackEndError } from '../../../../mcp-server/providers/time-tracker.ts';
import { thrownAtOnce } from './refused.ts';

const person = (id: number, name: string, email: string): AdminPerson => ({ id, name, email, role: null, active: true, teams: [] });
const EVERYONE = [person(2, 'Bob Ng', 'bob@acme.example'), person(3, 'Bob Ng', 'robert@acme.example'), person(4, 'Mia Bobrow', 'mia@acme.example')];
const IN_KIMAI = { where: 'in Kimai', listShows: 'everyone' };

const refusal = (run: () => unknown) => thrownAtOnce(run, BackEndError);

const wordsFor = (error: BackEndError) => peopleText(refusalSentence(error.refusal));

describe('finding one person', () => {
  it('a page past the last', () => {
    expect(noPeoplePage(3, 1).refusal).toEqual({ code: 'people_page_missing', facts: { page: 3, pages: 1 } });
  });

  it('a name several people have: each of them, to choose from by e-mail', () => {
    const error = refusal(() => onePerson(EVERYONE, ' bob ng ', (record) => record, IN_KIMAI));
    expect(error.refusal).toEqual({
      code: 'person_ambiguous',
      facts: {
        reference: 'bob ng',
        matches: [
          { id: 2, name: 'Bob Ng', email: 'bob@acme.example' },
          { id: 3, name: 'Bob Ng', email: 'robert@acme.example' },
        ],
      },
    });
    expect(wordsFor(error)).toBe('Several people are called "bob ng": "Bob Ng" <"bob@acme.example">, "Bob Ng" <"robert@acme.example">. Name one by e-mail.');
  });

  it('nobody: the near names, or where the list is', () => {
    const near = refusal(() => onePerson(EVERYONE, 'mia', (record) => record, IN_KIMAI));
    expect(near.refusal).toEqual({
      code: 'person_not_found',
      facts: { reference: 'mia', where: 'in Kimai', list_shows: 'everyone', suggestions: [{ id: 4, name: 'Mia Bobrow', email: 'mia@acme.example' }] },
    });
    expect(wordsFor(near)).toBe('Nobody in Kimai is "mia"; did you mean "Mia Bobrow" <"mia@acme.example">?');
    const none = refusal(() => onePerson(EVERYONE, '#9', (record) => record, { where: 'in the user groups you manage', listShows: 'them' }));
    expect(none.refusal.facts).toEqual({ reference: '#9', where: 'in the user groups you manage', list_shows: 'them', suggestions: [] });
    expect(wordsFor(none)).toBe('Nobody in the user groups you manage is "#9"; the list shows them.');
  });
});
