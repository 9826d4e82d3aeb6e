// `admin sign-out PERSON`: the person signed out everywhere. The store does it in one transaction
// (Store.signOut): every grant of theirs with its codes, access and refresh tokens, and their stored
// tracker credentials, and a record of the sign-out, which every instance reads within seconds to
// close the person's engine there (team/sign-outs.ts). Their clients' next request is refused, on
// every instance at once; to come back they sign in again.
import type { ServerConfig } from '../config/server-config.ts';
import type { PersonRecord, Store } from '../store/store.ts';
import { type AdminIo, openKeyedStore } from './admin-io.ts';
import { sameEmail } from '../../mcp-server/contract/back-end-accounts.ts';

export async function signOutPerson(config: ServerConfig, who: string, io: AdminIo): Promise<number> {
  // The key is checked although nothing sealed is read: an administrator with the wrong key is told
  // so before anything changes, as with every verb.
  const opened = await openKeyedStore(config, io);
  if (!opened) return 1;
  const { store } = opened;
  try {
    const found = await onePerson(store, who, 'sign out');
    if (typeof found === 'string') return (io.err(found), 1);
    const person = found;
    const grants = await store.signOut(person.id, Date.now());
    io.out(
      `Signed out ${person.id}: ${grants} ${grants === 1 ? 'grant' : 'grants'} revoked with their tokens, stored credentials removed; every instance closes their engine within seconds.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The one person `who` names (their id as admin people lists it, or their e-mail), or what stands in
 * the way in words: nobody, or an e-mail several people share. `doing` says what the verb would do.
 */
export async function onePerson(store: Store, who: string, doing: string): Promise<PersonRecord | string> {
  // An id is looked up as it is; only an e-mail needs everyone read.
  const byId = await store.person(who.trim());
  const matches = byId ? [byId] : (await store.people()).filter((person: PersonRecord) => sameEmail(person.email, who));
  if (matches.length === 0) return `Nobody with the id or e-mail "${who}" has signed in to this server (admin people lists everyone).\n`;
  if (matches.length > 1) return `"${who}" is the e-mail of ${matches.length} people; ${doing} one by their id (admin people lists them).\n`;
  return matches[0] as PersonRecord;
}
