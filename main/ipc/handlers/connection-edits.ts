// What the Account screen does to the settings' connections (docs/using-the-app.md, "Several connections"), as pure
// changes of Settings: add, make default, rename, remove. `provider` is the default connection and
// `trackers` the others (contract/connections.ts); every change keeps the names unique and the count
// within MAX_CONNECTIONS, and refuses in a sentence the person can act on. The keychain and the
// folders are the handler's (connections.ts).
import {
  connectionsOf,
  MAX_CONNECTIONS,
  profileOfConnection,
  type Connection,
  type TrackerProfile,
  type WeekHours,
} from '../../../mcp-server/contract/connections.ts';
import type { Settings } from '../../../mcp-server/contract/settings.ts';
import { connectionNameSentence } from '../../../mcp-server/contract/connection-names.ts';
import { UserFacingError } from '../dispatch.ts';

/** Every connection's name, the default first. */
export function connectionNames(settings: Settings): string[] {
  return connectionsOf(settings).map((connection) => connection.name);
}

/** The connection called `name`, or a refusal naming the ones there are. */
export function connectionNamed(settings: Settings, name: string): Connection {
  const connections = connectionsOf(settings);
  const found = connections.find((connection) => connection.name === name);
  if (!found) throw new UserFacingError(`There is no connection called "${name}". The connections are ${connections.map((each) => each.name).join(', ')}.`);
  return found;
}

/** The settings with `added` in `trackers`, after the ones there. */
export function withAdded(settings: Settings, added: readonly TrackerProfile[]): Settings {
  const taken = connectionNames(settings);
  if (taken.length + added.length > MAX_CONNECTIONS) {
    throw new UserFacingError(
      `Punchcard holds at most ${MAX_CONNECTIONS} connections; there ${taken.length === 1 ? 'is 1' : `are ${taken.length}`}, so ${MAX_CONNECTIONS - taken.length} more fit.`,
    );
  }
  for (const { name } of added) {
    const problem = connectionNameSentence(name, taken);
    if (problem) throw new UserFacingError(problem);
    taken.push(name);
  }
  return { ...settings, trackers: [...(settings.trackers ?? []), ...added] };
}

/**
 * The settings with `name` as the default: its profile goes into `provider` (with its name), and the
 * old default takes its place in `trackers`, keeping its name (its type where it had none). No data
 * moves: each connection keeps its own files.
 */
export function withDefault(settings: Settings, name: string): Settings {
  const chosen = connectionNamed(settings, name);
  if (chosen.isDefault) return settings;
  const oldDefault = connectionNamed(settings, connectionNames(settings)[0] as string);
  // Each keeps its own week, where it has one, wherever it now stands.
  const formerDefault = profileOfConnection(oldDefault);
  return {
    ...settings,
    provider: profileOfConnection(chosen) as Settings['provider'],
    trackers: (settings.trackers ?? []).map((tracker) => (tracker.name === name ? formerDefault : tracker)),
  };
}

/** The settings with the connection `from` called `to`. */
export function withRenamed(settings: Settings, from: string, to: string): Settings {
  const renamed = connectionNamed(settings, from);
  if (from === to) return settings;
  const problem = connectionNameSentence(
    to,
    connectionNames(settings).filter((name) => name !== from),
  );
  if (problem) throw new UserFacingError(problem);
  if (renamed.isDefault) return { ...settings, provider: { ...settings.provider, name: to } };
  return { ...settings, trackers: (settings.trackers ?? []).map((tracker) => (tracker.name === from ? { ...tracker, name: to } : tracker)) };
}

/** The settings without the connection `name`; the default stays while others exist (where else would calls go?). */
export function withRemoved(settings: Settings, name: string): Settings {
  const removed = connectionNamed(settings, name);
  if (removed.isDefault) {
    const others = connectionNames(settings).slice(1);
    if (others.length === 0) throw new UserFacingError(`"${name}" is the only connection: choose another back end for it instead of removing it.`);
    throw new UserFacingError(
      `"${name}" is the default connection, where every call that names no connection goes, so it stays while there are others: make ${others.length === 1 ? `"${others[0]}"` : 'another one'} the default first.`,
    );
  }
  const trackers = (settings.trackers ?? []).filter((tracker) => tracker.name !== name);
  // The key leaves with the last one (settings-store.ts removes it from the file): no trackers is one connection, as today.
  const { trackers: _gone, ...rest } = settings;
  return trackers.length > 0 ? { ...rest, trackers } : rest;
}

/**
 * The settings with the connection `name` held to `week` of its own, or (null) to the settings' week, which it then
 * shares with the other connections that have none (docs/several-trackers.md, "A week per connection").
 */
export function withWeek(settings: Settings, name: string, week: WeekHours | null): Settings {
  const { workWeek: _before, ...changed } = connectionNamed(settings, name);
  const profile = profileOfConnection(week === null ? changed : { ...changed, workWeek: week });
  if (changed.isDefault) {
    // The default keeps its name as the settings had it: none where its type stood in.
    const { name: _name, ...unnamed } = profile;
    return { ...settings, provider: (settings.provider.name === undefined ? unnamed : profile) as Settings['provider'] };
  }
  return { ...settings, trackers: (settings.trackers ?? []).map((tracker) => (tracker.name === name ? profile : tracker)) };
}
