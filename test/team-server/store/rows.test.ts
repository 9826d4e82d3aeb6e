// The row mappers both stores share (team-server/store/rows.ts): a row as node:sqlite hands it over
// (INTEGER columns as numbers) and the same row as pg hands it over (BIGINT columns as strings) give
// the same record, NULL stays null, and what an upsert writes comes back unchanged.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_COLUMN_COUNT,
  AUDIT_COLUMNS,
  auditRecordOf,
  auditValues,
  instanceRecord,
  oauthRecord,
  oauthValues,
  personRecord,
  sealedOAuthOf,
  signOutRecord,
} from '../../../team-server/store/rows.ts';
import type { AuditRecord } from '../../../team-server/store/store.ts';

/** The row pg would give for a node:sqlite row: every number a string, as BIGINT columns come. */
const asPostgres = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value]));

describe('the rows both stores read', () => {
  it('reads an OAuth record alike from both drivers, NULL as null', () => {
    const row = {
      model: 'AccessToken',
      id: 'k1',
      payload: 'sealed',
      expires_at: 1_800_000_060_000,
      grant_id: 'g1',
      uid: null,
      account_id: 'p1',
      consumed_at: null,
    };
    const expected = {
      model: 'AccessToken',
      id: 'k1',
      payload: 'sealed',
      expiresAt: 1_800_000_060_000,
      grantId: 'g1',
      uid: null,
      accountId: 'p1',
      consumedAt: null,
    };
    expect(oauthRecord(row)).toEqual(expected);
    expect(oauthRecord(asPostgres(row))).toEqual(expected);
    expect(oauthRecord({ ...row, expires_at: null, consumed_at: '1800000000500' })).toMatchObject({ expiresAt: null, consumedAt: 1_800_000_000_500 });
  });

  it('writes an OAuth record in the upsert columns order, and reads back what it wrote', () => {
    const record = { model: 'Grant', id: 'g1', payload: 'sealed', expiresAt: null, grantId: 'g1', uid: 'u1', accountId: 'p1' };
    const [model, id, payload, expires_at, grant_id, uid, account_id] = oauthValues(record);
    expect(oauthRecord({ model, id, payload, expires_at, grant_id, uid, account_id, consumed_at: null })).toEqual({ ...record, consumedAt: null });
    expect(sealedOAuthOf({ model, id, payload })).toEqual({ model: 'Grant', id: 'g1', payload: 'sealed' });
  });

  it('reads a person, a sign-out and an instance alike from both drivers', () => {
    const person = {
      id: 'p1',
      identity: 'dev:ada',
      name: 'Ada',
      email: null,
      credentials: 'sealed',
      tracker_pin: 'kimai https://kimai.example.com #42',
      linked_at: 1_800_000_050_000,
      calendar_provider: null,
      calendar_grant: null,
      calendar_since: null,
      created_at: 1_800_000_000_000,
      last_seen_at: 1_800_000_100_000,
    };
    const expectedPerson = {
      id: 'p1',
      identity: 'dev:ada',
      name: 'Ada',
      email: null,
      credentials: 'sealed',
      trackerPin: 'kimai https://kimai.example.com #42',
      linkedAt: 1_800_000_050_000,
      calendar: null,
      createdAt: 1_800_000_000_000,
      lastSeenAt: 1_800_000_100_000,
    };
    expect(personRecord(person)).toEqual(expectedPerson);
    expect(personRecord(asPostgres(person))).toEqual(expectedPerson);
    // A calendar grant: its provider and since when beside the sealed grant, the time a number from either driver.
    const connected = { ...person, calendar_provider: 'google', calendar_grant: 'v1.sealed', calendar_since: 1_800_000_070_000 };
    const expectedCalendar = { provider: 'google', sealed: 'v1.sealed', since: 1_800_000_070_000 };
    expect(personRecord(connected).calendar).toEqual(expectedCalendar);
    expect(personRecord(asPostgres(connected)).calendar).toEqual(expectedCalendar);
    const signOut = { seq: 7, person_id: 'p1', at: 1_800_000_000_000 };
    expect(signOutRecord(asPostgres(signOut))).toEqual(signOutRecord(signOut));
    expect(signOutRecord(signOut)).toEqual({ seq: 7, personId: 'p1', at: 1_800_000_000_000 });
    const instance = { id: 'i1', address: 'http://10.0.0.2:8080', seen_at: 1_800_000_000_000, key_id: null };
    expect(instanceRecord(asPostgres(instance))).toEqual({ id: 'i1', address: 'http://10.0.0.2:8080', seenAt: 1_800_000_000_000, keyId: null });
  });

  it('writes an audit record in AUDIT_COLUMNS order and reads it back from either driver', () => {
    const record: AuditRecord = {
      id: 'r1',
      at: 1_800_000_000_000,
      personId: 'p1',
      person: 'Ada',
      clientId: 'c1',
      clientName: 'Claude',
      tool: 'start_timer',
      outcome: 'done',
      change: { started: '09:00' },
    };
    const values = auditValues(record);
    expect(values).toHaveLength(AUDIT_COLUMN_COUNT);
    const row = Object.fromEntries(AUDIT_COLUMNS.split(', ').map((column, index) => [column, values[index]]));
    expect(auditRecordOf(row)).toEqual(record);
    expect(auditRecordOf(asPostgres(row))).toEqual(record);
    expect(auditRecordOf({ ...row, record_id: null })).not.toHaveProperty('id');
    // A record of a write made with the person's own credential has no `via`, in the row or read back.
    expect(row.via).toBeNull();
    expect(auditRecordOf(row)).not.toHaveProperty('via');
  });

  it("keeps an audit record's via: a write made through the organisation's credential is marked so in either driver", () => {
    const record: AuditRecord = {
      id: 'r2',
      at: 1_800_000_000_000,
      personId: 'p1',
      person: 'Ada <ada@example.com>',
      clientId: 'c1',
      clientName: 'Claude',
      tool: 'log_time',
      outcome: 'done',
      change: {},
      via: 'organisation',
    };
    const values = auditValues(record);
    const row = Object.fromEntries(AUDIT_COLUMNS.split(', ').map((column, index) => [column, values[index]]));
    expect(row.via).toBe('organisation');
    expect(auditRecordOf(row)).toEqual(record);
    expect(auditRecordOf(asPostgres(row))).toEqual(record);
  });
});
