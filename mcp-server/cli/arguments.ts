// Command-line arguments of punchcard-mcp. Pure: the entry point does the printing. Free of zod: it
// runs on every start, before the opening of a connection is answered. The back ends, their flags and
// what the usage says of them come from their descriptors (contract/back-ends.ts): a flag stands for a
// kind of field (an address, an e-mail, a workspace, TLS options), and a back end takes the flags of
// the fields it has.
import { resolve } from 'node:path';
import { isEmail, isHttpUrl, normalizeBaseUrl, normalizeEmail } from '../contract/back-end-accounts.ts';
import {
  fieldOf,
  MAX_WORKSPACE_LENGTH,
  secretHostProblem,
  type BackEndDescriptor,
  type FieldKind,
  type ServiceUrlField,
} from '../contract/back-end-descriptor.ts';
import { BACK_END_TYPES, BACK_ENDS, backEndOf, isBackEndType, secondTokenVariable, tokenVariable, type BackEndProfile } from '../contract/back-ends.ts';
import { defaultUserDataDir } from '../user-data.ts';
import { variableValue } from '../variables.ts';
import { readFlags } from '../command-flags.ts';

/** The back ends that have a field of this kind. */
const having = (kind: FieldKind) => BACK_ENDS.filter((backEnd: BackEndDescriptor) => fieldOf(backEnd, kind) !== undefined);
const labelsHaving = (kind: FieldKind) => listed(having(kind).map((backEnd) => backEnd.label));
const typesHaving = (kind: FieldKind) => listedOr(having(kind).map((backEnd) => backEnd.type));
/** An address as the first back end with one shows it, for messages about `--url` itself. */
const EXAMPLE_URL = fieldOf(having('url')[0] as BackEndDescriptor, 'url')?.example ?? 'https://example.com';

/**
 * The addresses of a back end's own API beside its site (Tempo's host, `tempoUrl`), each a flag of its own named by its
 * key in kebab case (`--tempo-url`) and a variable in snake case (PUNCHCARD_TEMPO_URL).
 */
const SERVICE_URLS = BACK_ENDS.flatMap((backEnd: BackEndDescriptor) => {
  const field = fieldOf(backEnd, 'service_url');
  return field ? [{ field, type: backEnd.type, flag: kebab(field.key), variable: `PUNCHCARD_${snake(field.key)}` }] : [];
});

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/** How a back end's flags read in the usage: `--url URL [--ca-file FILE] [--allow-insecure-tls]`. */
function flagsUsage(backEnd: BackEndDescriptor): string {
  return backEnd.fields
    .map((field) => {
      switch (field.kind) {
        case 'url':
          return field.default === undefined ? '--url URL' : '[--url URL]';
        case 'email':
          return '--email E-MAIL';
        case 'workspace':
          return '[--workspace WORKSPACE]';
        case 'account_id':
          return '[--account-id ID]';
        case 'tls':
          return '[--ca-file FILE] [--allow-insecure-tls]';
        case 'service_url':
          return `[--${kebab(field.key)} URL]`;
        case 'field_defaults':
          return '';
      }
    })
    .filter((usage) => usage !== '')
    .join(' ');
}

/** `text` in lines of at most `width` characters, every line but the first indented to `indent`. */
function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

const COLUMN = 24;
const described = (text: string) => wrap(text, COLUMN);
const tokenVariables = [
  ...BACK_ENDS.filter((backEnd) => backEnd.secret !== null).map((backEnd) => tokenVariable(backEnd.type)),
  ...BACK_ENDS.flatMap((backEnd) => secondTokenVariable(backEnd.type) ?? []),
];
const urlUsages = having('url').map((backEnd) => fieldOf(backEnd, 'url')?.usage ?? '');
const emailUsages = having('email').map((backEnd) => fieldOf(backEnd, 'email')?.usage ?? '');

export const USAGE = `Usage: punchcard-mcp [--user-data DIR] [--all-tools] [--provider BACK-END ...] [--test-connection [--json]]

Speaks the Model Context Protocol on stdin/stdout for an AI client.

  --user-data DIR       folder with config.json and punchcard.db
                        (default: the Punchcard app's own folder)
  --all-tools           offer every tool, ignoring the on/off switches in the settings
                        (the Punchcard app uses this for its own copy)
  --provider ${BACK_END_TYPES.join('|')}
                        the back end, instead of the one in the settings:
${BACK_ENDS.filter((backEnd) => backEnd.fields.length > 0)
  .map((backEnd) => `                          --provider ${backEnd.type} ${flagsUsage(backEnd)}`)
  .join('\n')}
  --url URL             ${urlUsages.map((usage, index) => described(index === 0 ? `the back end's address: ${usage}` : usage)).join(`;\n${' '.repeat(COLUMN)}`)}
  --email E-MAIL        ${described(emailUsages.join(', or '))}
  --workspace WORKSPACE ${described(`the ${labelsHaving('workspace')} workspace, by id or name (default: your active one)`)}
  --account-id ID       ${described(`${labelsHaving('account_id')}'s account, by its id (default: the only one your token reaches)`)}
${SERVICE_URLS.map(({ field, flag }) => `  --${`${flag} URL`.padEnd(COLUMN - 4)}${described(field.usage)}`).join('\n')}
  --ca-file FILE        ${described(`PEM file of the CA that signed ${labelsHaving('tls')}'s certificate (trusted in addition)`)}
  --allow-insecure-tls  ${described(`do not check ${labelsHaving('tls')}'s certificate at all (test servers only; logged loudly)`)}
  --test-connection     ${described(`check the connection to the back end, print a verdict on stderr and exit (0 connected, 1 not); the secret comes from the keychain or ${tokenVariables.join(' / ')}`)}
  --json                with --test-connection: also print the result as one JSON line on
                        stdout, for programs (the Punchcard app reads it)
  --help, -h            show this text (a command's own: punchcard-mcp COMMAND --help)
  --version             show the version

Environment (for clients that configure a server by its variables, such as a Claude Desktop
extension; a flag wins, and --provider with its flags wins over all of them; empty means unset):
  PUNCHCARD_USER_DATA   as --user-data
  PUNCHCARD_PROVIDER    as --provider, with PUNCHCARD_URL, PUNCHCARD_EMAIL, PUNCHCARD_CA_FILE,
                        PUNCHCARD_WORKSPACE and PUNCHCARD_ACCOUNT_ID as --url, --email, --ca-file,
                        --workspace and --account-id${SERVICE_URLS.map(({ flag, variable }) => `, ${variable} as --${flag}`).join('')}
  ${wrap(tokenVariables.join(', '), 2)}
                        the back end's secret (it wins over the keychain)

The organisation's policy:
  punchcard-mcp policy [--json]            how it applies on this machine, and the files it came from`;

/**
 * `formBackEnd` is the back end the variables name (a Claude Desktop extension's form), the only one
 * the form's secret is for (credentials/form-secret.ts); flags may name another one to use.
 */
export type ParsedArguments =
  | { kind: 'serve'; userDataDir: string; allTools: boolean; provider?: BackEndProfile; formBackEnd?: BackEndProfile }
  /** `json` is there only when asked for, so the common case reads as before. */
  | { kind: 'test-connection'; userDataDir: string; provider?: BackEndProfile; formBackEnd?: BackEndProfile; json?: true }
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
  accountId: 'PUNCHCARD_ACCOUNT_ID',
} as const;

/** The variables of the addresses of a back end's own API beside its site, by their profile key (`tempoUrl`: PUNCHCARD_TEMPO_URL). */
export const SERVICE_URL_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries(SERVICE_URLS.map(({ field, variable }) => [field.key, variable]));

const FLAG_NAMES: Names = { provider: '--provider', url: '--url', email: '--email', caFile: '--ca-file', workspace: '--workspace', accountId: '--account-id' };
const VARIABLE_NAMES: Names = CONFIG_VARIABLES;

const FLAGS = {
  values: {
    'user-data': '--user-data needs a folder.',
    provider: `--provider is ${listedOr(BACK_END_TYPES)}.`,
    url: `--url needs an address, e.g. ${EXAMPLE_URL}.`,
    email: '--email needs an address, e.g. --email ada@example.com.',
    workspace: `--workspace needs a ${listedOr(having('workspace').map((backEnd) => backEnd.label))} workspace, by id or name.`,
    'ca-file': '--ca-file needs a PEM file.',
    'account-id': `--account-id needs a ${labelsHaving('account_id')} account id (digits).`,
    ...Object.fromEntries(SERVICE_URLS.map(({ field, flag }) => [flag, `--${flag} needs an address, e.g. ${field.example}.`])),
  },
  // Flags that are on by being there; `--all-tools=false` would otherwise silently mean on.
  switches: ['help', 'version', 'all-tools', 'test-connection', 'allow-insecure-tls', 'json'],
  short: { h: 'help' },
};

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArguments {
  const { read, problem } = readFlags(argv, FLAGS, (argument) => `Unknown argument: ${argument}`);
  // --help and --version answer at once, unless something before them was wrong.
  const first = [...read.switches].find((name) => name === 'help' || name === 'version');
  if (first === 'help') return { kind: 'help' };
  if (first === 'version') return { kind: 'version' };
  if (problem) return { kind: 'error', message: problem };
  const flag = (name: string) => read.values.get(name);
  // As in config.json (contract/settings.ts): a workspace's id or name, never blank.
  const workspace = flag('workspace')?.trim();
  if (workspace === '') return { kind: 'error', message: FLAGS.values.workspace };
  const flags: FieldValues = {
    url: flag('url'),
    email: flag('email'),
    workspace,
    accountId: flag('account-id')?.trim(),
    caFile: withDefined(flag('ca-file'), resolve),
    allowInsecureTls: read.switches.has('allow-insecure-tls'),
    services: Object.fromEntries(SERVICE_URLS.flatMap(({ field, flag: name }) => (flag(name) === undefined ? [] : [[field.key, flag(name) as string]]))),
  };
  const provider = flag('provider');
  const anyFlag =
    provider !== undefined ||
    Object.keys(flags.services).length > 0 ||
    flags.url !== undefined ||
    flags.email !== undefined ||
    flags.caFile !== undefined ||
    workspace !== undefined ||
    flags.accountId !== undefined ||
    flags.allowInsecureTls;
  const fromVariables = providerProfile(
    variableValue(env, CONFIG_VARIABLES.provider),
    {
      url: variableValue(env, CONFIG_VARIABLES.url),
      email: variableValue(env, CONFIG_VARIABLES.email),
      caFile: withDefined(variableValue(env, CONFIG_VARIABLES.caFile), resolve),
      workspace: variableValue(env, CONFIG_VARIABLES.workspace),
      accountId: variableValue(env, CONFIG_VARIABLES.accountId),
      allowInsecureTls: false,
      services: Object.fromEntries(
        SERVICE_URLS.flatMap(({ field, variable }) =>
          variableValue(env, variable) === undefined ? [] : [[field.key, variableValue(env, variable) as string]],
        ),
      ),
    },
    VARIABLE_NAMES,
  );
  const profile = anyFlag ? providerProfile(provider, flags, FLAG_NAMES) : fromVariables;
  if (typeof profile === 'string') return { kind: 'error', message: profile };
  const userData = flag('user-data');
  const folder =
    userData !== undefined
      ? resolve(userData)
      : (withDefined(variableValue(env, CONFIG_VARIABLES.userData), resolve) ?? defaultUserDataDir(process.platform, env));
  const withProvider = {
    ...(profile ? { provider: profile } : {}),
    ...(typeof fromVariables === 'object' ? { formBackEnd: fromVariables } : {}),
  };
  const json = read.switches.has('json');
  if (read.switches.has('test-connection')) return { kind: 'test-connection', userDataDir: folder, ...withProvider, ...(json ? { json: true as const } : {}) };
  // Serving MCP owns stdout: a JSON line there would corrupt the protocol, so refuse it plainly.
  if (json) return { kind: 'error', message: '--json goes with --test-connection.' };
  return { kind: 'serve', userDataDir: folder, allTools: read.switches.has('all-tools'), ...withProvider };
}

/** The values of a profile's fields as the flags (or variables) give them. */
interface FieldValues {
  url: string | undefined;
  email: string | undefined;
  workspace: string | undefined;
  accountId: string | undefined;
  caFile: string | undefined;
  allowInsecureTls: boolean;
  /** A second service's address by its profile key (Tempo's host, `tempoUrl`). */
  services: Readonly<Record<string, string>>;
}

/** What the messages call each setting: the flags, or the variables standing for them. */
interface Names {
  provider: string;
  url: string;
  email: string;
  caFile: string;
  workspace: string;
  accountId: string;
}

/** "a, b and c". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "a, b or c". */
function listedOr(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function withDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}

/**
 * The back end the flags (or variables) ask for, undefined when they ask for none, or what is wrong
 * with them. The same rules and normal forms as a profile in config.json (contract/settings.ts).
 */
function providerProfile(type: string | undefined, given: FieldValues, names: Names): BackEndProfile | undefined | string {
  const n = names;
  const flagged = names === FLAG_NAMES;
  const tlsGiven = given.caFile !== undefined || given.allowInsecureTls;
  const servicesGiven = Object.keys(given.services);
  const anyGiven =
    given.url !== undefined ||
    given.email !== undefined ||
    given.workspace !== undefined ||
    given.accountId !== undefined ||
    tlsGiven ||
    servicesGiven.length > 0;
  const tlsNames = flagged ? '--ca-file and --allow-insecure-tls' : n.caFile;
  const allNames = listed([n.url, n.email, n.workspace, ...(flagged ? ['--ca-file', '--allow-insecure-tls'] : [n.caFile])]);
  if (type === undefined) return anyGiven ? `${allNames} go with ${n.provider}.` : undefined;
  // A variable is set out of sight (an extension's form): its value is said back.
  if (!isBackEndType(type)) return `${n.provider} is ${listedOr(BACK_END_TYPES)}${flagged ? '' : ` (not "${type}")`}.`;
  const backEnd = backEndOf(type);
  if (backEnd.fields.length === 0) return anyGiven ? `${allNames} are not for ${n.provider} ${type}.` : ({ type } as BackEndProfile);
  const url = fieldOf(backEnd, 'url');
  const email = fieldOf(backEnd, 'email');
  if (given.url !== undefined && !url) return `${n.url} is for ${n.provider} ${typesHaving('url')} only.`;
  if (given.url !== undefined && !isHttpUrl(given.url)) return `${n.url} ${given.url} is not an http(s) address such as ${url?.example}.`;
  if (given.workspace !== undefined && !fieldOf(backEnd, 'workspace')) return `${n.workspace} is for ${n.provider} ${typesHaving('workspace')} only.`;
  if (given.accountId !== undefined && !fieldOf(backEnd, 'account_id')) return `${n.accountId} is for ${n.provider} ${typesHaving('account_id')} only.`;
  if (given.accountId !== undefined && !/^\d{1,20}$/.test(given.accountId)) return `${n.accountId} ${given.accountId} is not an account id (digits only).`;
  if (given.workspace !== undefined && given.workspace.length > MAX_WORKSPACE_LENGTH)
    return `${n.workspace} is a workspace id or name of at most ${MAX_WORKSPACE_LENGTH} characters.`;
  if (tlsGiven && !fieldOf(backEnd, 'tls')) return `${tlsNames} ${flagged ? 'are' : 'is'} for ${n.provider} ${typesHaving('tls')} only.`;
  if (given.email !== undefined && !email)
    return `${n.email} is for ${n.provider} ${typesHaving('email')}; ${backEnd.label} knows you by your ${backEnd.secret?.name}.`;
  for (const key of servicesGiven) {
    const service = SERVICE_URLS.find(({ field }) => field.key === key);
    const name = flagged ? `--${service?.flag}` : service?.variable;
    if (fieldOf(backEnd, 'service_url')?.key !== key)
      return `${name} is for ${n.provider} ${listedOr(SERVICE_URLS.filter(({ field }) => field.key === key).map(({ type }) => type))} only.`;
    if (!isHttpUrl(given.services[key] as string)) return `${name} ${given.services[key]} is not an http(s) address such as ${service?.field.example}.`;
  }
  const profile: Record<string, unknown> = { type };
  for (const field of backEnd.fields) {
    if (field.kind === 'url') {
      if (given.url === undefined && field.default === undefined)
        return `${n.provider} ${type} needs ${n.url}, e.g. ${flagged ? '--url ' : `${n.url}=`}${field.example}.`;
      profile.url = given.url === undefined ? field.default : normalizeBaseUrl(given.url);
    } else if (field.kind === 'email') {
      if (given.email === undefined) return `${n.provider} ${type} needs ${n.email}: ${field.needed}.`;
      if (!isEmail(given.email)) return `${n.email} ${given.email} is not an e-mail address such as ada@example.com.`;
      profile.email = normalizeEmail(given.email);
    } else if (field.kind === 'workspace') {
      if (given.workspace !== undefined) profile.workspace = given.workspace;
    } else if (field.kind === 'account_id') {
      if (given.accountId !== undefined) profile.account_id = given.accountId;
    } else if (field.kind === 'service_url') {
      const asked = given.services[field.key];
      const address = asked === undefined ? field.default : normalizeBaseUrl(asked);
      // Where the back end's own secret may go: only its API hosts (Tempo's three), or a server on this computer.
      const problem = secretHostProblem(backEnd, address, field as ServiceUrlField);
      if (problem) return `${flagged ? `--${kebab(field.key)}` : `PUNCHCARD_${snake(field.key)}`} ${asked}: ${problem}.`;
      profile[field.key] = address;
    } else if (field.kind === 'field_defaults') {
      // Only in the settings file: no flag gives them.
    } else {
      if (given.caFile !== undefined) profile.caFile = given.caFile;
      if (given.allowInsecureTls) profile.allowInsecureTls = true;
    }
  }
  // Where the back end's secret may go to its own API hosts only (Clockify's), the address is one of them.
  const problem = typeof profile.url === 'string' ? secretHostProblem(backEnd, profile.url) : undefined;
  if (problem) return `${n.url} ${given.url}: ${problem}.`;
  return profile as BackEndProfile;
}
