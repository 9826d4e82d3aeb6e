// `admin people unlink PERSON`: the pin of a person to a tracker user goes (team/tracker-pin.ts), and
// the person is signed out everywhere (Store.signOut: their grants and tokens go, every instance closes
// their engine within seconds), so nothing goes on acting for the tracker user they were pinned to.
// Their next sign-in matches their verified e-mail afresh. For a pin an administrator sees is wrong:
// a colleague who gave their tracker account the person's address before the person first signed in
// (docs/team-server/README.md, "One organisation credential").
import type { ServerConfig } from '../config/server-config.ts';
import { type AdminIo, openKeyedStore } from './admin-io.ts';
import { onePerson } from './sign-out.ts';

export async function unlinkPerson(config: ServerConfig, who: string, io: AdminIo): Promise<number> {
  // The key is checked although nothing sealed is read, as with every verb.
  const opened = await openKeyedStore(config, io);
  if (!opened) return 1;
  const { store } = opened;
  try {
    const found = await onePerson(store, who, 'unlink');
    if (typeof found === 'string') return (io.err(found), 1);
    if (found.trackerPin === null) return (io.err(`${found.id} is not linked to a tracker user; nothing was changed.\n`), 1);
    await store.unlinkPerson(found.id);
    const grants = await store.signOut(found.id, Date.now());
    io.out(
      `Unlinked ${found.id} from ${found.trackerPin} and signed them out (${grants} ${grants === 1 ? 'grant' : 'grants'} revoked); their next sign-in matches their e-mail afresh.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
