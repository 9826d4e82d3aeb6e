// A project's time (capability `team_projects`).
// One part of the TimeTracker (parts/index.ts composes them; docs/internals/back-ends.md).
import type { ProjectWork } from '../../domain/team.ts';

/** `team_projects`. */
export interface TeamProjectsPart {
  /** A project's time as the person may see it, and its budget (`team_projects`). */
  projectWork(projectId: number): Promise<ProjectWork>;
}
