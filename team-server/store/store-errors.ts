// How a store says it cannot be used: a store a newer Punchcard migrated (refused at start, in
// words), a store that does not answer now (a call fails with 503 and Retry-After, and the server
// goes on; the next call tries again), and a store that is not there for a command that must not
// make one (admin and audit: a mistyped path must not look like a new, healthy store).

export class StoreVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreVersionError';
  }
}

export class StoreUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailable';
  }
}

/** A tracker user already pinned to another person (store.ts, savePerson): the sign-in is refused and nothing is saved. */
export class TrackerUserTaken extends Error {
  constructor() {
    super('That tracker user is already linked to another sign-in.');
    this.name = 'TrackerUserTaken';
  }
}

export class StoreMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMissing';
  }
}
