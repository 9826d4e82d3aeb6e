// The pace the tests' engines keep to with Clockify. Clockify counts requests a second, and the engine
// keeps to its ten (remote/pacing.ts), so a call that fans out waits a second for every ten requests.
// The fake Clockify counts nothing unless a test asks it to (its `rateLimit`), so that wait tests nothing
// but the pace: engines started by the harness keep to a thousand a second instead
// (PUNCHCARD_<BACK END>_PER_SECOND, providers/remote/remote-access.ts), and the tests of the pace give
// theirs Clockify's own (real-pace.ts). Calamari keeps its own pace here: its fake holds every client to
// Calamari's limits, as Calamari does. No imports: engine.ts, which nearly every file loads, merges this
// into every engine's environment.
export const TEST_PACE: Readonly<Record<string, string>> = {
  PUNCHCARD_CLOCKIFY_PER_SECOND: '1000',
};
