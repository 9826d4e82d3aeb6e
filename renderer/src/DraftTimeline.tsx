// A day as a strip of hours: what is booked in the upper row, the drafts in the lower (accepted
// filled, open outlined, dropped faint). A picture of the list beside it, which says the same in
// words, so it is hidden from screen readers. Drawn with SVG attributes only (percent positions):
// the window's CSP allows no style attributes. Shared by the Timesheet and the suggested-day app.
import type { Timeline } from './drafts.ts';

const ROW = 18;
const TOP = 16;

export function DraftTimeline({ timeline }: { timeline: Timeline }) {
  const span = timeline.to - timeline.from;
  const at = (hour: number) => `${((hour - timeline.from) / span) * 100}%`;
  // Every hour is marked; with many hours only every other one is labelled, so the labels keep apart.
  const step = span > 12 ? 2 : 1;
  return (
    <svg className="draft-timeline" width="100%" height={TOP + 2 * ROW + 8} aria-hidden="true" focusable="false">
      {timeline.hours.map((hour) => (
        <g key={hour}>
          <line className="hour-line" x1={at(hour)} x2={at(hour)} y1={TOP - 4} y2={TOP + 2 * ROW + 4} />
          {(hour - timeline.from) % step === 0 && hour < timeline.to && (
            <text className="hour-label" x={at(hour)} y={TOP - 6} dx="2">
              {String(hour).padStart(2, '0')}
            </text>
          )}
        </g>
      ))}
      {timeline.booked.map((item) => (
        <rect key={`b-${item.key}`} className="slot booked" x={`${item.left}%`} width={`${item.width}%`} y={TOP} height={ROW - 4} rx="3" />
      ))}
      {timeline.drafts.map((item) => (
        <rect key={`d-${item.key}`} className={`slot ${item.kind}`} x={`${item.left}%`} width={`${item.width}%`} y={TOP + ROW} height={ROW - 4} rx="3" />
      ))}
    </svg>
  );
}
