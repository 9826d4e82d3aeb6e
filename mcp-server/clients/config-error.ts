// One error type for everything that can stop an edit of a client's config file. `kind` says what
// went wrong; the message is already worded for the person who has to fix the file.
//
// - `syntax`: the file does not parse (the message names line and column).
// - `shape`: it parses, but holds something other than the client expects where our entry goes.
// - `encoding`: not UTF-8 text we could write back byte for byte.
// - `file`: the file system said no (read-only, permissions, a file where a folder should be).
// - `concurrent`: another program saved the file between our read and our write.
export type ConfigErrorKind = 'syntax' | 'shape' | 'encoding' | 'file' | 'concurrent';

export class ConfigError extends Error {
  readonly kind: ConfigErrorKind;
  constructor(kind: ConfigErrorKind, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.kind = kind;
  }
}
