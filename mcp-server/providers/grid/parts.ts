// The parts a remote back end's cells put on its tracker, by their names on the TimeTracker (parts/index.ts): the
// account (a remote one, which tests its connection and learns what the back end offers), the timer and the entries,
// the catalog and leave, which every back end has, and each capability's own where it has it.
import type { TrackerParts } from '../remote-tracker.ts';

export type RemoteParts = Omit<TrackerParts, 'type' | 'label' | 'agentLabel' | 'facts' | 'close'>;

/** The parts every remote back end has: a composition without one of them is a mistake, said when the tracker is made. */
export const REQUIRED_PARTS = ['account', 'timer', 'entries', 'catalog', 'leave'] as const satisfies readonly (keyof RemoteParts)[];
