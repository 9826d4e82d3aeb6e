// What the fake Clockodo adds for a key acting for others (docs/back-ends/clockodo.md, "Acting for others"): the
// owner's key names anyone in `users_id` (a manager's too, except to stop another's clock, which the SDK's README says
// needs the owner), books with the CALLER's access map (the owner's covers everything), and the person's edit lock
// binds their entries whoever writes (the fake's assumption for every role, fake-clockodo-owner-rules.ts), on create and
// delete as on change. Clockodo narrows nothing to the person named; the fake keeps it so, so a test proves the
// narrowing Punchcard does. Where the facts are unknown the comments say "Assumption".
import type { FakeUser } from './fake-clockodo.ts';

/**
 * Whether `caller` may stop `owner`'s running clock: their own always; another's only as the company's owner (the SDK's
 * README; unconfirmed by the API pages). Assumption: a manager gets the same 403 a worker acting for another gets.
 */
export const mayStopClockOf = (caller: FakeUser, owner: FakeUser) => owner.id === caller.id || caller.role === 'owner';

/** The refusal's words for an entry inside its user's edit lock, the same on create, change and delete. */
export const EDIT_LOCKED = "The entry lies within its user's edit lock.";
