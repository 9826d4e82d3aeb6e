// The `tracker` argument (docs/several-trackers.md): with two or more connections every tool of the
// registry lists it, one optional string, and the engine takes it off a call before the tool's own
// schema reads the rest; the server's instructions name the connections and the rule once. With one
// connection none of this exists: no tool lists it, and the instructions are as ever.
import type { InputProblem } from '../../contract/outcomes/call.ts';
import type { ConnectionView } from './connection-view.ts';

const TRACKER_PROPERTY = { type: 'string' } as const;

/** How much longer the server's instructions may grow with several trackers (docs/several-trackers.md). */
export const MAX_INSTRUCTIONS_ADDED = 300;

/**
 * The tool as listed, with `tracker` among its properties, last. Never required, no description: its meaning is said
 * once in the instructions, so the model reads 28 characters a tool (43 where a tool had no properties).
 */
export function withTrackerArgument<T extends Record<string, unknown>>(tool: T): T {
  const schema = (tool.inputSchema ?? { type: 'object' }) as Record<string, unknown> & { properties?: Record<string, unknown> };
  const properties = { ...(schema.properties ?? {}), tracker: TRACKER_PROPERTY };
  const { additionalProperties, ...rest } = schema;
  // `properties` before `additionalProperties`, as a tool with properties lists them.
  return { ...tool, inputSchema: { ...rest, properties, ...(additionalProperties === undefined ? {} : { additionalProperties }) } };
}

/** A call's arguments less `tracker`, and the connection it names; a `tracker` that is no text is a problem with the input. */
export function splitTrackerArgument(args: unknown): { rest: unknown; tracker: string | undefined } | { problem: InputProblem } {
  if (typeof args !== 'object' || args === null || Array.isArray(args) || !Object.hasOwn(args, 'tracker')) return { rest: args, tracker: undefined };
  const { tracker, ...rest } = args as Record<string, unknown>;
  if (tracker === undefined) return { rest, tracker: undefined };
  if (typeof tracker !== 'string') return { problem: { path: 'tracker', message: 'Invalid input: expected string, received ' + typeName(tracker) } };
  return { rest, tracker };
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** What the instructions add with several connections (at most 300 characters for up to eight names): the names, the default, the rule. */
export function connectionsInstructions(views: readonly ConnectionView[] | null): string {
  if (!views) return '';
  const names = views.map((view) => (view.isDefault ? `${view.name} (default)` : view.name)).join(', ');
  const said = ` Trackers: ${names}. tracker picks one; reads without it span all; writes go where implied, else default; never guessed.`;
  // Eight names of 24 characters would take it past the 300 characters the instructions may grow: the rule is said shorter.
  return said.length <= MAX_INSTRUCTIONS_ADDED ? said : ` Trackers: ${names}. Pass tracker; reads span all; writes are never guessed.`;
}
