// `punchcard-mcp` as the team server ships it (the container image, `npm run pack:server`): the
// engine's own command line (mcp-server/cli/main.ts) with the team server's commands added: `serve`,
// `audit` and `admin` (cli/team-commands.ts). The desktop app builds the engine's entry alone
// (mcp-server/index.ts) and never holds anything of this folder.
import { loadCommandLine, startNode } from '../mcp-server/for-the-team-server.ts';
import { holdTeamServerNodeFlags } from './hold-node-flags.ts';

/** How long a failed command's process may take to end on its own before it is ended. */
const FAILED_COMMAND_GRACE_MS = 3_000;

startNode();
// Before anything of the server is loaded: a `serve` whose node lacks the team server's flags starts
// again with them here (node-flags.ts), and what could not be held is said once its log is open.
const flagsNotice = holdTeamServerNodeFlags();
const [{ main }, { teamCommands }] = await Promise.all([loadCommandLine(), import('./cli/team-commands.ts')]);
// The administrator's guide ships beside this file, in docs/ (vite.config.ts), wherever the build is:
// the server package, the image's /opt/punchcard, a checkout's dist/team-server. The help names it there.
await main(process.argv.slice(2), teamCommands(`${import.meta.dirname}/docs`, flagsNotice));

// A command that failed has nothing left to do, and closed what it opened (a refused start closes its
// parts: team/team-server.ts), so the process ends by itself. Should something still hold it (a
// driver's socket, a part that would not close), it ends all the same a moment later, with its code:
// a server that refused to start must never look alive to systemd or Kubernetes. The timer holds
// nothing itself, and never fires where the process ends on its own.
if (Number(process.exitCode ?? 0) !== 0) {
  setTimeout(() => {
    process.stderr.write('(Something the command opened was still open after it failed; exiting.)\n');
    process.exit();
  }, FAILED_COMMAND_GRACE_MS).unref();
}
