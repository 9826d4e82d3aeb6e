// What the team server tells about itself as it works, behind one small interface, so that team/,
// auth/ and http/ each say "this happened" in one line and never know how it is counted. Off by
// default: without `metrics.listen` every part is handed NO_METRICS, which does nothing, and
// prom-client is not even loaded. The Prometheus form lives in prometheus-metrics.ts, its listener
// in metrics-listener.ts, the route a request is counted under in route-labels.ts
// (docs/team-server/monitoring.md lists every series).

import type { EndedCall } from '../../mcp-server/for-the-team-server.ts';

/** How a tool call ended, as the metrics tell it: as the engine tells it (mcp-server/engine/run-tool.ts). */
export type ToolOutcome = EndedCall['outcome'];
/** How a sign-in ended: a person signed in, was refused (wrong credentials, not vouched for), or was held back by the limit on failures. */
export const SIGN_IN_OUTCOMES = ['signed_in', 'refused', 'limited'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];
/**
 * Why a company sign-in was refused where the server acts for people through one organisation
 * credential (auth/organisation-match.ts), or where the provider did not vouch for the address:
 * counted without names, so an administrator sees a rollout's snags (no_match: nobody in the tracker
 * has the address; several; deactivated; unverified; domain: outside allowed_domains; taken: the
 * tracker user is linked to another sign-in; non_ascii: an address that is not plain ASCII, which the organisation
 * credential is not used for).
 */
export const SIGN_IN_REFUSAL_REASONS = ['no_match', 'several', 'deactivated', 'unverified', 'domain', 'taken', 'non_ascii'] as const;
export type SignInRefusalReason = (typeof SIGN_IN_REFUSAL_REASONS)[number];
/** Which limit refused a request. */
export const LIMIT_NAMES = ['address', 'person', 'sign_in'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
/** Why the store could not serve a request. */
export const STORE_ERROR_KINDS = ['unavailable', 'newer_version'] as const;
export type StoreErrorKind = (typeof STORE_ERROR_KINDS)[number];

export interface TeamMetrics {
  httpRequest(route: string, status: number, seconds: number): void;
  toolCall(tool: string, outcome: ToolOutcome, seconds: number): void;
  /** One request to the back end: its HTTP status, or 'failed' where none came (network, deadline). */
  backEndRequest(backEnd: string, status: number | 'failed', seconds: number): void;
  rateLimited(limit: LimitName): void;
  signIn(outcome: SignInOutcome): void;
  /** A sign-in refused, by why (beside signIn('refused'), which counts every refusal). */
  signInRefused(reason: SignInRefusalReason): void;
  storeError(kind: StoreErrorKind): void;
  /** Audit records given up: past the spool's bound, or refused by the store for themselves (team/audit-writer.ts). */
  auditRecordsGivenUp(count: number): void;
  /** One request to the store, by the Store method that made it (timed-store.ts). */
  storeRequest(operation: string, seconds: number): void;
}

/** What the metrics read at each scrape rather than count as it happens. */
export interface TeamGauges {
  /** Whether this instance is ready, as /readyz answers (team/health-routes.ts). */
  ready(): Promise<boolean>;
  /** People whose engine is open on this instance now. */
  enginesOpen(): number;
  /** The store's connection pool (PostgreSQL), or undefined where it has none. */
  storePool(): { total: number; idle: number; waiting: number } | undefined;
  /** Writes kept for a back end out of reach and not yet sent, of the people whose engine is open. */
  keptWritesWaiting(): number;
  /** Audit records not in the store yet: in the spool on disk, and in memory where the spool could not be written. */
  auditRecordsWaiting(): { spooled: number; inMemory: number };
}

export const NO_METRICS: TeamMetrics = {
  httpRequest: () => {},
  toolCall: () => {},
  backEndRequest: () => {},
  rateLimited: () => {},
  signIn: () => {},
  signInRefused: () => {},
  storeError: () => {},
  auditRecordsGivenUp: () => {},
  storeRequest: () => {},
};
