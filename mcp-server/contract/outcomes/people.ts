// Refusals of finding the one person manage_people names (providers/person-lookup.ts), the same on
// every back end that lists its people: a page past the last, a name several people have, nobody by
// that name or number. A person is named with their e-mail, and their number for the model.
import { counted } from './format.ts';
import { either, forModelOnly, outside, say } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** A person as a refusal names them: "Bob Ng <bob@acme.example> (#2)", the number for the model alone. */
type Named = { id: number; name: string; email: string };

const named = (people: readonly Named[]) => people.map((person) => say`${outside(person.name)} <${outside(person.email)}>${forModelOnly(` (#${person.id})`)}`);

/** "A, B, C" of sentences. */
function listed(people: readonly Named[]) {
  return named(people).flatMap((sentence, index) => (index === 0 ? [sentence] : [', ', sentence]));
}

export const peopleRefusals = refusalFamily({
  /** A page of manage_people's list past its last. */
  people_page_missing: {
    kind: 'not_found',
    say: (facts: { page: number; pages: number }) =>
      say`There is no page ${facts.page} of these people: there ${facts.pages === 1 ? 'is 1 page' : `are ${counted(facts.pages, 'page', 'pages')}`}.`,
    example: { page: 3, pages: 2 },
  },
  /** A name or e-mail several people have: each by number, to choose from. */
  person_ambiguous: {
    kind: 'conflict',
    say: (facts: { reference: string; matches: readonly Named[] }) =>
      say`Several people are called ${outside(facts.reference)}: ${listed(facts.matches)}. Name one by ${either('id', 'e-mail')}.`,
    example: {
      reference: 'bob ng',
      matches: [
        { id: 2, name: 'Bob Ng', email: 'bob@acme.example' },
        { id: 3, name: 'Bob Ng', email: 'robert@acme.example' },
      ],
    },
  },
  /**
   * Nobody by that name, e-mail or number `where` the back end looks ('in Kimai', 'in the user groups
   * you manage'); `suggestions`: people whose name or e-mail holds the words, or where the list is
   * (`list_shows`: 'everyone', or 'them' where the person sees only some).
   */
  person_not_found: {
    kind: 'not_found',
    say: (facts: { reference: string; where: string; list_shows: string; suggestions: readonly Named[] }) =>
      facts.suggestions.length > 0
        ? say`Nobody ${facts.where} is ${outside(facts.reference)}; did you mean ${listed(facts.suggestions)}?`
        : say`Nobody ${facts.where} is ${outside(facts.reference)}; ${either('list', 'the list')} shows ${facts.list_shows}.`,
    example: { reference: 'zed', where: 'in Kimai', list_shows: 'everyone', suggestions: [] },
  },
});
