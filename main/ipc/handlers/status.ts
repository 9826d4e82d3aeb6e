// Status screen: the timer, breaks and today's work, always through the engine (docs/decisions.md,
// "The app calls its own engine's tools").
import type { Handlers } from '../../../window-contract/index.ts';
import type { HandlerDeps } from './ports.ts';

export function statusHandlers(
  deps: Pick<HandlerDeps, 'timesheet' | 'statusChanged'>,
): Pick<Handlers, 'getStatus' | 'clockIn' | 'clockOut' | 'startBreak' | 'endBreak' | 'decideKeptWrite'> {
  const announce = (status: Awaited<ReturnType<Handlers['getStatus']>>) => {
    deps.statusChanged(status);
    return status;
  };
  return {
    getStatus: () => deps.timesheet.getStatus(),
    clockIn: async (request) => {
      const { fields, ...words } = request ?? {};
      return announce(await deps.timesheet.clockIn({ ...withoutBlanks(words), ...(fields ? { fields } : {}) }));
    },
    clockOut: async (request) => announce(await deps.timesheet.clockOut(withoutBlanks(request ?? {}))),
    startBreak: async (request) => announce(await deps.timesheet.startBreak(request?.type?.trim() || undefined, request?.tracker)),
    endBreak: async (request) => announce(await deps.timesheet.endBreak(request?.tracker)),
    decideKeptWrite: async ({ id, choice }) => {
      const decided = await deps.timesheet.decideKeptWrite(id, choice);
      announce(decided.status);
      return decided;
    },
  };
}

/** An empty form field means "not given", not "a project called ''". */
function withoutBlanks<T extends Record<string, string | undefined>>(request: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(request)
      .filter(([, value]) => value !== undefined && value.trim() !== '')
      .map(([key, value]) => [key, value?.trim()]),
  ) as Partial<T>;
}
