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

export type AccountField = UrlField | EmailField | WorkspaceField | AccountIdField | TlsField;
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
  /** The window's hint for an address that may be left out; without one, it is a test server's. */
  readonly hint?: string;
  /** The only hosts the secret may go to, beside a server on this computer; absent: the address the person gives. */
  readonly secretHosts?: SecretHosts;
}

/** A service whose secret works on its own API hosts only, which are known (Clockify's). */
export interface SecretHosts {
  /** The service's domain: an address there that is not one of `hosts` is a web page or a look-alike. */
  readonly domain: string;
  readonly hosts: readonly string[];
  /** The addresses to use instead, in words. */
  readonly instead: string;
  /**
   * How the API's address is written, after "<label>'s API is at <instead>, ", for one of its hosts given over http, on
   * another port or with more after it (its documentation's path pasted, say); without it, "over https and with nothing after it".
   */
  readonly form?: string;
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
    ('lockdown' extends RuleKinds<D> ? { lockdown?: KimaiLockdown } : unknown)
>;

/** A profile as the window shows it: every field there, null (or false) where unset. */
export type ViewOf<D extends BackEndDescriptor> = Flat<
  { type: D['type'] } & ('url' extends Kinds<D> ? { url: string } : unknown) &
    ('email' extends Kinds<D> ? { email: string } : unknown) &
    ('workspace' extends Kinds<D> ? { workspace: string | null } : unknown) &
    ('account_id' extends Kinds<D> ? { account_id: string | null } : unknown) &
    ('tls' extends Kinds<D> ? { caFile: string | null; allowInsecureTls: boolean } : unknown)
>;

type Flat<T> = { [K in keyof T]: T[K] };

export function fieldOf<K extends FieldKind>(
  descriptor: { readonly fields: readonly AccountField[] },
  kind: K,
): Extract<AccountField, { kind: K }> | undefined {
  return descriptor.fields.find((field): field is Extract<AccountField, { kind: K }> => field.kind === kind);
}

/**
 * What is wrong with an address (in its normal form) the back end's secret would go to, or undefined.
 * Where the back end names its API hosts (`secretHosts`), the secret goes to those only, or to a
 * server on this computer (a test server, a local forwarder): a typo ("api.clockify.co") or a
 * look-alike never gets it, and neither does the service's web app on its own domain.
 */
export function secretHostProblem(descriptor: BackEndDescriptor, url: string): string | undefined {
  const rule = fieldOf(descriptor, 'url')?.secretHosts;
  if (!rule) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `an http(s) address such as ${fieldOf(descriptor, 'url')?.example}`;
  }
  const host = parsed.hostname.toLowerCase();
  const { label } = descriptor;
  if (host === rule.domain || host.endsWith(`.${rule.domain}`)) {
    if (!rule.hosts.includes(host)) return `${host} is not one of ${label}'s API addresses; use ${rule.instead}`;
    if (parsed.protocol !== 'https:' || parsed.port !== '' || (parsed.pathname !== '/' && parsed.pathname !== ''))
      return `${label}'s API is at ${rule.instead}, ${rule.form ?? 'over https and with nothing after it'}`;
    return undefined;
  }
  if (isLoopback(host)) return undefined;
  return `Punchcard sends your ${label} ${descriptor.secret?.name} only to ${label}'s API addresses (or to a server on this computer), and ${host} is not one; use ${rule.instead}`;
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
