// The engine's preview of a bulk correction (CorrectionsSection.tsx): how many entries and hours it would
// change, where the locked period ends, the entries it leaves alone and why, and the first of those it
// would change. What asks for the change (the form's confirm step) comes under it, as `children`.
import type { ReactNode, RefObject } from 'react';
import type { CorrectionView } from '../../../../window-contract/admin-people.ts';
import { dayFull, wallClock } from '../../format.ts';
import { entriesText, hoursText } from './corrections-form.ts';

/** `headingRef` is the heading that takes the focus when a preview comes. */
export function CorrectionPreview({
  view,
  headingRef,
  children,
}: {
  view: CorrectionView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}) {
  return (
    <div className="admin-preview">
      <h3 ref={headingRef} tabIndex={-1}>
        {view.count === 0 ? 'Nothing to change' : `Would change ${entriesText(view.count)} (${hoursText(view.hours)})`}
      </h3>
      <p className="muted">
        {view.lockedUntil
          ? `Locked up to ${dayFull(view.lockedUntil.slice(0, 10))} ${wallClock(view.lockedUntil)}: entries that began before are left alone.`
          : 'Which periods are locked is unknown here: the back end does not say, so no entry is left alone for that.'}
      </p>
      {view.notTouched.length > 0 && <LeftAlone entries={view.notTouched} />}
      {view.entries.length > 0 && <WouldChange entries={view.entries} count={view.count} />}
      {children}
    </div>
  );
}

function LeftAlone({ entries }: { entries: CorrectionView['notTouched'] }) {
  return (
    <>
      <h4>Left alone</h4>
      <ul className="admin-left-alone" aria-label="Entries left alone">
        {entries.map((entry) => (
          <li key={entry.id}>
            {dayFull(entry.start.slice(0, 10))} {wallClock(entry.start)}, {entry.person}: {entry.reason === 'locked' ? 'in the locked period' : 'exported'}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The entries the preview lists (the first of `count` where there are more). */
function WouldChange({ entries, count }: { entries: CorrectionView['entries']; count: number }) {
  return (
    <table
      className="admin-table"
      aria-label={count > entries.length ? `The first ${entries.length} of ${count} entries it would change` : 'The entries it would change'}
    >
      <thead>
        <tr>
          <th scope="col">Start</th>
          <th scope="col">Person</th>
          <th scope="col">Project</th>
          <th scope="col">Activity</th>
          <th scope="col" className="number">
            Hours
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <th scope="row">
              {dayFull(entry.start.slice(0, 10))} {wallClock(entry.start)}
            </th>
            <td>{entry.person}</td>
            <td>{entry.project}</td>
            <td>{entry.activity}</td>
            <td className="number">{hoursText(entry.hours)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
