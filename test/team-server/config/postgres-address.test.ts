// A PostgreSQL address read as libpq and pg read it (team-server/config/postgres-address.ts): over TCP to a host,
// or to the Unix socket in a folder, written in ?host= or percent-encoded where the host goes.
import { describe, expect, it } from 'vitest';
import { parsePostgresAddress } from '../../../team-server/config/postgres-address.ts';

describe('a PostgreSQL address', () => {
  it.each([
    ['postgres://punchcard@db.example.com:5433/punchcard', { host: 'db.example.com', port: 5433, user: 'punchcard', database: 'punchcard', socket: false }],
    ['postgresql://punchcard@[::1]/punch%20card', { host: '::1', port: 5432, user: 'punchcard', database: 'punch card', socket: false }],
    ['postgres://db.example.com/punchcard', { host: 'db.example.com', port: 5432, user: undefined, database: 'punchcard', socket: false }],
    ['postgres://punchcard@/punchcard?host=/run/postgresql', { host: '/run/postgresql', port: 5432, user: 'punchcard', database: 'punchcard', socket: true }],
    ['postgres:///punchcard?host=%2Fvar%2Frun%2Fpostgresql', { host: '/var/run/postgresql', port: 5432, user: undefined, database: 'punchcard', socket: true }],
    ['postgres://punchcard@:5433/punchcard?host=/tmp/pg', { host: '/tmp/pg', port: 5433, user: 'punchcard', database: 'punchcard', socket: true }],
    ['postgres://punchcard@%2Frun%2Fpostgresql/punchcard', { host: '/run/postgresql', port: 5432, user: 'punchcard', database: 'punchcard', socket: true }],
  ])('reads %s', (text, expected) => {
    expect(parsePostgresAddress(text)).toEqual(expected);
  });

  it.each([
    ['no address', 'punchcard', /^a PostgreSQL address such as/],
    ['no database', 'postgres://punchcard@db.example.com', /^a PostgreSQL address with a host and a database/],
    ['a socket and no database', 'postgres://punchcard@/?host=/run/postgresql', /^a PostgreSQL address with a host and a database/],
    ['two sockets', 'postgres://punchcard@/punchcard?host=/a&host=/b', /^one host/],
    [
      'a host name in ?host=',
      'postgres://punchcard@/punchcard?host=db.example.com',
      /a host name goes before the database \(postgres:\/\/punchcard@db\.example\.com\/punchcard\)$/,
    ],
    ['a port in the parameters', 'postgres://punchcard@/punchcard?host=/run/postgresql&port=5433', /^an address without "\?port="/],
  ])('refuses %s, saying what it needs', (_case, text, expected) => {
    expect(parsePostgresAddress(text)).toMatch(expected);
  });
});
