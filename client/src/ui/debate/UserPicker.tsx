import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { PublicUser } from '../../../../shared/types.js';
import { isAbortError } from '../../api/errors.js';
import { lookupUsers, refusalMessage } from './new-debate-api.js';

/** Wait this long after the last keystroke before asking, so typing "moderator" is one request, not nine. */
const LOOKUP_DELAY_MS = 200;
/** The longest prefix the lookup route takes. */
const PREFIX_MAX = 40;

type Lookup =
  | { state: 'idle' }
  | { state: 'loading'; prefix: string }
  | { state: 'ready'; prefix: string; users: PublicUser[] }
  | { state: 'failed'; prefix: string; message: string };

export interface UserPickerProps {
  label: string;
  /** The chosen users, in the order they were chosen. */
  value: PublicUser[];
  onChange(users: PublicUser[]): void;
  /** 1 for a single choice (choosing another replaces it); any number when left out. */
  max?: number;
  /** Ids never offered, such as people already on another position. */
  exclude?: ReadonlySet<string>;
  /** A standing explanation under the input. */
  hint?: string;
  /** The current problem with the choice, announced with the input. */
  error?: string | undefined;
}

/**
 * Chooses users by name: a text input (ARIA combobox) with a listbox of suggestions from
 * GET /api/users/lookup. Arrow keys move through the suggestions, Enter chooses, Escape closes the
 * list (or clears the text). The chosen users are listed under it, each with a remove button.
 */
export function UserPicker({ label, value, onChange, max, exclude, hint, error }: UserPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const prefix = text.trimStart();
  // Cleared text: nothing to look up (reset while rendering, not in the effect).
  if (!prefix && lookup.state !== 'idle') setLookup({ state: 'idle' });

  useEffect(() => {
    if (!prefix) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLookup({ state: 'loading', prefix });
      lookupUsers(prefix, controller.signal).then(
        (users) => {
          setLookup({ state: 'ready', prefix, users });
          setActive(0);
        },
        (err: unknown) => {
          if (!isAbortError(err)) setLookup({ state: 'failed', prefix, message: refusalMessage(err) });
        },
      );
    }, LOOKUP_DELAY_MS);
    // A newer keystroke cancels both the wait and a request in flight, so an old answer never wins.
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [prefix]);

  const chosenIds = new Set(value.map((u) => u.id));
  const suggestions =
    lookup.state === 'ready' ? lookup.users.filter((u) => !chosenIds.has(u.id) && !exclude?.has(u.id)) : [];
  const expanded = open && suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (user: PublicUser) => {
    onChange(max === 1 ? [user] : [...value, user].slice(0, max ?? Infinity));
    setText('');
    setOpen(false);
    setActive(-1);
  };
  const remove = (user: PublicUser) => onChange(value.filter((u) => u.id !== user.id));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' && expanded) {
      // Enter chooses the highlighted suggestion instead of sending the form.
      event.preventDefault();
      const user = suggestions[Math.max(activeIndex, 0)];
      if (user) choose(user);
    } else if (event.key === 'Escape') {
      // Handled here (the list closes, or the text clears): whatever holds the picker leaves it alone.
      if (expanded) setOpen(false);
      else if (text) setText('');
      else return;
      event.preventDefault();
    }
  };

  let status = '';
  if (lookup.state === 'loading') status = 'Looking…';
  else if (lookup.state === 'failed') status = lookup.message;
  else if (lookup.state === 'ready' && prefix && open) {
    if (lookup.users.length === 0) status = `No one’s name starts with “${lookup.prefix}”.`;
    else if (suggestions.length === 0) status = `Everyone whose name starts with “${lookup.prefix}” is chosen already.`;
    else status = `${suggestions.length} found; use the arrow keys and Enter to choose.`;
  }
  const describedBy = [hint ? hintId : null, error ? errorId : null, statusId].filter(Boolean).join(' ');

  return (
    <div className={error ? 'field field--invalid user-picker' : 'field user-picker'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {value.length > 0 && (
        <ul className="user-picker__chosen" aria-label={`Chosen: ${label}`}>
          {value.map((user) => (
            <li key={user.id} className="user-picker__chip">
              <span dir="auto">{user.name}</span>
              <button
                type="button"
                className="user-picker__remove"
                aria-label={`Remove ${user.name} (${label})`}
                onClick={() => remove(user)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="user-picker__box">
        <input
          id={id}
          type="text"
          role="combobox"
          className="field__input"
          autoComplete="off"
          spellCheck={false}
          maxLength={PREFIX_MAX}
          placeholder={max === 1 && value.length > 0 ? 'Type a name to choose another' : 'Type the start of a name'}
          value={text}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={`Suggestions: ${label}`}
          className="user-picker__list"
          hidden={!expanded}
        >
          {suggestions.map((user, i) => (
            <li
              key={user.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'user-picker__option user-picker__option--active' : 'user-picker__option'}
              // Keep the focus in the input, so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(user)}
            >
              <span dir="auto">{user.name}</span>
              {user.role !== 'reader' && <span className="user-picker__role"> · {user.role}</span>}
            </li>
          ))}
        </ul>
      </div>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      <p
        id={statusId}
        className={lookup.state === 'failed' ? 'field__error' : 'field__hint'}
        role="status"
        aria-live="polite"
      >
        {status}
      </p>
    </div>
  );
}
