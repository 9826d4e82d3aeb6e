// The writes kept while the time tracker was out of reach that were not sent and wait for the person
// (the engine's outbox, docs/decisions.md "The outbox"): each with the engine's sentence on what was
// found and the two choices, dismiss it or send it again. Shown on Status only while there are some.
import { useRef, useState } from 'react';
import type { KeptWriteChoice, KeptWriteView } from '../../../window-contract/status.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, StatusText } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { stores } from '../store.ts';
import { dateOf, dayShort, wallClock, weekdayShort } from '../format.ts';

const KIND_WORDS: Record<KeptWriteView['kind'], string> = { clock_in: 'Clock-in', clock_out: 'Clock-out', log_time: 'Entry' };

export function KeptWritesCard({ writes }: { writes: readonly KeptWriteView[] }) {
  const action = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  const decide = async (write: KeptWriteView, choice: KeptWriteChoice) => {
    const result = await action.run(`${write.id}:${choice}`, () => api.decideKeptWrite({ id: write.id, choice }));
    if (!result) return;
    stores.status.set(result.status);
    setOutcome(result.outcome);
    // The button pressed is gone with its write, after every decision: focus goes to the list's
    // heading, which stays while writes are left, and the outcome is said beside it.
    headingRef.current?.focus();
  };

  if (writes.length === 0) {
    // The last decision's outcome stays readable after the card's list is gone.
    return outcome ? <StatusText message={outcome} className="kept-outcome" /> : null;
  }
  return (
    <section className="card kept-writes" aria-labelledby="kept-writes-title">
      <div className="card-title">
        <h2 id="kept-writes-title" ref={headingRef} tabIndex={-1}>
          Needs your decision
        </h2>
        <span className="total">{writes.length === 1 ? '1 write not sent' : `${writes.length} writes not sent`}</span>
      </div>
      <p className="muted">Kept while your time tracker was out of reach, and not sent when it answered again.</p>
      <ul className="kept-list">
        {writes.map((write) => (
          <li key={write.id} className="kept-write" aria-labelledby={`kept-${write.id}-what`}>
            <p id={`kept-${write.id}-what`} className="kept-what">
              <strong>{KIND_WORDS[write.kind]}</strong> · <time dateTime={write.happenedAt}>{madeAt(write.happenedAt)}</time>
            </p>
            <p className="kept-words">{write.words}</p>
            <div className="kept-choices" role="group" aria-label={`${KIND_WORDS[write.kind]}, ${madeAt(write.happenedAt)}`}>
              {write.choices.map(({ choice, label }) => (
                <Button
                  key={choice}
                  kind={choice === 'send_again' ? 'primary' : 'plain'}
                  busy={action.pending === `${write.id}:${choice}`}
                  busyLabel={choice === 'send_again' ? 'Sending…' : 'Dismissing…'}
                  disabled={action.pending !== null}
                  onClick={() => void decide(write, choice)}
                >
                  {label}
                </Button>
              ))}
            </div>
            {action.error?.key.startsWith(`${write.id}:`) && <ErrorText message={action.error.message} />}
          </li>
        ))}
      </ul>
      <StatusText message={outcome} />
    </section>
  );
}

/** "Mon, Nov 23, 9:02 AM": the moment the write is about (a clock-in's start, an entry's), maybe another day. */
function madeAt(iso: string): string {
  return `${weekdayShort(dateOf(iso))}, ${dayShort(dateOf(iso))}, ${wallClock(iso)}`;
}
