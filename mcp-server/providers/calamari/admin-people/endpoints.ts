// What manage_people sends to Calamari (docs/back-ends/calamari.md, "Administration"): the employee list as its
// administrator reads it, and one employee by e-mail. Reads only.
import { type CalamariClient, people } from '../api.ts';
import type { CalamariEmployeePage } from '../wire.ts';

export function adminPeopleEndpoints(client: CalamariClient) {
  const { find } = client;
  return {
    /** A page of the employee list as its administrator reads it (manage_people): archived people too where asked. */
    employeeListPage: (page: number, withArchived: boolean) =>
      find<CalamariEmployeePage>('/employees/v1/search', { page, ...(withArchived ? { withArchived: true } : {}) }, people('list the employees')),
    /** One employee by e-mail, archived or not (manage_people's show). */
    employeeByEmail: (address: string) =>
      find<CalamariEmployeePage>('/employees/v1/search', { employee: address, withArchived: true }, people(`look for ${address} among the employees`)),
  };
}

export type AdminPeopleEndpoints = ReturnType<typeof adminPeopleEndpoints>;
