// The fields a company adds to entries (docs/tools.md, "Custom fields"): Clockify's custom fields, Kimai's meta
// fields, the same wherever the back end keeps them (BehaviourBackEnd.fields), over the world with Acme's fields
// (FIELDS): a Ticket every entry on Website needs, a Cost centre any entry may carry. A required field missing is
// refused before anything is written; given, the fields are written with the entry and shown; a value of the wrong
// form is refused. Where the back end keeps no such fields, `fields` is refused and an entry without them is taken.
// What only one tracker does (Clockify's timer that starts without them, Kimai's one request per field) is theirs.
import { describe, expect, it } from 'vitest';
import { refusalOf, type ToolResult } from '../support/engine.ts';
import { type BehaviourBackEnd, booking, FIELDS, WORLD } from './harness.ts';
import { BACK_ENDS, useWorld } from './suite.ts';

type Entry = { id: number; start: string; description: string; project: string | null; fields?: Record<string, unknown> };
const entryOf = (result: ToolResult) => (result.structuredContent as { entry: Entry }).entry;
const listed = async (world: ReturnType<typeof useWorld>, day: string) =>
  ((await world().call('list_time_entries', { from: day, to: day })).structuredContent as { entries: Entry[] }).entries;

/** The tools that write an entry, each with `fields` and what else it needs to get that far. */
function writes(backEnd: BehaviourBackEnd): Array<[string, Record<string, unknown>]> {
  const fields = { [FIELDS.ticket]: 'SHOP-1' };
  const span = { start: '2026-11-10T09:00', end: '2026-11-10T10:00' };
  const all: Array<[string, Record<string, unknown>]> = [
    ['log_time', { ...booking(backEnd, WORLD.website), ...span, fields }],
    ['clock_in', { ...booking(backEnd, WORLD.website), fields }],
    ['clock_out', { fields }],
    ['update_time_entry', { id: 1, fields }],
    ['record_agent_time', { ...booking(backEnd, WORLD.website), ...span, description: 'Ran the suite', fields }],
    ['book_suggested_entries', { from: '2026-11-10', entries: [{ id: 'any', fields }] }],
  ];
  return all.filter(([tool]) => tool !== 'update_time_entry' || backEnd.capabilities.has('entries_edit'));
}

/**
 * Documented differences (README.md, "What differs, and stays with each back end"): Tempo's work attributes are the
 * site's, required on every issue alike (docs/back-ends/tempo.md, "Work attributes"), so the Ticket Acme requires on
 * Website is asked on Internal too, and taken there.
 */
const SITE_WIDE = new Set(['Tempo Timesheets']);

describe.each(BACK_ENDS.filter((backEnd) => backEnd.fields !== undefined && backEnd.capabilities.has('entries')))('custom fields on $name', (backEnd) => {
  const world = useWorld(backEnd, () => backEnd.start({ fields: true }));
  const names = backEnd.fields as NonNullable<BehaviourBackEnd['fields']>;
  /** Ada's entries on `day` as the fake stores them, each with the fields it carries. */
  const storedOn = (day: string) => {
    const fields = world().entryFields?.() ?? [];
    return world()
      .entries()
      .map((entry, index) => ({ start: entry.start, description: entry.description, project: entry.project, fields: fields[index] }))
      .filter((entry) => entry.start.startsWith(day))
      .map(({ start: _start, ...entry }) => entry);
  };

  it('log_time on Website without the Ticket is refused as fields_required, naming it, with nothing written', async () => {
    const before = world().entries();
    const mark = world().mark();
    const refused = await world().call('log_time', { ...booking(backEnd, WORLD.website), date: '2026-11-16', duration: '1h' });
    expect(refused.isError).toBe(true);
    expect(refusalOf(refused)).toEqual({ code: 'fields_required', facts: { back_end: expect.any(String), missing: [names.ticket], choices: {} } });
    expect(mark.writes()).toEqual([]);
    expect(world().entries()).toEqual(before);
  });

  it('given, the fields are written with the entry, carried by it in the back end, and shown in list_time_entries', async () => {
    const day = '2026-11-17';
    const mark = world().mark();
    const logged = await world().call('log_time', {
      ...booking(backEnd, WORLD.website),
      date: day,
      duration: '2h',
      description: 'Checkout',
      // In the words a person gives them, whatever the tracker's names.
      fields: { [FIELDS.ticket]: 'SHOP-7', [FIELDS.costCentre]: 'Research' },
    });
    const carried = { [names.ticket]: 'SHOP-7', [names.costCentre]: 'Research' };
    expect(entryOf(logged)).toMatchObject({ project: WORLD.website, description: 'Checkout', fields: carried });
    // A write the fake's log shows: what the refusals must not leave.
    expect(mark.writes()).not.toEqual([]);
    expect((await listed(world, day)).map((entry) => [entry.id, entry.fields])).toEqual([[entryOf(logged).id, carried]]);
    expect(storedOn(day)).toEqual([{ description: 'Checkout', project: WORLD.website, fields: carried }]);
  });

  if (SITE_WIDE.has(backEnd.name)) {
    it(`${backEnd.name}'s fields are the site's: the Ticket is asked on Internal too, with nothing written, and taken there`, async () => {
      const day = '2026-11-13';
      const mark = world().mark();
      const refused = await world().call('log_time', { ...booking(backEnd, WORLD.internal), date: day, duration: '1h', description: 'Planning' });
      expect(refusalOf(refused)).toEqual({ code: 'fields_required', facts: { back_end: expect.any(String), missing: [names.ticket], choices: {} } });
      expect(mark.writes()).toEqual([]);
      const logged = await world().call('log_time', {
        ...booking(backEnd, WORLD.internal),
        date: day,
        duration: '1h',
        description: 'Planning',
        fields: { [FIELDS.ticket]: 'SHOP-9' },
      });
      expect(entryOf(logged).fields).toEqual({ [names.ticket]: 'SHOP-9' });
      expect(storedOn(day)).toEqual([{ description: 'Planning', project: WORLD.internal, fields: { [names.ticket]: 'SHOP-9' } }]);
    });
  } else {
    it('asks no Ticket on Internal, and refuses one there as a field Internal does not have, with nothing written', async () => {
      const day = '2026-11-13';
      const logged = await world().call('log_time', { ...booking(backEnd, WORLD.internal), date: day, duration: '1h', description: 'Planning' });
      expect(logged.isError).toBeFalsy();
      expect(entryOf(logged).fields ?? {}).toEqual({});
      const mark = world().mark();
      const refused = await world().call('log_time', {
        ...booking(backEnd, WORLD.internal),
        date: day,
        duration: '1h',
        fields: { [FIELDS.ticket]: 'SHOP-9' },
      });
      expect(refusalOf(refused)).toMatchObject({ code: 'field_value_invalid', facts: { field: names.ticket, problem: 'not_here' } });
      expect(mark.writes()).toEqual([]);
      expect(storedOn(day)).toEqual([{ description: 'Planning', project: WORLD.internal, fields: {} }]);
    });
  }

  it('a Cost centre not among its choices, or a field Acme does not have, is refused as field_value_invalid, with nothing written', async () => {
    const before = world().entries();
    const mark = world().mark();
    const website = { ...booking(backEnd, WORLD.website), date: '2026-11-12', duration: '1h' };
    const choice = await world().call('log_time', { ...website, fields: { [FIELDS.ticket]: 'SHOP-8', [FIELDS.costCentre]: 'Marketing' } });
    expect(refusalOf(choice)).toMatchObject({
      code: 'field_value_invalid',
      facts: { field: names.costCentre, problem: 'choice', choices: [...FIELDS.choices] },
    });
    const unknown = await world().call('log_time', { ...website, fields: { [FIELDS.ticket]: 'SHOP-8', Invoice: 'INV-1' } });
    expect(refusalOf(unknown)).toMatchObject({ code: 'field_value_invalid', facts: { field: 'Invoice', problem: 'unknown' } });
    expect(mark.writes()).toEqual([]);
    expect(world().entries()).toEqual(before);
  });

  it('update_time_entry keeps the fields it does not name and changes the one it names; clearing the Ticket is refused, with nothing written', async () => {
    const day = '2026-11-11';
    const fields = { [FIELDS.ticket]: 'SHOP-3', [FIELDS.costCentre]: 'Sales' };
    const logged = entryOf(await world().call('log_time', { ...booking(backEnd, WORLD.website), date: day, duration: '1h', description: 'Draft', fields }));
    const described = await world().call('update_time_entry', { id: logged.id, description: 'Basket' });
    expect(entryOf(described).fields).toEqual({ [names.ticket]: 'SHOP-3', [names.costCentre]: 'Sales' });
    const changed = await world().call('update_time_entry', { id: logged.id, fields: { [FIELDS.ticket]: 'SHOP-4' } });
    expect(entryOf(changed).fields).toEqual({ [names.ticket]: 'SHOP-4', [names.costCentre]: 'Sales' });
    const mark = world().mark();
    const cleared = await world().call('update_time_entry', { id: logged.id, fields: { [FIELDS.ticket]: '' } });
    expect(refusalOf(cleared)).toMatchObject({ code: 'fields_required', facts: { missing: [names.ticket] } });
    expect(mark.writes()).toEqual([]);
    expect((await listed(world, day)).map((entry) => [entry.description, entry.fields])).toEqual([
      ['Basket', { [names.ticket]: 'SHOP-4', [names.costCentre]: 'Sales' }],
    ]);
    expect(storedOn(day)).toEqual([{ description: 'Basket', project: WORLD.website, fields: { [names.ticket]: 'SHOP-4', [names.costCentre]: 'Sales' } }]);
  });
});

// Said in a test, never skipped: a back end that keeps no fields on entries refuses them from every tool that writes one.
for (const backEnd of BACK_ENDS.filter((item) => item.fields === undefined && item.capabilities.has('entries'))) {
  describe(`custom fields on ${backEnd.name}`, () => {
    const world = useWorld(backEnd);

    it(`${backEnd.name} keeps no custom fields: \`fields\` is refused from every tool that writes an entry (custom_fields_none), with nothing written`, async () => {
      const before = world().entries();
      for (const [tool, args] of writes(backEnd)) {
        const mark = world().mark();
        const refused = await world().call(tool, args);
        expect(refused.isError, tool).toBe(true);
        expect(refusalOf(refused), tool).toEqual({ code: 'custom_fields_none', facts: { back_end: expect.any(String) } });
        expect(mark.writes(), tool).toEqual([]);
      }
      expect(world().entries()).toEqual(before);
    });

    it(`${backEnd.name} takes an entry without fields, and with none given, and shows none`, async () => {
      const day = '2026-11-16';
      for (const fields of [undefined, {}]) {
        const logged = await world().call('log_time', { ...booking(backEnd, WORLD.website), date: day, duration: '1h', ...(fields ? { fields } : {}) });
        expect(logged.isError).toBeFalsy();
      }
      expect((await listed(world, day)).map((entry) => entry.fields ?? null)).toEqual([null, null]);
    });
  });
}
