// Whether the metrics are served where other machines reach them without the config saying it is
// meant: they tell anyone who can read them who is busy and how much (people's counts, tools,
// errors), so an address beyond loopback must be chosen, not typed by accident. `admin check` fails
// on it and `serve` warns at start.
import { isLoopbackHost, parseListen, type ServerConfig } from '../config/server-config.ts';

/** The sentence warning of metrics other machines reach without `metrics.public`, or undefined. */
export function unmeantMetricsExposure(metrics: ServerConfig['metrics']): string | undefined {
  const listen = metrics?.listen;
  if (listen === undefined || metrics?.public === true) return undefined;
  const address = parseListen(listen);
  if (typeof address === 'string' || isLoopbackHost(address.host)) return undefined;
  return (
    `the metrics at ${listen} are reachable from other machines, and tell anyone there who is busy and how much (people's counts, tools, errors). ` +
    'Listen on 127.0.0.1, or keep the port to Prometheus (a firewall, a NetworkPolicy) and set "metrics": { "public": true } to say it is meant (docs/team-server/monitoring.md)'
  );
}
