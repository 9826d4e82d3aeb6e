// Clockify counts requests per second per key (api.ts, MAX_REQUESTS_PER_SECOND). On the team server acting for
// people with the organisation's key, every person's tracker and the organisation account send on that one key:
// they keep to one pace per Clockify address in this process, where each person's own key would keep its own.
// Instances of the team server on one store do not share it (each keeps the limit alone).
import { type Pacer, pacer } from '../remote/pacing.ts';
import { MAX_REQUESTS_PER_SECOND } from './api.ts';

const paces = new Map<string, Pacer>();

/** The pace every request on the organisation's key to the Clockify at `baseUrl` passes, in this process (`perSecond`: RemoteConnection's). */
export function organisationPace(baseUrl: string, perSecond = MAX_REQUESTS_PER_SECOND): Pacer {
  const key = `${perSecond} ${baseUrl}`;
  let pace = paces.get(key);
  if (!pace) {
    pace = pacer(perSecond);
    paces.set(key, pace);
  }
  return pace;
}
