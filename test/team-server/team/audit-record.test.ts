import { describe, expect, it } from 'vitest';
import { auditRecord } from '../../../team-server/team/audit.ts';
import type { Caller } from '../../../team-server/team/person-engines.ts';

const caller = { person: { id: 'p1', name: 'Ada Admin', email: 'ada@example.com' }, clientId: 'c1', clientName: 'Claude' } as unknown as Caller;

describe('an audit record', () => {
  it("keeps an administrator's whole answer: a team's members before and after, each by name", () => {
    const members = (names: string[]) => names.map((name, index) => ({ id: index + 1, name, lead: index === 0 }));
    const record = auditRecord(
      caller,
      {
        tool: 'manage_teams',
        args: { action: 'add', team: 'Design', people: ['Bob'] },
        outcome: 'done',
        administers: true,
        data: {
          action: 'add',
          before: { team: { id: 4, name: 'Design', members: members(['Ada']) } },
          after: { team: { id: 4, name: 'Design', members: members(['Ada', 'Bob']) } },
        },
      },
      0,
    );
    expect(record.change).toEqual({
      arguments: { action: 'add', team: 'Design', people: ['Bob'] },
      record: {
        action: 'add',
        before: { team: { id: 4, name: 'Design', members: [{ id: 1, name: 'Ada', lead: true }] } },
        after: {
          team: {
            id: 4,
            name: 'Design',
            members: [
              { id: 1, name: 'Ada', lead: true },
              { id: 2, name: 'Bob', lead: false },
            ],
          },
        },
      },
    });
  });

  it('still cuts what nests past any answer Punchcard gives, and free text to its length', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 12; level += 1) deep = { deeper: deep };
    const record = auditRecord(caller, { tool: 'manage_tags', args: { note: 'private words' }, outcome: 'done', administers: true, data: { deep } }, 0);
    expect(JSON.stringify(record.change)).toContain('"(nested)"');
    expect(record.change).toMatchObject({ arguments: { note: '(13 characters)' } });
  });

  it("keeps an entry's custom fields by name, each text reduced to its length, other values as they are", () => {
    const record = auditRecord(
      caller,
      { tool: 'log_time', args: { project: 'Web', fields: { 'Billing reason': 'the client asked twice', Billable: true, Hours: 2 } }, outcome: 'done' },
      0,
    );
    expect(record.change).toMatchObject({
      arguments: { project: 'Web', fields: { 'Billing reason': '(22 characters)', Billable: true, Hours: 2 } },
    });
    expect(JSON.stringify(record)).not.toContain('asked twice');
  });

  it('says one character in the singular, and counts a letter beyond the basic plane as one', () => {
    const record = auditRecord(caller, { tool: 'log_time', args: { description: 'x', note: '😀' }, outcome: 'done' }, 0);
    expect(record.change).toMatchObject({ arguments: { description: '(1 character)', note: '(1 character)' } });
  });
});
