// The settings file's schema version: written by every writer, checked by every reader. Its own module,
// so the defaults (default-settings.ts) and the schema (settings.ts) share it without one loading the other.
export const SETTINGS_SCHEMA_VERSION = 1;
