// Wall clocks in a zone for the fake back ends (Calamari's, Clockify's), written without the engine's
// helpers so a fake cannot agree with the client by sharing a bug in time-zone arithmetic.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes to add to UTC to read the wall clock in the zone at that instant. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) fields[part.type] = Number(part.value);
  const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / MS_PER_MINUTE);
}

/** 'YYYY-MM-DDTHH:mm:ss' on the wall clock of the zone, whole seconds. */
export function wallClock(epochMs: number, timeZone: string): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return new Date(whole + offsetMinutes(whole, timeZone) * MS_PER_MINUTE).toISOString().slice(0, 19);
}

/** The local calendar day of an instant in the zone. */
export function localDay(epochMs: number, timeZone: string): string {
  return wallClock(epochMs, timeZone).slice(0, 10);
}

/**
 * The instant a wall time means in the zone. A time that happens twice (autumn) is its first
 * occurrence; a time in a spring-forward gap moves forward by the gap (what java.time's
 * ZonedDateTime.of does; the fakes say where their back end's own reading is a guess).
 */
export function wallTimeToEpoch(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetMinutes(wall - MS_PER_DAY, timeZone);
  const after = offsetMinutes(wall + MS_PER_DAY, timeZone);
  const readings = [...new Set([before, after])]
    .map((offset) => wall - offset * MS_PER_MINUTE)
    .filter((instant) => instant + offsetMinutes(instant, timeZone) * MS_PER_MINUTE === wall)
    .sort((a, b) => a - b);
  return readings[0] ?? wall - before * MS_PER_MINUTE;
}
