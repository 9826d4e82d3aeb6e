// One connection as the call path sees it (docs/several-trackers.md): its name, whether it is the
// default, the contexts its calls run in, and what it offers. Each is one engine's (engine.ts); the
// default's engine holds the others' views and hands them to the servers it makes.
import type { Refusal } from '../../contract/outcomes/refusals.ts';
import type { ToolName } from '../../contract/tool-catalog.ts';
import type { TimeTracker } from '../../providers/time-tracker.ts';
import type { CallContexts } from '../call-context.ts';

export interface ConnectionView {
  readonly name: string;
  readonly isDefault: boolean;
  /** What the back end is, for whoami's list: its label ("Kimai at https://…"), its type and its Clockify workspace where named. */
  readonly type: string;
  readonly workspace?: string;
  readonly contexts: CallContexts;
  /** Whether its targets are the settings' week, shared with the others that have none of their own (domain/shared-week.ts). */
  sharesSettingsWeek(): boolean;
  /** Whether this connection offers the tool now (its back end, the switches and the policy). */
  offers(tool: ToolName): boolean;
  /** Why it does not, as the refusal `tool_withheld` says it (null where it does). */
  withheld(tool: ToolName): Refusal | null;
  /** The back end, opened where it rests. */
  tracker(): Promise<TimeTracker>;
}

/** The connections a call can reach, the default first; null or one: a one-connection engine, as ever. */
export type ConnectionViews = () => readonly ConnectionView[] | null;

/** Several connections to route among (two or more), or null. */
export function severalOf(views: ConnectionViews | undefined): readonly ConnectionView[] | null {
  const list = views?.();
  return list && list.length > 1 ? list : null;
}
