// Administration, tags: the back end's tag list, archived ones marked, and a tag added after a second
// word, with a colour where one is given. Through the engine's manage_tags; the back end's refusal (a
// name it has already, a right missing) comes back in its words.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../bridge.ts';
import { Badge, Button, Field, LoadError, Loading, StatusText } from '../../components.tsx';
import { stores, useStore } from '../../store.ts';
import { ConfirmedChange, useConfirmedChange } from './ConfirmedChange.tsx';
import { quote } from './words.ts';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** What is wrong with a tag's name as Kimai and Clockify take one, or undefined. */
function nameProblem(name: string): string | undefined {
  if (name === '') return 'Give the new tag a name.';
  if (name.length < 2) return 'A tag name has at least 2 characters.';
  if (name.includes(',')) return 'A tag name cannot hold a comma: entries list their tags separated by commas.';
  return undefined;
}

export function TagsSection() {
  const { data, error } = useStore(stores.adminTags);
  const [name, setName] = useState('');
  const [color, setColor] = useState('');
  const [problems, setProblems] = useState<{ name?: string; color?: string }>({});
  const [said, setSaid] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    void stores.adminTags.ensure();
  }, []);

  const trimmed = name.trim();
  const colour = color.trim();
  const { formRef, openerRef, ...change } = useConfirmedChange(
    'add',
    () => api.addTag({ name: trimmed, ...(colour ? { color: colour } : {}) }),
    (result) => {
      stores.adminTags.set(result.view);
      setSaid(result.message);
      setName('');
      setColor('');
      setTimeout(() => nameRef.current?.focus());
    },
  );
  const ask = (event: FormEvent) => {
    event.preventDefault();
    const found = { name: nameProblem(trimmed), color: colour === '' || COLOUR.test(colour) ? undefined : 'Give the colour as #RRGGBB, or leave it empty.' };
    setProblems(found);
    change.ask(Boolean(found.name || found.color));
  };
  const question = `Create the tag ${quote(trimmed)}${colour ? ` in colour ${colour}` : ''}, for everyone’s entries?`;

  return (
    <section className="card admin-section admin-tags" aria-labelledby={`${id}-title`}>
      <div className="card-title">
        <h2 id={`${id}-title`}>Tags</h2>
        {data && <span className="total">{data.length === 1 ? '1 tag' : `${data.length} tags`}</span>}
      </div>
      {error && !data && <LoadError message={error} onRetry={() => void stores.adminTags.load()} />}
      {!data && !error && <Loading what="Loading the tags" />}
      {data && data.length === 0 && <p className="muted">No tags yet.</p>}
      {data && data.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {data.map((tag) => (
            <li key={tag.id}>
              {tag.color && (
                <svg className="tag-swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                  <circle cx="6" cy="6" r="5" fill={tag.color} />
                </svg>
              )}
              <span className="tag-name">{tag.name}</span>
              {tag.color && <span className="muted"> {tag.color}</span>}
              {tag.archived && <Badge kind="idle">Archived</Badge>}
            </li>
          ))}
        </ul>
      )}
      <StatusText message={said} />
      {data && (
        <form ref={formRef} className="admin-add" aria-labelledby={`${id}-add`} onSubmit={ask} noValidate>
          <h3 id={`${id}-add`}>Add a tag</h3>
          <div className="admin-fields">
            <Field label="Name" error={problems.name}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  ref={nameRef}
                  id={fieldId}
                  value={name}
                  maxLength={100}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => {
                    setName(event.currentTarget.value);
                    setProblems({ ...problems, name: undefined });
                  }}
                />
              )}
            </Field>
            <Field label="Colour (optional)" hint="As #RRGGBB, for example #3366cc." error={problems.color}>
              {({ id: fieldId, describedBy, invalid }) => (
                <input
                  id={fieldId}
                  value={color}
                  maxLength={7}
                  spellCheck={false}
                  aria-invalid={invalid || undefined}
                  aria-describedby={describedBy}
                  onChange={(event) => {
                    setColor(event.currentTarget.value);
                    setProblems({ ...problems, color: undefined });
                  }}
                />
              )}
            </Field>
          </div>
          <ConfirmedChange change={change} question={question} confirmLabel="Create" busyLabel="Creating…">
            <Button ref={openerRef} kind="primary" submit>
              Add tag
            </Button>
          </ConfirmedChange>
        </form>
      )}
    </section>
  );
}
