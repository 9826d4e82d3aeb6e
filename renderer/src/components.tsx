// The few controls every screen shares. Buttons stay focusable while busy (aria-disabled rather than
// disabled, so keyboard focus does not fall back to the page), and every message is announced. A
// button whose action cannot be taken here at all (a locked week's Edit) is disabled outright instead.
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type ReactNode, type Ref } from 'react';

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  kind?: 'primary' | 'plain' | 'danger' | 'link';
  /** Shown instead of the children while the action runs. */
  busyLabel?: string | undefined;
  busy?: boolean | undefined;
  /**
   * The action cannot be taken here at all (a locked week's Edit): the button is disabled as the browser
   * has it, shown greyed, out of the Tab order, taking no click. Say why with aria-describedby.
   */
  unavailable?: boolean | undefined;
  submit?: boolean;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({ kind = 'plain', busy = false, busyLabel, submit = false, disabled, unavailable, className, children, onClick, ...rest }: ButtonProps) {
  const inactive = busy || disabled;
  return (
    <button
      {...rest}
      type={submit ? 'submit' : 'button'}
      className={`button ${kind}${className ? ` ${className}` : ''}`}
      disabled={unavailable === true}
      aria-disabled={inactive && !unavailable ? true : undefined}
      aria-busy={busy ? true : undefined}
      onClick={(event) => {
        if (inactive) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A failure, announced at once. Renders nothing without a message. */
export function ErrorText({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="message error" role="alert" id={id}>
      {message}
    </p>
  );
}

/**
 * A live region that is always present (so screen readers pick up what appears in it), showing a
 * success or progress message when there is one.
 */
export function StatusText({ message, className }: { message: string | null | undefined; className?: string }) {
  return (
    <p className={`message status${className ? ` ${className}` : ''}`} role="status" aria-live="polite">
      {message ?? ''}
    </p>
  );
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge ${kind}`}>{children}</span>;
}

interface SwitchProps {
  checked: boolean;
  /** A group's switch: always a checkbox, so that it can be announced as "mixed". */
  tristate?: boolean;
  /** The group's members differ: shown half-way. */
  mixed?: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  /** Visually hidden label text when `label` is only decoration. */
  ariaLabel?: string;
  describedBy?: string | undefined;
  disabled?: boolean;
  busy?: boolean;
  className?: string;
}

/**
 * A native checkbox drawn as a switch. Plain switches carry role="switch"; a tri-state one stays a
 * checkbox, because only checkboxes can be announced as mixed (the `indeterminate` property).
 */
export function Switch({
  checked,
  tristate = false,
  mixed = false,
  onChange,
  label,
  ariaLabel,
  describedBy,
  disabled = false,
  busy = false,
  className,
}: SwitchProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <label className={`switch${mixed ? ' mixed' : ''}${busy ? ' busy' : ''}${disabled ? ' disabled' : ''}${className ? ` ${className}` : ''}`}>
      <span className="control">
        <input
          ref={ref}
          type="checkbox"
          role={tristate ? undefined : 'switch'}
          checked={checked && !mixed}
          disabled={disabled}
          aria-busy={busy ? true : undefined}
          aria-label={ariaLabel}
          aria-describedby={describedBy}
          onChange={(event) => {
            if (!busy) onChange(mixed ? true : event.currentTarget.checked);
          }}
        />
        <span className="track" aria-hidden="true">
          <span className="knob" />
        </span>
      </span>
      <span className="switch-label">{label}</span>
    </label>
  );
}

interface FieldProps {
  label: ReactNode;
  /** Help under the control. */
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its hint and its validation message wired up by id. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

interface ConfirmProps {
  /** The question, shown and named: "Delete this entry?". */
  question: string;
  /** Shown before the buttons; the question's words where left out. */
  prompt?: string;
  confirmLabel: string;
  busyLabel: string;
  keepLabel: string;
  busy: boolean;
  /** How the confirming button looks: red for a step that takes something away (the default), blue for one that adds. */
  confirmKind?: 'danger' | 'primary';
  onConfirm(): void;
  /** Backing out: the keep button or Escape. */
  onKeep(): void;
}

/**
 * A second word before a destructive step, in place of the button that asked for it. Focus starts on
 * the destructive button; the keep button and Escape back out, and the caller puts focus back where
 * the person was.
 */
export function Confirm({ question, prompt, confirmLabel, busyLabel, keepLabel, busy, confirmKind = 'danger', onConfirm, onKeep }: ConfirmProps) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onKeep();
      }}
    >
      <span>{prompt ?? question}</span>
      <Button ref={confirmRef} kind={confirmKind} busy={busy} busyLabel={busyLabel} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button onClick={onKeep}>{keepLabel}</Button>
    </span>
  );
}

/** The screen's title row, with a short line under it. */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      {children && <p className="lead">{children}</p>}
    </header>
  );
}

/** Where a screen's data failed to load, with a way to try again. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="load-error">
      <ErrorText message={message} />
      <Button onClick={onRetry}>Try again</Button>
    </div>
  );
}

/**
 * Where a screen's data will be while it loads: a shape of its size (`className`) for the eye, and
 * words for a screen reader. The words are text: an aria-label on a plain div is dropped by screen
 * readers (ARIA names no role it has), so it would say nothing.
 */
export function Loading({ what, className }: { what: string; className?: string }) {
  return (
    <div className={`placeholder${className ? ` ${className}` : ''}`} aria-busy="true">
      <span className="sr-only">{what}</span>
    </div>
  );
}
