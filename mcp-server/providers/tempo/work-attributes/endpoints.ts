// What the work attributes send to Tempo: the site's attributes, and its open accounts (an ACCOUNT attribute's
// choices, which need the token's Accounts scope).
import type { TempoClient } from '../api.ts';
import type { TempoAccount, TempoWorkAttribute } from '../wire.ts';

export function workAttributesEndpoints(client: TempoClient) {
  const { tempoList } = client;
  return {
    workAttributes: () => tempoList<TempoWorkAttribute>('/4/work-attributes', {}, { action: "read the site's work attributes", scope: 'Worklogs' }),
    accounts: () => tempoList<TempoAccount>('/4/accounts', { status: 'OPEN' }, { action: "read the site's open accounts", scope: 'Accounts' }),
  };
}

export type WorkAttributesEndpoints = ReturnType<typeof workAttributesEndpoints>;
