// The fake bridge's updater (fake-bridge.ts): main's own words and rules (main/updates/update-model.ts)
// over a state the tests set, so the window shows exactly what main would send.
import type { StatusView } from '../../window-contract/status.ts';
import { restartWaitsFor, updateView, workInFlight, type UpdatePhase, type UpdateSetup } from '../../main/updates/update-model.ts';
import type { UpdateMode, UpdateView } from '../../window-contract/updates.ts';

export type FakeUpdatesOptions = Partial<Omit<UpdateSetup, 'currentVersion'>> & { phase?: UpdatePhase };

export function fakeUpdates(options: FakeUpdatesOptions, now: () => number, status: () => StatusView, reject: (message: string) => never) {
  const { phase: firstPhase, ...fields } = options;
  let setup: UpdateSetup = { currentVersion: '0.1.0', packaged: true, mode: 'notify', policy: { enabled: true, pinned: null, problem: null }, ...fields };
  let phase: UpdatePhase = firstPhase ?? { kind: 'current', latest: '0.1.0', checkedAt: now() - 30 * 60_000 };
  const installs = { count: 0 };
  // The window is open (the person sees it), so an automatic restart waits at least for that.
  const view = (): UpdateView =>
    updateView({
      setup,
      phase,
      now: now(),
      timeZone: 'Europe/Berlin',
      waitingFor: setup.mode === 'auto' ? restartWaitsFor(workInFlight(status(), true)) : null,
    });
  return {
    installs,
    /** The updater moved on; the view main would send with updateChanged. */
    enter(next: UpdatePhase): UpdateView {
      phase = next;
      return view();
    },
    handlers: {
      getUpdates: () => view(),
      setUpdateMode: ({ mode }: { mode: UpdateMode }) => {
        if (!view().canChoose) reject(view().words);
        setup = { ...setup, mode };
        return view();
      },
      checkForUpdates: () => {
        if (!view().canCheck) reject(view().words);
        phase = { kind: 'checking' };
        return view();
      },
      installUpdate: () => {
        if (!view().canRestart) reject('There is no downloaded update to install yet.');
        installs.count++;
        return null;
      },
    },
  };
}
