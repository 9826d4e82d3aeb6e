// The pace the tests' engines keep to with Clockify. Clockify counts requests a second, and the engine
// keeps to its ten (remote/pacing.ts), so a call that fans out waits a second for every ten requests.
// The fake Clockify counts nothing unless a test asks it to (its `rateLimit`), so that wait tests nothing
// but the pace: engines started by the harness keep to a thousand a second instead
// (PUNCHCARD_<BACK END>_PER_SECOND, providers/remote/remote-access.ts), and the tests of the pace give
// theirs Clockify's own (real-pace.ts). Calamari keeps its own pace here: its fake holds every client to
// Calamari's limits, as Calamari does. No imports: engine.ts, which nearly every file loads, merges this
// into every engine's environment.
//
// The benchmarks measure the product as it ships, Clockify's pace included: they load
// test/bench/product-pace.ts, and while it is set the harness's engines keep the pace they would
// keep for a person (nothing here is added). Read at each start, so the order of imports does not
// matter.
export function testPace(): Readonly<Record<string, string>> {
  return process.env[PRODUCT_PACE] === '1' ? {} : { PUNCHCARD_CLOCKIFY_PER_SECOND: '1000', PUNCHCARD_TOGGL_PER_SECOND: '1000' };
}

/** Set in a benchmark's process: the harness's engines keep the product's own paces. */
export const PRODUCT_PACE = 'PUNCHCARD_BENCH_PRODUCT_PACE';
