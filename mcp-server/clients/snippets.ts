// The text a person pastes into a client's config, the one-line command where the client has one,
// and the install links clients register for. Pure: the app shows these, the CLI prints them.
import type { ClientDefinition } from './catalog.ts';
import type { Platform } from './environment.ts';
import { nestUnder, written } from './json-config.ts';
import { ENTRY_NAME, type LaunchSpec } from './server-entry.ts';
import { setTomlEntry } from './toml-config.ts';

export interface Snippet {
  clientId: string;
  /** The language of `text`, for highlighting and for checking that it parses. */
  language: 'json' | 'toml' | 'yaml';
  /** A complete document: paste it as the whole file, or merge its server entry into yours. */
  text: string;
  /** A command that makes the client add the entry itself (shell syntax of the given platform). */
  command?: string;
  links: Array<{ label: string; url: string }>;
  nextStep: string;
}

export function snippetFor(client: ClientDefinition, launch: LaunchSpec, platform: Platform): Snippet {
  const entry = written(client.entry(launch));
  const links: Snippet['links'] = [];
  let command: string | undefined;
  const quote = platform === 'win32' ? powershellQuote : posixQuote;
  switch (client.id) {
    case 'vscode':
    case 'vscode-insiders': {
      const scheme = client.id === 'vscode' ? 'vscode' : 'vscode-insiders';
      const named = JSON.stringify({ name: ENTRY_NAME, ...entry });
      // On Windows `code` is a .cmd script, and PowerShell strips the double quotes inside an
      // argument it passes to one; the install link is the reliable route there.
      if (platform !== 'win32') command = `${client.id === 'vscode' ? 'code' : 'code-insiders'} --add-mcp ${quote(named)}`;
      links.push({ label: `Install in ${client.name}`, url: `${scheme}:mcp/install?${encodeURIComponent(named)}` });
      break;
    }
    case 'cursor':
      links.push({
        label: 'Install in Cursor',
        url: `cursor://anysphere.cursor-deeplink/mcp/install?name=${ENTRY_NAME}&config=${encodeURIComponent(base64(entry))}`,
      });
      break;
    case 'lm-studio':
      links.push({ label: 'Install in LM Studio', url: `lmstudio://add_mcp?name=${ENTRY_NAME}&config=${encodeURIComponent(base64(entry))}` });
      break;
    case 'claude-code':
      if (platform === 'win32') {
        // No JSON on a Windows command line (see above): the plain form carries the same entry.
        const variables = Object.entries(launch.env)
          .map(([name, value]) => `-e ${quote(`${name}=${value}`)} `)
          .join('');
        command = `claude mcp add -s user ${variables}${ENTRY_NAME} -- ${[launch.command, ...launch.args].map(quote).join(' ')}`;
      } else {
        command = `claude mcp add-json -s user ${ENTRY_NAME} ${quote(JSON.stringify(entry))}`;
      }
      break;
    case 'codex': {
      const variables = Object.entries(launch.env)
        .map(([name, value]) => `--env ${quote(`${name}=${value}`)} `)
        .join('');
      command = `codex mcp add ${ENTRY_NAME} ${variables}-- ${[launch.command, ...launch.args].map(quote).join(' ')}`;
      break;
    }
    case 'gemini-cli': {
      // `gemini mcp add [options] <name> <command> [args...]`; arguments that look like options go
      // after `--` (geminicli.com/docs/tools/mcp-server, "Adding an stdio server").
      const variables = Object.entries(launch.env)
        .map(([name, value]) => `-e ${quote(`${name}=${value}`)} `)
        .join('');
      command = `gemini mcp add -s user ${variables}${ENTRY_NAME} ${quote(launch.command)} -- ${launch.args.map(quote).join(' ')}`;
      break;
    }
    case 'copilot-cli': {
      // `copilot mcp add <name> [options] -- <command> [args...]`; it always writes a tool filter,
      // and "*" leaves the choice to Punchcard's own switches, as the written entry does.
      const variables = Object.entries(launch.env)
        .map(([name, value]) => `-e ${quote(`${name}=${value}`)} `)
        .join('');
      command = `copilot mcp add ${ENTRY_NAME} --tools ${quote('*')} ${variables}-- ${[launch.command, ...launch.args].map(quote).join(' ')}`;
      break;
    }
  }
  return {
    clientId: client.id,
    language: languageOf(client),
    text: documentText(client, entry),
    ...(command ? { command } : {}),
    links,
    nextStep: client.nextStep,
  };
}

function languageOf(client: ClientDefinition): Snippet['language'] {
  return client.format === 'toml' ? 'toml' : client.format === 'yaml' ? 'yaml' : 'json';
}

function documentText(client: ClientDefinition, entry: Record<string, unknown>): string {
  if (client.format === 'toml') {
    return setTomlEntry('', { container: client.container, name: ENTRY_NAME }, entry, { bom: false, eol: '\n', indent: '  ', finalNewline: true });
  }
  if (client.format === 'yaml') return yamlDocument(client.container, entry);
  const nested = nestUnder([...client.container, ENTRY_NAME], entry);
  return `${JSON.stringify(nested, null, 2)}\n`;
}

/** YAML for a flat entry: JSON scalars and flow collections are valid YAML and need no escaping rules of their own. */
function yamlDocument(container: readonly string[], entry: Record<string, unknown>): string {
  const lines: string[] = [];
  container.forEach((key, depth) => lines.push(`${'  '.repeat(depth)}${key}:`));
  const depth = container.length;
  lines.push(`${'  '.repeat(depth)}${ENTRY_NAME}:`);
  for (const [key, value] of Object.entries(entry)) {
    lines.push(`${'  '.repeat(depth + 1)}${key}: ${JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function base64(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

export function posixQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell ends a single-quoted string on the typographic apostrophes too, so every one of them
 * is doubled; a bare comma would make an array and a leading @ a splat, so both get quotes.
 */
export function powershellQuote(value: string): string {
  return /^[\w%+=:./\\-]+$/.test(value) ? value : `'${value.replace(/['\u2018-\u201b]/g, '$&$&')}'`;
}
