// The person's plan on Clockodo under the owner's key, acting for one person (docs/back-ends/clockodo.md, "Acting for
// others"): every endpoint read with the person's id only. The shared endpoints as the root narrows them (acting.ts);
// an endpoint added to endpoints.ts does not compile until it is narrowed here.
import type { ClockodoActing } from '../acting.ts';
import type { PlanEndpoints } from './endpoints.ts';

export function underOrganisation(api: PlanEndpoints, acting: ClockodoActing): PlanEndpoints {
  return {
    // Their plan and time account, by their id only.
    targetHours: async (userId) => {
      acting.onlyThem(userId, 'targetHours');
      return acting.first(async () => (await api.targetHours(userId)).filter((row) => row.users_id === acting.userId));
    },
    nonbusinessDays: async (userId, year) => {
      acting.onlyThem(userId, 'nonbusinessDays');
      return acting.first(async () => (await api.nonbusinessDays(userId, year)).filter((row) => row.users_id === acting.userId));
    },
    userReport: async (userId, year) => {
      acting.onlyThem(userId, 'userReport');
      return acting.first(() => api.userReport(userId, year));
    },
  };
}
