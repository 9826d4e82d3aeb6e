// How a write the outbox kept is said (providers/outbox/): what was done here, and when the back end
// gets it. "Kimai is out of reach; clocked in at 09:02 on Website · Design here, sent as soon as Kimai
// answers."
import { say, type Sentence } from '../contract/outcomes/sentence.ts';
import type { TimeEntry } from '../providers/time-tracker.ts';

/** The sentence for a kept write, where `entry` is one; undefined for a write the back end took. */
export function keptWords(entry: TimeEntry, done: Sentence): Sentence | undefined {
  if (!entry.waiting) return undefined;
  const { service, reason } = entry.waiting;
  return reason === 'out_of_reach'
    ? say`${service} is out of reach; ${done} here, sent as soon as ${service} answers.`
    : say`${service} has not yet taken what was kept while it was out of reach; ${done} here, sent right after that.`;
}
