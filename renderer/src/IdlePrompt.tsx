// The question the tray asks after the person was away while a timer ran: keep that time or discard
// it, and go on or stop. A modal dialog over whichever screen is open (the browser's own <dialog>:
// focus stays inside, Escape closes it). Closing it answers nothing: the timer runs on as it was,
// and the tray keeps offering the same answers until one is picked.
import { useEffect, useId, useRef, useState } from 'react';
import type { EntryView, IdleAnswer, IdleQuestion } from '../../window-contract/status.ts';
import { api } from './bridge.ts';
import { Button, ErrorText } from './components.tsx';
import { wallClock } from './format.ts';
import { useAction } from './hooks.ts';
import { stores, useStore } from './store.ts';

const CAUSES: Record<IdleQuestion['cause'], string> = {
  idle: 'Your computer was idle',
  sleep: 'Your computer was asleep',
  lock: 'Your screen was locked',
};

/** "35 minutes", "1 hour 5 minutes". */
function awayText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [...(hours ? [`${hours} hour${hours === 1 ? '' : 's'}`] : []), ...(rest || !hours ? [`${rest} minute${rest === 1 ? '' : 's'}`] : [])];
  return parts.join(' ');
}

export function IdlePrompt() {
  const { data: question } = useStore(stores.idle);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useAction();
  const id = useId();
  const open = question != null && question.id !== dismissed;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const answer = async (choice: IdleAnswer) => {
    if (!question) return;
    const status = await action.run(choice, () => api.answerIdle({ id: question.id, answer: choice }));
    if (status) {
      stores.status.set(status);
      stores.idle.set(null);
    }
  };

  // With several connections each timer is named with its own ("acme: Website · Design and beta: Support"); the answer acts on each.
  const named = (entry: EntryView) => {
    const work = [entry.project, entry.activity].filter(Boolean).join(' · ');
    return entry.tracker ? `${entry.tracker}: ${work || 'no project'}` : work;
  };
  const what = question ? (question.timers ?? [question.entry]).map(named).filter(Boolean).join(' and ') || 'your timer' : '';
  const since = question ? wallClock(question.since) : '';
  return (
    <dialog
      ref={dialog}
      className="idle-prompt"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={() => question && setDismissed(question.id)}
    >
      {question && (
        <div className="idle-body">
          <h2 id={`${id}-title`}>You were away for {awayText(question.minutes)}</h2>
          <p id={`${id}-body`}>
            {CAUSES[question.cause]} from <time dateTime={question.since}>{since}</time> to <time dateTime={question.until}>{wallClock(question.until)}</time>{' '}
            while the timer ran on <strong>{what}</strong>. What should happen to that time?
          </p>
          <div className="idle-choices">
            <div className="idle-group" role="group" aria-label="Keep the time away">
              <p className="idle-group-title">Keep it (it was work)</p>
              <Button kind="primary" busy={action.pending === 'keep'} onClick={() => void answer('keep')}>
                Keep working
              </Button>
              <Button busy={action.pending === 'keep-stop'} onClick={() => void answer('keep-stop')}>
                Clock out now
              </Button>
            </div>
            <div className="idle-group" role="group" aria-label="Discard the time away">
              <p className="idle-group-title">Discard it</p>
              <Button busy={action.pending === 'discard-restart'} onClick={() => void answer('discard-restart')}>
                Start again now
              </Button>
              <Button busy={action.pending === 'discard-stop'} onClick={() => void answer('discard-stop')}>
                Clock out at {since}
              </Button>
            </div>
          </div>
          <ErrorText message={action.error?.message} />
          <div className="idle-later">
            <Button kind="link" onClick={() => setDismissed(question.id)}>
              Decide later
            </Button>
            <span className="muted">The tray menu keeps asking; nothing changes until you answer.</span>
          </div>
        </div>
      )}
    </dialog>
  );
}
