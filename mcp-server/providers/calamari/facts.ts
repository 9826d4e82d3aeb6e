// What Punchcard learned about a Calamari organisation and the person it acts for that shapes the
// next start (remote/facts-file.ts): which modules answer for this key (Time & Attendance, Time Off:
// they decide the tools, so the first `tools/list` is right without a request, and clients that read
// the list once see the right ones), when that was last asked, and the person's zone. Keyed by address
// and e-mail. No zod and no HTTP here: the opening of a connection reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const CALAMARI_FACTS_FILE = 'calamari-accounts.json';

export interface CalamariFacts {
  /** Time & Attendance answers for this key and person: shifts, breaks, timesheets. */
  timeAndAttendance?: boolean;
  /** Time Off answers: absence types, requests, balances. */
  timeOff?: boolean;
  /** When the modules were last asked about (ISO time): a module found off is asked again a day later. */
  checkedAt?: string;
  timezone?: string;
  /**
   * Calamari's own data names people this person manages (their direct reports, or members of a team
   * they are a manager of): the team tools follow it. Unknown is no.
   */
  managesPeople?: boolean;
  /** When that was last read (ISO time): it is read again a day later. */
  managesCheckedAt?: string;
  /**
   * The key may read the employee list (its own search for the person answered; a 403 says no):
   * manage_people's list and show follow it. Unknown is no.
   */
  employeeList?: boolean;
}

export const calamariFacts = factsFile<CalamariFacts>(CALAMARI_FACTS_FILE, (entry) =>
  defined({
    timeAndAttendance: pick.boolean(entry.timeAndAttendance),
    timeOff: pick.boolean(entry.timeOff),
    checkedAt: pick.text(entry.checkedAt),
    timezone: pick.text(entry.timezone),
    managesPeople: pick.boolean(entry.managesPeople),
    managesCheckedAt: pick.text(entry.managesCheckedAt),
    employeeList: pick.boolean(entry.employeeList),
  }),
);

export function calamariFactsKey(profile: { url: string; email: string }): string {
  return `${profile.email} at ${profile.url}`;
}
