// The window's contract for the Account screen: the back end and its account, the secret that goes to
// the keychain and nowhere else, a test of the connection, and the pages where each secret is made.
import * as z from 'zod/v4';
import { BACK_ENDS, type BackEnd, type BackEndType, type ProfileView } from '../mcp-server/contract/back-ends.ts';
import { MAX_WORKSPACE_LENGTH, type AccountField, type BackEndDescriptor, type SecretDescriptor } from '../mcp-server/contract/back-end-descriptor.ts';
import { CONNECTION_NAME_MAX_LENGTH, MAX_CONNECTIONS, type WeekHours } from '../mcp-server/contract/connections.ts';
import { WorkWeekSchema } from '../mcp-server/contract/settings.ts';
import { none } from './request-parts.ts';

/** The back ends' types, for the window's imports of the contract. */
export type { BackEndType };

/**
 * A back end the Account screen offers: its descriptor (mcp-server/contract/back-end-descriptor.ts),
 * data the window renders the form from (its label, what it is, its fields, its secret's name, where to
 * find it by link id, and what to know before saving).
 */
export type BackEndChoice = BackEndDescriptor & {
  readonly type: BackEndType;
  readonly secret: (SecretDescriptor & { readonly help: { readonly id: LinkId; readonly url: string } }) | null;
};

/** A back end's account as the window shows it: everything but secrets, which a profile never holds. */
export type { ProfileView };

/** One connection as the Account screen lists it (docs/using-the-app.md, "Several connections"): never its secret. */
export interface ConnectionView {
  /** Its name: what the model passes as `tracker`, what labelled rows say. */
  name: string;
  /** The settings' `provider`: calls that name no connection go here. */
  isDefault: boolean;
  provider: ProfileView;
  /** Whether the keychain holds its secret (its own item or its account's); false for the local timesheet. */
  hasCredential: boolean;
  /** Whether the keychain holds its second secret, where its back end has one; null where it has none. */
  hasSecondCredential: boolean | null;
  /**
   * Its own work week, its targets where its back end keeps none; null where it has none: then it shares the settings'
   * week with the others that have none, or its back end keeps its targets (docs/several-trackers.md, "A week per connection").
   */
  workWeek: WeekHours | null;
}

export interface AccountView {
  /** The default connection's back end: the one today's form edits. */
  provider: ProfileView;
  /** Whether the keychain holds a secret for the configured account (both, where the back end has two); the secret never leaves main. */
  hasCredential: boolean;
  /** Where the back end has a second secret (Tempo Timesheets' Jira API token): whether the keychain holds it; null where it has none. */
  hasSecondCredential: boolean | null;
  /** Why the keychain could not be asked (locked, no Secret Service), or null. */
  credentialProblem: string | null;
  choices: readonly BackEndChoice[];
  /** What the organisation's policy sets here, or null: the controls it covers are locked. */
  organisation: { fixed: boolean; allowed: BackEndType[] | null; note: string } | null;
  /** Every connection, the default first, then the others in the settings' order; one with a single back end. */
  connections: ConnectionView[];
  /** At most this many connections in all. */
  maxConnections: number;
}

/** A workspace a Clockify key sees (GET /v1/workspaces), as a connection test lists them. */
export interface WorkspaceChoice {
  id: string;
  name: string;
}

export interface ConnectionResult {
  ok: boolean;
  /** A sentence a person can act on: who is connected, or what is wrong and what to do. */
  message: string;
  /** Every workspace the key sees, where the back end has several (Clockify): each may become a connection. */
  workspaces?: WorkspaceChoice[];
}

/** A secret as the form sends it: never kept in the window, straight to main and the keychain. */
const secretInput = z.string().min(1).max(4000);

/** A connection's name as the window may send it; the rule itself is checked by the handler, in words. */
const connectionName = z.string().min(1).max(CONNECTION_NAME_MAX_LENGTH);

/** The pages the window may ask main to open: where each back end's secret is made. */
export type LinkId = NonNullable<BackEnd['secret']>['help']['id'] | SecondSecretOf<BackEnd>['help']['id'];
type SecondSecretOf<B> = B extends { readonly secondSecret: infer S extends { readonly help: { readonly id: string } } } ? S : never;
export const LINK_IDS = BACK_ENDS.flatMap((backEnd: BackEndDescriptor) => [
  ...(backEnd.secret ? [backEnd.secret.help.id] : []),
  ...(backEnd.secondSecret ? [backEnd.secondSecret.help.id] : []),
]) as [LinkId, ...LinkId[]];

// What the Account screen may send as a back end's account, checked before a handler sees it: the
// type, and the fields its descriptor names (mcp-server/contract/back-ends.ts), as the form holds them
// (trimmed text, empty optional fields as null). Bounded, and nothing else: the handler then reads the
// profile with the settings' own schema (main/ipc/handlers/account.ts, profileFrom).

/** A back end's account as the form sends it. */
export interface ProviderRequest {
  type: BackEndType;
  url?: string | null | undefined;
  email?: string | undefined;
  workspace?: string | null | undefined;
  account_id?: string | null | undefined;
  caFile?: string | null | undefined;
  allowInsecureTls?: boolean | undefined;
  /** Tempo's API host (a `service_url` field's key), one of its choices; empty: its default. */
  tempoUrl?: string | null | undefined;
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
    case 'account_id':
      return { account_id: z.string().trim().max(20).nullable().optional() };
    case 'tls':
      return { caFile: z.string().max(4000).nullable().optional(), allowInsecureTls: z.boolean().optional() };
    case 'service_url':
      return { [field.key]: z.string().trim().max(2000).nullable().optional() };
    case 'field_defaults':
      // Only in the settings file: the form never sends them, and saving keeps those the file has.
      return {};
  }
}

export const ProviderInput = z.discriminatedUnion(
  'type',
  BACK_ENDS.map((backEnd) =>
    z.object(Object.assign({ type: z.literal(backEnd.type) }, ...backEnd.fields.map((field) => fieldInputs(backEnd, field)))).strict(),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<ProviderRequest, ProviderRequest>;

export const accountChannels = {
  getAccount: { request: none, response: {} as AccountView },
  /**
   * Saves the back end; a token, when given, goes to the keychain and nowhere else, and so does a second one
   * (`secondToken`: Tempo Timesheets' Jira API token), where the back end has a second secret.
   */
  saveAccount: {
    request: z.object({ provider: ProviderInput, token: secretInput.optional(), secondToken: secretInput.optional() }).strict(),
    response: {} as AccountView,
  },
  /** Tests the given back end, a saved connection by its name, or (with nothing) the default, through the engine. */
  testConnection: {
    request: z
      .union([
        z.object({ provider: ProviderInput, token: secretInput.optional(), secondToken: secretInput.optional() }).strict(),
        z.object({ connection: connectionName }).strict(),
      ])
      .optional(),
    response: {} as ConnectionResult,
  },
  forgetCredential: { request: none, response: {} as AccountView },
  /**
   * Adds connections besides the default, each a name and a back end's account; several at once where
   * one Clockify key reaches several workspaces, all sharing the one secret given (or saved).
   */
  addConnections: {
    request: z
      .object({
        connections: z
          .array(z.object({ name: connectionName, provider: ProviderInput, workWeek: WorkWeekSchema.optional() }).strict())
          .min(1)
          .max(MAX_CONNECTIONS - 1),
        token: secretInput.optional(),
        secondToken: secretInput.optional(),
      })
      .strict(),
    response: {} as AccountView,
  },
  /** Makes a connection the default: its profile goes into `provider`, the old default into `trackers`. */
  makeDefaultConnection: { request: z.object({ name: connectionName }).strict(), response: {} as AccountView },
  renameConnection: { request: z.object({ name: connectionName, to: connectionName }).strict(), response: {} as AccountView },
  /** Holds a connection to a work week of its own, or (null) to the settings' week, shared with the others that have none. */
  setConnectionWeek: { request: z.object({ name: connectionName, workWeek: WorkWeekSchema.nullable() }).strict(), response: {} as AccountView },
  /** Removes a connection other than the default. */
  removeConnection: { request: z.object({ name: connectionName }).strict(), response: {} as AccountView },
  openLink: { request: z.object({ id: z.enum(LINK_IDS) }).strict(), response: null },
} as const;
