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

describe('an audit record of a write made through the organisation credential', () => {
  const lead = { person: { id: 'p2', name: 'Lena Lead', email: 'lena@example.com' }, clientId: 'c2', clientName: 'Claude' } as unknown as Caller;

  // The tracker names the organisation account as the approver (Clockify's changedByUserId and updatedBy, Clockodo's
  // approved_by): this record is where the lead who decided is named (docs/team-server/README.md, "One organisation credential").
  it("names the lead who decided a colleague's leave, marked as made through the organisation's credential, the reason by its length", () => {
    const record = auditRecord(
      lead,
      {
        tool: 'decide_leave_request',
        args: { id: 960, decision: 'approve', reason: 'Enjoy the trip' },
        outcome: 'done',
        data: {
          request: { id: 960, person: 'Ada Lovelace', type: 'vacation', first_day: '2026-12-21', last_day: '2026-12-23', days: 3, status: 'approved' },
          reason_kept: true,
        },
      },
      1_000,
      'organisation',
    );
    expect(record).toMatchObject({
      personId: 'p2',
      person: 'Lena Lead <lena@example.com>',
      tool: 'decide_leave_request',
      outcome: 'done',
      via: 'organisation',
    });
    expect(record.change).toEqual({
      arguments: { id: 960, decision: 'approve', reason: '(14 characters)' },
      record: { request: { id: 960, days: 3, status: 'approved' } },
    });
  });

  it("keeps a timesheet decision whole (whose week, its status before and after) and names the lead, not the organisation's account", () => {
    const submission = {
      id: 'sub-7',
      person: 'Ada Lovelace',
      period: 'week',
      first_day: '2026-11-16',
      last_day: '2026-11-22',
      status: 'approved',
      hours: 38.5,
      note: null,
      decided_by: 'Acme Admin',
    };
    const record = auditRecord(
      lead,
      {
        tool: 'decide_timesheet',
        args: { id: 'sub-7', decision: 'approve' },
        outcome: 'done',
        administers: true,
        data: { submission, status_before: 'pending', note_kept: false },
      },
      1_000,
      'organisation',
    );
    expect(record).toMatchObject({ person: 'Lena Lead <lena@example.com>', via: 'organisation' });
    expect(record.change).toMatchObject({ record: { submission: { id: 'sub-7', person: 'Ada Lovelace', status: 'approved' }, status_before: 'pending' } });
  });

  it("leaves via out of a write made with the person's own credential", () => {
    const record = auditRecord(caller, { tool: 'request_leave', args: { type: 'vacation', first_day: '2026-12-21' }, outcome: 'done' }, 0);
    expect(record).not.toHaveProperty('via');
  });
});
