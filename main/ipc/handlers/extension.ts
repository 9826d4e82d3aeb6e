// Connect screen: Punchcard as a Claude Desktop extension. The app ships the bundle
// (scripts/pack-mcpb.ts) beside itself; installing it is Claude Desktop's own dialog, opened by
// handing the file to the system, so Claude asks for the person's consent and settings itself.
// The window never names a file: main opens the one bundle it knows.
import type { Handlers } from '../../../window-contract/index.ts';
import type { ExtensionView } from '../../../window-contract/registration.ts';
import { UserFacingError } from '../dispatch.ts';
import type { HandlerDeps } from './ports.ts';

const CLAUDE_DESKTOP = 'claude-desktop';

export function extensionHandlers(deps: Pick<HandlerDeps, 'extension' | 'registrar'>): Pick<Handlers, 'getExtension' | 'installExtension' | 'showExtension'> {
  const view = (): ExtensionView => {
    const claude = deps.registrar.status(CLAUDE_DESKTOP);
    const path = deps.extension?.bundle() ?? null;
    const problem = claude.refusal
      ? `Set by your organisation: ${claude.refusal}`
      : path === null
        ? 'This copy of Punchcard has no extension file. In a checkout, npm run pack:mcpb makes dist/punchcard.mcpb.'
        : null;
    return { path, problem, claudeInstalled: claude.installed };
  };
  /** The bundle to act on, or the reason there is none, in words. */
  const usable = (): string => {
    const current = view();
    if (current.problem !== null || current.path === null) throw new UserFacingError(current.problem ?? 'There is no extension file.');
    return current.path;
  };
  return {
    getExtension: async () => view(),
    installExtension: async () => {
      const path = usable();
      try {
        await (deps.extension as NonNullable<HandlerDeps['extension']>).open(path);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UserFacingError(
          `Nothing opened ${path} (${reason.replace(/[.\s]+$/, '')}). Install Claude Desktop, or in Claude Desktop choose Settings → Extensions → Install Extension and pick that file.`,
        );
      }
      return {
        message: 'Claude Desktop shows the extension: choose Install, then fill in your back end, or leave it empty to use what Punchcard is set to here.',
      };
    },
    showExtension: async () => {
      (deps.extension as NonNullable<HandlerDeps['extension']>).show(usable());
      return null;
    },
  };
}
