// The Account form as plain data (renderer/src/screens/account-form.ts), over the choices main offers:
// a back end's own address stays out of the field, each field is checked by the engine's rules in a
// sentence a person can act on, a saved secret counts only for the account it was filed under, and the
// request carries each field the back end has (an empty optional one as null) and a secret only where typed.
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../window-contract/account.ts';
import { BACK_END_CHOICES } from '../../main/ipc/handlers/account.ts';
import { chosenOf, formFor, fromView, inputOf, problemsOf, type FormState } from '../../renderer/src/screens/account-form.ts';

const view = (provider: AccountView['provider'], hasCredential = false, hasSecondCredential: boolean | null = null): AccountView => ({
  provider,
  hasCredential,
  hasSecondCredential,
  credentialProblem: null,
  choices: BACK_END_CHOICES,
  organisation: null,
  connections: [{ name: provider.type, isDefault: true, provider, hasCredential, hasSecondCredential, workWeek: null }],
  maxConnections: 8,
});

const LOCAL = view({ type: 'local' });
const KIMAI = view({ type: 'kimai', url: 'https://kimai.example.com', caFile: null, allowInsecureTls: false }, true);
const CLOCKIFY = view({ type: 'clockify', url: 'https://api.clockify.me', workspace: null }, true);
const TOGGL = view({ type: 'toggl', url: 'https://api.track.toggl.com', workspace: 'Acme' }, true);
const TEMPO = view({ type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: 'https://api.tempo.io' }, true, true);

const formOf = (saved: AccountView, edit: Partial<FormState> = {}): FormState => ({ ...fromView(saved), ...edit });
const problems = (saved: AccountView, edit: Partial<FormState>, forSave = true) => {
  const form = formOf(saved, edit);
  return problemsOf(form, chosenOf(saved, form), forSave);
};

describe('the Account form', () => {
  it('leaves a back end’s own address out of the field and shows a region’s', () => {
    expect(fromView(CLOCKIFY).url).toBe('');
    expect(fromView(view({ type: 'clockify', url: 'https://euc1.clockify.me', workspace: 'Acme' })).url).toBe('https://euc1.clockify.me');
    expect(fromView(KIMAI)).toEqual({
      type: 'kimai',
      url: 'https://kimai.example.com',
      email: '',
      token: '',
      caFile: '',
      allowInsecureTls: false,
      workspace: '',
      accountId: '',
      secondToken: '',
      serviceUrl: '',
    });
  });

  it('asks for Kimai’s address, and for a web address', () => {
    expect(problems(LOCAL, { type: 'kimai' })).toEqual({
      url: 'Enter the address of your Kimai, such as https://kimai.example.com.',
      token: 'Paste your API token: Punchcard has none saved for this account.',
    });
    expect(problems(KIMAI, { url: 'kimai dot example' }).url).toBe('That is not a web address; it looks like https://kimai.example.com.');
  });

  it('sends a Clockify key only to Clockify’s API hosts, as the engine does', () => {
    expect(problems(CLOCKIFY, { url: 'https://evil.example.com' }).url).toMatch(
      /^Punchcard sends your Clockify API key only to Clockify's API addresses .* and evil\.example\.com is not one; use .*\.$/,
    );
    expect(problems(CLOCKIFY, { url: 'https://euc1.clockify.me/api' }, false)).toEqual({});
  });

  it('sends a Toggl Track token only to Toggl’s API host or this computer; an empty address is Toggl’s own, where the token was filed', () => {
    expect(fromView(TOGGL)).toMatchObject({ type: 'toggl', url: '', workspace: 'Acme' });
    expect(problems(TOGGL, { url: 'https://track.toggl.com' }).url).toBe(
      "Track.toggl.com is not one of Toggl Track's API addresses; use https://api.track.toggl.com.",
    );
    expect(problems(TOGGL, { url: 'https://evil.example.com' }).url).toMatch(
      /^Punchcard sends your Toggl Track API token only to Toggl Track's API addresses .* and evil\.example\.com is not one; use https:\/\/api\.track\.toggl\.com\.$/,
    );
    expect(problems(TOGGL, { url: 'http://127.0.0.1:8080' }, false)).toEqual({});
    // Toggl's documentation writes its API with /api/v9: refused in Toggl's form, not Clockify's.
    expect(problems(TOGGL, { url: 'https://api.track.toggl.com/api/v9' }).url).toBe(
      "Toggl Track's API is at https://api.track.toggl.com, over https and with nothing after it: Punchcard adds /api/v9 itself.",
    );
    expect(problems(LOCAL, { type: 'toggl' })).toEqual({ token: 'Paste your API token: Punchcard has none saved for this account.' });
    expect(chosenOf(TOGGL, formOf(TOGGL)).tokenSavedForUrl).toBe(true);
    const toggl = formOf(TOGGL, { token: 'tok' });
    expect(inputOf(toggl, chosenOf(TOGGL, toggl).choice)).toEqual({ provider: { type: 'toggl', url: null, workspace: 'Acme' }, token: 'tok' });
  });

  it('asks Tempo Timesheets for the Jira site, the login and both tokens; each saved token counts only for its own account', () => {
    // Tempo's default host stays out of its field; a region's is shown.
    expect(fromView(TEMPO)).toMatchObject({ type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', serviceUrl: '' });
    expect(fromView(view({ ...TEMPO.provider, tempoUrl: 'https://api.eu.tempo.io' } as AccountView['provider'])).serviceUrl).toBe('https://api.eu.tempo.io');
    expect(problems(LOCAL, { type: 'tempo' })).toEqual({
      url: 'Enter the address of your Jira site, such as https://acme.atlassian.net.',
      email: 'Enter the e-mail you sign in to Tempo Timesheets with.',
      token: 'Paste your Tempo API token: Punchcard has none saved for this account.',
      secondToken: 'Paste your Jira API token: Punchcard has none saved for this login.',
    });
    // The Jira token goes to the Jira site alone: another host is refused in the engine's words.
    expect(problems(TEMPO, { url: 'https://evil.example.com' }).url).toBe(
      'Punchcard sends your Jira Cloud API token only to Jira Cloud sites (or to a server on this computer), and evil.example.com is not one; use https://acme.atlassian.net.',
    );
    expect(problems(TEMPO, {})).toEqual({});
    // The Jira token was filed under the login: another e-mail has none saved, the Tempo token still counts for the site.
    const other = problems(TEMPO, { email: 'bob@example.com' });
    expect(other).toEqual({ secondToken: 'Paste your Jira API token: Punchcard has none saved for this login.' });
    const typed = formOf(TEMPO, { serviceUrl: 'https://api.eu.tempo.io', token: 'tempo-tok', secondToken: 'jira-tok' });
    expect(inputOf(typed, chosenOf(TEMPO, typed).choice)).toEqual({
      provider: { type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: 'https://api.eu.tempo.io' },
      token: 'tempo-tok',
      secondToken: 'jira-tok',
    });
    // Nothing typed: no secret sent, Tempo's default host as null.
    expect(inputOf(formOf(TEMPO), chosenOf(TEMPO, formOf(TEMPO)).choice)).toEqual({
      provider: { type: 'tempo', url: 'https://acme.atlassian.net', email: 'ada@example.com', tempoUrl: null },
    });
  });

  it('asks for Clockodo’s login; a missing secret only when saving', () => {
    const clockodo = { type: 'clockodo' } as const;
    expect(problems(LOCAL, clockodo)).toEqual({
      email: 'Enter the e-mail you sign in to Clockodo with.',
      token: 'Paste your API key: Punchcard has none saved for this account.',
    });
    expect(problems(LOCAL, { ...clockodo, email: 'ada' }, false)).toEqual({ email: 'That is not an e-mail address; it looks like ada@example.com.' });
  });

  it('counts a saved secret for the account it was filed under, and not for another', () => {
    expect(chosenOf(KIMAI, formOf(KIMAI, { url: 'https://kimai.example.com/' })).tokenSavedForUrl).toBe(true);
    expect(chosenOf(KIMAI, formOf(KIMAI, { url: 'https://other.example.com' })).tokenSavedForUrl).toBe(false);
    // An empty optional address is the back end's own, where the key was filed.
    expect(chosenOf(CLOCKIFY, formOf(CLOCKIFY)).tokenSavedForUrl).toBe(true);
    expect(chosenOf(CLOCKIFY, formOf(CLOCKIFY, { url: 'https://euc1.clockify.me' })).tokenSavedForUrl).toBe(false);
    expect(problems(KIMAI, {})).toEqual({});
  });

  it('sends each field the back end has, an empty optional one as null, and a secret only where typed', () => {
    const kimai = formOf(KIMAI, { caFile: ' /etc/ca.pem ', token: 't0ken' });
    expect(inputOf(kimai, chosenOf(KIMAI, kimai).choice)).toEqual({
      provider: { type: 'kimai', url: 'https://kimai.example.com', caFile: '/etc/ca.pem', allowInsecureTls: false },
      token: 't0ken',
    });
    const clockify = formOf(CLOCKIFY, { email: 'not asked' });
    expect(inputOf(clockify, chosenOf(CLOCKIFY, clockify).choice)).toEqual({ provider: { type: 'clockify', url: null, workspace: null } });
    expect(inputOf(formOf(LOCAL), chosenOf(LOCAL, formOf(LOCAL)).choice)).toEqual({ provider: { type: 'local' } });
  });

  it('switches to what was typed for a back end, else the saved account, else empty fields', () => {
    const typed = formOf(LOCAL, { type: 'calamari', url: 'https://acme.calamari.io' });
    expect(formFor('calamari', KIMAI, { calamari: typed })).toBe(typed);
    expect(formFor('kimai', KIMAI, {})).toEqual(fromView(KIMAI));
    expect(formFor('clockodo', KIMAI, {})).toEqual({
      type: 'clockodo',
      url: '',
      email: '',
      token: '',
      caFile: '',
      allowInsecureTls: false,
      workspace: '',
      accountId: '',
      secondToken: '',
      serviceUrl: '',
    });
  });
});
