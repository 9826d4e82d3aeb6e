// The local timesheet's engine side (providers/back-ends.ts): everything it has is known before it
// opens, and SQLite loads only with its tracker.
import type { LocalEngineSide } from '../engine-side.ts';
import { LOCAL_CAPABILITIES } from './capabilities.ts';

export const LOCAL_ENGINE: LocalEngineSide = {
  known: () => ({ capabilities: LOCAL_CAPABILITIES, remembered: true }),
  tracker: async () => (await import('./local-tracker.ts')).createLocalTracker,
};
