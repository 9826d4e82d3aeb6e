// manage_people's handler over the local timesheet plus a hand-written people part (AdminPeoplePart in
// mcp-server/providers/time-tracker.ts) that keeps four people, pages them two at a time, finds one
// by id, e-mail or name and records every write: what each action sends and answers, changes that are
// none already, the question asked before a write, and a back end's own refusals in its words. The
// refusals with codes are in test/mcp-server/contract/outcomes/admin.test.ts.
import { describe, expect, it } from 'vitest';
import { type Refusal, refusalOf } from '../../../mcp-server/contract/outcomes/refusals.ts';
import type { AdminPerson, NewPerson, PeopleWrite, PersonChanges } from '../../../mcp-server/domain/admin-people.ts';
import { type AdminPeoplePart, BackEndError } from '../../../mcp-server/providers/time-tracker.ts';
import type { Asker } from '../../../mcp-server/tools/asking.ts';
import managePeople from '../../../mcp-server/tools/manage-people.ts';
import { answering, questionOf } from './asking-rounds.ts';
import { useLocalTimesheet } from './local-tool-context.ts';
import { trackerWithPart } from './tracker-with-part.ts';
import { said } from '../../support/said-outcome.ts';

const NOW = Date.parse('2026-11-18T14:00:00Z');
const PAGE_SIZE = 2;
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

type Sent = ['invite', NewPerson] | ['update', number, PersonChanges] | ['active', number, boolean];

/** Kimai-like people: Ann is the administrator the key acts for; Cem is inactive. `words`: the back end's refusals. */
async function withPeople(words: { write?: (write: PeopleWrite) => Refusal | null; person?: AdminPeoplePart['personRefusal'] } = {}) {
  const local = await openTimesheet();
  const people: AdminPerson[] = [
    { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', role: 'ROLE_USER', active: true, teams: ['Web'] },
    { id: 7, name: 'Ann Admin', email: 'ann@example.com', role: 'ROLE_ADMIN', active: true, teams: [] },
    { id: 3, name: 'Bea Busy', email: 'bea@example.com', role: 'ROLE_TEAMLEAD', active: true, teams: ['Web', 'Ops'] },
    { id: 5, name: 'Cem Gone', email: '', role: 'ROLE_USER', active: false, teams: [] },
  ];
  const sent: Sent[] = [];
  const replace = (changed: AdminPerson) => {
    people[people.findIndex((one) => one.id === changed.id)] = changed;
    return changed;
  };
  const part: AdminPeoplePart = {
    roleWords: ['ROLE_USER', 'ROLE_TEAMLEAD', 'ROLE_ADMIN'],
    async people(includeInactive, page) {
      const shown = people.filter((person) => includeInactive || person.active).sort((a, b) => a.name.localeCompare(b.name));
      const totalPages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
      if (page > totalPages) throw new BackEndError('people_page_missing', { page, pages: totalPages });
      return { people: shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, totalPages, total: shown.length };
    },
    async person(reference) {
      const word = reference.toLowerCase();
      const found = people.filter((one) => String(one.id) === word || one.email === word || one.name.toLowerCase() === word);
      if (found.length !== 1) throw new BackEndError('person_not_found', { reference, where: 'in Kimai', list_shows: 'everyone', suggestions: [] });
      return found[0] as AdminPerson;
    },
    peopleWriteRefusal: (write) => words.write?.(write) ?? null,
    ...(words.person ? { personRefusal: words.person } : {}),
    managesRefusal: refusalOf('kimai_manages_nothing'),
    inviteNote: 'Tell them their password, or have them reset it.',
    async invite(person) {
      sent.push(['invite', person]);
      const made = { id: 20, name: person.name, email: person.email, role: person.role ?? 'ROLE_USER', active: true, teams: [] };
      people.push(made);
      return made;
    },
    async update(person, changes) {
      sent.push(['update', person.id, changes]);
      const { manages: _manages, ...fields } = changes;
      return replace({ ...person, ...fields });
    },
    async setActive(person, active) {
      sent.push(['active', person.id, active]);
      return replace({ ...person, active });
    },
    selfId: async () => 7,
  };
  const context = { ...local.context, tracker: trackerWithPart(local.tracker, 'admin_people', part) };
  const run = (args: Record<string, unknown>, ask: Asker = context.ask) => said(managePeople.handler(managePeople.input.parse(args), { ...context, ask }));
  return { run, sent, people };
}

describe('manage_people', () => {
  it('lists the active people a page at a time, or everyone, and shows one', async () => {
    const { run, sent } = await withPeople();
    const first = await run({ action: 'list' });
    expect(first.text).toBe(
      [
        '3 people (active). Page 1 of 2; ask for page 2 for more.',
        '#1 "Ada Lovelace" <"ada@example.com">, "ROLE_USER"; teams: "Web"',
        '#7 "Ann Admin" <"ann@example.com">, "ROLE_ADMIN"',
      ].join('\n'),
    );
    expect(first.data).toMatchObject({ page: 1, total_pages: 2, total: 3 });
    const all = await run({ action: 'list', include_inactive: true, page: 2 });
    expect(all.text).toBe(
      ['4 people.', '#3 "Bea Busy" <"bea@example.com">, "ROLE_TEAMLEAD"; teams: "Web", "Ops"', '#5 "Cem Gone", "ROLE_USER" (inactive)'].join('\n'),
    );
    const shown = await run({ action: 'show', person: ' bea@example.com ' });
    expect(shown.text).toBe('#3 "Bea Busy" <"bea@example.com">, "ROLE_TEAMLEAD"; teams: "Web", "Ops"');
    expect(shown.data.people).toEqual([{ id: 3, name: 'Bea Busy', email: 'bea@example.com', role: 'ROLE_TEAMLEAD', active: true, teams: ['Web', 'Ops'] }]);
    await expect(run({ action: 'list', page: 3 })).rejects.toMatchObject({
      message: 'There is no page 3 of these people: there are 2 pages.',
      refusal: { code: 'people_page_missing', facts: { page: 3, pages: 2 } },
    });
    expect(sent).toEqual([]);
  });

  it("invites someone with the back end's own role word, saying what they do next", async () => {
    const { run, sent } = await withPeople();
    const { text, data } = await run({ action: 'invite', name: ' Dana New ', email: ' dana@example.com', role: 'role_teamlead' });
    expect(sent).toEqual([['invite', { name: 'Dana New', email: 'dana@example.com', role: 'ROLE_TEAMLEAD' }]]);
    expect(text).toBe('Invited "Dana New" <"dana@example.com"> (#20). Tell them their password, or have them reset it.');
    expect(data.people[0]).toMatchObject({ id: 20, role: 'ROLE_TEAMLEAD', active: true });
  });

  it('updates only what differs, says what changed and keeps the person as they were for the record', async () => {
    const { run, sent } = await withPeople();
    const { text, data } = await run({ action: 'update', person: 'Ada Lovelace', name: 'Ada King', email: 'ADA@example.com', role: 'ROLE_TEAMLEAD' });
    expect(sent).toEqual([['update', 1, { name: 'Ada King', role: 'ROLE_TEAMLEAD' }]]);
    expect(text).toBe('Changed "Ada King" <"ada@example.com"> (#1): name "Ada Lovelace" → "Ada King", role "ROLE_USER" → "ROLE_TEAMLEAD".');
    expect(data).toMatchObject({ people: [{ name: 'Ada King', role: 'ROLE_TEAMLEAD' }], before: { name: 'Ada Lovelace', role: 'ROLE_USER' } });
    const same = await run({ action: 'update', person: '3', role: 'ROLE_TEAMLEAD' });
    expect(same.text).toBe('"Bea Busy" <"bea@example.com"> (#3) has these already. Nothing was changed.');
    expect(sent).toHaveLength(1);
  });

  it('deactivates and reactivates, and sends nothing for someone who is so already', async () => {
    const { run, sent, people } = await withPeople();
    expect((await run({ action: 'deactivate', person: 'Bea Busy' })).text).toBe('Deactivated "Bea Busy" <"bea@example.com"> (#3).');
    expect((await run({ action: 'reactivate', person: '5' })).text).toBe('Reactivated "Cem Gone" (#5).');
    expect((await run({ action: 'deactivate', person: 'bea busy' })).text).toBe(
      '"Bea Busy" <"bea@example.com"> (#3) is inactive already. Nothing was changed.',
    );
    expect(sent).toEqual([
      ['active', 3, false],
      ['active', 5, true],
    ]);
    expect(people.map((person) => [person.name, person.active])).toEqual([
      ['Ada Lovelace', true],
      ['Ann Admin', true],
      ['Bea Busy', false],
      ['Cem Gone', true],
    ]);
  });

  it('where the client can ask, says what the write does first, and a "no" sends nothing', async () => {
    const { run, sent } = await withPeople();
    const args = { action: 'deactivate', person: 'Ada Lovelace' };
    const question = await questionOf('manage_people', args, (ask) => run(args, ask));
    expect(question.params.message).toBe('Deactivate "Ada Lovelace" <"ada@example.com"> (#1)? They can no longer sign in; their time stays.');
    await expect(run(args, answering('manage_people', args, question, 'decline'))).rejects.toThrow(
      '"Ada Lovelace" <"ada@example.com"> (#1) was not deactivated: you said no when asked. Nothing was changed.',
    );
    expect(sent).toEqual([]);
    const invite = { action: 'invite', name: 'Dana New', email: 'dana@example.com' };
    expect((await questionOf('manage_people', invite, (ask) => run(invite, ask))).params.message).toBe(
      'Invite "Dana New" <dana@example.com>? They get an account that can sign in.',
    );
    const update = { action: 'update', person: 'Bea Busy', email: 'bea@example.org' };
    expect((await questionOf('manage_people', update, (ask) => run(update, ask))).params.message).toBe(
      'Change "Bea Busy" <"bea@example.com"> (#3): e-mail "bea@example.com" → "bea@example.org"?',
    );
    expect(sent).toEqual([]);
  });

  it("refuses in the back end's own words a write it cannot make, manages where roles name nobody, and a person it will not change", async () => {
    const { run, sent } = await withPeople({
      write: (write) => (write === 'invite' ? refusalOf('calamari_people_read_only', { write }) : null),
      person: (_write, person) => (person.id === 3 ? refusalOf('clockify_owner_untouchable', { person: person.name }) : null),
    });
    await expect(run({ action: 'invite', name: 'Dana', email: 'dana@example.com' })).rejects.toMatchObject({
      message: "Punchcard only reads Calamari's employee list: it does not invite anyone there. Do it in Calamari's own screens. Nothing was sent.",
      refusal: { code: 'calamari_people_read_only', facts: { write: 'invite' } },
    });
    await expect(run({ action: 'update', person: 'Ada Lovelace', manages: ['Web'] })).rejects.toMatchObject({
      message:
        "Kimai's roles name nobody and nothing they manage (a team lead leads the teams that name them so; manage_teams sets that). Leave out manages. Nothing was sent.",
      refusal: { code: 'kimai_manages_nothing' },
    });
    await expect(run({ action: 'deactivate', person: 'Bea Busy' })).rejects.toMatchObject({
      message:
        '"Bea Busy" owns the workspace: Clockify lets nobody deactivate the owner or change their role (ownership is handed over in Clockify\'s workspace settings). Nothing was sent.',
      refusal: { code: 'clockify_owner_untouchable', facts: { person: 'Bea Busy' } },
    });
    expect(sent).toEqual([]);
  });
});
