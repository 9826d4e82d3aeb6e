// The back end the organisation's policy does not allow: nothing is contacted, `whoami` says why,
// and every other call answers with the same sentence (the app's own engine still asks; AI clients
// are only offered `whoami`).
import type { ProviderProfile } from '../contract/settings.ts';
import { type Person, ProviderError, type TimeTracker } from './time-tracker.ts';

export function createBlockedTracker(profile: ProviderProfile, reason: string, personName: () => string): TimeTracker {
  const refuse = (): Promise<never> => Promise.reject(new ProviderError('denied', reason));
  return {
    type: profile.type,
    label: `${profile.type === 'local' ? 'Local timesheet' : profile.type} (not allowed by your organisation)`,
    capabilities: new Set(['account']),
    whoami: (): Promise<Person> => Promise.resolve({ name: personName(), connection: reason }),
    runningEntry: refuse,
    startTimer: refuse,
    stopTimer: refuse,
    listEntries: refuse,
    getEntry: refuse,
    createEntry: refuse,
    updateEntry: refuse,
    deleteEntry: refuse,
    workSpans: refuse,
    lastEntryEndingBetween: refuse,
    catalog: refuse,
    createCatalogItem: refuse,
    setArchived: refuse,
    listLeave: refuse,
    createLeave: refuse,
    cancelLeave: refuse,
    close: () => {},
  };
}
