// Administration, bulk corrections: which entries (the days, people, a project, an activity) and what
// they get (another project or activity, billable, exported, tags). The engine's correct_time_entries
// answers a preview first (how many entries and hours, those it leaves alone because their period is
// locked or they are exported, the first 20), and only then does the window offer the change, sending
// the preview's count: when entries came or went since, the engine refuses and says the new count, and
// that refusal is shown here. Any field changed after a preview drops it, so what is confirmed is what
// was shown.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CorrectionView } from '../../../../window-contract/admin-people.ts';
import { api } from '../../bridge.ts';
import { Button, ErrorText, Loading, StatusText } from '../../components.tsx';
import { useAction, useFocusFirstInvalid } from '../../hooks.ts';
import { stores, today, useStore } from '../../store.ts';
import { ConfirmStep, useConfirmStep } from './ConfirmStep.tsx';
import { WhatChanges, WhichEntries } from './CorrectionFields.tsx';
import { CorrectionPreview } from './CorrectionPreview.tsx';
import { type CorrectionRequest, entriesText, type Fields, hoursText, initialFields, type Problems, problemsAfter, requestOf } from './corrections-form.ts';

export function CorrectionsSection() {
  const { data: catalog } = useStore(stores.catalog);
  const [fields, setFields] = useState<Fields>(() => initialFields(today()));
  const [problems, setProblems] = useState<Problems>({});
  const [preview, setPreview] = useState<{ request: CorrectionRequest; view: CorrectionView } | null>(null);
  const { confirming, openerRef, openConfirm, closeConfirm, backToOpener } = useConfirmStep();
  const [said, setSaid] = useState<string | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const previewRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => {
    void stores.catalog.ensure();
  }, []);

  const update = (changes: Partial<Fields>) => {
    setFields({ ...fields, ...changes });
    setProblems(problemsAfter(problems, changes));
    // What was previewed is no longer what the fields say: the change is offered again only after a new preview.
    setPreview(null);
    closeConfirm();
  };

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    const made = requestOf(fields);
    if ('problems' in made) {
      setProblems(made.problems);
      flagProblems();
      return;
    }
    setSaid(null);
    const view = await action.run('preview', () => api.previewCorrection(made.request));
    if (!view) return;
    setPreview({ request: made.request, view });
    setTimeout(() => headingRef.current?.focus());
  };
  const correct = async () => {
    if (!preview) return;
    const done = await action.run('correct', () => api.applyCorrection({ ...preview.request, confirmCount: preview.view.count }));
    closeConfirm();
    // Done or refused (a count that moved, a right missing: it shows under the button), the old preview goes, as it no longer holds.
    setPreview(null);
    if (done) {
      setSaid(done.message);
      reloadTimesheets();
    }
    setTimeout(() => previewRef.current?.focus());
  };

  const view = preview?.view;
  return (
    <section className="card admin-section admin-corrections" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Bulk corrections</h2>
      </div>
      <p className="muted">
        Move entries to another project or activity, mark them billable or exported, or tag them. A preview comes first; nothing changes until you confirm it.
      </p>
      {!catalog && <Loading what="Loading the catalog" />}
      {catalog && (
        <form ref={formRef} className="admin-add admin-correction-form" aria-labelledby={`${id}-which`} onSubmit={(event) => void ask(event)} noValidate>
          <WhichEntries id={`${id}-which`} catalog={catalog} fields={fields} problems={problems} update={update} />
          <WhatChanges catalog={catalog} fields={fields} problems={problems} update={update} />
          <Button ref={previewRef} kind={view ? 'plain' : 'primary'} submit busy={action.pending === 'preview'} busyLabel="Previewing…">
            Preview
          </Button>
          {action.error?.key === 'preview' && <ErrorText message={action.error.message} />}
        </form>
      )}
      {view && (
        <CorrectionPreview view={view} headingRef={headingRef}>
          {view.count > 0 && (
            <ConfirmStep
              confirming={confirming}
              onKeep={backToOpener}
              question={`Change ${entriesText(view.count)} (${hoursText(view.hours)}) as previewed?`}
              prompt={`Change ${entriesText(view.count)} (${hoursText(view.hours)}) as previewed? Entries left alone stay as they are.`}
              confirmLabel="Confirm"
              busyLabel="Correcting…"
              busy={action.pending === 'correct'}
              onConfirm={() => void correct()}
            >
              <Button ref={openerRef} kind="primary" onClick={openConfirm}>
                Correct {entriesText(view.count)}
              </Button>
            </ConfirmStep>
          )}
        </CorrectionPreview>
      )}
      {action.error?.key === 'correct' && <ErrorText message={action.error.message} />}
      <StatusText message={said} />
    </section>
  );
}

/** The Timesheet shows entries that may have moved: each week it holds is asked again. */
function reloadTimesheets() {
  for (const key of stores.timesheet.keys()) void stores.timesheet.of(key).load();
}
