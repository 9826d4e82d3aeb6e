// Clockify's endpoints for hourly and cost rates (docs/back-ends/clockify.md, "Administration"): the
// workspace with its rates and its members' (getWorkspaceOfUser), the workspace's default
// (setWorkspaceHourlyRate, setWorkspaceCostRate), a member's workspace rate (setHourlyRateForUser,
// setCostRateForUser), a project's own (updateProject) and a member's in a project (addUsersHourlyRate,
// addUsersCostRate). Amounts are whole cents on the wire. One method per endpoint over the API
// module's request function (api.ts); nothing here decides which requests a call makes.
import { type RefusalFor, remoteRefusal } from '../remote/remote-error.ts';
import type { RequestPurpose } from './errors.ts';
import type { AdminRequests } from './admin-api.ts';
import type { ClockifyProject } from './wire.ts';

/** An amount in cents and its currency (RateDtoV1, HourlyRateDtoV1); null where none is set. */
export type ClockifyRate = { amount?: number | null; currency?: string | null } | null | undefined;

/** A member's own rates in a workspace or a project (MembershipDtoV1). */
export interface ClockifyRatedMembership {
  userId?: string | null;
  membershipType?: string | null;
  membershipStatus?: string | null;
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
}

/** GET /v1/workspaces/{ws} (WorkspaceDtoV1), as far as rates go. */
export interface ClockifyRatedWorkspace {
  id: string;
  name: string;
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
  memberships?: ClockifyRatedMembership[] | null;
}

/** A project as getProject answers it, with its rates (ProjectDtoImplV1). */
export type ClockifyRatedProject = Omit<ClockifyProject, 'memberships'> & {
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
  memberships?: ClockifyRatedMembership[] | null;
  note?: string | null;
  color?: string | null;
};

/** Which rate a request sets: Clockify's billable (hourly) rate or its cost rate. */
export type RateField = 'hourly' | 'cost';
const PATH: Readonly<Record<RateField, string>> = { hourly: 'hourly-rate', cost: 'cost-rate' };

export function clockifyRateEndpoints({ call }: Pick<AdminRequests, 'call'>) {
  const ws = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;
  const id = encodeURIComponent;
  const rates = (action: string, notFound?: RefusalFor<'not_found'>): RequestPurpose => ({ action, area: 'account', ...(notFound ? { notFound } : {}) });
  return {
    /** The workspace with its default rates and every member's own (an admin sees them all). */
    workspace: (workspaceId: string) => call<ClockifyRatedWorkspace>('GET', ws(workspaceId), { ...rates("read the workspace's rates"), onlyReads: true }),
    /** The workspace's default: the hourly rate goes with its currency (RateWithCurrencyRequestV1), the cost rate alone. */
    setWorkspaceRate: (workspaceId: string, field: RateField, cents: number, currency: string) =>
      call<ClockifyRatedWorkspace>('PUT', `${ws(workspaceId)}/${PATH[field]}`, rates(`set the workspace's ${field} rate`), {
        body: field === 'hourly' ? { amount: cents, currency } : { amount: cents },
      }),
    /** A member's own rate across the workspace. */
    setMemberRate: (workspaceId: string, userId: string, name: string, field: RateField, cents: number) =>
      call<ClockifyRatedWorkspace>(
        'PUT',
        `${ws(workspaceId)}/users/${id(userId)}/${PATH[field]}`,
        rates(`set ${name}'s ${field} rate`, remoteRefusal('clockify_member_gone', { name, in_clockify: false })),
        { body: { amount: cents } },
      ),
    /** A project's own rates (updateProject): the project as read goes with them, so that nothing else changes. */
    setProjectRates: (workspaceId: string, project: ClockifyRatedProject, amounts: { hourly?: number; cost?: number }) =>
      call<ClockifyRatedProject>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(project.id)}`,
        rates(`set the rates of the project "${project.name}"`, remoteRefusal('clockify_item_gone', { item: 'project', name: project.name, deleted: null })),
        {
          body: {
            name: project.name,
            billable: project.billable === true,
            archived: project.archived === true,
            isPublic: project.public === true,
            ...(project.clientId ? { clientId: project.clientId } : {}),
            ...(typeof project.note === 'string' ? { note: project.note } : {}),
            ...(project.color ? { color: project.color } : {}),
            ...(amounts.hourly === undefined ? {} : { hourlyRate: { amount: amounts.hourly } }),
            ...(amounts.cost === undefined ? {} : { costRate: { amount: amounts.cost } }),
          },
        },
      ),
    /** A member's own rate in one project. */
    setProjectMemberRate: (workspaceId: string, projectId: string, userId: string, label: string, field: RateField, cents: number) =>
      call<ClockifyRatedProject>('PUT', `${ws(workspaceId)}/projects/${id(projectId)}/users/${id(userId)}/${PATH[field]}`, rates(`set ${label}`), {
        body: { amount: cents },
      }),
  };
}

export type ClockifyRateApi = ReturnType<typeof clockifyRateEndpoints>;
