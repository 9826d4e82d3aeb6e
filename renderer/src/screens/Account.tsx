// Which back end Punchcard uses. A back end's secret (a Kimai token, a Clockodo, Calamari or Clockify API
// key) goes from this form to main and into the keychain; the window never sees a saved one, only
// whether there is one. The form is drawn from the back ends' descriptors main sends (AccountView's
// choices): each field the descriptor names, in the words it gives, checked with the engine's rules.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView, LinkId, BackEndChoice, ProviderRequest, BackEndType } from '../../../window-contract/account.ts';
import { isEmail, isHttpUrl, normalizeBaseUrl } from '../../../mcp-server/contract/back-end-accounts.ts';
import { fieldOf, keychainAccount, MAX_WORKSPACE_LENGTH, secretHostProblem } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { api } from '../bridge.ts';
import { Badge, Button, ErrorText, Field, LoadError, Loading, ScreenHeader, StatusText, Switch } from '../components.tsx';
import { useAction, useFocusFirstInvalid, useReadyMark } from '../hooks.ts';
import { stores, useStore } from '../store.ts';

export function AccountScreen() {
  const { data, error } = useStore(stores.account);
  useReadyMark('account', data !== undefined);
  return (
    <>
      <ScreenHeader title="Account">Where your time is kept: the timesheet on this computer, or the back end your company uses.</ScreenHeader>
      {error && !data && <LoadError message={error} onRetry={() => void stores.account.load()} />}
      {data ? <AccountForm saved={data} /> : !error && <Loading what="Loading account" className="account-placeholder" />}
    </>
  );
}

interface FormState {
  type: BackEndType;
  url: string;
  email: string;
  token: string;
  caFile: string;
  allowInsecureTls: boolean;
  workspace: string;
}

const EMPTY: Omit<FormState, 'type'> = { url: '', email: '', token: '', caFile: '', allowInsecureTls: false, workspace: '' };

function choiceOf(view: AccountView, type: BackEndType): BackEndChoice | undefined {
  return view.choices.find((choice) => choice.type === type);
}

function fromView(view: AccountView): FormState {
  const provider: { type: BackEndType; url?: string; email?: string; caFile?: string | null; allowInsecureTls?: boolean; workspace?: string | null } =
    view.provider;
  const defaultUrl = fieldOf(choiceOf(view, provider.type) ?? { fields: [] }, 'url')?.default;
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
  };
}

/**
 * The keychain account the form's secret would be filed under, as main files it; null for a back end
 * without a secret. A secret saved for another account is not this one's.
 */
function secretAccount(form: FormState, choice: BackEndChoice | undefined): string | null {
  if (!choice?.secret) return null;
  // An empty optional address is the back end's own, filed as main files it.
  const url = form.url.trim() === '' ? (fieldOf(choice, 'url')?.default ?? form.url) : form.url;
  return keychainAccount(choice, { url, email: form.email });
}

/** The form's values as main takes them: each field the back end has, an empty optional one as null. */
function providerRequest(form: FormState, choice: BackEndChoice): ProviderRequest {
  const request: ProviderRequest = { type: form.type };
  for (const field of choice.fields) {
    if (field.kind === 'url') request.url = field.default === undefined ? form.url.trim() : form.url.trim() || null;
    if (field.kind === 'email') request.email = form.email.trim();
    if (field.kind === 'workspace') request.workspace = form.workspace.trim() || null;
    if (field.kind === 'tls') Object.assign(request, { caFile: form.caFile.trim() || null, allowInsecureTls: form.allowInsecureTls });
  }
  return request;
}

function AccountForm({ saved }: { saved: AccountView }) {
  const id = useId();
  const [form, setForm] = useState<FormState>(() => fromView(saved));
  // What was typed for each back end, so switching back and forth loses nothing and one back end's
  // address never becomes another's.
  const drafts = useRef<Partial<Record<BackEndType, FormState>>>({});
  // The optional sections stay as the person opened or closed them; a problem inside opens them.
  const [addressOpen, setAddressOpen] = useState(() => fieldOf(choiceOf(saved, form.type) ?? { fields: [] }, 'url')?.default !== undefined && form.url !== '');
  const [certificatesOpen, setCertificatesOpen] = useState(() => form.caFile !== '' || form.allowInsecureTls);
  const [errors, setErrors] = useState<Partial<Record<'url' | 'email' | 'token', string>>>({});
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const choice = choiceOf(saved, form.type);
  const savedChoice = choiceOf(saved, saved.provider.type);
  const savedAccount = savedChoice?.secret ? keychainAccount(savedChoice, saved.provider as { url?: string; email?: string }) : null;
  const tokenSavedForUrl = saved.hasCredential && savedAccount !== null && savedAccount === secretAccount(form, choice);
  const secretName = choice?.secret?.name || 'API token';
  // What Forget removes: the saved back end's secret, whichever back end the form shows.
  const savedSecretName = savedChoice?.secret?.name || 'API token';
  const urlField = choice && fieldOf(choice, 'url');
  const urlRequired = urlField !== undefined && urlField.default === undefined;
  const urlOptional = urlField?.default !== undefined;
  const emailField = choice && fieldOf(choice, 'email');
  const example = urlField?.example ?? 'https://example.com';

  const set = <K extends Exclude<keyof FormState, 'type'>>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setTest(null);
    if (key === 'url' || key === 'email' || key === 'token') setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const switchTo = (type: BackEndType) => {
    drafts.current[form.type] = form;
    const fromSaved = fromView(saved);
    setForm(drafts.current[type] ?? (fromSaved.type === type ? fromSaved : { ...EMPTY, type }));
    setTest(null);
    setErrors({});
    action.clear();
  };

  const request = (forSave: boolean) => {
    const found: typeof errors = {};
    const url = form.url.trim();
    if (urlRequired && !url) found.url = `Enter the address of your ${choice?.label}, such as ${example}.`;
    else if (urlField && url && !isHttpUrl(url)) found.url = `That is not a web address; it looks like ${example}.`;
    else if (choice && url) {
      // The engine's own rule: where a back end names its API hosts (Clockify's), its key goes only to those, or to a server on this computer.
      const problem = secretHostProblem(choice, normalizeBaseUrl(url));
      if (problem) found.url = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
    }
    if (emailField) {
      const email = form.email.trim();
      if (!email) found.email = `Enter the e-mail you sign in to ${choice?.label} with.`;
      else if (!isEmail(email)) found.email = 'That is not an e-mail address; it looks like ada@example.com.';
    }
    if (choice?.secret && !form.token && !tokenSavedForUrl && forSave) {
      found.token = `Paste your ${secretName}: Punchcard has none saved for this account.`;
    }
    setErrors(found);
    if (found.url && urlOptional) setAddressOpen(true);
    if (Object.keys(found).length > 0) {
      flagProblems();
      return null;
    }
    const provider = choice ? providerRequest(form, choice) : { type: form.type };
    return { provider, ...(form.token ? { token: form.token } : {}) };
  };

  const testConnection = async () => {
    setTest(null);
    const input = request(false);
    if (!input) return;
    const result = await action.run('test', () => api.testConnection(input));
    if (result) setTest(result);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTest(null);
    const input = request(true);
    if (!input) return;
    const result = await action.run('save', () => api.saveAccount(input), 'Saved.');
    if (result) {
      stores.account.set(result);
      setForm((current) => ({ ...current, token: '' }));
      backEndChanged();
    }
  };

  const forget = async () => {
    const result = await action.run('forget', () => api.forgetCredential(), `The ${savedSecretName} is no longer in your keychain.`);
    if (result) {
      stores.account.set(result);
      backEndChanged();
    }
  };

  return (
    <form className="account-form" onSubmit={(event) => void save(event)} noValidate ref={formRef}>
      <fieldset className="card choices" aria-describedby={saved.organisation ? `${id}-organisation` : undefined}>
        <legend>Back end</legend>
        {saved.organisation && (
          <p className="locked" id={`${id}-organisation`}>
            <Badge kind="neutral">Set by your organisation</Badge> {saved.organisation.note}
          </p>
        )}
        {saved.choices.map((option) => (
          <label key={option.type} className={`choice${form.type === option.type ? ' selected' : ''}`}>
            <input
              type="radio"
              name={`${id}-type`}
              value={option.type}
              checked={form.type === option.type}
              disabled={saved.organisation?.allowed ? !saved.organisation.allowed.includes(option.type) : false}
              onChange={() => switchTo(option.type)}
            />
            <span>
              <strong>{option.label}</strong>
              <span className="muted">{option.app.summary}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {choice && (choice.fields.length > 0 || choice.secret) && (
        <div className={`card account-fields ${choice.type}`}>
          {urlRequired && (
            <Field label={`${choice.label} address`} error={errors.url} hint={`The address you open ${choice.label} at in your browser.`}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                  spellCheck={false}
                  placeholder={example}
                  value={form.url}
                  readOnly={saved.organisation?.fixed === true}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => set('url', event.currentTarget.value)}
                />
              )}
            </Field>
          )}
          {emailField && (
            <Field label={emailField.label} error={errors.email} hint={emailField.hint}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  type="email"
                  inputMode="email"
                  autoComplete="username"
                  spellCheck={false}
                  placeholder="ada@example.com"
                  value={form.email}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => set('email', event.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <Field
            label={secretName}
            error={errors.token}
            hint={
              <>
                {tokenSavedForUrl
                  ? `Your ${secretName} for this account is saved in your system keychain; type a new one to replace it. `
                  : 'Kept in your system keychain, never in a file. '}
                {choice.secret && (
                  <Button kind="link" className="inline" onClick={() => void action.run('help', () => api.openLink({ id: choice.secret?.help.id as LinkId }))}>
                    Where to find your {secretName}
                  </Button>
                )}
              </>
            }
          >
            {({ id: fieldId, describedBy, invalid }) => (
              <input
                id={fieldId}
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder={tokenSavedForUrl ? '••••••••  (saved)' : `Paste your ${secretName}`}
                value={form.token}
                aria-invalid={invalid || undefined}
                // The note (whose key it is, whom it is used for) is read with the field.
                aria-describedby={[describedBy, choice.secret?.note ? `${id}-note` : ''].filter(Boolean).join(' ') || undefined}
                onChange={(event) => set('token', event.currentTarget.value)}
              />
            )}
          </Field>
          {choice.secret?.note && (
            <p className="message note" id={`${id}-note`}>
              {choice.secret.note}
            </p>
          )}
          {fieldOf(choice, 'workspace') && (
            <Field
              label="Workspace (optional)"
              hint={`The ${choice.label} workspace to track in, by its name or id; empty means the one you last used in ${choice.label}.`}
            >
              {({ id: fieldId, describedBy }) => (
                <input
                  id={fieldId}
                  spellCheck={false}
                  autoComplete="off"
                  placeholder="Your active workspace"
                  maxLength={MAX_WORKSPACE_LENGTH}
                  value={form.workspace}
                  aria-describedby={describedBy}
                  onChange={(event) => set('workspace', event.currentTarget.value)}
                />
              )}
            </Field>
          )}
          {urlOptional && (
            <details className="advanced" open={addressOpen} onToggle={(event) => setAddressOpen(event.currentTarget.open)}>
              <summary>Address</summary>
              <div className="advanced-body">
                <Field
                  label={`${choice.label} address (optional)`}
                  error={errors.url}
                  hint={urlField?.hint ?? `Only for a test server; empty means ${example}.`}
                >
                  {({ id: fieldId, describedBy, invalid }) => (
                    <input
                      id={fieldId}
                      type="url"
                      inputMode="url"
                      spellCheck={false}
                      placeholder={example}
                      value={form.url}
                      aria-invalid={invalid || undefined}
                      aria-describedby={describedBy}
                      onChange={(event) => set('url', event.currentTarget.value)}
                    />
                  )}
                </Field>
              </div>
            </details>
          )}
          {fieldOf(choice, 'tls') && (
            <details className="advanced" open={certificatesOpen} onToggle={(event) => setCertificatesOpen(event.currentTarget.open)}>
              <summary>Certificates</summary>
              <div className="advanced-body">
                <Field
                  label="CA certificate file (optional)"
                  hint={`A PEM file with your company’s certificate authority, when ${choice.label}’s certificate is issued by it.`}
                >
                  {({ id: fieldId, describedBy }) => (
                    <input
                      id={fieldId}
                      spellCheck={false}
                      placeholder="/path/to/company-ca.pem"
                      value={form.caFile}
                      aria-describedby={describedBy}
                      onChange={(event) => set('caFile', event.currentTarget.value)}
                    />
                  )}
                </Field>
                <Switch
                  checked={form.allowInsecureTls}
                  onChange={(checked) => set('allowInsecureTls', checked)}
                  describedBy={form.allowInsecureTls ? `${id}-tls-warning` : undefined}
                  label={`Allow insecure TLS (do not check ${choice.label}’s certificate)`}
                />
                {form.allowInsecureTls && (
                  <p className="message warning" id={`${id}-tls-warning`}>
                    Anyone between you and {choice.label} could read your {secretName.split(' ').at(-1)?.toLowerCase()} and your timesheet. Use this only for a
                    test server; for a company certificate, give the CA file instead.
                  </p>
                )}
              </div>
            </details>
          )}
        </div>
      )}

      {saved.credentialProblem && (
        <p className="message warning" role="alert">
          Punchcard could not ask the system keychain: {saved.credentialProblem}
        </p>
      )}
      <div className="form-actions">
        <Button busy={action.pending === 'test'} busyLabel="Testing…" onClick={() => void testConnection()}>
          Test connection
        </Button>
        <Button kind="primary" submit busy={action.pending === 'save'} busyLabel="Saving…">
          Save
        </Button>
        {saved.hasCredential && (
          <Button kind="danger" busy={action.pending === 'forget'} busyLabel="Forgetting…" onClick={() => void forget()}>
            Forget {savedSecretName}
          </Button>
        )}
      </div>
      <StatusText message={test?.ok ? test.message : action.done?.message} className="success" />
      <ErrorText message={test && !test.ok ? test.message : null} />
      <ErrorText message={action.error?.message} />
      {Object.keys(errors).some((key) => errors[key as keyof typeof errors]) && <ErrorText message="Check the highlighted fields." />}
    </form>
  );
}

/**
 * Another back end (or none reachable) means other tools, another timer and other projects, and
 * perhaps a work week, holidays and leave that the back end keeps.
 */
function backEndChanged(): void {
  void stores.tools.load();
  void stores.status.load();
  void stores.preferences.load();
}
