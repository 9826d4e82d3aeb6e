// The JSON/JSONC editor on its own: properties over random documents, plus the removal cases the
// real-file suite does not reach (comments between members, our entry first, compact files).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../mcp-server/clients/config-error.ts';
import { readJsonEntry, removeJsonEntry, setJsonEntry, type JsonLocation } from '../../../mcp-server/clients/json-config.ts';
import { detectFormat } from '../../../mcp-server/clients/text-format.ts';

const location: JsonLocation = { dialect: 'jsonc', container: ['mcpServers'], name: 'punchcard' };
const patch = {
  command: '/usr/bin/node',
  args: ['/opt/p/punchcard-mcp.mjs', '--user-data', '/home/z/.config/Punchcard'],
  env: { ELECTRON_RUN_AS_NODE: undefined },
};
const entry = { command: patch.command, args: patch.args };
const set = (text: string) => setJsonEntry(text, location, patch, detectFormat(text, false, '  '));
const remove = (text: string) => removeJsonEntry(text, location);

const jsonValue = fc.jsonValue({ maxDepth: 2 });
const servers = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== 'punchcard' && key !== '__proto__'),
  fc.record({ command: fc.string() }),
  { maxKeys: 4 },
);
const documents = fc.record({
  other: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== 'mcpServers' && key !== '__proto__'),
    jsonValue,
    { maxKeys: 4 },
  ),
  servers: fc.option(servers, { nil: undefined }),
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
});

describe('setJsonEntry / removeJsonEntry on random documents', () => {
  it('adds exactly our entry, is idempotent, and removing it restores the bytes', () => {
    fc.assert(
      fc.property(documents, ({ other, servers: serverMap, indent, eol }) => {
        // Through JSON once, so values JSON cannot spell (-0) compare as the text holds them.
        const document = JSON.parse(JSON.stringify(serverMap === undefined ? other : { ...other, mcpServers: serverMap })) as Record<string, unknown>;
        const text = JSON.stringify(document, null, indent).replace(/\n/g, eol) + eol;
        const registered = set(text);
        // JSON.parse, not jsonc-parser's parse: a generated "__proto__" deep inside another value must
        // stay an ordinary key (jsonc-parser assigns it, which sets the object's prototype instead).
        expect(JSON.parse(registered)).toEqual({ ...document, mcpServers: { ...(serverMap ?? {}), punchcard: entry } });
        expect(set(registered)).toBe(registered);
        const removed = remove(registered);
        if (serverMap !== undefined) expect(removed).toBe(text);
        // A server map we had to create stays, empty: we never delete a structure from a client's file.
        else expect(JSON.parse(removed)).toEqual({ ...document, mcpServers: {} });
        // The file's own line endings are the only ones in it.
        if (eol === '\r\n') expect(registered.replace(/\r\n/g, '')).not.toContain('\n');
      }),
      { numRuns: 300 },
    );
  });
});

describe('removal keeps what is around our entry', () => {
  it('when ours is first', () => {
    const text = '{\n  "mcpServers": {\n    "punchcard": {"command": "x"},\n    // next one\n    "other": {}\n  }\n}\n';
    expect(remove(text)).toBe('{\n  "mcpServers": {\n    // next one\n    "other": {}\n  }\n}\n');
  });

  it('when a comment sits between the previous member and ours', () => {
    const text = '{\n  "mcpServers": {\n    "other": {}, // about other\n    "punchcard": {"command": "x"}\n  }\n}\n';
    expect(remove(text)).toBe('{\n  "mcpServers": {\n    "other": {} // about other\n  }\n}\n');
  });

  it('when ours is the only member after a comment', () => {
    const text = '{\n  "mcpServers": {\n    // servers\n    "punchcard": {"command": "x"}\n  }\n}\n';
    expect(remove(text)).toBe('{\n  "mcpServers": {\n    // servers\n  }\n}\n');
  });

  it('in a compact one-line file', () => {
    const text = '{"mcpServers":{"a":{"command":"b"},"punchcard":{"command":"x"},"c":{}}}';
    expect(remove(text)).toBe('{"mcpServers":{"a":{"command":"b"},"c":{}}}');
  });

  it('leaves a file without our entry as it is', () => {
    const text = '{ "mcpServers": { "a": {} } }';
    expect(remove(text)).toBe(text);
  });
});

describe('patching an existing entry', () => {
  it("keeps the user's keys and variables and drops only ELECTRON_RUN_AS_NODE", () => {
    const text = '{"mcpServers": {"punchcard": {"command": "old", "env": {"ELECTRON_RUN_AS_NODE": "1", "TZ": "Europe/Berlin"}, "disabled": false}}}';
    const result = set(text);
    expect(JSON.parse(result)).toEqual({
      mcpServers: { punchcard: { command: patch.command, args: patch.args, env: { TZ: 'Europe/Berlin' }, disabled: false } },
    });
  });

  it('removes an env map that held nothing but our variable', () => {
    const text = '{"mcpServers": {"punchcard": {"command": "old", "args": [], "env": {"ELECTRON_RUN_AS_NODE": "1"}}}}';
    expect(JSON.parse(set(text))).toEqual({ mcpServers: { punchcard: entry } });
  });

  it('refuses a duplicated entry instead of guessing which one counts', () => {
    const text = '{"mcpServers": {"punchcard": {}, "punchcard": {}}}';
    expect(() => set(text)).toThrow(ConfigError);
    expect(() => readJsonEntry(text, location)).toThrow(
      'line 1, column 34: the key "punchcard" appears twice in one object, and a client would read only the last',
    );
  });

  it('refuses a key given twice anywhere, as JSON.parse would read only the last, with line and column', () => {
    const text = '{\n  "mcpServers": {"a": {"command": "x"}},\n  "mcpServers": {"b": {"command": "y"}}\n}';
    expect(() => set(text)).toThrow('line 3, column 3: the key "mcpServers" appears twice in one object');
    expect(() => readJsonEntry('{"x": {"y": 1, "y": 2}}', location)).toThrow('the key "y" appears twice');
  });

  it('reads a "__proto__" key as data, never as a prototype', () => {
    const text = '{"mcpServers": {"punchcard": {"command": "node", "env": {"__proto__": {"polluted": true}}}}}';
    const entry = readJsonEntry(text, location) as { env: Record<string, unknown> };
    expect(Object.getPrototypeOf(entry.env)).toBe(Object.prototype);
    expect(Object.keys(entry.env)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a root that is not an object', () => {
    expect(() => set('[1, 2]')).toThrow('the file should hold a JSON object but holds an array');
  });
});
