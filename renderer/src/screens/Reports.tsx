// A week's or month's hours: per day against the day's target (a chart, with the same numbers as a
// table for screen readers), over- or undertime so far, the back end's own account where it keeps
// one, the hours per project, and any range exported as CSV through the system's save dialog.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ReportView } from '../../../window-contract/reports.ts';
import { api } from '../bridge.ts';
import { Button, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText } from '../components.tsx';
import { addDaysTo, addMonths, dayLong, dayNumber, dayShort, monthLabel, monthOf, monthStart, rangeLabel, spokenDuration, weekdayShort } from '../format.ts';
import { useAction, useDurations, useReadyMark } from '../hooks.ts';
import { reportKey, reportRange, stores, today, useKeyed, type ReportPeriod } from '../store.ts';
import { BarValue, ChartLegend, ChartNotes, DayTable, useOffDayHatch } from './WeekChart.tsx';
import { isOffDay, reportFor, TrackerFilter, TrackerLabel, type TrackerChoice } from '../trackers.tsx';
import type { SharedReportView, TrackerReportView } from '../../../window-contract/reports.ts';
import { namesTogether } from '../../../mcp-server/contract/connections.ts';
import { WorkingTimeMonth } from './WorkingTime.tsx';

/** The screen's views: hours of a week or month, or a month's working time as the law counts it. */
type ReportChoice = ReportPeriod | 'working-time';
const CHOICES: ReadonlyArray<{ choice: ReportChoice; label: string }> = [
  { choice: 'week', label: 'Week' },
  { choice: 'month', label: 'Month' },
  { choice: 'working-time', label: 'Working time' },
];

export function ReportsScreen() {
  const [choice, setChoice] = useState<ReportChoice>('month');
  // Working time is a month's: it steps by month, as the month's hours do.
  const period: ReportPeriod = choice === 'week' ? 'week' : 'month';
  const working = choice === 'working-time';
  const [anchor, setAnchor] = useState(() => today());
  // With several connections: all of them (hours added up, each one's targets in its own section) or one, as its own report.
  const [shown, setShown] = useState<TrackerChoice>(null);
  const key = reportKey(period, anchor);
  const { data, error } = useKeyed(stores.reports, key);
  const range = reportRange(key);
  const id = useId();
  useReadyMark('reports', data !== undefined);

  useEffect(() => {
    if (!working) void stores.reports.of(key).ensure();
  }, [key, working]);

  const step = (direction: -1 | 1) =>
    setAnchor(period === 'week' ? addDaysTo(range.from, 7 * direction) : monthStart(addMonths(monthOf(range.from), direction)));
  const title = period === 'week' ? rangeLabel(range.from, range.to) : monthLabel(monthOf(range.from));
  const current = reportKey(period, today()) === key;

  return (
    <>
      <ScreenHeader title="Reports" />
      <div className="toolbar" role="toolbar" aria-label="Period">
        <div className="segmented" role="radiogroup" aria-label="Report of a">
          {CHOICES.map(({ choice: each, label }) => (
            <label key={each} className={choice === each ? 'selected' : undefined}>
              <input type="radio" name={`${id}-period`} value={each} checked={choice === each} onChange={() => setChoice(each)} />
              {label}
            </label>
          ))}
        </div>
        <Button onClick={() => step(-1)} aria-label={`Previous ${period}`}>
          ‹ Previous
        </Button>
        <Button onClick={() => setAnchor(today())} aria-current={current ? 'date' : undefined}>
          {period === 'week' ? 'This week' : 'This month'}
        </Button>
        <Button onClick={() => step(1)} aria-label={`Next ${period}`}>
          Next ›
        </Button>
        <h2 className="period" aria-live="polite">
          {title}
        </h2>
        {!working && data?.trackers && <TrackerFilter trackers={data.trackers} value={shown} onChange={setShown} label="Show" />}
      </div>
      {working ? (
        <WorkingTimeMonth month={monthOf(range.from)} />
      ) : (
        <>
          {error && !data && <LoadError message={error} onRetry={() => void stores.reports.of(key).load()} />}
          {error && data && <ErrorText message={`Could not refresh: ${error}`} />}
          {data ? <Report report={reportFor(data, shown)} period={period} /> : !error && <Loading what="Loading the report" className="report-placeholder" />}
          <ExportCard key={key} from={range.from} to={range.to} />
        </>
      )}
    </>
  );
}

function Report({ report, period }: { report: ReportView; period: ReportPeriod }) {
  const over = report.overtimeMinutes;
  const shared = report.sharesWeekWith ? report.together?.[0] : undefined;
  return (
    <>
      {report.trackers ? (
        <TrackerSummaries report={report} period={period} />
      ) : shared ? (
        // One connection shown that shares the settings' week: its hours, then the week's one target for them together.
        <>
          <OwnHours minutes={report.totalMinutes} partners={report.sharesWeekWith ?? []} />
          <SharedSummary group={shared} report={report} period={period} />
        </>
      ) : (
        <Summary report={report} period={period} over={over} />
      )}
      <section className="card" aria-labelledby="report-days-title">
        <div className="card-title">
          <h2 id="report-days-title">Hours per day</h2>
        </div>
        <DayBars days={report.days} today={report.today} />
      </section>
      <section className="card" aria-labelledby="report-projects-title">
        <div className="card-title">
          <h2 id="report-projects-title">Hours by project</h2>
        </div>
        <ProjectBars projects={report.projects} total={report.totalMinutes} />
      </section>
    </>
  );
}

/**
 * Every connection at once: the hours added up, then each connection's own figures against its own
 * targets (targets are one employer's each and are never added up).
 */
function TrackerSummaries({ report, period }: { report: ReportView; period: ReportPeriod }) {
  const durations = useDurations();
  const together = report.together ?? [];
  return (
    <>
      <div className="summary-cards">
        <div className="card figure">
          <span className="figure-label">Worked</span>
          <span className="figure-value">{durations.text(report.totalMinutes)}</span>
          <span className="muted">
            in {report.trackers?.length} connections, each against its own target below
            {together.map((group) => `; ${namesTogether(group.trackers)} against one they share`).join('')}
          </span>
        </div>
      </div>
      {(report.trackers ?? []).map((part) => {
        // The week some share is shown once, where the first of them stands, then each of them with its hours.
        const group = together.find((each) => each.trackers[0] === part.name);
        return <TrackerSection key={part.name} part={part} group={group} report={report} period={period} />;
      })}
    </>
  );
}

function TrackerSection({
  part,
  group,
  report,
  period,
}: {
  part: TrackerReportView;
  group: SharedReportView | undefined;
  report: ReportView;
  period: ReportPeriod;
}) {
  return (
    <>
      {group && <SharedSummary group={group} report={report} period={period} />}
      <TrackerSummary part={part} report={report} period={period} />
    </>
  );
}

function TrackerSummary({ part, report, period }: { part: TrackerReportView; report: ReportView; period: ReportPeriod }) {
  const id = `report-tracker-${part.name}`;
  return (
    <section className="card tracker-report" aria-labelledby={id}>
      <div className="card-title">
        <h2 id={id}>
          <TrackerLabel name={part.name} spoken="Connection " />
          {part.isDefault && <span className="muted"> (default)</span>}
        </h2>
      </div>
      {part.sharesWeekWith ? (
        <OwnHours minutes={part.totalMinutes} partners={part.sharesWeekWith} />
      ) : (
        <Summary report={{ ...report, ...part }} period={period} over={part.overtimeMinutes} />
      )}
    </section>
  );
}

/** The connections that share the settings' week: their hours together against the one target they share. */
function SharedSummary({ group, report, period }: { group: SharedReportView; report: ReportView; period: ReportPeriod }) {
  const id = `report-together-${group.trackers.join('-')}`;
  return (
    <section className="card tracker-report together" aria-labelledby={id}>
      <div className="card-title">
        <h2 id={id}>{namesTogether(group.trackers)} together</h2>
      </div>
      <p className="muted">The work week in Preferences, shared: their hours together against one target.</p>
      <Summary report={{ ...report, ...group, backEndBalance: null }} period={period} over={group.overtimeMinutes} />
    </section>
  );
}

/** A connection's own hours where it shares the settings' week: no target of its own. */
function OwnHours({ minutes, partners }: { minutes: number; partners: string[] }) {
  const durations = useDurations();
  return (
    <div className="summary-cards">
      <div className="card figure">
        <span className="figure-label">Worked</span>
        <span className="figure-value">{durations.text(minutes)}</span>
        <span className="muted">against the work week it shares with {namesTogether(partners)}</span>
      </div>
    </div>
  );
}

/** Worked against the target, the target so far, over- or undertime and the back end's own balance. */
function Summary({
  report,
  period,
  over,
}: {
  report: Pick<ReportView, 'totalMinutes' | 'targetMinutes' | 'targetSoFarMinutes' | 'to' | 'today' | 'backEndBalance'>;
  period: ReportPeriod;
  over: number;
}) {
  const durations = useDurations();
  return (
    <>
      <div className="summary-cards">
        <div className="card figure">
          <span className="figure-label">Worked</span>
          <span className="figure-value">{durations.text(report.totalMinutes)}</span>
          <span className="muted">of a {durations.text(report.targetMinutes)} target</span>
        </div>
        <div className="card figure">
          <span className="figure-label">Target so far</span>
          <span className="figure-value">{durations.text(report.targetSoFarMinutes)}</span>
          <span className="muted">{report.to > report.today ? `up to ${dayLong(report.today)}` : `the whole ${period}`}</span>
        </div>
        <div className={`card figure ${over >= 0 ? 'plus' : 'minus'}`}>
          <span className="figure-label">{over >= 0 ? 'Overtime' : 'Undertime'}</span>
          <SignedFigure minutes={over} />
          <span className="muted">against the target so far</span>
        </div>
        {report.backEndBalance && (
          <div className={`card figure ${report.backEndBalance.minutes >= 0 ? 'plus' : 'minus'}`}>
            <span className="figure-label">Time balance</span>
            <SignedFigure minutes={report.backEndBalance.minutes} />
            <span className="muted">{report.backEndBalance.covers}</span>
          </div>
        )}
      </div>
    </>
  );
}

const CHART = { width: 700, height: 180, top: 16, bottom: 24 };

/**
 * "+1 h 30 min" or "−3 h 30 min". Speech may skip the sign at the punctuation level most people use,
 * which turns undertime into overtime, so a screen reader gets the sign in words instead.
 */
function SignedFigure({ minutes }: { minutes: number }) {
  const durations = useDurations();
  return (
    <>
      <span className="figure-value" aria-hidden="true">
        {durations.signed(minutes)}
      </span>
      <span className="sr-only">{`${minutes >= 0 ? 'plus' : 'minus'} ${spokenDuration(Math.abs(minutes))}`}</span>
    </>
  );
}

/** Bars per day against each day's target tick; the numbers again as a table for screen readers. */
function DayBars({ days, today: todayDate }: { days: ReportView['days']; today: string }) {
  const slot = CHART.width / Math.max(1, days.length);
  const bar = Math.min(34, slot * 0.64);
  const floor = CHART.height - CHART.bottom;
  const scale = Math.max(60, ...days.map((day) => Math.max(day.minutes, day.targetMinutes)));
  const y = (minutes: number) => floor - (Math.min(minutes, scale) / scale) * (floor - CHART.top);
  const labelEvery = days.length > 14 ? 2 : 1;
  const hatch = useOffDayHatch();
  return (
    <>
      <svg className="day-chart day-bars" viewBox={`0 0 ${CHART.width} ${CHART.height}`} aria-hidden="true" focusable="false">
        {hatch.pattern}
        <line className="axis" x1={0} x2={CHART.width} y1={floor + 0.5} y2={floor + 0.5} />
        {days.map((day, index) => {
          const center = index * slot + slot / 2;
          const top = y(day.minutes);
          const met = day.targetMinutes > 0 && day.minutes >= day.targetMinutes;
          const classes = `${day.date === todayDate ? ' today' : ''}${met ? ' met' : ''}${day.date > todayDate ? ' ahead' : ''}`;
          return (
            <g key={day.date}>
              {isOffDay(day) && <rect className="off" fill={hatch.fill} x={index * slot + 1} y={CHART.top} width={slot - 2} height={floor - CHART.top} />}
              {day.minutes > 0 && <rect className={`bar${classes}`} x={center - bar / 2} y={top} width={bar} height={floor - top} rx={2} />}
              {day.targetMinutes > 0 && (
                // Wider than the bar on a week; on a month the ticks keep apart, so a day's target reads as its own.
                <line
                  className="target"
                  x1={center - bar / 2 - (days.length <= 7 ? 3 : 0)}
                  x2={center + bar / 2 + (days.length <= 7 ? 3 : 0)}
                  y1={y(day.targetMinutes)}
                  y2={y(day.targetMinutes)}
                />
              )}
              {days.length <= 7 && day.minutes > 0 && <BarValue minutes={day.minutes} center={center} top={top} floor={floor} modifiers={classes} />}
              {index % labelEvery === 0 && (
                <text className={day.date === todayDate ? 'day today' : 'day'} x={center} y={CHART.height - 7} textAnchor="middle">
                  {days.length <= 7 ? weekdayShort(day.date) : dayNumber(day.date)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartLegend days={days} />
      <ChartNotes days={days} dayLabel={days.length <= 7 ? weekdayShort : dayShort} />
      <DayTable days={days} caption="Hours per day" />
    </>
  );
}

function ProjectBars({ projects, total }: { projects: ReportView['projects']; total: number }) {
  const durations = useDurations();
  if (projects.length === 0) return <p className="muted empty">No time tracked in this period.</p>;
  const most = Math.max(...projects.map((project) => project.minutes));
  return (
    <ol className="project-bars">
      {projects.map((project) => {
        const share = total > 0 ? Math.round((project.minutes / total) * 100) : 0;
        return (
          <li key={`${project.tracker ?? ''}:${project.name}`}>
            <span className="project-name">
              {project.name}
              <TrackerLabel name={project.tracker} />
            </span>
            <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect className="track" x="0" y="0" width="100" height="8" rx="2" />
              <rect className="fill" x="0" y="0" width={(project.minutes / most) * 100} height="8" rx="2" />
            </svg>
            <span className="project-time">
              {durations.text(project.minutes)} <span className="muted">{share}%</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Any range of entries as a CSV file; the period shown is the default. */
function ExportCard({ from, to }: { from: string; to: string }) {
  const [range, setRange] = useState({ from, to });
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!range.from || !range.to) return action.fail('export', 'Choose the first and the last day.');
    if (range.to < range.from) return action.fail('export', 'The last day is before the first.');
    await action.run(
      'export',
      () => api.exportCsv(range),
      (result) => (result.path === null ? 'Nothing was saved.' : `Saved ${result.entries} ${result.entries === 1 ? 'entry' : 'entries'} to ${result.path}.`),
    );
  };

  return (
    <form className="card export" aria-labelledby="export-title" onSubmit={(event) => void submit(event)} noValidate>
      <div className="card-title">
        <h2 id="export-title">Export to CSV</h2>
      </div>
      <div className="export-fields">
        <Field label="From">
          {({ id }) => <input id={id} type="date" value={range.from} onChange={(event) => setRange({ ...range, from: event.currentTarget.value })} />}
        </Field>
        <Field label="To">
          {({ id }) => <input id={id} type="date" value={range.to} onChange={(event) => setRange({ ...range, to: event.currentTarget.value })} />}
        </Field>
        <Button kind="primary" submit busy={action.pending === 'export'} busyLabel="Exporting…">
          Export CSV…
        </Button>
      </div>
      <p className="hint">One row per entry: date, start, end, minutes, hours, project, activity, note. Opens in any spreadsheet.</p>
      <StatusText message={action.done?.message} className="success" />
      <ErrorText message={action.error?.message} />
    </form>
  );
}
