// Which engine call a tray action makes when it changes the timer (tray.ts runs it and shows the
// status it answers). Pure: it only picks the call; the other actions are tray.ts's to run.
import type { IdleAnswer, StatusView } from '../../window-contract/status.ts';
import type { TrayAction } from './tray-model.ts';

/** The engine's calls that change the timer, as the tray is given them (tray.ts, TrayOptions). */
export interface TimerCalls {
  /** `tracker` in each: the connection the action is for, with several (issue 86); never given with one. */
  clockIn(request: { project?: string; activity?: string; tracker?: string }): Promise<StatusView>;
  clockOut(request?: { tracker?: string }): Promise<StatusView>;
  /** A break in the running shift (of the type named, else the default); offered only where the status says the back end takes breaks. */
  startBreak(type?: string, tracker?: string): Promise<StatusView>;
  endBreak(tracker?: string): Promise<StatusView>;
  answerIdle?(id: number, answer: IdleAnswer): Promise<StatusView>;
}

/** The call that changes the timer for this action; null for the actions that do not (and for an idle answer nobody takes). */
export function timerCall(action: TrayAction, calls: TimerCalls): (() => Promise<StatusView>) | null {
  switch (action.kind) {
    case 'clockIn':
      return () =>
        calls.clockIn({
          ...(action.project === undefined ? {} : { project: action.project }),
          ...(action.activity === undefined ? {} : { activity: action.activity }),
          ...(action.tracker === undefined ? {} : { tracker: action.tracker }),
        });
    case 'clockOut':
      return () => (action.tracker === undefined ? calls.clockOut() : calls.clockOut({ tracker: action.tracker }));
    case 'startBreak':
      return () =>
        action.tracker !== undefined
          ? calls.startBreak(action.type, action.tracker)
          : action.type === undefined
            ? calls.startBreak()
            : calls.startBreak(action.type);
    case 'endBreak':
      return () => (action.tracker === undefined ? calls.endBreak() : calls.endBreak(action.tracker));
    case 'answerIdle': {
      const answer = calls.answerIdle;
      return answer ? () => answer(action.id, action.answer) : null;
    }
    default:
      return null;
  }
}
