// Calamari's employee list for manage_people, read-only (docs/back-ends/calamari.md, "Administration"):
// what its API lets a key read, and nothing more. Calamari's keys belong to the organisation and are
// made by its administrator, limited to groups of endpoints; a key that reads the employee list reads
// all of it, so the tool follows what the key was seen to read (context.ts learns it), and a 403
// withdraws it. Every write is refused in words before anything is sent: Punchcard invents nothing
// beyond the list (its employee and people endpoints are for Calamari's own integrations).
import type { AdminPerson, PeoplePage, PeopleWrite } from '../../domain/admin-people.ts';
import { BackEndPart } from '../remote-tracker.ts';
import { type AdminPeoplePart, BackEndError } from '../time-tracker.ts';
import { type CalamariContext, personName } from './context.ts';
import { CalamariError } from './errors.ts';
import { emailKey } from './reporting-lines.ts';
import type { CalamariEmployee, CalamariEmployeePage } from './wire.ts';

/** Pages of the employee list one `show` by id or name may read: Calamari's limit is the whole organisation's, per hour. */
const FIND_PAGES = 10;

const WRITES: Record<PeopleWrite, string> = { invite: 'invite', update: 'change', deactivate: 'deactivate', reactivate: 'reactivate' };

export class CalamariPeople extends BackEndPart<CalamariContext> implements AdminPeoplePart {
  readonly roleWords: readonly string[] = [];
  readonly managesRefusal = "Punchcard only reads Calamari's employee list: it assigns nobody a manager. Nothing was sent.";
  readonly inviteNote = '';

  async people(includeInactive: boolean, page: number): Promise<PeoplePage> {
    const found = await this.#read(() => this.context.api.employeeListPage(page - 1, includeInactive));
    const totalPages = Math.max(1, found.totalPages ?? 1);
    if (page > totalPages) {
      throw new BackEndError('not_found', `There is no page ${page} of the employees: Calamari has ${totalPages === 1 ? '1 page' : `${totalPages} pages`}.`);
    }
    return { people: found.employees.map(adminPerson), page, totalPages, total: null };
  }

  async person(reference: string): Promise<AdminPerson> {
    const text = reference.trim();
    if (text.includes('@')) {
      const wanted = emailKey(text);
      const found = (await this.#read(() => this.context.api.employeeByEmail(text))).employees.find((employee) => emailKey(employee.email) === wanted);
      if (!found) throw new BackEndError('not_found', `Nobody in Calamari's employee list has the e-mail ${text}.`);
      return adminPerson(found);
    }
    const id = /^#?(\d{1,12})$/.exec(text);
    const matches = (employee: CalamariEmployee) => (id ? employee.id === Number(id[1]) : personName(employee).toLowerCase() === text.toLowerCase());
    const hits: CalamariEmployee[] = [];
    // No search by id or name is documented: the list is read page by page, a few pages at most. An id
    // is one person's and ends the reading when found; a name is one person's only once every page was
    // read, as a namesake may stand on any page, and two of a name end it too.
    for (let page = 0; page < FIND_PAGES; page++) {
      const found = await this.#read(() => this.context.api.employeeListPage(page, true));
      hits.push(...found.employees.filter(matches));
      if (hits.length > (id ? 0 : 1) || page + 1 >= (found.totalPages ?? 1)) return adminPerson(onlyOne(text, hits));
    }
    const bound = `which is as far as one call reads (its requests are the whole organisation's). Name them by e-mail: Calamari finds that in one request.`;
    if (hits[0]) {
      throw new BackEndError(
        'invalid',
        `"${text}" is ${nameAndEmail(hits[0])} in the first ${FIND_PAGES} pages of Calamari's employee list, and may be someone on a later page too: the list goes on past those, ${bound}`,
      );
    }
    throw new BackEndError('invalid', `"${text}" was not among the first ${FIND_PAGES} pages of Calamari's employee list, ${bound}`);
  }

  peopleWriteRefusal(write: PeopleWrite): string {
    return `Punchcard only reads Calamari's employee list: it does not ${WRITES[write]} anyone there. Do it in Calamari's own screens. Nothing was sent.`;
  }

  async selfId(): Promise<number | undefined> {
    return (await this.context.person())?.id;
  }

  invite(): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('unavailable', this.peopleWriteRefusal('invite')));
  }

  update(): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('unavailable', this.peopleWriteRefusal('update')));
  }

  setActive(_person: AdminPerson, active: boolean): Promise<AdminPerson> {
    return Promise.reject(new BackEndError('unavailable', this.peopleWriteRefusal(active ? 'reactivate' : 'deactivate')));
  }

  /** A read of the list; Calamari's 403 (a key without the employee endpoints) withdraws manage_people at once. */
  async #read(request: () => Promise<CalamariEmployeePage>): Promise<CalamariEmployeePage> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof CalamariError && error.status === 403) {
        this.context.learnEmployeeList(false);
        throw new BackEndError(
          'denied',
          'Calamari did not let this key read the employee list (403 Forbidden): the key lacks the employee endpoints. manage_people is switched off; your Calamari administrator can give the key them.',
        );
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

const nameAndEmail = (employee: CalamariEmployee) => `${personName(employee)} <${employee.email}>`;

/** The one employee the whole list has by this reference; nobody, or several, is said in words. */
function onlyOne(text: string, hits: readonly CalamariEmployee[]): CalamariEmployee {
  if (hits.length > 1) throw new BackEndError('conflict', `Several employees are called "${text}": ${hits.map(nameAndEmail).join(', ')}. Name one by e-mail.`);
  if (!hits[0]) throw new BackEndError('not_found', `Nobody in Calamari's employee list is "${text}"; list shows everyone.`);
  return hits[0];
}
