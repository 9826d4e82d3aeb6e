// Calamari's employee list for manage_people, read-only (docs/back-ends/calamari.md, "Administration"):
// what its API lets a key read, and nothing more. Calamari's keys belong to the organisation and are
// made by its administrator, limited to groups of endpoints; a key that reads the employee list reads
// all of it, so the tool follows what the key was seen to read (context.ts learns it), and a 403
// withdraws it. Every write is refused in words before anything is sent: Punchcard invents nothing
// beyond the list (its employee and people endpoints are for Calamari's own integrations).
import type { AdminPerson, PeoplePage, PeopleWrite } from '../../../domain/admin-people.ts';
import { CellPart } from '../../grid/cell-part.ts';
import { cellCode } from '../../grid/cell.ts';
import { type Refusal, refusalOf } from '../../../contract/outcomes/refusals.ts';
import { type AdminPeoplePart, BackEndError } from '../../time-tracker.ts';
import { type CalamariContext, personName, type CalamariGrid } from '../context.ts';
import { CalamariError } from '../errors.ts';
import { emailKey } from '../reporting-lines.ts';
import { adminPeopleEndpoints, type AdminPeopleEndpoints } from './endpoints.ts';
import type { CalamariEmployee, CalamariEmployeePage } from '../wire.ts';

/** Pages of the employee list one `show` by id or name may read: Calamari's limit is the whole organisation's, per hour. */
const FIND_PAGES = 10;

export class CalamariPeople extends CellPart<CalamariContext, AdminPeopleEndpoints> implements AdminPeoplePart {
  readonly roleWords: readonly string[] = [];
  readonly managesRefusal = refusalOf('calamari_people_manages');
  readonly inviteNote = '';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const found = await this.#read(() => this.endpoints.employeeListPage(page - 1, includeInactive));
    const totalPages = Math.max(1, found.totalPages ?? 1);
    if (page > totalPages) {
      throw new BackEndError('calamari_employees_no_page', { page, pages: totalPages });
    }
    return { people: found.employees.map(adminPerson), page, totalPages, total: null };
  }

  async person(reference: string): Promise<AdminPerson> {
    const text = reference.trim();
    if (text.includes('@')) {
      const wanted = emailKey(text);
      const found = (await this.#read(() => this.endpoints.employeeByEmail(text))).employees.find((employee) => emailKey(employee.email) === wanted);
      if (!found) throw new BackEndError('calamari_employee_email_unknown', { email: text });
      return adminPerson(found);
    }
    const id = /^#?(\d{1,12})$/.exec(text);
    const matches = (employee: CalamariEmployee) => (id ? employee.id === Number(id[1]) : personName(employee).toLowerCase() === text.toLowerCase());
    const hits: CalamariEmployee[] = [];
    // No search by id or name is documented: the list is read page by page, a few pages at most. An id
    // is one person's and ends the reading when found; a name is one person's only once every page was
    // read, as a namesake may stand on any page, and two of a name end it too.
    for (let page = 0; page < FIND_PAGES; page++) {
      const found = await this.#read(() => this.endpoints.employeeListPage(page, true));
      hits.push(...found.employees.filter(matches));
      if (hits.length > (id ? 0 : 1) || page + 1 >= (found.totalPages ?? 1)) return adminPerson(onlyOne(text, hits));
    }
    if (hits[0]) throw new BackEndError('calamari_employee_maybe_later', { text, found: nameAndEmail(hits[0]), pages: FIND_PAGES });
    throw new BackEndError('calamari_employee_not_in_pages', { text, pages: FIND_PAGES });
  }

  /** manage_people refuses every write itself, in these words (time-tracker.ts, AdminPeoplePart). */
  peopleWriteRefusal(write: PeopleWrite): Refusal {
    return refusalOf('calamari_people_read_only', { write });
  }

  async selfId(): Promise<number | undefined> {
    return (await this.context.person())?.id;
  }

  invite(): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('calamari_people_read_only', { write: 'invite' }));
  }

  update(): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('calamari_people_read_only', { write: 'update' }));
  }

  setActive(_person: AdminPerson, active: boolean): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('calamari_people_read_only', { write: active ? 'reactivate' : 'deactivate' }));
  }

  /** A read of the list; Calamari's 403 (a key without the employee endpoints) withdraws manage_people at once. */
  async #read(request: () => Promise<CalamariEmployeePage>): Promise<CalamariEmployeePage> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof CalamariError && error.status === 403) {
        this.context.learnEmployeeList(false);
        throw new BackEndError('calamari_employee_list_refused');
      }
      throw error;
    }
  }
}

function adminPerson(employee: CalamariEmployee): AdminPerson {
  return {
    id: employee.id,
    name: personName(employee),
    email: employee.email ?? '',
    // Calamari's employee record shows no role (docs/back-ends/calamari.md, "Employees and working weeks").
    role: null,
    active: employee.archived !== true,
    teams: (employee.teams ?? []).map((team) => team.name),
  };
}

const nameAndEmail = (employee: CalamariEmployee) => ({ name: personName(employee), email: String(employee.email) });

/** The one employee the whole list has by this reference; nobody, or several, is said in words. */
function onlyOne(text: string, hits: readonly CalamariEmployee[]): CalamariEmployee {
  if (hits.length > 1) throw new BackEndError('calamari_employee_ambiguous', { text, employees: hits.map(nameAndEmail) });
  if (!hits[0]) throw new BackEndError('calamari_employee_unknown', { text });
  return hits[0];
}

/** The cell as the composition takes it, loaded with the tracker (index.ts lists it). */
export const code = cellCode<CalamariGrid, AdminPeopleEndpoints>({
  endpoints: adminPeopleEndpoints,
  parts: (context, endpoints) => ({ adminPeople: new CalamariPeople(context, endpoints, {}) }),
});
