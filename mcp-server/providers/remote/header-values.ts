// What a request header can carry, checked before a request goes out (remote-client.ts). Node refuses a value with a
// line break, another control character or a character beyond Latin-1, in its own words ("Invalid character in
// header content"), and a line break is how a value would add a header of its own. The values Punchcard sends come
// from its own constants, from the person's settings and secret, and from what a back end answered (Harvest's account
// id, from Harvest ID's list of accounts): one that cannot be sent is refused before anything is sent, said as what it
// is and where it came from.
import type { AnsweredValue, HeaderProblem } from '../../contract/outcomes/remote.ts';
import { RemoteError, remoteRefusal, type ServiceWords } from './remote-error.ts';

export type { AnsweredValue, HeaderProblem };

/**
 * What keeps `value` out of a header, by Node's own rule (http's checkInvalidHeaderChar: a tab, printable ASCII and
 * Latin-1's upper half); a line break first, as the one that could forge a header; undefined where it can be sent.
 */
export function headerProblem(value: string): HeaderProblem | undefined {
  let found: HeaderProblem | undefined;
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (code === 0x0a || code === 0x0d) return 'line_break';
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) found = 'control';
    else if (code > 0xff) found ??= 'beyond_latin1';
  }
  return found;
}

/**
 * Where a header's value comes from, where it is not Punchcard's own constant nor the secret: a value the back end
 * answered (with the setting that names it instead, where one does), or one of the person's settings (its name in
 * words: 'e-mail address').
 */
export type HeaderSource = { from: 'answer'; value: AnsweredValue; setting: string | null } | { from: 'settings'; name: string };

/** A value the back end answered that cannot be sent back to it: refused before any request carries it. */
export function unsendableAnswer(words: ServiceWords, value: AnsweredValue, problem: HeaderProblem, action: string, setting: string | null): RemoteError {
  return new RemoteError('wrong_service', remoteRefusal('remote_answer_unsendable', { service: words.service, value, problem, action, setting }));
}

export interface HeaderCheck {
  words: ServiceWords;
  /** What the back end calls its secret ('token', 'API key'). */
  secretName: string;
  /** The secrets the request carries: a header holding one is the secret's. */
  secrets: readonly string[];
  /** Where each other header not of Punchcard's own comes from, by name. */
  sources?: Readonly<Record<string, HeaderSource>>;
  action: string;
}

/** The refusal of the first header of `headers` that cannot be sent, said as what it carries; undefined where all can. */
export function unsendableHeader(headers: Readonly<Record<string, string>>, check: HeaderCheck): RemoteError | undefined {
  const { words, action } = check;
  for (const [name, text] of Object.entries(headers)) {
    const problem = headerProblem(text);
    if (!problem) continue;
    const carriesSecret = check.secrets.some((secret) => secret !== '' && text.includes(secret));
    const source = carriesSecret ? undefined : check.sources?.[name];
    if (source?.from === 'answer') return unsendableAnswer(words, source.value, problem, action, source.setting);
    const said = carriesSecret
      ? { name: check.secretName, kept: 'secret' as const }
      : // A header of Punchcard's own cannot fail this; one without a source is said as a setting by its name.
        { name: source?.name ?? `${name} header`, kept: 'settings' as const };
    return new RemoteError('config', remoteRefusal('remote_setting_unsendable', { service: words.service, ...said, problem, action }));
  }
  return undefined;
}
