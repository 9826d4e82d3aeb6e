// Punchcard's leave types read off the names organisations give their own (Calamari's absence types,
// Clockify's time-off policies): "Annual leave" is vacation, "Sick day" sick leave. Pure.
import type { LeaveType } from './records.ts';

/** Words organisations name their types with, per Punchcard type (first match wins). */
const TYPE_WORDS: Array<[LeaveType, RegExp]> = [
  ['unpaid', /unpaid|unbezahlt|bezpłatny/i],
  ['sick', /sick|illness|krank|chorob/i],
  ['parental', /parental|maternity|paternity|eltern|mutterschutz|rodzicielski|macierzyński/i],
  // Before vacation: "Sonderurlaub" (special leave) holds "urlaub", and is not the year's vacation.
  ['personal', /personal|special|sonderurlaub|okolicznościowy/i],
  ['vacation', /annual|vacation|holiday|urlaub|pto|paid time off|wypoczynkowy/i],
];

/** Punchcard's type for one of the organisation's own leave types, by its name. */
export function leaveTypeOfName(name: string | undefined): LeaveType {
  if (!name) return 'other';
  return TYPE_WORDS.find(([, words]) => words.test(name))?.[0] ?? 'other';
}
