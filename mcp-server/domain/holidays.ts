// Public holidays by country, state and region, from the date-holidays package. The package and its
// rule data are loaded on first use only: most tool calls never need holidays, and the server has to
// answer its first request fast.
import type Holidays from 'date-holidays';
import { FIRST_YEAR, LAST_YEAR } from './call-limits.ts';
import { addDays, isValidDate } from './time.ts';
import type { HolidayRegion } from '../contract/settings.ts';

export type { HolidayRegion };
export type PublicHoliday = { date: string; name: string };
export type RegionCheck = { ok: true; label: string } | { ok: false; message: string };

type HolidaysClass = typeof Holidays;
/** A region spelled exactly as the package's data spells it (codes are case-sensitive there). */
type KnownRegion = { country: string; state?: string; region?: string; label: string };

const SUPPORTED_LIST = 'https://github.com/commenthol/date-holidays#supported-countries-states-regions';

let library: Promise<HolidaysClass> | undefined;

function loadLibrary(): Promise<HolidaysClass> {
  library ??= import('date-holidays').then(
    (module) => module.default,
    (error: unknown) => {
      // Forget the failure so the next call tries again instead of failing forever.
      library = undefined;
      throw error;
    },
  );
  return library;
}

/**
 * Public holidays in [from, to] (both included), one entry per date, sorted. Only the years
 * Punchcard works with are looked at (a back end's absence "until 9999" must not make this compute
 * eight thousand years of holidays); none lie outside them.
 * Only type 'public' counts: observances, optional, school and bank holidays are ordinary working
 * days for a timesheet. Throws when the region is unknown, because the package would otherwise
 * quietly fall back to the country's holidays (or to none at all).
 */
export async function publicHolidays(region: HolidayRegion, wantedFrom: string, wantedTo: string): Promise<PublicHoliday[]> {
  if (!isValidDate(wantedFrom) || !isValidDate(wantedTo)) throw new RangeError(`Not a date range (YYYY-MM-DD): ${wantedFrom} to ${wantedTo}`);
  const from = wantedFrom < `${FIRST_YEAR}-01-01` ? `${FIRST_YEAR}-01-01` : wantedFrom;
  const to = wantedTo > `${LAST_YEAR}-12-31` ? `${LAST_YEAR}-12-31` : wantedTo;
  if (to < from) return [];
  const Library = await loadLibrary();
  const known = resolveRegion(Library, region);
  if (!known.ok) throw new Error(known.message);

  const namesByDate = new Map<string, string[]>();
  // A holiday of one year can last into the next: Eswatini's Incwala runs from 28 December for six days.
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of holidaysOfYear(Library, known.region, year)) {
      if (holiday.date < from || holiday.date > to) continue;
      const names = namesByDate.get(holiday.date) ?? [];
      if (!names.includes(holiday.name)) names.push(holiday.name);
      namesByDate.set(holiday.date, names);
    }
  }
  return [...namesByDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, names]) => ({ date, name: names.join(' / ') }));
}

/** 'Germany, Bayern' for a region the package knows; otherwise a message saying what to write. */
export async function describeRegion(region: HolidayRegion): Promise<RegionCheck> {
  const known = resolveRegion(await loadLibrary(), region);
  return known.ok ? { ok: true, label: known.region.label } : known;
}

// Holidays per region and year, computed once: getHolidays evaluates every rule of the region,
// which costs milliseconds, and reports ask for the same year again and again.
const yearCache = new Map<string, readonly PublicHoliday[]>();
const instances = new Map<string, Holidays>();

function holidaysOfYear(Library: HolidaysClass, region: KnownRegion, year: number): readonly PublicHoliday[] {
  const regionKey = [region.country, region.state ?? '', region.region ?? ''].join('/');
  const cacheKey = `${regionKey}/${year}`;
  const cached = yearCache.get(cacheKey);
  if (cached) return cached;

  let instance = instances.get(regionKey);
  if (!instance) {
    instance = new Library({ country: region.country, state: region.state, region: region.region }, { types: ['public'] });
    instances.set(regionKey, instance);
  }
  const holidays: PublicHoliday[] = [];
  for (const holiday of instance.getHolidays(year, 'en')) {
    if (holiday.type !== 'public') continue;
    // The date string is the holiday's own local calendar day ('2026-12-25 00:00:00', or
    // '2026-03-20 00:00:00 -0600' for days that begin at sunset); `start` is an instant whose UTC
    // date can be the day before, so it is used only to tell how many days the holiday lasts.
    const firstDate = holiday.date.slice(0, 10);
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
    for (let offset = 0; offset < days; offset++) holidays.push({ date: addDays(firstDate, offset), name: holiday.name });
  }
  yearCache.set(cacheKey, holidays);
  return holidays;
}

type Resolution = { ok: true; region: KnownRegion } | { ok: false; message: string };

// Every holiday lookup checks its region first; the answer for a given spelling never changes.
const resolutions = new Map<string, Resolution>();

function resolveRegion(Library: HolidaysClass, input: HolidayRegion): Resolution {
  const key = JSON.stringify([input.country, input.state ?? '', input.region ?? '']);
  let resolution = resolutions.get(key);
  if (!resolution) {
    resolution = lookUpRegion(new Library(), input);
    resolutions.set(key, resolution);
  }
  return resolution;
}

/** Matches codes case-insensitively against the package's data and builds the readable label. */
function lookUpRegion(data: Holidays, input: HolidayRegion): Resolution {
  const countryCode = input.country.trim();
  const countries = data.getCountries('en');
  const country = findCode(countries, countryCode);
  if (!country) {
    return {
      ok: false,
      message:
        `"${countryCode}" is not a country the holiday data knows. Use a two-letter ISO code such as ` +
        `DE, AT, CH, FR, GB or US (all codes: ${SUPPORTED_LIST}).`,
    };
  }
  const countryName = countries[country] ?? country;
  const stateCode = input.state?.trim() ?? '';
  const regionCode = input.region?.trim() ?? '';
  if (stateCode === '') {
    if (regionCode !== '') return { ok: false, message: `A region needs its state: set the state of ${countryName} that "${regionCode}" belongs to.` };
    return { ok: true, region: { country, label: countryName } };
  }

  const states = data.getStates(country, 'en') ?? {};
  const state = findCode(states, stateCode);
  if (!state) {
    const choices =
      Object.keys(states).length === 0 ? `${countryName} has no states in the holiday data; leave the state empty.` : `Use one of: ${listChoices(states)}.`;
    return { ok: false, message: `${countryName} has no state "${stateCode}". ${choices}` };
  }
  const stateName = states[state] ?? state;
  if (regionCode === '') return { ok: true, region: { country, state, label: `${countryName}, ${stateName}` } };

  const regions = data.getRegions(country, state, 'en') ?? {};
  const region = findCode(regions, regionCode);
  if (!region) {
    const choices =
      Object.keys(regions).length === 0 ? `${stateName} has no regions in the holiday data; leave the region empty.` : `Use one of: ${listChoices(regions)}.`;
    return { ok: false, message: `${stateName} (${countryName}) has no region "${regionCode}". ${choices}` };
  }
  return { ok: true, region: { country, state, region, label: `${countryName}, ${stateName}, ${regions[region] ?? region}` } };
}

function findCode(choices: Record<string, string>, code: string): string | undefined {
  const wanted = code.toUpperCase();
  return Object.keys(choices).find((key) => key.toUpperCase() === wanted);
}

/** 'BB (Brandenburg), BE (Berlin), …' — names only while the list stays short enough to read. */
function listChoices(choices: Record<string, string>): string {
  const entries = Object.entries(choices);
  if (entries.length > 20) return entries.map(([code]) => code).join(', ');
  return entries.map(([code, name]) => `${code} (${name})`).join(', ');
}

/**
 * The choices a settings form offers: every country the holiday data knows, or the states of one
 * country, sorted by name. Unknown countries give an empty list.
 */
export async function holidayRegionChoices(country?: string): Promise<Array<{ code: string; name: string }>> {
  const data = new (await loadLibrary())();
  const countries = data.getCountries('en');
  let names: Record<string, string>;
  if (country === undefined) {
    names = countries;
  } else {
    const code = findCode(countries, country.trim());
    names = code ? (data.getStates(code, 'en') ?? {}) : {};
  }
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
