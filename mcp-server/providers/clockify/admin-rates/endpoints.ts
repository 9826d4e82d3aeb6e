// What the administration of rates sends to Clockify (docs/back-ends/clockify.md, "Administration"): the
// workspace with its rates and its members' (getWorkspaceOfUser), the workspace's default (setWorkspaceHourlyRate,
// setWorkspaceCostRate), a member's workspace rate (setHourlyRateForUser, setCostRateForUser), a project's own
// (updateProject) and a member's in a project (addUsersHourlyRate, addUsersCostRate). Amounts are whole cents on the
// wire. The members and a project come from the root's api.ts. Nothing here decides which requests a call makes.
import { remoteRefusal } from '../../remote/remote-error.ts';
import { account, type ClockifyApiClient, id, ws } from '../api.ts';
import type { ClockifyRatedMembership, ClockifyRate, ClockifyRatedProject } from '../wire.ts';
import { quotedLine } from '../../../contract/outcomes/quoted-line.ts';

/** GET /v1/workspaces/{ws} (WorkspaceDtoV1), as far as rates go. */
export interface ClockifyRatedWorkspace {
  id: string;
  name: string;
  hourlyRate?: ClockifyRate;
  costRate?: ClockifyRate;
  memberships?: ClockifyRatedMembership[] | null;
}

/** Which rate a request sets: Clockify's billable (hourly) rate or its cost rate. */
export type RateField = 'hourly' | 'cost';
const PATH: Readonly<Record<RateField, string>> = { hourly: 'hourly-rate', cost: 'cost-rate' };

export function adminRatesEndpoints(client: ClockifyApiClient) {
  const { call } = client;
  const { membersPage, project } = client.api;
  return {
    membersPage,
    project,
    /** The workspace with its default rates and every member's own (an admin sees them all). */
    ratedWorkspace: (workspaceId: string) =>
      call<ClockifyRatedWorkspace>('GET', ws(workspaceId), { ...account("read the workspace's rates"), onlyReads: true }),
    /** The workspace's default: the hourly rate goes with its currency (RateWithCurrencyRequestV1), the cost rate alone. */
    setWorkspaceRate: (workspaceId: string, field: RateField, cents: number, currency: string) =>
      call<ClockifyRatedWorkspace>('PUT', `${ws(workspaceId)}/${PATH[field]}`, account(`set the workspace's ${field} rate`), {
        body: field === 'hourly' ? { amount: cents, currency } : { amount: cents },
      }),
    /** A member's own rate across the workspace. */
    setMemberRate: (workspaceId: string, userId: string, name: string, field: RateField, cents: number) =>
      call<ClockifyRatedWorkspace>(
        'PUT',
        `${ws(workspaceId)}/users/${id(userId)}/${PATH[field]}`,
        account(`set ${name}'s ${field} rate`, remoteRefusal('clockify_member_gone', { name, in_clockify: false })),
        { body: { amount: cents } },
      ),
    /** A project's own rates (updateProject): the project as read goes with them, so that nothing else changes. */
    setProjectRates: (workspaceId: string, project: ClockifyRatedProject, amounts: { hourly?: number; cost?: number }) =>
      call<ClockifyRatedProject>(
        'PUT',
        `${ws(workspaceId)}/projects/${id(project.id)}`,
        account(
          `set the rates of the project ${quotedLine(project.name)}`,
          remoteRefusal('clockify_item_gone', { item: 'project', name: project.name, deleted: null }),
        ),
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
      call<ClockifyRatedProject>('PUT', `${ws(workspaceId)}/projects/${id(projectId)}/users/${id(userId)}/${PATH[field]}`, account(`set ${label}`), {
        body: { amount: cents },
      }),
  };
}

export type AdminRatesEndpoints = ReturnType<typeof adminRatesEndpoints>;
