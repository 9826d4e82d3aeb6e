// `manage_people` as AI clients and the app see it: title, description, schemas, annotations and the
// capability it needs. The handler is in mcp-server/tools/; main parses answers with `output`.
import * as z from 'zod/v4';
import { PEOPLE_ACTIONS } from '../vocabulary.ts';
import { toolContract } from './tool-contract.ts';

/** One person as the tool shows them; `role` is null where the back end's API shows none. */
const personOutput = z.object({
  id: z.int(),
  name: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  active: z.boolean(),
  teams: z.array(z.string()),
});

export const managePeopleContract = toolContract({
  name: 'manage_people',
  group: 'admin',
  access: 'change',
  title: 'Manage people',
  description: 'People: person is an id, e-mail or name.',
  capability: 'admin_people',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  // Lengths are checked by the handler (manage-people.ts, FIELD_LIMITS) rather than advertised: every
  // character here is read by the model on every turn, and this tool's share of the admin group is small.
  input: () =>
    z.object({
      action: z.enum(PEOPLE_ACTIONS),
      person: z.string().optional(),
      name: z.string().optional(),
      email: z.string().optional(),
      role: z.string().optional(),
      manages: z.array(z.string()).optional(),
      include_inactive: z.boolean().optional(),
      page: z.number().int().optional(),
    }),
  output: () =>
    z.object({
      action: z.enum(PEOPLE_ACTIONS),
      /** The page listed, or the one person shown or changed. */
      people: z.array(personOutput),
      /** The person as they were before a change (update, deactivate, reactivate), for the record. */
      before: personOutput.optional(),
      page: z.int().optional(),
      total_pages: z.int().optional(),
      total: z.int().optional(),
    }),
});
