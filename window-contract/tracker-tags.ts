// Several trackers at once (issue 86; docs/internals/app.md, "The window's screens, built from
// tools"): what the window is told about the connections and how a request names one. Everything
// here is absent with one connection, and the window then looks and works as it did before there
// could be several.
import * as z from 'zod/v4';
import { CONNECTION_NAME_MAX_LENGTH, CONNECTION_NAME_PATTERN } from '../mcp-server/contract/connections.ts';

/** A connection as the window labels rows and offers it in filters and the new entry's select. */
export interface TrackerTag {
  name: string;
  /** Writes that name no connection go here (the settings' `provider`). */
  isDefault: boolean;
}

/** A connection's name as a request passes it on to the engine's `tracker` argument. */
export const trackerName = z.string().max(CONNECTION_NAME_MAX_LENGTH).regex(CONNECTION_NAME_PATTERN, 'a connection name such as "acme"');
