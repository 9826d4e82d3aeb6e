// What Punchcard learned about a Kimai server that shapes the next start (remote/facts-file.ts): whether
// the absence plugin answers (which decides the leave tools, so the first `tools/list` is right and
// clients that read the list once see them), and the person's time zone in their Kimai profile (so a
// first call needs no profile request just to know what "09:00" means; every profile read corrects
// it). Keyed by Kimai URL. No zod and no HTTP here: the opening of a connection reads it.
import { defined, factsFile, pick } from '../remote/facts-file.ts';

export const DETECTION_FILE_NAME = 'kimai-servers.json';

export interface KimaiDetection {
  /** The absence plugin answers (and the user may use it); absent when never checked. */
  absences?: boolean;
  /**
   * The ApprovalBundle plugin (weekly timesheet approval) answers; absent when never checked, which
   * counts as no (capabilities.ts). Asked again every hour (account.ts).
   */
  approvals?: boolean;
  /** The IANA zone of the person's Kimai profile, as last read. */
  timezone?: string;
  /**
   * The person's role lets them see others' timesheets (team lead, administrator) and they lead a
   * team or administer all: the team tools' condition. Absent when never read.
   */
  leads?: boolean;
  /**
   * The person's highest role in their Kimai profile as last read (`ROLE_USER` where it names none):
   * what the admin group's capabilities start from (capabilities.ts). Absent when never read.
   */
  role?: string;
  /** Kimai answered 403 to creating a tag, or to listing invoices, under that role: withdrawn until the role changes. */
  tagsRefused?: boolean;
  invoicesRefused?: boolean;
  /** Kimai answered 403 to a correction of an entry Kimai itself had listed under that role. */
  correctionsRefused?: boolean;
  /** Kimai answered 403 to reading or changing a rate under that role: manage_rates withdrawn until the role changes. */
  ratesRefused?: boolean;
  /** Kimai answered 403 to reading or changing its teams (view_team, edit_team) under that role. */
  teamsRefused?: boolean;
  /** Kimai answered 403 to reading or changing a customer, project or activity under that role. */
  catalogRefused?: boolean;
  /** Kimai answered 403 to reading or changing its people (a super administrator's rights) under that role. */
  peopleRefused?: boolean;
}

export const detectionFile = factsFile<KimaiDetection>(DETECTION_FILE_NAME, (entry) =>
  defined({
    absences: pick.boolean(entry.absences),
    approvals: pick.boolean(entry.approvals),
    timezone: pick.text(entry.timezone),
    leads: pick.boolean(entry.leads),
    role: pick.text(entry.role),
    tagsRefused: pick.boolean(entry.tagsRefused),
    invoicesRefused: pick.boolean(entry.invoicesRefused),
    correctionsRefused: pick.boolean(entry.correctionsRefused),
    ratesRefused: pick.boolean(entry.ratesRefused),
    teamsRefused: pick.boolean(entry.teamsRefused),
    catalogRefused: pick.boolean(entry.catalogRefused),
    peopleRefused: pick.boolean(entry.peopleRefused),
  }),
);

export function readDetection(userDataDir: string, url: string): KimaiDetection | undefined {
  return detectionFile.read(userDataDir, url);
}

export function writeDetection(userDataDir: string, url: string, learned: KimaiDetection, log: (message: string) => void): void {
  detectionFile.write(userDataDir, url, learned, log);
}
