// Flags and their values: a switch takes none, and a flag that needs one never takes the next flag.
import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../../mcp-server/cli/arguments.ts';

const env = { HOME: '/home/ada' };

describe('switches', () => {
  it.each(['--all-tools', '--test-connection', '--allow-insecure-tls', '--json', '--help', '--version'])('%s=value is refused, not read as on', (flag) => {
    expect(parseArguments([`${flag}=false`], env)).toEqual({ kind: 'error', message: `${flag} takes no value (remove "=false").` });
  });

  it('still takes them bare', () => {
    expect(parseArguments(['--all-tools'], env)).toMatchObject({ kind: 'serve', allTools: true });
  });
});

describe('flags with a value', () => {
  it('do not swallow the next flag as their value', () => {
    expect(parseArguments(['--provider', 'kimai', '--url', '--test-connection'], env)).toEqual({
      kind: 'error',
      message: '--url needs an address, e.g. https://kimai.example.com.',
    });
    expect(parseArguments(['--user-data', '--all-tools'], env)).toEqual({ kind: 'error', message: '--user-data needs a folder.' });
    expect(parseArguments(['--provider', 'kimai', '--url', 'https://k.example.com', '--ca-file', '--test-connection'], env)).toEqual({
      kind: 'error',
      message: '--ca-file needs a PEM file.',
    });
    expect(parseArguments(['--provider', '--url', 'https://k.example.com'], env)).toEqual({
      kind: 'error',
      message: '--provider is local, kimai, clockodo, calamari, clockify, toggl, harvest or tempo.',
    });
    expect(parseArguments(['--provider', 'tempo', '--tempo-url', '--test-connection'], env)).toEqual({
      kind: 'error',
      message: '--tempo-url needs an address, e.g. https://api.tempo.io.',
    });
  });

  it('take a value that starts with a dash when it is written inline', () => {
    expect(parseArguments(['--user-data=--odd-folder'], env)).toMatchObject({ kind: 'serve', userDataDir: expect.stringMatching(/--odd-folder$/) });
  });
});
