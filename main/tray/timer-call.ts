// Which engine call a tray action makes when it changes the timer (tray.ts runs it and shows the
// status it answers). Pure: it only picks the call; the other actions are tray.ts's to run.
import type { StatusView } from '../../window-contract/status.ts';
import type { TrayAction } from './tray-model.ts';
import type { TrayOptions } from './tray.ts';

type TimerCalls = Pick<TrayOptions, 'clockIn' | 'clockOut' | 'startBreak' | 'endBreak' | 'answerIdle'>;

/** The call that changes the timer for this action; null for the actions that do not (and for an idle answer nobody takes). */
export function timerCall(action: TrayAction, calls: TimerCalls): (() => Promise<StatusView>) | null {
  switch (action.kind) {
    case 'clockIn':
      return () =>
        calls.clockIn({
          ...(action.project === undefined ? {} : { project: action.project }),
          ...(action.activity === undefined ? {} : { activity: action.activity }),
        });
    case 'clockOut':
      return () => calls.clockOut();
    case 'startBreak':
      return () => (action.type === undefined ? calls.startBreak() : calls.startBreak(action.type));
    case 'endBreak':
      return () => calls.endBreak();
    case 'answerIdle': {
      const answer = calls.answerIdle;
      return answer ? () => answer(action.id, action.answer) : null;
    }
    default:
      return null;
  }
}
