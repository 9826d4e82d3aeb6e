// Fills a timesheet file with a large, deterministic history before any server opens it. It goes
// through the project's own openTimesheet, so the schema is exactly what the server migrates to.
import { existsSync, statSync } from 'node:fs';
import { offsetMinutes } from '../../mcp-server/domain/time.ts';
import { openTimesheet } from '../../mcp-server/providers/local/database.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const CUSTOMERS = ['Acme GmbH', 'Globex AG', 'Initech', 'Umbrella Health', 'Internal'];
const PROJECTS = [
  'Website relaunch',
  'Mobile app',
  'Billing migration',
  'Data warehouse',
  'Customer portal',
  'Onboarding flow',
  'Search service',
  'Payment gateway',
  'Design system',
  'Reporting suite',
  'API v3',
  'Security audit',
  'Cloud move',
  'Analytics',
  'Support tooling',
  'Partner integration',
  'Recruiting',
  'Internal tools',
  'Marketing site',
  'Research',
];
const ACTIVITIES = ['Development', 'Meetings', 'Code review', 'Support', 'Documentation', 'Planning', 'Testing', 'Travel', 'Training', 'Administration'];
const DESCRIPTIONS = ['', '', 'Standup', 'Pairing session', 'Bug fixing', 'Sprint review', 'Customer call', 'Release prep'];

export interface SeedOptions {
  path: string;
  entries: number;
  /** Working days (Mon–Fri) from firstDay to lastDay, both inclusive, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  timezone: string;
  /** Share of entries that start late in the evening and run past midnight. */
  midnightShare: number;
  /** Instants [from, to): the result counts the entries that touch this range. */
  countRange: { from: number; to: number };
}

export interface SeedResult {
  entries: number;
  workingDays: number;
  entriesPerWorkingDay: number;
  crossingMidnight: number;
  entriesInRange: number;
  projects: number;
  activities: number;
  seedMs: number;
  dbBytes: number;
}

export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const days = workingDays(options.firstDay, options.lastDay);
  const random = lcg(20261120);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const { db } = await openTimesheet(options.path);
  let crossingMidnight = 0;
  let entriesInRange: number;
  try {
    db.exec('BEGIN');
    const created = Date.parse(`${options.firstDay}T08:00:00Z`);
    const insertCustomer = db.prepare('INSERT INTO customers (name, created_at) VALUES (?, ?)');
    const customerIds = CUSTOMERS.map((name) => Number(insertCustomer.run(name, created).lastInsertRowid));
    const insertProject = db.prepare('INSERT INTO projects (name, customer_id, created_at) VALUES (?, ?, ?)');
    const projectIds = PROJECTS.map((name, index) => Number(insertProject.run(name, customerIds[index % customerIds.length] ?? null, created).lastInsertRowid));
    const insertActivity = db.prepare('INSERT INTO activities (name, project_id, created_at) VALUES (?, NULL, ?)');
    const activityIds = ACTIVITIES.map((name) => Number(insertActivity.run(name, created).lastInsertRowid));

    const insertEntry = db.prepare(
      `INSERT INTO time_entries (start_ms, end_ms, project_id, activity_id, description, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const offsetOf = (instant: number) => offsetMinutes(instant, options.timezone) * 60_000;
    for (let dayIndex = 0; dayIndex < days.length; dayIndex++) {
      const day = days[dayIndex] as number;
      // Local midnight of the day; an offset change happens on a Sunday night, never inside a working day.
      const midnight = day - offsetOf(day + 12 * 3_600_000);
      // Spread the remainder so the total is exact.
      const count = Math.floor(((dayIndex + 1) * options.entries) / days.length) - Math.floor((dayIndex * options.entries) / days.length);
      for (let index = 0; index < count; index++) {
        let startMinute: number;
        let minutes: number;
        if (random() < options.midnightShare) {
          // 22:00–23:45, running 15–120 minutes past midnight, never longer than 3 h.
          startMinute = 22 * 60 + 15 * Math.floor(random() * 8);
          minutes = Math.min(180, 24 * 60 - startMinute + 15 + 5 * Math.floor(random() * 22));
          crossingMidnight++;
        } else {
          // 07:00–18:00, 15 min–3 h with short entries more common than long ones.
          startMinute = 7 * 60 + 5 * Math.floor(random() * 133);
          minutes = 15 + 5 * Math.floor(random() * random() * 34);
        }
        const start = midnight + startMinute * MINUTE_MS;
        const end = start + minutes * MINUTE_MS;
        insertEntry.run(start, end, random() < 0.95 ? pick(projectIds) : null, random() < 0.9 ? pick(activityIds) : null, pick(DESCRIPTIONS), end, end);
      }
    }
    db.exec('COMMIT');
    const counted = db
      .prepare('SELECT count(*) AS n FROM time_entries WHERE start_ms < ? AND end_ms > ?')
      .get(options.countRange.to, options.countRange.from) as { n: number };
    entriesInRange = counted.n;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.close();
  }
  const seedMs = performance.now() - started;
  const wal = `${options.path}-wal`;
  return {
    entries: options.entries,
    workingDays: days.length,
    entriesPerWorkingDay: options.entries / days.length,
    crossingMidnight,
    entriesInRange,
    projects: PROJECTS.length,
    activities: ACTIVITIES.length,
    seedMs,
    dbBytes: statSync(options.path).size + (existsSync(wal) ? statSync(wal).size : 0),
  };
}

/** UTC midnight of every Monday–Friday in the range. */
function workingDays(first: string, last: string): number[] {
  const days: number[] = [];
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= Date.parse(`${last}T00:00:00Z`); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/** A small deterministic generator (linear congruential, 32-bit), values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
