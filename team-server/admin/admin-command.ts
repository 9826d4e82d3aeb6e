// `punchcard-mcp admin VERB --config FILE`: the administrator at the server, looking after it
// (docs/team-server/admin.md). Each verb reads the server's own config and environment (the key, the
// database password), as `serve` does, and answers on stdout, a line a finding; what is wrong is said
// on stderr, and the exit code is 0 when all is well, 1 for a problem found, 2 for a command given
// wrongly.
import type { AdminIo } from './admin-io.ts';
import { readFlags } from '../../mcp-server/command-flags.ts';

export const ADMIN_USAGE = `Looking after the team server (docs/team-server/admin.md):
  punchcard-mcp admin people --config FILE          everyone who signed in: last seen, connected clients
  punchcard-mcp admin sign-out PERSON --config FILE sign a person out everywhere (PERSON: their id or e-mail)
  punchcard-mcp admin rotate-key --new-key-env VAR --config FILE
                                                    start rotating the server key to the one in VAR, while serving
  punchcard-mcp admin rotate-key --finish --config FILE
                                                    end it, once every instance runs with the new key
  punchcard-mcp admin check --config FILE           the config, the key, the store, the back end, the identity provider
  punchcard-mcp admin backup FILE --config FILE     copy the SQLite store to FILE while the server runs
  punchcard-mcp admin restore FILE --config FILE    put a backup back into the SQLite store while the server runs`;

type Verb = 'people' | 'sign-out' | 'rotate-key' | 'check' | 'backup' | 'restore';
/** How many words each verb takes after it. */
const VERBS: Record<Verb, number> = { people: 0, 'sign-out': 1, 'rotate-key': 0, check: 0, backup: 1, restore: 1 };

export async function runAdminCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const { read, problem } = readFlags(
    argv,
    {
      values: {
        config: "--config needs a value: the server's config file.",
        'new-key-env': '--new-key-env needs the name of the variable that holds the new key.',
      },
      switches: ['help', 'finish'],
      positionals: true,
      once: true,
    },
    (argument) => `Unknown option: ${argument}.`,
  );
  if (read.switches.has('help')) return (out(`${ADMIN_USAGE}\n`), 0);
  if (problem) return usage(err, problem);
  const [verb, ...words] = read.positionals;
  if (verb === undefined || !Object.hasOwn(VERBS, verb)) return usage(err, verb === undefined ? 'admin needs a verb.' : `admin has no verb "${verb}".`);
  const wanted = VERBS[verb as Verb];
  if (words.length !== wanted)
    return usage(
      err,
      wanted === 0
        ? `admin ${verb} takes no further words (given: ${words.join(' ')}).`
        : `admin ${verb} takes ${verb === 'sign-out' ? 'the person (their id or e-mail)' : 'a file'}.`,
    );
  const rotation = { newKeyVariable: read.values.get('new-key-env'), finish: read.switches.has('finish') };
  if (verb !== 'rotate-key' && (rotation.newKeyVariable !== undefined || rotation.finish))
    return usage(err, '--new-key-env and --finish go with admin rotate-key.');
  if (verb === 'rotate-key' && (rotation.newKeyVariable !== undefined) === rotation.finish)
    return usage(err, 'admin rotate-key takes --new-key-env VAR (to start) or --finish (to end).');
  const file = read.values.get('config');
  if (!file) return usage(err, `admin ${verb} takes --config FILE (the server's).`);
  const io: AdminIo = { env, out, err };
  if (verb === 'check') {
    const { runCheck } = await import('./check.ts');
    return runCheck(file, io);
  }
  const { readServerConfigFile } = await import('../../mcp-server/settings/server-config-file.ts');
  const config = readServerConfigFile(file);
  if (!config.ok) return (err(`${config.problem}\n`), 1);
  // Secrets given as files (NAME_FILE, a container's or Kubernetes' secrets) are read as serve reads them.
  const { secretVariables, withSecretFiles } = await import('../../mcp-server/settings/secret-files.ts');
  const secrets = withSecretFiles(env, secretVariables(config.config));
  if ('problem' in secrets) return (err(`${secrets.problem}\n`), 1);
  io.env = secrets.env;
  switch (verb as Exclude<Verb, 'check'>) {
    case 'people': {
      const { listPeople } = await import('./people.ts');
      return listPeople(config.config, io);
    }
    case 'sign-out': {
      const { signOutPerson } = await import('./sign-out.ts');
      return signOutPerson(config.config, words[0] as string, io);
    }
    case 'rotate-key': {
      const { rotateKey } = await import('./rotate-key.ts');
      return rotateKey(config.config, rotation, io);
    }
    case 'backup': {
      const { backUp } = await import('./backup.ts');
      return backUp(config.config, words[0] as string, io);
    }
    case 'restore': {
      const { restore } = await import('./backup.ts');
      return restore(config.config, words[0] as string, io);
    }
  }
}

function usage(err: (text: string) => void, problem: string): number {
  err(`${problem}\n\n${ADMIN_USAGE}\n`);
  return 2;
}
