// What the engine and the back ends name a tracker by: the TimeTracker and its parts (parts/, one file a part),
// the errors a back end refuses with (back-end-error.ts), and the records every back end produces (domain/records.ts).
export * from './parts/index.ts';
export * from './back-end-error.ts';
export * from '../domain/records.ts';
export { CAPABILITIES, type Capability } from '../contract/vocabulary.ts';
