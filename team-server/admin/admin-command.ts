// `punchcard-mcp admin VERB --config FILE`: the administrator at the server, looking after it
// (docs/team-server/admin.md). Each verb reads the server's own config and environment (the key, the
// database password), as `serve` does, and answers on stdout, a line a finding; what is wrong is said
// on stderr, and the exit code is 0 when all is well, 1 for a problem found, 2 for a command given
// wrongly. `admin --help` lists the verbs, `admin VERB --help` says one verb's usage (stdout, exit 0),
// each naming the guide's page where the build ships it (team-server/index.ts).
import type { AdminIo } from './admin-io.ts';
import { readFlags } from '../../mcp-server/for-the-team-server.ts';
import { REPOSITORY_GUIDE } from './repository-guide.ts';

/** `punchcard-mcp admin --help`, and the usage under an admin command given wrongly without a verb. */
export function adminUsage(guide: string): string {
  return `Usage: punchcard-mcp admin VERB --config FILE    (admin VERB --help: that verb's own help)

Looking after the team server, with its config and environment (the key, the database password):
  punchcard-mcp admin people --config FILE          everyone who signed in: last seen, tracker user, connected clients
  punchcard-mcp admin people unlink PERSON --config FILE
                                                    unlink a person from their tracker user and sign them out
  punchcard-mcp admin sign-out PERSON --config FILE sign a person out everywhere (PERSON: their id or e-mail)
  punchcard-mcp admin rotate-key --new-key-env VAR --config FILE
                                                    start rotating the server key to the one in VAR, while serving
  punchcard-mcp admin rotate-key --finish --config FILE
                                                    end it, once every instance runs with the new key
  punchcard-mcp admin check --config FILE           the config, the key, the store, the back end, the identity provider
  punchcard-mcp admin backup FILE --config FILE     copy the SQLite store to FILE while the server runs
  punchcard-mcp admin restore FILE --config FILE    put a backup back into the SQLite store while the server runs
Exit 0 when all is well, 1 for a problem found, 2 for a command given wrongly.
More: ${guide}/admin.md.`;
}

type Verb = 'people' | 'sign-out' | 'rotate-key' | 'check' | 'backup' | 'restore';

interface VerbUsage {
  /** How many words the verb takes after it (each count it may take). */
  words: number | readonly number[];
  /** How it is written, one way a line (after `punchcard-mcp admin `). */
  forms: readonly string[];
  /** What it does, in a sentence or two, in lines of at most 100 characters. */
  does: string;
  /** Its flags besides --config, each with what it means. */
  flags?: Readonly<Record<string, string>>;
  /** The section of admin.md that tells more. */
  section: string;
}

const VERBS: Record<Verb, VerbUsage> = {
  people: {
    words: [0, 2],
    forms: ['people --config FILE', 'people unlink PERSON --config FILE'],
    does:
      'Everyone who signed in, one tab-separated line a person, the most recently seen first:\nid, last seen, name, e-mail, tracker user, connected clients.\n' +
      'With unlink PERSON (their id or e-mail): removes the pin of that person to a tracker user and signs\nthem out; their next sign-in matches their e-mail afresh.',
    section: 'People',
  },
  'sign-out': {
    words: 1,
    forms: ['sign-out PERSON --config FILE'],
    does:
      'Signs a person out everywhere (PERSON: their e-mail, or the id admin people lists): their grants,\n' +
      'tokens and stored tracker credentials are removed, and every instance closes their engine within\ntwo seconds.',
    section: 'Signing a person out',
  },
  'rotate-key': {
    words: 0,
    forms: ['rotate-key --new-key-env VAR --config FILE', 'rotate-key --finish --config FILE'],
    does:
      'Rotates the server key while the servers serve: first to the new key in VAR, sealing everything\n' +
      "anew under it; then, once every instance runs with the new key in key_env's variable, --finish\n" +
      '(run with the new key) forgets the old one.',
    flags: { '--new-key-env VAR': 'the variable that holds the new key (32 random bytes in base64)', '--finish': 'end the rotation' },
    section: 'Rotating the server key',
  },
  check: {
    words: 0,
    forms: ['check --config FILE'],
    does: 'Checks the config, the key, the store, the back end, the identity provider, the metrics and where\naudit records wait while the store is away, one line each, ok or problem.',
    section: 'Checking the setup',
  },
  backup: {
    words: 1,
    forms: ['backup FILE --config FILE'],
    does: "Copies the SQLite store to FILE while the server runs (SQLite's online backup). It never\noverwrites a file, and FILE is the server account's alone (0600).",
    section: 'Backup and restore',
  },
  restore: {
    words: 1,
    forms: ['restore FILE --config FILE'],
    does: 'Puts a backup made with admin backup back into the SQLite store while the server runs.',
    section: 'Backup and restore',
  },
};

/** `punchcard-mcp admin VERB --help`. */
export function verbUsage(verb: Verb, guide: string): string {
  const { forms, does, flags = {}, section } = VERBS[verb];
  const rows = { '--config FILE': "the server's configuration, read as serve reads it", ...flags };
  const width = Math.max(...Object.keys(rows).map((flag) => flag.length));
  return `Usage: ${forms.map((form) => `punchcard-mcp admin ${form}`).join('\n       ')}

${does}

${Object.entries(rows)
  .map(([flag, means]) => `  ${flag.padEnd(width)}  ${means}`)
  .join('\n')}

Exit 0 when all is well, 1 for a problem found, 2 for a command given wrongly.
More: ${guide}/admin.md, "${section}".`;
}

export async function runAdminCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
  guide: string = REPOSITORY_GUIDE,
): Promise<number> {
  const { read, problem } = readFlags(
    argv,
    {
      values: {
        config: "--config needs a value: the server's config file.",
        'new-key-env': '--new-key-env needs the name of the variable that holds the new key.',
      },
      switches: ['help', 'finish'],
      short: { h: 'help' },
      positionals: true,
      once: true,
    },
    (argument) => `Unknown option: ${argument}.`,
  );
  const [verb, ...words] = read.positionals;
  const known = verb !== undefined && Object.hasOwn(VERBS, verb);
  const usage = (problem: string) => {
    err(`${problem}\n\n${known ? verbUsage(verb as Verb, guide) : adminUsage(guide)}\n`);
    return 2;
  };
  // --help answers at once, unless something before it was wrong; after a verb this admin has not, the verb is what is wrong.
  if (read.switches.has('help') && (verb === undefined || known)) return (out(`${known ? verbUsage(verb as Verb, guide) : adminUsage(guide)}\n`), 0);
  if (problem) return usage(problem);
  if (!known) return usage(verb === undefined ? 'admin needs a verb.' : `admin has no verb "${verb}".`);
  const wanted = VERBS[verb as Verb].words;
  if (verb === 'people') {
    if (words.length > 0 && (words[0] !== 'unlink' || words.length !== 2))
      return usage(`admin people takes no further words, or unlink and the person (their id or e-mail) (given: ${words.join(' ')}).`);
  } else if (words.length !== wanted)
    return usage(
      wanted === 0
        ? `admin ${verb} takes no further words (given: ${words.join(' ')}).`
        : `admin ${verb} takes ${verb === 'sign-out' ? 'the person (their id or e-mail)' : 'a file'}.`,
    );
  const rotation = { newKeyVariable: read.values.get('new-key-env'), finish: read.switches.has('finish') };
  if (verb !== 'rotate-key' && (rotation.newKeyVariable !== undefined || rotation.finish)) return usage('--new-key-env and --finish go with admin rotate-key.');
  if (verb === 'rotate-key' && (rotation.newKeyVariable !== undefined) === rotation.finish)
    return usage('admin rotate-key takes --new-key-env VAR (to start) or --finish (to end).');
  const file = read.values.get('config');
  if (!file) return usage(`admin ${verb} takes --config FILE (the server's).`);
  const io: AdminIo = { env, out, err };
  if (verb === 'check') {
    const { runCheck } = await import('./check.ts');
    return runCheck(file, io);
  }
  const { readServerConfigFile } = await import('../config/server-config-file.ts');
  const config = readServerConfigFile(file);
  if (!config.ok) return (err(`${config.problem}\n`), 1);
  // Secrets given as files (NAME_FILE, a container's or Kubernetes' secrets) are read as serve reads them.
  const { secretVariables, withSecretFiles } = await import('../config/secret-files.ts');
  // The new key of a rotation too (VAR_FILE: a systemd credential or a mounted secret holds it).
  const newKey = rotation.newKeyVariable ? [{ variable: rotation.newKeyVariable, from: '--new-key-env' }] : [];
  const secrets = withSecretFiles(env, [...secretVariables(config.config), ...newKey]);
  if ('problem' in secrets) return (err(`${secrets.problem}\n`), 1);
  io.env = secrets.env;
  switch (verb as Exclude<Verb, 'check'>) {
    case 'people': {
      if (words[0] === 'unlink') {
        const { unlinkPerson } = await import('./unlink.ts');
        return unlinkPerson(config.config, words[1] as string, io);
      }
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
