// Each back end's engine side (providers/back-ends.ts) agrees with its descriptor (contract/back-ends/<name>.ts):
// the team server reads from the descriptor which back ends take one organisation credential for everyone, and
// makes the organisation account from the engine side, so the two must say the same.
import { describe, expect, it } from 'vitest';
import { BACK_ENDS } from '../../../mcp-server/contract/back-ends.ts';
import type { BackEndDescriptor } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { ENGINE_SIDES } from '../../../mcp-server/providers/back-ends.ts';

describe("a back end's engine side and its descriptor", () => {
  it.each(BACK_ENDS.map((backEnd: BackEndDescriptor) => [backEnd.type, backEnd] as const))(
    '%s makes an organisation account exactly where its descriptor names an account of the organisation’s',
    (type, backEnd) => {
      const side = ENGINE_SIDES[type as keyof typeof ENGINE_SIDES] as { organisation?: unknown };
      expect(typeof side.organisation === 'function').toBe(backEnd.organisationCredential?.kind === 'account');
      // The organisation's own key (Calamari's) is the secret the descriptor says is the organisation's.
      if (backEnd.organisationCredential?.kind === 'key') expect(backEnd.secret?.whose).toBe('organisation');
    },
  );
});
