// The pin of a person to a tracker user, under one organisation credential (docs/team-server/README.md,
// "One organisation credential"): the back end and its address with the user's id, so a pin made on
// one tracker never acts for a user of the same number on another (a server moved from one Kimai to
// another, or from Kimai to Clockodo, whose users are numbered alike). Pure: the store keeps it as text.
import { normalizeBaseUrl } from '../../mcp-server/contract/back-end-accounts.ts';

/** The back end a pin is for: its type and, where it has one, its address. */
export interface PinnedBackEnd {
  readonly type: string;
  readonly url?: string;
}

function placeOf(backEnd: PinnedBackEnd): string {
  return `${backEnd.type} ${backEnd.url === undefined ? '' : normalizeBaseUrl(backEnd.url)}`;
}

/** The pin of `userId` on `backEnd`. */
export function trackerPin(backEnd: PinnedBackEnd, userId: string): string {
  return `${placeOf(backEnd)} #${userId}`;
}

/** The tracker user a pin names on `backEnd`, or null where there is no pin or it was made on another back end. */
export function pinnedUserId(pin: string | null, backEnd: PinnedBackEnd): string | null {
  const prefix = `${placeOf(backEnd)} #`;
  if (pin === null || !pin.startsWith(prefix)) return null;
  const id = pin.slice(prefix.length);
  return id === '' ? null : id;
}
