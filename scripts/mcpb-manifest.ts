// The manifest of Punchcard's Claude Desktop extension (an MCP Bundle, `.mcpb`), made from the
// engine's own registries: the tools and prompts it lists are the engine's, not a copy that could
// drift (test/scripts/pack-mcpb.test.ts holds the packed bundle to them). The person's settings
// (back end, address, e-mail, secret) reach the engine as the variables it reads
// (mcp-server/cli/arguments.ts, CONFIG_VARIABLES): Claude Desktop fills them in from its form, and
// keeps the secret in the system keychain (`sensitive`). The secret goes in one variable,
// PUNCHCARD_SECRET, beside the back end the form names, and the engine sends it to that back end
// alone (mcp-server/credentials/form-secret.ts), never to one a policy fixes instead. The manifest
// itself only names the variables, so no value of anyone's ever lands in the bundle.
import { CONFIG_VARIABLES } from '../mcp-server/cli/arguments.ts';
import { FORM_SECRET_VARIABLE } from '../mcp-server/credentials/form-secret.ts';
import { fieldOf, type BackEndDescriptor, type FieldKind } from '../mcp-server/contract/back-end-descriptor.ts';
import { BACK_END_TYPES, BACK_ENDS } from '../mcp-server/contract/back-ends.ts';
import { TOOL_NAMES } from '../mcp-server/contract/tool-catalog.ts';
import { TOOL_CONTRACTS } from '../mcp-server/contract/tools/index.ts';
import { MINIMUM_NODE } from '../mcp-server/node-version.ts';
import { PROMPT_LIST } from '../mcp-server/prompts/index.ts';

/** The newest manifest version the official CLI (@anthropic-ai/mcpb 2.1) knows: LATEST_MANIFEST_VERSION. */
export const MANIFEST_VERSION = '0.4';

/** Where the engine sits inside the bundle; chunks/ beside it, as vite.config.ts lays it out. */
export const ENTRY_POINT = 'server/punchcard-mcp.mjs';

const userConfig = (key: string) => `\${user_config.${key}}`;

// What the form says of each back end comes from its descriptor (mcp-server/contract/back-ends.ts).
const backEnds: readonly BackEndDescriptor[] = BACK_ENDS;
const remote = backEnds.filter((backEnd) => backEnd.remote);
const having = (kind: FieldKind) => backEnds.filter((backEnd) => fieldOf(backEnd, kind) !== undefined);
const without = (kind: FieldKind) => remote.filter((backEnd) => fieldOf(backEnd, kind) === undefined);
const labels = (backEnds: ReadonlyArray<{ label: string }>, or = false) =>
  listed(
    backEnds.map((backEnd) => backEnd.label),
    or ? 'or' : 'and',
  );
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
/** How each back end is chosen in the form, with what it needs: its type in backticks, then its fields and secret in words. */
const choices = backEnds.map((backEnd) => {
  const needs = [
    ...backEnd.fields.flatMap((field) =>
      field.kind === 'url' && field.default === undefined ? ['its address'] : field.kind === 'email' ? [fieldOf(backEnd, 'email')?.usage ?? ''] : [],
    ),
    ...(backEnd.secret ? [`${backEnd.secret.whose === 'organisation' ? "the organisation's" : 'your'} ${backEnd.secret.name}`] : []),
    ...(fieldOf(backEnd, 'workspace') ? ['a workspace where you have several'] : []),
    ...(fieldOf(backEnd, 'account_id') ? ['an account id where your token reaches several'] : []),
  ];
  return `\`${backEnd.type}\`${needs.length ? ` (${listed(needs, 'and')})` : ''}`;
});

/** "a, b and c", or "a, b or c". */
function listed(words: readonly string[], word: 'and' | 'or'): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${word} ${words.at(-1)}`;
}

export function buildManifest(version: string) {
  return {
    manifest_version: MANIFEST_VERSION,
    name: 'punchcard',
    display_name: 'Punchcard',
    version,
    description: 'Track working time and leave from Claude: clock in and out, log and fix entries, reports, leave and the team calendar.',
    long_description: [
      `Punchcard keeps your working time and leave, on a timesheet on this computer or in the tracker your company already uses (${labels(remote, true)}).`,
      '',
      'Leave **Back end** empty to use what the Punchcard app is set to (it keeps its settings and timesheet in its data folder, which this extension shares; a secret typed here is then not used, since nothing says which back end it is for). ' +
        `Or choose one here: ${listed(choices, 'or')}. ` +
        'The secret stays in your system keychain, and Punchcard sends it only to the back end chosen here.',
      '',
      'Prompts: weekly review, fill my day, plan leave and month close. Before deleting an entry, cancelling leave or stopping a running timer, Punchcard asks you.',
    ].join('\n'),
    author: { name: 'Punchcard contributors' },
    license: 'MIT',
    icon: 'icon.png',
    keywords: ['time tracking', 'timesheet', 'leave', ...remote.map((backEnd) => backEnd.type)],
    server: {
      type: 'node',
      entry_point: ENTRY_POINT,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${ENTRY_POINT}`],
        env: {
          [CONFIG_VARIABLES.provider]: userConfig('back_end'),
          [CONFIG_VARIABLES.url]: userConfig('url'),
          [CONFIG_VARIABLES.email]: userConfig('email'),
          [CONFIG_VARIABLES.caFile]: userConfig('ca_file'),
          [CONFIG_VARIABLES.workspace]: userConfig('workspace'),
          [CONFIG_VARIABLES.accountId]: userConfig('account_id'),
          [CONFIG_VARIABLES.userData]: userConfig('data_folder'),
          [FORM_SECRET_VARIABLE]: userConfig('secret'),
        },
      },
    },
    tools: TOOL_NAMES.map((name) => ({ name, description: TOOL_CONTRACTS[name].description })),
    tools_generated: false,
    prompts: PROMPT_LIST.map((prompt) => ({
      name: prompt.name,
      description: prompt.description,
      arguments: prompt.arguments.map((argument) => argument.name),
      text: manifestText(prompt),
    })),
    prompts_generated: false,
    compatibility: {
      platforms: ['darwin', 'win32', 'linux'],
      // The engine checks this itself too, and says so in words (mcp-server/node-version.ts).
      runtimes: { node: `>=${MINIMUM_NODE}` },
    },
    user_config: {
      back_end: {
        type: 'string',
        title: 'Back end',
        description: `${BACK_END_TYPES.join(', ')}. Empty: what the Punchcard app is set to (the secret below is then not used).`,
        required: false,
        default: '',
      },
      url: {
        type: 'string',
        title: 'Address',
        description: `The back end's address: ${having('url')
          .map((backEnd) => fieldOf(backEnd, 'url')?.usage)
          .join('; ')}. Empty where it has a default.`,
        required: false,
        default: '',
      },
      email: {
        type: 'string',
        title: 'E-mail',
        description: `${capitalised(
          listed(
            having('email').map((backEnd) => fieldOf(backEnd, 'email')?.usage ?? ''),
            'or',
          ),
        )}. Empty for ${labels(without('email'))}.`,
        required: false,
        default: '',
      },
      secret: {
        type: 'string',
        title: 'API token or key',
        description: `${capitalised(
          listed(
            remote.map((backEnd) => `${backEnd.secret?.whose === 'organisation' ? "your organisation's" : 'your'} ${backEnd.label} ${backEnd.secret?.name}`),
            'or',
          ),
        )}, for the back end chosen above: Punchcard sends it to no other. Kept in your system keychain.`,
        required: false,
        sensitive: true,
      },
      workspace: {
        type: 'string',
        title: `${labels(having('workspace'))} workspace`,
        description: `Only for ${labels(having('workspace'), true)}, where you belong to several workspaces: its name or id. Empty: your active one.`,
        required: false,
        default: '',
      },
      account_id: {
        type: 'string',
        title: `${labels(having('account_id'))} account id`,
        description: `Only for ${labels(having('account_id'), true)}, where your token reaches several accounts: the account's id (digits). Empty: the only one.`,
        required: false,
        default: '',
      },
      ca_file: {
        type: 'file',
        title: `${labels(having('tls'))} CA certificate`,
        description: `Only for a ${labels(having('tls'), true)} whose certificate your organisation signs itself: its CA as a PEM file.`,
        required: false,
      },
      data_folder: {
        type: 'directory',
        title: 'Data folder',
        description: "Where Punchcard keeps its settings and the local timesheet. Empty: the Punchcard app's own folder.",
        required: false,
      },
    },
  };
}

/**
 * The static text a manifest carries for a prompt (shown before install; the engine renders the
 * real one with exact days when the prompt is picked), with the arguments as placeholders.
 */
function manifestText(prompt: (typeof PROMPT_LIST)[number]): string {
  const args = prompt.arguments.map((argument) => `${argument.name}: \${arguments.${argument.name}}`).join('; ');
  return `Use Punchcard (${prompt.tools.join(', ')}) for this: ${prompt.description}${args ? ` (${args})` : ''} Ask me before changing or filing anything.`;
}
