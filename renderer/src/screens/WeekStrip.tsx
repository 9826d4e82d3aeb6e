// The Timesheet's strip of the week's days (Timesheet.tsx): each day's time against its target, as
// words and as a bar, and a link to the day's section below.
import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { TimesheetView } from '../../../window-contract/timesheet.ts';
import { dayShort, weekdayShort } from '../format.ts';
import { useDurations } from '../hooks.ts';
import { dayReason } from '../words.ts';
import { isOffDay } from '../trackers.tsx';

/**
 * A day per link, to jump to its section. One Tab stop for the seven (the day focused last, today at
 * first); the arrow keys, Home and End move between them, so the entries are fewer Tabs away.
 */
export function WeekStrip({ days, todayDate }: { days: Array<TimesheetView['days'][number] & { minutes: number }>; todayDate: string }) {
  const durations = useDurations();
  const listRef = useRef<HTMLOListElement>(null);
  const [current, setCurrent] = useState(() =>
    Math.max(
      0,
      days.findIndex((day) => day.date === todayDate),
    ),
  );
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const next = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: days.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + days.length) % days.length;
    setCurrent(index);
    listRef.current?.querySelectorAll('a')[index]?.focus();
  };
  return (
    <ol className="week-strip" ref={listRef} onKeyDown={onKeyDown}>
      {days.map((day, index) => {
        const reason = dayReason(day);
        return (
          <li key={day.date} className={[day.date === todayDate ? 'is-today' : '', isOffDay(day) ? 'off' : ''].filter(Boolean).join(' ') || undefined}>
            <a
              href={`#day-${day.date}`}
              tabIndex={index === current ? 0 : -1}
              aria-current={day.date === todayDate ? 'date' : undefined}
              onFocus={() => setCurrent(index)}
              onClick={(event) => jumpTo(event, day.date)}
            >
              <span className="strip-day">{weekdayShort(day.date)}</span>
              <span className="strip-date">{dayShort(day.date)}</span>
              <span className="strip-total">
                {durations.compact(day.minutes)}
                {day.targetMinutes > 0 && <span className="sr-only"> of {durations.text(day.targetMinutes)}</span>}
              </span>
              <Progress minutes={day.minutes} target={day.targetMinutes} />
              {reason && (
                <span className={day.holiday || day.leave ? 'strip-reason' : 'sr-only'}>
                  <span className="sr-only">, </span>
                  {reason}
                </span>
              )}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

function jumpTo(event: MouseEvent, date: string): void {
  // The hash names the screen: the day is reached by focus, not by the address.
  event.preventDefault();
  const heading = document.getElementById(`day-${date}`);
  heading?.focus();
  heading?.scrollIntoView({ block: 'start' });
}

/** A bar of the day's time against its target; an over-full day shows in the "met" colour. */
function Progress({ minutes, target }: { minutes: number; target: number }) {
  const share = target > 0 ? Math.min(1, minutes / target) : minutes > 0 ? 1 : 0;
  return (
    <svg className="progress" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="track" x="0" y="0" width="100" height="4" rx="2" />
      {share > 0 && <rect className={target > 0 && minutes >= target ? 'fill met' : 'fill'} x="0" y="0" width={share * 100} height="4" rx="2" />}
    </svg>
  );
}
