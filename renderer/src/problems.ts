// Which field a refusal is about, so the form can mark that field invalid and put focus there: the
// engine's refusals come as sentences (main words them for people), and name what they are about.
// Pure, so it is tested without a window.

export type EntryField = 'start' | 'end' | 'project' | 'activity';

/**
 * The field of an entry a sentence is about, or null when it names none: a project or an activity
 * first (a back end asking for one names them), then the end (which a refusal of both times names
 * first), then the start.
 */
export function entryFieldOf(message: string): EntryField | null {
  if (/\bprojects?\b|\bcustomer/i.test(message)) return 'project';
  if (/\bactivit(?:y|ies)\b|\btasks?\b|\bservices?\b/i.test(message)) return 'activity';
  if (/\bend(?:s|ed)?\b/i.test(message)) return 'end';
  if (/\bstart(?:s|ed)?\b/i.test(message)) return 'start';
  return null;
}
