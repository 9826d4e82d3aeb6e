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

export class StoreMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreMissing';
  }
}
