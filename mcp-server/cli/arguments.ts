// Command-line arguments of punchcard-mcp. Pure: the entry point does the printing. Free of zod: it
// runs on every start, before the opening of a connection is answered.
import { resolve } from 'node:path';
import { CLOCKIFY_URL, CLOCKODO_URL, clockifyUrlProblem, MAX_WORKSPACE_LENGTH, isEmail, isHttpUrl, normalizeBaseUrl, normalizeEmail } from '../contract/back-end-accounts.ts';
import type { ProviderProfile } from '../contract/settings.ts';
import { defaultUserDataDir } from '../user-data.ts';
import { variableValue } from '../variables.ts';

export const USAGE = `Usage: punchcard-mcp [--user-data DIR] [--all-tools] [--provider BACK-END ...] [--test-connection [--json]]

Speaks the Model Context Protocol on stdin/stdout for an AI client.

  --user-data DIR       folder with config.json and punchcard.db
                        (default: the Punchcard app's own folder)
  --all-tools           offer every tool, ignoring the on/off switches in the settings
                        (the Punchcard app uses this for its own copy)
  --provider local|kimai|clockodo|calamari|clockify
                        the back end, instead of the one in the settings:
                          --provider kimai --url URL [--ca-file FILE] [--allow-insecure-tls]
                          --provider clockodo --email E-MAIL [--url URL]
                          --provider calamari --url URL --email E-MAIL
                          --provider clockify [--url URL] [--workspace WORKSPACE]
  --url URL             the back end's address: Kimai's, e.g. https://kimai.example.com;
                        your organisation's Calamari, e.g. https://acme.calamari.io;
                        Clockodo's only for a test server (default ${CLOCKODO_URL});
                        Clockify's region, e.g. https://euc1.clockify.me/api
                        (default ${CLOCKIFY_URL}/api)
  --email E-MAIL        your Clockodo login, or the Calamari employee Punchcard acts for
  --workspace WORKSPACE the Clockify workspace, by id or name (default: your active one)
  --ca-file FILE        PEM file of the CA that signed Kimai's certificate (trusted in addition)
  --allow-insecure-tls  do not check Kimai's certificate at all (test servers only; logged loudly)
  --test-connection     check the connection to the back end, print a verdict on stderr and exit
                        (0 connected, 1 not); the secret comes from the keychain or
                        PUNCHCARD_KIMAI_TOKEN / PUNCHCARD_CLOCKODO_TOKEN / PUNCHCARD_CALAMARI_TOKEN /
                        PUNCHCARD_CLOCKIFY_TOKEN
  --json                with --test-connection: also print the result as one JSON line on
                        stdout, for programs (the Punchcard app reads it)
  --help                show this text
  --version             show the version

Environment (for clients that configure a server by its variables, such as a Claude Desktop
extension; a flag wins, and --provider with its flags wins over all of them; empty means unset):
  PUNCHCARD_USER_DATA   as --user-data
  PUNCHCARD_PROVIDER    as --provider, with PUNCHCARD_URL, PUNCHCARD_EMAIL, PUNCHCARD_CA_FILE and
                        PUNCHCARD_WORKSPACE as --url, --email, --ca-file and --workspace
  PUNCHCARD_KIMAI_TOKEN, PUNCHCARD_CLOCKODO_TOKEN, PUNCHCARD_CALAMARI_TOKEN,
  PUNCHCARD_CLOCKIFY_TOKEN
                        the back end's secret (it wins over the keychain)`;

/** Flags that are on by being there; `--all-tools=false` would otherwise silently mean on. */
const SWITCHES = new Set(['--help', '-h', '--version', '--all-tools', '--test-connection', '--allow-insecure-tls', '--json']);

/**
 * `formBackEnd` is the back end the variables name (a Claude Desktop extension's form), the only one
 * the form's secret is for (credentials/form-secret.ts); flags may name another one to use.
 */
export type ParsedArguments =
  | { kind: 'serve'; userDataDir: string; allTools: boolean; provider?: ProviderProfile; formBackEnd?: ProviderProfile }
  /** `json` is there only when asked for, so the common case reads as before. */
  | { kind: 'test-connection'; userDataDir: string; provider?: ProviderProfile; formBackEnd?: ProviderProfile; json?: true }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

/** The variables that configure a server like its flags do, by the flag they stand for. */
export const CONFIG_VARIABLES = {
  userData: 'PUNCHCARD_USER_DATA',
  provider: 'PUNCHCARD_PROVIDER',
  url: 'PUNCHCARD_URL',
  email: 'PUNCHCARD_EMAIL',
  caFile: 'PUNCHCARD_CA_FILE',
  workspace: 'PUNCHCARD_WORKSPACE',
} as const;

const FLAG_NAMES: Names = { provider: '--provider', url: '--url', email: '--email', caFile: '--ca-file', workspace: '--workspace' };
const VARIABLE_NAMES: Names = CONFIG_VARIABLES;

/**
 * A variable's value, or undefined where it is unset, empty, or a placeholder a client left
 * unfilled ("${user_config.url}"): none of those can be meant as a value, and each would otherwise
 * be refused as a bad address.
 */
const variable = variableValue;

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArguments {
  let userDataDir: string | undefined;
  let allTools = false;
  let testConnection = false;
  let json = false;
  let provider: string | undefined;
  let url: string | undefined;
  let email: string | undefined;
  let caFile: string | undefined;
  let workspace: string | undefined;
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
      provider = value() ?? '';
    } else if (name === '--url') {
      url = value();
      if (!url) return { kind: 'error', message: '--url needs an address, e.g. https://kimai.example.com.' };
    } else if (name === '--email') {
      email = value();
      if (!email) return { kind: 'error', message: '--email needs an address, e.g. --email ada@example.com.' };
    } else if (name === '--workspace') {
      workspace = value()?.trim();
      if (!workspace) return { kind: 'error', message: '--workspace needs a Clockify workspace, by id or name.' };
    } else if (name === '--ca-file') {
      const file = value();
      if (!file) return { kind: 'error', message: '--ca-file needs a PEM file.' };
      caFile = resolve(file);
    } else {
      return { kind: 'error', message: `Unknown argument: ${argument}` };
    }
  }
  const anyFlag = provider !== undefined || url !== undefined || email !== undefined || caFile !== undefined || workspace !== undefined || allowInsecureTls;
  const fromVariables = providerProfile(
    {
      provider: variable(env, CONFIG_VARIABLES.provider),
      url: variable(env, CONFIG_VARIABLES.url),
      email: variable(env, CONFIG_VARIABLES.email),
      caFile: withDefined(variable(env, CONFIG_VARIABLES.caFile), resolve),
      workspace: variable(env, CONFIG_VARIABLES.workspace),
      allowInsecureTls: false,
    },
    VARIABLE_NAMES,
  );
  const profile = anyFlag ? providerProfile({ provider, url, email, caFile, workspace, allowInsecureTls }, FLAG_NAMES) : fromVariables;
  if (typeof profile === 'string') return { kind: 'error', message: profile };
  const folder = userDataDir ?? withDefined(variable(env, CONFIG_VARIABLES.userData), resolve) ?? defaultUserDataDir(process.platform, env);
  const withProvider = {
    ...(profile ? { provider: profile } : {}),
    ...(typeof fromVariables === 'object' ? { formBackEnd: fromVariables } : {}),
  };
  if (testConnection) return { kind: 'test-connection', userDataDir: folder, ...withProvider, ...(json ? { json: true as const } : {}) };
  // Serving MCP owns stdout: a JSON line there would corrupt the protocol, so refuse it plainly.
  if (json) return { kind: 'error', message: '--json goes with --test-connection.' };
  return { kind: 'serve', userDataDir: folder, allTools, ...withProvider };
}

interface ProviderFlags {
  provider: string | undefined;
  url: string | undefined;
  email: string | undefined;
  caFile: string | undefined;
  workspace: string | undefined;
  allowInsecureTls: boolean;
}

/** What the messages call each setting: the flags, or the variables standing for them. */
interface Names {
  provider: string;
  url: string;
  email: string;
  caFile: string;
  workspace: string;
}

/** "a, b and c". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function withDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}

/** The back end the flags (or variables) ask for, undefined when they ask for none, or what is wrong with them. */
function providerProfile(flags: ProviderFlags, names: Names): ProviderProfile | undefined | string {
  const { provider, url, email, caFile, workspace, allowInsecureTls } = flags;
  const n = names;
  const tlsFlags = caFile !== undefined || allowInsecureTls;
  const tlsNames = names === FLAG_NAMES ? '--ca-file and --allow-insecure-tls' : n.caFile;
  const backEndNames = listed([n.url, n.email, n.workspace, ...(names === FLAG_NAMES ? ['--ca-file', '--allow-insecure-tls'] : [n.caFile])]);
  if (provider === undefined) {
    return url !== undefined || email !== undefined || workspace !== undefined || tlsFlags ? `${backEndNames} go with ${n.provider}.` : undefined;
  }
  if (provider !== 'local' && provider !== 'kimai' && provider !== 'clockodo' && provider !== 'calamari' && provider !== 'clockify') {
    // A variable is set out of sight (an extension's form): its value is said back.
    return `${n.provider} is local, kimai, clockodo, calamari or clockify${names === FLAG_NAMES ? '' : ` (not "${provider}")`}.`;
  }
  if (provider === 'local') {
    return url !== undefined || email !== undefined || workspace !== undefined || tlsFlags ? `${backEndNames} are not for ${n.provider} local.` : { type: 'local' };
  }
  // The same rules and normal forms as a profile in config.json (contract/settings.ts).
  if (url !== undefined && !isHttpUrl(url)) return `${n.url} ${url} is not an http(s) address such as https://kimai.example.com.`;
  if (workspace !== undefined && provider !== 'clockify') return `${n.workspace} is for ${n.provider} clockify only.`;
  // As in config.json (contract/settings.ts): a workspace's id or name, not a page of text.
  if (workspace !== undefined && workspace.length > MAX_WORKSPACE_LENGTH) return `${n.workspace} is a workspace id or name of at most ${MAX_WORKSPACE_LENGTH} characters.`;
  if (provider === 'clockify') {
    if (tlsFlags) return `${tlsNames} ${names === FLAG_NAMES ? 'are' : 'is'} for ${n.provider} kimai only.`;
    if (email !== undefined) return `${n.email} is not for ${n.provider} clockify: Clockify knows you by your API key.`;
    const address = url === undefined ? CLOCKIFY_URL : normalizeBaseUrl(url);
    const problem = clockifyUrlProblem(address);
    if (problem) return `${n.url} ${url}: ${problem}.`;
    return { type: 'clockify', url: address, ...(workspace === undefined ? {} : { workspace }) };
  }
  if (provider === 'clockodo') {
    if (tlsFlags) return `${tlsNames} ${names === FLAG_NAMES ? 'are' : 'is'} for ${n.provider} kimai only.`;
    if (email === undefined) return `${n.provider} clockodo needs ${n.email}, your Clockodo login.`;
    if (!isEmail(email)) return `${n.email} ${email} is not an e-mail address such as ada@example.com.`;
    return { type: 'clockodo', email: normalizeEmail(email), url: url === undefined ? CLOCKODO_URL : normalizeBaseUrl(url) };
  }
  if (provider === 'calamari') {
    // The organisation's key may act for anyone: without the one person, Punchcard does not use it.
    if (tlsFlags) return `${tlsNames} ${names === FLAG_NAMES ? 'are' : 'is'} for ${n.provider} kimai only.`;
    if (url === undefined) return `${n.provider} calamari needs ${n.url}, your organisation's Calamari address (e.g. https://acme.calamari.io).`;
    if (email === undefined) return `${n.provider} calamari needs ${n.email}: the employee Punchcard acts for with the organisation's key.`;
    if (!isEmail(email)) return `${n.email} ${email} is not an e-mail address such as ada@example.com.`;
    return { type: 'calamari', url: normalizeBaseUrl(url), email: normalizeEmail(email) };
  }
  if (email !== undefined) return `${n.email} is for ${n.provider} clockodo or calamari; Kimai knows you by your token.`;
  if (url === undefined) return `${n.provider} kimai needs ${n.url}, e.g. ${names === FLAG_NAMES ? '--url ' : `${n.url}=`}https://kimai.example.com.`;
  return {
    type: 'kimai',
    url: normalizeBaseUrl(url),
    ...(caFile === undefined ? {} : { caFile }),
    ...(allowInsecureTls ? { allowInsecureTls } : {}),
  };
}
