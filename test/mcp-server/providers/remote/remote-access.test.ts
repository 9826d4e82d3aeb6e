// What a remote back end takes from the environment besides its secret: the request deadline and the
// pace (remote/remote-access.ts). A value that is not a positive number is no setting at all.
import { describe, expect, it } from 'vitest';
import { remoteAccess } from '../../../../mcp-server/providers/remote/remote-access.ts';

const log = () => {};
const access = (env: Record<string, string>, type: 'clockify' | 'calamari' = 'clockify') => {
  const { secret: _secret, ...rest } = remoteAccess({ env, log, credentials: { get: async () => null } as never }, 'account', type);
  return rest;
};

describe('remoteAccess', () => {
  it("takes the back end's own deadline and pace, by its name", () => {
    expect(access({ PUNCHCARD_CLOCKIFY_TIMEOUT_MS: '2500', PUNCHCARD_CLOCKIFY_PER_SECOND: '50' })).toEqual({ timeoutMs: 2500, perSecond: 50 });
    expect(access({ PUNCHCARD_CALAMARI_PER_SECOND: '20' }, 'calamari')).toEqual({ perSecond: 20 });
    expect(access({ PUNCHCARD_CALAMARI_PER_SECOND: '20' })).toEqual({});
  });

  it('ignores a pace that is not a whole number of requests above nought', () => {
    for (const value of ['0', '-5', '2.5', 'fast', '', 'Infinity', '1e400']) expect(access({ PUNCHCARD_CLOCKIFY_PER_SECOND: value }), value).toEqual({});
  });
});
