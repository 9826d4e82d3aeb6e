// The commands the team server adds to the engine's command line (team-server/index.ts). Each loads
// its own code when asked for: `--version` or a policy check in the container loads none of it.
import type { AddedCommands } from '../../mcp-server/cli/main.ts';
import { withoutControls } from '../../mcp-server/plain-text.ts';
import { SERVE_USAGE } from './serve-command.ts';

// What the administrator's commands print holds words from outside (people's names and e-mails from
// the store, the config's values): none of it may steer the terminal (mcp-server/plain-text.ts).
const out = (text: string) => process.stdout.write(withoutControls(text));
const err = (text: string) => process.stderr.write(withoutControls(text));

export const TEAM_COMMANDS: AddedCommands = {
  usage: SERVE_USAGE,
  run: {
    serve: async (argv) => {
      const { runServeCommand } = await import('./serve-command.ts');
      return runServeCommand(argv, process.env, (text) => process.stderr.write(text));
    },
    // The command's answer is for the administrator at the terminal: stdout, one line a finding.
    admin: async (argv) => {
      const { runAdminCommand } = await import('../admin/admin-command.ts');
      return runAdminCommand(argv, process.env, out, err);
    },
    // The records are the command's answer: stdout, one JSON line each (no MCP is spoken here).
    audit: async (argv) => {
      const { runAuditCommand } = await import('./serve-command.ts');
      return runAuditCommand(
        argv,
        (text) => process.stdout.write(text),
        (text) => process.stderr.write(text),
      );
    },
  },
};
