// The refusals of a catalog name (contract/outcomes/catalog.ts) as the tools throw them on the real
// local timesheet: a name no item has (with the names close to it only for a client that may list the
// catalog), one archived, an activity without its project where activities are a project's own, a kind
// the back end has none of, a parent that is none.
import { describe, expect, it } from 'vitest';
import type { Capability } from '../../../../mcp-server/providers/time-tracker.ts';
import archiveCatalogItem from '../../../../mcp-server/tools/archive-catalog-item.ts';
import createCatalogItem from '../../../../mcp-server/tools/create-catalog-item.ts';
import logTime from '../../../../mcp-server/tools/log-time.ts';
import { useLocalTimesheet } from '../../tools/local-tool-context.ts';
import { forPeople, refusalOf } from './refused.ts';

// Wednesday 18 November 2026, 15:00 in Berlin.
const NOW = Date.parse('2026-11-18T14:00:00Z');
const BOOKED = { start: '09:00', end: '10:00' };
const openTimesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

/** A timesheet whose catalog has the projects Acme Website, Internal and Legacy (archived). */
async function timesheet() {
  const local = await openTimesheet();
  await local.run(createCatalogItem, { kind: 'project', name: 'Acme Website' });
  await local.run(createCatalogItem, { kind: 'project', name: 'Internal' });
  const legacy = await local.run(createCatalogItem, { kind: 'project', name: 'Legacy' });
  await local.run(archiveCatalogItem, { kind: 'project', id: legacy.data.id });
  return local;
}

describe('a name no item has', () => {
  it('to a client that may list the catalog: the names known, and that one may be added', async () => {
    const { run } = await timesheet();
    const refusal = await refusalOf(run(logTime, { ...BOOKED, project: 'Nope' }));
    expect(refusal).toEqual({
      code: 'catalog_item_unknown',
      facts: { kind: 'project', name: 'Nope', listed: true, known: ['Acme Website', 'Internal'], creatable: true },
    });
    expect(forPeople(refusal)).toBe('No project "Nope". Known: "Acme Website", "Internal".');
  });

  it('to a client that may not: no names at all', async () => {
    const { context } = await timesheet();
    const unlisted = { ...context, catalogListed: false };
    const refusal = await refusalOf(logTime.handler(logTime.input.parse({ ...BOOKED, project: 'Acme' }), unlisted));
    expect(refusal).toEqual({ code: 'catalog_item_unknown', facts: { kind: 'project', name: 'Acme', listed: false, known: [], creatable: true } });
  });
});

describe('an item that cannot be booked on', () => {
  it('archived: the item, and whether Punchcard may restore it there', async () => {
    const { run } = await timesheet();
    const refusal = await refusalOf(run(logTime, { ...BOOKED, project: 'legacy' }));
    expect(refusal).toEqual({ code: 'catalog_item_archived', facts: { kind: 'project', name: 'Legacy', restorable: true, back_end: 'Local timesheet' } });
    expect(forPeople(refusal)).toBe('The project "Legacy" is archived, so no time can be booked on it. Restore it to use it.');
  });

  it('an activity named without its project, where activities are a project’s tasks', async () => {
    const { context, tracker } = await timesheet();
    const tasks = { ...context, tracker: { ...tracker, label: 'Clockify', catalog: { ...tracker.catalog, activitiesBelongToProjects: true } } };
    const refusal = await refusalOf(logTime.handler(logTime.input.parse({ ...BOOKED, activity: 'Design' }), tasks));
    expect(refusal).toEqual({ code: 'activity_needs_project', facts: { back_end: 'Clockify' } });
    expect(forPeople(refusal)).toBe("On Clockify an activity is one of a project's tasks: name the project too.");
  });

  it('a kind the back end has none of and none can be added: one to leave out', async () => {
    const { context, tracker } = await timesheet();
    const capabilities = new Set<Capability>([...tracker.capabilities].filter((capability) => capability !== 'catalog_write'));
    const none = { ...context, tracker: { ...tracker, label: 'Calamari', capabilities } };
    const refusal = await refusalOf(logTime.handler(logTime.input.parse({ ...BOOKED, activity: 'Meeting' }), none));
    expect(refusal).toEqual({ code: 'catalog_kind_empty', facts: { kind: 'activity', name: 'Meeting', back_end: 'Calamari' } });
  });
});

describe('create_catalog_item', () => {
  it('a parent for a customer, and a parent that is none', async () => {
    const { run } = await timesheet();
    expect(await refusalOf(run(createCatalogItem, { kind: 'customer', name: 'Acme', parent: 'Globex' }))).toEqual({
      code: 'customer_has_no_parent',
      facts: {},
    });
    const refusal = await refusalOf(run(createCatalogItem, { kind: 'activity', name: 'Design', parent: 'Nope' }));
    expect(refusal).toEqual({ code: 'catalog_parent_unknown', facts: { kind: 'project', name: 'Nope' } });
    expect(forPeople(refusal)).toBe('No project "Nope". Create it first.');
  });
});
