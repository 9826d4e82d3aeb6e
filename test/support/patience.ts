// How long a test waits for something it expects to happen: a screen's data, a locator, a process's
// answer. A wait ends as soon as the thing happens, so a long one costs nothing when all is well; it
// only bounds how long a failure takes to be said. A two-core machine with other work beside the suite
// (CI, with two CPU-bound processes running too) once took over five seconds to draw one state of the
// window, so no wait for what must happen is shorter than this. A wait for what must NOT happen is
// another matter: it waits for the event that proves it instead (docs/development.md, "Tests").
export const PATIENCE_MS = 30_000;
