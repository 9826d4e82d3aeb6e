// The handler of the window's read of a catalog item (contract/app-tools/catalog-item-fields.ts): the
// item as the back end keeps it, in the fields it lets this person change. Registered by the server only
// for the engine that proved it is the app (engine/mcp-server.ts, appTools), and listed only while the
// back end gives the person admin_catalog, as update_catalog_item is.
import { catalogItemFieldsContract } from '../contract/app-tools/catalog-item-fields.ts';
import type { CatalogItemFields, ChangeField } from '../domain/catalog-changes.ts';
import { outside, say } from '../contract/outcomes/sentence.ts';
import { defineAppTool } from '../tools/define-tool.ts';
import { hours, shown, WORDS } from '../tools/update-catalog-item.ts';

export const catalogItemFields = defineAppTool({
  ...catalogItemFieldsContract,
  async handler({ kind, id }, { tracker }) {
    const item = await tracker.catalogAdmin.catalogItem(kind, id);
    const names = tracker.catalogAdmin.changeable(item);
    return {
      data: { id, kind, fields: { ...output(item.fields, names), name: item.fields.name } },
      text: say`The ${kind} ${outside(item.fields.name)} (#${id}) keeps ${names.map((name) => `${WORDS[name].label} ${shown(name, item.fields[name])}`).join('; ')}.`,
    };
  },
});

/** The fields as the tool's output names them: hours rounded as update_catalog_item rounds them, a customer by id and name. */
function output(fields: CatalogItemFields, names: readonly ChangeField[]): Record<string, unknown> {
  return Object.fromEntries(
    names.map((name) => {
      const value = fields[name];
      if (name === 'budgetHours' && typeof value === 'number') return [WORDS[name].key, hours(value)];
      return [WORDS[name].key, value];
    }),
  );
}
