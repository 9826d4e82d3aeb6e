// The words of a refused server.json (mcp-server/contract/issue-words.ts, team-server/config/server-config-file.ts): every
// key of the schema, walked, with a value of the wrong type, is refused in words that name the key, what
// was found and what is expected with an example, and never in zod's own ("Invalid discriminator
// value", "expected string, received number"). A misspelt value or key gets the one it likely meant;
// what might be a secret is never repeated, and a long value is cut.
import { describe, expect, it } from 'vitest';
import { fieldOf } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { BACK_ENDS } from '../../../mcp-server/contract/back-ends.ts';
import { closestWord, keyPath } from '../../../mcp-server/contract/issue-words.ts';
import { ServerConfigSchema } from '../../../team-server/config/server-config.ts';
import { serverConfigFromText } from '../../../team-server/config/server-config-file.ts';

/** A config that sets every key the schema has, and is taken. */
const FULL = {
  public_url: 'https://punchcard.example.com',
  listen: '127.0.0.1:8787',
  provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/punchcard/kimai-ca.pem', allowInsecureTls: false },
  sign_in: {
    tracker: true,
    oidc: { issuer: 'https://login.example.com', client_id: 'punchcard', client_secret_env: 'PUNCHCARD_OIDC_SECRET', allowed_domains: ['example.com'] },
    development: false,
  },
  store: 'postgres://punchcard@db.example.com:5432/punchcard',
  postgres: { password_env: 'PUNCHCARD_DB_PASSWORD', tls: 'verify-full', ca_file: '/etc/punchcard/db-ca.pem', pool_size: 10 },
  instance_url: 'http://10.0.0.5:8787',
  data_dir: '/var/lib/punchcard',
  key_env: 'PUNCHCARD_SERVER_KEY',
  allowed_origins: ['https://chat.example.com'],
  trusted_proxies: ['127.0.0.1'],
  refresh_token_grace_seconds: 10,
  settings: {
    timezone: 'Europe/Berlin',
    work_week: { mon: 8, tue: 8, wed: 8, thu: 8, fri: 8, sat: 0, sun: 0 },
    holidays: { country: 'DE', state: 'BY', region: 'A' },
    leave: { annual_days: 30, carry_over_days: 2, allow_beyond_balance: false },
    tools: { read_only: false, groups: { timer: true }, enabled: { log_time: true } },
    working_time: { rules: 'de' },
  },
  limits: {
    requests_per_person_per_minute: 300,
    requests_per_address_per_minute: 3000,
    failed_sign_ins_per_address: 10,
    calamari_requests_per_hour: 720,
    calamari_requests_per_day: 2880,
  },
  metrics: { listen: '127.0.0.1:9464' },
  evidence: { company_calendar: { provider: 'microsoft', api_url: 'https://graph.microsoft.com/v1.0' } },
};

/** zod's own words, which must never reach an administrator. */
const ZODS_WORDS = /Invalid input|Invalid discriminator|Invalid option|Invalid string|expected \w+, received|Too (big|small)|Unrecognized key|is required/;

type Def = {
  type: string;
  innerType?: Node;
  in?: Node;
  shape?: Record<string, Node>;
  element?: Node;
  keyType?: Node;
  valueType?: Node;
  options?: Node[];
  entries?: object;
};
type Node = { _zod: { def: Def } };

/** The schema under its wrappers (optional, default, nullable, a transform's input). */
function base(node: Node): Node {
  let current = node;
  for (;;) {
    const def = current._zod.def;
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** A value of another type than the schema takes. */
function wrongFor(node: Node): unknown {
  switch (base(node)._zod.def.type) {
    case 'string':
      return 8787;
    case 'number':
      return '300';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'a list';
    default:
      return 7;
  }
}

interface Case {
  path: (string | number)[];
  wrong: unknown;
  /** The config the wrong value goes into (each back end's own for its provider's keys). */
  config: Record<string, unknown>;
}

/** Every key of the schema, at every depth, each back end's provider keys with that back end. */
function* walk(node: Node, path: (string | number)[], config: Record<string, unknown>): Generator<Case> {
  const def = base(node)._zod.def;
  if (path.length > 0) yield { path, wrong: wrongFor(node), config };
  if (def.type === 'object') for (const [key, child] of Object.entries(def.shape ?? {})) yield* walk(child, [...path, key], config);
  else if (def.type === 'array' && def.element) yield* walk(def.element, [...path, 0], config);
  else if (def.type === 'record' && def.keyType) {
    // A record of known keys (tool groups) by its first; one of any key (Tempo's work attributes) by a name of its own.
    const first = Object.values(base(def.keyType)._zod.def.entries ?? {})[0] as string | undefined;
    yield { path: [...path, first ?? 'Work Type'], wrong: first === undefined && def.valueType ? wrongFor(def.valueType) : 'yes', config };
  } else if (def.type === 'union') {
    yield { path: [...path, 'type'], wrong: 7, config };
    for (const option of def.options ?? []) {
      const type = (base(option)._zod.def.shape?.type as Node)._zod.def as { values?: string[] };
      const backEnd = BACK_ENDS.find((candidate) => candidate.type === type.values?.[0]);
      const url = backEnd && fieldOf(backEnd, 'url');
      const provider = { type: backEnd?.type, ...(url && !('default' in url) ? { url: url.example } : {}) };
      for (const [key, child] of Object.entries(base(option)._zod.def.shape ?? {}))
        if (key !== 'type') yield* walk(child, [...path, key], { ...config, provider });
    }
  }
}

function withValue(config: Record<string, unknown>, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(config);
  let at: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) {
    if (typeof at[part] !== 'object' || at[part] === null) at[part] = typeof part === 'number' ? [] : {};
    at = at[part] as Record<string | number, unknown>;
  }
  at[path.at(-1) as string | number] = value;
  return copy;
}

function problemOf(config: unknown): string {
  const read = serverConfigFromText(JSON.stringify(config), 'server.json');
  if (read.ok) throw new Error(`Taken: ${JSON.stringify(config)}`);
  return read.problem;
}

describe('a refused server.json', () => {
  it('is taken as FULL sets it, every key at its place', () => {
    expect(serverConfigFromText(JSON.stringify(FULL), 'server.json').ok).toBe(true);
  });

  const cases = [...walk(ServerConfigSchema as unknown as Node, [], FULL)];

  it('walks every key: the top, the nested and each back end’s own', () => {
    const keys = new Set(cases.map((entry) => keyPath(entry.path)));
    for (const key of ['listen', 'provider.type', 'provider.url', 'provider.workspace', 'sign_in.oidc.allowed_domains[0]', 'settings.work_week.mon'])
      expect(keys, key).toContain(key);
    for (const key of ['settings.tools.groups.timer', 'limits.calamari_requests_per_day', 'metrics.listen', 'postgres.pool_size', 'settings.leave.annual_days'])
      expect(keys, key).toContain(key);
    expect(keys.size).toBeGreaterThan(50);
  });

  const named = (entry: Case) =>
    entry.path[0] === 'provider' && entry.path.length > 1
      ? `${keyPath(entry.path)} of ${String((entry.config.provider as { type: string }).type)}`
      : keyPath(entry.path);
  it.each(cases.map((entry) => [named(entry), entry] as const))('%s with a value of the wrong type: the key, what was found and an example', (_name, entry) => {
    const key = keyPath(entry.path);
    const problem = problemOf(withValue(entry.config, entry.path, entry.wrong));
    expect(problem.startsWith('server.json cannot be used: ')).toBe(true);
    expect(problem).not.toMatch(ZODS_WORDS);
    expect(problem).not.toContain('\n');
    const words = problem
      .slice('server.json cannot be used: '.length)
      .split('; "')
      .find((part) => part.replace(/^"/, '').startsWith(`${key}": `));
    expect(words, problem).toBeDefined();
    expect(words).toContain(`${key}": found ${JSON.stringify(entry.wrong)}; `);
    expect(words).toMatch(/e\.g\. |such as |expected one of |expected true or false|expected "[\w-]+"/);
  });

  it('lists the back ends for a misspelt one and names the closest', () => {
    // Every back end of the table, in its order: a new one is listed without this test changing.
    const types = BACK_ENDS.map((backEnd) => JSON.stringify(backEnd.type));
    const oneOf = `${types.slice(0, -1).join(', ')} or ${types.at(-1)}`;
    expect(oneOf).toMatch(/^"local", "kimai", "clockodo", "calamari", "clockify"/);
    expect(problemOf({ ...FULL, provider: { type: 'kimia', url: 'https://kimai.example.com' } })).toBe(
      `server.json cannot be used: "provider.type": found "kimia"; expected one of ${oneOf} (did you mean "kimai"?).`,
    );
    expect(problemOf({ ...FULL, provider: { url: 'https://kimai.example.com' } })).toBe(
      `server.json cannot be used: "provider.type": missing; expected one of ${oneOf}.`,
    );
  });

  it('says what a number in place of listen should be', () => {
    expect(problemOf({ ...FULL, listen: 8787 })).toBe('server.json cannot be used: "listen": found 8787; expected a string in quotes, e.g. "127.0.0.1:8787".');
  });

  it('names a missing key with an example, and the closest known key for a misspelt one', () => {
    const { store: _store, ...withoutStore } = FULL;
    expect(problemOf(withoutStore)).toBe(
      'server.json cannot be used: "store": missing; expected a string in quotes, e.g. "sqlite:/var/lib/punchcard/server.db".',
    );
    expect(problemOf({ ...FULL, trusted_proxy: [] })).toBe(
      'server.json cannot be used: "trusted_proxy" is not a key this version knows (check the spelling: did you mean "trusted_proxies"?).',
    );
    expect(problemOf({ ...FULL, postgres: { ...FULL.postgres, tls: 'verify' } })).toBe(
      'server.json cannot be used: "postgres.tls": found "verify"; expected one of "verify-full", "require" or "disable" (did you mean "verify-full"?).',
    );
    expect(problemOf({ ...FULL, xyz: 1 })).toBe('server.json cannot be used: "xyz" is not a key this version knows (check the spelling).');
  });

  it('never repeats what may be a secret, and cuts a long value', () => {
    const key = 'q0h1Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA==';
    const wrongKey = problemOf({ ...FULL, key_env: key });
    expect(wrongKey).toContain('"key_env": found a string of 44 characters (not shown: it may be the secret itself); the name of an environment variable');
    expect(wrongKey).not.toContain(key);
    const password = problemOf({ ...FULL, store: 'postgres://punchcard:hunter2hunter2@db.example.com:5432/punchcard' });
    expect(password).toContain('"store": found "postgres://punchcard:***@db.example.com:5432/punchcard"; an address without the password');
    expect(password).not.toContain('hunter2');
    const at = problemOf({ ...FULL, store: 'postgres://punchcard:p@ss/w0rd@db.example.com/punchcard' });
    expect(at).not.toMatch(/p@ss|w0rd/);
    const long = problemOf({ ...FULL, listen: 'x'.repeat(5000) });
    expect(long).toMatch(/"listen": found "x{58}…; an address and port such as 127\.0\.0\.1:8787/);
    expect(long.length).toBeLessThan(300);
  });

  it('says so when the file holds no object at all', () => {
    expect(problemOf([])).toMatch(
      /^server\.json cannot be used: found \[\]; expected an object \{ … \}, e\.g\. \{"public_url":"https:\/\/punchcard\.example\.com",/,
    );
  });

  it('refuses an identity provider that is no address in words, not a crash', () => {
    expect(problemOf({ ...FULL, sign_in: { ...FULL.sign_in, oidc: { ...FULL.sign_in.oidc, issuer: 'login' } } })).toBe(
      'server.json cannot be used: "sign_in.oidc.issuer": found "login"; the identity provider\'s issuer, such as https://login.example.com.',
    );
  });
});

describe('closestWord', () => {
  it.each([
    ['kimia', ['local', 'kimai', 'clockodo'], 'kimai'],
    ['Clokify', ['clockify', 'clockodo'], 'clockify'],
    ['trusted_proxy', ['trusted_proxies', 'trusted'], 'trusted_proxies'],
    ['lokal', ['local', 'kimai'], 'local'],
    ['xyz', ['local', 'kimai'], undefined],
    ['listen', ['limits'], undefined],
    ['verify', ['verify-full', 'require', 'disable'], 'verify-full'],
    ['re', ['require', 'read_only'], undefined],
  ])('%s among %j: %s', (word, candidates, expected) => {
    expect(closestWord(word, candidates)).toBe(expected);
  });
});
