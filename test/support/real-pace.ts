// Clockify's own pace (test-pace.ts), for a test of the pace, or of what it prevents, to give its engine.
import { MAX_REQUESTS_PER_SECOND } from '../../mcp-server/providers/clockify/api.ts';

export const REAL_PACE: Readonly<Record<string, string>> = {
  PUNCHCARD_CLOCKIFY_PER_SECOND: String(MAX_REQUESTS_PER_SECOND),
};
