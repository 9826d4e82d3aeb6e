// The people's engines as the team server wires them (person-engines.ts): each write recorded in the
// audit log before its answer leaves, each call and back-end request counted for the metrics, and the back end's requests
// held to the organisation's limit where it has one (Calamari's).
import type { ServerConfig } from '../config/server-config.ts';
import {
  callDeadlineOf,
  holidayCalendar,
  type Log,
  ON_THE_TEAM_SERVER,
  organisationGate,
  type PolicyFiles,
  type RequestGate,
  type Wait,
} from '../../mcp-server/for-the-team-server.ts';
import type { CalendarAccess } from '../auth/calendar/calendar-access.ts';
import { openCredentials } from '../auth/credentials.ts';
import type { ServerKeys } from '../auth/server-keys.ts';
import { observedGate } from '../metrics/open-metrics.ts';
import type { TeamMetrics } from '../metrics/team-metrics.ts';
import type { Store } from '../store/store.ts';
import { auditRecord } from './audit.ts';
import { companyCalendarEvidence } from './company-calendar-evidence.ts';
import type { AuditWriter } from './audit-writer.ts';
import { PersonEngines } from './person-engines.ts';

export interface TeamEnginesOptions {
  config: ServerConfig;
  env: NodeJS.ProcessEnv;
  /** The tracker credential that acts for people (sign_in.organisation's, or Calamari's), read at start. */
  organisationKey: string | undefined;
  dataDir: string;
  store: Store;
  keys: ServerKeys;
  policy: PolicyFiles;
  auditLog: AuditWriter;
  metrics: TeamMetrics;
  now: () => number;
  /** The server's public origin (public_url's). */
  origin: string;
  /** The people's company calendar access (sign-in-mount.ts, made after the engines); undefined where it is off. */
  calendarAccess: () => CalendarAccess | undefined;
  /** How a request waits out a short hold of the organisation's limit, on `now`'s clock (Node's timer by default). */
  wait?: Wait | undefined;
  log: Log;
}

export function teamEngines({
  config,
  env,
  organisationKey,
  dataDir,
  store,
  keys,
  policy,
  auditLog,
  metrics,
  origin,
  calendarAccess,
  now,
  wait,
  log,
}: TeamEnginesOptions): PersonEngines {
  // The company calendar is the one evidence the server reads, for everyone once the administrator set it up.
  const companyCalendar = config.evidence?.company_calendar;
  // Every write is made through the organisation's credential where the server holds one to act for people.
  const via = organisationKey === undefined ? undefined : ('organisation' as const);
  return new PersonEngines({
    config,
    dataDir,
    store,
    keys,
    policy,
    holidaysOf: holidayCalendar(log),
    callDeadlineMs: callDeadlineOf(env),
    findPerson: (id) => store.person(id),
    credentials: async (person) => openCredentials(keys.atRest, person),
    env,
    organisationKey,
    audit: (caller, call) => auditLog.append(auditRecord(caller, call, now(), via)),
    afterCall: (call) => metrics.toolCall(call.tool, call.outcome, call.seconds),
    ...(companyCalendar
      ? {
          evidenceOf: (personId: string) => companyCalendarEvidence(personId, { access: calendarAccess, apiUrl: companyCalendar.api_url, store, origin, log }),
        }
      : {}),
    ...requestGateOf(config, store, metrics, now, wait),
    now,
    log,
  });
}

/** The gate every request to the back end passes: Calamari's organisation limit, and the metrics' count. */
function requestGateOf(config: ServerConfig, store: Store, metrics: TeamMetrics, now: () => number, wait: Wait | undefined): { requestGate?: RequestGate } {
  const organisation =
    config.provider.type === 'calamari'
      ? organisationGate({
          ledger: store,
          counter: `calamari:${config.provider.url}`,
          service: 'Calamari',
          allowance: { perHour: config.limits.calamari_requests_per_hour, perDay: config.limits.calamari_requests_per_day },
          sharedBy: ON_THE_TEAM_SERVER,
          now,
          ...(wait ? { wait } : {}),
        })
      : undefined;
  const gate = observedGate(organisation, config.provider.type, metrics);
  return gate ? { requestGate: gate } : {};
}
