// The team server acting for Ada with one credential of the organisation's (docs/team-server/README.md, "One
// organisation credential"; docs/back-ends/<name>.md, "Acting for others"), the same on every back end that has one
// (BehaviourBackEnd.organisation): the engine as the team server builds it for her, over the world with a key that
// could reach everyone (an administrator's, the owner's, the organisation's) and Secret, a project Ada may not book.
// Her time is booked as hers and she sees hers alone; Bob's entry by its number and Secret are refused with nothing
// written; what the key could do beyond her is withheld as the organisation account's. Calamari's key is the
// organisation's by nature: its world is the ordinary one, pinned to nobody, and what it lacks is the back end's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_CONTRACTS } from '../../mcp-server/contract/tools/index.ts';
import { ORGANISATION_BACK_ENDS } from '../../team-server/config/server-config.ts';
import { refusalOf, type ToolResult } from '../support/engine.ts';
import { at, booking, ORGANISATION, type OrganisationWorld, utc, WORLD } from './harness.ts';
import { BACK_ENDS, toolsOf, useWorld } from './suite.ts';

type Entry = { id: number; start: string; end: string | null; minutes: number; project: string | null; description: string };
const shown = (entry: Entry) => [entry.start, entry.end, entry.minutes, entry.project, entry.description];
const entryOf = (result: ToolResult) => (result.structuredContent as { entry: Entry }).entry;

describe.each(BACK_ENDS.filter((backEnd) => backEnd.organisation !== undefined))('the organisation credential on $name', (backEnd) => {
  const organisation = backEnd.organisation as OrganisationWorld;
  const world = useWorld(backEnd, () => organisation.start());

  it("books Ada's time as hers, and lists hers alone: never Bob's hour", async () => {
    const day = '2026-11-16';
    const mark = world().mark();
    const logged = await world().call('log_time', {
      ...booking(backEnd, WORLD.website),
      start: at(day, '11:00'),
      end: at(day, '12:30'),
      description: 'Review',
    });
    expect(shown(entryOf(logged))).toEqual([at(day, '11:00'), at(day, '12:30'), 90, WORLD.website, 'Review']);
    // A write the fake's log shows: what the refusals below must not leave.
    expect(mark.writes()).not.toEqual([]);
    const listed = (await world().call('list_time_entries', { from: day, to: day })).structuredContent as { entries: Entry[]; total: number };
    expect(listed.entries.map(shown)).toEqual([[at(day, '11:00'), at(day, '12:30'), 90, WORLD.website, 'Review']]);
    expect(listed.total).toBe(1);
    // Ada's in the back end, not the key holder's.
    expect(world().entries()).toEqual([{ start: utc(at(day, '11:00')), end: utc(at(day, '12:30')), project: WORLD.website, description: 'Review' }]);
  });

  // Only where a number can name Bob's entry (BehaviourBackEnd.namesColleagueEntries) and entries can be changed at all.
  if (backEnd.namesColleagueEntries && organisation.capabilities.has('entries_edit'))
    it("Bob's entry by its number is refused as not Ada's (entry_not_yours), with nothing written", async () => {
      const id = world().colleagueEntryId as number;
      const before = world().entries();
      const mark = world().mark();
      for (const [tool, args] of [
        ['update_time_entry', { id, description: 'Mine now' }],
        ['delete_time_entry', { id }],
      ] as const) {
        const refused = await world().call(tool, args);
        expect(refused.isError, tool).toBe(true);
        expect(refusalOf(refused), tool).toEqual({ code: 'entry_not_yours', facts: { entry: id } });
      }
      expect(mark.writes()).toEqual([]);
      expect(world().entries()).toEqual(before);
    });

  it('does not list Secret, which Ada may not book, and refuses a booking on it by log_time and clock_in, with nothing written', async () => {
    const catalog = (await world().call('list_catalog', { include_archived: true })).structuredContent as { projects: Array<{ name: string }> };
    expect(catalog.projects.map((project) => project.name)).not.toContain(ORGANISATION.closed);
    const before = world().entries();
    const mark = world().mark();
    for (const [tool, args] of [
      ['log_time', { ...booking(backEnd, ORGANISATION.closed), date: '2026-11-17', duration: '1h' }],
      ['clock_in', booking(backEnd, ORGANISATION.closed)],
    ] as const) {
      const refused = await world().call(tool, args);
      expect(refused.isError, tool).toBe(true);
      expect(refusalOf(refused), tool).toMatchObject({ code: 'catalog_item_unknown', facts: { kind: 'project', name: ORGANISATION.closed } });
    }
    expect(mark.writes()).toEqual([]);
    expect(world().entries()).toEqual(before);
  });

  const why = organisation.pinned ? 'organisation_account' : 'back_end';
  it(
    organisation.pinned
      ? 'withholds what the key could do beyond Ada: each tool not offered answers tool_withheld, why organisation_account, with nothing written'
      : "withholds nothing for the key's sake: each tool not offered is the back end's (tool_withheld, why back_end), with nothing written",
    async () => {
      const listed = (await world().engine.client.listTools()).tools.map((tool) => tool.name);
      const withheld = Object.values(TOOL_CONTRACTS)
        .map((tool) => tool.name)
        .filter((name) => !listed.includes(name));
      // Catalog writes would be made with the key's rights, not Ada's: never offered this way.
      expect(withheld).toEqual(expect.arrayContaining(toolsOf('catalog_write')));
      const mark = world().mark();
      for (const tool of withheld) {
        const refused = await world().call(tool);
        expect(refused.isError, tool).toBe(true);
        expect(refusalOf(refused), tool).toMatchObject({ code: 'tool_withheld', facts: { tool, why } });
      }
      expect(mark.writes()).toEqual([]);
    },
  );
});

// Said in a test, never skipped: a back end the team server cannot act for people on with one credential.
const ORGANISATION_TYPES = ORGANISATION_BACK_ENDS.map((backEnd) => backEnd.type);
for (const backEnd of BACK_ENDS.filter((item) => item.organisation === undefined)) {
  describe(`the organisation credential on ${backEnd.name}`, () => {
    const world = useWorld(backEnd);
    it(`${backEnd.name} has no organisation credential: the team server takes sign_in.organisation on ${ORGANISATION_TYPES.join(', ')} alone`, () => {
      // The back end as its file started it (the settings' provider).
      const settings = JSON.parse(readFileSync(join(world().engine.userDataDir, 'config.json'), 'utf8')) as { provider: { type: string } };
      expect(ORGANISATION_TYPES).not.toContain(settings.provider.type);
    });
  });
}
