// Failures every remote back end words alike (providers/remote/): the way to it (a host not found, a
// certificate, a deadline), an answer it gave that every back end gives (a server down, a status
// nobody planned for, too much at once), its request limits, its secret, and a record it no longer
// has. The back end's name is a fact, and so is what it said: its status, its message, when to try
// again. A back end's HTTP answers in its own words are in its family (remote-kimai.ts, …). And the
// SQLite files every back end keeps on the computer (providers/sqlite-files.ts), which any of them
// may find locked.
import { formatWait } from './format.ts';
import { forModelOnly, moment, recordNamed, say, type Sentence } from './sentence.ts';
import { refusalFamily } from './wording.ts';

/** When to try again, from a wait in seconds: 'in a minute' under a minute and a half, then minutes, then hours. */
export function inWords(seconds: number): string {
  if (seconds < 90) return 'in a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}

/** 8 MB, 560 MB, 1.5 MB: a size in the words a person reads. */
export function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number(value >= 10 ? value.toFixed(0) : value.toFixed(1))} MB`;
}

/**
 * A sentence's own full stop, once: "… the reason." not "… the reason..", where the end is a back end's words. A
 * quote of them (an `outside` part) that ends its own sentence ends this one too (`: "Pick a service."`); one that
 * does not is followed by the stop (`: "Access Denied".`).
 */
export function fullStop(sentence: Sentence): Sentence {
  // An empty part a template left at the end (a clause with nothing to say) is no end.
  const parts = [...sentence];
  while (parts.at(-1) === '') parts.pop();
  const last = parts.at(-1);
  if (typeof last === 'string') return [...parts.slice(0, -1), last.replace(/([^.!?])$/, '$1.')];
  if (last !== undefined && typeof last === 'object' && 'outside' in last && /[.!?]\s*$/.test(last.outside)) return parts;
  return last === undefined ? parts : [...parts, '.'];
}

/** "The server at … answered with a web page that is not Kimai's JSON API.": the start of each back end's words for it. */
export function notJsonWords(facts: { url: string; web_page: boolean }, service: string): string {
  return `The server at ${facts.url} answered with ${facts.web_page ? 'a web page' : 'something'} that is not ${service}'s JSON API.`;
}

/** Who counts an organisation's limit together (providers/remote/organisation-limit.ts). */
export type SharedBy = 'team_server' | 'computer';

const USED: Record<SharedBy, string> = { team_server: 'the people on this Punchcard server have', computer: 'Punchcard on this computer has' };
const SILENT: Record<SharedBy, (service: string) => string> = {
  team_server: (service) => `no one on this Punchcard server sends ${service} anything`,
  computer: (service) => `Punchcard on this computer sends ${service} nothing`,
};
/** Each limit in words: "Calamari's limit of requests an hour". */
export const PER_WINDOW = { second: 'a second', hour: 'an hour', day: 'a day' } as const;
export type LimitWindow = keyof typeof PER_WINDOW;

const TLS_PROBLEMS = {
  expired: () => 'its certificate has expired',
  other_host: (host: string) => `its certificate is not for ${host}`,
  not_tls: () => 'it does not speak TLS on that port (try http:// or another port)',
  untrusted: () => 'its certificate is not signed by an authority this computer trusts',
} as const;

/** What a record that is not there any more was to the person, where the back end's words say. */
type RecordCaveat = 'not_yours' | 'not_visible' | 'withdrawn';
const CAVEATS: Record<RecordCaveat, string> = {
  not_yours: ' (or it is not yours)',
  not_visible: ' (or you may not see it)',
  withdrawn: ' (withdrawn meanwhile)',
};

/** An answer larger than Punchcard reads, by bytes or by JSON objects and lists (providers/remote/answer-size.ts). */
type Oversize = {
  service: string;
  limit: number;
  unit: 'bytes' | 'objects';
  /** The request may have changed something: the back end did it before it answered. */
  may_have_changed: boolean;
};

/** What makes a value impossible to send in a request header (providers/remote/header-values.ts). */
export type HeaderProblem = 'line_break' | 'control' | 'beyond_latin1';
const HEADER_PROBLEMS: Record<HeaderProblem, string> = {
  line_break: 'a line break',
  control: 'a control character',
  beyond_latin1: 'a character beyond Latin-1',
};
/** A value a back end answered that Punchcard sends back in a header. */
export type AnsweredValue = 'account_id';
const ANSWERED: Record<AnsweredValue, string> = { account_id: 'an account id' };

const maybeChanged = (facts: { may_have_changed: boolean }) => (facts.may_have_changed ? ' (The change may have been made: check before repeating it.)' : '');

export const remoteRefusals = refusalFamily({
  /** A 502, 503 or 504: the back end, or a gateway in front of it, is down. */
  remote_unavailable: {
    kind: 'unavailable',
    say: (facts: { service: string; status: number }) => say`${facts.service}, or a proxy in front of it, is unavailable (${facts.status}). Try again later.`,
    example: { service: 'Kimai', status: 503 },
  },
  /** Any other 5xx; `operator` names who reads the server's log, where a person can reach them (a self-hosted Kimai's administrator). */
  remote_internal_error: {
    kind: 'unavailable',
    say: (facts: { service: string; status: number; action: string; operator: string | null }) =>
      say`${facts.service} had an internal error (${facts.status}) trying to ${facts.action}. Try again later${facts.operator ? `; if it keeps happening, ask ${facts.operator} to check its log` : ''}.`,
    example: { service: 'Kimai', status: 500, action: 'start the timer', operator: 'your Kimai administrator' },
  },
  /** A 429 from a back end that says no more of its limit than the status (Kimai's proxy, Clockodo): a long Retry-After said in minutes. */
  remote_rate_limited: {
    kind: 'unavailable',
    say: (facts: { service: string; action: string; retry_after_s: number | null }) =>
      say`${facts.service} is limiting requests (429 Too Many Requests). Try to ${facts.action} again ${retryIn(facts.retry_after_s, 'in a minute')}.`,
    example: { service: 'Clockodo', action: 'start the timer', retry_after_s: 150 },
  },
  /** A status the back end's own words have nothing for. */
  remote_status_unknown: {
    kind: 'invalid',
    say: (facts: { service: string; status: number; action: string }) =>
      say`${facts.service} answered ${facts.status} trying to ${facts.action}; Punchcard does not know what that means here.`,
    example: { service: 'Kimai', status: 418, action: 'start the timer' },
  },
  /**
   * A redirect (any 3xx), which Punchcard never follows: the secret goes only to the address the person set.
   * `elsewhere`: the host the redirect names, where it is another than the one asked; null where it names none.
   */
  remote_redirect_refused: {
    kind: 'unavailable',
    say: (facts: { service: string; host: string; status: number; elsewhere: string | null; action: string; address: string }) =>
      say`${facts.service} at ${facts.host} refused to answer here trying to ${facts.action} (${facts.status}, a redirect${
        facts.elsewhere ? ` to ${facts.elsewhere}` : ''
      }). Punchcard follows no redirect, so nothing was sent elsewhere; if ${facts.service} has moved, check ${facts.address}.`,
    example: {
      service: 'Toggl Track',
      host: 'api.track.toggl.com',
      status: 307,
      elsewhere: 'track.example.net',
      action: 'read the running timer',
      address: 'the Toggl Track address',
    },
  },
  /**
   * A value the back end answered that no request header can carry (a line break in an account id from its list of
   * accounts), which Punchcard would send back with every request: refused before anything is sent with it.
   * `setting`: the setting that names it instead, where one does.
   */
  remote_answer_unsendable: {
    kind: 'unavailable',
    say: (facts: { service: string; value: AnsweredValue; problem: HeaderProblem; action: string; setting: string | null }) =>
      say`${facts.service} answered ${ANSWERED[facts.value]} with ${HEADER_PROBLEMS[facts.problem]} in it, which no request can carry back, so Punchcard sent nothing to ${facts.action}.${
        facts.setting ? say` Set it yourself in Punchcard's account settings${forModelOnly(` (${facts.setting})`)} to go on.` : ''
      }`,
    example: { service: 'Harvest', value: 'account_id', problem: 'line_break', action: 'list your time entries', setting: 'provider.account_id' },
  },
  /**
   * A setting or a secret no request header can carry (an e-mail address with a character beyond Latin-1, a key
   * pasted with a line break in it): refused before anything is sent. `name`: what it is ('e-mail address',
   * 'API key'); `kept`: where it is kept.
   */
  remote_setting_unsendable: {
    kind: 'invalid',
    say: (facts: { service: string; name: string; kept: 'settings' | 'secret'; problem: HeaderProblem; action: string }) =>
      facts.kept === 'settings'
        ? say`The ${facts.service} ${facts.name} in Punchcard's settings has ${HEADER_PROBLEMS[facts.problem]} in it, which no request can carry, so Punchcard sent nothing to ${facts.action}. Correct it in the settings.`
        : say`The ${facts.service} ${facts.name} Punchcard was given has ${HEADER_PROBLEMS[facts.problem]} in it, which no request can carry, so Punchcard sent nothing to ${facts.action}. Save the ${facts.name} again as ${facts.service} shows it.`,
    example: { service: 'Clockodo', name: 'e-mail address', kept: 'settings', problem: 'beyond_latin1', action: 'start the timer' },
  },
  /** The secure connection failed; `ca_file`: the back end takes a company CA file (a self-hosted Kimai). */
  remote_tls_failed: {
    kind: 'unavailable',
    say: (facts: { service: string; host: string; problem: keyof typeof TLS_PROBLEMS; ca_file: boolean }) =>
      say`The secure connection to ${facts.host} failed: ${TLS_PROBLEMS[facts.problem](facts.host)}.${
        facts.ca_file
          ? say` If your ${facts.service} uses a company or self-signed certificate, set its CA file in Punchcard${forModelOnly(' (settings provider.caFile, or --ca-file)')}.`
          : ''
      }`,
    example: { service: 'Kimai', host: 'kimai.example.com', problem: 'untrusted', ca_file: true },
  },
  /** The host name is not known to the network; `address` names what the person set ('the Kimai URL'). */
  remote_host_not_found: {
    kind: 'unavailable',
    say: (facts: { host: string; address: string }) => say`The host name ${facts.host} could not be found. Check ${facts.address} and your network connection.`,
    example: { host: 'kimai.example.com', address: 'the Kimai URL' },
  },
  /** Nothing listens at the address. */
  remote_connection_refused: {
    kind: 'unavailable',
    say: (facts: { service: string; host: string; address: string }) =>
      say`Nothing answers at ${facts.host} (connection refused). Check ${facts.address} and port, and that ${facts.service} is running.`,
    example: { service: 'Kimai', host: 'kimai.example.com', address: 'the Kimai URL' },
  },
  /** The connection went midway; `code` is the system's name for how (ECONNRESET). */
  remote_connection_lost: {
    kind: 'unavailable',
    say: (facts: { host: string; code: string; action: string }) =>
      say`The connection to ${facts.host} was lost (${facts.code}) trying to ${facts.action}. Check your network and try again.`,
    example: { host: 'kimai.example.com', code: 'ECONNRESET', action: 'start the timer' },
  },
  /** Any other failure to reach the back end; `reason` is the system's code or message. */
  remote_unreachable: {
    kind: 'unavailable',
    say: (facts: { service: string; host: string; action: string; reason: string }) =>
      say`${facts.service} at ${facts.host} could not be reached trying to ${facts.action} (${facts.reason}).`,
    example: { service: 'Kimai', host: 'kimai.example.com', action: 'start the timer', reason: 'socket hang up' },
  },
  /** No answer within the request's deadline: a write may have happened all the same. */
  remote_timeout: {
    kind: 'unavailable',
    say: (facts: { service: string; host: string; action: string; timeout_ms: number }) =>
      say`${facts.service} at ${facts.host} did not answer within ${formatWait(facts.timeout_ms)} trying to ${facts.action}. It may be overloaded or unreachable; try again later. (A write may still have happened: check before repeating it.)`,
    example: { service: 'Kimai', host: 'kimai.example.com', action: 'start the timer', timeout_ms: 15_000 },
  },
  /** One answer larger than Punchcard reads of one (`declared`: its Content-Length said so, in bytes); `operator` as for remote_internal_error. */
  remote_answer_too_large: {
    kind: 'unavailable',
    say: (facts: Oversize & { host: string; action: string; declared: number | null; operator: string | null }) => {
      const count = facts.limit.toLocaleString('en-US');
      const sent =
        facts.unit === 'objects'
          ? `an answer of more than ${count} JSON objects and lists`
          : facts.declared === null
            ? `more than ${megabytes(facts.limit)}`
            : `an answer of ${megabytes(facts.declared)}`;
      const most = facts.unit === 'objects' ? `${count} of them` : megabytes(facts.limit);
      const operator = facts.operator ? ` If it keeps happening, ask ${facts.operator} why it answers so much.` : '';
      return say`${facts.service} at ${facts.host} sent ${sent} trying to ${facts.action}; Punchcard reads at most ${most} of one answer (far more than any page it asks for), so it stopped reading. Ask for less at once (a shorter range).${operator}${maybeChanged(facts)}`;
    },
    example: {
      service: 'Kimai',
      host: 'kimai.example.com',
      action: 'read your time entries',
      limit: 8_388_608,
      unit: 'bytes',
      declared: null,
      operator: null,
      may_have_changed: false,
    },
  },
  /** The answers of one call together, more than one call may read. */
  remote_call_answers_too_large: {
    kind: 'unavailable',
    say: (facts: Oversize) => {
      const what = facts.unit === 'bytes' ? `${megabytes(facts.limit)} of answers` : `${facts.limit.toLocaleString('en-US')} JSON objects and lists`;
      return say`This needs more than ${what} from ${facts.service}, more than one call may read, so Punchcard stopped reading. Ask for less at once (a shorter range, or one page at a time).${maybeChanged(facts)}`;
    },
    example: { service: 'Kimai', limit: 16_777_216, unit: 'bytes', may_have_changed: false },
  },
  /** The organisation's allowance of the hour or the day, counted by every program of ours on its key, is used: the request was not sent. */
  remote_allowance_used: {
    kind: 'unavailable',
    say: (facts: { service: string; max: number; per: 'hour' | 'day'; shared_by: SharedBy; retry_after_s: number }) =>
      say`${facts.service} allows your organisation ${facts.max} requests ${PER_WINDOW[facts.per]}, and ${USED[facts.shared_by]} used them for now, so this request was not sent. Try again ${inWords(facts.retry_after_s)}.`,
    example: { service: 'Calamari', max: 720, per: 'hour', shared_by: 'computer', retry_after_s: 2_400 },
  },
  /**
   * The back end refused a request for the organisation's limit (429), and everything of ours on its
   * key holds back until `until` (an instant in the person's zone); `window`: the limit it named;
   * `cannot_wait`: a short hold, longer than the call had left.
   */
  remote_held_back: {
    kind: 'unavailable',
    say: (facts: { service: string; shared_by: SharedBy; window: LimitWindow | null; until: string; left_s: number; cannot_wait: boolean }) => {
      const limit = facts.window
        ? `${facts.service}'s limit of requests ${PER_WINDOW[facts.window]} for your organisation is used up (429)`
        : `${facts.service} refused a request for your organisation's limit (429)`;
      if (facts.cannot_wait)
        return say`${limit} until ${moment(facts.until)}, longer than this call may still take, so Punchcard did not wait for it. Try again then.`;
      return say`${limit}, so ${SILENT[facts.shared_by](facts.service)} until ${moment(facts.until)}. Try again then, ${inWords(facts.left_s)}.`;
    },
    example: { service: 'Calamari', shared_by: 'team_server', window: 'hour', until: '2026-11-18T11:00:00+00:00', left_s: 2_400, cannot_wait: false },
  },
  /** The keychain could not be read; `reason` is its own words. */
  remote_secret_unreadable: {
    kind: 'denied',
    say: (facts: { service: string; secret: 'token' | 'API key'; reason: string }) =>
      say`The ${facts.service} ${facts.secret} could not be read from the keychain: ${facts.reason}`,
    example: { service: 'Kimai', secret: 'token', reason: 'The user name or passphrase you entered is not correct.' },
  },
  /**
   * The Claude Desktop extension's one secret was given for another back end (or none), so it is not
   * sent to this one; `reason` is said where the binding is decided (credentials/form-secret.ts).
   */
  remote_secret_withheld: {
    kind: 'denied',
    say: (facts: { reason: string }) => say`${facts.reason}`,
    example: {
      reason:
        "The secret in Punchcard's Claude Desktop extension settings was given for Clockify, and Punchcard sends a secret only to the back end it was given for; Punchcard is using Kimai at kimai.example.com instead, so it has no Kimai API token for it. Save its Kimai API token in the Punchcard app, or set PUNCHCARD_KIMAI_TOKEN.",
    },
  },
  /**
   * One of several trackers has no secret of its own, and its back end's PUNCHCARD_<BACK END>_TOKEN is not
   * used for it (`ignored`, where set) as that back end's trackers are at different accounts
   * (credentials/connection-secret.ts); `variable` is its own, PUNCHCARD_TRACKER_<NAME>_TOKEN.
   */
  remote_tracker_secret_missing: {
    kind: 'denied',
    say: (facts: { tracker: string; service: string; secret: string; address: string; variable: string; ignored: string | null }) =>
      say`No ${facts.service} ${facts.secret} is stored for the tracker ${facts.tracker} (${facts.address}), so Punchcard sent it nothing. Save its ${facts.secret} in the Punchcard app${forModelOnly(`, or set ${facts.variable}`)}.${forModelOnly(facts.ignored ? ` ${facts.ignored} is not used for it: the ${facts.service} trackers are at different addresses, and a secret goes only where it was given for.` : '')}`,
    example: {
      tracker: 'beta',
      service: 'Kimai',
      secret: 'API token',
      address: 'Kimai at https://kimai.beta.example',
      variable: 'PUNCHCARD_TRACKER_BETA_TOKEN',
      ignored: 'PUNCHCARD_KIMAI_TOKEN',
    },
  },
  /**
   * A record the back end does not have (404), by its number: `record` is its noun ('time entry'),
   * `of_yours` and `any_more` say what the person asked of it, `caveat` what else the 404 may mean.
   */
  remote_record_missing: {
    kind: 'not_found',
    say: (facts: {
      service: string;
      record: string;
      id: number;
      of_yours?: boolean;
      any_more?: boolean;
      /** Where the back end shows only some: "that you may see". */
      visible_only?: boolean;
      caveat?: RecordCaveat;
    }) =>
      say`There is no ${recordNamed(facts.record, facts.id, 'such')}${facts.of_yours ? ' of yours' : ''} in ${facts.service}${facts.visible_only ? ' that you may see' : ''}${
        facts.any_more ? ' any more' : ''
      }${facts.caveat ? CAVEATS[facts.caveat] : ''}.`,
    example: { service: 'Kimai', record: 'time entry', id: 12, caveat: 'not_yours' },
  },
  /**
   * A back end that must not be used (the organisation's policy, or settings that cannot say which):
   * every call but whoami answers this, with the reason said where it was decided (engine/engine.ts).
   */
  back_end_blocked: {
    kind: 'denied',
    say: (facts: { reason: string }) => say`${facts.reason}`,
    example: { reason: "Your organisation's policy does not allow the clockify back end, so Punchcard does not contact it." },
  },
  /** Another program held a SQLite file of ours locked past the wait; `what` names what the file is for ('the timesheet'). */
  file_locked: {
    kind: 'unavailable',
    say: (facts: { path: string; waited_s: number; what: string }) =>
      say`Another program has held ${facts.path} locked for ${facts.waited_s} s (a backup or sync tool, or an open sqlite3 session), so ${facts.what} could not be used. Nothing was changed. Try again once that program lets go of the file.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db', waited_s: 5, what: 'the timesheet' },
  },
  /** A SQLite file of ours, or its folder, cannot be written. */
  file_read_only: {
    kind: 'unavailable',
    say: (facts: { path: string }) =>
      say`${facts.path} cannot be written (the file or its folder is read-only), so the change was not saved. Nothing was changed. Give your user write access to the file and its folder and try again.`,
    example: { path: '/home/ada/.config/Punchcard/punchcard.db' },
  },
});

/** "in 3 minutes" for a Retry-After past a minute, else the back end's usual words ('in a minute', 'in a moment'). */
export function retryIn(seconds: number | null, usual: string): string {
  if (seconds === null || seconds <= 60) return usual;
  const minutes = Math.ceil(seconds / 60);
  // A day's wait (the longest any back end may ask: providers/remote/asked-wait.ts) in hours, not 1440 minutes.
  return minutes < 120 ? `in ${minutes} minutes` : `in ${Math.ceil(minutes / 60)} hours`;
}
