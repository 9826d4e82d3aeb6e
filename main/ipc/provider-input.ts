// What the Account screen may send as a back end's account, checked before a handler sees it: the
// type, and the fields its descriptor names (contract/back-ends.ts), as the form holds them (trimmed
// text, empty optional fields as null). Bounded, and nothing else: the handler then reads the profile
// with the settings' own schema (handlers/account.ts, profileFrom).
import * as z from 'zod/v4';
import { MAX_WORKSPACE_LENGTH, type AccountField } from '../../mcp-server/contract/back-end-descriptor.ts';
import { BACK_ENDS, type BackEnd, type BackEndType } from '../../mcp-server/contract/back-ends.ts';

/** A back end's account as the form sends it. */
export interface ProviderRequest {
  type: BackEndType;
  url?: string | null | undefined;
  email?: string | undefined;
  workspace?: string | null | undefined;
  caFile?: string | null | undefined;
  allowInsecureTls?: boolean | undefined;
}

function fieldInputs(backEnd: BackEnd, field: AccountField): Record<string, z.ZodType> {
  switch (field.kind) {
    case 'url':
      return {
        url:
          field.default === undefined
            ? z.string().trim().min(1, `the address of your ${backEnd.label}`).max(2000)
            : z.string().trim().max(2000).nullable().optional(),
      };
    case 'email':
      return { email: z.string().trim().min(1, `your ${backEnd.label} ${field.word}`).max(254) };
    case 'workspace':
      return { workspace: z.string().trim().max(MAX_WORKSPACE_LENGTH).nullable().optional() };
    case 'tls':
      return { caFile: z.string().max(4000).nullable().optional(), allowInsecureTls: z.boolean().optional() };
  }
}

export const ProviderInput = z.discriminatedUnion(
  'type',
  BACK_ENDS.map((backEnd) =>
    z.object(Object.assign({ type: z.literal(backEnd.type) }, ...backEnd.fields.map((field) => fieldInputs(backEnd, field)))).strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<ProviderRequest, ProviderRequest>;
