// What the team server's command line says of itself: its overview, which `punchcard-mcp --help` leads
// with in the team server's build (team-commands.ts), and the help of `serve` and `audit`, shown with
// `--help` and under a command given wrongly (serve-command.ts). A module of its own: the command line
// names the commands at every start, and loads what runs them only when one is asked for. Pure: the
// folder the guide ships in is handed in (team-server/index.ts: `docs/` beside the program).

/**
 * The administrator's guide as the build ships it beside the program (docs/team-server/*.md, copied
 * whole into the build's docs/ by vite.config.ts), each page with what an administrator finds there.
 * The help names them; test/scripts/pack-server.test.ts checks that each is in the server package.
 */
export const GUIDE_PAGES = {
  'README.md': 'the configuration (every key of server.json), the secrets, the sign-in, the audit log',
  'container.md': 'running it in a container',
  'kubernetes.md': 'on Kubernetes',
  'compose.md': 'with Docker Compose',
  'systemd.md': 'as a systemd service, from the server package',
  'admin.md': 'the admin verbs: people, signing out, rotating the key, checking, backup and restore',
  'monitoring.md': 'the logs and the Prometheus metrics',
  'company-calendar.md': "drafting from people's company calendars: the setup, connecting, what is read and stored",
  'upgrading.md': 'upgrading one instance on SQLite, and going back',
} as const;

export { REPOSITORY_GUIDE } from '../admin/repository-guide.ts';

/** Where the guide is, and what each page holds: the end of the team server's overview. */
export function guideUsage(guide: string): string {
  const width = Math.max(...Object.keys(GUIDE_PAGES).map((page) => page.length));
  return `The administrator's guide ships with this program, in ${guide}/:
${Object.entries(GUIDE_PAGES)
  .map(([page, holds]) => `  ${page.padEnd(width)}  ${holds}`)
  .join('\n')}`;
}

/** The team server's commands, before the engine's own in the build's `--help`. */
export function teamUsage(guide: string): string {
  return `Usage: punchcard-mcp COMMAND ...      (punchcard-mcp COMMAND --help: that command's own help)

Punchcard's team server: the MCP server over HTTP for a whole team, each person signed in.

  punchcard-mcp serve --config FILE            serve as configured in FILE
  punchcard-mcp serve --dev [--data DIR] [--port N]
                                               try it on this computer: the local timesheet, a development sign-in
  punchcard-mcp audit --config FILE [--since YYYY-MM-DD] [--limit N]
                                               the audit log of writes, as JSON lines
  punchcard-mcp admin VERB --config FILE       look after the server: people, sign-out, rotate-key, check,
                                               backup, restore (admin VERB --help: that verb's own help)
  punchcard-mcp --version                      the version

${guideUsage(guide)}`;
}

/** `punchcard-mcp serve --help`. */
export function serveUsage(guide: string): string {
  return `Usage: punchcard-mcp serve --config FILE
       punchcard-mcp serve --dev [--data DIR] [--port N]

Serves MCP over HTTP for a team until SIGTERM or Ctrl+C, then lets the calls in flight finish and exits 0.
A config, key, store or port it cannot use is said in one line on stderr, with exit 1, before it serves.

  --config FILE  the server's configuration, a JSON file (README.md, "Configuration")
  --dev          try it on this computer, without a config: the local timesheet and a development
                 sign-in on http://127.0.0.1:8787
  --data DIR     with --dev: where its data lives (default ~/.local/share/punchcard-dev-server)
  --port N       with --dev: the port on 127.0.0.1 (default 8787)

More: ${guide}/README.md, and the rest of the administrator's guide beside it (punchcard-mcp --help).`;
}

/** `punchcard-mcp audit --help`. */
export function auditUsage(guide: string): string {
  return `Usage: punchcard-mcp audit --config FILE [--since YYYY-MM-DD] [--limit N]

Prints the audit log of writes through the server, one JSON line a record on stdout, as they were recorded:
when, who, which client, which tool, whether it was done, and what changed (README.md, "The audit log").

  --config FILE        the server's configuration (the store, and the key variable it names)
  --since YYYY-MM-DD   the records from that day on (UTC)
  --limit N            at most N records (default 100000)

More: ${guide}/README.md, "The audit log".`;
}
