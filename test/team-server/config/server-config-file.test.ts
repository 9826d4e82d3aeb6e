// The team server's configuration file (team-server/config/server-config.ts, read by server-config-file.ts):
// each kind of mistake an administrator makes is refused in one line that names the key and what was
// found there (server-config-words.test.ts walks every key), and a file that is right comes back with
// its defaults filled in.
import { describe, expect, it } from 'vitest';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';

const GOOD = {
  public_url: 'https://punchcard.example.com',
  listen: '127.0.0.1:8787',
  provider: { type: 'kimai', url: 'https://kimai.example.com' },
  sign_in: { tracker: true },
  store: 'sqlite:/var/lib/punchcard/server.db',
  key_env: 'PUNCHCARD_SERVER_KEY',
};

function problemOf(config: unknown): string {
  const read = serverConfigFromText(typeof config === 'string' ? config : JSON.stringify(config, null, 2), '/etc/punchcard/server.json');
  if (read.ok) throw new Error('The configuration was taken.');
  return read.problem;
}

describe('the team server configuration', () => {
  it('takes a good file and fills in the defaults', () => {
    const read = serverConfigFromText(JSON.stringify(GOOD), 'server.json');
    expect(read.ok && read.config).toMatchObject({
      ...GOOD,
      provider: { type: 'kimai', url: 'https://kimai.example.com' },
      sign_in: { tracker: true, development: false },
      trusted_proxies: [],
      refresh_token_grace_seconds: 10,
      settings: {},
      limits: { requests_per_person_per_minute: 300, requests_per_address_per_minute: 3_000, failed_sign_ins_per_address: 10 },
    });
  });

  it.each([
    [
      'an unknown key (a typo)',
      { ...GOOD, trusted_proxy: ['10.0.0.1'] },
      '"trusted_proxy" is not a key this version knows (check the spelling: did you mean "trusted_proxies"?)',
    ],
    [
      'an unknown key inside sign_in',
      { ...GOOD, sign_in: { tracker: true, develop: true } },
      '"sign_in.develop" is not a key this version knows (check the spelling: did you mean "development"?)',
    ],
    [
      'an unknown key inside limits',
      { ...GOOD, limits: { requests_per_minute: 10 } },
      '"limits.requests_per_minute" is not a key this version knows (check the spelling)',
    ],
    [
      'http:// public_url on a host of the network',
      { ...GOOD, public_url: 'http://punchcard.example.com' },
      '"public_url": found "http://punchcard.example.com"; an https:// address: tokens and sign-ins cross the network, so http:// is accepted only for an address on this computer',
    ],
    [
      'a path in public_url',
      { ...GOOD, public_url: 'https://example.com/punchcard' },
      '"public_url": found "https://example.com/punchcard"; the server\'s origin only, such as https://example.com: Punchcard serves its own paths',
    ],
    [
      'a trailing slash in public_url',
      { ...GOOD, public_url: 'https://punchcard.example.com/' },
      '"public_url": found "https://punchcard.example.com/"; the server\'s origin only',
    ],
    [
      'a user name in public_url',
      { ...GOOD, public_url: 'https://admin:pw@punchcard.example.com' },
      '"public_url": found "https://admin:***@punchcard.example.com"; an address without a user name or password',
    ],
    ['public_url that is no address', { ...GOOD, public_url: 'punchcard' }, '"public_url": found "punchcard"; the address people reach the server at'],
    [
      'a development sign-in on a public address',
      { ...GOOD, sign_in: { development: true }, provider: { type: 'local' } },
      '"sign_in.development": found true; a development sign-in lets anyone in by typing a name, so it is refused unless public_url is on this computer',
    ],
    [
      'a development sign-in listening on every interface',
      { ...GOOD, public_url: 'http://127.0.0.1:8787', listen: '0.0.0.0:8787', sign_in: { development: true }, provider: { type: 'local' } },
      '"sign_in.development": found true; a development sign-in is refused unless listen is a loopback address',
    ],
    [
      'Calamari without a company sign-in',
      { ...GOOD, provider: { type: 'calamari', url: 'https://acme.calamari.io' }, sign_in: { development: false, tracker: false } },
      '"sign_in": found {"development":false,"tracker":false}; name at least one way to sign in',
    ],
    [
      'Calamari with tracker sign-in only',
      { ...GOOD, provider: { type: 'calamari', url: 'https://acme.calamari.io' } },
      "\"sign_in.oidc\": missing; Calamari's API key is the organisation's, so people must sign in with the company's identity provider",
    ],
    [
      "the key itself where its variable's name belongs",
      { ...GOOD, key_env: 'q0h1Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA==' },
      '"key_env": found a string of 44 characters (not shown: it may be the secret itself); the name of an environment variable, such as PUNCHCARD_SERVER_KEY (not its value)',
    ],
    ['no key_env', (({ key_env: _, ...rest }) => rest)(GOOD), '"key_env": missing; expected a string in quotes, e.g. "PUNCHCARD_SERVER_KEY"'],
    [
      'a store that is not sqlite:',
      { ...GOOD, store: '/var/lib/punchcard/server.db' },
      '"store": found "/var/lib/punchcard/server.db"; sqlite: and the path of the database file',
    ],
    ['a listen address without a port', { ...GOOD, listen: '127.0.0.1' }, '"listen": found "127.0.0.1"; an address and port such as 127.0.0.1:8787'],
    [
      'an http:// identity provider on the network',
      { ...GOOD, sign_in: { tracker: true, oidc: { issuer: 'http://login.example.com', client_id: 'punchcard' } } },
      '"sign_in.oidc.issuer": found "http://login.example.com"; an https:// issuer',
    ],
    [
      'a limit of zero',
      { ...GOOD, limits: { failed_sign_ins_per_address: 0 } },
      '"limits.failed_sign_ins_per_address": found 0; expected a whole number from 1 to 1000, e.g. 10',
    ],
    [
      'an allowed origin with a path',
      { ...GOOD, allowed_origins: ['https://chat.example.com/app'] },
      '"allowed_origins[0]": found "https://chat.example.com/app"; "https://chat.example.com/app" is not an origin: an origin is scheme://host[:port] with nothing after it, such as https://chat.example.com',
    ],
    [
      'an allowed origin with a trailing slash',
      { ...GOOD, allowed_origins: ['https://chat.example.com/'] },
      '"allowed_origins[0]": found "https://chat.example.com/"; "https://chat.example.com/" is not an origin',
    ],
    [
      'every site allowed',
      { ...GOOD, allowed_origins: ['*'] },
      '"allowed_origins[0]": found "*"; list each web page\'s origin, such as https://chat.example.com: "*" would let every site',
    ],
    [
      'the null origin allowed',
      { ...GOOD, allowed_origins: ['null'] },
      '"allowed_origins[0]": found "null"; "null" is what browsers send for a page that names no site',
    ],
    [
      'an allowed origin over http:// on the network',
      { ...GOOD, allowed_origins: ['https://chat.example.com', 'http://intranet.example.com'] },
      '"allowed_origins[1]": found "http://intranet.example.com"; "http://intranet.example.com": a page served over http:// can be changed by anyone on its way',
    ],
    [
      'an allowed origin that is a host name alone',
      { ...GOOD, allowed_origins: ['chat.example.com'] },
      '"allowed_origins[0]": found "chat.example.com"; "chat.example.com" is not an origin; write one as scheme://host[:port]',
    ],
    [
      'a refresh grace in words',
      { ...GOOD, refresh_token_grace_seconds: 'ten' },
      '"refresh_token_grace_seconds": found "ten"; a whole number of seconds from 0 (off: a refresh token used twice revokes its client\'s sign-in at once) to 60, e.g. 10',
    ],
    ['a negative refresh grace', { ...GOOD, refresh_token_grace_seconds: -1 }, '"refresh_token_grace_seconds": found -1; a whole number of seconds from 0'],
    [
      'a refresh grace over a minute',
      { ...GOOD, refresh_token_grace_seconds: 61 },
      '"refresh_token_grace_seconds": found 61; a whole number of seconds from 0',
    ],
    [
      'a refresh grace in fractions of a second',
      { ...GOOD, refresh_token_grace_seconds: 2.5 },
      '"refresh_token_grace_seconds": found 2.5; a whole number of seconds from 0',
    ],
  ])('refuses %s in one line naming the key', (_mistake, config, expected) => {
    const problem = problemOf(config);
    expect(problem).toContain(expected);
    expect(problem.startsWith('/etc/punchcard/server.json cannot be used: ')).toBe(true);
    expect(problem).not.toContain('\n');
  });

  it('takes allowed origins as browsers write them', () => {
    const read = serverConfigFromText(
      JSON.stringify({ ...GOOD, allowed_origins: ['https://Chat.Example.com', 'https://app.example.com:443', 'http://localhost:6274'] }),
      'server.json',
    );
    expect(read.ok && read.config.allowed_origins).toEqual(['https://chat.example.com', 'https://app.example.com', 'http://localhost:6274']);
    const none = serverConfigFromText(JSON.stringify(GOOD), 'server.json');
    expect(none.ok && none.config.allowed_origins).toEqual([]);
  });

  it('takes a refresh grace of 0 (off) and of a minute', () => {
    for (const seconds of [0, 60]) {
      const read = serverConfigFromText(JSON.stringify({ ...GOOD, refresh_token_grace_seconds: seconds }), 'server.json');
      expect(read.ok && read.config.refresh_token_grace_seconds).toBe(seconds);
    }
  });

  it('refuses a key written twice, naming it with its line and column', () => {
    const text = `{\n  "public_url": "https://punchcard.example.com",\n  "key_env": "A",\n  "key_env": "B"\n}`;
    expect(problemOf(text)).toBe('/etc/punchcard/server.json, line 4, column 3: the key "key_env" appears twice in one object; keep one.');
  });

  it('refuses a file that is not JSON, saying where', () => {
    expect(problemOf('{ "public_url": ')).toMatch(/^\/etc\/punchcard\/server\.json is not valid JSON: .+\.$/);
  });

  it('takes every back end the way it names its people: Calamari with the company sign-in, the local timesheet with it or a development sign-in on this computer', () => {
    const calamari = serverConfigFromText(
      JSON.stringify({
        ...GOOD,
        provider: { type: 'calamari', url: 'https://acme.calamari.io' },
        sign_in: { oidc: { issuer: 'https://login.example.com', client_id: 'punchcard', client_secret_env: 'PUNCHCARD_OIDC_SECRET' } },
      }),
      'server.json',
    );
    expect(calamari.ok).toBe(true);
    const local = serverConfigFromText(
      JSON.stringify({ ...GOOD, public_url: 'http://127.0.0.1:8787', provider: { type: 'local' }, sign_in: { development: true } }),
      'server.json',
    );
    expect(local.ok).toBe(true);
  });
});

describe('the team server configuration on PostgreSQL', () => {
  const ON_POSTGRES = { ...GOOD, store: 'postgres://punchcard@db.example.com:5432/punchcard', postgres: { password_env: 'PUNCHCARD_DB_PASSWORD' } };

  it('takes the database’s Unix socket, unencrypted: a socket is on this computer (deploy/compose.yaml)', () => {
    const socket = {
      ...ON_POSTGRES,
      store: 'postgres://punchcard@/punchcard?host=/run/postgresql',
      postgres: { password_env: 'PUNCHCARD_DB_PASSWORD', tls: 'disable' },
    };
    const read = serverConfigFromText(JSON.stringify(socket), 'server.json');
    expect(read.ok ? read.config.store : read.problem).toBe('postgres://punchcard@/punchcard?host=/run/postgresql');
    expect(serverConfigFromText(JSON.stringify({ ...socket, store: 'postgres://punchcard@%2Frun%2Fpostgresql/punchcard' }), 'server.json').ok).toBe(true);
  });

  it.each([
    [
      'a socket with TLS, which PostgreSQL never offers on one',
      { ...ON_POSTGRES, store: 'postgres://punchcard@/punchcard?host=/run/postgresql' },
      '"postgres.tls": "disable" for a Unix socket (/run/postgresql): PostgreSQL offers no TLS on one',
    ],
    [
      'TLS off for a database on the network',
      { ...ON_POSTGRES, postgres: { tls: 'disable' } },
      '"postgres.tls": "disable" sends the password and everything stored unencrypted, so it is accepted only for a database on this computer (127.0.0.1, or its Unix socket',
    ],
    [
      'a relative socket folder',
      { ...ON_POSTGRES, store: 'postgres://punchcard@/punchcard?host=run/postgresql', postgres: { tls: 'disable' } },
      '"store": ?host= names the folder of PostgreSQL\'s Unix socket, an absolute path such as /run/postgresql',
    ],
    [
      'a host and a socket at once',
      { ...ON_POSTGRES, store: 'postgres://punchcard@db.example.com/punchcard?host=/run/postgresql' },
      '"store": one host: either a host before the database or ?host= with the folder of PostgreSQL\'s Unix socket',
    ],
    [
      'a parameter the server would not read (TLS in the address)',
      { ...ON_POSTGRES, store: 'postgres://punchcard@db.example.com/punchcard?sslmode=disable' },
      '"store": an address without "?sslmode=": only ?host= (the folder of PostgreSQL\'s Unix socket) is read from it; TLS is set with postgres.tls',
    ],
    [
      'an address with neither host nor socket',
      { ...ON_POSTGRES, store: 'postgres://punchcard@/punchcard' },
      '"store": a PostgreSQL address with a host and a database, such as postgres://punchcard@db.example.com:5432/punchcard, or postgres://punchcard@/punchcard?host=/run/postgresql',
    ],
    [
      'a password in the address',
      { ...ON_POSTGRES, store: 'postgres://punchcard:secret@/punchcard?host=/run/postgresql' },
      '"store": an address without the password',
    ],
  ])('refuses %s in one line naming the key', (_mistake, config, expected) => {
    const problem = problemOf(config);
    // Every problem reads "KEY": what was found; what is expected (contract/issue-words.ts).
    const [key, words] = expected.split(/: (.*)/s) as [string, string];
    expect(problem).toMatch(new RegExp(`^/etc/punchcard/server\\.json cannot be used: ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (found .*?|missing); `));
    expect(problem).toContain(words);
    expect(problem).not.toContain('\n');
    expect(problem).not.toContain(':secret@');
  });
});
