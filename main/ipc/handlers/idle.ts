// The idle question in the window: what the tray noticed, and the person's answer, carried out by
// the idle tracker through the engine (main/idle/). Nothing changes without an answer.
import type { Handlers } from '../../../window-contract/index.ts';
import type { HandlerDeps } from './ports.ts';

export function idleHandlers(deps: Pick<HandlerDeps, 'idle' | 'statusChanged'>): Pick<Handlers, 'getIdleQuestion' | 'answerIdle'> {
  return {
    getIdleQuestion: async () => deps.idle.question(),
    answerIdle: async ({ id, answer }) => {
      const status = await deps.idle.answer(id, answer);
      deps.statusChanged(status);
      return status;
    },
  };
}
