// Node flags every launch of the team server carries: the shebang of its `punchcard-mcp` (vite.config.ts;
// the systemd unit and `npx` run that), and the container image's entry point (Containerfile).
//
// --max-semi-space-size=8: V8 sizes the young generation for the machine: under the bench's 100 people it
// grew to 128 MB while what a person keeps alive is about 0.17 MB, so the garbage of calls in flight, not
// the people, set the resident memory. With 8 MB semi-spaces the same bench holds 170 MB at 100 people
// instead of 200. The price is collections: their share of the server's busy time under the read load
// went from 4 % to 10 % in CPU profiles, about 6 % more CPU a call, with calls a second inside the
// run-to-run spread (docs/team-server/README.md, "Operation"). 1 MB semi-spaces cost a fifth more a call.
//
// --heap-growing-percent=50: what the old generation holds under load is garbage, not people. A call
// allocates about 200 KB and about 14 KB of it outlives the young generation (10 KB with 32 MB semi-spaces),
// most of it the SDK's handling of the request; it dies in the old generation.
// After each full collection V8 lets the old generation grow by a factor before the next one, and where
// the heap may reach 2 GB (the default on a machine of 8 GB or more) that factor goes up to four once
// garbage arrives faster than V8 marks, which on the bench it did at a hundred calls a second. 30 s of the
// bench's timer reads at 830 to 945 calls a second then took the old generation to 205 MB over the 55 MB
// a full collection keeps, and the process to 340-350 MB. On a smaller heap V8 itself keeps the factor
// between 1.3 and 2; at two the same load held 90 MB and 225-230 MB, with full collections two to three
// times as often and no more CPU a call. At one and a half (50) the team-load bench ended its loads at
// 212-219 MB resident instead of 231-252 at two, the CPU a call within the spread between runs
// (docs/decisions.md). It sets no ceiling: a heap limit (Node's from a container's memory limit, or
// --max-old-space-size in NODE_OPTIONS) still holds.
//
// The young generation's size can be set only when the process starts, hence flags, and the growing
// factor rides beside it (docs/decisions.md says why). An administrator who wants other values runs
// `node --max-semi-space-size=N --heap-growing-percent=P punchcard-mcp.mjs` (node does not read the
// program's first line then); NODE_OPTIONS cannot, as the command line wins.
export const TEAM_SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];

/**
 * The environment every launcher of the team server sets beside the flags: the image (Containerfile),
 * the systemd unit and compose; a program's first line cannot set a variable. MALLOC_ARENA_MAX=2: glibc
 * gives each thread that allocates at once an arena of its own, up to eight a core, and V8's helper
 * threads (the collector's, the compiler's) and libuv's pool each kept one, 45-50 MB outside the V8
 * heap at the end of the bench's load; two arenas held the same load in less, at no CPU a call beyond
 * the spread between runs (docs/decisions.md, "The team server's memory at the peer's").
 */
export const TEAM_SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
