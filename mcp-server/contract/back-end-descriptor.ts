// What the rest of Punchcard knows of a back end: its descriptor. Each back end has one
// (contract/back-ends/<name>.ts) and contract/back-ends.ts lists them; the settings schema, the
// command line, the policy, the team server's config and sign-in pages, the app's Account screen and
// the Claude Desktop extension's manifest read it instead of naming back ends (docs/decisions.md,
// "Back ends as descriptors"). A descriptor is data and nothing else: no zod, no functions, so the
// window gets it over IPC as it is, and the opening of a connection reads it without loading any back
// end. It sits in the contract, beside the settings schema built from it, because the contract imports
// nothing above it; the back end's code (providers/<name>/) and its engine side (back-end.ts there,
// listed in providers/back-ends.ts) read it from here. The rules that turn its fields into checks live
// here and in back-end-accounts.ts, once.
import { normalizeBaseUrl, normalizeEmail } from './back-end-accounts.ts';
import type { KimaiLockdown } from './kimai-lockdown.ts';
import type { ToolGroup } from './tool-groups.ts';
import type { Capability } from './vocabulary.ts';

/** The longest workspace (its id or name) a profile names. */
export const MAX_WORKSPACE_LENGTH = 200;

export interface BackEndDescriptor {
  /** Its name in config.json, on the command line, in a policy file and in PUNCHCARD_<TYPE>_TOKEN. */
  readonly type: string;
  /** Its name as a heading or a choice: "Kimai", "Local timesheet". */
  readonly label: string;
  /** Its name inside a sentence: "Kimai", "the local timesheet". */
  readonly inSentence: string;
  /** A service reached over the network, with a secret, an outbox and the open world; the local timesheet is not one. */
  readonly remote: boolean;
  /** What a profile holds besides the type, in the order `--help` shows them. */
  readonly fields: readonly AccountField[];
  /**
   * Rules of the back end its API does not show, which a profile may copy in the back end's own words, by hand (in
   * config.json, or the team server's `provider`: no screen or flag sets them), each under the key its kind names.
   * An account that passes them (the team server's organisation credential) does not hold a person to them, so
   * Punchcard does, as copied.
   */
  readonly unpublishedRules: readonly UnpublishedRule[];
  /** The secret it is reached with, or null where it needs none. */
  readonly secret: SecretDescriptor | null;
  /**
   * A second secret, of the site the back end reads beside its own API (Tempo Timesheets' Jira site, in `url`, where
   * the issues, their keys and the people's names are): its own keychain item and variable, never packed with the
   * first and never sent where the first goes. Absent where the back end has one secret.
   */
  readonly secondSecret?: SecondSecretDescriptor;
  /**
   * The one credential of the organisation's with which the team server acts for every person (its config's
   * `sign_in.organisation`), where the back end takes one: an account of the organisation's that may act for
   * others (`account`: its engine side then makes the organisation account, providers/engine-side.ts), whose
   * key goes with its owner's login where `withLogin`; or the back end's own key, the organisation's already
   * (`key`: Calamari's). Absent where there is none.
   */
  readonly organisationCredential?: { readonly kind: 'account'; readonly withLogin: boolean } | { readonly kind: 'key' };
  /**
   * An organisation's policy may fix it for every account on the machine (`providers.fixed`): its
   * profile names nobody in particular and its secret is each person's own at one address.
   */
  readonly policyMayFix: boolean;
  readonly app: AppDescriptor;
  /**
   * Why the back end never offers some tools, in its own words, where they are known for every account: a withheld
   * tool's refusal (`tool_withheld`, why `back_end`) says them instead of the generic "no such feature, or your role
   * there does not reach it". By the capability the tool needs first (every tool of it, today's and tomorrow's, is
   * found by the engine), then by the tool's group; each a clause without its full stop that names no tool (a person
   * reads it too). Absent: the generic words.
   */
  readonly withheld?: WithheldReasons;
}

/** A back end's reasons for the tools it never offers: by the capability they need, and by group. */
export interface WithheldReasons {
  readonly capabilities?: Readonly<Partial<Record<Capability, string>>>;
  readonly groups?: Readonly<Partial<Record<ToolGroup, string>>>;
}

/** The back end's own reason for withholding a tool, where its descriptor gives one. */
export function withheldReason(reasons: WithheldReasons | undefined, tool: { readonly capability: Capability; readonly group: ToolGroup }): string | undefined {
  return reasons?.capabilities?.[tool.capability] ?? reasons?.groups?.[tool.group];
}

export type AccountField = UrlField | EmailField | WorkspaceField | AccountIdField | TlsField | ServiceUrlField | FieldDefaultsField;
export type FieldKind = AccountField['kind'];

/** The back end's address: `url` in a profile, `--url` on the command line. */
export interface UrlField {
  readonly kind: 'url';
  /** The address a profile without one means (Clockodo's own service); absent where the person must give it. */
  readonly default?: string;
  /** An address as a person types it: the window's placeholder, and the example in messages. */
  readonly example: string;
  /** What the address is, for `--help` and the extension's form: "Kimai's, e.g. https://kimai.example.com". */
  readonly usage: string;
  /** The window's hint: for an address that may be left out, what empty means (without one, it is a test server's); for one that may not, what it is. */
  readonly hint?: string;
  /** What the window calls it, where not "<label> address": "Jira site" for Tempo Timesheets. */
  readonly label?: string;
  /** The only hosts the secret may go to, beside a server on this computer; absent: the address the person gives. */
  readonly secretHosts?: SecretHosts;
}

/** A service whose secret works on its own API hosts only, which are known (Clockify's). */
export interface SecretHosts {
  /** The service's domain: an address there that is not one of `hosts` is a web page or a look-alike. */
  readonly domain: string;
  /** Its API hosts; `subdomains`: every host below the domain is one (a Jira Cloud site, `<site>.atlassian.net`). */
  readonly hosts: readonly string[] | 'subdomains';
  /** The addresses to use instead, in words. */
  readonly instead: string;
  /**
   * How the API's address is written, after "<label>'s API is at <instead>, ", for one of its hosts given over http, on
   * another port or with more after it (its documentation's path pasted, say); without it, "over https and with nothing after it".
   */
  readonly form?: string;
  /** Whose addresses they are, where not the back end's: "Jira Cloud" for Tempo Timesheets' site. */
  readonly service?: string;
  /** The secret that goes there, where not the back end's own: Tempo Timesheets' site gets the Jira API token. */
  readonly secret?: string;
}

/** The person's e-mail: `email` in a profile, `--email` on the command line. */
export interface EmailField {
  readonly kind: 'email';
  /** What the back end calls it in a message about the field: "login", "e-mail". */
  readonly word: string;
  /** The window's label and hint. */
  readonly label: string;
  readonly hint: string;
  /** What it is, for `--help` and the extension's form: "your Clockodo login". */
  readonly usage: string;
  /** Why it is needed, where the command line leaves it out. */
  readonly needed: string;
}

/** A workspace by id or name, the person's active one without it: `workspace`, `--workspace`. */
export interface WorkspaceField {
  readonly kind: 'workspace';
}

/**
 * The account of the service's, by its number, where one person's secret reaches several (Harvest's accounts):
 * `account_id`, `--account-id`; without it, the only one the secret reaches.
 */
export interface AccountIdField {
  readonly kind: 'account_id';
  /** What it is, for `--help`, the window's hint and the extension's form. */
  readonly usage: string;
}

/** A self-hosted server's TLS options: `caFile` and `allowInsecureTls`, `--ca-file` and `--allow-insecure-tls`. */
export interface TlsField {
  readonly kind: 'tls';
}

/**
 * The address of the back end's own API where `url` is another service's site (Tempo Timesheets' API, `tempoUrl`,
 * beside the Jira site): under its own key in a profile, `--<key in kebab case>` on the command line. The back end's
 * secret goes there and nowhere else (its `secretHosts`); the site gets the second secret alone.
 */
export interface ServiceUrlField {
  readonly kind: 'service_url';
  /** Its key in a profile: `tempoUrl`. */
  readonly key: string;
  /** The service's name in a sentence about the field: "Tempo". */
  readonly service: string;
  readonly default: string;
  readonly example: string;
  /** What the address is, for `--help` and the extension's form. */
  readonly usage: string;
  /** The addresses the window offers as a choice, the default first, with how each is shown. */
  readonly choices: ReadonlyArray<{ readonly url: string; readonly label: string }>;
  readonly secretHosts: SecretHosts;
}

/**
 * Values the person books with unless a call says otherwise, by the name of the field they fill (Tempo Timesheets'
 * work attributes, `workAttributes`: `{"Work Type": "Development"}`): only in config.json and the team server's
 * config, no flag and no screen, under its own key.
 */
export interface FieldDefaultsField {
  readonly kind: 'field_defaults';
  /** Its key in a profile: `workAttributes`. */
  readonly key: string;
}

/** Kimai's lockdown of past periods, in the words of its own settings (contract/kimai-lockdown.ts): `lockdown`. */
export interface LockdownRule {
  readonly kind: 'lockdown';
}

export type UnpublishedRule = LockdownRule;

export interface SecretDescriptor {
  /** What the back end calls it: "API token", "API key". */
  readonly name: string;
  /**
   * The person's own (they are whoever it belongs to), or the organisation's (one key for everyone:
   * each request names the person, and the team server takes it from its environment).
   */
  readonly whose: 'person' | 'organisation';
  /** What its keychain account is made of beside the type: the address (one per server) or the login (one per person). */
  readonly keychainBy: 'url' | 'email';
  /** Where a person finds it: a page the app opens by its id (the window names only the id). */
  readonly help: { readonly id: string; readonly url: string };
  /** How to make one, for the team server's sign-in page (a person's own secret only). */
  readonly steps?: string;
  /** Something to know before saving it, in one sentence, or null. */
  readonly note: string | null;
}

/**
 * The second secret (Tempo Timesheets' Jira API token): the service it is for, which names its keychain item
 * (`<service in lower case>:<login or address>`) and its variable (`PUNCHCARD_<SERVICE>_TOKEN`), and where it goes
 * (the profile's `url`, with the profile's `email` as the login of HTTP Basic where the service takes one).
 */
export interface SecondSecretDescriptor {
  /** The service in a sentence and in its names: "Jira". */
  readonly service: string;
  /** What the service calls it: "API token". */
  readonly name: string;
  /** Always the person's own: an organisation's second key is not a thing any back end has. */
  readonly whose: 'person';
  /** What its keychain item is made of beside the service: the login (one per person) or the address. */
  readonly keychainBy: 'url' | 'email';
  readonly help: { readonly id: string; readonly url: string };
  /** How to make one, for the team server's sign-in page. */
  readonly steps: string;
  readonly note: string | null;
}

export interface AppDescriptor {
  /** What the back end is, in one line under its name on the Account screen. */
  readonly summary: string;
  /** How often the app asks it about timers started elsewhere (a remote back end's only). */
  readonly pollMs: number;
  /** It keeps the person's plan (targets, public holidays, leave), which whoami reports as the back end's. */
  readonly keepsPlan: boolean;
  /** Whom the person leads is asked only once the team tools are switched on; else it is known when it opens. */
  readonly teamAskedWhenSwitchedOn: boolean;
  /** Why there is no team at all, where there never is one. */
  readonly noTeam?: string;
  /** Why a back end shows no leave and no calendar at all. */
  readonly noLeave?: string;
  /** Why entries cannot be changed or deleted from the window, where the back end's API cannot. */
  readonly noEdit?: string;
  /** Why leave requests cannot be withdrawn from the window, where the back end's API cannot. */
  readonly noCancel?: string;
}

/** The kinds a descriptor's fields hold. */
type Kinds<D extends BackEndDescriptor> = D['fields'][number]['kind'];
/** The profile key of a descriptor's field of `kind` (`service_url`, `field_defaults`), or never. */
type KeyOf<D extends BackEndDescriptor, K extends 'service_url' | 'field_defaults'> = [Extract<D['fields'][number], { kind: K }>] extends [never]
  ? never
  : Extract<D['fields'][number], { kind: K }> extends { key: infer Key extends string }
    ? Key
    : never;
/** The kinds of the rules a descriptor's profile may copy. */
type RuleKinds<D extends BackEndDescriptor> = D extends { readonly unpublishedRules: readonly (infer R extends UnpublishedRule)[] } ? R['kind'] : never;

/**
 * A back end's profile as config.json holds it once checked: the type and the fields its descriptor
 * names (an address with a default is always there; a workspace and TLS options only where given), and
 * the rules it copies where given.
 */
export type ProfileOf<D extends BackEndDescriptor> = Flat<
  { type: D['type'] } & ('url' extends Kinds<D> ? { url: string } : unknown) &
    ('email' extends Kinds<D> ? { email: string } : unknown) &
    ('workspace' extends Kinds<D> ? { workspace?: string } : unknown) &
    ('account_id' extends Kinds<D> ? { account_id?: string } : unknown) &
    ('tls' extends Kinds<D> ? { caFile?: string; allowInsecureTls?: boolean } : unknown) &
    ([KeyOf<D, 'service_url'>] extends [never] ? unknown : { [K in KeyOf<D, 'service_url'>]: string }) &
    ([KeyOf<D, 'field_defaults'>] extends [never] ? unknown : { [K in KeyOf<D, 'field_defaults'>]?: Record<string, string> }) &
    ('lockdown' extends RuleKinds<D> ? { lockdown?: KimaiLockdown } : unknown)
>;

/** A profile as the window shows it: every field there, null (or false) where unset. */
export type ViewOf<D extends BackEndDescriptor> = Flat<
  { type: D['type'] } & ('url' extends Kinds<D> ? { url: string } : unknown) &
    ('email' extends Kinds<D> ? { email: string } : unknown) &
    ('workspace' extends Kinds<D> ? { workspace: string | null } : unknown) &
    ('account_id' extends Kinds<D> ? { account_id: string | null } : unknown) &
    ('tls' extends Kinds<D> ? { caFile: string | null; allowInsecureTls: boolean } : unknown) &
    ([KeyOf<D, 'service_url'>] extends [never] ? unknown : { [K in KeyOf<D, 'service_url'>]: string })
>;

type Flat<T> = { [K in keyof T]: T[K] };

export function fieldOf<K extends FieldKind>(
  descriptor: { readonly fields: readonly AccountField[] },
  kind: K,
): Extract<AccountField, { kind: K }> | undefined {
  return descriptor.fields.find((field): field is Extract<AccountField, { kind: K }> => field.kind === kind);
}

/**
 * What is wrong with an address (in its normal form) a secret would go to, or undefined. Where the back end names
 * the API hosts of a field (`secretHosts`: the `url`'s, else the field given), the secret goes to those only, or to a
 * server on this computer (a test server, a local forwarder): a typo ("api.clockify.co") or a look-alike never gets
 * it, and neither does the service's web app on its own domain.
 */
export function secretHostProblem(
  descriptor: BackEndDescriptor,
  url: string,
  field: UrlField | ServiceUrlField | undefined = fieldOf(descriptor, 'url'),
): string | undefined {
  const rule = field?.secretHosts;
  if (!rule || !field) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `an http(s) address such as ${field.example}`;
  }
  const host = parsed.hostname.toLowerCase();
  const label = rule.service ?? descriptor.label;
  const below = host.endsWith(`.${rule.domain}`);
  if (host === rule.domain || below) {
    const known = rule.hosts === 'subdomains' ? below && !host.slice(0, -rule.domain.length - 1).includes('.') : rule.hosts.includes(host);
    if (!known) return `${host} is not one of ${label}'s ${rule.hosts === 'subdomains' ? 'sites' : 'API addresses'}; use ${rule.instead}`;
    if (parsed.protocol !== 'https:' || parsed.port !== '' || (parsed.pathname !== '/' && parsed.pathname !== ''))
      return `${label}'s ${rule.hosts === 'subdomains' ? 'site' : 'API'} is at ${rule.instead}, ${rule.form ?? 'over https and with nothing after it'}`;
    return undefined;
  }
  if (isLoopback(host)) return undefined;
  const where = rule.hosts === 'subdomains' ? `${label} sites` : `${label}'s API addresses`;
  return `Punchcard sends your ${label} ${rule.secret ?? descriptor.secret?.name} only to ${where} (or to a server on this computer), and ${host} is not one; use ${rule.instead}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The keychain account of a back end's secret: `<type>:<address>` for a secret per server or
 * organisation (Kimai's personal API token, Calamari's organisation key, Clockify's personal key, the
 * person being whoever it belongs to), `<type>:<e-mail>` for one per login (Clockodo's). Both in their
 * normal forms, so the app, the window, the flags and the settings file agree on where it is filed.
 */
export function keychainAccount(descriptor: BackEndDescriptor, account: { readonly url?: string; readonly email?: string }): string {
  if (!descriptor.secret) throw new Error(`${descriptor.type} needs no secret.`);
  return descriptor.secret.keychainBy === 'email'
    ? `${descriptor.type}:${normalizeEmail(account.email ?? '')}`
    : `${descriptor.type}:${normalizeBaseUrl(account.url ?? '')}`;
}

/**
 * The keychain account of a back end's second secret (`secondSecret`): `<service>:<e-mail>` for one per login (a
 * Jira API token is the Atlassian account's, good on each of its sites), `<service>:<address>` for one per site; its
 * variable is then PUNCHCARD_<SERVICE>_TOKEN (credentials/env-store.ts reads the service off the account). Null where
 * the back end has one secret.
 */
export function secondKeychainAccount(descriptor: BackEndDescriptor, account: { readonly url?: string; readonly email?: string }): string | null {
  const second = descriptor.secondSecret;
  if (!second) return null;
  const service = second.service.toLowerCase();
  return second.keychainBy === 'email' ? `${service}:${normalizeEmail(account.email ?? '')}` : `${service}:${normalizeBaseUrl(account.url ?? '')}`;
}
