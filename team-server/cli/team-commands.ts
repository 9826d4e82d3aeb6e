// The commands the team server adds to the engine's command line (team-server/index.ts). Each loads
// its own code when asked for: `--version` or a policy check in the container loads none of it. Each
// answers `--help` on stdout with its own usage, which names the guide where the build ships it.
import type { AddedCommands } from '../../mcp-server/for-the-team-server.ts';
import { teamUsage } from './serve-usage.ts';

/**
 * The team server's commands, their help naming the guide in `guide` (the build's docs/ folder);
 * `flagsNotice`, where given, is what `serve` says at start about Node flags it runs without (node-flags.ts).
 */
export function teamCommands(guide: string, flagsNotice?: string): AddedCommands {
  return {
    usage: teamUsage(guide),
    run: {
      serve: async (argv, terminal) => {
        const { runServeCommand } = await import('./serve-command.ts');
        return runServeCommand(argv, process.env, terminal.err, { out: terminal.out, guide }, flagsNotice);
      },
      // The command's answer is for the administrator at the terminal: stdout, one line a finding. Its
      // words come from outside (people's names and e-mails from the store, the config's values).
      admin: async (argv, terminal) => {
        const { runAdminCommand } = await import('../admin/admin-command.ts');
        return runAdminCommand(argv, process.env, terminal.out, terminal.err, guide);
      },
      // The records are the command's answer: stdout, one JSON line each (no MCP is spoken here), as
      // JSON writes them (a control in a value is escaped there, not taken out).
      audit: async (argv, terminal) => {
        const { runAuditCommand } = await import('./serve-command.ts');
        return runAuditCommand(argv, (text) => process.stdout.write(text), terminal.err, { out: terminal.out, guide });
      },
    },
  };
}
