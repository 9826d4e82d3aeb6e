// How a client is named to people: on the consent and account pages (sign-in/) and in
// `admin people` (admin/people.ts), cleaned the same way everywhere, so a name that could pass for
// another's on one is not shown raw on the other.
import { withoutControls } from '../../mcp-server/for-the-team-server.ts';

/** A client's name as it gave it, or its id's host (a metadata document's URL), never empty. */
export function clientNameOf(name: string | undefined, clientId: string): string {
  // Bidirectional and zero-width marks could make one name look like another's on the consent page.
  const cleaned = withoutControls(name ?? '')
    .replace(/[\t\n\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 80);
  return cleaned || hostOf(clientId) || 'An unnamed client';
}

/** The host of a URL, or '' for text that is none. */
export function hostOf(text: string): string {
  try {
    return new URL(text).host;
  } catch {
    return '';
  }
}
