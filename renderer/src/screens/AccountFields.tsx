// The parts of the Account form (Account.tsx): the choice of back end, and the fields its descriptor
// names (its address, the e-mail it signs in with, its secret, its workspace, the optional address and
// the certificates). Each shows the form's state and hands a change to `set`; the form checks and sends the whole.
import type { AccountView, BackEndChoice, BackEndType } from '../../../window-contract/account.ts';
import { fieldOf, MAX_WORKSPACE_LENGTH } from '../../../mcp-server/contract/back-end-descriptor.ts';
import { Badge, Button, Field, Switch } from '../components.tsx';
import type { Chosen, Errors, FormState, SetField } from './account-form.ts';

export function BackEndChoices({ id, saved, type, onChoose }: { id: string; saved: AccountView; type: BackEndType; onChoose(type: BackEndType): void }) {
  return (
    <fieldset className="card choices" aria-describedby={saved.organisation ? `${id}-organisation` : undefined}>
      <legend>Back end</legend>
      {saved.organisation && (
        <p className="locked" id={`${id}-organisation`}>
          <Badge kind="neutral">Set by your organisation</Badge> {saved.organisation.note}
        </p>
      )}
      {saved.choices.map((option) => (
        <label key={option.type} className={`choice${type === option.type ? ' selected' : ''}`}>
          <input
            type="radio"
            name={`${id}-type`}
            value={option.type}
            checked={type === option.type}
            disabled={saved.organisation?.allowed ? !saved.organisation.allowed.includes(option.type) : false}
            onChange={() => onChoose(option.type)}
          />
          <span>
            <strong>{option.label}</strong>
            <span className="muted">{option.app.summary}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** What every field is given: the form's id, its state and problems, the back end it shows, and the way to change a field. */
interface PartProps {
  /** The form's useId: the parts' ids hang from it. */
  id: string;
  form: FormState;
  errors: Errors;
  choice: BackEndChoice;
  chosen: Chosen;
  set: SetField;
}

/** A section the person opens or closes; the form keeps which, and opens one with a problem inside. */
export interface Disclosure {
  open: boolean;
  setOpen(open: boolean): void;
}

interface FieldsProps extends Omit<PartProps, 'choice'> {
  /** The organisation's policy fixes the address. */
  addressFixed: boolean;
  address: Disclosure;
  certificates: Disclosure;
  /** Opens the page where the back end's secret is made, or its second one (Tempo's Jira API token). */
  onHelp(which?: 'secret' | 'second'): void;
}

/** The chosen back end's fields, in a card; nothing for a back end without any (the local timesheet). */
export function AccountFields({ chosen, addressFixed, address, certificates, onHelp, ...part }: FieldsProps) {
  const { choice } = chosen;
  if (!choice || (choice.fields.length === 0 && !choice.secret)) return null;
  const props = { ...part, choice, chosen };
  return (
    <div className={`card account-fields ${choice.type}`}>
      {chosen.urlRequired && <AddressField {...props} fixed={addressFixed} />}
      {chosen.emailField && <EmailField {...props} />}
      {/* A second secret goes with the site and the e-mail (Tempo's Jira API token); the back end's own then follows its host. */}
      {chosen.secondSecret && <SecondSecretField {...props} onHelp={() => onHelp('second')} />}
      {chosen.serviceField && <ServiceUrlField {...props} />}
      <SecretField {...props} onHelp={() => onHelp('secret')} />
      {fieldOf(choice, 'workspace') && <WorkspaceField {...props} />}
      {fieldOf(choice, 'account_id') && <AccountIdField {...props} />}
      {chosen.urlOptional && <OptionalAddress {...props} disclosure={address} />}
      {fieldOf(choice, 'tls') && <Certificates {...props} disclosure={certificates} />}
    </div>
  );
}

/** The address of a back end that has none of its own (Kimai). */
function AddressField({ form, errors, choice, chosen, set, fixed }: PartProps & { fixed: boolean }) {
  return (
    <Field
      label={chosen.urlField?.label ?? `${choice.label} address`}
      error={errors.url}
      hint={chosen.urlField?.hint ?? `The address you open ${choice.label} at in your browser.`}
    >
      {({ id: fieldId, describedBy, invalid }) => (
        <input
          id={fieldId}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={chosen.example}
          value={form.url}
          readOnly={fixed}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set('url', event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function EmailField({ form, errors, chosen, set }: PartProps) {
  if (!chosen.emailField) return null;
  return (
    <Field label={chosen.emailField.label} error={errors.email} hint={chosen.emailField.hint}>
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
  );
}

/** The secret (a token, an API key): typed here, kept in the keychain, never shown again; with its note where it has one. */
function SecretField({ id, form, errors, choice, chosen, set, onHelp }: PartProps & { onHelp(): void }) {
  const { secretName, tokenSavedForUrl } = chosen;
  const hint = (
    <>
      {tokenSavedForUrl
        ? (chosen.savedSecretWords ?? `Your ${secretName} for this account is saved in your system keychain; type a new one to replace it. `)
        : 'Kept in your system keychain, never in a file. '}
      {choice.secret && (
        <Button kind="link" className="inline" onClick={onHelp}>
          Where to find your {secretName}
        </Button>
      )}
    </>
  );
  return (
    <>
      <Field label={secretName} error={errors.token} hint={hint}>
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
    </>
  );
}

/** The second secret (Tempo's Jira API token): typed here, kept in the keychain under its own login, never shown again. */
function SecondSecretField({ id, form, errors, chosen, set, onHelp }: PartProps & { onHelp(): void }) {
  const { secondSecretName, secondSavedForAccount, secondSecret } = chosen;
  const hint = (
    <>
      {secondSavedForAccount
        ? `Your ${secondSecretName} for this login is saved in your system keychain; type a new one to replace it. `
        : `Kept in your system keychain, never in a file; sent to the ${secondSecret?.service} site alone. `}
      <Button kind="link" className="inline" onClick={onHelp}>
        Where to find your {secondSecretName}
      </Button>
    </>
  );
  return (
    <Field label={secondSecretName} error={errors.secondToken} hint={hint}>
      {({ id: fieldId, describedBy, invalid }) => (
        <input
          id={fieldId}
          name={`${id}-second-secret`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={secondSavedForAccount ? '••••••••  (saved)' : `Paste your ${secondSecretName}`}
          value={form.secondToken}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set('secondToken', event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The back end's own API host beside its site (Tempo's), a choice of its hosts; a test server's, where saved, among them. */
function ServiceUrlField({ form, chosen, set }: PartProps) {
  const field = chosen.serviceField;
  if (!field) return null;
  const current = form.serviceUrl.trim() || field.default;
  const choices = field.choices.some((choice) => choice.url === current) ? field.choices : [...field.choices, { url: current, label: current }];
  return (
    <Field
      label={`${field.service} host`}
      hint={`Where ${field.service}'s API answers for your site: the host of its region, or any region's. Your ${chosen.secretName} goes there alone.`}
    >
      {({ id: fieldId, describedBy }) => (
        <select
          id={fieldId}
          value={current}
          aria-describedby={describedBy}
          onChange={(event) => set('serviceUrl', event.currentTarget.value === field.default ? '' : event.currentTarget.value)}
        >
          {choices.map((choice) => (
            <option key={choice.url} value={choice.url}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function WorkspaceField({ form, choice, set }: PartProps) {
  return (
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
  );
}

function AccountIdField({ form, choice, set }: PartProps) {
  return (
    <Field
      label="Account id (optional)"
      hint={`The ${choice.label} account to track in, by its id (digits); empty means the only ${choice.label} account your token reaches.`}
    >
      {({ id: fieldId, describedBy }) => (
        <input
          id={fieldId}
          spellCheck={false}
          autoComplete="off"
          inputMode="numeric"
          placeholder="Your only account"
          maxLength={20}
          value={form.accountId}
          aria-describedby={describedBy}
          onChange={(event) => set('accountId', event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The address of a back end that has its own (Clockodo, Clockify): only for a test server or a region. */
function OptionalAddress({ form, errors, choice, chosen, set, disclosure }: PartProps & { disclosure: Disclosure }) {
  return (
    <details className="advanced" open={disclosure.open} onToggle={(event) => disclosure.setOpen(event.currentTarget.open)}>
      <summary>Address</summary>
      <div className="advanced-body">
        <Field
          label={`${choice.label} address (optional)`}
          error={errors.url}
          hint={chosen.urlField?.hint ?? `Only for a test server; empty means ${chosen.example}.`}
        >
          {({ id: fieldId, describedBy, invalid }) => (
            <input
              id={fieldId}
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder={chosen.example}
              value={form.url}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set('url', event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </details>
  );
}

/** A company's certificate authority, or (for a test server) no check at all, said plainly. */
function Certificates({ id, form, choice, chosen, set, disclosure }: PartProps & { disclosure: Disclosure }) {
  return (
    <details className="advanced" open={disclosure.open} onToggle={(event) => disclosure.setOpen(event.currentTarget.open)}>
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
            Anyone between you and {choice.label} could read your {chosen.secretName.split(' ').at(-1)?.toLowerCase()} and your timesheet. Use this only for a
            test server; for a company certificate, give the CA file instead.
          </p>
        )}
      </div>
    </details>
  );
}
