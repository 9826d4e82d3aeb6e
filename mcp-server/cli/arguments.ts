// Command-line arguments of punchcard-mcp. Pure: the entry point does the printing.
import { resolve } from 'node:path';
import { defaultUserDataDir } from '../user-data.ts';

export const USAGE = `Usage: punchcard-mcp [--user-data DIR] [--all-tools]

Speaks the Model Context Protocol on stdin/stdout for an AI client.

  --user-data DIR  folder with config.json and punchcard.db
                   (default: the Punchcard app's own folder)
  --all-tools      offer every tool, ignoring the on/off switches in the settings
                   (the Punchcard app uses this for its own copy)
  --help           show this text
  --version        show the version`;

export type ParsedArguments =
  | { kind: 'serve'; userDataDir: string; allTools: boolean }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArguments {
  let userDataDir: string | undefined;
  let allTools = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') return { kind: 'help' };
    if (argument === '--version') return { kind: 'version' };
    if (argument === '--all-tools') {
      allTools = true;
    } else if (argument === '--user-data' || argument.startsWith('--user-data=')) {
      const value = argument.includes('=') ? argument.slice(argument.indexOf('=') + 1) : argv[++index];
      if (!value) return { kind: 'error', message: '--user-data needs a folder.' };
      userDataDir = resolve(value);
    } else {
      return { kind: 'error', message: `Unknown argument: ${argument}` };
    }
  }
  return { kind: 'serve', userDataDir: userDataDir ?? defaultUserDataDir(process.platform, env), allTools };
}
