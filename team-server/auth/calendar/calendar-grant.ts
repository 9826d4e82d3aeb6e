// A person's calendar grant at rest: the refresh token and who the provider said it was for, sealed
// under the server key (store/sealed.ts) to the person and the provider, as tracker credentials are
// to the person (auth/credentials.ts). A sealed grant copied onto another person's row, or read as
// the other provider's, does not open. Access tokens are never stored (calendar-access.ts).
import { type SealingKeys, seal, unseal } from '../../store/sealed.ts';
import type { CalendarGrantRecord, CalendarProvider } from '../../store/store.ts';

export interface CalendarGrant {
  refreshToken: string;
  /** The issuer and subject of the grant's ID token: the person's own, checked at the callback. */
  issuer: string;
  subject: string;
  /** What the provider granted, as it said it. */
  scope: string;
}

/** What a calendar grant is sealed to: the person and the provider. */
export function calendarBound(personId: string, provider: CalendarProvider): string {
  return `calendar:${personId}:${provider}`;
}

export function sealCalendarGrant(keys: Buffer | SealingKeys, personId: string, provider: CalendarProvider, grant: CalendarGrant): string {
  return seal(keys, JSON.stringify(grant), calendarBound(personId, provider));
}

/** The grant in a person's record; throws SealError where it does not open (another key, another person's row). */
export function openCalendarGrant(keys: Buffer | SealingKeys, personId: string, record: CalendarGrantRecord): CalendarGrant {
  return JSON.parse(unseal(keys, record.sealed, calendarBound(personId, record.provider))) as CalendarGrant;
}
