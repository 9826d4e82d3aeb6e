// The route a request is counted and logged under: the pattern of the route that answers its path
// (`/auth/:uid`, never `/auth/4dZ…`), so that a metric and a log line name the same thing and a label
// takes few values whatever addresses arrive. Each part of the server matches paths its own way, and
// so does its label: the team server's own paths and the sign-in pages exactly as written
// (team/team-app.ts, auth/sign-in/routes.ts), the authorization server's (oidc-provider) in any
// case and with one trailing slash, as its router does. Everything else is "other", so a scanner's
// guesses add no series (docs/team-server/monitoring.md lists the labels; a test keeps the two equal,
// and another the table equal to the routes the authorization server and the pages really have).

/** Which part of the server answers a route. */
export type RouteOwner = 'team server' | 'sign-in pages' | 'authorization server';

export interface RouteLabel {
  readonly label: string;
  readonly answeredBy: RouteOwner;
}

/** Every route the server answers, by its pattern (`:name` is one path segment, never empty). */
export const ROUTE_TABLE: readonly RouteLabel[] = [
  ...owned('team server', ['/mcp', '/', '/healthz', '/readyz', '/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']),
  ...owned('sign-in pages', [
    '/interaction/:uid',
    '/interaction/:uid/tracker',
    '/interaction/:uid/development',
    '/interaction/:uid/company',
    '/interaction/:uid/consent',
    '/sign-in/callback',
    '/account',
    '/account/tracker',
    '/account/development',
    '/account/company',
    '/account/sign-out',
    '/account/disconnect',
    '/account/forget',
    '/account/calendar/connect',
    '/account/calendar/callback',
    '/account/calendar/disconnect',
  ]),
  ...owned('authorization server', [
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration',
    '/auth',
    '/auth/:uid',
    '/token',
    '/token/revocation',
    '/reg',
    '/reg/:clientId',
    '/request',
    '/jwks',
    '/session/end/confirm',
  ]),
];

/** Another address under /.well-known/ (security.txt, a scanner's guess). */
export const OTHER_WELL_KNOWN = '/.well-known/other';
/** Any path no route answers. */
export const OTHER = 'other';

/** Every value the route label takes, in the order the guide lists them. */
export const ROUTE_LABELS: readonly string[] = [...ROUTE_TABLE.map((route) => route.label), OTHER_WELL_KNOWN, OTHER];

/** A route's pattern as its segments, `undefined` standing for a parameter. */
interface Pattern {
  readonly label: string;
  readonly segments: readonly (string | undefined)[];
}

const patternOf = (label: string): Pattern => ({ label, segments: label.split('/').map((segment) => (segment.startsWith(':') ? undefined : segment)) });
const exactRoutes = ROUTE_TABLE.filter((route) => route.answeredBy !== 'authorization server').map((route) => patternOf(route.label));
const foldedRoutes = ROUTE_TABLE.filter((route) => route.answeredBy === 'authorization server').map((route) => patternOf(route.label));
const exactStatic = new Map(exactRoutes.filter((route) => !route.segments.includes(undefined)).map((route) => [route.label, route.label]));
const exactDynamic = exactRoutes.filter((route) => route.segments.includes(undefined));
const foldedStatic = new Map(foldedRoutes.filter((route) => !route.segments.includes(undefined)).map((route) => [route.label, route.label]));
const foldedDynamic = foldedRoutes.filter((route) => route.segments.includes(undefined));

/** The label of the route that answers `path` (a URL's pathname, as the server parsed it). */
export function routeOf(path: string): string {
  const exact = exactStatic.get(path) ?? matchDynamic(exactDynamic, path);
  if (exact) return exact;
  // The authorization server's router ignores the case of ASCII letters and one trailing slash.
  const folded = path.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const unslashed = folded.length > 1 && folded.endsWith('/') ? folded.slice(0, -1) : undefined;
  const library =
    foldedStatic.get(folded) ??
    matchDynamic(foldedDynamic, folded) ??
    (unslashed === undefined ? undefined : (foldedStatic.get(unslashed) ?? matchDynamic(foldedDynamic, unslashed)));
  if (library) return library;
  return path.startsWith('/.well-known/') ? OTHER_WELL_KNOWN : OTHER;
}

function matchDynamic(patterns: readonly Pattern[], path: string): string | undefined {
  const segments = path.split('/');
  const found = patterns.find(
    (pattern) =>
      pattern.segments.length === segments.length &&
      pattern.segments.every((expected, index) => (expected === undefined ? segments[index] !== '' : expected === segments[index])),
  );
  return found?.label;
}

function owned(answeredBy: RouteOwner, labels: readonly string[]): RouteLabel[] {
  return labels.map((label) => ({ label, answeredBy }));
}
