// The team server's pages: sign-in, consent, the person's account and errors. Plain HTML that works
// without JavaScript (there is none), one small inline style allowed by its hash in the Content
// Security Policy, every value escaped, every form carrying its CSRF token. Words are for the person
// in front of the browser: what is asked, for which client, and what it will be allowed to do.
import { createHash } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --accent: #1f6feb; --muted: #59636e; --line: #d1d9e0; --error: #b42318; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --accent: #6ea8fe; --muted: #9aa4ae; --line: #3d444d; --error: #ff8a80; } }
html { background: var(--bg); color: var(--fg); }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 2rem 1rem; }
main { max-width: 32rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.125rem; margin: 1.5rem 0 .5rem; }
p, li { margin: .5rem 0; }
.muted { color: var(--muted); }
.error { color: var(--error); border: 1px solid var(--error); border-radius: .5rem; padding: .5rem .75rem; }
form { margin: 1rem 0; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type=text], input[type=email], input[type=password] { width: 100%; padding: .5rem .625rem; font: inherit; border: 1px solid var(--line); border-radius: .375rem; background: var(--bg); color: var(--fg); }
button { font: inherit; font-weight: 600; padding: .5rem 1rem; border-radius: .375rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; margin-top: 1rem; }
@media (prefers-color-scheme: dark) { button { color: #0d1117; } }
button.secondary { background: transparent; color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .375rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; }
.actions form { margin: 0; }
a { color: var(--accent); }
hr { border: none; border-top: 1px solid var(--line); margin: 1.5rem 0; }
`;

const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/**
 * The pages' Content Security Policy: nothing loads but this page's own style, no frame may hold it,
 * no base may move its links. No form-action: after consent the browser follows redirects on to the
 * client's own redirect URI (https://claude.ai/…, http://127.0.0.1:…/callback, vscode://…), which
 * browsers check against form-action too.
 */
export const PAGE_CSP = `default-src 'none'; style-src '${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)} · Punchcard</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * Where a person goes on from an error: an AI client's connection starts again in the client; a step
 * of their account page (their calendar) starts again on that page, where they are still signed in.
 */
export type AfterError = 'client' | 'account';

export function renderErrorPage(message: string, after: AfterError = 'client'): string {
  const next = after === 'account' ? '<a href="/account">Back to your account page</a>' : 'Go back to your AI client and connect Punchcard again.';
  return page('Something went wrong', `<h1>Something went wrong</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>\n<p class="muted">${next}</p>`);
}

export interface SignInPage {
  /** Where the forms post: the interaction's path, or the account page's. */
  action: string;
  csrf: string;
  /** Who is asking, for a client's sign-in ("Claude wants to use Punchcard"). */
  clientName?: string;
  /** Shown above the forms when the last try failed. */
  error?: string;
  tracker?: { service: string; secretLabel: string; needsEmail: boolean; email?: string; help: string; secondSecretLabel?: string; secondHelp?: string };
  /** A company sign-in: the button's text names the provider's host. */
  company?: { label: string };
  development?: boolean;
  /** Signed in with the company already; only the tracker credentials are missing. */
  signedInAs?: string;
}

export function renderSignIn(view: SignInPage): string {
  const heading = view.clientName ? `Sign in to connect ${escapeHtml(view.clientName)}` : 'Sign in to Punchcard';
  const parts: string[] = [`<h1>${heading}</h1>`];
  if (view.clientName)
    parts.push(
      `<p class="muted">${escapeHtml(view.clientName)} asks to use Punchcard, your organisation's time tracking, as you. Sign in first; you decide what it may do next.</p>`,
    );
  if (view.signedInAs) parts.push(`<p>Signed in as <strong>${escapeHtml(view.signedInAs)}</strong>.</p>`);
  if (view.error) parts.push(`<p class="error" role="alert" id="sign-in-error">${escapeHtml(view.error)}</p>`);
  const invalid = view.error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : '';
  if (view.company && !view.signedInAs) {
    parts.push(`<form method="post" action="${escapeHtml(view.action)}/company">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit">${escapeHtml(view.company.label)}</button>
</form>`);
  }
  if (view.tracker) {
    if (view.company && !view.signedInAs) parts.push('<hr>');
    const email = view.tracker.needsEmail
      ? `<label for="email">E-mail you sign in to ${escapeHtml(view.tracker.service)} with</label>
<input type="email" id="email" name="email" autocomplete="username" required maxlength="254" value="${escapeHtml(view.tracker.email ?? '')}"${invalid}>`
      : '';
    parts.push(`<form method="post" action="${escapeHtml(view.action)}/tracker">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
${email}
<label for="secret">${escapeHtml(view.tracker.secretLabel)}</label>
<input type="password" id="secret" name="secret" autocomplete="current-password" required maxlength="512"${invalid}>
<p class="muted">${escapeHtml(view.tracker.help)}</p>${
      view.tracker.secondSecretLabel
        ? `
<label for="second_secret">${escapeHtml(view.tracker.secondSecretLabel)}</label>
<input type="password" id="second_secret" name="second_secret" autocomplete="off" required maxlength="512"${invalid}>
<p class="muted">${escapeHtml(view.tracker.secondHelp ?? '')}</p>`
        : ''
    }
<button type="submit">Sign in</button>
</form>`);
  }
  if (view.development) {
    parts.push(`<form method="post" action="${escapeHtml(view.action)}/development">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<p class="muted">Development sign-in: this server runs on this computer only, and anyone who can reach it may sign in with just a name.</p>
<label for="name">Your name</label>
<input type="text" id="name" name="name" autocomplete="name" required maxlength="100"${invalid}>
<button type="submit">Sign in</button>
</form>`);
  }
  return page('Sign in', parts.join('\n'));
}

export interface ConsentPage {
  action: string;
  csrf: string;
  clientName: string;
  /** The client's own address where it has one (a metadata document's host, a client_uri). */
  clientHost?: string;
  personName: string;
  mayWrite: boolean;
}

export function renderConsent(view: ConsentPage): string {
  const client = escapeHtml(view.clientName);
  // The redirect's host is where the permission goes: the one thing about a client a name cannot fake.
  const from = view.clientHost ? ` <span class="muted">(answers go to ${escapeHtml(view.clientHost)})</span>` : '';
  const abilities = [
    '<li>read your time entries, timer, reports, catalog, leave and the team calendar</li>',
    ...(view.mayWrite ? ['<li>change them as you could: clock in and out, log, change and delete entries, request and cancel leave</li>'] : []),
  ];
  return page(
    `Allow ${view.clientName}`,
    `<h1>Allow ${client} to use Punchcard?</h1>
<p><strong>${client}</strong>${from} asks to act as <strong>${escapeHtml(view.personName)}</strong>. It will be able to:</p>
<ul>
${abilities.join('\n')}
</ul>
<p class="muted">It gets only the tools your organisation allows, and never more than you may do yourself. You can disconnect it any time on <a href="/account">your account page</a>.</p>
<div class="actions">
<form method="post" action="${escapeHtml(view.action)}/consent">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit" name="decision" value="allow">Allow</button>
</form>
${
  view.mayWrite
    ? `<form method="post" action="${escapeHtml(view.action)}/consent">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit" name="decision" value="allow-read" class="secondary">Allow reading only</button>
</form>`
    : ''
}
<form method="post" action="${escapeHtml(view.action)}/consent">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>
</div>`,
  );
}

export interface AccountPage {
  csrf: string;
  personName: string;
  email: string | null;
  clients: { grantId: string; clientName: string; since: string; mayWrite: boolean }[];
  credentials: { service: string; stored: boolean } | null;
  /** The company calendar where the server reads it: which one, and since when it is connected (null: not connected). */
  calendar: { label: string; since: string | null } | null;
  notice?: string;
}

/** The company calendar's part of the account page: its connection and Disconnect, or the way to connect it. */
function calendarSection(view: AccountPage): string {
  const calendar = view.calendar;
  if (!calendar) return '';
  const body = calendar.since
    ? `<p>Your ${escapeHtml(calendar.label)} calendar is connected, read-only, since ${escapeHtml(calendar.since)}. Punchcard reads it only when you ask for draft entries.</p>
<form method="post" action="/account/calendar/disconnect"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit" class="secondary">Disconnect my calendar</button></form>`
    : `<p>Your ${escapeHtml(calendar.label)} calendar is not connected. Connected, it lets your AI client draft your week from your meetings; nothing is booked until you pick the drafts.</p>
<p><a href="/account/calendar/connect">Connect my calendar</a></p>`;
  return `<h2 id="calendar">Calendar</h2>
${body}`;
}

export interface CalendarConnectPage {
  csrf: string;
  label: string;
  provider: string;
}

/** The page asking a person to confirm connecting their calendar: what is read, and what never is. */
export function renderCalendarConnect(view: CalendarConnectPage): string {
  return page(
    'Connect your calendar',
    `<h1>Connect your ${escapeHtml(view.label)} calendar?</h1>
<p>Punchcard will read your own calendar, and only when you ask your AI client to draft entries: each event's time and title, whether it is cancelled, free, all-day or private, and whether you declined it.</p>
<ul>
<li>Never read: attendees, places, descriptions, attachments or meeting links, and no other person's calendar.</li>
<li>A private appointment appears only as "Private appointment", never with its title.</li>
<li>Nothing is booked until you pick the drafts, and nothing is written to your calendar.</li>
</ul>
<p class="muted">Next, the company sign-in (${escapeHtml(view.provider)}) asks you to allow reading your calendar. You can disconnect it on your account page at any time.</p>
<div class="actions">
<form method="post" action="/account/calendar/connect"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><button type="submit">Connect my calendar</button></form>
<form method="get" action="/account"><button type="submit" class="secondary">Not now</button></form>
</div>`,
  );
}

export function renderAccount(view: AccountPage): string {
  const rows = view.clients.map(
    (client) => `<tr><td>${escapeHtml(client.clientName)}</td><td>${escapeHtml(client.since)}</td><td>${client.mayWrite ? 'read and change' : 'read'}</td><td>
<form method="post" action="/account/disconnect"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><input type="hidden" name="grant" value="${escapeHtml(client.grantId)}">
<button type="submit" class="secondary" aria-label="Disconnect ${escapeHtml(client.clientName)}">Disconnect</button></form></td></tr>`,
  );
  const clients = rows.length
    ? `<table><thead><tr><th scope="col">Client</th><th scope="col">Connected</th><th scope="col">May</th><th scope="col"><span class="muted">Action</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="muted">No AI client is connected.</p>';
  const credentials = view.credentials
    ? view.credentials.stored
      ? `<p>Your ${escapeHtml(view.credentials.service)} credentials are stored, encrypted, for your connected clients.</p>
<form method="post" action="/account/forget"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<button type="submit" class="secondary">Remove my ${escapeHtml(view.credentials.service)} credentials</button></form>
<p class="muted">Removing them disconnects every client; you give them again when you next connect one.</p>`
      : `<p>No ${escapeHtml(view.credentials.service)} credentials are stored.</p>`
    : '';
  return page(
    'Your account',
    `<h1>Your Punchcard account</h1>
${view.notice ? `<p role="status">${escapeHtml(view.notice)}</p>` : ''}
<p>Signed in as <strong>${escapeHtml(view.personName)}</strong>${view.email ? ` (${escapeHtml(view.email)})` : ''}.</p>
<h2>Connected clients</h2>
${clients}
${view.credentials ? `<h2>Credentials</h2>\n${credentials}` : ''}
${calendarSection(view)}
<hr>
<form method="post" action="/account/sign-out"><input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><button type="submit" class="secondary">Sign out</button></form>`,
  );
}

export function renderDone(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
