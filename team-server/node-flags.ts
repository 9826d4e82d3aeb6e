// Node flags every launch of the team server carries: the shebang of its `punchcard-mcp` (vite.config.ts;
// the systemd unit and `npx` run that), and the container image's entry point (Containerfile).
//
// V8 sizes the young generation for the machine: under the bench's 100 people it grew to 128 MB while
// what a person keeps alive is about 0.17 MB, so the garbage of calls in flight, not the people, set the
// resident memory. With 8 MB semi-spaces the same bench holds 170 MB at 100 people instead of 200, and
// about 330 MB at the load's end instead of 390-430. The price is collections: their share of the
// server's busy time under the read load went from 4 % to 10 % in CPU profiles, about 6 % more
// CPU a call, with calls a second inside the run-to-run spread (docs/team-server/README.md, "Operation").
// 1 MB semi-spaces cost a fifth more a call. The size can be set only when the process starts, hence a
// flag. An administrator who wants another size runs `node --max-semi-space-size=N punchcard-mcp.mjs`
// (node does not read the program's first line then); NODE_OPTIONS cannot, as the command line wins.
export const TEAM_SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
