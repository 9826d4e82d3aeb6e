// Node flags every launch of the engine carries (an AI client's entry, the app's own engine).
//
// Under a steady stream of calls the engine's live data stays small (about 12 MB after a full
// collection, measured after 20,000 calls), but V8 sizes its heap for the machine, not the program:
// on a 24 GB machine the young generation grows to 128 MB and old space fills with garbage long
// before a major collection, so RSS climbed past 300 MB and stayed there. These sizes can only be
// set when the process starts (V8 ignores them once the heap exists), hence flags on the command
// line. With them the same load peaks near 140 MB; the old-space cap is twenty times the live data
// of the largest report benchmarked (100,000 entries), so it bounds garbage, not work.
export const ENGINE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--max-old-space-size=256'];
