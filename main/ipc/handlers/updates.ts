// The window's side of the app's updates (main/updates/): what they are doing, the person's setting,
// a check on request and "Restart to update". Refusals (the organisation decides, nothing is
// downloaded yet) come back as the updater's own sentence.
import type { Handlers } from '../../../window-contract/index.ts';
import type { HandlerDeps } from './ports.ts';

export function updateHandlers(deps: Pick<HandlerDeps, 'updates'>): Pick<Handlers, 'getUpdates' | 'setUpdateMode' | 'checkForUpdates' | 'installUpdate'> {
  return {
    getUpdates: async () => deps.updates.view(),
    setUpdateMode: async ({ mode }) => deps.updates.setMode(mode),
    checkForUpdates: async () => deps.updates.check(),
    installUpdate: async () => {
      deps.updates.install();
      return null;
    },
  };
}
