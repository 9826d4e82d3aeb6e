// `admin people`: everyone who signed in to the server, the most recently seen first, the tracker user
// each is pinned to under one organisation credential, and the AI clients each has connected now (their grants). One line a person, tab-separated, so it reads at a
// terminal and cuts with `cut -f`. The client names are in sealed records, so the command needs the
// server's key, as the server does.
import type { ServerConfig } from '../config/server-config.ts';
import { withoutControls } from '../../mcp-server/for-the-team-server.ts';
import { clientNameOf } from '../auth/client-name.ts';
import { grantsOf } from '../auth/store-adapter.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import { unseal } from '../store/sealed.ts';
import type { PersonRecord, Store } from '../store/store.ts';
import { pinnedUserId } from '../team/tracker-pin.ts';
import { type AdminIo, openKeyedStore } from './admin-io.ts';

export async function listPeople(config: ServerConfig, io: AdminIo): Promise<number> {
  const opened = await openKeyedStore(config, io);
  if (!opened) return 1;
  const { store, keys } = opened;
  try {
    const people = await store.people();
    io.out(`${['id', 'last seen', 'name', 'e-mail', 'tracker user', 'connected clients'].join('\t')}\n`);
    for (const person of people) {
      const clients = await connectedClients(store, keys, person.id);
      const fields = [
        person.id,
        new Date(person.lastSeenAt).toISOString(),
        person.name,
        person.email ?? '-',
        trackerUserOf(person, config),
        clients.length ? clients.join(', ') : '-',
      ];
      io.out(`${fields.map((field) => withoutControls(field).replace(/[\t\n]/g, ' ')).join('\t')}\n`);
    }
    io.err(`${people.length} ${people.length === 1 ? 'person' : 'people'}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * The tracker user a person is pinned to under one organisation credential: `#42` on the server's
 * back end, the whole pin where it names another (the server moved; it acts for nobody), `-` for none.
 */
function trackerUserOf(person: PersonRecord, config: ServerConfig): string {
  if (person.trackerPin === null) return '-';
  const id = pinnedUserId(person.trackerPin, config.provider);
  return id === null ? `${person.trackerPin} (another back end)` : `#${id}`;
}

/** The names of the clients a person has connected (their grants' clients, as each registered). */
async function connectedClients(store: Store, keys: ServerKeys, personId: string): Promise<string[]> {
  const names: string[] = [];
  for (const grant of await grantsOf(store, keys, personId)) {
    const stored = keys.storedId(grant.clientId);
    const record = await store.findOAuth('Client', stored);
    let given: string | undefined;
    if (record) {
      try {
        const payload = JSON.parse(unseal(keys.atRest, record.payload, `Client:${stored}`)) as { client_name?: unknown };
        if (typeof payload.client_name === 'string') given = payload.client_name;
      } catch {
        // Not readable with this key: the client's id says enough.
      }
    }
    names.push(clientNameOf(given, grant.clientId));
  }
  return names;
}
