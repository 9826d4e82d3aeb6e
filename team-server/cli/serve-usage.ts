// What the team server's commands say of themselves, in the usage of its command line
// (team-commands.ts) and under a command given wrongly (serve-command.ts). A module of its own: the
// command line names the commands at every start, and loads what runs them only when one is asked for.
export const SERVE_USAGE = `Team server:
  punchcard-mcp serve --config FILE            serve MCP over HTTP as configured in FILE (docs/team-server/README.md)
  punchcard-mcp serve --dev [--data DIR] [--port N]
                                               try it on this computer: the local timesheet, a development sign-in,
                                               http://127.0.0.1:8787 or port N (data in DIR, default ~/.local/share/punchcard-dev-server)
  punchcard-mcp audit --config FILE [--since YYYY-MM-DD] [--limit N]
                                               the audit log of writes, as JSON lines
  punchcard-mcp admin VERB --config FILE       look after the server: people, sign-out, rotate-key, check,
                                               backup, restore (docs/team-server/admin.md)`;
