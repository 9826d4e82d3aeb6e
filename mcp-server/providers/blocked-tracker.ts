// A back end that must not be used — one the organisation's policy does not allow, or none at all
// because the settings cannot say which: nothing is contacted, `whoami` says why, and every other
// call answers with the same sentence (its only capability is `account`, so AI clients and the app
// are offered `whoami` alone; a tool called by name all the same hears that sentence too).
import type { Refusal } from '../contract/outcomes/refusals.ts';
import type { BackEndProfile } from '../contract/settings.ts';
import { type Person, BackEndError, type TimeTracker } from './time-tracker.ts';

export interface Blocked {
  type: BackEndProfile['type'];
  /** What whoami calls the back end, e.g. "kimai (not allowed by your organisation)". */
  label: string;
  /** Why nothing is contacted: the answer of every call. */
  reason: string;
  /** The refusal every call answers with, where it has a code of its own (the team server's server_person_not_linked); else back_end_blocked. */
  refusal?: Refusal;
}

export function createBlockedTracker(blocked: Blocked, personName: () => string): TimeTracker {
  const { reason, refusal } = blocked;
  const said: Refusal = refusal ?? { code: 'back_end_blocked', facts: { reason } };
  const refuse = (): Promise<never> => Promise.reject(BackEndError.of(said));
  return {
    type: blocked.type,
    label: blocked.label,
    blocked: said,
    // It writes nothing, so it reads nothing as a label: no description of any form is one here.
    agentLabel: 'column',
    capabilities: new Set(['account']),
    account: { whoami: (): Promise<Person> => Promise.resolve({ name: personName(), connection: reason }) },
    timer: { runningEntry: refuse, startTimer: refuse, stopTimer: refuse },
    entries: {
      listEntries: refuse,
      getEntry: refuse,
      createEntry: refuse,
      updateEntry: refuse,
      deleteEntry: refuse,
      workSpans: refuse,
      lastEntryEndingBetween: refuse,
    },
    catalog: { catalog: refuse, createCatalogItem: refuse, setArchived: refuse },
    leave: { listLeave: refuse, createLeave: refuse, cancelLeave: refuse },
    close: () => {},
  };
}
