// The one flag reader every command of the bundle uses (mcp-server/command-flags.ts), on its own: what it adds to
// node:util's parseArgs is the same for every command, so it is held here once.
import { describe, expect, it } from 'vitest';
import { readFlags, type FlagSpec } from '../../mcp-server/command-flags.ts';

const SPEC: FlagSpec = {
  values: { url: '--url needs an address.', 'user-data': '--user-data needs a folder.' },
  switches: ['json', 'help'],
  short: { h: 'help' },
};
const unknown = (argument: string) => `Unknown option: ${argument}.`;

describe('readFlags', () => {
  it('reads values, switches and short switches', () => {
    const { read, problem } = readFlags(['--url', 'https://a.example.com', '--json', '-h', '--user-data=/tmp/x'], SPEC, unknown);
    expect(problem).toBeUndefined();
    expect(Object.fromEntries(read.values)).toEqual({ url: 'https://a.example.com', 'user-data': '/tmp/x' });
    expect([...read.switches]).toEqual(['json', 'help']);
  });

  it('refuses a flag it does not know, in the words the command chose', () => {
    expect(readFlags(['--json', '--jsn'], SPEC, unknown).problem).toBe('Unknown option: --jsn.');
    expect(readFlags(['--', '--json'], SPEC, unknown).problem).toBe('Unknown option: --.');
  });

  it('refuses a word that is not a flag unless the command takes some', () => {
    expect(readFlags(['claude-desktop'], SPEC, unknown).problem).toBe('Unknown option: claude-desktop.');
    const { read, problem } = readFlags(['claude-desktop', '--json'], { ...SPEC, positionals: true }, unknown);
    expect(problem).toBeUndefined();
    expect(read.positionals).toEqual(['claude-desktop']);
  });

  it('refuses a switch written with a value, which parseArgs would read as on', () => {
    expect(readFlags(['--json=false'], SPEC, unknown).problem).toBe('--json takes no value (remove "=false").');
  });

  it('never takes the next flag as a value, and counts an empty value as missing', () => {
    expect(readFlags(['--url', '--json'], SPEC, unknown).problem).toBe('--url needs an address.');
    expect(readFlags(['--url'], SPEC, unknown).problem).toBe('--url needs an address.');
    expect(readFlags(['--url='], SPEC, unknown).problem).toBe('--url needs an address.');
  });

  it('keeps what came before a problem, so --help given first is still seen', () => {
    const { read, problem } = readFlags(['--help', '--nope'], SPEC, unknown);
    expect(problem).toBe('Unknown option: --nope.');
    expect(read.switches.has('help')).toBe(true);
  });

  it('takes the last of a flag given twice, or refuses it where the command says once', () => {
    expect(readFlags(['--url', 'a', '--url', 'b'], SPEC, unknown).read.values.get('url')).toBe('b');
    expect(readFlags(['--url', 'a', '--url', 'b'], { ...SPEC, once: true }, unknown).problem).toBe('--url is given twice.');
  });
});
