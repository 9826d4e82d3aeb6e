// Which back end Punchcard uses. A Kimai token, a Clockodo, Calamari or Clockify API key goes from this
// form to main and into the keychain; the window never sees a saved one, only whether there is one.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountView, ProviderChoice, ProviderType } from '../../../main/ipc/contract.ts';
import { CLOCKIFY_URL, CLOCKODO_URL, clockifyUrlProblem, credentialAccount, isEmail, isHttpUrl, MAX_WORKSPACE_LENGTH, normalizeBaseUrl } from '../../../mcp-server/contract/back-end-accounts.ts';
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
  type: ProviderType;
  url: string;
  email: string;
  token: string;
  caFile: string;
  allowInsecureTls: boolean;
  workspace: string;
}

const EMPTY: Omit<FormState, 'type'> = { url: '', email: '', token: '', caFile: '', allowInsecureTls: false, workspace: '' };

function fromView(view: AccountView): FormState {
  const provider = view.provider;
  if (provider.type === 'kimai') return { ...EMPTY, type: 'kimai', url: provider.url, caFile: provider.caFile ?? '', allowInsecureTls: provider.allowInsecureTls };
  // Clockodo's own address is the default and stays out of the field; a test server's shows.
  if (provider.type === 'clockodo') return { ...EMPTY, type: 'clockodo', email: provider.email, url: provider.url === CLOCKODO_URL ? '' : provider.url };
  if (provider.type === 'calamari') return { ...EMPTY, type: 'calamari', email: provider.email, url: provider.url };
  // Clockify's global address is the default and stays out of the field; a region's shows.
  if (provider.type === 'clockify') return { ...EMPTY, type: 'clockify', url: provider.url === CLOCKIFY_URL ? '' : provider.url, workspace: provider.workspace ?? '' };
  return { ...EMPTY, type: 'local' };
}

/** What an address looks like, per back end. */
const URL_EXAMPLES: Partial<Record<ProviderType, string>> = {
  kimai: 'https://kimai.example.com',
  calamari: 'https://your-company.calamari.io',
  clockodo: CLOCKODO_URL,
  clockify: `${CLOCKIFY_URL}/api`,
};

/** When the optional address is needed, per back end. */
const OPTIONAL_URL_HINTS: Partial<Record<ProviderType, string>> = {
  clockify: `For your region's address (euc1, use2, euw2 or apse2.clockify.me/api) or the developer one; empty means ${CLOCKIFY_URL}/api.`,
};

/**
 * The keychain account the form's secret would be filed under, as main files it; null for the local
 * timesheet. A secret saved for another account is not this one's.
 */
function secretAccount(form: FormState): string | null {
  if (form.type === 'local') return null;
  if (form.type === 'clockodo') return credentialAccount({ type: 'clockodo', email: form.email });
  // An empty Clockify address is its global one, filed as main files it.
  return credentialAccount({ type: form.type, url: form.type === 'clockify' && form.url.trim() === '' ? CLOCKIFY_URL : form.url });
}

function AccountForm({ saved }: { saved: AccountView }) {
  const id = useId();
  const [form, setForm] = useState<FormState>(() => fromView(saved));
  // What was typed for each back end, so switching back and forth loses nothing and one back end's
  // address never becomes another's.
  const drafts = useRef<Partial<Record<ProviderType, FormState>>>({});
  // The optional sections stay as the person opened or closed them; a problem inside opens them.
  const [addressOpen, setAddressOpen] = useState(() => (form.type === 'clockodo' || form.type === 'clockify') && form.url !== '');
  const [certificatesOpen, setCertificatesOpen] = useState(() => form.caFile !== '' || form.allowInsecureTls);
  const [errors, setErrors] = useState<Partial<Record<'url' | 'email' | 'token', string>>>({});
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const action = useAction();
  const { formRef, flagProblems } = useFocusFirstInvalid();
  const choice: ProviderChoice | undefined = saved.choices.find((option) => option.type === form.type);
  const savedAccount = saved.provider.type === 'local' ? null : credentialAccount(saved.provider);
  const tokenSavedForUrl = saved.hasCredential && savedAccount !== null && savedAccount === secretAccount(form);
  const secretName = choice?.secretName || 'API token';
  // What Forget removes: the saved back end's secret, whichever back end the form shows.
  const savedSecretName = saved.choices.find((option) => option.type === saved.provider.type)?.secretName || 'API token';

  const set = <K extends Exclude<keyof FormState, 'type'>>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setTest(null);
    if (key === 'url' || key === 'email' || key === 'token') setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const switchTo = (type: ProviderType) => {
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
    const example = URL_EXAMPLES[form.type] ?? 'https://example.com';
    if (choice?.url === 'required' && !url) found.url = `Enter the address of your ${choice.label}, such as ${example}.`;
    else if (choice && choice.url !== 'none' && url && !isHttpUrl(url)) found.url = `That is not a web address; it looks like ${example}.`;
    else if (form.type === 'clockify' && url) {
      // The engine's own rule: Clockify's key goes only to its API hosts, or to a server on this computer.
      const problem = clockifyUrlProblem(normalizeBaseUrl(url));
      if (problem) found.url = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
    }
    if (choice?.needsEmail) {
      const email = form.email.trim();
      if (!email) found.email = `Enter the e-mail you sign in to ${choice.label} with.`;
      else if (!isEmail(email)) found.email = 'That is not an e-mail address; it looks like ada@example.com.';
    }
    if (choice?.needsToken && !form.token && !tokenSavedForUrl && forSave) {
      found.token = `Paste your ${secretName}: Punchcard has none saved for this account.`;
    }
    setErrors(found);
    if (found.url && choice?.url === 'optional') setAddressOpen(true);
    if (Object.keys(found).length > 0) {
      flagProblems();
      return null;
    }
    const provider =
      form.type === 'kimai'
        ? { type: 'kimai' as const, url: form.url.trim(), caFile: form.caFile.trim() || null, allowInsecureTls: form.allowInsecureTls }
        : form.type === 'clockodo'
          ? { type: 'clockodo' as const, email: form.email.trim(), url: form.url.trim() || null }
          : form.type === 'calamari'
            ? { type: 'calamari' as const, url: form.url.trim(), email: form.email.trim() }
            : form.type === 'clockify'
              ? { type: 'clockify' as const, url: form.url.trim() || null, workspace: form.workspace.trim() || null }
              : { type: 'local' as const };
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
              <span className="muted">{option.summary}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {choice && choice.type !== 'local' && (
        <div className={`card account-fields ${choice.type}`}>
          {choice.url === 'required' && (
            <Field label={`${choice.label} address`} error={errors.url} hint={`The address you open ${choice.label} at in your browser.`}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                  spellCheck={false}
                  placeholder={URL_EXAMPLES[choice.type]}
                  value={form.url}
                  readOnly={saved.organisation?.fixed === true}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => set('url', event.currentTarget.value)}
                />
              )}
            </Field>
          )}
          {choice.needsEmail && (
            <Field
              label={choice.type === 'calamari' ? 'Your e-mail in Calamari' : `${choice.label} login`}
              error={errors.email}
              hint={
                choice.type === 'calamari'
                  ? 'The e-mail of your own Calamari account: Punchcard tracks time and leave for this person only.'
                  : `The e-mail address you sign in to ${choice.label} with.`
              }
            >
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
                {tokenSavedForUrl ? `Your ${secretName} for this account is saved in your system keychain; type a new one to replace it. ` : 'Kept in your system keychain, never in a file. '}
                {choice.secretHelp && (
                  <Button kind="link" className="inline" onClick={() => void action.run('help', () => api.openLink({ id: choice.secretHelp as NonNullable<ProviderChoice['secretHelp']> }))}>
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
                aria-describedby={[describedBy, choice.note ? `${id}-note` : ''].filter(Boolean).join(' ') || undefined}
                onChange={(event) => set('token', event.currentTarget.value)}
              />
            )}
          </Field>
          {choice.note && (
            <p className="message note" id={`${id}-note`}>
              {choice.note}
            </p>
          )}
          {choice.workspace && (
            <Field label="Workspace (optional)" hint="The Clockify workspace to track in, by its name or id; empty means the one you last used in Clockify.">
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
          {choice.url === 'optional' && (
            <details className="advanced" open={addressOpen} onToggle={(event) => setAddressOpen(event.currentTarget.open)}>
              <summary>Address</summary>
              <div className="advanced-body">
                <Field
                  label={`${choice.label} address (optional)`}
                  error={errors.url}
                  hint={OPTIONAL_URL_HINTS[choice.type] ?? `Only for a test server; empty means ${URL_EXAMPLES[choice.type] ?? 'the usual one'}.`}
                >
                  {({ id: fieldId, describedBy, invalid }) => (
                    <input
                      id={fieldId}
                      type="url"
                      inputMode="url"
                      spellCheck={false}
                      placeholder={URL_EXAMPLES[choice.type]}
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
          {choice.type === 'kimai' && (
            <details className="advanced" open={certificatesOpen} onToggle={(event) => setCertificatesOpen(event.currentTarget.open)}>
              <summary>Certificates</summary>
              <div className="advanced-body">
                <Field label="CA certificate file (optional)" hint="A PEM file with your company’s certificate authority, when Kimai’s certificate is issued by it.">
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
                  label="Allow insecure TLS (do not check Kimai’s certificate)"
                />
                {form.allowInsecureTls && (
                  <p className="message warning" id={`${id}-tls-warning`}>
                    Anyone between you and Kimai could read your token and your timesheet. Use this only for a test server; for a company
                    certificate, give the CA file instead.
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
