// Whose targets are whose across connections (docs/several-trackers.md, "A week per connection"). A connection
// whose back end keeps targets, or that has a week of its own, is held to its own; the connections that have
// neither share the settings' one week between them: their hours together against one target, never the whole
// week once per connection (two part-time employers, two clients of one freelancer). Reports group their targets
// so, and so does anything that sets hours against targets across connections (a working-time balance). Pure.

/** A connection as the grouping sees it: its name and whether its targets are the settings' week. */
export interface WeekHolder {
  name: string;
  sharesSettingsWeek: boolean;
}

/** Connections held to one target: one connection alone, or every connection that shares the settings' week. */
export interface TargetGroup {
  /** Their names, in the order given (the settings': the default first). */
  trackers: string[];
  /** They share the settings' week; false for a connection held to its own targets. */
  shared: boolean;
}

/**
 * The connections in target groups, in the order given: each connection with targets of its own is a group of its
 * own; those that share the settings' week are one group, where the first of them stands. One connection that shares
 * the week with nobody is simply held to it, as a group of one.
 */
export function targetGroups(holders: readonly WeekHolder[]): TargetGroup[] {
  const sharing = holders.filter((holder) => holder.sharesSettingsWeek).map((holder) => holder.name);
  const groups: TargetGroup[] = [];
  for (const holder of holders) {
    if (!holder.sharesSettingsWeek) groups.push({ trackers: [holder.name], shared: false });
    else if (holder.name === sharing[0]) groups.push({ trackers: sharing, shared: sharing.length > 1 });
  }
  return groups;
}

/**
 * One target for connections that share the settings' week, from each one's target of the same days. Each counts the
 * same week and the same public holidays, and differs only by the leave it records: the least of them counts, so a day
 * off in one is a day off of the week they share. Null where any has none (a report of one project).
 */
export function sharedTarget(targets: ReadonlyArray<number | null | undefined>): number | null {
  if (targets.length === 0 || targets.some((target) => typeof target !== 'number')) return null;
  return Math.min(...(targets as number[]));
}
