// The team server's configuration file (`serve --config server.json`, docs/team-server/README.md). Its
// key names are a contract: administrators' documents and outside tests use them, so they are the
// file's own snake_case and never renamed. Unknown keys are refused (a typo must not quietly leave a
// protection off), and every refusal names the key it is about, what was found there and what is
// expected (contract/issue-words.ts), with the example a key's `.meta({ examples })` gives (or its default).
import * as z from 'zod/v4';
import { fieldSchemas, HolidayRegionSchema, ruleSchemas, WorkWeekSchema } from '../../mcp-server/contract/settings.ts';
import { isHttpUrl } from '../../mcp-server/contract/back-end-accounts.ts';
import { BACK_ENDS, backEndOf, type BackEndProfile } from '../../mcp-server/contract/back-ends.ts';
import type { BackEndDescriptor } from '../../mcp-server/contract/back-end-descriptor.ts';
import { parsePostgresAddress } from './postgres-address.ts';
import { isValidTimeZone } from '../../mcp-server/contract/time-zone.ts';
import { TOOL_GROUPS, TOOL_NAMES } from '../../mcp-server/contract/tool-catalog.ts';
import { WORKING_TIME_RULES } from '../../mcp-server/contract/working-time.ts';

/** A host name or address that only this computer reaches. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The back end, as config.json names it, less what belongs to each person: Clockodo's login and
 * Calamari's employee are whoever signs in (their verified e-mail), never one fixed in the file. The
 * rules a back end's API does not show are copied as in config.json (its descriptor's
 * `unpublishedRules`): under one organisation credential, which passes them, people are held to them so.
 */
const ServerProviderSchema = z.discriminatedUnion(
  'type',
  BACK_ENDS.map((backEnd) =>
    z.strictObject(
      Object.assign(
        { type: z.literal(backEnd.type) },
        ...backEnd.fields.filter((field) => field.kind !== 'email').map((field) => fieldSchemas(backEnd, field)),
        ...backEnd.unpublishedRules.map(ruleSchemas),
      ),
    ),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<ServerProvider>;
export type ServerProvider = BackEndProfile extends infer P ? (P extends BackEndProfile ? Omit<P, 'email'> : never) : never;

/** An environment variable's name: what `key_env` and `client_secret_env` hold (never the value). */
const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'the name of an environment variable, such as PUNCHCARD_SERVER_KEY (not its value)');

const OidcSchema = z.strictObject({
  /** The identity provider's issuer; its discovery document is read from there. */
  issuer: z
    .url({ protocol: /^https?$/, error: "the identity provider's issuer, such as https://login.example.com" })
    .meta({ examples: ['https://login.example.com'] }),
  client_id: z
    .string()
    .min(1)
    .max(500)
    .meta({ examples: ['punchcard'] }),
  client_secret_env: variableName.meta({ examples: ['PUNCHCARD_OIDC_SECRET'] }).optional(),
  /** Only e-mail addresses of these domains may sign in (empty: any the provider vouches for). */
  allowed_domains: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com')
        .meta({ examples: ['example.com'] }),
    )
    .max(50)
    .optional(),
});

/**
 * One organisation credential of the tracker acts for every person the company's identity provider
 * vouches for (docs/team-server/README.md, "One organisation credential"): the variable that holds it,
 * and on Clockodo the owner's login that goes with its API key.
 */
const OrganisationSchema = z.strictObject({
  key_env: variableName.meta({ examples: ['PUNCHCARD_ORGANISATION_KEY'] }),
  user: z
    .email('the login (an e-mail address) of the account the key belongs to, such as owner@example.com')
    .meta({ examples: ['owner@example.com'] })
    .optional(),
});

/** The back ends whose one organisation credential may act for each person (sign_in.organisation), as their descriptors say. */
export const ORGANISATION_BACK_ENDS: readonly BackEndDescriptor[] = BACK_ENDS.filter(
  (backEnd: BackEndDescriptor) => backEnd.organisationCredential !== undefined,
);

const SignInSchema = z
  .strictObject({
    /** People sign in with their own tracker credentials (Kimai, Clockodo, Clockify). */
    tracker: z.boolean().default(false),
    /** The company's OpenID provider (required for Calamari and for `organisation`, optional in front of tracker sign-in). */
    oidc: OidcSchema.optional(),
    /** The tracker's organisation credential acts for each person the company's sign-in vouches for; nobody gives their own. */
    organisation: OrganisationSchema.optional(),
    /** A name is enough: for trying the server on this computer only; refused unless public_url is loopback. */
    development: z.boolean().default(false),
  })
  .refine(
    (signIn) => signIn.tracker || signIn.oidc !== undefined || signIn.development,
    'name at least one way to sign in: "tracker": true, "oidc": {…} or, on this computer only, "development": true',
  )
  .meta({ examples: [{ tracker: true }] });

/** The settings every person on the server gets (what config.json holds on a desktop). */
const PeopleSettingsSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine((zone) => zone === '' || isValidTimeZone(zone), "a time zone such as Europe/Berlin, or empty for the server's")
      .meta({ examples: ['Europe/Berlin'] })
      .optional(),
    work_week: WorkWeekSchema.strict().optional(),
    holidays: HolidayRegionSchema.strict().nullable().optional(),
    leave: z
      .strictObject({
        annual_days: z
          .number()
          .min(0)
          .max(366)
          .meta({ examples: [30] }),
        carry_over_days: z.number().min(0).max(366).default(0),
        /** The local timesheet may hold vacation beyond the balance (each request still asks or needs beyond_balance). */
        allow_beyond_balance: z.boolean().default(false),
      })
      .optional(),
    /** The working-time rules every person is checked under (docs/working-time.md); absent: off. */
    working_time: z.strictObject({ rules: z.enum(WORKING_TIME_RULES) }).optional(),
    tools: z
      .strictObject({
        read_only: z.boolean().default(false),
        groups: z.partialRecord(z.enum(TOOL_GROUPS), z.boolean()).default({}),
        enabled: z.partialRecord(z.enum(TOOL_NAMES), z.boolean()).default({}),
      })
      .optional(),
  })
  .meta({ examples: [{ timezone: 'Europe/Berlin' }] });

/** Per-minute limits; the defaults suit a company of thousands behind one address (docs/team-server/README.md, "Configuration"). */
const LimitsSchema = z.strictObject({
  /** MCP requests a person may send a minute. */
  requests_per_person_per_minute: z.number().int().min(1).max(100_000).default(300),
  /** Requests of any kind one address may send a minute (a company's NAT holds many people). */
  requests_per_address_per_minute: z.number().int().min(1).max(1_000_000).default(3_000),
  /** Failed sign-ins one address may make in fifteen minutes before it must wait. */
  failed_sign_ins_per_address: z.number().int().min(1).max(1_000).default(10),
  /**
   * Calamari's request limits, which count for the whole organisation: every person's requests are
   * counted together and none is sent past them (docs/back-ends/calamari.md, "Rate limits"). The
   * defaults are the lower of the two sets Calamari publishes; an organisation on the higher one
   * raises them.
   */
  calamari_requests_per_hour: z.number().int().min(1).max(100_000).default(720),
  calamari_requests_per_day: z.number().int().min(1).max(1_000_000).default(2_880),
});

/** How long a refresh token may be used again after its first use, by default and at most. */
export const DEFAULT_REFRESH_GRACE_SECONDS = 10;
export const MAX_REFRESH_GRACE_SECONDS = 60;
const REFRESH_GRACE_WORDS = `a whole number of seconds from 0 (off: a refresh token used twice revokes its client's sign-in at once) to ${MAX_REFRESH_GRACE_SECONDS}`;

/** Every limit at its default (a config that names none, the development server). */
/**
 * The company calendar as evidence (docs/team-server/company-calendar.md): each person's own calendar,
 * read with their own read-only grant from the company's identity provider, so it needs sign_in.oidc.
 * Absent, it is off.
 */
const CompanyCalendarSchema = z.strictObject({
  provider: z.enum(['microsoft', 'google'], { error: '"microsoft" (Microsoft 365, through Graph) or "google" (Google Workspace, through the Calendar API)' }),
  /** Graph's or the Calendar API's root, for a sovereign cloud (or the tests); HTTPS only. */
  api_url: z
    .url({ protocol: /^https$/, error: "an https:// address, such as https://graph.microsoft.us/v1.0: a person's calendar crosses the network" })
    .meta({ examples: ['https://graph.microsoft.com/v1.0'] })
    .optional(),
});

const EvidenceSchema = z.strictObject({ company_calendar: CompanyCalendarSchema.optional() });

export function defaultLimits(): ServerConfig['limits'] {
  return LimitsSchema.parse({});
}

export const ServerConfigSchema = z
  .strictObject({
    /** Where people reach the server, as their browser and AI client see it: an origin. */
    public_url: z.string().meta({ examples: ['https://punchcard.example.com'] }),
    /** The address and port to listen on, behind the reverse proxy. */
    listen: z.string().default('127.0.0.1:8787'),
    provider: ServerProviderSchema,
    sign_in: SignInSchema,
    /** `sqlite:/path/server.db` (the embedded store, one instance) or `postgres://user@host:5432/db` (several instances). */
    store: z
      .string()
      .regex(
        /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
        'sqlite: and the path of the database file (sqlite:/var/lib/punchcard/server.db), or a PostgreSQL address (postgres://punchcard@db.example.com:5432/punchcard)',
      )
      .meta({ examples: ['sqlite:/var/lib/punchcard/server.db'] }),
    /** How to reach PostgreSQL: the password's variable, TLS, the pool. */
    postgres: z
      .strictObject({
        password_env: variableName.meta({ examples: ['PUNCHCARD_DB_PASSWORD'] }).optional(),
        /** `verify-full` (the default): encrypted and the certificate checked; `require`: encrypted; `disable`: a database on this computer only. */
        tls: z.enum(['verify-full', 'require', 'disable']).default('verify-full'),
        /** A PEM file with the CA that signed the database's certificate. */
        ca_file: z
          .string()
          .min(1)
          .meta({ examples: ['/etc/punchcard/db-ca.pem'] })
          .optional(),
        /** Connections each instance keeps (several instances together must stay under the database's max_connections). */
        pool_size: z.number().int().min(1).max(200).default(10),
      })
      .optional(),
    /**
     * Where the other instances reach this one (http://10.0.0.5:8787): a 2025-era session lives in the
     * instance that opened it, and another instance handed one of its requests passes it there.
     * Default: the listen address, or this machine's first network address where it listens on all.
     */
    instance_url: z
      .string()
      .trim()
      .refine(
        (text) => isHttpUrl(text) && new URL(text).pathname === '/' && !/\/$/.test(text),
        'an address without a path where the other instances reach this one, such as http://10.0.0.5:8787',
      )
      .meta({ examples: ['http://10.0.0.5:8787'] })
      .optional(),
    /** Where people's local timesheets are kept; default: the store file's folder (a postgres:// store needs none). */
    data_dir: z
      .string()
      .min(1)
      .meta({ examples: ['/var/lib/punchcard'] })
      .optional(),
    key_env: variableName.meta({ examples: ['PUNCHCARD_SERVER_KEY'] }),
    /**
     * Web pages (origins) of browser-based MCP clients that may call /mcp besides the server's own:
     * any other page that sends an Origin is refused (team-server/http/browser-origins.ts).
     */
    allowed_origins: z
      .array(
        z
          .string()
          .superRefine((text, context) => {
            const problem = allowedOriginProblem(text);
            if (problem) context.addIssue({ code: 'custom', message: problem });
          })
          .meta({ examples: ['https://chat.example.com'] })
          .transform((text) => (URL.canParse(text) ? new URL(text).origin : text)),
      )
      .max(50)
      .default([]),
    /** Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges. */
    trusted_proxies: z
      .array(
        z
          .string()
          .min(1)
          .max(64)
          .meta({ examples: ['127.0.0.1'] }),
      )
      .max(100)
      .default([]),
    /**
     * How long a refresh token may be used again after its first use (a client's parallel refreshes,
     * Gemini CLI's at start): each gets tokens. Later, a second use revokes the grant, as a stolen
     * token's reuse. 0 turns the grace off.
     */
    refresh_token_grace_seconds: z
      .number(REFRESH_GRACE_WORDS)
      .int(REFRESH_GRACE_WORDS)
      .min(0, REFRESH_GRACE_WORDS)
      .max(MAX_REFRESH_GRACE_SECONDS, REFRESH_GRACE_WORDS)
      .default(DEFAULT_REFRESH_GRACE_SECONDS),
    settings: PeopleSettingsSchema.default({}),
    /** What the server may read to draft a person's entries, beside their tracker (absent: nothing more). */
    evidence: EvidenceSchema.optional(),
    limits: LimitsSchema.default(() => LimitsSchema.parse({})),
    /**
     * Prometheus metrics (docs/team-server/monitoring.md): off unless `listen` names an address of
     * their own, never the one people reach (`listen` above). `public: true` says an address other
     * machines reach (a pod's, 0.0.0.0) is meant: admin check fails on one without it.
     */
    metrics: z
      .strictObject({
        listen: z
          .string()
          .meta({ examples: ['127.0.0.1:9464'] })
          .optional(),
        public: z.boolean().optional(),
      })
      .optional(),
  })
  .superRefine((config, context) => {
    const postgres = /^postgres(ql)?:\/\//.test(config.store);
    if (postgres) {
      const address = parsePostgresAddress(config.store);
      if (typeof address === 'string') context.addIssue({ code: 'custom', path: ['store'], message: address });
      if (!backEndOf(config.provider.type).remote) {
        context.addIssue({
          code: 'custom',
          path: ['store'],
          message: `${backEndOf(config.provider.type).inSentence} keeps each person's entries in a file of one instance, so it runs on one instance with the sqlite: store; PostgreSQL is for the remote back ends`,
        });
      }
      const tls = config.postgres?.tls ?? 'verify-full';
      if (typeof address !== 'string' && tls === 'disable' && !address.socket && !isLoopbackHost(address.host)) {
        context.addIssue({
          code: 'custom',
          path: ['postgres', 'tls'],
          message:
            '"disable" sends the password and everything stored unencrypted, so it is accepted only for a database on this computer (127.0.0.1, or its Unix socket: ?host=/run/postgresql)',
        });
      }
      if (typeof address !== 'string' && address.socket && tls !== 'disable') {
        context.addIssue({
          code: 'custom',
          path: ['postgres', 'tls'],
          message: `"disable" for a Unix socket (${address.host}): PostgreSQL offers no TLS on one, and a socket is on this computer; "${tls}" would fail every connection`,
        });
      }
    } else if (config.postgres) {
      context.addIssue({ code: 'custom', path: ['postgres'], message: 'goes with a postgres:// store' });
    }
    const origin = publicOriginProblem(config.public_url);
    if (origin) context.addIssue({ code: 'custom', path: ['public_url'], message: origin });
    const listen = parseListen(config.listen);
    if (typeof listen === 'string') context.addIssue({ code: 'custom', path: ['listen'], message: listen });
    const metricsListen = config.metrics?.listen === undefined ? undefined : parseListen(config.metrics.listen);
    if (typeof metricsListen === 'string') context.addIssue({ code: 'custom', path: ['metrics', 'listen'], message: metricsListen });
    else if (metricsListen && typeof listen !== 'string' && metricsListen.port !== 0 && metricsListen.port === listen.port) {
      context.addIssue({
        code: 'custom',
        path: ['metrics', 'listen'],
        message: `an address of its own, not the port people reach (${config.listen}): the metrics are for your Prometheus, never served to the internet`,
      });
    }
    const loopback = origin === undefined && isLoopbackHost(new URL(config.public_url).hostname);
    if (config.sign_in.development && !loopback) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'development'],
        message: 'a development sign-in lets anyone in by typing a name, so it is refused unless public_url is on this computer (http://127.0.0.1:…)',
      });
    }
    if (config.sign_in.development && typeof listen !== 'string' && !isLoopbackHost(listen.host)) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'development'],
        message: 'a development sign-in is refused unless listen is a loopback address (127.0.0.1)',
      });
    }
    // An issuer that is no address was refused above; the refinements run all the same (its issue lets them).
    if (config.sign_in.oidc && URL.canParse(config.sign_in.oidc.issuer)) {
      const issuer = new URL(config.sign_in.oidc.issuer);
      if (issuer.protocol === 'http:' && !isLoopbackHost(issuer.hostname)) {
        context.addIssue({
          code: 'custom',
          path: ['sign_in', 'oidc', 'issuer'],
          message: 'an https:// issuer: the sign-in crosses the network (http:// only for a provider on this computer)',
        });
      }
    }
    if (config.evidence?.company_calendar && !config.sign_in.oidc) {
      context.addIssue({
        code: 'custom',
        path: ['evidence', 'company_calendar'],
        message:
          "the company calendar is read with each person's own grant from the company's identity provider, so it needs sign_in.oidc (the provider people sign in with)",
      });
    }
    // Who signs in follows whose secret it is: a person's own (tracker sign-in, maybe behind the
    // company's), the organisation's (the company's identity provider says who the person is), or none.
    const backEnd = backEndOf(config.provider.type);
    const secret = backEnd.secret;
    if (secret?.whose === 'organisation' && !config.sign_in.oidc) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'oidc'],
        message: `${backEnd.label}'s ${secret.name} is the organisation's, so people must sign in with the company's identity provider (sign_in.oidc); Punchcard then acts only as the person whose verified e-mail it vouches for`,
      });
    }
    if (secret?.whose === 'organisation' && config.sign_in.tracker) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'tracker'],
        message: `${backEnd.label} has no personal credentials to sign in with (its key is the organisation's); use sign_in.oidc`,
      });
    }
    if (!secret && config.sign_in.tracker) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'tracker'],
        message: `${backEnd.inSentence} has no tracker credentials; people sign in with sign_in.oidc (or, on this computer, development)`,
      });
    }
    const organisation = config.sign_in.organisation;
    if (config.sign_in.tracker === false && config.sign_in.oidc && secret?.whose === 'person' && !organisation) {
      context.addIssue({
        code: 'custom',
        path: ['sign_in', 'tracker'],
        message: `${config.provider.type} acts with each person's own credentials: set "tracker": true (people then give theirs once, after the company sign-in), or name the organisation's credential in sign_in.organisation`,
      });
    }
    if (organisation) organisationIssues(config, organisation, context);
  });

/** What is wrong with `sign_in.organisation` under this config, each a sentence naming the key it is about. */
function organisationIssues(
  config: { provider: { type: string }; sign_in: { tracker: boolean; oidc?: unknown } },
  organisation: z.infer<typeof OrganisationSchema>,
  context: z.RefinementCtx,
): void {
  const backEnd = backEndOf(config.provider.type);
  const credential = backEnd.organisationCredential;
  if (!credential) {
    context.addIssue({
      code: 'custom',
      path: ['sign_in', 'organisation'],
      message: `${backEnd.inSentence} has no organisation account to act for people with; sign_in.organisation is for ${listed(ORGANISATION_BACK_ENDS.map((each) => each.label))}`,
    });
    return;
  }
  // Calamari's key is the organisation's already: the rules above say what it needs, once.
  const alreadySaid = credential.kind === 'key';
  if (!config.sign_in.oidc && !alreadySaid) {
    context.addIssue({
      code: 'custom',
      path: ['sign_in', 'oidc'],
      message:
        "sign_in.organisation needs the company's identity provider (sign_in.oidc): people are matched to their tracker account by the e-mail it verifies",
    });
  }
  if (config.sign_in.tracker && !alreadySaid) {
    context.addIssue({
      code: 'custom',
      path: ['sign_in', 'tracker'],
      message: `sign_in.organisation acts for each person with the organisation's credential, so nobody gives their own: leave out "tracker": true, or sign_in.organisation`,
    });
  }
  const withLogin = credential.kind === 'account' && credential.withLogin;
  if (withLogin && organisation.user === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['sign_in', 'organisation', 'user'],
      message: "Clockodo's API key goes with its owner's login: the e-mail address the owner signs in to Clockodo with, such as owner@example.com",
    });
  }
  if (!withLogin && organisation.user !== undefined) {
    const whose = ORGANISATION_BACK_ENDS.filter((each) => each.organisationCredential?.kind === 'account' && each.organisationCredential.withLogin);
    context.addIssue({
      code: 'custom',
      path: ['sign_in', 'organisation', 'user'],
      message: `${backEnd.label}'s organisation credential goes with no login (only ${listed(whose.map((each) => `${each.label}'s`))} does): leave sign_in.organisation.user out`,
    });
  }
}

export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/**
 * Whether one credential of the organisation acts for people: sign_in.organisation's, or a key that is the
 * organisation's by nature (Calamari's, whose every request names the person by their verified e-mail).
 */
export function actsThroughOrganisation(config: Pick<ServerConfig, 'provider' | 'sign_in'>): boolean {
  return config.sign_in.organisation !== undefined || backEndOf(config.provider.type).secret?.whose === 'organisation';
}

/** What is wrong with public_url, or undefined: an origin, https unless it is this computer. */
export function publicOriginProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'the address people reach the server at, such as https://punchcard.example.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'an https:// address, such as https://punchcard.example.com';
  if (url.username || url.password) return 'an address without a user name or password';
  if (url.pathname !== '/' || url.search || url.hash || /\/$/.test(text)) {
    return `the server's origin only, such as ${url.origin}: Punchcard serves its own paths (/mcp, /authorize, …) from the root of its host name`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'an https:// address: tokens and sign-ins cross the network, so http:// is accepted only for an address on this computer (http://127.0.0.1:8787)';
  }
  return undefined;
}

/**
 * What is wrong with an entry of allowed_origins, or undefined: an origin as a browser sends it
 * (scheme://host[:port], nothing after it), https unless the page is on this computer.
 */
export function allowedOriginProblem(text: string): string | undefined {
  const shown = JSON.stringify(text.slice(0, 200));
  if (text.trim() === '*')
    return 'list each web page\'s origin, such as https://chat.example.com: "*" would let every site on the internet call Punchcard with a token it got hold of';
  if (text.trim() === 'null') return '"null" is what browsers send for a page that names no site (a sandboxed frame, a file), so it cannot be allowed';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${shown} is not an origin; write one as scheme://host[:port], such as https://chat.example.com`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${shown} is not a web page's origin; write one as https://host[:port], such as https://chat.example.com`;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || /\/$/.test(text)) {
    return `${shown} is not an origin: an origin is scheme://host[:port] with nothing after it, such as ${url.origin}`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `${shown}: a page served over http:// can be changed by anyone on its way and would hold people's tokens, so http:// is accepted only for a page on this computer; use https://`;
  }
  return undefined;
}

/** `listen` as a host and port, or what is wrong with it. */
export function parseListen(text: string): { host: string; port: number } | string {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || !(port >= 0 && port <= 65_535))
    return 'an address and port such as 127.0.0.1:8787 (or [::1]:8787, or 0.0.0.0:8787 to listen on every interface)';
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
