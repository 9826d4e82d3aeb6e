// The Connect screen's team server: the address the organisation's policy names (mcp-server/policy),
// for the clients that reach Punchcard only over the internet (Claude.ai, ChatGPT, Copilot Studio).
// The app never contacts it; it shows the address and copies it for the person.
import { NO_POLICY } from '../../../mcp-server/for-the-app.ts';
import type { Handlers } from '../../../window-contract/index.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

export function teamServerHandlers(deps: Pick<HandlerDeps, 'policy' | 'clipboard'>): Pick<Handlers, 'getTeamServer' | 'copyTeamServerUrl'> {
  const endpoint = () => (deps.policy?.() ?? NO_POLICY).teamServer;
  return {
    getTeamServer: async () => ({ endpoint: endpoint() }),
    copyTeamServerUrl: async () => {
      const url = endpoint();
      if (!url) throw new UserFacingError("Your organisation's policy names no team server.");
      deps.clipboard.writeText(url);
      return null;
    },
  };
}
