// oidc-provider's storage adapter over the team server's store: every record the authorization
// server keeps (registered clients, grants, codes, access and refresh tokens, sessions, interactions)
// survives a restart and is shared by every instance on the store. An opaque token is its own id, and a
// session id rides in a cookie, so ids are stored keyed (ServerKeys.storedId) and payloads sealed to
// their record: a copy of the database hands out no working token.
//
// A refresh token's rotation is written whole or not at all. The library marks the old token used,
// then saves its successor, then the new access token, one call after another; a store that went away
// (or an instance killed) between them would leave the old token used and no successor, and the
// client's retry with the old token would look like a stolen token's reuse and revoke the grant: the
// person signed out by an outage. So within a token request (withinTokenRequest) the three are held
// and written in one transaction when the access token is saved (Store.rotateOAuth); a second
// rotation of the same token, on any instance, is refused as the reuse it is.
//
// Except within the grace period (`refresh_token_grace_seconds`, 10 s) from the token's first use:
// Gemini CLI sends several refreshes at once with one refresh token, and the library took every one
// after the first for a stolen token's reuse and revoked the grant. Within the grace the token reads
// as unused and its rotation is written again (each request gets its own successor, so whichever
// answer the client keeps holds a working refresh token); after it, the library sees it used and
// revokes everything of its grant, as before. The store decides in the rotation's own transaction,
// so instances on PostgreSQL agree.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import type { ServerKeys } from './server-keys.ts';
import { seal, unseal } from '../store/sealed.ts';
import type { OAuthRecord, Store } from '../store/store.ts';

/** Models whose records belong to a grant, and go when it is revoked. */
const GRANT_MEMBERS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** A rotation under way in one token request: the refresh token used, and the records that replace it. */
interface Rotation {
  used?: { model: string; id: string; at: number };
  successors: Omit<OAuthRecord, 'consumedAt'>[];
}
const rotations = new AsyncLocalStorage<Rotation>();

/** Runs one request of the authorization server so that a refresh token's rotation in it is written whole. */
export function withinTokenRequest<T>(work: () => T): T {
  return rotations.run({ successors: [] }, work);
}

export interface StoreAdapterOptions {
  /** How long after its first use a refresh token may be used again (0: never). */
  refreshGraceMs?: number;
}

export function storeAdapter(store: Store, keys: ServerKeys, now: () => number, options: StoreAdapterOptions = {}): new (model: string) => Adapter {
  const graceMs = options.refreshGraceMs ?? 0;
  return class StoreAdapter implements Adapter {
    readonly #model: string;

    constructor(model: string) {
      this.#model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const stored = keys.storedId(id);
      const grantId = this.#model === 'Grant' ? id : GRANT_MEMBERS.has(this.#model) ? (payload.grantId ?? null) : null;
      const record = {
        model: this.#model,
        id: stored,
        payload: seal(keys.atRest, JSON.stringify(payload), `${this.#model}:${stored}`),
        expiresAt: typeof expiresIn === 'number' && expiresIn > 0 ? now() + expiresIn * 1000 : null,
        grantId,
        uid: typeof payload.uid === 'string' ? keys.storedId(payload.uid) : null,
        accountId: this.#model === 'Grant' && typeof payload.accountId === 'string' ? payload.accountId : null,
      };
      const rotation = rotations.getStore();
      if (rotation?.used && this.#model === 'RefreshToken') return void rotation.successors.push(record);
      if (rotation?.used && this.#model === 'AccessToken') {
        const { used, successors } = rotation;
        rotation.used = undefined;
        rotation.successors = [];
        if (!(await store.rotateOAuth({ ...used, graceMs }, [...successors, record]))) throw new errors.InvalidGrant('refresh token already used');
        return;
      }
      await store.upsertOAuth(record);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.#open(await store.findOAuth(this.#model, keys.storedId(id)));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.#open(await store.findOAuthByUid(this.#model, keys.storedId(uid)));
    }

    async findByUserCode(): Promise<AdapterPayload | undefined> {
      // The device flow is off: there are no user codes.
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const rotation = this.#model === 'RefreshToken' ? rotations.getStore() : undefined;
      // Marked used together with its successors (upsert), or not at all.
      if (rotation && !rotation.used) return void (rotation.used = { model: this.#model, id: keys.storedId(id), at: now() });
      await store.consumeOAuth(this.#model, keys.storedId(id), now());
    }

    async destroy(id: string): Promise<void> {
      await store.destroyOAuth(this.#model, keys.storedId(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Only this model's records: the library calls this once per kind of token, and removes the
      // grant itself only when it means to (revoking an access token ends its tokens, not the consent).
      await store.revokeGrant(grantId, this.#model);
    }

    #open(record: OAuthRecord | undefined): AdapterPayload | undefined {
      if (!record) return undefined;
      const payload = JSON.parse(unseal(keys.atRest, record.payload, `${this.#model}:${record.id}`)) as AdapterPayload;
      if (record.consumedAt === null) return payload;
      // A refresh token used moments ago reads as unused: its rotation is tried again (upsert).
      if (this.#model === 'RefreshToken' && graceMs > 0 && now() - record.consumedAt < graceMs) return payload;
      return { ...payload, consumed: Math.floor(record.consumedAt / 1000) };
    }
  };
}

/** A grant as the person's account page lists it: which client, what it may do, since when. */
export interface GrantView {
  grantId: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
}

export async function grantsOf(store: Store, keys: ServerKeys, accountId: string): Promise<GrantView[]> {
  const records = await store.grantsOf(accountId);
  return records.map((record) => {
    const payload = JSON.parse(unseal(keys.atRest, record.payload, `Grant:${record.id}`)) as AdapterPayload & {
      resources?: Record<string, string>;
      rejected?: { resources?: Record<string, string> };
    };
    // What the person refused ("Allow reading only") is not granted, even where an earlier answer granted it.
    const refused = (indicator: string) => new Set((payload.rejected?.resources?.[indicator] ?? '').split(' '));
    return {
      grantId: record.grantId ?? '',
      clientId: String(payload.clientId ?? ''),
      scopes: Object.entries(payload.resources ?? {}).flatMap(([indicator, scope]) =>
        scope.split(' ').filter((granted) => granted && !refused(indicator).has(granted)),
      ),
      issuedAt: (payload.iat ?? 0) * 1000,
    };
  });
}
