// The Account form's pure core: its fields as typed, what the chosen back end asks for (from the
// descriptors main sends, AccountView's choices), what is wrong with the fields by the engine's own
// rules, and the request to send. Account.tsx shows it; AccountFields.tsx draws its parts.
import type { AccountView, BackEndChoice, BackEndType, ProviderRequest } from '../../../window-contract/account.ts';
import { isEmail, isHttpUrl, normalizeBaseUrl } from '../../../mcp-server/contract/back-end-accounts.ts';
import {
  fieldOf,
  keychainAccount,
  secondKeychainAccount,
  secretHostProblem,
  type EmailField,
  type SecondSecretDescriptor,
  type ServiceUrlField,
  type UrlField,
} from '../../../mcp-server/contract/back-end-descriptor.ts';
import type { PunchcardApi } from '../../../window-contract/index.ts';

export interface FormState {
  type: BackEndType;
  url: string;
  email: string;
  token: string;
  caFile: string;
  allowInsecureTls: boolean;
  workspace: string;
  /** Harvest's account id, where the token reaches several. */
  accountId: string;
  /** The back end's second secret, where it has one (Tempo's Jira API token): typed here, never shown again. */
  secondToken: string;
  /** The address of the back end's own API beside its site (Tempo's host), one of its choices; '' for its default. */
  serviceUrl: string;
}

/** Changes one field as typed (the back end itself changes by switching, Account.tsx). */
export type SetField = <K extends Exclude<keyof FormState, 'type'>>(key: K, value: FormState[K]) => void;

export type FieldName = 'url' | 'email' | 'token' | 'secondToken';
export type Errors = Partial<Record<FieldName, string>>;

/** What testConnection and saveAccount take: the back end's fields, and a secret only where one was typed. */
export type AccountInput = Parameters<PunchcardApi['saveAccount']>[0];

const EMPTY: Omit<FormState, 'type'> = {
  url: '',
  email: '',
  token: '',
  caFile: '',
  allowInsecureTls: false,
  workspace: '',
  accountId: '',
  secondToken: '',
  serviceUrl: '',
};

/** A form with nothing typed yet, for a back end (a new connection starts so). */
export function emptyForm(type: BackEndType): FormState {
  return { ...EMPTY, type };
}

export function choiceOf(view: AccountView, type: BackEndType): BackEndChoice | undefined {
  return view.choices.find((choice) => choice.type === type);
}

export function fromView(view: AccountView): FormState {
  const provider: {
    type: BackEndType;
    url?: string;
    email?: string;
    caFile?: string | null;
    allowInsecureTls?: boolean;
    workspace?: string | null;
    account_id?: string | null;
  } = view.provider;
  const defaultUrl = fieldOf(choiceOf(view, provider.type) ?? { fields: [] }, 'url')?.default;
  const service = fieldOf(choiceOf(view, provider.type) ?? { fields: [] }, 'service_url');
  const serviceUrl = service ? (view.provider as Record<string, unknown>)[service.key] : undefined;
  return {
    ...EMPTY,
    type: provider.type,
    // The back end's own address (Clockodo's, Clockify's global one) is the default and stays out of
    // the field; a test server's or a region's shows.
    url: provider.url === undefined || provider.url === defaultUrl ? '' : provider.url,
    email: provider.email ?? '',
    caFile: provider.caFile ?? '',
    allowInsecureTls: provider.allowInsecureTls ?? false,
    workspace: provider.workspace ?? '',
    accountId: provider.account_id ?? '',
    // The default host stays out of the field; a region's or a test server's shows.
    serviceUrl: typeof serviceUrl === 'string' && serviceUrl !== service?.default ? serviceUrl : '',
  };
}

/**
 * The form for another back end: what was typed for it before (`drafts`), else the saved account
 * where it is that back end's, else empty fields; one back end's address never becomes another's.
 */
export function formFor(type: BackEndType, saved: AccountView, drafts: Partial<Record<BackEndType, FormState>>): FormState {
  const fromSaved = fromView(saved);
  return drafts[type] ?? (fromSaved.type === type ? fromSaved : { ...EMPTY, type });
}

/**
 * The keychain account the form's secret would be filed under, as main files it; null for a back end
 * without a secret. A secret saved for another account is not this one's.
 */
export function secretAccount(form: FormState, choice: BackEndChoice | undefined): string | null {
  if (!choice?.secret) return null;
  // An empty optional address is the back end's own, filed as main files it.
  const url = form.url.trim() === '' ? (fieldOf(choice, 'url')?.default ?? form.url) : form.url;
  return keychainAccount(choice, { url, email: form.email });
}

/** The keychain account the form's second secret would be filed under (Tempo's Jira API token), as main files it; null where there is none. */
export function secondSecretAccount(form: FormState, choice: BackEndChoice | undefined): string | null {
  if (!choice) return null;
  return secondKeychainAccount(choice, { url: form.url, email: form.email });
}

/** The back end the form shows, as its fields ask for it; derived from the saved view and the form, nothing kept. */
export interface Chosen {
  choice: BackEndChoice | undefined;
  urlField: UrlField | undefined;
  /** An address with no default (Kimai's): the back end is nowhere without it. */
  urlRequired: boolean;
  /** An address with a default (Clockodo's, Clockify's): only for a test server or a region, in its own section. */
  urlOptional: boolean;
  emailField: EmailField | undefined;
  /** The address the fields show as an example. */
  example: string;
  secretName: string;
  /** What Forget removes: the saved back end's secret, whichever back end the form shows. */
  savedSecretName: string;
  /** Whether the keychain holds a secret for the account the form names. */
  tokenSavedForUrl: boolean;
  /** What the secret's field says of a saved one, where not today's form's "type a new one to replace it". */
  savedSecretWords?: string;
  /** The address of the back end's own API beside its site (Tempo's host), where it has one. */
  serviceField: ServiceUrlField | undefined;
  /** The back end's second secret (Tempo's Jira API token), where it has one, and its name in words ("Jira API token"). */
  secondSecret: SecondSecretDescriptor | undefined;
  secondSecretName: string;
  /** Whether the keychain holds the second secret for the login the form names. */
  secondSavedForAccount: boolean;
}

export function chosenOf(saved: AccountView, form: FormState): Chosen {
  const choice = choiceOf(saved, form.type);
  const savedChoice = choiceOf(saved, saved.provider.type);
  const savedAccount = savedChoice?.secret ? keychainAccount(savedChoice, saved.provider as { url?: string; email?: string }) : null;
  const urlField = choice && fieldOf(choice, 'url');
  const serviceField = choice && fieldOf(choice, 'service_url');
  const secondSecret = choice?.secondSecret;
  const savedSecond = savedChoice ? secondKeychainAccount(savedChoice, saved.provider as { url?: string; email?: string }) : null;
  return {
    choice,
    urlField,
    urlRequired: urlField !== undefined && urlField.default === undefined,
    urlOptional: urlField?.default !== undefined,
    emailField: choice && fieldOf(choice, 'email'),
    example: urlField?.example ?? 'https://example.com',
    secretName: secretNameOf(choice),
    savedSecretName: secretNameOf(savedChoice),
    tokenSavedForUrl: saved.hasCredential && savedAccount !== null && savedAccount === secretAccount(form, choice),
    serviceField,
    secondSecret,
    secondSecretName: secondSecret ? `${secondSecret.service} ${secondSecret.name}` : '',
    secondSavedForAccount: saved.hasSecondCredential === true && savedSecond !== null && savedSecond === secondSecretAccount(form, choice),
  };
}

/** What the form calls a back end's secret: by its service where the back end's API is beside a site of another's ("Tempo API token"). */
function secretNameOf(choice: BackEndChoice | undefined): string {
  const name = choice?.secret?.name || 'API token';
  const service = choice && fieldOf(choice, 'service_url');
  return service ? `${service.service} ${name}` : name;
}

/** Whether the optional address section starts open: a test server's or a region's address is in it. */
export function addressOpenAtFirst(saved: AccountView, form: FormState): boolean {
  return chosenOf(saved, form).urlOptional && form.url !== '';
}

function urlProblem(form: FormState, { choice, urlField, urlRequired, example }: Chosen): string | undefined {
  const url = form.url.trim();
  // The field's own name where the window gives it one: Tempo's address is the Jira site's, not Tempo's.
  if (urlRequired && !url) return `Enter the address of your ${urlField?.label ?? choice?.label}, such as ${example}.`;
  if (urlField && url && !isHttpUrl(url)) return `That is not a web address; it looks like ${example}.`;
  if (choice && url) {
    // The engine's own rule: where a back end names its API hosts (Clockify's), its key goes only to those, or to a server on this computer.
    const problem = secretHostProblem(choice, normalizeBaseUrl(url));
    if (problem) return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
  }
  return undefined;
}

function emailProblem(form: FormState, { choice, emailField }: Chosen): string | undefined {
  if (!emailField) return undefined;
  const email = form.email.trim();
  if (!email) return `Enter the e-mail you sign in to ${choice?.label} with.`;
  if (!isEmail(email)) return 'That is not an e-mail address; it looks like ada@example.com.';
  return undefined;
}

/** What is wrong with the fields, by field; a missing secret only for saving (a test may use the saved one). */
export function problemsOf(form: FormState, chosen: Chosen, forSave: boolean): Errors {
  const found: Errors = {};
  const url = urlProblem(form, chosen);
  if (url) found.url = url;
  const email = emailProblem(form, chosen);
  if (email) found.email = email;
  if (chosen.choice?.secret && !form.token && !chosen.tokenSavedForUrl && forSave) {
    found.token = `Paste your ${chosen.secretName}: Punchcard has none saved for this account.`;
  }
  if (chosen.secondSecret && !form.secondToken && !chosen.secondSavedForAccount && forSave) {
    found.secondToken = `Paste your ${chosen.secondSecretName}: Punchcard has none saved for this login.`;
  }
  return found;
}

/** The form's values as main takes them: each field the back end has, an empty optional one as null. */
function providerRequest(form: FormState, choice: BackEndChoice): ProviderRequest {
  const request: ProviderRequest = { type: form.type };
  for (const field of choice.fields) {
    if (field.kind === 'url') request.url = field.default === undefined ? form.url.trim() : form.url.trim() || null;
    if (field.kind === 'email') request.email = form.email.trim();
    if (field.kind === 'workspace') request.workspace = form.workspace.trim() || null;
    if (field.kind === 'account_id') request.account_id = form.accountId.trim() || null;
    if (field.kind === 'tls') Object.assign(request, { caFile: form.caFile.trim() || null, allowInsecureTls: form.allowInsecureTls });
    if (field.kind === 'service_url') Object.assign(request, { [field.key]: form.serviceUrl.trim() || null });
  }
  return request;
}

export function inputOf(form: FormState, choice: BackEndChoice | undefined): AccountInput {
  const provider = choice ? providerRequest(form, choice) : { type: form.type };
  return { provider, ...(form.token ? { token: form.token } : {}), ...(choice?.secondSecret && form.secondToken ? { secondToken: form.secondToken } : {}) };
}

/**
 * The back end a new connection's form shows: its secret counts as saved where a connection at the
 * same keychain account has one (a second workspace of one Clockify key needs no key typed again).
 */
export function chosenForNew(saved: AccountView, form: FormState): Chosen {
  const chosen = chosenOf(saved, form);
  const account = secretAccount(form, chosen.choice);
  const savedThere = saved.connections.some((connection) => {
    const choice = choiceOf(saved, connection.provider.type);
    return connection.hasCredential && choice?.secret && keychainAccount(choice, connection.provider as { url?: string; email?: string }) === account;
  });
  // A key typed here never replaces the one other connections use: it is filed for the new one alone.
  const savedSecretWords = `A ${chosen.secretName} for this account is saved in your system keychain and is used; type one only for another login. `;
  const second = secondSecretAccount(form, chosen.choice);
  const secondThere = saved.connections.some((connection) => {
    const choice = choiceOf(saved, connection.provider.type);
    return (
      connection.hasSecondCredential === true && choice && secondKeychainAccount(choice, connection.provider as { url?: string; email?: string }) === second
    );
  });
  return { ...chosen, tokenSavedForUrl: account !== null && savedThere, savedSecretWords, secondSavedForAccount: second !== null && secondThere };
}
