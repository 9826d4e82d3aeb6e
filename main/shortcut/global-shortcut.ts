// The Electron edge of the clock-in/out shortcut: registers the accelerator from the preferences
// with globalShortcut, and says in words when another app (or the system) already holds it, which
// Electron only tells as `false`. What a press does is the tray model's (shortcutAction).
import { globalShortcut } from 'electron';
import { acceleratorProblem, describeAccelerator } from '../../mcp-server/contract/accelerator.ts';

export interface GlobalShortcut {
  /** Registers `accelerator` in place of the current one ('' for none); the problem in words, or null when it works. */
  set(accelerator: string): string | null;
  /** Why the shortcut in use does not work, or null. */
  problem(): string | null;
  /**
   * Calls `listener` at each press, from now on. A press is an event rather than a callback given at
   * setup: what it does needs the tray, which is set up after the services that set the shortcut.
   */
  onPress(listener: () => void): () => void;
  stop(): void;
}

export function clashWords(accelerator: string, platform: NodeJS.Platform): string {
  return `${describeAccelerator(accelerator, platform === 'darwin')} is already in use by another app or by the system, so Punchcard cannot use it. Choose another shortcut.`;
}

export function setupGlobalShortcut(platform: NodeJS.Platform = process.platform): GlobalShortcut {
  const listeners = new Set<() => void>();
  const onPress = () => {
    for (const listener of [...listeners]) listener();
  };
  let current = '';
  let problem: string | null = null;

  function register(accelerator: string): string | null {
    const invalid = acceleratorProblem(accelerator);
    if (invalid) return invalid;
    try {
      return globalShortcut.register(accelerator, onPress) ? null : clashWords(accelerator, platform);
    } catch (error) {
      return `Punchcard cannot use ${accelerator} as a shortcut (${error instanceof Error ? error.message : String(error)}).`;
    }
  }

  return {
    set(accelerator) {
      const working = current !== '' && problem === null ? current : null;
      if (accelerator === working) return null;
      if (accelerator === '') {
        if (working) globalShortcut.unregister(working);
        current = '';
        problem = null;
        return null;
      }
      const refused = register(accelerator);
      if (refused === null) {
        if (working) globalShortcut.unregister(working);
        current = accelerator;
        problem = null;
        return null;
      }
      // A new shortcut that cannot be had changes nothing while the old one works; at start, with
      // none working, the saved one is kept with the reason, for Preferences to show.
      if (!working) {
        current = accelerator;
        problem = refused;
      }
      return refused;
    },
    problem: () => problem,
    onPress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (current && problem === null) globalShortcut.unregister(current);
      current = '';
    },
  };
}
