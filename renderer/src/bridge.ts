// The window's one way to main: `window.punchcard`, the object the preload exposes
// (docs/decisions.md, "House style: one bridge object"), unwrapped here into functions that resolve
// with their answer or reject with a RefusedError. Only types come from the IPC contract; the
// contract's zod schemas stay out of the bundle.
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';
import type { Screen, SCREENS as ContractScreens } from '../../window-contract/channels.ts';
import type { Envelope, PunchcardApi, PunchcardBridge } from '../../window-contract/index.ts';

declare global {
  interface Window {
    punchcard?: PunchcardBridge;
  }
}

/** The screens in navigation order; the type check below keeps this list equal to the contract's. */
export const SCREENS = [
  'status',
  'timesheet',
  'reports',
  'leave',
  'calendar',
  'team',
  'approvals',
  'admin',
  'tools',
  'connect',
  'account',
  'preferences',
] as const satisfies readonly Screen[];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const screensMatchContract: Same<(typeof SCREENS)[number], (typeof ContractScreens)[number]> = true;
void screensMatchContract;

export const SCREEN_TITLES: Record<Screen, string> = {
  status: 'Status',
  timesheet: 'Timesheet',
  reports: 'Reports',
  leave: 'Leave',
  calendar: 'Calendar',
  team: 'Team',
  approvals: 'Approvals',
  admin: 'Administration',
  tools: 'Tools',
  connect: 'Connect',
  account: 'Account',
  preferences: 'Preferences',
};

export function isScreen(value: string): value is Screen {
  return (SCREENS as readonly string[]).includes(value);
}

const MISSING = 'This window is not connected to Punchcard (no bridge). Close it and open it again from the tray.';

/** Opened outside the app (a plain browser), every call fails with a sentence instead of a crash. */
function missingBridge(): PunchcardApi {
  return new Proxy({} as PunchcardApi, {
    get: (_target, name) => (name === 'on' ? () => () => {} : () => Promise.reject(new Error(MISSING))),
  });
}

/** A call main answered with a failure: its sentence for the person, and the engine's refusal as data where it was one. */
export class RefusedError extends Error {
  readonly refusal: Refusal | undefined;

  constructor(message: string, refusal: Refusal | undefined) {
    super(message);
    this.name = 'RefusedError';
    this.refusal = refusal;
  }
}

/** The preload's envelopes as answers and RefusedErrors; `on` as it is. */
function unwrapped(bridge: PunchcardBridge): PunchcardApi {
  // One function per name, made once: `api.clockIn` is the same function each time it is read.
  const made = new Map<PropertyKey, (request?: unknown) => Promise<unknown>>();
  return new Proxy({} as PunchcardApi, {
    get(_target, name) {
      if (name === 'on') return bridge.on;
      const known = made.get(name);
      if (known) return known;
      const call = Reflect.get(bridge, name) as ((request?: unknown) => Promise<Envelope<unknown>>) | undefined;
      if (typeof call !== 'function') return undefined;
      const unwrap = async (request?: unknown) => {
        const envelope = await call(request);
        if (!envelope.ok) throw new RefusedError(envelope.message, envelope.refusal);
        return envelope.value;
      };
      made.set(name, unwrap);
      return unwrap;
    },
  });
}

export const api: PunchcardApi = window.punchcard ? unwrapped(window.punchcard) : missingBridge();

/** The engine's refusal a failed call carried, if it was one. */
export function refusalCarriedBy(error: unknown): Refusal | undefined {
  return error instanceof RefusedError ? error.refusal : undefined;
}

/**
 * The sentence to show for a failed call. Electron wraps a handler's error as
 * "Error invoking remote method 'punchcard:x': Error: <message>"; the person needs only the message.
 */
export function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const message = raw
    .replace(/^Error invoking remote method '[^']*':\s*/, '')
    .replace(/^(?:[A-Z][A-Za-z]*)?Error:\s*/, '')
    .trim();
  return message || 'Something went wrong, and Punchcard did not say what.';
}
