// Command-line arguments of punchcard-mcp. Pure: the entry point does the printing. Free of zod: it
// runs on every start, before the opening of a connection is answered.
import { resolve } from 'node:path';
import { isHttpUrl, normalizeKimaiUrl } from '../contract/kimai-url.ts';
import type { ProviderProfile } from '../contract/settings.ts';
import { defaultUserDataDir } from '../user-data.ts';

export const USAGE = `Usage: punchcard-mcp [--user-data DIR] [--all-tools] [--provider kimai --url URL] [--test-connection [--json]]

Speaks the Model Context Protocol on stdin/stdout for an AI client.

  --user-data DIR       folder with config.json and punchcard.db
                        (default: the Punchcard app's own folder)
  --all-tools           offer every tool, ignoring the on/off switches in the settings
                        (the Punchcard app uses this for its own copy)
  --provider local|kimai
                        the back end, instead of the one in the settings
  --url URL             Kimai's address, e.g. https://kimai.example.com (with --provider kimai)
  --ca-file FILE        PEM file of the CA that signed Kimai's certificate (trusted in addition)
  --allow-insecure-tls  do not check Kimai's certificate at all (test servers only; logged loudly)
  --test-connection     check the connection to the back end, print a verdict on stderr and exit
                        (0 connected, 1 not); the token comes from the keychain or
                        PUNCHCARD_KIMAI_TOKEN
  --json                with --test-connection: also print the result as one JSON line on
                        stdout, for programs (the Punchcard app reads it)
  --help                show this text
  --version             show the version`;

/** Flags that are on by being there; `--all-tools=false` would otherwise silently mean on. */
const SWITCHES = new Set(['--help', '-h', '--version', '--all-tools', '--test-connection', '--allow-insecure-tls', '--json']);

export type ParsedArguments =
  | { kind: 'serve'; userDataDir: string; allTools: boolean; provider?: ProviderProfile }
  /** `json` is there only when asked for, so the common case reads as before. */
  | { kind: 'test-connection'; userDataDir: string; provider?: ProviderProfile; json?: true }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArguments {
  let userDataDir: string | undefined;
  let allTools = false;
  let testConnection = false;
  let json = false;
  let provider: string | undefined;
  let url: string | undefined;
  let caFile: string | undefined;
  let allowInsecureTls = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const [name, inline] = argument.startsWith('--') && argument.includes('=')
      ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
      : [argument, undefined];
    // A value is inline (--url=…) or the next argument, but never the next flag: `--url
    // --test-connection` is a missing address, not the address "--test-connection".
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      index++;
      return next;
    };
    if (inline !== undefined && SWITCHES.has(name)) return { kind: 'error', message: `${name} takes no value (remove "=${inline}").` };
    if (name === '--help' || name === '-h') return { kind: 'help' };
    if (name === '--version') return { kind: 'version' };
    if (name === '--all-tools') {
      allTools = true;
    } else if (name === '--test-connection') {
      testConnection = true;
    } else if (name === '--json') {
      json = true;
    } else if (name === '--allow-insecure-tls') {
      allowInsecureTls = true;
    } else if (name === '--user-data') {
      const folder = value();
      if (!folder) return { kind: 'error', message: '--user-data needs a folder.' };
      userDataDir = resolve(folder);
    } else if (name === '--provider') {
      provider = value();
      if (provider !== 'local' && provider !== 'kimai') return { kind: 'error', message: '--provider is local or kimai.' };
    } else if (name === '--url') {
      url = value();
      if (!url) return { kind: 'error', message: '--url needs an address, e.g. https://kimai.example.com.' };
    } else if (name === '--ca-file') {
      const file = value();
      if (!file) return { kind: 'error', message: '--ca-file needs a PEM file.' };
      caFile = resolve(file);
    } else {
      return { kind: 'error', message: `Unknown argument: ${argument}` };
    }
  }
  const profile = providerProfile(provider, url, caFile, allowInsecureTls);
  if (typeof profile === 'string') return { kind: 'error', message: profile };
  const folder = userDataDir ?? defaultUserDataDir(process.platform, env);
  const withProvider = profile ? { provider: profile } : {};
  if (testConnection) return { kind: 'test-connection', userDataDir: folder, ...withProvider, ...(json ? { json: true as const } : {}) };
  // Serving MCP owns stdout: a JSON line there would corrupt the protocol, so refuse it plainly.
  if (json) return { kind: 'error', message: '--json goes with --test-connection.' };
  return { kind: 'serve', userDataDir: folder, allTools, ...withProvider };
}

/** The back end the flags ask for, undefined when they ask for none, or what is wrong with them. */
function providerProfile(provider: string | undefined, url: string | undefined, caFile: string | undefined, allowInsecureTls: boolean): ProviderProfile | undefined | string {
  const kimaiOnly = url !== undefined || caFile !== undefined || allowInsecureTls;
  if (provider === undefined) return kimaiOnly ? '--url, --ca-file and --allow-insecure-tls go with --provider kimai.' : undefined;
  if (provider === 'local') return kimaiOnly ? '--url, --ca-file and --allow-insecure-tls are for --provider kimai only.' : { type: 'local' };
  if (url === undefined) return '--provider kimai needs --url, e.g. --url https://kimai.example.com.';
  // The same rule and normal form as a Kimai profile in config.json (contract/settings.ts).
  if (!isHttpUrl(url)) return `--url ${url} is not an http(s) address such as https://kimai.example.com.`;
  return {
    type: 'kimai',
    url: normalizeKimaiUrl(url),
    ...(caFile === undefined ? {} : { caFile }),
    ...(allowInsecureTls ? { allowInsecureTls } : {}),
  };
}
