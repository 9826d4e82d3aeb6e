// What the person's plan sends to Calamari (docs/back-ends/calamari.md, "Employees and working weeks", "Public
// holidays"): the organisation's working weeks, the person's holiday calendar and Calamari's working-time balance.
import { attendance, type CalamariClient, people } from '../api.ts';
import type { CalamariHoliday, CalamariWorkingWeek } from '../wire.ts';

export function planEndpoints(client: CalamariClient) {
  const { find, email } = client;
  return {
    workingWeeks: () => find<CalamariWorkingWeek[]>('/working-week/v1/all', {}, people('read the working weeks')),
    holidays: (from: string, to: string) => find<CalamariHoliday[]>('/holiday/v1/find', { employee: email, from, to }, people('read your public holidays')),
    balance: (from: string, to: string) =>
      find<Array<{ person?: { email?: string }; balance?: number }>>(
        '/clockin/timesheetentries/v1/balance',
        { from, to, employees: [email] },
        attendance('read your working-time balance'),
      ),
  };
}

export type PlanEndpoints = ReturnType<typeof planEndpoints>;
