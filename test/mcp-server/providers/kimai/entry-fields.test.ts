// The custom-fields plugin's rules as Punchcard's field definitions (providers/kimai/entry-fields/entry-fields.ts): types,
// a choice list's `value|Title` pairs with its leading empty choice, and the customer, project or activity a
// rule is limited to, given as an id or as the record.
import { describe, expect, it } from 'vitest';
import { choicesOf, definitionsOfRules } from '../../../../mcp-server/providers/kimai/entry-fields/entry-fields.ts';

describe("Kimai's meta field rules", () => {
  it('read a choice list from its default: value|Title pairs, a bare value its own title, a leading comma an empty choice', () => {
    expect(choicesOf(',sales|Sales,rd|R&D,ops')).toEqual([
      { value: '', title: '' },
      { value: 'sales', title: 'Sales' },
      { value: 'rd', title: 'R&D' },
      { value: 'ops', title: 'ops' },
    ]);
  });

  it('become definitions with their kinds and places, rules of other entities and without a name left out', () => {
    const definitions = definitionsOfRules([
      { name: 'ticket', label: 'Ticket', type: 'string', required: true, entityType: 'timesheet' },
      { name: 'hours', type: 'integer', project: 7 },
      { name: 'billable', type: 'checkbox', activity: { id: 3 }, customer: 2 },
      { name: 'cost', type: 'choice-list', value: ',a|A', required: true },
      { name: 'vat', type: 'string', entityType: 'customer' },
      { name: '', type: 'string' },
      'nonsense',
    ]);
    expect(definitions).toEqual([
      { id: 'ticket', name: 'ticket', label: 'Ticket', type: 'text', required: true, active: true, scope: {} },
      { id: 'hours', name: 'hours', type: 'number', required: false, active: true, scope: { projects: [7] } },
      { id: 'billable', name: 'billable', type: 'checkbox', required: false, active: true, scope: { customers: [2], activities: [3] } },
      {
        id: 'cost',
        name: 'cost',
        type: 'choice',
        required: true,
        choices: [
          { value: '', title: '' },
          { value: 'a', title: 'A' },
        ],
        active: true,
        scope: {},
      },
    ]);
  });
});
