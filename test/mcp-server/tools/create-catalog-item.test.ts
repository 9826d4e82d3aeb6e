// create_catalog_item's handler on the real local timesheet: a customer, a project under it and an
// activity under that are stored with their parents, read back from the catalog; a parent the
// catalog lacks, a customer given a parent and a name already taken are refused and add nothing.
import { describe, expect, it } from 'vitest';
import createCatalogItem from '../../../mcp-server/tools/create-catalog-item.ts';
import { type LocalToolContext, useLocalTimesheet } from './local-tool-context.ts';

// Wednesday 18 November 2026, 15:00 in Berlin (the catalog keeps no times, but the timesheet needs a clock).
const NOW = Date.parse('2026-11-18T14:00:00Z');
const timesheet = useLocalTimesheet({ now: NOW, timezone: 'Europe/Berlin' });

async function names(tracker: LocalToolContext['tracker']) {
  const { customers, projects, activities } = await tracker.catalog.catalog(true);
  return {
    customers: customers.map((item) => item.name),
    projects: projects.map((item) => [item.name, item.customer?.name ?? null]),
    activities: activities.map((item) => [item.name, item.project?.name ?? null]),
  };
}

describe('create_catalog_item', () => {
  it('stores a customer, a project under it by name and an activity under that by id', async () => {
    const { run, tracker } = await timesheet();
    const customer = await run(createCatalogItem, { kind: 'customer', name: 'Acme' });
    expect(customer.text).toBe(`Created customer "Acme" (#${customer.data.id}).`);
    const project = await run(createCatalogItem, { kind: 'project', name: 'Website', parent: 'acme' });
    expect(project.text).toBe(`Created project "Website" (#${project.data.id}) under "Acme".`);
    expect(project.data).toMatchObject({ kind: 'project', name: 'Website', parent: 'Acme' });
    const activity = await run(createCatalogItem, { kind: 'activity', name: 'Design', parent: `#${project.data.id}` });
    expect(activity.text).toBe(`Created activity "Design" (#${activity.data.id}) under "Website".`);
    expect(await names(tracker)).toEqual({ customers: ['Acme'], projects: [['Website', 'Acme']], activities: [['Design', 'Website']] });
  });

  it('trims the name it is given', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'project', name: '  Intranet  ' });
    expect((await names(tracker)).projects).toEqual([['Intranet', null]]);
  });

  it('refuses a parent the catalog does not have, and adds nothing', async () => {
    const { run, tracker } = await timesheet();
    await expect(run(createCatalogItem, { kind: 'project', name: 'Website', parent: 'Acme' })).rejects.toThrow(
      'No customer "Acme". Create it first, or check list_catalog.',
    );
    expect(await names(tracker)).toEqual({ customers: [], projects: [], activities: [] });
  });

  it('refuses a customer with a parent, and adds nothing', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'customer', name: 'Acme' });
    await expect(run(createCatalogItem, { kind: 'customer', name: 'Globex', parent: 'Acme' })).rejects.toThrow('A customer has no parent; leave parent out.');
    expect((await names(tracker)).customers).toEqual(['Acme']);
  });

  it('refuses a name its kind already has, and adds nothing', async () => {
    const { run, tracker } = await timesheet();
    await run(createCatalogItem, { kind: 'project', name: 'Website' });
    await expect(run(createCatalogItem, { kind: 'project', name: 'Website' })).rejects.toThrow('A project named "Website" already exists.');
    expect((await names(tracker)).projects).toEqual([['Website', null]]);
  });
});
