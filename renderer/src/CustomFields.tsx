// The tracker's custom fields of an entry in a form (issue 78): one labelled input per field by its
// type (a text, a number, a tick, one choice, several choices), those the entry must carry marked
// required. The engine's fields_required or field_value_invalid refusal is said here, beside the
// fields it names, which are marked invalid and given focus; what the person typed stays. Shared by
// the clock-in form (WorkForm.tsx) and the Timesheet's entry editor (EntryEditor.tsx).
import { useEffect, useRef } from 'react';
import type { Refusal } from '../../mcp-server/contract/outcomes/refusals.ts';
import { ErrorText } from './components.tsx';
import { fieldKey, refusedFieldNames, type AskedField, type FieldInput, type FieldInputs } from './custom-fields.ts';

interface CustomFieldsProps {
  /** The form's own id (useId): the inputs are named after it. */
  id: string;
  fields: readonly AskedField[];
  inputs: FieldInputs;
  onChange(name: string, input: FieldInput): void;
  /** The engine's refusal and its words, shown here when it is about these fields. */
  refusal: Refusal | undefined;
  message: string | undefined;
}

export function CustomFields({ id, fields, inputs, onChange, refusal, message }: CustomFieldsProps) {
  const group = useRef<HTMLFieldSetElement>(null);
  const refused = new Set(refusedFieldNames(refusal).map(fieldKey));
  const errorId = `${id}-fields-error`;
  const shownMessage = refused.size > 0 ? message : undefined;

  // The first field the refusal names is the one to fill in: focus goes there.
  useEffect(() => {
    if (shownMessage) group.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [shownMessage]);

  if (fields.length === 0) return null;
  return (
    <fieldset ref={group} className="custom-fields">
      <legend>Fields your tracker asks for</legend>
      <div className="custom-fields-inputs">
        {fields.map((field, index) => (
          <CustomField
            key={field.name}
            id={`${id}-cf${index}`}
            field={field}
            input={inputs[field.name]}
            invalid={refused.has(fieldKey(field.name))}
            errorId={shownMessage ? errorId : undefined}
            onChange={(input) => onChange(field.name, input)}
          />
        ))}
      </div>
      <ErrorText id={errorId} message={shownMessage} />
    </fieldset>
  );
}

interface CustomFieldProps {
  id: string;
  field: AskedField;
  input: FieldInput | undefined;
  invalid: boolean;
  /** The refusal's words, where they are shown: the invalid input is described by them. */
  errorId: string | undefined;
  onChange(input: FieldInput): void;
}

/** The field's name as its input's label, "required" beside it in sight (the input itself carries `required` for assistive technology). */
function FieldLabel({ id, field }: { id: string; field: AskedField }) {
  return (
    <label htmlFor={id}>
      {field.name}
      {field.requiredHere && (
        <span className="required-mark" aria-hidden="true">
          {' '}
          required
        </span>
      )}
    </label>
  );
}

function CustomField({ id, field, input, invalid, errorId, onChange }: CustomFieldProps) {
  const common = {
    id,
    required: field.requiredHere,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': invalid ? errorId : undefined,
  } as const;
  const text = typeof input === 'string' ? input : '';
  switch (field.type) {
    case 'checkbox':
      return (
        <div className="field custom-checkbox">
          <span className="check">
            <input {...common} type="checkbox" checked={input === true} onChange={(event) => onChange(event.currentTarget.checked)} />
            <FieldLabel id={id} field={field} />
          </span>
        </div>
      );
    case 'choice':
      return (
        <div className="field">
          <FieldLabel id={id} field={field} />
          <select {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)}>
            <option value="">Choose…</option>
            {(field.choices ?? []).map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
      );
    case 'choices':
      return <ChoicesField id={id} field={field} input={input} invalid={invalid} errorId={errorId} onChange={onChange} />;
    default:
      return (
        <div className="field">
          <FieldLabel id={id} field={field} />
          <input
            {...common}
            type="text"
            inputMode={field.type === 'number' ? 'decimal' : undefined}
            value={text}
            maxLength={5000}
            autoComplete="off"
            onChange={(event) => onChange(event.currentTarget.value)}
          />
        </div>
      );
  }
}

/** Several choices: a group of ticks under the field's name; the first carries the refusal's marks. */
function ChoicesField({ id, field, input, invalid, errorId, onChange }: CustomFieldProps) {
  const ticked = Array.isArray(input) ? input : [];
  const toggle = (choice: string, on: boolean) => onChange(on ? [...ticked, choice] : ticked.filter((item) => item !== choice));
  return (
    <fieldset className="field custom-choices" aria-describedby={invalid ? errorId : undefined}>
      <legend>
        {field.name}
        {/* Spoken with the group's name, as a group of ticks cannot carry `required`. */}
        {field.requiredHere && <span className="required-mark"> required</span>}
      </legend>
      {(field.choices ?? []).map((choice, index) => (
        <span className="check" key={choice}>
          <input
            id={`${id}-${index}`}
            type="checkbox"
            checked={ticked.includes(choice)}
            aria-invalid={invalid && index === 0 ? true : undefined}
            onChange={(event) => toggle(choice, event.currentTarget.checked)}
          />
          <label htmlFor={`${id}-${index}`}>{choice}</label>
        </span>
      ))}
    </fieldset>
  );
}
